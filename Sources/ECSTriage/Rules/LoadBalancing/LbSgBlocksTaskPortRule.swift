/// The load balancer cannot reach the tasks: the security groups on the
/// targets (the task ENI for awsvpc, the container instance for bridge and
/// host) admit neither the load balancer's security groups nor the
/// addresses of its nodes on the port targets are registered with. Bridge
/// tasks with dynamic host ports need the whole ephemeral range 32768-65535.
///
/// Where the traffic comes from (Elastic Load Balancing documentation):
/// health checks, and traffic whose client address is not preserved, come
/// from the load balancer's private addresses, one per node in each of its
/// subnets, carrying its security groups when it has some
/// (https://repost.aws/knowledge-center/security-group-load-balancer,
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html).
/// So a rule referencing one of its groups, or a block holding every one of
/// its subnets (0.0.0.0/0, the VPC's block, the subnets' own), admits it.
/// A Network Load Balancer created without security groups can only be
/// admitted by address; with client IP preservation (on by default for
/// instance targets and for UDP, off for ip targets over TCP/TLS) client
/// traffic keeps the clients' addresses, which the snapshot does not know
/// (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation,
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html).
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
            .triggers("task SG admits only one of the ALB's two subnets", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()),
                Fixture.array("Subnets", Fixture.subnet("subnet-lb-a", cidr: "10.0.0.0/24"), Fixture.subnet("subnet-lb-b", az: "us-east-1b", cidr: "10.0.128.0/24")),
                Fixture.array("SecurityGroups", cidrGroup("sg-task", cidrs: ["10.0.0.0/24"]), Fixture.securityGroup("sg-alb"))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .triggers("NLB without security groups, task SG admits another block", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer(securityGroups: [])),
                Fixture.array("Subnets", Fixture.subnet("subnet-lb-a", cidr: "10.0.0.0/24"), Fixture.subnet("subnet-lb-b", az: "us-east-1b", cidr: "10.0.1.0/24")),
                Fixture.array("SecurityGroups", cidrGroup("sg-task", cidrs: ["192.168.0.0/16"]))),
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
            .quiet("task SG open to 0.0.0.0/0 on the container port (the console's default)", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()),
                Fixture.array("SecurityGroups", cidrGroup("sg-task", cidrs: ["0.0.0.0/0"]), Fixture.securityGroup("sg-alb")))),
            .quiet("task SG admits the VPC's block, which holds the ALB's subnets", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()),
                Fixture.array("Subnets", Fixture.subnet("subnet-lb-a", cidr: "10.0.0.0/24"), Fixture.subnet("subnet-lb-b", az: "us-east-1b", cidr: "10.0.1.0/24")),
                Fixture.array("SecurityGroups", cidrGroup("sg-task", cidrs: ["10.0.0.0/16"]), Fixture.securityGroup("sg-alb")))),
            .quiet("task SG admits each of the ALB's subnets by its own block", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()),
                Fixture.array("Subnets", Fixture.subnet("subnet-lb-a", cidr: "10.0.0.0/24"), Fixture.subnet("subnet-lb-b", az: "us-east-1b", cidr: "10.0.1.0/24")),
                Fixture.array("SecurityGroups", cidrGroup("sg-task", cidrs: ["10.0.0.0/24", "10.0.1.0/24"]), Fixture.securityGroup("sg-alb")))),
            .quiet("NLB without security groups, task SG admits the VPC's block", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer(securityGroups: [])),
                #""Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]"#,
                Fixture.array("SecurityGroups", cidrGroup("sg-task", cidrs: ["10.0.0.0/16"])))),
            .quiet("a narrower block inside an ALB subnet: undetermined, not a defect", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()),
                Fixture.array("Subnets", Fixture.subnet("subnet-lb-a", cidr: "10.0.0.0/24"), Fixture.subnet("subnet-lb-b", az: "us-east-1b", cidr: "10.0.1.0/24")),
                Fixture.array("SecurityGroups", cidrGroup("sg-task", cidrs: ["10.0.0.0/28", "10.0.1.0/28"]), Fixture.securityGroup("sg-alb")))),
            .quiet("task SG not in the snapshot", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.array("LoadBalancers", Fixture.loadBalancer()),
                Fixture.array("SecurityGroups", Fixture.securityGroup("sg-alb")))),
        ])

    static let bridgeTask = #"{"taskArn": "\#(Fixture.taskArn("t1"))", "clusterArn": "\#(Fixture.cluster)", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "launchType": "EC2", "lastStatus": "RUNNING", "containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/ci1"}"#

    /// A security group admitting TCP 8080 from address blocks.
    static func cidrGroup(_ id: String, cidrs: [String]) -> String {
        let ranges = cidrs.map { #"{"CidrIp": "\#($0)"}"# }.joined(separator: ", ")
        return #"{"GroupId": "\#(id)", "GroupName": "\#(id)", "VpcId": "vpc-1", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [\#(ranges)], "UserIdGroupPairs": []}], "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}"#
    }

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
        var wanted: ClosedRange<Int>
        var dynamic: Bool
        var groups: [SecurityGroup]
        var source: SecurityGroupIngress.Source
        var result: SecurityGroupIngress.Result
    }

    /// nil when the groups admit the load balancer, or when the snapshot
    /// lacks a group, subnet or port needed to decide.
    static func blockage(_ target: ServiceTarget, balancer: LoadBalancer, _ context: AnalysisContext) -> Blockage? {
        guard let mode = target.workload.networkMode, let registered = ports(of: target, mode: mode) else { return nil }
        let groupIds = target.targetSecurityGroupIds(context)
        let groups = groupIds.compactMap(context.index.securityGroup)
        guard !groupIds.isEmpty, groups.count == groupIds.count else { return nil }
        // Without security groups only the nodes' addresses can be admitted, and they must be known.
        guard !balancer.securityGroupIds.isEmpty || !balancer.subnetIds.isEmpty else { return nil }
        let source = SecurityGroupIngress.Source(groupIds: balancer.securityGroupIds, origins: nodeOrigins(of: balancer, context))
        let result = SecurityGroupIngress.evaluate(groups, ports: registered.ports, from: source)
        guard !result.allowsAll, result.undetermined.isEmpty else { return nil }
        return Blockage(mode: mode, wanted: registered.ports, dynamic: registered.dynamic, groups: groups, source: source, result: result)
    }

    /// Where the load balancer's nodes are: one per subnet, in its block,
    /// or somewhere in the VPC's block when the subnet is not in the snapshot.
    static func nodeOrigins(of balancer: LoadBalancer, _ context: AnalysisContext) -> [SecurityGroupIngress.Origin] {
        let vpcBlock = (balancer.vpcId.flatMap(context.index.vpc)?.cidrBlock).map { [$0] } ?? []
        return balancer.subnetIds.map { id in
            let block = context.index.subnet(id)?.cidrBlock
            return SecurityGroupIngress.Origin(label: block.map { "\(id) (\($0))" } ?? id, cidr: block, enclosing: vpcBlock)
        }
    }

    /// The ports targets are registered on, and whether they are dynamic.
    private static func ports(of target: ServiceTarget, mode: String) -> (ports: ClosedRange<Int>, dynamic: Bool)? {
        guard let containerPort = target.attachment.containerPort else { return nil }
        switch mode {
        case "awsvpc", "host": return (containerPort...containerPort, false)
        default:
            guard let mapping = target.portMapping else { return nil }
            if let host = mapping.hostPort, host != 0, mapping.containerPortRange == nil { return (host...host, false) }
            return (Self.dynamicPorts, true)
        }
    }

    private func finding(_ target: ServiceTarget, group: TargetGroup, balancer: LoadBalancer, _ blockage: Blockage,
                         _ context: AnalysisContext) -> Finding {
        // A dropped ALB check times out; an NLB reports its failed TCP checks as FailedHealthChecks.
        let symptoms = target.unansweredChecks(context, reasons: balancer.type == "network" ? ["Target.Timeout", "Target.FailedHealthChecks"] : ["Target.Timeout"])
        let missing = blockage.result.missing
        let ports = missing.first!.lowerBound...missing.last!.upperBound
        let groupId = blockage.groups[0].groupId
        let grantSources = Self.grantSources(balancer, blockage)
        let grant = SecurityGroupIngressGrant(groupId: groupId, ports: ports, sources: grantSources.sources,
                                              label: "lb_to_\(target.service.serviceName)")
        var evidence = context.observedEvidence(symptoms)
        evidence.append(Self.sourceEvidence(balancer, blockage.source))
        evidence.append(Self.registrationEvidence(target, group: group, blockage))
        evidence += blockage.groups.map { Self.groupEvidence($0, blockage) }
        // Which nodes are refused matters only when others are admitted.
        if blockage.result.missingByOrigin.count < blockage.source.origins.count {
            evidence += blockage.result.missingByOrigin.filter { $0.origin.cidr != nil }.map { Self.originEvidence($0.origin, ports: $0.ports, balancer) }
        }
        return Self.description.finding(
            title: Self.title(target, balancer: balancer, blockage),
            explains: symptoms,
            resources: [target.workload.resource, .securityGroup(groupId), .arn(target.targetGroupArn), .arn(balancer.loadBalancerArn)],
            evidence: evidence,
            fix: Self.fix(grant, balancer: balancer, blockage),
            missingEvidence: grantSources.question.map { [$0] } ?? [])
    }

    /// What to admit: the load balancer's first security group, else the
    /// blocks of the subnets whose nodes are refused (the VPC's block when a
    /// subnet's is not in the snapshot).
    private static func grantSources(_ balancer: LoadBalancer, _ blockage: Blockage)
        -> (sources: [SecurityGroupIngressGrant.Source], question: MissingEvidence?) {
        if let group = balancer.securityGroupIds.first { return ([.group(group)], nil) }
        let refused = blockage.result.missingByOrigin.map(\.origin)
        let known = refused.compactMap(\.cidr)
        if known.count == refused.count { return (known.uniqued().map { .cidr($0) }, nil) }
        if let vpcBlock = refused.first(where: { $0.cidr == nil })?.enclosing.first { return ((known + [vpcBlock]).uniqued().map { .cidr($0) }, nil) }
        let unknown = refused.filter { $0.cidr == nil }.map(\.label)
        return (known.map { .cidr($0) } + [.cidr("<load-balancer-subnet-cidr>")],
                MissingEvidence(why: "the address blocks of the load balancer's subnets, where its nodes send health checks from",
                                command: "aws ec2 describe-subnets --subnet-ids \(unknown.joined(separator: " ")) --query 'Subnets[].CidrBlock'"))
    }
}

