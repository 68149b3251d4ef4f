/// The terminal report. It opens with what to do first (the top finding's
/// cause and first command), then one block per finding, rank first,
/// wrapped for an 80-column terminal. Every string passes through
/// `InertText.plain`, so the colour codes added here, when the caller says
/// the terminal wants them, are the only escape sequences printed.
public enum TextReporter {
    public static func render(_ report: Report, color: Bool = false) -> String {
        var out = ""
        if report.findings.isEmpty {
            out += "No problems found.\n"
            if report.symptoms.isEmpty { out += "No failure message was found in the input either.\n" }
        }
        if let first = report.doFirst {
            out += wrap(bold("Do this first:", color) + " " + plain(first.cause), indent: "", hanging: "  ")
            if let command = first.command {
                out += "  $ \(plain(command))\n"
                if first.moreCommands > 0 {
                    out += "  then \(first.moreCommands) more command\(first.moreCommands == 1 ? "" : "s"): finding 1 (\(first.ruleId)) below\n"
                }
            } else {
                out += wrap("Change: " + plain(first.change), indent: "  ", hanging: "    ")
            }
            out += "\n"
        }
        let sources = EvidenceGroup.sourceByField(report)
        for (index, finding) in report.findings.enumerated() {
            let badge = "[\(finding.severity.rawValue.uppercased())]"
            out += "\(index + 1). \(paint(badge, finding.severity, color)) \(finding.ruleId) (\(finding.confidence.rawValue))\n"
            out += wrap(plain(finding.title), indent: "   ")
            out += wrap("Resources: " + (finding.resources.isEmpty ? "none named in the input" : finding.resources.map { plain($0.id) }.joined(separator: ", ")), indent: "   ")
            if !finding.configuration.isEmpty {
                out += wrap("Configuration: " + plain(finding.configuration.described), indent: "   ")
            }
            if !finding.evidence.isEmpty {
                out += "   Evidence:\n"
                for group in EvidenceGroup.groups(finding.evidence, sourceByField: sources) {
                    let field = group.displayField
                    let text = group.displayText(limit: 500)
                    out += wrap("- " + plain(text) + (field.isEmpty ? "" : " [\(plain(field))]"), indent: "     ", hanging: "       ")
                }
            }
            out += "   Fix:\n"
            out += wrap(plain(finding.fix.summary), indent: "     ")
            for step in finding.fix.steps { out += wrap("- " + plain(step), indent: "     ", hanging: "       ") }
            for command in finding.fix.commands { out += "     $ \(plain(command))\n" }
            if !finding.missingEvidence.isEmpty {
                out += "   To be sure, run:\n"
                for missing in finding.missingEvidence {
                    out += "     $ \(plain(missing.command))\n"
                    out += wrap("(" + plain(missing.why) + ")", indent: "       ")
                }
            }
            out += "   More: ecs-triage explain \(finding.ruleId)\n\n"
        }
        if !report.paths.isEmpty {
            out += "Network paths:\n"
            for row in report.paths {
                // "none" is the reasoner's word for no route at all: "unreachable (no endpoint...)" says it.
                let route = row.route == "none" ? "" : " via " + plain(row.route)
                let line = "\(plain(row.workload)) \(plain(row.subnet)) -> \(plain(row.dependency)): \(plain(row.verdict))\(route)"
                out += wrap(line + (row.detail.map { " (\(plain($0)))" } ?? ""), indent: "  ", hanging: "    ")
            }
            out += "\n"
        }
        if !report.input.missingEvidence.isEmpty {
            out += "Missing evidence (collect could not read it), run:\n"
            for missing in report.input.missingEvidence {
                out += "  $ \(plain(missing.command))\n"
                out += wrap("(" + plain(missing.why) + ")", indent: "    ")
            }
            out += "\n"
        }
        for warning in report.input.warnings { out += wrap("warning: " + plain(warning), indent: "") }
        let counts = Severity.allCases.map { "\(report.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        out += "\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") (\(counts))\n"
        return out
    }

    private static func plain(_ text: String) -> String { InertText.plain(text) }

    private static func bold(_ text: String, _ color: Bool) -> String {
        color ? "\u{1B}[1m\(text)\u{1B}[0m" : text
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
