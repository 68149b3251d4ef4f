import Testing
@testable import ECSTriage

/// Configurations that look like a load-balancing or task-definition defect
/// and are not: the whole analysis must report nothing.
struct NearMissTests {
    static let healthyTargets = Fixture.targetHealth("web-tg", state: "healthy")
    static let subnets = Fixture.array("Subnets", Fixture.subnet("subnet-a", az: "us-east-1a"))

    static let cases: [(name: String, input: String)] = [
        ("ALB with an ip target group for a Fargate service", Fixture.snapshot(
            Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
            Fixture.array("taskDefinitions", Fixture.taskDefinition()),
            Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", targetType: "ip")),
            Fixture.array("LoadBalancers", Fixture.loadBalancer()),
            Fixture.array("SecurityGroups", Fixture.securityGroup("sg-task", allowing: 8080...8080), Fixture.securityGroup("sg-alb")),
            subnets, healthyTargets)),
        ("bridge with dynamic host ports and the ALB allowed on 32768-65535", Fixture.snapshot(
            Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", launchType: "EC2")),
            Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"],
                                                                    portMappings: #"[{"containerPort": 8080, "hostPort": 0, "protocol": "tcp"}]"#)),
            Fixture.array("tasks", LbSgBlocksTaskPortRule.bridgeTask),
            #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/ci1", "ec2InstanceId": "i-0a1"}]"#,
            #""Reservations": [{"Instances": [{"InstanceId": "i-0a1", "SubnetId": "subnet-a", "SecurityGroups": [{"GroupId": "sg-instance"}]}]}]"#,
            Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", targetType: "instance")),
            Fixture.array("LoadBalancers", Fixture.loadBalancer()),
            Fixture.array("SecurityGroups", Fixture.securityGroup("sg-instance", allowing: 32768...65535), Fixture.securityGroup("sg-alb")),
            subnets, healthyTargets)),
        ("Matcher 200-399 with 302 responses", Fixture.snapshot(
            Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", events: [
                "(service web) (port 8080) is unhealthy in (target-group \(Fixture.targetGroupArn("web-tg"))) due to (reason Health checks failed with these codes: [302])."])),
            Fixture.array("taskDefinitions", Fixture.taskDefinition()),
            Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", matcher: "200-399")),
            healthyTargets)),
        ("a grace period longer than the start time", Fixture.snapshot(
            Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", extraJSON: #", "healthCheckGracePeriodSeconds": 120"#)),
            Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"], "startPeriod": 30}"#)),
            Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
            healthyTargets)),
        ("a Fargate definition with cpu \"1 vCPU\" and memory \"2GB\"", Fixture.snapshot(
            Fixture.array("services", Fixture.service("web")),
            Fixture.array("taskDefinitions", Fixture.taskDefinition(cpu: "1 vCPU", memory: "2GB")))),
        ("a health check on traffic-port", Fixture.snapshot(
            Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
            Fixture.array("taskDefinitions", Fixture.taskDefinition()),
            Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPort: "traffic-port")),
            healthyTargets)),
    ]

    @Test(arguments: cases.map(\.name))
    func producesNoFinding(_ name: String) throws {
        let input = Self.cases.first { $0.name == name }!.input
        let findings = try TestSupport.analyze(input).findings
        #expect(findings.isEmpty, "\(name): \(findings.map { "\($0.ruleId) \($0.primaryResource)" })")
    }
}
