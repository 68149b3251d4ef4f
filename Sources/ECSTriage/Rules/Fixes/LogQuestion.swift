/// Reading a log group's last hour, as missing evidence. `aws logs tail`
/// exists in the aws CLI v2 only, and a missing-evidence entry is one
/// command: `filter-log-events` runs in v1 and v2.
enum LogQuestion {
    static func lastHour(logGroup: String, region: String?, why: String) -> MissingEvidence {
        let regionOption = region.map { " --region \($0)" } ?? ""
        return MissingEvidence(why: why, command: "aws logs filter-log-events --log-group-name \(ShellWord.quoted(logGroup)) "
                               + "--start-time $(( ($(date +%s) - 3600) * 1000 ))\(regionOption)")
    }
}
