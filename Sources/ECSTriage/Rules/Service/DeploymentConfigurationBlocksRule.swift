/// minimumHealthyPercent / maximumPercent leave no room to replace tasks: ECS
/// may run at most floor(desired × max%) tasks and must keep ceil(desired ×
/// min%) healthy (ECS Developer Guide, "Deploy Amazon ECS services by
/// replacing tasks", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html).
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
            .quiet("min 0 / max 100 with one task: stop first, then start", Fixture.snapshot(
                #""services": [{"serviceName": "web", "serviceArn": "arn:aws:ecs:us-east-1:111122223333:service/prod/web", "launchType": "EC2", "desiredCount": 1, "deploymentConfiguration": {"minimumHealthyPercent": 0, "maximumPercent": 100}}]"#)),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
        for workload in context.index.workloads {
            guard let service = workload.service, let room = Room(service), room.isNone else { continue }
            let symptoms = context.symptoms(of: [.deploymentConfigurationBlocks], on: workload)
            claimed.formUnion(symptoms.map(\.id))
            let target = ServiceCoordinates(workload, symptom: nil, index: context.index)
            findings.append(Self.description.finding(
                title: Self.title(service, room), explains: symptoms, resources: [.arn(service.serviceArn)],
                evidence: symptoms.map(\.evidence) + [Self.roomEvidence(service, room)],
                fix: Self.fix(target, staticHostPorts: Self.bindsStaticHostPorts(workload))))
        }
        for symptom in context.symptoms(of: [.deploymentConfigurationBlocks]) where !claimed.contains(symptom.id) {
            let target = ServiceCoordinates(context.index.workload(for: symptom.resource), symptom: symptom, index: context.index)
            findings.append(Self.description.finding(
                title: Self.symptomTitle, basis: .symptomText, explains: [symptom],
                resources: symptom.resourceList, evidence: [symptom.evidence],
                fix: Self.fix(target, staticHostPorts: false), missingEvidence: target.missingEvidence))
        }
        return findings
    }

    /// How many tasks a rolling deployment may run and must keep, for a
    /// replica service of the ECS deployment controller (daemon services
    /// and other controllers use other rules).
    struct Room {
        var desired: Int
        var minimum: Int
        var maximum: Int
        var most: Int { desired * maximum / 100 }
        var least: Int { (desired * minimum + 99) / 100 }
        /// With no difference ECS can neither start an extra task nor stop one.
        var isNone: Bool { most <= least }

        init?(_ service: ECSService) {
            guard service.schedulingStrategy?.uppercased() != "DAEMON",
                  service.deploymentControllerType == nil || service.deploymentControllerType?.uppercased() == "ECS",
                  let minimum = service.minimumHealthyPercent, let maximum = service.maximumPercent,
                  let desired = service.desiredCount, desired > 0 else { return nil }
            self.desired = desired
            self.minimum = minimum
            self.maximum = maximum
        }
    }

    static func bindsStaticHostPorts(_ workload: Workload) -> Bool {
        !workload.isFargate && workload.networkMode != "awsvpc"
            && (workload.taskDefinition?.containerDefinitions.contains { $0.portMappings.contains { ($0.hostPort ?? 0) != 0 } } ?? false)
    }
}

// MARK: Messages and fixes

extension DeploymentConfigurationBlocksRule {
    static let symptomTitle = "The deployment configuration leaves no room to replace tasks"

    static func title(_ service: ECSService, _ room: Room) -> String {
        "\(service.serviceName) can neither start an extra task nor stop one during a deployment "
            + "(min \(room.minimum)%, max \(room.maximum)% of \(room.desired))"
    }

    static func roomEvidence(_ service: ECSService, _ room: Room) -> Evidence {
        Evidence(service.deploymentConfigurationLocation ?? service.location,
                 "at most \(room.most) task(s) may run and at least \(room.least) must stay healthy, with \(room.desired) desired")
    }

    /// maximumPercent 200 starts new tasks before stopping old ones; with
    /// static host ports on EC2 there is no second port, so an old task
    /// must stop first: minimumHealthyPercent 50 with maximumPercent 100.
    static func fix(_ target: ServiceCoordinates, staticHostPorts: Bool) -> Fix {
        let update = ServiceUpdate(target: target, changes: [staticHostPorts ? .deploymentConfiguration(minimumHealthyPercent: 50, maximumPercent: 100)
                                                                             : .deploymentConfiguration(minimumHealthyPercent: 100, maximumPercent: 200)])
        return Fix(summary: "Allow room: maximumPercent above 100 (start new before stopping old) or minimumHealthyPercent below 100",
                   steps: ["maximumPercent 200 with minimumHealthyPercent 100 replaces tasks without losing capacity (needs spare capacity on EC2).",
                           "With static host ports on EC2, lower minimumHealthyPercent instead, so an old task can stop first."],
                   commands: [update.command], terraform: update.terraform)
    }
}
