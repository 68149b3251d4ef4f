/// What the task-definition rules share: the finding for an API error that
/// names the defect when the snapshot holds no definition showing it, and the
/// fix of a change to a definition.
extension RuleDescription {
    /// The finding for an API error that names the defect outright when no
    /// definition in the snapshot shows it: `likely`, naming the container the
    /// message names. Most of these errors answer register-task-definition:
    /// the revision does not exist, the JSON given to it is what to change.
    func findingFromText(_ symptom: Symptom, title: String, fix: Fix, missingEvidence: [MissingEvidence] = []) -> Finding {
        finding(title: title, basis: .symptomText, explains: [symptom],
                resources: (symptom.facts.containerName.map { [.container($0)] } ?? []) + symptom.resourceList,
                evidence: [symptom.evidence], fix: fix, missingEvidence: missingEvidence)
    }
}

extension Fix {
    /// A fix that registers `change` and rolls it out; Terraform from the
    /// definition after the change when the input holds it.
    init(summary: String, steps: [String], change: TaskDefinitionChange, definition: TaskDefinition?) {
        let rollout = change.services.isEmpty
            ? ["No service in the input runs this definition: point what starts its tasks (run-task, an EventBridge rule, a pipeline) "
               + "at the new revision."]
            : []
        self.init(summary: summary, steps: steps + rollout, commands: change.commands, terraform: definition.flatMap(change.terraform))
    }
}

extension TaskDefinitionChange {
    /// A change to the definition a registration error is about: the JSON
    /// given to register-task-definition (the revision does not exist).
    static func registrationInput(_ edits: [Edit]) -> TaskDefinitionChange {
        TaskDefinitionChange(source: .inputFile(nil), edits: edits)
    }

    /// jq printing a definition's task size and each container's, to choose new values from.
    static func sizesCommand(_ file: String) -> String {
        "jq '{cpu, memory, containers: [.containerDefinitions[] | {name, cpu, memory, memoryReservation}]}' \(file)"
    }
}
