/// What the load-balancing rules ask of an attachment: its symptoms and
/// the arguments their commands take.
extension ServiceTarget {
    /// Observed symptoms of `kinds` that belong to this attachment: on its
    /// target group, or on its workload without naming another target group,
    /// or unattributed text.
    func symptoms(of kinds: Set<SymptomKind>, _ context: AnalysisContext) -> [Symptom] {
        var seen = Set<String>()
        let candidates = (context.symptoms(of: kinds, onResource: targetGroupArn) + context.symptoms(of: kinds, on: workload))
            .filter { seen.insert($0.id).inserted }
        let onWorkload = Set(context.symptoms(of: kinds, on: workload).map(\.id))
        return candidates.filter { symptom in
            if let named = symptom.facts.targetGroupArn, named.hasPrefix("arn:") { return named == targetGroupArn }
            if symptom.resource == targetGroupArn { return true }
            return onWorkload.contains(symptom.id)
        }.uniquedInOrder
    }

    /// Unhealthy-target symptoms of this attachment that name no HTTP code
    /// and a reason among `reasons` (or none, like "Task failed ELB health
    /// checks"): the failures a cause that keeps the check from being
    /// answered explains.
    func unansweredChecks(_ context: AnalysisContext, reasons: Set<String>) -> [Symptom] {
        symptoms(of: [.targetUnhealthy], context).filter { symptom in
            symptom.facts.httpCodes.isEmpty && (symptom.facts.healthReason.map(reasons.contains) ?? true)
        }
    }

    /// `--cluster ... --service ...` for commands.
    var serviceArguments: String { "--cluster \(workload.clusterName) --service \(service.serviceName)" }

    /// A Terraform resource label from a name.
    static func label(_ name: String) -> String {
        name.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")
    }
}

/// An ELB `Matcher.HttpCode`: codes and ranges, `200,202` or `200-299,302`.
struct HTTPCodeMatcher {
    var text: String
    var ranges: [ClosedRange<Int>]

    init(_ text: String) {
        self.text = text
        ranges = text.split(separator: ",").compactMap { part in
            let bounds = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if bounds.count == 1 { return bounds[0]...bounds[0] }
            if bounds.count == 2, bounds[0] <= bounds[1] { return bounds[0]...bounds[1] }
            return nil
        }
    }

    /// The matcher ELB applies: the group's own, else 200 for an ALB
    /// (HTTP/HTTPS target group) and 200-399 for an NLB.
    init(of group: TargetGroup) {
        let isALB = ["HTTP", "HTTPS"].contains((group.protocolName ?? "HTTP").uppercased())
        self.init(group.matcherHttpCode ?? (isALB ? "200" : "200-399"))
    }

    func accepts(_ code: Int) -> Bool { ranges.contains { $0.contains(code) } }

    /// This matcher with `codes` added, e.g. `200,302`.
    func adding(_ codes: [Int]) -> String {
        ([text] + codes.filter { !accepts($0) }.sorted().map(String.init)).joined(separator: ",")
    }
}
