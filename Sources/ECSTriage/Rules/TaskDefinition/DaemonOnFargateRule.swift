/// The DAEMON strategy places one task on every container instance; Fargate
/// has no instances, so a DAEMON service cannot run on Fargate
/// (CreateServiceRequest.schedulingStrategy in botocore's ECS model,
/// data/ecs/2014-11-13/service-2.json: "Tasks using the Fargate launch type
/// ... don't support the DAEMON scheduling strategy").
struct DaemonOnFargateRule: Rule {
    static let description = RuleDescription(
        id: "daemon-on-fargate", title: "DAEMON scheduling strategy on Fargate",
        category: .taskDefinition, severity: .critical, explains: [.daemonOnFargate],
        needs: [.services],
        examples: [
            .triggers("DAEMON service on Fargate", Fixture.snapshot(
                Fixture.array("services", Fixture.service("agent", extraJSON: #", "schedulingStrategy": "DAEMON""#))),
                resources: [Fixture.serviceArn("agent")], confidence: .likely),
            .triggers("the API error alone", "InvalidParameterException: The daemon scheduling strategy does not support the FARGATE launch type. Change the launch type and try again",
                      resources: [""], confidence: .likely),
            .quiet("DAEMON service on EC2", Fixture.snapshot(
                Fixture.array("services", Fixture.service("agent", launchType: "EC2", extraJSON: #", "schedulingStrategy": "DAEMON""#)))),
            .quiet("REPLICA service on Fargate", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", extraJSON: #", "schedulingStrategy": "REPLICA""#)))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for workload in context.index.workloads where workload.isFargate {
            guard let service = workload.service, service.schedulingStrategy?.uppercased() == "DAEMON" else { continue }
            let symptoms = context.symptoms(of: [.daemonOnFargate], on: workload)
            explained.formUnion(symptoms.map(\.id))
            findings.append(Self.description.finding(
                title: "\(service.serviceName) uses the DAEMON scheduling strategy on Fargate",
                explains: symptoms,
                resources: [.arn(service.serviceArn)] + (workload.taskDefinition.map { [.arn($0.taskDefinitionArn)] } ?? []),
                evidence: symptoms.map(\.evidence) + Self.evidence(service),
                fix: Self.fix(service, workload: workload)))
        }
        for symptom in context.symptoms(of: [.daemonOnFargate]) where !explained.contains(symptom.id) {
            findings.append(Self.description.finding(
                title: "A DAEMON service cannot run on Fargate", basis: .symptomText, explains: [symptom],
                resources: symptom.resourceList, evidence: [symptom.evidence], fix: Self.textFix(), missingEvidence: [Self.createServiceInput]))
        }
        return findings
    }
}

// MARK: Messages and fixes

extension DaemonOnFargateRule {
    static func evidence(_ service: ECSService) -> [Evidence] {
        let launch = service.launchType.map { "launchType \($0)" } ?? "capacity provider \(service.capacityProviders.joined(separator: ", "))"
        return [Evidence(service.location + "/schedulingStrategy", "schedulingStrategy DAEMON"),
                Evidence(service.location, "\(service.serviceName) runs on Fargate (\(launch))")]
    }

    static let steps = [
        "Fargate has no container instances to put one task on each: use REPLICA with a desired count, or run the daemon on the EC2 launch type.",
        "The scheduling strategy of an existing service cannot be changed (update-service has no such option): create a new service, "
            + "then delete the old one.",
        "For per-task agents (log routers, monitoring), add them as sidecar containers to the application's task definition instead.",
    ]

    static func fix(_ service: ECSService, workload: Workload) -> Fix {
        let cluster = ShellWord.quoted(workload.clusterName)
        let family = workload.taskDefinition?.familyRevision ?? service.taskDefinition.map(ARN.lastComponent)
        let network = service.networkConfiguration.map(AwsvpcConfigurationArgument.shorthand)
            ?? AwsvpcConfigurationArgument.shorthand(subnets: workload.subnetIds, securityGroups: workload.securityGroupIds, assignPublicIp: nil)
        let replica = service.serviceName + "-replica"
        return Fix(summary: "Run \(service.serviceName) with the REPLICA strategy on Fargate, or keep DAEMON on EC2 capacity",
                   steps: steps,
                   commands: ["aws ecs create-service --cluster \(cluster) --service-name \(ShellWord.quoted(replica)) "
                              + "--task-definition \(family.map(ShellWord.quoted) ?? "<family:revision>") --scheduling-strategy REPLICA --desired-count 1 "
                              + "--launch-type FARGATE --network-configuration \(network)",
                              "aws ecs delete-service --cluster \(cluster) --service \(ShellWord.quoted(service.serviceName)) --force"],
                   terraform: terraform(name: replica, cluster: workload.clusterArn ?? workload.clusterName,
                                        family: family, configuration: service.networkConfiguration))
    }

    static let createServiceInput = MissingEvidence(
        why: "the cluster, service name, task definition and subnets are those of the create-service call that failed",
        command: "aws ecs describe-services --cluster <cluster> --services <service>")

    /// The message alone names neither cluster nor service (it answers a create-service call).
    static func textFix() -> Fix {
        Fix(summary: "Create the service with the REPLICA strategy on Fargate, or keep DAEMON on EC2 capacity",
            steps: steps,
            commands: ["aws ecs create-service --cluster <cluster> --service-name <service> --task-definition <family:revision> "
                       + "--scheduling-strategy REPLICA --desired-count 1 --launch-type FARGATE --network-configuration "
                       + AwsvpcConfigurationArgument.shorthand(subnets: [], securityGroups: [], assignPublicIp: nil)])
    }

    static func terraform(name: String, cluster: String, family: String?, configuration: AwsVpcConfiguration?) -> String {
        let subnets = (configuration?.subnets ?? []).map { HCLLiteral.write(.string($0), indent: 0) }.joined(separator: ", ")
        let groups = (configuration?.securityGroups ?? []).map { HCLLiteral.write(.string($0), indent: 0) }.joined(separator: ", ")
        return """
        resource "aws_ecs_service" "\(TerraformName.label(name))" {
          name                = \(HCLLiteral.write(.string(name), indent: 0))
          cluster             = \(HCLLiteral.write(.string(cluster), indent: 0))
          task_definition     = \(HCLLiteral.write(.string(family ?? "<family:revision>"), indent: 0))
          launch_type         = "FARGATE"
          scheduling_strategy = "REPLICA" # DAEMON needs launch_type = "EC2"
          desired_count       = 1
          network_configuration {
            subnets         = [\(subnets)]
            security_groups = [\(groups)]
          }
        }
        """
    }
}
