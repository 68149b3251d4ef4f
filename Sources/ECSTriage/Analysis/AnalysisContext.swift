/// What a rule sees: the indexed snapshot, the observed symptoms and the
/// workloads' network paths. Built once per analysis; the symptom rules'
/// context is the same one with the symptoms cause findings explained
/// (`explaining(_:)`), sharing everything else.
public struct AnalysisContext: Sendable {
    private let shared: Shared
    /// Symptoms a cause finding already explains; symptom rules skip them.
    public let explainedSymptomIds: Set<String>

    public var index: SnapshotIndex { shared.index }
    public var symptoms: [Symptom] { shared.symptoms }
    /// Fargate workloads' dependencies and paths, computed once per analysis.
    public var network: [WorkloadNetwork] { shared.network }

    /// The parts computed once and shared by both contexts of an analysis.
    private final class Shared: Sendable {
        let index: SnapshotIndex
        let symptoms: [Symptom]
        let network: [WorkloadNetwork]
        /// Positions in `symptoms`, by kind and by the resource they were seen on,
        /// so rules look symptoms up instead of scanning them per workload.
        let positionsByKind: [SymptomKind: [Int]]
        let positionsByResource: [String: [Int]]
        /// Symptoms from text or on resources the snapshot does not hold: they may belong to any workload.
        let unattributedPositions: [Int]

        init(index: SnapshotIndex, symptoms: [Symptom], network: [WorkloadNetwork]) {
            self.index = index
            self.symptoms = symptoms
            self.network = network
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
    }

    public init(index: SnapshotIndex, symptoms: [Symptom], network: [WorkloadNetwork]) {
        shared = Shared(index: index, symptoms: symptoms, network: network)
        explainedSymptomIds = []
    }

    private init(shared: Shared, explainedSymptomIds: Set<String>) {
        self.shared = shared
        self.explainedSymptomIds = explainedSymptomIds
    }

    /// The same context, with these symptoms explained by cause findings.
    public func explaining(_ symptomIds: Set<String>) -> AnalysisContext {
        AnalysisContext(shared: shared, explainedSymptomIds: symptomIds)
    }

    /// The region the snapshot was taken in, or a placeholder for commands.
    public var region: String { index.region ?? "<region>" }

    public func symptoms(of kinds: Set<SymptomKind>) -> [Symptom] {
        kinds.flatMap { shared.positionsByKind[$0] ?? [] }.sorted().map { symptoms[$0] }
    }

    /// Symptoms of `kinds` observed on the workload, plus those from plain
    /// text or unattributed events, which may belong to any workload.
    public func symptoms(of kinds: Set<SymptomKind>, on workload: Workload) -> [Symptom] {
        var positions = shared.unattributedPositions
        for id in workload.resourceIds { positions += shared.positionsByResource[id] ?? [] }
        return positions.sorted().compactMap { kinds.contains(symptoms[$0].kind) ? symptoms[$0] : nil }
    }

    /// Symptoms of `kinds` seen on one resource (a task, service or target group), plus unattributed ones.
    public func symptoms(of kinds: Set<SymptomKind>, onResource resource: String) -> [Symptom] {
        ((shared.positionsByResource[resource] ?? []) + shared.unattributedPositions).sorted().compactMap { kinds.contains(symptoms[$0].kind) ? symptoms[$0] : nil }
    }

    /// Observed symptoms of `kinds` on the workloads running the definition,
    /// or not attributed to any workload (plain text, other resources).
    public func symptoms(of kinds: Set<SymptomKind>, on use: DefinitionUse) -> [Symptom] {
        if use.workloads.isEmpty {
            return symptoms(of: kinds).filter { symptom in
                symptom.resource.map { index.workload(for: $0) == nil } ?? true
            }
        }
        return use.workloads.flatMap { symptoms(of: kinds, on: $0) }.uniquedInOrder
    }

    /// Symptoms of `kinds` that no cause finding explains.
    public func unexplainedSymptoms(of kinds: Set<SymptomKind>) -> [Symptom] {
        symptoms(of: kinds).filter { !explainedSymptomIds.contains($0.id) }
    }
}

extension RuleDescription {
    /// A finding of this rule, with the rule's identity filled in.
    /// The confidence follows from `basis` and the symptoms it explains.
    public func finding(title: String, severity: Severity? = nil, basis: Basis = .configuration, explains: [Symptom] = [],
                        resources: [ResourceID], evidence: [Evidence], fix: Fix, missingEvidence: [MissingEvidence] = []) -> Finding {
        var seen = Set<ResourceID>()
        return Finding(
            ruleId: id, category: category, kind: kind, title: title, severity: severity ?? self.severity,
            confidence: basis.confidence(explaining: explains), explains: explains.map(\.id),
            resources: resources.filter { !$0.id.isEmpty && seen.insert($0).inserted },
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
        if let count = facts.logLineCount, let number = facts.logLineNumber {
            // A collected log names its container and holds only the last lines read; a pasted one is the whole log.
            if let container = facts.containerName {
                return Evidence(location, "last words of container \(container)'s log, line \(number) of the last \(count) read: " + message)
            }
            return Evidence(location, "the log's last words, line \(number) of \(count): " + message)
        }
        return Evidence(location, "observed: " + message)
    }
}
