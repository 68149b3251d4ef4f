/// Placement needs an attribute (agent capability, platform, custom
/// attribute) no container instance has; confirmed by comparing the task
/// definition's `requiresAttributes` and `runtimePlatform.cpuArchitecture`
/// with the attributes of the cluster's container instances.
struct MissingInstanceAttributeRule: Rule {
    static let description = RuleDescription(
        id: "missing-instance-attribute", title: "No instance has an attribute the task requires", category: .capacity,
        severity: .critical, explains: [.missingAttribute], needs: [.containerInstances, .taskDefinitions],
        examples: [
            .triggers("missing attribute", "service (service-name) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance container-instance-id is missing an attribute required by your task.",
                      resources: [""], confidence: .likely),
            .triggers("the instance's agent lacks Secrets Manager support", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", events: [event], launchType: "EC2", awsvpc: false)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"],
                                                                        extraJSON: #", "requiresAttributes": [{"name": "ecs.capability.secrets.asm.environment-variables"}]"#)),
                #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/6d2b9f4e", "ec2InstanceId": "i-0abc", "status": "ACTIVE", "agentConnected": true, "attributes": [{"name": "ecs.capability.task-eni"}, {"name": "ecs.cpu-architecture", "value": "x86_64"}]}]"#),
                resources: ["ecs.capability.secrets.asm.environment-variables"], confidence: .confirmed),
            .quiet("port conflict is another rule's", "The closest matching container-instance is already using a port required by your task."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let target = ServiceCoordinates(workload, symptom: symptom, index: context.index)
            let instances = (target.cluster.map(context.index.containerInstances(mayBeIn:)) ?? []).filter(\.listsAttributes)
            let definition = workload?.taskDefinition
            let gaps = definition.map { definition in instances.map { Gap($0, definition: definition) } } ?? []
            // Only what every instance lacks explains a failure on all of them.
            let common = gaps.isEmpty || gaps.contains { $0.missing.isEmpty } ? [] : gaps.map(\.missing).reduce(gaps[0].missing) { shared, next in
                shared.filter(next.contains)
            }
            return NamedCauseDetail(
                title: Self.title(common, cluster: target.cluster),
                resources: common.map(ResourceID.attribute) + symptom.resourceList,
                confirmingEvidence: common.isEmpty ? [] : gaps.map(Self.gapEvidence),
                fix: Self.fix(common, instances: instances, definition: definition, target: target),
                missingEvidence: Self.missing(instances: instances, definition: definition, workload: workload, target: target))
        }
    }

    /// What one container instance lacks of what the definition requires:
    /// `name` or `name=value` for each required attribute it does not have.
    struct Gap {
        var instance: ContainerInstance
        var missing: [String]

        init(_ instance: ContainerInstance, definition: TaskDefinition) {
            self.instance = instance
            var missing = definition.requiresAttributes.filter { required in
                !instance.attributes.contains { $0.name == required.name && (required.value == nil || $0.value == required.value) }
            }.map { required in required.value.map { "\(required.name)=\($0)" } ?? required.name }
            // ECS places an ARM64 definition only on arm64 instances (`ecs.cpu-architecture`).
            if let wanted = definition.cpuArchitecture?.lowercased(), let has = instance.attribute("ecs.cpu-architecture")?.lowercased(), wanted != has {
                missing.append("ecs.cpu-architecture=\(wanted)")
            }
            self.missing = missing
        }
    }
}

// MARK: Messages and fixes

extension MissingInstanceAttributeRule {
    static func title(_ missing: [String], cluster: String?) -> String {
        guard !missing.isEmpty else { return "No container instance has an attribute the task requires" }
        return "No container instance of \(cluster ?? "the cluster") has \(missing.joined(separator: ", ")), which the task requires"
    }

    static func gapEvidence(_ gap: Gap) -> Evidence {
        Evidence(gap.instance.location + "/attributes", "\(gap.instance.ec2InstanceId ?? gap.instance.shortId) lacks \(gap.missing.joined(separator: ", "))")
    }

    static func isAgentCapability(_ attribute: String) -> Bool {
        attribute.hasPrefix("ecs.capability.") || attribute.hasPrefix("com.amazonaws.ecs.capability.")
    }

    static func fix(_ missing: [String], instances: [ContainerInstance], definition: TaskDefinition?, target: ServiceCoordinates) -> Fix {
        var steps = ["List what the task requires and what each instance offers; the difference is the missing attribute."]
        var commands: [String] = []
        let capabilities = missing.filter(isAgentCapability)
        let custom = missing.filter { !isAgentCapability($0) && !$0.hasPrefix("ecs.") }
        if missing.isEmpty || !capabilities.isEmpty {
            steps.append("ecs.capability.* attributes (secrets, awsvpc, efs, task ENI...) come from the agent: launch the instances from a current "
                         + "ECS-optimized AMI (or update the agent), then replace them.")
            if !capabilities.isEmpty {
                commands.append("aws ssm get-parameters --names /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id "
                                + "--query 'Parameters[0].Value' --output text")
            }
        }
        if missing.contains(where: { $0.hasPrefix("ecs.cpu-architecture") }) {
            steps.append("The task's runtimePlatform.cpuArchitecture must match the instances' (ecs.cpu-architecture): "
                         + "run it on instances of that architecture, or change the definition.")
        }
        if missing.isEmpty || !custom.isEmpty {
            steps.append("Custom attributes in placementConstraints (memberOf expressions) must be put on instances with put-attributes.")
        }
        if let cluster = target.cluster {
            for attribute in custom {
                let parts = attribute.split(separator: "=", maxSplits: 1).map(String.init)
                for instance in instances {
                    let value = parts.count == 2 ? ",value=\(parts[1])" : ""
                    commands.append("aws ecs put-attributes --cluster \(ShellWord.quoted(cluster)) --attributes "
                                    + ShellWord.quoted("name=\(parts[0])\(value),targetType=container-instance,targetId=\(instance.containerInstanceArn)"))
                }
            }
        }
        if missing.isEmpty, let definition {
            commands.append("aws ecs describe-task-definition --task-definition \(ShellWord.quoted(definition.familyRevision)) "
                            + "--query 'taskDefinition.[requiresAttributes,placementConstraints]'")
        }
        return Fix(summary: "Give the instances the attribute the task needs (current agent or AMI, the custom attribute, the right architecture), "
                       + "or relax the constraint",
                   steps: steps, commands: commands)
    }

    static func missing(instances: [ContainerInstance], definition: TaskDefinition?, workload: Workload?, target: ServiceCoordinates) -> [MissingEvidence] {
        var missing: [MissingEvidence] = []
        if instances.isEmpty {
            missing += target.cluster == nil ? target.missingEvidence : [MissingEvidence(
                why: "the attributes of the cluster's container instances",
                command: "aws ecs list-attributes --cluster \(target.clusterWord) --target-type container-instance")]
        }
        if definition == nil {
            let reference = workload?.service?.taskDefinition.map { ShellWord.quoted(ARN.lastComponent($0)) } ?? "<family:revision>"
            missing.append(MissingEvidence(why: "the attributes and constraints the task definition requires",
                                           command: "aws ecs describe-task-definition --task-definition \(reference) "
                                               + "--query 'taskDefinition.[requiresAttributes,placementConstraints]'"))
        }
        return missing
    }

    // Example inputs.
    static let event = "(service web) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance 6d2b9f4e is missing an attribute required by your task."
}
