/// A ticket-ready report: what to do first, a summary table, then each
/// finding with evidence and fix commands in fenced blocks (safe in GitHub,
/// Jira and support cases). Text from the input goes through `InertText`:
/// it cannot become markup, a link or a terminal escape.
public enum MarkdownReporter {
    public static func render(_ report: Report) -> String {
        var out = "## ecs-triage report\n\n"
        if let first = report.doFirst {
            out += "**Do this first:** \(text(first.cause)) (finding 1, \(InertText.codeSpan(first.ruleId)))\n\n"
            if let command = first.command {
                out += fenced([command], language: "sh")
                if first.moreCommands > 0 {
                    out += "\nthen \(first.moreCommands) more command\(first.moreCommands == 1 ? "" : "s"): finding 1 below\n"
                }
            } else {
                out += "Change: \(text(first.change))\n"
            }
            out += "\n"
        }
        if report.findings.isEmpty {
            out += "No problems found.\n"
        } else {
            out += "| # | Severity | Confidence | Rule | Finding |\n|---|---|---|---|---|\n"
            for (index, finding) in report.findings.enumerated() {
                out += "| \(index + 1) | \(finding.severity.rawValue) | \(finding.confidence.rawValue) | \(InertText.codeSpan(finding.ruleId, inTable: true)) | \(cell(finding.title)) |\n"
            }
        }
        let sources = EvidenceGroup.sourceByField(report)
        for (index, finding) in report.findings.enumerated() {
            out += "\n### \(index + 1). \(text(finding.title))\n\n"
            out += "- **Rule:** \(InertText.codeSpan(finding.ruleId)) (\(finding.category.rawValue)), severity **\(finding.severity.rawValue)**, confidence **\(finding.confidence.rawValue)**\n"
            out += "- **Resources:** " + (finding.resources.isEmpty ? "none named in the input" : finding.resources.map { InertText.codeSpan($0.id) }.joined(separator: ", ")) + "\n"
            if !finding.configuration.isEmpty {
                out += "- **Configuration:** " + finding.configuration.map { InertText.codeSpan($0.displayName) + " in " + InertText.codeSpan($0.file) }.joined(separator: ", ") + "\n"
            }
            if !finding.evidence.isEmpty {
                out += "\n**Evidence**\n\n"
                for group in EvidenceGroup.groups(finding.evidence, sourceByField: sources) {
                    let field = group.displayField
                    out += "- \(text(group.displayText()))" + (field.isEmpty ? "" : " (\(InertText.codeSpan(field)))") + "\n"
                }
            }
            out += "\n**Fix:** \(text(finding.fix.summary))\n\n"
            for step in finding.fix.steps { out += "1. \(text(step))\n" }
            if !finding.fix.commands.isEmpty { out += "\n" + fenced(finding.fix.commands, language: "sh") }
            if let terraform = finding.fix.terraform {
                out += "\n" + fenced(terraform.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), language: "hcl")
            }
            if !finding.missingEvidence.isEmpty {
                out += "\n**To be sure**\n\n"
                for missing in finding.missingEvidence { out += "- \(text(missing.why)):\n\n" + fenced([missing.command], language: "sh", indent: "  ") }
            }
        }
        if !report.paths.isEmpty {
            out += "\n### Network paths\n\n| Workload | Subnet | Dependency | Verdict | Route | Blocking hop |\n|---|---|---|---|---|---|\n"
            for row in report.paths {
                out += "| \(cell(row.workload)) | \(InertText.codeSpan(row.subnet, inTable: true)) | \(cell(row.dependency)) | \(cell(row.verdict)) | \(cell(row.route)) | \(cell(row.detail ?? "")) |\n"
            }
        }
        if !report.input.missingEvidence.isEmpty {
            out += "\n### Missing evidence\n\n`collect` could not read these; the analysis could not use them.\n\n"
            for missing in report.input.missingEvidence { out += "- \(text(missing.why)):\n\n" + fenced([missing.command], language: "sh", indent: "  ") }
        }
        if !report.input.warnings.isEmpty {
            out += "\n**Warnings**\n\n" + report.input.warnings.map { "- \(text($0))\n" }.joined()
        }
        return out
    }

    /// Lines in a fenced block: literal in Markdown, each made inert for a
    /// terminal that shows the file, so one line of input stays one line.
    private static func fenced(_ lines: [String], language: String, indent: String = "") -> String {
        let body = lines.map(InertText.plain)
        // A fence longer than any backtick run inside keeps the block intact.
        var fence = "```"
        while body.contains(where: { $0.contains(fence) }) { fence += "`" }
        return indent + fence + language + "\n" + body.map { indent + $0 }.joined(separator: "\n") + "\n" + indent + fence + "\n"
    }

    private static func text(_ text: String) -> String { InertText.markdown(text) }

    private static func cell(_ text: String) -> String { InertText.markdown(text, inTable: true) }
}
