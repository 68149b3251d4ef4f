/// An awsvpc service or task needs a `networkConfiguration` (subnets and
/// security groups for its network interface); bridge and host tasks must
/// not have one.
struct AwsvpcNetworkConfigurationMissingRule: Rule {
    static let description = RuleDescription(
        id: "awsvpc-network-configuration-missing", title: "awsvpc without network configuration, or network configuration for bridge/host",
        category: .taskDefinition, severity: .critical, explains: [.networkConfigurationMissing, .networkConfigurationNotValid],
        needs: [.services, .taskDefinitions],
        examples: [
            .triggers("Fargate service without networkConfiguration", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", awsvpc: false))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .triggers("bridge service with networkConfiguration", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", events: ["InvalidParameterException: Network Configuration is not valid for the given networkMode of this task definition."], launchType: "EC2", awsvpc: true)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"]))),
                resources: [Fixture.serviceArn("web")], confidence: .confirmed),
            .triggers("the API error alone", "Network Configuration must be provided when networkMode 'awsvpc' is specified",
                      resources: [""], confidence: .likely),
            .quiet("Fargate service with networkConfiguration", Fixture.snapshot(Fixture.array("services", Fixture.service("web")))),
            .quiet("bridge service without networkConfiguration", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", launchType: "EC2")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"])))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for workload in context.index.workloads {
            guard let service = workload.service, let mode = workload.networkMode else { continue }
            let configured = service.networkConfiguration != nil || service.deployments.contains { $0.networkConfiguration != nil }
            let missing = mode == "awsvpc" && !configured
            let superfluous = mode != "awsvpc" && configured && workload.taskDefinition != nil
            guard missing || superfluous else { continue }
            let symptoms = context.symptoms(of: [missing ? .networkConfigurationMissing : .networkConfigurationNotValid], on: workload)
            explained.formUnion(symptoms.map(\.id))
            var evidence = symptoms.map(\.evidence)
            if let definition = workload.taskDefinition, !workload.isFargate {
                evidence.append(Evidence(definition.location + (definition.networkMode == nil ? "" : "/networkMode"), "\(definition.familyRevision) uses the \(mode) network mode"))
            } else {
                evidence.append(Evidence(service.location, "\(service.serviceName) runs on Fargate, which always uses the awsvpc network mode"))
            }
            evidence.append(Evidence(missing ? service.location : (service.networkConfiguration?.location ?? service.location),
                                     missing ? "\(service.serviceName) has no networkConfiguration" : "\(service.serviceName) has an awsvpcConfiguration, which only awsvpc tasks take"))
            findings.append(Self.description.finding(
                title: missing ? "\(service.serviceName) runs awsvpc tasks without a network configuration"
                               : "\(service.serviceName) gives a network configuration to \(mode) tasks",
                explains: symptoms,
                resources: [.arn(service.serviceArn)] + (workload.taskDefinition.map { [.arn($0.taskDefinitionArn)] } ?? []),
                evidence: evidence,
                fix: missing ? missingFix(service: service.serviceName, cluster: workload.clusterName)
                             : superfluousFix(service: service.serviceName, cluster: workload.clusterName, mode: mode)))
        }
        for symptom in context.symptoms(of: [.networkConfigurationMissing, .networkConfigurationNotValid]) where !explained.contains(symptom.id) {
            let missing = symptom.kind == .networkConfigurationMissing
            findings.append(Self.description.finding(
                title: missing ? "awsvpc tasks were started without a network configuration" : "A network configuration was given for bridge or host tasks",
                basis: .symptomText, explains: [symptom], resources: symptom.resourceList, evidence: [symptom.evidence],
                fix: missing ? missingFix(service: nil, cluster: "<cluster>") : superfluousFix(service: nil, cluster: "<cluster>", mode: "bridge")))
        }
        return findings
    }

    private func missingFix(service: String?, cluster: String) -> Fix {
        let configuration = "\"awsvpcConfiguration={subnets=[<subnet-id>,<subnet-id>],securityGroups=[<sg-id>],assignPublicIp=DISABLED}\""
        return Fix(summary: "Pass a network configuration (subnets and security groups) to the service or run-task",
                   steps: ["awsvpc tasks get their own network interface: ECS needs the subnets to place it in and the security groups to attach.",
                           "Use private subnets with a NAT gateway or VPC endpoints (assignPublicIp DISABLED), or public subnets with assignPublicIp ENABLED.",
                           "In CI actions and scripts that call run-task, pass the subnets and security groups too (e.g. run-task-subnets / run-task-security-groups)."],
                   commands: [service.map { "aws ecs update-service --cluster \(cluster) --service \($0) --network-configuration \(configuration)" }
                                  ?? "aws ecs create-service --cluster \(cluster) --service-name <service> --task-definition <family> --desired-count 1 --network-configuration \(configuration)",
                              "aws ecs run-task --cluster \(cluster) --task-definition <family> --network-configuration \(configuration)"],
                   terraform: "resource \"aws_ecs_service\" \"\(ServiceTarget.label(service ?? "app"))\" {\n  network_configuration {\n    subnets          = [\"<subnet-id>\"]\n    security_groups  = [\"<sg-id>\"]\n    assign_public_ip = false\n  }\n}")
    }

    private func superfluousFix(service: String?, cluster: String, mode: String) -> Fix {
        Fix(summary: "Drop the network configuration (\(mode) tasks use the instance's network), or switch the definition to awsvpc",
            steps: ["Only awsvpc tasks take subnets and security groups; \(mode) tasks share the container instance's network interface and security groups.",
                    "The network configuration of an existing service cannot be removed: recreate the service without it, or register the definition with networkMode awsvpc."],
            commands: ["aws ecs create-service --cluster \(cluster) --service-name \(service ?? "<service>") --task-definition <family> --desired-count 1 --launch-type EC2",
                       "aws ecs run-task --cluster \(cluster) --task-definition <family> --launch-type EC2"],
            terraform: "resource \"aws_ecs_service\" \"\(ServiceTarget.label(service ?? "app"))\" {\n  # no network_configuration block for \(mode) tasks\n}")
    }
}
