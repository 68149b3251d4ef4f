/// minimumHealthyPercent / maximumPercent leave no room to replace tasks.
struct DeploymentConfigurationBlocksRule: Rule {
    static let description = RuleDescription(
        id: "deployment-configuration-blocks", title: "Deployment configuration leaves no room to replace tasks",
        category: .service, severity: .high, explains: [.deploymentConfigurationBlocks], needs: [.services],
        examples: [
            .triggers("service event", "(service my-service) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.",
                      resources: [""], confidence: .likely),
            .triggers("min 100 / max 100", Fixture.snapshot(
                #""services": [{"serviceName": "web", "serviceArn": "arn:aws:ecs:us-east-1:111122223333:service/prod/web", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod", "launchType": "FARGATE", "desiredCount": 2, "schedulingStrategy": "REPLICA", "deploymentConfiguration": {"minimumHealthyPercent": 100, "maximumPercent": 100}}]"#),
                resources: ["arn:aws:ecs:us-east-1:111122223333:service/prod/web"], confidence: .likely),
            .quiet("default 100 / 200", Fixture.snapshot(
                #""services": [{"serviceName": "web", "serviceArn": "arn:aws:ecs:us-east-1:111122223333:service/prod/web", "launchType": "FARGATE", "desiredCount": 2, "deploymentConfiguration": {"minimumHealthyPercent": 100, "maximumPercent": 200}}]"#)),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
        for workload in context.index.workloads {
            guard let service = workload.service, service.schedulingStrategy?.uppercased() != "DAEMON",
                  service.deploymentControllerType == nil || service.deploymentControllerType?.uppercased() == "ECS",
                  let minimum = service.minimumHealthyPercent, let maximum = service.maximumPercent,
                  let desired = service.desiredCount, desired > 0 else { continue }
            // ECS may run at most floor(desired × max%) and must keep ceil(desired × min%):
            // with no difference it can neither start an extra task nor stop one.
            let most = desired * maximum / 100
            let least = (desired * minimum + 99) / 100
            guard most <= least else { continue }
            let symptoms = context.symptoms(of: [.deploymentConfigurationBlocks], on: workload)
            claimed.formUnion(symptoms.map(\.id))
            findings.append(Self.description.finding(
                title: "\(service.serviceName) can neither start an extra task nor stop one during a deployment (min \(minimum)%, max \(maximum)% of \(desired))",
                explains: symptoms, resources: [.arn(service.serviceArn)],
                evidence: symptoms.map(\.evidence) + [Evidence(service.deploymentConfigurationLocation ?? service.location,
                                                             "at most \(most) task(s) may run and at least \(least) must stay healthy, with \(desired) desired")],
                fix: Self.fix(cluster: workload.clusterName, service: service.serviceName)))
        }
        for symptom in context.symptoms(of: [.deploymentConfigurationBlocks]) where !claimed.contains(symptom.id) {
            findings.append(Self.description.finding(
                title: "The deployment configuration leaves no room to replace tasks", basis: .symptomText, explains: [symptom],
                resources: symptom.resourceList, evidence: [symptom.evidence],
                fix: Self.fix(cluster: "<cluster>", service: "<service>")))
        }
        return findings
    }

    static func fix(cluster: String, service: String) -> Fix {
        Fix(summary: "Allow room: maximumPercent above 100 (start new before stopping old) or minimumHealthyPercent below 100",
            steps: ["maximumPercent 200 with minimumHealthyPercent 100 replaces tasks without losing capacity (needs spare capacity on EC2).",
                    "With static host ports on EC2, lower minimumHealthyPercent instead, so an old task can stop first."],
            commands: ["aws ecs update-service --cluster \(cluster) --service \(service) --deployment-configuration minimumHealthyPercent=100,maximumPercent=200"],
            terraform: "deployment_minimum_healthy_percent = 100\ndeployment_maximum_percent         = 200")
    }
}
