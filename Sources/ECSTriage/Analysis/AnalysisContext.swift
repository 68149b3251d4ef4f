/// What a rule sees: the indexed snapshot and the observed symptoms.
public struct AnalysisContext: Sendable {
    public let index: SnapshotIndex
    public let symptoms: [Symptom]
    /// Symptoms a cause finding already explains; symptom rules skip them.
    public let explainedSymptomIds: Set<String>
    /// Fargate workloads' dependencies and paths, computed once per analysis.
    public let network: [WorkloadNetwork]

    public var snapshot: Snapshot { index.snapshot }

    /// The region the snapshot was taken in, or a placeholder for commands.
    public var region: String { snapshot.region ?? "<region>" }

    public func symptoms(of kinds: Set<SymptomKind>) -> [Symptom] {
        symptoms.filter { kinds.contains($0.kind) }
    }

    /// Symptoms of `kinds` observed on the workload, plus those from plain
    /// text or unattributed events, which may belong to any workload.
    public func symptoms(of kinds: Set<SymptomKind>, on workload: Workload) -> [Symptom] {
        let ids = workload.resourceIds
        return symptoms.filter { symptom in
            guard kinds.contains(symptom.kind) else { return false }
            guard let resource = symptom.resource else { return true }
            return ids.contains(resource) || !isKnownResource(resource)
        }
    }

    /// Symptoms of `kinds` that no cause finding explains.
    public func unexplainedSymptoms(of kinds: Set<SymptomKind>) -> [Symptom] {
        symptoms.filter { kinds.contains($0.kind) && !explainedSymptomIds.contains($0.id) }
    }

    private func isKnownResource(_ resource: String) -> Bool {
        index.workload(for: resource) != nil || index.targetGroup(resource) != nil
    }
}

extension RuleDescription {
    /// A finding of this rule, with the rule's identity filled in.
    public func finding(title: String, severity: Severity? = nil, confidence: Confidence, explains: [Symptom] = [],
                        resources: [String], evidence: [Evidence], fix: Fix, missingEvidence: [MissingEvidence] = []) -> Finding {
        var seen = Set<String>()
        return Finding(
            ruleId: id, category: category, kind: kind, title: title, severity: severity ?? self.severity,
            confidence: confidence, explains: explains.map(\.id),
            resources: resources.filter { !$0.isEmpty && seen.insert($0).inserted },
            evidence: evidence, fix: fix, missingEvidence: missingEvidence)
    }
}

extension Symptom {
    /// The symptom quoted as evidence.
    public var evidence: Evidence {
        Evidence(location, "observed: " + (message.count > 300 ? String(message.prefix(300)) + "..." : message))
    }
}
