/// A Fargate task in a subnet that routes to an internet gateway but gets no
/// public IP: an internet gateway only carries traffic of public addresses.
struct PublicSubnetWithoutPublicIpRule: Rule {
    static let description = RuleDescription(
        id: "public-subnet-without-public-ip", title: "Task in a public subnet without a public IP",
        category: .network, severity: .critical, explains: [.awsServiceUnreachable, .imagePullFailed],
        needs: [.services, .subnets, .routeTables],
        examples: [
            .triggers("IGW route, assignPublicIp DISABLED, ECR timeout", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", publicIp: "DISABLED")),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "igw-1")),
                Fixture.array("InternetGateways", Fixture.internetGateway())),
                resources: ["subnet-a"], confidence: .confirmed),
            .quiet("IGW route with a public IP", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", publicIp: "ENABLED")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "igw-1")),
                Fixture.array("InternetGateways", Fixture.internetGateway()))),
            .quiet("IGW route without public IP but every endpoint present", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", publicIp: "DISABLED")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "igw-1")),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        for network in context.network where network.workload.publicIp == .disabled {
            var seenTables = Set<String>()
            for paths in network.subnets where !paths.unreachable.isEmpty {
                guard case let .internetGateway(gatewayId, _) = paths.routing.internet,
                      seenTables.insert(paths.routing.table.routeTableId).inserted else { continue }
                let workload = network.workload
                let routing = paths.routing
                let subnetIds = network.subnets.filter { $0.routing.table.routeTableId == routing.table.routeTableId }.map(\.routing.subnetId)
                let symptoms = context.networkSymptoms(on: workload, blocked: paths.unreachable)
                var evidence = symptoms.map(\.evidence)
                if let location = workload.networkLocation {
                    evidence.append(Evidence(location + "/assignPublicIp", "assignPublicIp is DISABLED: the task has only a private address"))
                }
                evidence.append(NetworkFixes.evidence(of: routing))
                evidence.append(Evidence("", "an internet gateway does not translate private addresses, so the task cannot use \(gatewayId)"))
                evidence += NetworkFixes.dependencyEvidence(paths.unreachable)
                let security = workload.securityGroupIds.isEmpty ? "<sg-id>" : workload.securityGroupIds.joined(separator: ",")
                let networkConfiguration = "awsvpcConfiguration={subnets=[\(workload.subnetIds.joined(separator: ","))],securityGroups=[\(security)],assignPublicIp=ENABLED}"
                var commands: [String] = []
                if workload.service != nil {
                    commands.append("aws ecs update-service --cluster \(workload.clusterName) --service \(workload.name) --network-configuration \"\(networkConfiguration)\" --force-new-deployment")
                } else {
                    commands.append("aws ecs run-task ... --network-configuration \"\(networkConfiguration)\"")
                }
                findings.append(Self.description.finding(
                    title: "Task in public subnet \(routing.subnetId) has no public IP, so it cannot use \(gatewayId)",
                    explains: symptoms,
                    resources: subnetIds.map(ResourceID.subnet) + [.routeTable(routing.table.routeTableId), workload.resource],
                    evidence: evidence,
                    fix: Fix(summary: "Set assignPublicIp to ENABLED, or run the tasks in private subnets with a NAT gateway route or VPC endpoints",
                             steps: ["Enable a public IP for the tasks (the network configuration of the service or run-task).",
                                     "Or move the tasks to private subnets whose route table sends 0.0.0.0/0 to a NAT gateway, which keeps them unreachable from the internet."],
                             commands: commands,
                             terraform: "network_configuration {\n  subnets          = [\(workload.subnetIds.map { "\"\($0)\"" }.joined(separator: ", "))]\n  assign_public_ip = true\n}")))
            }
        }
        return findings
    }
}
