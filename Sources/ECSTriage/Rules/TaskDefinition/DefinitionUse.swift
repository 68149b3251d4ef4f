/// A task definition with the workloads that run it: what the
/// task-definition rules check, and where the failures they explain appear.
struct DefinitionUse {
    var definition: TaskDefinition
    var workloads: [Workload]

    /// Every definition in the snapshot once, with its workloads.
    static func all(_ context: AnalysisContext) -> [DefinitionUse] {
        var seen = Set<String>()
        return context.snapshot.taskDefinitions.compactMap { definition in
            guard seen.insert(definition.taskDefinitionArn).inserted else { return nil }
            return DefinitionUse(definition: definition, workloads: context.index.workloads(using: definition))
        }
    }

    /// Registered for Fargate, or run on Fargate.
    var isFargate: Bool {
        definition.requiresCompatibilities.contains { $0.uppercased() == "FARGATE" } || workloads.contains(where: \.isFargate)
    }

    var isWindows: Bool { definition.operatingSystemFamily?.uppercased().hasPrefix("WINDOWS") == true }

    /// Observed symptoms of `kinds` on the workloads running the definition,
    /// or not attributed to any workload (plain text, other resources).
    func symptoms(of kinds: Set<SymptomKind>, _ context: AnalysisContext) -> [Symptom] {
        if workloads.isEmpty {
            return context.symptoms(of: kinds).filter { symptom in
                symptom.resource.map { context.index.workload(for: $0) == nil } ?? true
            }
        }
        return workloads.flatMap { context.symptoms(of: kinds, on: $0) }.uniquedInOrder
    }

    /// The definition first, then the services and tasks that run it.
    var resources: [String] { [definition.taskDefinitionArn] + workloads.map(\.primaryResource) }

    /// `register-task-definition` for a new revision of the definition with
    /// `changes` (CLI options such as `--cpu 1024`); the other members stay as they are.
    func registerCommand(_ changes: String) -> String {
        "aws ecs register-task-definition --cli-input-json file://\(definition.family ?? "taskdef").json" + (changes.isEmpty ? "" : " " + changes)
    }

    /// How to get the definition as input for `registerCommand`.
    var exportCommand: String {
        "aws ecs describe-task-definition --task-definition \(definition.familyRevision) --query taskDefinition > \(definition.family ?? "taskdef").json  # drop taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt, registeredBy"
    }

    /// Rolls each service onto the new revision.
    var updateServiceCommands: [String] {
        workloads.compactMap { workload in
            workload.service.map { "aws ecs update-service --cluster \(workload.clusterName) --service \($0.serviceName) --task-definition \(definition.family ?? definition.familyRevision)" }
        }
    }

    /// A Terraform resource label.
    var label: String { ServiceTarget.label(definition.family ?? "app") }
}

extension RuleDescription {
    /// The finding for an API error that names the defect outright when no
    /// definition in the snapshot shows it: `likely`, with what to fetch.
    func findingFromText(_ symptom: Symptom, title: String, fix: Fix, context: AnalysisContext) -> Finding {
        var missing: [MissingEvidence] = []
        if !context.snapshot.has(.taskDefinitions) {
            missing.append(MissingEvidence(why: "the task definition shows which member to change",
                                           command: "aws ecs describe-task-definition --task-definition <family:revision>"))
        }
        return finding(title: title, confidence: .likely, explains: [symptom],
                       resources: [symptom.resource ?? "task definition"], evidence: [symptom.evidence],
                       fix: fix, missingEvidence: missing)
    }
}
