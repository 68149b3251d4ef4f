/// With the awsvpc (and host) network mode the container port is the port
/// on the task's own interface: `hostPort` must be left out or equal
/// `containerPort` (PortMapping.hostPort in botocore's ECS model,
/// data/ecs/2014-11-13/service-2.json).
struct AwsvpcHostPortMismatchRule: Rule {
    static let description = RuleDescription(
        id: "awsvpc-host-port-mismatch", title: "awsvpc port mapping with a hostPort different from its containerPort",
        category: .taskDefinition, severity: .critical, explains: [.hostPortMismatch],
        needs: [.taskDefinitions],
        examples: [
            .triggers("awsvpc 80 -> 8080", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(portMappings: #"[{"containerPort": 8080, "hostPort": 80, "protocol": "tcp"}]"#))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .likely),
            .triggers("the API error alone", "ClientException: When networkMode=awsvpc, the host ports and container ports in port mappings must match.",
                      resources: [""], confidence: .likely),
            .quiet("awsvpc with equal ports", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(portMappings: #"[{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}]"#)))),
            .quiet("bridge mapping 80 -> 8080", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"], portMappings: #"[{"containerPort": 8080, "hostPort": 80, "protocol": "tcp"}]"#)))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for use in context.index.definitionUses {
            let definition = use.definition
            let mode = use.fargateConstraintsApply ? "awsvpc" : definition.effectiveNetworkMode
            guard mode == "awsvpc" || mode == "host" else { continue }
            var mismatches: [Evidence] = []
            var containers: [String] = []
            for container in definition.containerDefinitions {
                for (position, mapping) in container.portMappings.enumerated() {
                    guard let host = mapping.hostPort, host != 0, let port = mapping.containerPort, host != port else { continue }
                    mismatches.append(Self.mappingEvidence(container, position: position, host: host, port: port))
                    if !containers.contains(container.name) { containers.append(container.name) }
                }
            }
            guard !mismatches.isEmpty else { continue }
            let symptoms = context.symptoms(of: [.hostPortMismatch], on: use)
            explained.formUnion(symptoms.map(\.id))
            let change = TaskDefinitionChange(use, containers.map { .removeHostPorts(container: $0) })
            findings.append(Self.description.finding(
                title: Self.title(definition, mode: mode), explains: symptoms, resources: use.resources,
                evidence: symptoms.map(\.evidence) + [Self.modeEvidence(definition, mode: mode)] + mismatches,
                fix: Self.fix(mode: mode, change: change, definition: definition)))
        }
        for symptom in context.symptoms(of: [.hostPortMismatch]) where !explained.contains(symptom.id) {
            let change = TaskDefinitionChange.registrationInput([.removeHostPorts(container: nil)])
            findings.append(Self.description.findingFromText(
                symptom, title: "An awsvpc port mapping has a hostPort different from its containerPort",
                fix: Self.fix(mode: "awsvpc", change: change, definition: nil)))
        }
        return findings
    }
}

// MARK: Messages and fixes

extension AwsvpcHostPortMismatchRule {
    static func title(_ definition: TaskDefinition, mode: String) -> String {
        "\(definition.familyRevision) uses \(mode) but maps a host port to a different container port"
    }

    static func modeEvidence(_ definition: TaskDefinition, mode: String) -> Evidence {
        Evidence(definition.location + (definition.networkMode == nil ? "" : "/networkMode"),
                 "network mode \(mode)\(definition.networkMode == nil ? " (Fargate)" : "")")
    }

    static func mappingEvidence(_ container: ContainerDefinition, position: Int, host: Int, port: Int) -> Evidence {
        Evidence(container.location + "/portMappings/\(position)", "container \(container.name) maps hostPort \(host) to containerPort \(port)")
    }

    static func fix(mode: String, change: TaskDefinitionChange, definition: TaskDefinition?) -> Fix {
        Fix(summary: "Remove hostPort from the port mappings (ECS then uses containerPort)",
            steps: ["In the \(mode) network mode each task has its own network interface (\(mode == "host" ? "the instance's" : "an ENI")): "
                    + "the application is reached on containerPort, there is no host-port translation.",
                    "To serve on another port, change the port the application listens on (containerPort), or map the port at the load balancer: "
                    + "the listener port can differ from the target port.",
                    "The commands drop hostPort from the mappings, register the result and roll the services onto it."],
            change: change, definition: definition)
    }
}
