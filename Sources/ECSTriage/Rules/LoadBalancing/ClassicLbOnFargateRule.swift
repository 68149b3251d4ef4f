/// A Classic Load Balancer registers EC2 instances only; awsvpc tasks (all
/// of Fargate) have their own network interface and can be reached only
/// through an Application or Network Load Balancer with an `ip` target group.
struct ClassicLbOnFargateRule: Rule {
    static let description = RuleDescription(
        id: "classic-lb-on-fargate", title: "Classic Load Balancer attached to a Fargate or awsvpc service",
        category: .loadBalancing, severity: .critical,
        needs: [.services, .taskDefinitions],
        examples: [
            .triggers("Fargate service with loadBalancerName", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", classicLoadBalancer: "web-classic")),
                #""LoadBalancerDescriptions": [{"LoadBalancerName": "web-classic", "Scheme": "internet-facing"}]"#),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .quiet("Fargate service on an ip target group", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")))),
            .quiet("bridge service on a Classic Load Balancer", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", launchType: "EC2", classicLoadBalancer: "web-classic")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"])))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        for workload in context.index.workloads {
            guard let service = workload.service, workload.networkMode == "awsvpc" else { continue }
            for attachment in service.loadBalancers where attachment.targetGroupArn == nil {
                guard let name = attachment.loadBalancerName else { continue }
                var evidence = [Evidence(attachment.location + "/loadBalancerName", "\(service.serviceName) names the Classic Load Balancer \(name)")]
                evidence.append(workload.isFargate
                    ? Evidence(service.location, "\(service.serviceName) runs on Fargate, which always uses the awsvpc network mode")
                    : Evidence((workload.taskDefinition?.location ?? service.location) + "/networkMode", "\(workload.taskDefinition?.familyRevision ?? service.serviceName) uses the awsvpc network mode"))
                if let classic = context.index.classicLoadBalancer(named: name) {
                    evidence.append(Evidence(classic.location, "\(name) is a Classic Load Balancer (aws elb), which registers instances only"))
                }
                let port = attachment.containerPort.map(String.init) ?? "<container-port>"
                let container = attachment.containerName ?? "<container>"
                let label = ServiceTarget.label(service.serviceName)
                findings.append(Self.description.finding(
                    title: "\(service.serviceName) uses the Classic Load Balancer \(name), which cannot reach awsvpc tasks",
                    resources: [workload.resource, .classicLoadBalancer(name)],
                    evidence: evidence,
                    fix: Fix(summary: "Replace \(name) with an Application (or Network) Load Balancer and a target group of type ip",
                             steps: ["Create an ALB (HTTP/HTTPS) or NLB (TCP) in the VPC, with a target group of --target-type ip on port \(port).",
                                     "Add a listener that forwards to the target group.",
                                     "Attach the target group to the service instead of loadBalancerName (update-service --load-balancers for rolling deployments; recreate the service for CODE_DEPLOY).",
                                     "Move the DNS name from the Classic Load Balancer to the new one, then delete it."],
                             commands: ["aws elbv2 create-target-group --name \(service.serviceName)-ip --target-type ip --protocol HTTP --port \(port) --vpc-id <vpc-id> --health-check-path <path>",
                                        "aws elbv2 create-listener --load-balancer-arn <alb-arn> --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=<new-target-group-arn>",
                                        "aws ecs update-service --cluster \(workload.clusterName) --service \(service.serviceName) --load-balancers targetGroupArn=<new-target-group-arn>,containerName=\(container),containerPort=\(port)"],
                             terraform: "resource \"aws_lb_target_group\" \"\(label)\" {\n  target_type = \"ip\"\n  port        = \(port)\n  protocol    = \"HTTP\"\n  vpc_id      = var.vpc_id\n}\nresource \"aws_ecs_service\" \"\(label)\" {\n  load_balancer {\n    target_group_arn = aws_lb_target_group.\(label).arn # instead of elb_name = \"\(name)\"\n    container_name   = \"\(container)\"\n    container_port   = \(port)\n  }\n}")))
            }
        }
        return findings
    }
}
