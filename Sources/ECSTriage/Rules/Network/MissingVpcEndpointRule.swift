/// A private subnet (no NAT, no internet gateway) without the VPC endpoints
/// what runs there needs: the tasks' (Fargate), or the container instances'
/// (EC2) once they reach ECS itself. One finding per VPC, naming every
/// subnet and route table, with one set of endpoints as the fix.
struct MissingVpcEndpointRule: Rule {
    static let description = RuleDescription(
        id: "missing-vpc-endpoint", title: "Private task subnet lacks VPC endpoints the task needs",
        category: .network, severity: .critical, explains: [.awsServiceUnreachable, .imagePullFailed],
        needs: [.subnets, .routeTables, .vpcEndpoints],
        examples: [
            .triggers("private subnet, no NAT, no endpoints, ECR timeout", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable(subnets: [], main: true)),
                "\"VpcEndpoints\": []"),
                resources: ["subnet-a"], confidence: .confirmed),
            .triggers("only logs endpoint missing, no symptom", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.endpoints(["ecr.api", "ecr.dkr"], s3RouteTables: ["rtb-a"])),
                resources: ["subnet-a"], confidence: .likely),
            .quiet("private subnet with every endpoint", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]))),
            .quiet("private subnet whose main table routes to a NAT", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-public", cidr: "10.0.0.0/24")),
                Fixture.array("RouteTables", Fixture.routeTable(subnets: [], main: true, defaultTarget: "nat-1"),
                              Fixture.routeTable("rtb-public", subnets: ["subnet-public"], defaultTarget: "igw-1")),
                Fixture.array("NatGateways", Fixture.natGateway()),
                Fixture.array("InternetGateways", Fixture.internetGateway()),
                "\"VpcEndpoints\": []")),
            .quiet("endpoints not collected: no guess", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()))),
            .triggers("two private subnets, each with its own table: one finding", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", subnets: ["subnet-a", "subnet-b"])),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout), Fixture.stoppedTask("t2", subnet: "subnet-b", reason: Fixture.ecrTimeout)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-b", az: "us-east-1b", cidr: "10.0.2.0/24")),
                Fixture.array("RouteTables", Fixture.routeTable(), Fixture.routeTable("rtb-b", subnets: ["subnet-b"])),
                "\"VpcEndpoints\": []"),
                resources: ["subnet-a"], confidence: .confirmed),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        guard context.index.has(.vpcEndpoints) else { return [] }
        let groups = RouteGroup.collect(context) { network, paths in
            // Only a subnet with no default route at all: broken NAT routes and public subnets
            // without a public IP have rules of their own, and so do instances that cannot reach ECS.
            guard case .none = paths.routing.internet, paths.origin.publicIp != .enabled, let vpcId = paths.routing.vpcId,
                  !paths.origin.isInstance || !paths.unreachable.contains(where: \.isAgentEndpoint) else { return nil }
            let s3GatewayElsewhere = context.index.endpoints(inVpc: vpcId).contains { $0.isGateway && $0.shortServiceName == "s3" }
            let missing = paths.unreachable.filter { !($0.target == "s3" && s3GatewayElsewhere) }
            return missing.isEmpty ? nil : ("\(vpcId)|\(paths.origin.isInstance)", missing)
        }
        return groups.compactMap { group in
            guard let vpcId = group.vpcId else { return nil }
            let missing = group.blocked
            let services = missing.filter(\.isAWSService).map(\.target)
            let plan = NetworkFixes.endpointCreation(services: services, vpcId: vpcId, callerSubnets: group.subnetIds, callerGroups: group.callerGroups,
                                                     routeTableIds: group.routeTableIds, groupName: "ecs-triage-vpc-endpoints", context: context)
            let symptoms = group.symptoms(context)
            return Self.description.finding(
                title: Self.title(group, missing), explains: symptoms, resources: group.resources(vpc: true),
                evidence: symptoms.map(\.evidence) + Self.evidence(group, vpcId: vpcId, missing: missing, context: context),
                fix: Self.fix(group, missing: missing, plan: plan.creation),
                missingEvidence: plan.missing + Self.missingEvidence(group, context: context))
        }
    }
}

// MARK: Messages and fixes

