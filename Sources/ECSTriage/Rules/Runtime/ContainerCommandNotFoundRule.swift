/// The container's command or entry point does not exist in the image, most
/// often because a whole command line was given as one string.
struct ContainerCommandNotFoundRule: Rule {
    static let description = RuleDescription(
        id: "container-command-not-found", title: "Container command not found in the image", category: .runtime,
        severity: .critical, explains: [.containerCommandNotFound], needs: [.taskDefinitions],
        examples: [
            .triggers("command given as one string", #"CannotStartContainerError: API error (500): Cannot start container 54b6: [8] System error: exec: "node index.js -t sockets_transport -i 0": executable file not found in $PATH"#,
                      resources: [""], confidence: .likely),
            .triggers("one-string command in the definition", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "command": ["npm run start"]"#)),
                Fixture.array("services", Fixture.service("web"))),
                resources: ["web"], confidence: .likely),
            .quiet("command split into arguments", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "command": ["npm", "run", "start"]"#)),
                Fixture.array("services", Fixture.service("web")))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var explained = Set<String>()
        var findings = Self.description.namedCauseFindings(context) { symptom, workload in
            let executable = MessageClassifier.token(after: "exec: \"", in: symptom.message, stopAt: "\"")
            if let executable { explained.insert(executable) }
            let container = workload?.container(named: symptom.facts.containerName)
            var evidence: [Evidence] = []
            if let container, let split = Self.oneStringCommand(container) {
                evidence.append(split)
            }
            return NamedCauseDetail(
                title: "The container's command \(executable.map { "\"\($0)\" " } ?? "")was not found in the image",
                resources: (container.map { [.container($0.name)] } ?? []) + symptom.resourceList, confirmingEvidence: evidence,
                fix: Self.fix(executable))
        }
        for workload in context.index.workloads {
            for container in workload.taskDefinition?.containerDefinitions ?? [] {
                guard let evidence = Self.oneStringCommand(container) else { continue }
                let line = (container.entryPoint + container.command).first { $0.contains(" ") } ?? ""
                guard !explained.contains(line) else { continue }
                findings.append(Self.description.finding(
                    title: "Container \(container.name) runs \"\(line)\" as a single executable name", basis: .configuration,
                    resources: [.container(container.name), workload.resource], evidence: [evidence], fix: Self.fix(line)))
            }
        }
        return findings
    }

    /// A command or entry point whose first element holds spaces and is not
    /// run through a shell: ECS execs it as one file name.
    static func oneStringCommand(_ container: ContainerDefinition) -> Evidence? {
        let shells: Set<String> = ["sh", "/bin/sh", "bash", "/bin/bash", "/bin/ash", "ash"]
        let argv = container.entryPoint + container.command
        guard let first = argv.first, first.contains(" "), !shells.contains(first),
              !(argv.count > 1 && shells.contains(first)) else { return nil }
        let field = container.entryPoint.isEmpty ? "command" : "entryPoint"
        return Evidence(container.location + "/" + field, "\(field) \(argv) starts with \"\(first)\": ECS runs it as one executable name, spaces included")
    }

    static func fix(_ executable: String?) -> Fix {
        let parts = executable.map { $0.split(separator: " ").map { "\"\($0)\"" }.joined(separator: ", ") } ?? "\"<executable>\", \"<arg>\""
        return Fix(summary: "Split the command into an array of arguments, or run it through a shell, and make sure the executable exists in the image",
                   steps: ["In the task definition, command and entryPoint are exec arrays: [\(parts)], not one string.",
                           "To use shell features, write [\"sh\", \"-c\", \"<command line>\"].",
                           "If the image's ENTRYPOINT takes arguments, pass them in command, not entryPoint.",
                           "Check the file exists and is executable: docker run --rm --entrypoint ls <image> -l <path>."],
                   terraform: "container_definitions = jsonencode([{\n  command = [\(parts)]\n}])")
    }
}
