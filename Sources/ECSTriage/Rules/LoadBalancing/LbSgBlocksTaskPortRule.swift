/// The load balancer cannot reach the tasks: the security groups on the
/// targets (the task ENI for awsvpc, the container instance for bridge and
/// host) do not admit the load balancer's security groups, or its subnets
/// when it has none, on the port targets are registered with. Bridge tasks
/// with dynamic host ports need the whole ephemeral range 32768-65535.
struct LbSgBlocksTaskPortRule: Rule {
    static let description = RuleDescription(
        id: "lb-sg-blocks-task-port", title: "Task security group does not admit the load balancer on the container port",
        category: .loadBalancing, severity: .critical, explains: [.targetUnhealthy],
        needs: [.services, .taskDefinitions, .targetGroups, .loadBalancers, .securityGroups],
        examples: [
            .triggers("task SG allows the ALB on 80, container on 8080", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()),
                Fixture.array("SecurityGroups", Fixture.securityGroup("sg-task", allowing: 80...80), Fixture.securityGroup("sg-alb"))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .triggers("same, targets time out", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()),
                Fixture.array("SecurityGroups", Fixture.securityGroup("sg-task"), Fixture.securityGroup("sg-alb")),
                Fixture.targetHealth("web-tg", reason: "Target.Timeout", description: "Request timed out")),
                resources: [Fixture.serviceArn("web")], confidence: .confirmed),
            .triggers("bridge with dynamic ports, instance SG allows only 80", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", launchType: "EC2")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"],
                                                                        portMappings: #"[{"containerPort": 8080, "hostPort": 0, "protocol": "tcp"}]"#)),
                Fixture.array("tasks", bridgeTask),
                #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/ci1", "ec2InstanceId": "i-0a1"}]"#,
                #""Reservations": [{"Instances": [{"InstanceId": "i-0a1", "SubnetId": "subnet-a", "SecurityGroups": [{"GroupId": "sg-instance"}]}]}]"#,
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", targetType: "instance")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()),
                Fixture.array("SecurityGroups", Fixture.securityGroup("sg-instance", allowing: 80...80), Fixture.securityGroup("sg-alb"))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .quiet("bridge with dynamic ports, ALB allowed on 32768-65535", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", launchType: "EC2")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"],
                                                                        portMappings: #"[{"containerPort": 8080, "hostPort": 0, "protocol": "tcp"}]"#)),
                Fixture.array("tasks", bridgeTask),
                #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/ci1", "ec2InstanceId": "i-0a1"}]"#,
                #""Reservations": [{"Instances": [{"InstanceId": "i-0a1", "SubnetId": "subnet-a", "SecurityGroups": [{"GroupId": "sg-instance"}]}]}]"#,
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", targetType: "instance")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()),
                Fixture.array("SecurityGroups", Fixture.securityGroup("sg-instance", allowing: 32768...65535), Fixture.securityGroup("sg-alb")))),
            .quiet("task SG allows the ALB on the container port", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()),
                Fixture.array("SecurityGroups", Fixture.securityGroup("sg-task", allowing: 8080...8080), Fixture.securityGroup("sg-alb")))),
            .quiet("task SG not in the snapshot", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()),
                Fixture.array("SecurityGroups", Fixture.securityGroup("sg-alb")))),
        ])

    static let bridgeTask = #"{"taskArn": "\#(Fixture.taskArn("t1"))", "clusterArn": "\#(Fixture.cluster)", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "launchType": "EC2", "lastStatus": "RUNNING", "containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/ci1"}"#

    /// The ephemeral range Docker assigns dynamic host ports from.
    static let dynamicPorts = 32768...65535

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<String>()
        for target in context.index.serviceTargets {
            guard let group = target.targetGroup else { continue }
            for balancer in target.loadBalancers where seen.insert(target.service.serviceArn + balancer.loadBalancerArn).inserted {
                if let blockage = Self.blockage(target, balancer: balancer, context) {
                    findings.append(finding(target, group: group, balancer: balancer, blockage, context))
                }
            }
        }
        return findings
    }

    /// What the security groups on the targets fail to admit from one load balancer.
    struct Blockage {
        var mode: String
        var wanted: (range: ClosedRange<Int>, dynamic: Bool)
        var groupIds: [String]
        var groups: [SecurityGroup]
        var source: SecurityGroupIngress.Source
        var result: SecurityGroupIngress.Result
    }

    /// nil when the groups admit the load balancer, or when the snapshot
    /// lacks a group, subnet or port needed to decide.
    static func blockage(_ target: ServiceTarget, balancer: LoadBalancer, _ context: AnalysisContext) -> Blockage? {
        guard let mode = target.workload.networkMode, let wanted = ports(of: target, mode: mode) else { return nil }
        // The groups on the targets: the task ENI's, or the container instances'.
        let groupIds = mode == "awsvpc" ? target.workload.securityGroupIds
            : Array(Set(context.index.hostInstances(of: target.workload).flatMap(\.securityGroupIds))).sorted()
        let groups = groupIds.compactMap(context.index.securityGroup)
        guard !groupIds.isEmpty, groups.count == groupIds.count else { return nil }
        // What the traffic comes from: the load balancer's groups, else its subnets.
        let source: SecurityGroupIngress.Source
        if !balancer.securityGroupIds.isEmpty {
            source = .init(groupIds: balancer.securityGroupIds, cidrs: [])
        } else {
            let cidrs = balancer.subnetIds.compactMap { context.index.subnet($0)?.cidrBlock }
            guard !cidrs.isEmpty, cidrs.count == balancer.subnetIds.count else { return nil }
            source = .init(groupIds: [], cidrs: cidrs)
        }
        let result = SecurityGroupIngress.evaluate(groups, ports: wanted.range, from: source)
        guard !result.allowsAll, result.undetermined.isEmpty else { return nil }
        return Blockage(mode: mode, wanted: wanted, groupIds: groupIds, groups: groups, source: source, result: result)
    }

    /// The ports targets are registered on, and whether they are dynamic.
    private static func ports(of target: ServiceTarget, mode: String) -> (range: ClosedRange<Int>, dynamic: Bool)? {
        guard let containerPort = target.attachment.containerPort else { return nil }
        switch mode {
        case "awsvpc": return (containerPort...containerPort, false)
        case "host": return (containerPort...containerPort, false)
        default:
            guard let mapping = target.portMapping else { return nil }
            if let host = mapping.hostPort, host != 0 { return (host...host, false) }
            return (Self.dynamicPorts, true)
        }
    }

    private func finding(_ target: ServiceTarget, group: TargetGroup, balancer: LoadBalancer, _ blockage: Blockage,
                         _ context: AnalysisContext) -> Finding {
        let (mode, wanted, groupIds, groups, source, result) = (blockage.mode, blockage.wanted, blockage.groupIds, blockage.groups, blockage.source, blockage.result)
        let onTasks = mode == "awsvpc"
        let symptoms = target.unansweredChecks(context, reasons: ["Target.Timeout"])
        let portText = wanted.range.lowerBound == wanted.range.upperBound ? "\(wanted.range.lowerBound)" : "\(wanted.range.lowerBound)-\(wanted.range.upperBound)"
        let missingText = result.missing.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ", ")
        let sourceText = source.groupIds.isEmpty ? "its subnets (\(source.cidrs.joined(separator: ", ")))" : source.groupIds.joined(separator: ", ")
        let holder = onTasks ? "task security group\(groupIds.count == 1 ? "" : "s")" : "container instance security group\(groupIds.count == 1 ? "" : "s")"
        let fixGroup = groupIds[0]
        var evidence = symptoms.map(\.evidence)
        evidence.append(Evidence(balancer.location + (balancer.securityGroupIds.isEmpty ? "/AvailabilityZones" : "/SecurityGroups"),
                                 "load balancer \(balancer.name) sends health checks and traffic from \(sourceText)"))
        evidence.append(Evidence(target.attachment.location,
                                 wanted.dynamic ? "\(target.service.serviceName) runs bridge tasks with dynamic host ports: targets register on \(portText)"
                                                : "targets of \(group.name) are registered on port \(portText) (\(mode) network mode)"))
        for securityGroup in groups {
            let admitted = result.admittedBy.filter { $0.text.hasPrefix(securityGroup.groupId + " ") }
            evidence.append(Evidence(securityGroup.location + "/IpPermissions",
                                     admitted.isEmpty ? "\(securityGroup.groupId) admits nothing from \(sourceText) on \(portText)"
                                                      : admitted.map(\.text).joined(separator: "; ") + ", not \(missingText)"))
        }
        let sourceArgument = source.groupIds.first.map { "--source-group \($0)" } ?? "--cidr \(source.cidrs[0])"
        let fromPort = result.missing.first!.lowerBound, toPort = result.missing.last!.upperBound
        let portArgument = fromPort == toPort ? "\(fromPort)" : "\(fromPort)-\(toPort)"
        let terraformSource = source.groupIds.first.map { "referenced_security_group_id = \"\($0)\"" } ?? "cidr_ipv4                    = \"\(source.cidrs[0])\""
        return Self.description.finding(
            title: "The \(holder) of \(target.service.serviceName) do\(groupIds.count == 1 ? "es" : "") not admit load balancer \(balancer.name) on port \(missingText)",
            explains: symptoms,
            resources: [target.workload.resource, .securityGroup(fixGroup), .arn(target.targetGroupArn), .arn(balancer.loadBalancerArn)],
            evidence: evidence,
            fix: Fix(summary: "Allow TCP \(portArgument) from \(source.groupIds.first ?? source.cidrs[0]) in \(fixGroup)",
                     steps: ["Health checks and traffic come from the load balancer's \(source.groupIds.isEmpty ? "nodes in its subnets" : "security group"); the \(holder) must admit it on \(wanted.dynamic ? "the dynamic host port range" : "the port the targets are registered on").",
                             "Reference the load balancer's security group rather than 0.0.0.0/0, so only the load balancer reaches the tasks."]
                        + (wanted.dynamic ? ["Dynamic host ports come from the ephemeral range; allowing 32768-65535 from the load balancer covers every task on the instance."] : []),
                     commands: ["aws ec2 authorize-security-group-ingress --group-id \(fixGroup) --protocol tcp --port \(portArgument) \(sourceArgument)"],
                     terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"lb_to_\(ServiceTarget.label(target.service.serviceName))\" {\n  security_group_id            = \"\(fixGroup)\"\n  ip_protocol                  = \"tcp\"\n  from_port                    = \(fromPort)\n  to_port                      = \(toPort)\n  \(terraformSource)\n}"))
    }
}