extension MissingVpcEndpointRule {
    static func title(_ group: RouteGroup, _ missing: [Dependency]) -> String {
        let subnets = group.subnetIds
        let place = group.origin.isInstance
            ? "Subnet\(subnets.count == 1 ? "" : "s") \(subnets.joined(separator: ", ")) of \(NetworkOrigin.describe(group.instanceIds))"
            : "Task subnet\(subnets.count == 1 ? "" : "s") \(subnets.joined(separator: ", "))"
        return "\(place) \(subnets.count == 1 ? "has" : "have") no path to \(missing.map(\.displayName).joined(separator: ", "))"
    }

    static func evidence(_ group: RouteGroup, vpcId: String, missing: [Dependency], context: AnalysisContext) -> [Evidence] {
        var evidence: [Evidence] = []
        for premise in group.members.flatMap({ NetworkFixes.premiseEvidence($0.paths.origin) }) where !evidence.contains(premise) {
            evidence.append(premise)
        }
        for routing in group.routings {
            evidence.append(NetworkFixes.evidence(of: routing))
        }
        for tableId in group.routeTableIds {
            guard let table = context.index.routeTable(tableId) else { continue }
            evidence.append(Evidence(table.location + "/Routes", "\(tableId) has no 0.0.0.0/0 route: no NAT gateway or internet gateway"))
        }
        let present = context.index.endpoints(inVpc: vpcId).map(\.shortServiceName)
        evidence.append(Evidence("", present.isEmpty ? "\(vpcId) has no VPC endpoints" : "\(vpcId) has endpoints for: \(present.joined(separator: ", "))"))
        return evidence + NetworkFixes.dependencyEvidence(missing)
    }

    static func fix(_ group: RouteGroup, missing: [Dependency], plan: VpcEndpointCreation) -> Fix {
        let internetOnly = missing.filter { $0.kind == .internetHost }
        let tables = group.routeTableIds.joined(separator: ", ")
        var steps: [String] = []
        var creations: [String] = []
        if !plan.interfaceServices.isEmpty {
            creations.append("interface endpoints for \(plan.interfaceServices.joined(separator: ", ")) in \(plan.subnetIds.joined(separator: ", ")) "
                + "(one subnet per Availability Zone) with private DNS and a security group admitting TCP 443 from the callers")
        }
        if !plan.gatewayServices.isEmpty {
            creations.append("a gateway endpoint for S3 on \(tables)")
        }
        if !creations.isEmpty {
            steps.append("Create " + creations.joined(separator: ", and ") + ".")
        }
        if !internetOnly.isEmpty {
            steps.append("\(internetOnly.map(\.target).joined(separator: ", ")) has no VPC endpoint: "
                + "add a NAT gateway (in a public subnet) as the 0.0.0.0/0 route of "
                + "\(tables), or copy the image to ECR (an ECR pull-through cache rule).")
        }
        steps.append("Alternatively route 0.0.0.0/0 from \(tables) to a NAT gateway: one change covers every dependency, at NAT data-processing cost.")
        steps += NetworkFixes.redeployStep(group.workloads)
        let aws = missing.filter(\.isAWSService).map(\.target)
        let nat = internetOnly.isEmpty ? "" : " and a NAT route for \(internetOnly.map(\.target).joined(separator: ", "))"
        let summary = "Add VPC endpoints for \(aws.joined(separator: ", "))" + nat
        return Fix(summary: aws.isEmpty ? "Route 0.0.0.0/0 from \(tables) to a NAT gateway" : summary + ", or route 0.0.0.0/0 to a NAT gateway",
                   steps: steps, commands: plan.services.isEmpty ? [] : plan.commands, terraform: plan.services.isEmpty ? nil : plan.terraform)
    }

    static func missingEvidence(_ group: RouteGroup, context: AnalysisContext) -> [MissingEvidence] {
        guard !context.index.has(.securityGroups) else { return [] }
        let groups = group.callerGroups
        return [MissingEvidence(why: "the callers' security groups decide whether new endpoints would be reachable on 443",
                                command: "aws ec2 describe-security-groups --group-ids "
                                    + (groups.isEmpty ? "<task-sg-id>" : groups.map(ShellWord.quoted).joined(separator: " ")))]
    }
}
