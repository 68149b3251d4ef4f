/// EC2 launch type: a container instance (or an instance meant to become
/// one) has no way from its subnet to the ECS endpoints its agent calls, so
/// it never registers or drops its connection, and the cluster stays empty.
/// The agent needs `ecs`, `ecs-agent` and `ecs-telemetry` (interface
/// endpoints, a NAT gateway, or a public IP and an internet gateway); the
/// images, logs and secrets of its tasks go through the instance too.
// Sources: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html (the three ECS endpoints);
// aws/amazon-ecs-agent@8dfceca ecs-agent/api/ecs/client/ecs_client.go (RegisterContainerInstance, DiscoverPollEndpoint).
struct InstanceCannotReachECSRule: Rule {
    static let description = RuleDescription(
        id: "instance-cannot-reach-ecs", title: "Container instance cannot reach the ECS endpoints", category: .network,
        severity: .critical, explains: [.noContainerInstances, .awsServiceUnreachable, .imagePullFailed],
        needs: [.instances, .subnets, .routeTables, .vpcEndpoints],
        examples: [
            .triggers("instance in a private subnet, no NAT, no endpoints, cluster empty", Fixture.snapshot(
                Fixture.array("services", Self.ec2Service),
                Fixture.clusters(registeredInstances: 0),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "httpd:2.4", networkMode: "bridge", requiresCompatibilities: ["EC2"])),
                Fixture.instances((id: "i-0abc", subnet: "subnet-a", publicIp: nil)),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                "\"VpcEndpoints\": []"),
                resources: ["i-0abc"], confidence: .confirmed),
            .triggers("public subnet but the instance has no public IP", Fixture.snapshot(
                Fixture.array("services", Self.ec2Service),
                Fixture.clusters(registeredInstances: 0),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "httpd:2.4", networkMode: "bridge", requiresCompatibilities: ["EC2"])),
                Fixture.instances((id: "i-0abc", subnet: "subnet-a", publicIp: nil)),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "igw-1")),
                Fixture.array("InternetGateways", Fixture.internetGateway()),
                "\"VpcEndpoints\": []"),
                resources: ["i-0abc"], confidence: .confirmed),
            .quiet("private subnet with a NAT gateway", Fixture.snapshot(
                Fixture.array("services", Self.ec2Service),
                Fixture.clusters(registeredInstances: 0),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "httpd:2.4", networkMode: "bridge", requiresCompatibilities: ["EC2"])),
                Fixture.instances((id: "i-0abc", subnet: "subnet-a", publicIp: nil)),
                Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-public", cidr: "10.0.0.0/24")),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "nat-1"), Fixture.routeTable("rtb-public", subnets: ["subnet-public"], defaultTarget: "igw-1")),
                Fixture.array("NatGateways", Fixture.natGateway()),
                "\"VpcEndpoints\": []")),
            .quiet("private subnet with the three ECS endpoints", Fixture.snapshot(
                Fixture.array("services", Self.ec2Service),
                Fixture.clusters(registeredInstances: 0),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "httpd:2.4", networkMode: "bridge", requiresCompatibilities: ["EC2"])),
                Fixture.instances((id: "i-0abc", subnet: "subnet-a", publicIp: nil)),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.endpoints(["ecs", "ecs-agent", "ecs-telemetry"]))),
            .quiet("no way out on paper, but ECS reports the agent connected", Fixture.snapshot(
                Fixture.array("services", Self.ec2Service),
                #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/1", "ec2InstanceId": "i-0abc", "status": "ACTIVE", "agentConnected": true}]"#,
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "httpd:2.4", networkMode: "bridge", requiresCompatibilities: ["EC2"])),
                Fixture.instances((id: "i-0abc", subnet: "subnet-a", publicIp: nil)),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                "\"VpcEndpoints\": []")),
        ])

    static let ec2Service = Fixture.service(
        "web", events: ["(service web) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster."],
        launchType: "EC2")

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let groups = RouteGroup.collect(context) { _, paths in
            guard paths.origin.isInstance, paths.unreachable.contains(where: \.isAgentEndpoint), let vpcId = paths.routing.vpcId else { return nil }
            return ("\(vpcId)|\(paths.routing.table.routeTableId)", paths.unreachable)
        }
        return groups.compactMap { group in
            guard let vpcId = group.vpcId else { return nil }
            let blocked = group.blocked
            let services = blocked.filter(\.isAWSService).map(\.target)
            let plan = NetworkFixes.endpointCreation(services: services, vpcId: vpcId, callerSubnets: group.subnetIds, callerGroups: group.callerGroups,
                                                     routeTableIds: group.routeTableIds, groupName: "ecs-triage-agent-endpoints", context: context)
            let symptoms = group.symptoms(context)
            let agentBlocked = blocked.contains { $0.target == "ecs" || $0.target == "ecs-agent" }
            return Self.description.finding(
                title: Self.title(group), severity: agentBlocked ? .critical : .medium, explains: symptoms,
                resources: group.resources(leading: group.instanceIds.map(ResourceID.ec2Instance), vpc: true),
                evidence: symptoms.map(\.evidence) + Self.evidence(group, context: context),
                fix: Self.fix(group, plan: plan.creation), missingEvidence: plan.missing)
        }
    }
}