// MARK: Messages and fixes

extension LbSgBlocksTaskPortRule {
    static func portText(_ ranges: [ClosedRange<Int>]) -> String {
        ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ", ")
    }

    static func holder(_ blockage: Blockage) -> String {
        let kind = blockage.mode == "awsvpc" ? "task" : "container instance"
        return "\(kind) security group\(blockage.groups.count == 1 ? "" : "s")"
    }

    /// `sg-alb`, or `its nodes in subnet-a (10.0.0.0/24), subnet-b (...)`.
    static func sourceText(_ source: SecurityGroupIngress.Source) -> String {
        source.groupIds.isEmpty ? "its nodes in \(source.origins.map(\.label).joined(separator: ", "))" : source.groupIds.joined(separator: ", ")
    }

    static func title(_ target: ServiceTarget, balancer: LoadBalancer, _ blockage: Blockage) -> String {
        "The \(holder(blockage)) of \(target.service.serviceName) do\(blockage.groups.count == 1 ? "es" : "") not admit load balancer "
            + "\(balancer.name) on port \(portText(blockage.result.missing))"
    }

    static func sourceEvidence(_ balancer: LoadBalancer, _ source: SecurityGroupIngress.Source) -> Evidence {
        if source.groupIds.isEmpty {
            return Evidence(balancer.location + "/AvailabilityZones",
                            "load balancer \(balancer.name) has no security group: its health checks come from \(sourceText(source))")
        }
        return Evidence(balancer.location + "/SecurityGroups",
                        "load balancer \(balancer.name) sends health checks and traffic from its nodes in its subnets, carrying \(sourceText(source))")
    }

    static func registrationEvidence(_ target: ServiceTarget, group: TargetGroup, _ blockage: Blockage) -> Evidence {
        let ports = "\(blockage.wanted.lowerBound)" + (blockage.wanted.count == 1 ? "" : "-\(blockage.wanted.upperBound)")
        return Evidence(target.attachment.location, blockage.dynamic
            ? "\(target.service.serviceName) runs bridge tasks with dynamic host ports: targets register on \(ports)"
            : "targets of \(group.name) are registered on port \(ports) (\(blockage.mode) network mode)")
    }

    static func groupEvidence(_ group: SecurityGroup, _ blockage: Blockage) -> Evidence {
        let admitted = blockage.result.admittedBy.filter { $0.text.hasPrefix(group.groupId + " ") }
        let missing = portText(blockage.result.missing)
        return Evidence(group.location + "/IpPermissions", admitted.isEmpty
            ? "\(group.groupId) admits nothing from \(sourceText(blockage.source)) on \(missing)"
            : admitted.map(\.text).joined(separator: "; ") + ", not \(missing) from every node")
    }

    static func originEvidence(_ origin: SecurityGroupIngress.Origin, ports: [ClosedRange<Int>], _ balancer: LoadBalancer) -> Evidence {
        Evidence(balancer.location + "/AvailabilityZones", "no rule admits the node of \(balancer.name) in \(origin.label) on \(portText(ports))")
    }

    static func fix(_ grant: SecurityGroupIngressGrant, balancer: LoadBalancer, _ blockage: Blockage) -> Fix {
        let sources = grant.sources.map(SecurityGroupIngressGrant.text).joined(separator: ", ")
        var steps: [String]
        if blockage.source.groupIds.isEmpty {
            steps = ["\(balancer.name) has no security group (one cannot be added after creation): admit the blocks of its subnets, "
                     + "where its nodes send health checks from, on \(grant.portText).",
                     "With client IP preservation (the default for instance target groups and for UDP) client traffic keeps the clients' "
                     + "addresses: admit the clients too, or recreate the load balancer with a security group and reference it."]
        } else {
            steps = ["Health checks and traffic come from the load balancer's nodes, carrying its security group; the \(holder(blockage)) "
                     + "must admit it on \(blockage.dynamic ? "the dynamic host port range" : "the port the targets are registered on").",
                     "Reference the load balancer's security group rather than 0.0.0.0/0, so that only the load balancer reaches the targets."]
        }
        if blockage.dynamic {
            steps.append("Dynamic host ports come from the ephemeral range; allowing 32768-65535 from the load balancer covers every task on the instance.")
        }
        return Fix(summary: "Allow TCP \(grant.portText) from \(sources) in \(grant.groupId)", steps: steps,
                   commands: grant.commands, terraform: grant.terraform)
    }
}
