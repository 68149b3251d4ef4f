/// Runs every rule over a snapshot and ranks what they find.
public enum Analyzer {
    public static func analyze(_ snapshot: Snapshot, ignoring ignoredRuleIds: Set<String> = []) -> Report {
        analyze(snapshot, ignoring: ignoredRuleIds, parallel: true)
    }

    /// `parallel: false` keeps everything on the calling thread (tests compare both).
    static func analyze(_ snapshot: Snapshot, ignoring ignoredRuleIds: Set<String>, parallel: Bool) -> Report {
        let index = SnapshotIndex(snapshot)
        let symptoms = SymptomExtractor.extract(from: snapshot)

        // Cause rules run first: what they explain, symptom rules must not report again.
        let network = WorkloadNetwork.build(index, parallel: parallel)
        let causeContext = AnalysisContext(index: index, symptoms: symptoms, network: network)
        // Rules run in parallel only for snapshots big enough to repay the threads.
        let rulesInParallel = parallel && index.workloadResourceCount >= 200
        let minimumRulesForThreads = rulesInParallel ? 0 : Int.max
        let causeRules = RuleRegistry.all.filter { $0.description.kind == .cause }
        var findings = Parallel.map(causeRules.count, minimumCount: minimumRulesForThreads) { causeRules[$0].init().evaluate(causeContext) }.flatMap { $0 }
        var matchedIgnored = Set(findings.map(\.ruleId)).intersection(ignoredRuleIds)
        findings.removeAll { ignoredRuleIds.contains($0.ruleId) }

        attachConsequences(to: &findings, symptoms: symptoms, index: index)
        let explained = Set(findings.flatMap(\.explains))
        let symptomContext = causeContext.explaining(explained)
        let symptomRules = RuleRegistry.all.filter { $0.description.kind == .symptom && $0.description.id != UnrecognizedFailureRule.description.id }
        let producedByRule = Parallel.map(symptomRules.count, minimumCount: minimumRulesForThreads) { symptomRules[$0].init().evaluate(symptomContext) }
        // Never silent: the fallback runs last and sees what every other rule explained.
        let fallbackContext = causeContext.explaining(Set(findings.flatMap(\.explains) + producedByRule.joined().flatMap(\.explains)))
        for (rule, produced) in zip(symptomRules + [UnrecognizedFailureRule.self], producedByRule + [UnrecognizedFailureRule().evaluate(fallbackContext)]) {
            if ignoredRuleIds.contains(rule.description.id) {
                if !produced.isEmpty { matchedIgnored.insert(rule.description.id) }
            } else {
                findings += produced
            }
        }

        var warnings = snapshot.warnings + ContainerLogGaps.warnings(snapshot) + MetricGaps.warnings(snapshot)
        for id in ignoredRuleIds.subtracting(matchedIgnored).sorted() {
            warnings.append("--ignore \(id): the rule matched nothing in this input")
        }
        let collectGaps = snapshot.collectErrors.filter { !$0.lacks.isEmpty }
        for index in findings.indices {
            let needs = Set(RuleRegistry.rule(findings[index].ruleId)?.description.needs ?? [])
            for gap in collectGaps where !needs.isDisjoint(with: gap.lacks) {
                findings[index].missingEvidence.append(missingEvidence(for: gap))
            }
        }
        ConfigurationReport.apply(to: &findings, warnings: &warnings, sources: snapshot.configurationSources)
        return Report(
            input: .init(documents: snapshot.documentCount, recognized: snapshot.recognizedKeys,
                         ignored: snapshot.ignoredKeys, warnings: warnings,
                         missingEvidence: collectGaps.map(missingEvidence(for:)) + ContainerLogGaps.missingEvidence(snapshot)
                             // An idle service or load balancer publishes nothing: silent metrics matter only when something failed.
                             + (findings.isEmpty ? [] : MetricGaps.missingEvidence(snapshot))),
            symptoms: symptoms,
            findings: Ranking.sorted(findings),
            paths: pathRows(network))
    }
}

extension Analyzer {
    /// A section `collect` could not read, as what a rule would need to be sure.
    static func missingEvidence(for gap: CollectError) -> MissingEvidence {
        let firstLine = gap.error.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }.map(String.init) ?? "failed"
        let reason = firstLine.count > 200 ? String(firstLine.prefix(200)) + "..." : firstLine
        return MissingEvidence(why: "collect could not read \(gap.lacks.map(\.rawValue).joined(separator: ", ")) (\(reason))", command: gap.command)
    }

    /// One row per origin and dependency, with the hop that decides it (the first blocked one).
    static func pathRows(_ network: [WorkloadNetwork]) -> [Report.PathRow] {
        network.flatMap { workload in
            workload.pathSets.flatMap { set in
                set.paths.map { path in
                    let undetermined = path.hops.first { if case .undetermined = $0.verdict { return true } else { return false } }
                    let decisive = path.blockingHop ?? (path.verdict == .undetermined ? undetermined : nil)
                    let name = set.origin.isInstance ? "\(workload.workload.name) (\(set.origin.noun))" : workload.workload.name
                    return Report.PathRow(workload: name, subnet: set.origin.subnetId,
                                          dependency: path.dependency.fileSystemId ?? path.dependency.target, verdict: path.verdict.rawValue, route: path.route,
                                          detail: decisive?.verdict.explanation, field: decisive?.location)
                }
            }
        }
    }

    /// Failures that are consequences of another failure on the same
    /// resource join the finding that explains it instead of standing alone:
    /// a failing deployment (same service) and "Essential container in task
    /// exited" (same task). See report-format.md.
    static func attachConsequences(to findings: inout [Finding], symptoms: [Symptom], index: SnapshotIndex) {
        let explained = Set(findings.flatMap(\.explains))
        // Positions of cause findings by the resources of the symptoms they explain, best ranked first.
        let rankedPositions = Ranking.order(findings)
        var rankOf = [Int](repeating: 0, count: findings.count)
        for (rank, position) in rankedPositions.enumerated() { rankOf[position] = rank }
        let resourceById = Dictionary(uniqueKeysWithValues: symptoms.map { ($0.id, $0.resource) })
        var causesByResource: [String: [Int]] = [:]
        for position in rankedPositions where findings[position].kind == .cause {
            for id in findings[position].explains {
                if let resource = resourceById[id] ?? nil, causesByResource[resource]?.last != position {
                    causesByResource[resource, default: []].append(position)
                }
            }
        }
        for consequence in symptoms where !explained.contains(consequence.id) {
            let resources: [String]
            switch consequence.kind {
            case .deploymentFailed:
                guard let workload = index.workload(for: consequence.resource) else { continue }
                resources = workload.resourceIds.sorted()
            case .containerExited:
                guard let task = consequence.resource else { continue }
                resources = [task]
            default:
                continue
            }
            // The best-ranked cause explaining another failure on the same resources.
            let candidates = resources.flatMap { causesByResource[$0] ?? [] }
            guard let position = candidates.min(by: { rankOf[$0] < rankOf[$1] }) else { continue }
            findings[position].explains.append(consequence.id)
            findings[position].evidence.append(Evidence(consequence.location, "a consequence of this failure: " + consequence.message))
        }
    }
}
