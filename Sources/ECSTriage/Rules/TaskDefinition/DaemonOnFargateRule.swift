/// The DAEMON strategy places one task on every container instance; Fargate
/// has no instances, so a DAEMON service cannot run on Fargate.
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
            let launch = service.launchType.map { "launchType \($0)" } ?? "capacity provider \(service.capacityProviders.joined(separator: ", "))"
            findings.append(Self.description.finding(
                title: "\(service.serviceName) uses the DAEMON scheduling strategy on Fargate",
                explains: symptoms,
                resources: [.arn(service.serviceArn)] + (workload.taskDefinition.map { [.arn($0.taskDefinitionArn)] } ?? []),
                evidence: symptoms.map(\.evidence) + [
                    Evidence(service.location + "/schedulingStrategy", "schedulingStrategy DAEMON"),
                    Evidence(service.location, "\(service.serviceName) runs on Fargate (\(launch))")],
                fix: fix(service.serviceName, cluster: workload.clusterName, taskDefinition: workload.taskDefinition?.family ?? service.taskDefinition.map(ARN.lastComponent))))
        }
        for symptom in context.symptoms(of: [.daemonOnFargate]) where !explained.contains(symptom.id) {
            findings.append(Self.description.finding(
                title: "A DAEMON service cannot run on Fargate", basis: .symptomText, explains: [symptom],
                resources: symptom.resourceList, evidence: [symptom.evidence],
                fix: fix(nil, cluster: "<cluster>", taskDefinition: nil)))
        }
        return findings
    }

    private func fix(_ service: String?, cluster: String, taskDefinition: String?) -> Fix {
        let name = service ?? "<service>"
        return Fix(summary: "Run \(name) with the REPLICA strategy on Fargate, or keep DAEMON on EC2 capacity",
                   steps: ["Fargate has no container instances to put one task on each: use REPLICA with a desired count, or run the daemon on the EC2 launch type.",
                           "The scheduling strategy cannot be changed on an existing service: create a new service and delete the old one.",
                           "For per-task agents (log routers, monitoring), add them as sidecar containers to the application's task definition instead."],
                   commands: ["aws ecs create-service --cluster \(cluster) --service-name \(name)-replica --task-definition \(taskDefinition ?? "<family>") --scheduling-strategy REPLICA --desired-count 1 --launch-type FARGATE --network-configuration \"awsvpcConfiguration={subnets=[<subnet-id>],securityGroups=[<sg-id>]}\"",
                              "aws ecs delete-service --cluster \(cluster) --service \(name) --force"],
                   terraform: "resource \"aws_ecs_service\" \"\(ServiceTarget.label(name == "<service>" ? "app" : name))\" {\n  scheduling_strategy = \"REPLICA\"  # DAEMON needs launch_type = \"EC2\"\n  desired_count       = 1\n}")
    }
}
