/// A static host port is already taken on every candidate instance.
struct HostPortConflictRule: Rule {
    static let description = RuleDescription(
        id: "host-port-conflict", title: "Host port already in use on the instance", category: .capacity,
        severity: .high, explains: [.hostPortConflict], needs: [.taskDefinitions, .containerInstances],
        examples: [
            .triggers("port in use", "The closest matching container-instance is already using a port required by your task.", resources: [""], confidence: .likely),
            .quiet("insufficient memory is another rule's", "service x was unable to place a task because no container instance met all of its requirements. The closest matching container-instance y has insufficient memory available."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let ports = workload?.taskDefinition?.containerDefinitions.flatMap(\.portMappings).compactMap { $0.hostPort }.filter { $0 != 0 } ?? []
            var evidence: [Evidence] = []
            if let definition = workload?.taskDefinition, !ports.isEmpty {
                evidence.append(Evidence(definition.location, "the task binds static host port(s) \(ports.map(String.init).joined(separator: ", ")) in \(definition.effectiveNetworkMode) mode: one such task per instance"))
            }
            return NamedCauseDetail(
                title: "The task's static host port is already used on the candidate instances",
                resources: symptom.resourceList, confirmingEvidence: evidence,
                fix: Fix(summary: "Use dynamic host ports (hostPort 0 in bridge mode, with an ALB) or awsvpc, or add instances",
                         steps: ["With a static hostPort only one copy fits per instance; a rolling deployment needs a free instance for the new task.",
                                 "In bridge mode set hostPort to 0 (or omit it): ECS picks an ephemeral port and registers it with the target group.",
                                 "Or use the awsvpc network mode: each task gets its own ENI and port space.",
                                 "Or lower minimumHealthyPercent so ECS may stop an old task before starting the new one."],
                         terraform: "portMappings = [{ containerPort = 8080, hostPort = 0 }]"))
        }
    }
}
