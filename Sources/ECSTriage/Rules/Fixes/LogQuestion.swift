/// Reading a log group's last hour, as missing evidence: `aws logs tail`
/// exists in the aws CLI v2 only, so `filter-log-events` (v1 and v2) comes
/// with it.
enum LogQuestion {
    static func lastHour(logGroup: String, region: String?, why: String) -> [MissingEvidence] {
        let group = ShellWord.quoted(logGroup)
        let regionOption = region.map { " --region \($0)" } ?? ""
        return [
            MissingEvidence(why: why + " (aws CLI v2)", command: "aws logs tail \(group) --since 1h\(regionOption)"),
            MissingEvidence(why: why + " (aws CLI v1 and v2)",
                            command: "aws logs filter-log-events --log-group-name \(group) --start-time $(( ($(date +%s) - 3600) * 1000 ))\(regionOption)"),
        ]
    }
}
