/// The explicit total order of findings (report-format.md): tier, then
/// severity, then rule id, then resource, then title.
public enum Ranking {
    /// 1 confirmed causes; 2 causes named by a symptom's text; 3 symptom
    /// findings; 4 latent causes; 5 possible.
    public static func tier(of finding: Finding) -> Int {
        if finding.confidence == .possible { return 5 }
        if finding.kind == .symptom { return 3 }
        if finding.confidence == .confirmed { return 1 }
        return finding.explains.isEmpty ? 4 : 2
    }

    public static func sorted(_ findings: [Finding]) -> [Finding] {
        order(findings).map { findings[$0] }
    }

    /// The positions of `findings` in rank order.
    public static func order(_ findings: [Finding]) -> [Int] {
        findings.indices.sorted { i, j in
            let (a, b) = (findings[i], findings[j])
            let (ta, tb) = (tier(of: a), tier(of: b))
            if ta != tb { return ta < tb }
            if a.severity != b.severity { return a.severity > b.severity }
            if a.ruleId != b.ruleId { return a.ruleId < b.ruleId }
            if a.primaryResource != b.primaryResource { return a.primaryResource < b.primaryResource }
            if a.title != b.title { return a.title < b.title }
            return i < j
        }
    }
}
