/// An essential container exited and nothing more specific explains why:
/// decode the exit code and say where its logs are. One finding per
/// workload, container and exit code, naming every task it stopped. An
/// essential container that ended with exit 0 beside essential containers
/// stopped with the task is a one-shot step (a migration) marked essential:
/// the fix makes it non-essential and the others wait for it.
struct ContainerExitedRule: Rule {
    static let description = RuleDescription(
        id: "container-exited", title: "Essential container exited", category: .runtime, kind: .symptom, severity: .high,
        explains: [.containerExited, .containerStartFailed, .applicationCrash],
        examples: [
            .triggers("essential container exited", "STOPPED (Essential container in task exited)", resources: [""]),
            .triggers("exit code 1 with the log stream", Fixture.snapshot(
                Fixture.array("tasks", #"{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0f3c9d", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "launchType": "FARGATE", "lastStatus": "STOPPED", "stopCode": "EssentialContainerExited", "stoppedReason": "Essential container in task exited", "containers": [{"name": "web", "exitCode": 1, "lastStatus": "STOPPED"}]}"#),
                Fixture.array("taskDefinitions", Fixture.taskDefinition())),
                resources: ["web"]),
            .triggers("a one-shot migrate container, essential, exits 0 and web is stopped with 143", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", #"{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0f3c9d", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "launchType": "FARGATE", "lastStatus": "STOPPED", "stopCode": "EssentialContainerExited", "stoppedReason": "Essential container in task exited", "containers": [{"name": "web", "exitCode": 143, "lastStatus": "STOPPED"}, {"name": "migrate", "exitCode": 0, "lastStatus": "STOPPED"}]}"#),
                Fixture.array("taskDefinitions", #"{"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "family": "web", "revision": 1, "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [{"name": "migrate", "image": "app", "command": ["migrate"]}, {"name": "web", "image": "app", "essential": true}]}"#)),
                resources: ["migrate"], confidence: .confirmed),
            .triggers("a Python traceback ending in a missing module", """
                Traceback (most recent call last):
                  File "/app/app.py", line 2, in <module>
                    from flask_sqlalchemy import SQLAlchemy
                ModuleNotFoundError: No module named 'flask_sqlalchemy'
                """, resources: [""], confidence: .likely),
            .triggers("a traceback no signature names", """
                Traceback (most recent call last):
                  File "/app/app.py", line 9, in <module>
                    workers = int(os.environ.get("WORKERS", "four"))
                ValueError: invalid literal for int() with base 10: 'four'
                """, resources: [""], confidence: .likely),
            .quiet("OOM is another rule's", "OutOfMemoryError: Container killed due to memory usage"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var symptoms = context.unexplainedSymptoms(of: Set(Self.description.explains))
        // Exits pasted with a crash log join the crash's finding.
        let absorbed = Dictionary(grouping: symptoms.filter { $0.crashSignature != nil }.flatMap { crash in
            context.exitsPasted(with: crash).map { (crash.id, $0) }
        }, by: \.0).mapValues { $0.map(\.1) }
        let absorbedIds = Set(absorbed.values.joined().map(\.id))
        symptoms.removeAll { absorbedIds.contains($0.id) }
        return symptoms.grouped { symptom in
            let owner = context.index.workload(for: symptom.resource)?.primaryResource ?? symptom.resource ?? ""
            return [symptom.kind.rawValue, owner, symptom.facts.containerName ?? "", symptom.facts.exitCode.map(String.init) ?? "",
                    symptom.facts.crashSignature ?? ""].joined(separator: "|")
        }.map { group in
            var made = finding(group.symptoms, context)
            made.absorb(group.symptoms.flatMap { absorbed[$0.id] ?? [] })
            return made
        }
    }

    private func finding(_ symptoms: [Symptom], _ context: AnalysisContext) -> Finding {
        let symptom = symptoms[0]
        if let signature = symptom.crashSignature {
            return Self.description.finding(title: Self.crashTitle(signature), basis: .symptomText, explains: symptoms,
                                            resources: symptoms.flatMap(\.resourceList), evidence: symptoms.map(\.evidence),
                                            fix: Self.crashFix(signature))
        }
        let workload = context.index.workload(for: symptom.resource)
        let task = context.index.task(symptom.resource)
        let container = workload?.container(named: symptom.facts.containerName)
        let name = symptom.facts.containerName ?? container?.name
        let resources = (name.map { [ResourceID.container($0)] } ?? []) + symptoms.flatMap(\.resourceList)
        if let workload, let definition = workload.taskDefinition, let task, let name,
           let oneShot = Self.oneShot(name, exitCode: symptom.facts.exitCode, task: task, definition: definition) {
            let change = TaskDefinitionChange(context.index.definitionUse(definition), Self.edits(name, waiting: oneShot.waiting))
            return Self.description.finding(
                title: Self.oneShotTitle(name, waiting: oneShot.waiting), explains: symptoms, resources: resources,
                evidence: symptoms.map(\.evidence) + oneShot.evidence,
                fix: Self.oneShotFix(name, waiting: oneShot.waiting, change: change, definition: definition))
        }
        let logs = container.flatMap { ContainerLogCommands($0, taskArn: symptom.resource, startedAt: task?.startedAt) }
        return Self.description.finding(
            title: Self.title(symptom.kind, container: name, exitCode: symptom.facts.exitCode),
            basis: .symptomText, explains: symptoms, resources: resources, evidence: symptoms.map(\.evidence),
            fix: Self.fix(symptom.kind, exitCode: symptom.facts.exitCode, logs: logs),
            missingEvidence: container == nil ? [Self.taskEvidence(symptom.resource)] : [])
    }

    /// The essential containers stopped with the task, when `name` is an
    /// essential container that ended with exit 0 while they were running.
    static func oneShot(_ name: String, exitCode: Int?, task: ECSTask, definition: TaskDefinition)
        -> (waiting: [String], evidence: [Evidence])? {
        guard exitCode == 0, let stopped = definition.containerDefinitions.first(where: { $0.name == name }), stopped.essential else { return nil }
        let others = definition.containerDefinitions.filter { $0.essential && $0.name != name }.map(\.name)
        let states = task.containers.filter { state in state.name.map(others.contains) ?? false }
        guard !others.isEmpty, states.contains(where: { [137, 143].contains($0.exitCode ?? 0) }) else { return nil }
        var evidence = [Evidence(stopped.location, "container \(name) of \(definition.familyRevision) is essential (\"essential\" is true or left out)")]
        if let state = task.containers.first(where: { $0.name == name }) {
            evidence.append(Evidence(state.location + "/exitCode", "\(name) exited 0: it finished its work"))
        }
        for state in states {
            evidence.append(Evidence(state.location + "/exitCode", Self.stoppedWithTask(state)))
        }
        return (others, evidence)
    }

    /// `essential: false` on the one-shot container; the others start once it succeeded.
    static func edits(_ name: String, waiting: [String]) -> [TaskDefinitionChange.Edit] {
        [.container(name, "essential", .bool(false))] + waiting.map { .dependsOn(container: $0, dependency: name, condition: "SUCCESS") }
    }
}

// MARK: Messages and fixes

extension ContainerExitedRule {
    static func title(_ kind: SymptomKind, container: String?, exitCode: Int?) -> String {
        kind == .containerStartFailed ? "\(container.map { "Container \($0)" } ?? "A container") failed to start"
            : "\(container.map { "Essential container \($0)" } ?? "An essential container") exited\(exitCode.map { " with code \($0)" } ?? "")"
    }

    /// What the process died of, by the signature's kind.
    static func crashTitle(_ signature: CrashSignature) -> String {
        let phrases = [
            "missing-module": "a module or package missing from the image", "missing-class": "a class missing from the image",
            "missing-runtime": "the runtime version it needs missing from the image", "panic": "a panic",
            "unhandled-rejection": "an unhandled promise rejection", "startup-failure-analysis": "a start-up failure",
            "worker-boot-failure": "workers that failed to boot", "incompatible-dependency": "an installed package that does not match the code",
            "permission-denied": "permission denied on a file it needs", "invalid-config": "an invalid configuration file",
            "stale-pid-file": "a pid file left by an earlier run",
        ]
        return "The application stopped on \(phrases[signature.kind] ?? "an uncaught error")" + CrashWording.printedBy(signature)
    }

    static func crashFix(_ signature: CrashSignature) -> Fix {
        let first: String
        switch signature.kind {
        case "missing-module", "missing-class", "incompatible-dependency":
            first = "The image lacks what the code imports: install the dependency in the image's build (requirements, package.json, "
                + "Gemfile, the JAR's classpath), check the working directory and the module path, and rebuild."
        case "missing-runtime": first = "Build the image on the runtime version the application targets (its base image tag)."
        case "permission-denied": first = "The container's user cannot write or read that path: own it in the image (chown) or mount a volume there."
        case "stale-pid-file": first = "Delete the pid file at start (rm -f tmp/pids/server.pid in the entry point) or keep it out of the image."
        case "invalid-config": first = "Fix the configuration file the line names, and test it in the image build (nginx -t)."
        default: first = "The line is the application's own error: the lines before it (the stack trace) say where; reproduce with the "
            + "same image, command and environment."
        }
        return Fix(summary: "Fix what the application's last log line names, then redeploy",
                   steps: [first, "Until then the service starts and stops tasks in a loop: each new task fails the same way."])
    }

    static func oneShotTitle(_ name: String, waiting: [String]) -> String {
        "Container \(name) finished (exit 0) and, being essential, stopped the task: \(waiting.joined(separator: ", ")) "
            + "\(waiting.count == 1 ? "was" : "were") stopped with it"
    }

    static func stoppedWithTask(_ state: ContainerState) -> String {
        "\(state.name ?? "") exited \(state.exitCode ?? 0) (\(state.exitCode == 143 ? "SIGTERM" : "SIGKILL")): stopped because the task stopped"
    }

    static func taskEvidence(_ resource: String?) -> MissingEvidence {
        MissingEvidence(why: "the container's exit code, log configuration and command",
                        command: describeTasks(resource, query: "tasks[].containers[].[name,exitCode,reason]"))
    }

    /// `describe-tasks` for the task an observed message was seen on (its ARN
    /// names the cluster: `task/<cluster>/<id>`), with a JMESPath query.
    static func describeTasks(_ resource: String?, query: String) -> String {
        let parts = resource.map { $0.split(separator: "/").map(String.init) } ?? []
        let cluster = parts.count == 3 ? ShellWord.quoted(parts[1]) : "<cluster>"
        let task = resource.map { ShellWord.quoted(ARN.lastComponent($0)) } ?? "<task-id>"
        return "aws ecs describe-tasks --cluster \(cluster) --tasks \(task) --query \(ShellWord.quoted(query))"
    }

    static func fix(_ kind: SymptomKind, exitCode: Int?, logs: ContainerLogCommands?) -> Fix {
        var steps: [String] = []
        if let exitCode { steps.append("Exit code \(exitCode): \(meaning(of: exitCode))") }
        if let logs {
            steps.append("The container's output is in CloudWatch Logs group \(logs.group); its last lines usually say why it stopped.")
        } else {
            steps.append("Read the container's logs (its logConfiguration); without a log driver its output is lost: add awslogs.")
        }
        if kind == .containerStartFailed {
            steps.append("The container runtime could not start the container: check mounts (volumes, EFS), the user, and the logging driver "
                         + "named in the message.")
        }
        steps.append("Run the image locally with the same command, environment and memory limit to reproduce.")
        return Fix(summary: "Find why the process exited from its logs; the exit code narrows it down", steps: steps, commands: logs?.commands ?? [])
    }

    /// The dependency conditions: SUCCESS waits for exit 0, COMPLETE for any
    /// exit, and neither may be set on an essential container
    /// (ContainerDependency.condition in botocore's ECS model,
    /// data/ecs/2014-11-13/service-2.json).
    static func oneShotFix(_ name: String, waiting: [String], change: TaskDefinitionChange, definition: TaskDefinition) -> Fix {
        let others = waiting.joined(separator: ", ")
        return Fix(summary: "Mark \(name) \"essential\": false and make \(others) wait for it with dependsOn condition SUCCESS",
                   steps: ["When an essential container exits, for any reason and with any code, ECS stops every other container of the task. "
                           + "\(name) did its work and exited 0; \(others) \(waiting.count == 1 ? "was" : "were") stopped with it, and the "
                           + "service started a new task that did the same.",
                           "A one-shot step (a migration, a seed, a config render) must not be essential. With dependsOn "
                           + "{containerName: \(name), condition: SUCCESS} on \(others), \(waiting.count == 1 ? "it starts" : "they start") "
                           + "only once \(name) exited 0 "
                           + "(COMPLETE: once it exited with any code); SUCCESS and COMPLETE cannot be set on an essential container.",
                           "Or run the step outside the service: a separate task (aws ecs run-task) in the deployment pipeline."],
                   change: change, definition: definition)
    }

    static func meaning(of code: Int) -> String {
        switch code {
        case 0: return "the process ended normally; an essential container must keep running (a one-off command, or a server that "
            + "daemonised itself into the background)."
        case 1: return "the application failed (unhandled exception, bad configuration, missing environment variable): see its logs."
        case 126: return "the command is not executable (permissions)."
        case 127: return "the command was not found in the image."
        case 137: return "killed by SIGKILL: out of memory, or it did not stop within stopTimeout after SIGTERM."
        case 139: return "segmentation fault (SIGSEGV): often a native library built for another platform or libc."
        case 143: return "terminated by SIGTERM: ECS stopped it (deployment, scale-in, failed health check)."
        case 255: return "the entrypoint failed, or the exit status was out of range."
        default: return code > 128 ? "killed by signal \(code - 128)." : "an application-specific error: see its logs."
        }
    }
}
