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
            let family = workload.taskDefinition?.familyRevision ?? service.taskDefinition.map(ARN.lastComponent)
            findings.append(Self.description.finding(
                title: missing ? "\(service.serviceName) runs awsvpc tasks without a network configuration"
                               : "\(service.serviceName) gives a network configuration to \(mode) tasks",
                explains: symptoms,
                resources: [.arn(service.serviceArn)] + (workload.taskDefinition.map { [.arn($0.taskDefinitionArn)] } ?? []),
                evidence: symptoms.map(\.evidence) + [Self.modeEvidence(workload, mode: mode), Self.configurationEvidence(service, missing: missing)],
                fix: missing ? Self.missingFix(service: service.serviceName, cluster: workload.clusterName, family: family)
                             : Self.superfluousFix(service: service.serviceName, cluster: workload.clusterName, family: family, mode: mode),
                missingEvidence: missing ? Self.placementEvidence : []))
        }
        for symptom in context.symptoms(of: [.networkConfigurationMissing, .networkConfigurationNotValid]) where !explained.contains(symptom.id) {
            let missing = symptom.kind == .networkConfigurationMissing
            findings.append(Self.description.finding(
                title: missing ? "awsvpc tasks were started without a network configuration" : "A network configuration was given for bridge or host tasks",
                basis: .symptomText, explains: [symptom], resources: symptom.resourceList, evidence: [symptom.evidence],
                fix: missing ? Self.missingFix(service: nil, cluster: nil, family: nil)
                             : Self.superfluousFix(service: nil, cluster: nil, family: nil, mode: "bridge"),
                missingEvidence: (missing ? Self.placementEvidence : []) + [Self.callEvidence]))
        }
        return findings
    }
}

// MARK: Messages and fixes

extension AwsvpcNetworkConfigurationMissingRule {
    static func modeEvidence(_ workload: Workload, mode: String) -> Evidence {
        if let definition = workload.taskDefinition, !workload.isFargate {
            return Evidence(definition.location + (definition.networkMode == nil ? "" : "/networkMode"),
                            "\(definition.familyRevision) uses the \(mode) network mode")
        }
        let name = workload.service?.serviceName ?? workload.name
        return Evidence(workload.service?.location ?? "", "\(name) runs on Fargate, which always uses the awsvpc network mode")
    }

    static func configurationEvidence(_ service: ECSService, missing: Bool) -> Evidence {
        missing ? Evidence(service.location, "\(service.serviceName) has no networkConfiguration")
                : Evidence(service.networkConfiguration?.location ?? service.location,
                           "\(service.serviceName) has an awsvpcConfiguration, which only awsvpc tasks take")
    }

    /// The subnets and groups are the user's choice: the input holds none for this service.
    static let placementEvidence = [
        MissingEvidence(why: "the subnets to place the tasks in (private with a NAT gateway or endpoints, or public with assignPublicIp ENABLED)",
                        command: "aws ec2 describe-subnets --query 'Subnets[].[SubnetId,VpcId,AvailabilityZone,MapPublicIpOnLaunch]' --output table"),
        MissingEvidence(why: "the security groups for the tasks' network interfaces",
                        command: "aws ec2 describe-security-groups --query 'SecurityGroups[].[GroupId,GroupName,VpcId]' --output table"),
    ]

    static let callEvidence = MissingEvidence(why: "the cluster, service and task definition of the call that failed",
                                              command: "aws ecs describe-services --cluster <cluster> --services <service>")

    static func missingFix(service: String?, cluster: String?, family: String?) -> Fix {
        let configuration = AwsvpcConfigurationArgument.shorthand(subnets: [], securityGroups: [], assignPublicIp: "DISABLED")
        let clusterWord = cluster.map(ShellWord.quoted) ?? "<cluster>"
        let familyWord = family.map(ShellWord.quoted) ?? "<family:revision>"
        let serviceCommand = service.map {
            "aws ecs update-service --cluster \(clusterWord) --service \(ShellWord.quoted($0)) --network-configuration \(configuration)"
        }
            ?? "aws ecs create-service --cluster \(clusterWord) --service-name <service> --task-definition \(familyWord) --desired-count 1 "
            + "--network-configuration \(configuration)"
        return Fix(summary: "Pass a network configuration (subnets and security groups) to the service or run-task",
                   steps: ["awsvpc tasks get their own network interface: ECS needs the subnets to place it in and the security groups to attach.",
                           "Use private subnets with a NAT gateway or VPC endpoints (assignPublicIp DISABLED), or public subnets with assignPublicIp ENABLED.",
                           "In CI actions and scripts that call run-task, pass the subnets and security groups too "
                           + "(e.g. run-task-subnets / run-task-security-groups)."],
                   commands: [serviceCommand,
                              "aws ecs run-task --cluster \(clusterWord) --task-definition \(familyWord) --network-configuration \(configuration)"])
    }

    static func superfluousFix(service: String?, cluster: String?, family: String?, mode: String) -> Fix {
        let clusterWord = cluster.map(ShellWord.quoted) ?? "<cluster>"
        let familyWord = family.map(ShellWord.quoted) ?? "<family:revision>"
        return Fix(summary: "Drop the network configuration (\(mode) tasks use the instance's network), or switch the definition to awsvpc",
                   steps: ["Only awsvpc tasks take subnets and security groups; \(mode) tasks share the container instance's network interface "
                           + "and security groups.",
                           "update-service can change a network configuration but has no option to remove one: create the service again without it "
                           + "(under a new name, then delete the old one), or register the definition with networkMode awsvpc."],
                   commands: ["aws ecs create-service --cluster \(clusterWord) "
                              + "--service-name \(service.map { ShellWord.quoted($0 + "-\(mode)") } ?? "<service>") "
                              + "--task-definition \(familyWord) --desired-count 1 --launch-type EC2",
                              "aws ecs run-task --cluster \(clusterWord) --task-definition \(familyWord) --launch-type EC2"])
    }
}
