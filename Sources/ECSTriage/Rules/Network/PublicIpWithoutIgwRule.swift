/// A task given a public IP in a subnet whose route table has no default
/// route to an internet gateway: the public IP is useless and nothing leaves.
struct PublicIpWithoutIgwRule: Rule {
    static let description = RuleDescription(
        id: "public-ip-without-igw", title: "Public IP assigned but the subnet has no route to an internet gateway",
        category: .network, severity: .critical, explains: [.awsServiceUnreachable, .imagePullFailed],
        needs: [.services, .subnets, .routeTables],
        examples: [
            .triggers("public IP, only the local route, ECR timeout", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", publicIp: "ENABLED")),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.array("InternetGateways", Fixture.internetGateway())),
                resources: ["subnet-a"], confidence: .confirmed),
            .quiet("public IP and a route to an attached internet gateway", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", publicIp: "ENABLED")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "igw-1")),
                Fixture.array("InternetGateways", Fixture.internetGateway()))),
            .quiet("public IP in a private subnet served entirely by endpoints", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", publicIp: "ENABLED")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        for network in context.network where network.workload.publicIp == .enabled {
            var seenTables = Set<String>()
            for paths in network.subnets where !paths.unreachable.isEmpty {
                let routing = paths.routing
                switch routing.internet {
                case .none: break
                case let .unusable(_, route, nil) where route.gatewayId?.hasPrefix("igw-") == true && !route.isBlackhole: break
                default: continue
                }
                guard seenTables.insert(routing.table.routeTableId).inserted else { continue }
                findings.append(finding(network, paths, context))
            }
        }
        return findings
    }

    private func finding(_ network: WorkloadNetwork, _ paths: DependencyPaths, _ context: AnalysisContext) -> Finding {
        let routing = paths.routing
        let workload = network.workload
        let subnetIds = network.subnets.filter { $0.routing.table.routeTableId == routing.table.routeTableId }.map(\.routing.subnetId)
        let vpcId = routing.vpcId ?? "<vpc-id>"
        let gateways = context.index.internetGatewayIds(attachedTo: vpcId)
        let symptoms = context.networkSymptoms(on: workload, blocked: paths.unreachable)
        var evidence = symptoms.map(\.evidence)
        if let location = workload.networkLocation {
            evidence.append(Evidence(location + "/assignPublicIp", "assignPublicIp is ENABLED: the task is meant to reach the internet directly"))
        }
        evidence.append(NetworkFixes.evidence(of: routing))
        if context.index.has(.internetGateways) {
            evidence.append(Evidence("", gateways.isEmpty ? "no internet gateway is attached to \(vpcId)" : "\(vpcId) has internet gateway \(gateways.joined(separator: ", ")) attached, but \(routing.table.routeTableId) does not route 0.0.0.0/0 to it"))
        }
        evidence += NetworkFixes.dependencyEvidence(paths.unreachable)
        let gateway = gateways.first ?? "<igw-id>"
        var commands: [String] = []
        var steps: [String] = []
        if gateways.isEmpty {
            steps.append("Create an internet gateway and attach it to \(vpcId).")
            commands.append("aws ec2 create-internet-gateway")
            commands.append("aws ec2 attach-internet-gateway --internet-gateway-id <igw-id> --vpc-id \(vpcId)")
        }
        steps.append("Add the default route 0.0.0.0/0 -> \(gateway) to \(routing.table.routeTableId)\(routing.usesMainTable ? " (the VPC's main table, which \(routing.subnetId) uses implicitly; consider a dedicated public route table)" : "").")
        commands.append("aws ec2 create-route --route-table-id \(routing.table.routeTableId) --destination-cidr-block 0.0.0.0/0 --gateway-id \(gateway)")
        steps.append("Or keep the subnet private: set assignPublicIp to DISABLED and give it a NAT gateway route or the VPC endpoints the task needs.")
        if workload.service != nil {
            steps.append("Start a new deployment so new tasks get the route: aws ecs update-service --cluster \(workload.clusterName) --service \(workload.name) --force-new-deployment")
        }
        return Self.description.finding(
            title: "Task has a public IP but \(routing.table.routeTableId) has no route to an internet gateway",
            explains: symptoms,
            resources: subnetIds.map(ResourceID.subnet) + [.routeTable(routing.table.routeTableId), .vpc(vpcId), workload.resource],
            evidence: evidence,
            fix: Fix(summary: "Route 0.0.0.0/0 from \(routing.table.routeTableId) to an internet gateway attached to \(vpcId)",
                     steps: steps, commands: commands,
                     terraform: """
                     resource "aws_route" "internet" {
                       route_table_id         = "\(routing.table.routeTableId)"
                       destination_cidr_block = "0.0.0.0/0"
                       gateway_id             = "\(gateway)"
                     }
                     """))
    }
}
