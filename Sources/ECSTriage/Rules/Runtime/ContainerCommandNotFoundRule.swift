/// The container's command or entry point does not exist in the image, most
/// often because a whole command line was given as one string: ECS passes
/// `command` and `entryPoint` to the runtime as exec arrays, not through a
/// shell (ContainerDefinition.command in botocore's ECS model,
/// data/ecs/2014-11-13/service-2.json).
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
            .quiet("a one-string command run by a shell", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "command": ["sh", "-c", "npm run start"]"#)),
                Fixture.array("services", Fixture.service("web")))),
        ])

    /// A command or entry point whose first element holds spaces and is not run through a shell.
    struct OneString {
        var member: String
        var line: String
        var argv: [String]
        var evidence: Evidence
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var explained = Set<String>()
        var findings = Self.description.namedCauseFindings(context) { symptom, workload in
            let executable = MessageClassifier.token(after: "exec: \"", in: symptom.message, stopAt: "\"")
            if let executable { explained.insert(executable) }
            let container = workload?.container(named: symptom.facts.containerName)
            let defect = container.flatMap(Self.oneStringCommand)
            let change = defect.flatMap { defect in
                workload?.taskDefinition.map { TaskDefinitionChange(context.index.definitionUse($0), [Self.edit(container!.name, defect)]) }
            }
            return NamedCauseDetail(
                title: Self.title(executable), resources: (container.map { [.container($0.name)] } ?? []) + symptom.resourceList,
                confirmingEvidence: defect.map { [$0.evidence] } ?? [],
                fix: Self.fix(executable, defect: defect, change: change, definition: workload?.taskDefinition))
        }
        for use in context.index.definitionUses {
            for container in use.definition.containerDefinitions {
                guard let defect = Self.oneStringCommand(container), !explained.contains(defect.line) else { continue }
                findings.append(Self.description.finding(
                    title: "Container \(container.name) runs \"\(defect.line)\" as a single executable name",
                    resources: [.container(container.name)] + use.resources, evidence: [defect.evidence],
                    fix: Self.fix(defect.line, defect: defect, change: TaskDefinitionChange(use, [Self.edit(container.name, defect)]),
                                  definition: use.definition)))
            }
        }
        return findings
    }

    static let shells: Set<String> = ["sh", "/bin/sh", "bash", "/bin/bash", "/bin/ash", "ash"]

    static func oneStringCommand(_ container: ContainerDefinition) -> OneString? {
        let argv = container.entryPoint + container.command
        guard let first = argv.first, first.contains(" "), !shells.contains(first) else { return nil }
        let member = container.entryPoint.isEmpty ? "command" : "entryPoint"
        let evidence = Evidence(container.location + "/" + member,
                                "\(member) \(argv) starts with \"\(first)\": ECS runs it as one executable name, spaces included")
        return OneString(member: member, line: first, argv: container.entryPoint.isEmpty ? container.command : container.entryPoint, evidence: evidence)
    }

    /// The member as an argument array: split on spaces when the line holds
    /// nothing a shell would read, else run it with `sh -c`.
    static func corrected(_ defect: OneString) -> [String] {
        let shellSyntax = defect.line.contains { "'\"\\$|&;<>*?(){}[]~`#=".contains($0) }
        let head = shellSyntax ? ["sh", "-c", defect.line] : defect.line.split(separator: " ").map(String.init)
        return head + defect.argv.dropFirst()
    }

    static func edit(_ container: String, _ defect: OneString) -> TaskDefinitionChange.Edit {
        .container(container, defect.member, .array(corrected(defect).map(JSONValue.string)))
    }
}

// MARK: Messages and fixes

extension ContainerCommandNotFoundRule {
    static func title(_ executable: String?) -> String {
        "The container's command \(executable.map { "\"\($0)\" " } ?? "")was not found in the image"
    }

    static func fix(_ executable: String?, defect: OneString?, change: TaskDefinitionChange?, definition: TaskDefinition?) -> Fix {
        let parts = defect.map { corrected($0).map { "\"\($0)\"" }.joined(separator: ", ") }
            ?? executable.map { $0.split(separator: " ").map { "\"\($0)\"" }.joined(separator: ", ") } ?? "\"<executable>\", \"<arg>\""
        let steps = ["In the task definition, command and entryPoint are exec arrays: [\(parts)], not one string.",
                     "To use shell features, write [\"sh\", \"-c\", \"<command line>\"].",
                     "If the image's ENTRYPOINT takes arguments, pass them in command, not entryPoint.",
                     "Check the file exists and is executable: docker run --rm --entrypoint ls <image> -l <path>."]
        let summary = "Split the command into an array of arguments, or run it through a shell, and make sure the executable exists in the image"
        guard let change else { return Fix(summary: summary, steps: steps) }
        return Fix(summary: summary, steps: steps, change: change, definition: definition)
    }
}
