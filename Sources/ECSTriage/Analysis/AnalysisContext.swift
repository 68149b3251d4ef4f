/// What a rule sees: the indexed snapshot and the observed symptoms.
public struct AnalysisContext: Sendable {
    public let index: SnapshotIndex
    public let symptoms: [Symptom]
    /// Symptoms a cause finding already explains; symptom rules skip them.
    public let explainedSymptomIds: Set<String>
    /// Fargate workloads' dependencies and paths, computed once per analysis.
    public let network: [WorkloadNetwork]
    /// Every service's target-group attachments, for the load-balancing rules.
    let serviceTargets: [ServiceTarget]
    /// Positions in `symptoms`, by kind and by the resource they were seen on,
    /// so rules look symptoms up instead of scanning them per workload.
    private let positionsByKind: [SymptomKind: [Int]]
    private let positionsByResource: [String: [Int]]
    /// Symptoms from text or on resources the snapshot does not hold: they may belong to any workload.
    private let unattributedPositions: [Int]

    public init(index: SnapshotIndex, symptoms: [Symptom], explainedSymptomIds: Set<String>, network: [WorkloadNetwork]) {
        self.index = index
        self.symptoms = symptoms
        self.explainedSymptomIds = explainedSymptomIds
        self.network = network
        serviceTargets = ServiceTarget.all(in: index)
        var byKind: [SymptomKind: [Int]] = [:]
        var byResource: [String: [Int]] = [:]
        var unattributed: [Int] = []
        for (position, symptom) in symptoms.enumerated() {
            byKind[symptom.kind, default: []].append(position)
            if let resource = symptom.resource, index.workload(for: resource) != nil || index.targetGroup(resource) != nil {
                byResource[resource, default: []].append(position)
            } else {
                unattributed.append(position)
            }
        }
        positionsByKind = byKind
        positionsByResource = byResource
        unattributedPositions = unattributed
    }

    public var snapshot: Snapshot { index.snapshot }

    /// The region the snapshot was taken in, or a placeholder for commands.
    public var region: String { snapshot.region ?? "<region>" }

    public func symptoms(of kinds: Set<SymptomKind>) -> [Symptom] {
        kinds.flatMap { positionsByKind[$0] ?? [] }.sorted().map { symptoms[$0] }
    }

    /// Symptoms of `kinds` observed on the workload, plus those from plain
    /// text or unattributed events, which may belong to any workload.
    public func symptoms(of kinds: Set<SymptomKind>, on workload: Workload) -> [Symptom] {
        var positions = unattributedPositions
        for id in workload.resourceIds { positions += positionsByResource[id] ?? [] }
        return positions.sorted().compactMap { kinds.contains(symptoms[$0].kind) ? symptoms[$0] : nil }
    }

    /// Symptoms of `kinds` seen on one resource (a task, service or target group), plus unattributed ones.
    public func symptoms(of kinds: Set<SymptomKind>, onResource resource: String) -> [Symptom] {
        ((positionsByResource[resource] ?? []) + unattributedPositions).sorted().compactMap { kinds.contains(symptoms[$0].kind) ? symptoms[$0] : nil }
    }

    /// Symptoms of `kinds` that no cause finding explains.
    public func unexplainedSymptoms(of kinds: Set<SymptomKind>) -> [Symptom] {
        symptoms(of: kinds).filter { !explainedSymptomIds.contains($0.id) }
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

extension Array where Element == Symptom {
    /// The symptoms grouped by `key`, groups in the order their first member appears.
    public func grouped(by key: (Symptom) -> String) -> [(key: String, symptoms: [Symptom])] {
        var positions: [String: Int] = [:]
        var groups: [(key: String, symptoms: [Symptom])] = []
        for symptom in self {
            let value = key(symptom)
            if let position = positions[value] {
                groups[position].symptoms.append(symptom)
            } else {
                positions[value] = groups.count
                groups.append((value, [symptom]))
            }
        }
        return groups
    }

    /// Each symptom once, in the order they were found (S1, S2, ...).
    public var uniquedInOrder: [Symptom] {
        var seen = Set<String>()
        return filter { seen.insert($0.id).inserted }.sorted { $0.order < $1.order }
    }
}

extension Symptom {
    /// Position in discovery order, from the id (`S12` → 12).
    public var order: Int { Int(id.dropFirst()) ?? 0 }

    /// The symptom quoted as evidence, whole: the text report cuts long
    /// messages when it prints them, keeping the decisive tail.
    public var evidence: Evidence {
        Evidence(location, "observed: " + message)
    }
}
