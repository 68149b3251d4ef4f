/// Never silent: a failure that no pattern knows (flagged by its error type,
/// stop code, exit code or failure words), or a known failure that no rule
/// interprets, still gets an answer: the line, what made it a failure, and
/// the commands that always help. The analyzer runs it after every other
/// rule, so it sees all they explained.
struct UnrecognizedFailureRule: Rule {
    static let description = RuleDescription(
        id: "unrecognized-failure", title: "A failure no rule recognises", category: .unknown, kind: .symptom,
        severity: .medium, explains: [.unrecognizedFailure],
        examples: [
            .triggers("a CI log line", "[ERROR] FAILED. failed to register task definition: operation error ECS: RegisterTaskDefinition, https response error StatusCode: 400, RequestID: 5d1b8f0e-0c55-4a7e-9d0b-3b8c7c1f2a90, ClientException: Container.name should not be null or empty.",
                      resources: [""], confidence: .possible),
            .triggers("a known failure without a rule of its own", #"CannotCreateVolumeError: Error response from daemon: create data: error looking up volume plugin rexray/ebs: plugin "rexray/ebs" not found"#,
                      resources: [""], confidence: .possible),
            .triggers("a stopped task's new error", Fixture.snapshot(
                Fixture.array("tasks", Fixture.stoppedTask("5d2e", reason: "SomeNewError: the runtime refused the request")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition())),
                resources: [Fixture.taskArn("5d2e")], confidence: .possible),
            .quiet("a steady state", "(service web) has reached a steady state."),
            .quiet("prose without a failure", "Hi team, the checkout service has been restarting since this morning. Can you have a look?"),
            .quiet("a batch task that finished", Fixture.snapshot(Fixture.array("tasks",
                #"{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/9a1c", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod", "lastStatus": "STOPPED", "stopCode": "EssentialContainerExited", "stoppedReason": "Essential container in task exited", "containers": [{"name": "job", "exitCode": 0}]}"#))),
        ])

    /// Kinds another symptom rule interprets: those never fall through to here.
    static let interpretedKinds: Set<SymptomKind> = Set(RuleRegistry.all.filter {
        $0.description.kind == .symptom && $0.description.id != description.id
    }.flatMap { $0.description.explains })

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let open = context.symptoms.filter { symptom in
            !context.explainedSymptomIds.contains(symptom.id)
                && (symptom.kind == .unrecognizedFailure || !Self.interpretedKinds.contains(symptom.kind))
        }
        return open.grouped { context.index.workload(for: $0.resource)?.primaryResource ?? $0.resource ?? "" }
            .map { finding(for: $0.symptoms, context) }
    }

    private func finding(for symptoms: [Symptom], _ context: AnalysisContext) -> Finding {
        let first = symptoms[0]
        let workload = context.index.workload(for: first.resource)
        let named = Named(symptoms: symptoms, workload: workload)
        let cluster = named.cluster.map(ShellWord.quoted) ?? "<cluster>"
        var commands: [String] = []
        var missing: [MissingEvidence] = []
        if named.cluster == nil {
            missing.append(MissingEvidence(why: "the cluster the failure happened in", command: "aws ecs list-clusters"))
        }
        if let task = named.taskId {
            commands.append(Self.describeTasks(cluster: cluster, task: ShellWord.quoted(task)))
        } else if named.service == nil {
            commands.append(Self.describeTasks(cluster: cluster, task: "<task-id>"))
            missing.append(MissingEvidence(why: "the stopped tasks (ECS keeps them about an hour after they stop)",
                                           command: "aws ecs list-tasks --cluster \(cluster) --desired-status STOPPED"))
        }
        if let service = named.service {
            commands.append("aws ecs describe-services --cluster \(cluster) --services \(ShellWord.quoted(service)) --query 'services[].events[:10]'")
        }
        let container = workload?.container(named: first.facts.containerName)
        if let container, container.logDriver == "awslogs", let group = container.logOption("awslogs-group") {
            let region = container.logOption("awslogs-region").map { " --region \(ShellWord.quoted($0))" } ?? ""
            let stream = container.logOption("awslogs-stream-prefix").flatMap { prefix in
                named.taskId.map { "\(prefix)/\(container.name)/\($0)" }
            }
            commands.append("aws logs tail \(ShellWord.quoted(group))\(stream.map { " --log-stream-names \(ShellWord.quoted($0))" } ?? "") --since 1h\(region)")
            commands.append("aws logs filter-log-events --log-group-name " +
                            "\(ShellWord.quoted(group))\(stream.map { " --log-stream-names \(ShellWord.quoted($0))" } ?? "") --limit 100\(region)")
        } else {
            let definition = workload?.taskDefinition.map { ShellWord.quoted($0.familyRevision) } ?? "<family:revision>"
            missing.append(MissingEvidence(why: "where the container writes its logs (its logConfiguration)",
                                           command: "aws ecs describe-task-definition --task-definition \(definition) --query " +
                                                    "'taskDefinition.containerDefinitions[].[name,logConfiguration]'"))
        }
        commands.append("ecs-triage rules")
        var evidence: [Evidence] = []
        for symptom in symptoms.prefix(10) {
            evidence.append(symptom.evidence)
            evidence.append(Evidence(symptom.location, Self.why(symptom)))
        }
        if symptoms.count > 10 {
            evidence.append(Evidence("", "\(symptoms.count - 10) more failures of the same place are not quoted"))
        }
        return Self.description.finding(
            title: Self.title(symptoms, in: workload), basis: .undetermined, explains: symptoms,
            resources: workload.map { [$0.resource] } ?? symptoms.flatMap(\.resourceList),
            evidence: evidence,
            fix: Fix(summary: "Read the whole failure and what surrounds it: the commands below gather what decides the cause",
                     steps: Self.steps(for: first), commands: commands),
            missingEvidence: missing)
    }

    /// Ids the failure and its place name: the workload's, else those written in the messages.
    struct Named {
        var cluster: String?
        var service: String?
        var taskId: String?

        init(symptoms: [Symptom], workload: Workload?) {
            let messages = symptoms.map(\.message)
            let taskArn = symptoms.compactMap(\.resource).first { $0.containsBytes(of: ":task/") }
                ?? messages.lazy.compactMap { Named.arn(containing: ":task/", in: $0) }.first
            cluster = workload?.clusterArn.map(ARN.clusterName) ?? taskArn.flatMap(Named.clusterOfTask)
            service = workload?.service?.serviceName ?? messages.lazy.compactMap(Named.serviceName).first
            taskId = taskArn.map(ARN.lastComponent)
                ?? messages.lazy.compactMap { MessageClassifier.token(after: "(task ", in: $0, stopAt: ")") }.first
        }

        /// The first ARN in `text` with `marker` in it.
        static func arn(containing marker: String, in text: String) -> String? {
            guard let range = text.byteRange(of: marker), let start = text[..<range.lowerBound].lastByteRange(of: "arn:") else { return nil }
            let rest = text[start.lowerBound...]
            let end = rest.firstIndex { " ,;)\"'".contains($0) } ?? rest.endIndex
            return MessageClassifier.trimPunctuation(String(rest[..<end]))
        }

        /// `prod` of `arn:aws:ecs:...:task/prod/0f3c...`; nil for the old form without a cluster.
        static func clusterOfTask(_ arn: String) -> String? {
            let parts = arn.split(separator: "/")
            return parts.count >= 3 ? String(parts[parts.count - 2]) : nil
        }

        /// The service of a scheduler event: `(service web)` or `service web ...` at the start.
        static func serviceName(in message: String) -> String? {
            if let name = MessageClassifier.token(after: "(service ", in: message, stopAt: "),") { return name }
            guard message.hasPrefix("service ") else { return nil }
            return MessageClassifier.token(after: "service ", in: message).map(MessageClassifier.trimPunctuation)
        }
    }
}

// MARK: Messages and fixes

extension UnrecognizedFailureRule {
    static func title(_ symptoms: [Symptom], in workload: Workload?) -> String {
        let first = symptoms[0]
        let place = workload.map { " in \($0.name)" } ?? ""
        let more = symptoms.count > 1 ? " (and \(symptoms.count - 1) more)" : ""
        if let known = first.facts.knownFailure {
            return "Known failure without a rule of its own\(place): \(known)\(more)"
        }
        if first.kind != .unrecognizedFailure {
            return "Failure no rule could interpret\(place): \(first.kind.rawValue)\(more)"
        }
        return "Failure ecs-triage does not recognise\(place) (\(first.facts.failureSignal ?? "a failure word"))\(more)"
    }

    static func why(_ symptom: Symptom) -> String {
        if let known = symptom.facts.knownFailure { return "recognised as: \(known); no rule interprets it yet" }
        if symptom.kind != .unrecognizedFailure { return "recognised as \(symptom.kind.rawValue), but nothing in the input let a rule decide its cause" }
        return "a failure because of its \(symptom.facts.failureSignal ?? "wording")"
    }

    static func steps(for symptom: Symptom) -> [String] {
        var steps = ["ecs-triage has no rule for this message. Read it whole: the text after the last colon usually names what failed, and an error " +
                     "type (…Error, …Exception) names who refused."]
        if symptom.facts.failureSignal?.hasPrefix("error type ") == true, symptom.message.containsBytes(of: "operation") {
            steps.append("An AWS API error: the API reference of the operation it names lists the causes of each error type.")
        }
        steps.append("For a task: its stopped reason, stop code, and each container's exit code and reason narrow it down (describe-tasks below; " +
                     "stopped tasks are kept about an hour).")
        steps.append("For a service: its recent events show whether the failure repeats and what came before it.")
        steps.append("The container's own log usually says why it stopped. `ecs-triage rules` lists the failures ecs-triage knows; `ecs-triage explain " +
                     "<rule-id>` prints one's playbook.")
        return steps
    }

    static func describeTasks(cluster: String, task: String) -> String {
        "aws ecs describe-tasks --cluster \(cluster) --tasks \(task) --query " +
        "'tasks[].{stoppedReason:stoppedReason,stopCode:stopCode,containers:containers[].[name,exitCode,reason]}'"
    }
}
