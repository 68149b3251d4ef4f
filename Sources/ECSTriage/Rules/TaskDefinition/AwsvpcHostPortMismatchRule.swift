/// With the awsvpc (and host) network mode the container port is the port
/// on the task's own interface: `hostPort` must be left out or equal
/// `containerPort`.
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
            var evidence: [Evidence] = []
            for container in definition.containerDefinitions {
                for (index, mapping) in container.portMappings.enumerated() {
                    guard let host = mapping.hostPort, host != 0, let port = mapping.containerPort, host != port else { continue }
                    evidence.append(Evidence(container.location + "/portMappings/\(index)", "container \(container.name) maps hostPort \(host) to containerPort \(port)"))
                }
            }
            guard !evidence.isEmpty else { continue }
            let symptoms = context.symptoms(of: [.hostPortMismatch], on: use)
            explained.formUnion(symptoms.map(\.id))
            findings.append(Self.description.finding(
                title: "\(definition.familyRevision) uses \(mode) but maps a host port to a different container port",
                explains: symptoms, resources: use.resources,
                evidence: symptoms.map(\.evidence) + [Evidence(definition.location + (definition.networkMode == nil ? "" : "/networkMode"), "network mode \(mode)\(definition.networkMode == nil ? " (Fargate)" : "")")] + evidence,
                fix: fix(use, mode: mode)))
        }
        for symptom in context.symptoms(of: [.hostPortMismatch]) where !explained.contains(symptom.id) {
            findings.append(Self.description.findingFromText(symptom, title: "An awsvpc port mapping has a hostPort different from its containerPort",
                                                             fix: fix(nil, mode: "awsvpc"), context: context))
        }
        return findings
    }

    private func fix(_ use: DefinitionUse?, mode: String) -> Fix {
        Fix(summary: "Remove hostPort from the port mappings (or set it equal to containerPort)",
            steps: ["In the \(mode) network mode each task has its own network interface (\(mode == "host" ? "the instance's" : "an ENI")): the application is reached on containerPort, there is no host-port translation.",
                    "To serve on another port, change the port the application listens on (containerPort), or map the port at the load balancer: the listener port can differ from the target port.",
                    "Edit the exported \(use?.definition.family ?? "taskdef").json: delete each \"hostPort\" (or make it equal \"containerPort\"), then register it."],
            commands: (use.map { [$0.exportCommand] } ?? [])
                + [use?.registerCommand("") ?? "aws ecs register-task-definition --cli-input-json file://taskdef.json"]
                + (use?.updateServiceCommands ?? []),
            terraform: "resource \"aws_ecs_task_definition\" \"\(use?.label ?? "app")\" {\n  container_definitions = jsonencode([{\n    portMappings = [{ containerPort = 8080 }] # no hostPort in \(mode)\n    # ...\n  }])\n}")
    }
}
