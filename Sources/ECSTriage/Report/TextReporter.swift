/// The terminal report: one block per finding, rank first, wrapped for an
/// 80-column terminal; colour only when the caller says the terminal wants it.
public enum TextReporter {
    public static func render(_ report: Report, color: Bool = false) -> String {
        var out = ""
        if report.findings.isEmpty {
            out += "No problems found.\n"
            if report.symptoms.isEmpty { out += "No failure message was found in the input either.\n" }
        }
        for (index, finding) in report.findings.enumerated() {
            let badge = "[\(finding.severity.rawValue.uppercased())]"
            out += "\(index + 1). \(paint(badge, finding.severity, color)) \(finding.ruleId) (\(finding.confidence.rawValue))\n"
            out += wrap(finding.title, indent: "   ")
            out += wrap("Resources: " + (finding.resources.isEmpty ? "none named in the input" : finding.resources.map(\.id).joined(separator: ", ")), indent: "   ")
            if !finding.evidence.isEmpty {
                out += "   Evidence:\n"
                for item in finding.evidence {
                    out += wrap("- " + item.text + (item.field.isEmpty ? "" : " [\(item.field)]"), indent: "     ", hanging: "       ")
                }
            }
            out += "   Fix:\n"
            out += wrap(finding.fix.summary, indent: "     ")
            for step in finding.fix.steps { out += wrap("- " + step, indent: "     ", hanging: "       ") }
            for command in finding.fix.commands { out += "     $ \(command)\n" }
            if !finding.missingEvidence.isEmpty {
                out += "   To be sure, run:\n"
                for missing in finding.missingEvidence {
                    out += "     $ \(missing.command)\n"
                    out += wrap("(" + missing.why + ")", indent: "       ")
                }
            }
            out += "   More: ecs-triage explain \(finding.ruleId)\n\n"
        }
        if !report.paths.isEmpty {
            out += "Network paths (Fargate tasks):\n"
            for row in report.paths {
                out += wrap("\(row.workload) \(row.subnet) -> \(row.dependency): \(row.verdict) via \(row.route)" + (row.detail.map { " (\($0))" } ?? ""), indent: "  ", hanging: "    ")
            }
            out += "\n"
        }
        if !report.input.missingEvidence.isEmpty {
            out += "Missing evidence (collect could not read it), run:\n"
            for missing in report.input.missingEvidence {
                out += "  $ \(missing.command)\n"
                out += wrap("(" + missing.why + ")", indent: "    ")
            }
            out += "\n"
        }
        for warning in report.input.warnings { out += wrap("warning: " + warning, indent: "") }
        let counts = Severity.allCases.map { "\(report.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        out += "\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") (\(counts))\n"
        return out
    }

    private static func paint(_ text: String, _ severity: Severity, _ color: Bool) -> String {
        guard color else { return text }
        let code: String
        switch severity {
        case .critical: code = "1;31"
        case .high: code = "31"
        case .medium: code = "33"
        case .low: code = "36"
        case .info: code = "2"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// Word-wraps at 80 columns; words longer than a line stay whole.
    static func wrap(_ text: String, indent: String, hanging: String? = nil, width: Int = 80) -> String {
        var lines: [String] = []
        var current = indent
        var atLineStart = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !atLineStart && current.count + 1 + word.count > width {
                lines.append(current)
                current = hanging ?? indent
                atLineStart = true
            }
            current += (atLineStart ? "" : " ") + word
            atLineStart = false
        }
        lines.append(current)
        return lines.joined(separator: "\n") + "\n"
    }
}
