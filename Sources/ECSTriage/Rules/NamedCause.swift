/// What a cause rule says about one observed failure whose message names
/// the cause: the configuration evidence that confirms it (none leaves it
/// `likely`), the fix, and what would settle it.
struct NamedCauseDetail {
    var title: String
    var resources: [ResourceID]
    var confirmingEvidence: [Evidence] = []
    /// Evidence that makes the cause more plausible without proving it (metrics): the confidence stays as it is.
    var supportingEvidence: [Evidence] = []
    var fix: Fix
    var missingEvidence: [MissingEvidence] = []
    var severity: Severity?
}

extension RuleDescription {
    /// One finding per group of symptoms (of the kinds this rule explains)
    /// that `detail` turns into the same title for the same workload: twenty
    /// tasks of a service stopped for one reason are one finding naming them all.
    func namedCauseFindings(_ context: AnalysisContext, kinds: Set<SymptomKind>? = nil,
                            _ detail: (Symptom, Workload?) -> NamedCauseDetail?) -> [Finding] {
        var order: [String] = []
        var groups: [String: (detail: NamedCauseDetail, symptoms: [Symptom], resources: [ResourceID])] = [:]
        for symptom in context.symptoms(of: kinds ?? Set(explains)) {
            let workload = context.index.workload(for: symptom.resource)
            guard let made = detail(symptom, workload) else { continue }
            let key = made.title + "|" + (workload?.primaryResource ?? made.resources.first?.id ?? "")
            if groups[key] == nil {
                order.append(key)
                groups[key] = (made, [], [])
            }
            groups[key]!.symptoms.append(symptom)
            groups[key]!.resources += made.resources
        }
        return order.map { key in
            let (made, symptoms, resources) = groups[key]!
            return finding(title: made.title, severity: made.severity,
                           basis: made.confirmingEvidence.isEmpty ? .symptomText : .configuration,
                           explains: symptoms, resources: resources,
                           evidence: symptoms.map(\.evidence) + made.confirmingEvidence + made.supportingEvidence,
                           fix: made.fix, missingEvidence: made.missingEvidence)
        }
    }
}

extension Symptom {
    /// The task or service it was seen on, as a resource list.
    var resourceList: [ResourceID] { resource.map { [.arn($0)] } ?? [] }
}

extension Workload {
    /// `aws ecs update-service ... --force-new-deployment`: the service's
    /// tasks replaced, image tags resolved again; nil for a task run alone.
    var redeployCommand: String? {
        service.map { "aws ecs update-service --cluster \(ShellWord.quoted(clusterName)) --service \(ShellWord.quoted($0.serviceName)) --force-new-deployment" }
    }

    /// The container a symptom names, else the first essential one.
    func container(named name: String?) -> ContainerDefinition? {
        guard let definition = taskDefinition else { return nil }
        if let name, let match = definition.containerDefinitions.first(where: { $0.name == name }) { return match }
        return definition.containerDefinitions.first { $0.essential } ?? definition.containerDefinitions.first
    }
}
