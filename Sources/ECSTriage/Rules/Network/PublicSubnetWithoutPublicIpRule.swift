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
        let groups = RouteGroup.collect(context) { network, paths in
            guard !paths.origin.isInstance, paths.origin.publicIp == .disabled, !paths.unreachable.isEmpty,
                  case .internetGateway = paths.routing.internet else { return nil }
            return (network.workload.primaryResource, paths.unreachable)
        }
        return groups.map { group in
            let workload = group.workloads[0]
            let symptoms = group.symptoms(context)
            return Self.description.finding(
                title: Self.title(group), explains: symptoms, resources: group.resources(),
                evidence: symptoms.map(\.evidence) + Self.evidence(group), fix: Self.fix(workload))
        }
    }
}

// MARK: Messages and fixes

extension PublicSubnetWithoutPublicIpRule {
    static func title(_ group: RouteGroup) -> String {
        let gateways = group.routings.compactMap { routing -> String? in
            if case let .internetGateway(id, _) = routing.internet { return id } else { return nil }
        }.uniqued()
        return "Task in public subnet \(group.subnetIds.joined(separator: ", ")) has no public IP, so it cannot use \(gateways.joined(separator: ", "))"
    }

    static func evidence(_ group: RouteGroup) -> [Evidence] {
        var evidence: [Evidence] = []
        if let location = group.workloads[0].networkLocation {
            evidence.append(Evidence(location + "/assignPublicIp", "assignPublicIp is DISABLED: the task has only a private address"))
        }
        evidence += group.routings.map(NetworkFixes.evidence(of:))
        evidence.append(Evidence("", "an internet gateway does not translate private addresses, so the task's traffic cannot leave through it"))
        return evidence + NetworkFixes.dependencyEvidence(group.blocked)
    }

    /// The service's (or task's) own network configuration with a public IP.
    static func networkConfiguration(_ workload: Workload) -> String {
        let groups = workload.securityGroupIds.isEmpty ? "" : ",securityGroups=[\(workload.securityGroupIds.joined(separator: ","))]"
        return ShellWord.quoted("awsvpcConfiguration={subnets=[\(workload.subnetIds.joined(separator: ","))]\(groups),assignPublicIp=ENABLED}")
    }

    static func fix(_ workload: Workload) -> Fix {
        let configuration = networkConfiguration(workload)
        let cluster = ShellWord.quoted(workload.clusterName)
        let command: String
        if let service = workload.service {
            command = "aws ecs update-service --cluster \(cluster) --service \(ShellWord.quoted(service.serviceName)) "
                + "--network-configuration \(configuration) --force-new-deployment"
        } else {
            let definition = workload.taskDefinition?.familyRevision ?? workload.tasks.first?.taskDefinitionArn ?? "<family:revision>"
            command = "aws ecs run-task --cluster \(cluster) --task-definition \(ShellWord.quoted(definition)) --launch-type FARGATE "
                + "--network-configuration \(configuration)"
        }
        let subnets = workload.subnetIds.map { "\"\($0)\"" }.joined(separator: ", ")
        let groups = workload.securityGroupIds.map { "\"\($0)\"" }.joined(separator: ", ")
        return Fix(summary: "Set assignPublicIp to ENABLED, or run the tasks in private subnets with a NAT gateway route or VPC endpoints",
                   steps: ["Enable a public IP for the tasks (the network configuration of the service or run-task).",
                           "Or move the tasks to private subnets whose route table sends 0.0.0.0/0 to a NAT gateway, "
                           + "which keeps them unreachable from the internet."],
                   commands: [command],
                   terraform: workload.service.map { service in
                       """
                       resource "aws_ecs_service" "\(TerraformName.label(service.serviceName))" {
                         name            = "\(service.serviceName)"
                         cluster         = "\(workload.clusterArn ?? workload.clusterName)"
                         task_definition = "\(workload.taskDefinition?.familyRevision ?? service.taskDefinition ?? "")"
                         launch_type     = "FARGATE"
                         network_configuration {
                           subnets          = [\(subnets)]
                           security_groups  = [\(groups)]
                           assign_public_ip = true
                         }
                       }
                       """
                   })
    }
}
