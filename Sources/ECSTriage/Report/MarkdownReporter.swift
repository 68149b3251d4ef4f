/// A ticket-ready report: summary table, then each finding with evidence and
/// fix commands in fenced blocks (safe in GitHub, Jira and support cases).
public enum MarkdownReporter {
    public static func render(_ report: Report) -> String {
        var out = "## ecs-triage report\n\n"
        if report.findings.isEmpty {
            out += "No problems found.\n"
        } else {
            out += "| # | Severity | Confidence | Rule | Finding |\n|---|---|---|---|---|\n"
            for (index, finding) in report.findings.enumerated() {
                out += "| \(index + 1) | \(finding.severity.rawValue) | \(finding.confidence.rawValue) | `\(finding.ruleId)` | \(cell(finding.title)) |\n"
            }
        }
        for (index, finding) in report.findings.enumerated() {
            out += "\n### \(index + 1). \(escape(finding.title))\n\n"
            out += "- **Rule:** `\(finding.ruleId)` (\(finding.category.rawValue)), severity **\(finding.severity.rawValue)**, confidence **\(finding.confidence.rawValue)**\n"
            out += "- **Resources:** " + (finding.resources.isEmpty ? "none named in the input" : finding.resources.map { "`\($0.id)`" }.joined(separator: ", ")) + "\n"
            if !finding.evidence.isEmpty {
                out += "\n**Evidence**\n\n"
                for item in finding.evidence {
                    out += "- \(escape(item.text))" + (item.field.isEmpty ? "" : " (`\(item.field)`)") + "\n"
                }
            }
            out += "\n**Fix:** \(escape(finding.fix.summary))\n\n"
            for step in finding.fix.steps { out += "1. \(escape(step))\n" }
            if !finding.fix.commands.isEmpty { out += "\n" + fenced(finding.fix.commands.joined(separator: "\n"), language: "sh") }
            if let terraform = finding.fix.terraform { out += "\n" + fenced(terraform, language: "hcl") }
            if !finding.missingEvidence.isEmpty {
                out += "\n**To be sure**\n\n"
                for missing in finding.missingEvidence { out += "- \(escape(missing.why)):\n\n" + fenced(missing.command, language: "sh", indent: "  ") }
            }
        }
        if !report.paths.isEmpty {
            out += "\n### Network paths\n\n| Workload | Subnet | Dependency | Verdict | Route | Blocking hop |\n|---|---|---|---|---|---|\n"
            for row in report.paths {
                out += "| \(cell(row.workload)) | `\(row.subnet)` | \(cell(row.dependency)) | \(row.verdict) | \(cell(row.route)) | \(cell(row.detail ?? "")) |\n"
            }
        }
        if !report.input.missingEvidence.isEmpty {
            out += "\n### Missing evidence\n\n`collect` could not read these; the analysis could not use them.\n\n"
            for missing in report.input.missingEvidence { out += "- \(escape(missing.why)):\n\n" + fenced(missing.command, language: "sh", indent: "  ") }
        }
        if !report.input.warnings.isEmpty {
            out += "\n**Warnings**\n\n" + report.input.warnings.map { "- \(escape($0))\n" }.joined()
        }
        return out
    }

    private static func fenced(_ text: String, language: String, indent: String = "") -> String {
        // A fence longer than any backtick run inside keeps the block intact.
        var fence = "```"
        while text.contains(fence) { fence += "`" }
        return indent + fence + language + "\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }.joined(separator: "\n") + "\n" + indent + fence + "\n"
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out.replacingOccurrences(of: "\n", with: " ")
    }

    private static func cell(_ text: String) -> String { escape(text) }
}

import Foundation
