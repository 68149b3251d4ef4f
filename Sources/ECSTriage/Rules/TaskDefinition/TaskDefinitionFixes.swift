/// Commands that change a task definition: a new revision, then the
/// services rolled onto it.
extension DefinitionUse {
    /// A Terraform resource label.
    var label: String { ServiceTarget.label(definition.family ?? "app") }

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

}

extension RuleDescription {
    /// The finding for an API error that names the defect outright when no
    /// definition in the snapshot shows it: `likely`, with what to fetch.
    func findingFromText(_ symptom: Symptom, title: String, fix: Fix, context: AnalysisContext) -> Finding {
        var missing: [MissingEvidence] = []
        if !context.index.has(.taskDefinitions) {
            missing.append(MissingEvidence(why: "the task definition shows which member to change",
                                           command: "aws ecs describe-task-definition --task-definition <family:revision>"))
        }
        return finding(title: title, basis: .symptomText, explains: [symptom],
                       resources: symptom.resourceList, evidence: [symptom.evidence],
                       fix: fix, missingEvidence: missing)
    }
}