// MARK: Messages and fixes

extension InstanceCannotReachECSRule {
    static func title(_ group: RouteGroup) -> String {
        let agent = group.blocked.filter(\.isAgentEndpoint).map(\.target)
        return "\(NetworkOrigin.describe(group.instanceIds).capitalizedFirst) in \(group.subnetIds.joined(separator: ", ")) cannot reach "
            + "\(agent.joined(separator: ", ")): \(why(group.first.routing))"
    }

    /// The routing that leaves the instances without a way out, in words.
    static func why(_ routing: SubnetRouting) -> String {
        switch routing.internet {
        case .internetGateway: return "the subnet routes to an internet gateway but the instance has no public IP"
        case let .unusable(reason, _, _): return reason
        default: return "no NAT gateway, no internet gateway route and no VPC endpoint"
        }
    }

    static func evidence(_ group: RouteGroup, context: AnalysisContext) -> [Evidence] {
        var evidence: [Evidence] = []
        for member in group.members {
            for premise in NetworkFixes.premiseEvidence(member.paths.origin) where !evidence.contains(premise) { evidence.append(premise) }
        }
        for id in group.instanceIds {
            guard let instance = context.index.instance(id) else { continue }
            let address = instance.publicIpAddress.map { "public IP \($0)" } ?? "no public IP"
            let groups = instance.securityGroupIds.joined(separator: ", ")
            evidence.append(Evidence(instance.location, "\(id) in \(instance.subnetId ?? "?") with \(groups), \(address)"))
        }
        evidence += group.routings.map(NetworkFixes.evidence(of:))
        if let vpcId = group.vpcId {
            let present = context.index.endpoints(inVpc: vpcId).map(\.shortServiceName)
            evidence.append(Evidence("", present.isEmpty ? "\(vpcId) has no VPC endpoints" : "\(vpcId) has endpoints for: \(present.joined(separator: ", "))"))
        }
        return evidence + NetworkFixes.dependencyEvidence(group.blocked)
    }

    static func fix(_ group: RouteGroup, plan: VpcEndpointCreation) -> Fix {
        let tables = group.routeTableIds.joined(separator: ", ")
        var steps = ["The container agent calls ecs, ecs-agent and ecs-telemetry from the instance; without them it never registers (the cluster stays empty). "
                     + "The instance also pulls the tasks' images and ships their logs."]
        steps.append("Create interface endpoints for \(plan.interfaceServices.joined(separator: ", ")) in \(plan.subnetIds.joined(separator: ", ")) "
                     + "with private DNS and a security group admitting TCP 443 from the instances"
                     + (plan.gatewayServices.isEmpty ? "." : ", and an S3 gateway endpoint on \(tables)."))
        switch group.first.routing.internet {
        case .internetGateway:
            steps.append("Or give the instances a public IP (AssociatePublicIpAddress in the launch template's network interface), "
                         + "or move them to private subnets with a NAT gateway.")
        default:
            steps.append("Or route 0.0.0.0/0 from \(tables) to a working NAT gateway: one change covers every endpoint.")
        }
        steps.append("The agent retries registration on its own; to hurry it, restart it on the instance (sudo systemctl restart ecs).")
        let endpoints = plan.interfaceServices.joined(separator: ", ")
        return Fix(summary: "Give \(NetworkOrigin.describe(group.instanceIds)) a way to ECS: interface endpoints for \(endpoints), or a NAT route",
                   steps: steps, commands: plan.commands, terraform: plan.terraform)
    }
}

extension String {
    /// The first character upper-cased: "instance i-1" as a title's start.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
