/// A static host port is already taken on every candidate instance ("is
/// already using a port required by your task"); confirmed when the task
/// binds a static host port and every container instance of the cluster
/// already reports that port in use (`remainingResources` PORTS).
struct HostPortConflictRule: Rule {
    static let description = RuleDescription(
        id: "host-port-conflict", title: "Host port already in use on the instance", category: .capacity,
        severity: .high, explains: [.hostPortConflict], needs: [.taskDefinitions, .containerInstances],
        examples: [
            .triggers("port in use", "The closest matching container-instance is already using a port required by your task.", resources: [""], confidence: .likely),
            .triggers("static port 80 in use on the only instance", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", events: [portEvent], launchType: "EC2", awsvpc: false)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"],
                                                                        portMappings: #"[{"containerPort": 80, "hostPort": 80, "protocol": "tcp"}]"#)),
                #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/8c4f2e7a", "ec2InstanceId": "i-0abc", "status": "ACTIVE", "agentConnected": true, "remainingResources": [{"name": "PORTS", "type": "STRINGSET", "stringSetValue": ["22", "2375", "2376", "51678", "51679", "80"]}]}]"#),
                resources: [Fixture.serviceArn("web")], confidence: .confirmed),
            .quiet("insufficient memory is another rule's", "service x was unable to place a task because no container instance met all of its requirements. The closest matching container-instance y has insufficient memory available."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let target = ServiceCoordinates(workload, symptom: symptom, index: context.index)
            let definition = workload?.taskDefinition
            let ports = definition.map(Self.staticHostPorts) ?? []
            let instances = target.cluster.map(context.index.containerInstances(mayBeIn:)) ?? []
            let busy = ports.filter { port in !instances.isEmpty && instances.allSatisfy { $0.usedPorts.contains(String(port)) } }
            var evidence: [Evidence] = []
            if let definition, !ports.isEmpty { evidence.append(Self.portsEvidence(definition, ports: ports)) }
            if !busy.isEmpty { evidence.append(Self.busyEvidence(busy, instances: instances, cluster: target.cluster ?? "the cluster")) }
            return NamedCauseDetail(
                title: Self.title(busy), resources: symptom.resourceList, confirmingEvidence: evidence,
                fix: Self.fix(target),
                missingEvidence: target.missingEvidence)
        }
    }

    /// Host ports the definition binds on the instance: fixed `hostPort`s in
    /// bridge mode, every container port in host mode; none in awsvpc, where
    /// each task has its own interface.
    static func staticHostPorts(_ definition: TaskDefinition) -> [Int] {
        let mappings = definition.containerDefinitions.flatMap(\.portMappings)
        switch definition.effectiveNetworkMode {
        case "host": return mappings.compactMap { $0.hostPort ?? $0.containerPort }.uniqued()
        case "bridge": return mappings.compactMap(\.hostPort).filter { $0 != 0 }.uniqued()
        default: return []
        }
    }
}

// MARK: Messages and fixes

extension HostPortConflictRule {
    static func title(_ busy: [Int]) -> String {
        busy.isEmpty ? "The task's static host port is already used on the candidate instances"
                     : "Host port \(busy.map(String.init).joined(separator: ", ")) is already in use on every container instance"
    }

    static func portsEvidence(_ definition: TaskDefinition, ports: [Int]) -> Evidence {
        Evidence(definition.location, "\(definition.familyRevision) binds static host port(s) \(ports.map(String.init).joined(separator: ", ")) "
                     + "in \(definition.effectiveNetworkMode) mode: one such task per instance")
    }

    static func busyEvidence(_ ports: [Int], instances: [ContainerInstance], cluster: String) -> Evidence {
        let names = instances.map { $0.ec2InstanceId ?? $0.shortId }
        return Evidence(instances[0].location + "/remainingResources",
                        "port(s) \(ports.map(String.init).joined(separator: ", ")) already in use on every container instance of \(cluster) "
                            + "(\(names.joined(separator: ", ")))")
    }

    /// A rolling deployment with static ports needs a free instance for the
    /// new task, or room to stop an old one first: minimumHealthyPercent 50,
    /// maximumPercent 100. Dynamic ports (hostPort 0) remove the limit.
    static func fix(_ target: ServiceCoordinates) -> Fix {
        let update = target.service == nil ? nil
            : ServiceUpdate(target: target, changes: [.deploymentConfiguration(minimumHealthyPercent: 50, maximumPercent: 100)])
        return Fix(summary: "Use dynamic host ports (hostPort 0 in bridge mode, with an ALB) or awsvpc, or let old tasks stop first, or add instances",
                   steps: ["With a static hostPort only one copy fits per instance; a rolling deployment needs a free instance for the new task.",
                           "In bridge mode set hostPort to 0 (or omit it): ECS picks an ephemeral port and registers it with the target group.",
                           "Or use the awsvpc network mode: each task gets its own ENI and port space.",
                           "Or lower minimumHealthyPercent so ECS may stop an old task before starting the new one (the command below)."],
                   commands: update.map { [$0.command] } ?? [], terraform: update?.terraform)
    }

    // Example inputs.
    static let portEvent = "(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 8c4f2e7a) is already using a port required by your task."
}
