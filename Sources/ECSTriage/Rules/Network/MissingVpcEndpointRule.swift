/// A private task subnet (no NAT, no internet gateway) without the VPC
/// endpoints its task needs.
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
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        guard context.index.has(.vpcEndpoints) else { return [] }
        var findings: [Finding] = []
        for network in context.network where network.workload.publicIp != .enabled {
            var seenTables = Set<String>()
            for paths in network.subnets {
                // Only a subnet with no default route at all: broken NAT routes and
                // public subnets without a public IP have rules of their own.
                guard case .none = paths.routing.internet, seenTables.insert(paths.routing.table.routeTableId).inserted,
                      let vpcId = paths.routing.vpcId else { continue }
                let s3GatewayElsewhere = context.index.endpoints(inVpc: vpcId).contains { $0.isGateway && $0.shortServiceName == "s3" }
                let missing = paths.unreachable.filter { !($0.target == "s3" && s3GatewayElsewhere) }
                guard !missing.isEmpty else { continue }
                findings.append(finding(network, paths, missing: missing, vpcId: vpcId, context: context))
            }
        }
        return findings
    }

    private func finding(_ network: WorkloadNetwork, _ paths: DependencyPaths, missing: [Dependency], vpcId: String,
                         context: AnalysisContext) -> Finding {
        let routing = paths.routing
        let subnetIds = network.subnets.filter { $0.routing.table.routeTableId == routing.table.routeTableId }.map(\.routing.subnetId)
        let awsMissing = missing.filter(\.isAWSService)
        let internetOnly = missing.filter { !$0.isAWSService }
        let symptoms = context.networkSymptoms(on: network.workload, blocked: missing)
        var evidence = symptoms.map(\.evidence)
        evidence.append(NetworkFixes.evidence(of: routing))
        evidence.append(Evidence(routing.table.location + "/Routes", "no 0.0.0.0/0 route: no NAT gateway or internet gateway"))
        let present = context.index.endpoints(inVpc: vpcId).map(\.shortServiceName)
        evidence.append(Evidence("", present.isEmpty ? "\(vpcId) has no VPC endpoints" : "\(vpcId) has endpoints for: \(present.joined(separator: ", "))"))
        evidence += NetworkFixes.dependencyEvidence(missing)
        var steps = awsMissing.map { "Create a \($0.target == "s3" ? "gateway" : "interface") endpoint com.amazonaws.\(context.region).\($0.target) in \(vpcId)\($0.target == "s3" ? " on route table \(routing.table.routeTableId)" : " in \(subnetIds.joined(separator: ", ")) with private DNS on and a security group allowing TCP 443 from the task security group")." }
        if !internetOnly.isEmpty {
            steps.append("\(internetOnly.map(\.target).joined(separator: ", ")) has no VPC endpoint: add a NAT gateway (in a public subnet) as the 0.0.0.0/0 route of \(routing.table.routeTableId), or copy the image to ECR (an ECR pull-through cache rule).")
        }
        steps.append("Alternatively route 0.0.0.0/0 from \(routing.table.routeTableId) to a NAT gateway: one change covers every dependency, at NAT data-processing cost.")
        steps.append("Then start a new deployment: aws ecs update-service --cluster \(network.workload.clusterName) --service \(network.workload.name) --force-new-deployment")
        let commands = awsMissing.map { NetworkFixes.createEndpoint($0.target, vpcId: vpcId, subnetIds: subnetIds, routeTableId: routing.table.routeTableId, region: context.region) }
        let terraform = awsMissing.map { NetworkFixes.terraformEndpoint($0.target, vpcId: vpcId, subnetIds: subnetIds, routeTableId: routing.table.routeTableId, region: context.region) }
        var missingEvidence: [MissingEvidence] = []
        if !context.index.has(.securityGroups) {
            missingEvidence.append(MissingEvidence(why: "the task's security groups decide whether new endpoints would be reachable on 443",
                                                   command: "aws ec2 describe-security-groups --group-ids \(network.workload.securityGroupIds.isEmpty ? "<task-sg>" : network.workload.securityGroupIds.joined(separator: " "))"))
        }
        return Self.description.finding(
            title: "Task subnet has no path to \(missing.map(\.displayName).joined(separator: ", "))",
            explains: symptoms,
            resources: subnetIds.map(ResourceID.subnet) + [.routeTable(routing.table.routeTableId), .vpc(vpcId), network.workload.resource],
            evidence: evidence,
            fix: Fix(summary: "Add VPC endpoints for \(awsMissing.map(\.target).joined(separator: ", "))\(internetOnly.isEmpty ? "" : " and a NAT route for \(internetOnly.map(\.target).joined(separator: ", "))"), or route 0.0.0.0/0 to a NAT gateway",
                     steps: steps, commands: commands, terraform: terraform.isEmpty ? nil : terraform.joined(separator: "\n\n")),
            missingEvidence: missingEvidence)
    }
}
