/// The rule registry rendered for people: the table `ecs-triage rules`
/// prints, and the Markdown reference `docs/rules.md` (generated, kept
/// fresh by a test).
public enum RulesReference {
    /// One row per rule, sorted by category then id, in aligned columns.
    public static func table(_ rules: [RuleDescription] = RuleRegistry.descriptions) -> String {
        let sorted = rules.sorted { ($0.category.rawValue, $0.id) < ($1.category.rawValue, $1.id) }
        let idWidth = sorted.map(\.id.count).max() ?? 2
        let categoryWidth = max(8, sorted.map(\.category.rawValue.count).max() ?? 8)
        func row(_ cells: [String]) -> String {
            [padded(cells[0], idWidth), padded(cells[1], categoryWidth), padded(cells[2], 8), cells[3]].joined(separator: "  ") + "\n"
        }
        return row(["ID", "CATEGORY", "SEVERITY", "KIND"])
            + sorted.map { row([$0.id, $0.category.rawValue, $0.severity.rawValue, $0.kind.rawValue]) }.joined()
    }

    /// The Markdown reference: a summary table, then per category (in the
    /// catalogue's order) each rule's record and the first paragraph of its
    /// playbook, which says what the failure is.
    /// - Parameter playbook: the text of a rule's playbook, by id.
    public static func markdown(_ rules: [RuleDescription] = RuleRegistry.descriptions,
                                playbook: (String) -> String? = Playbooks.text(for:)) -> String {
        let byCategory = RuleCategory.allCases.map { category in
            (category, rules.filter { $0.category == category }.sorted { $0.id < $1.id })
        }.filter { !$0.1.isEmpty }
        var text = """
            # Rules

            Generated from the rule registry by `ecs-triage rules --format markdown`; do not edit
            (`swift run ecs-triage-generate` rewrites this file). The ids are a stable contract:
            see [rule-catalogue.md](rule-catalogue.md). `ecs-triage explain <id>` prints a rule's playbook.

            | id | category | kind | severity | title |
            | --- | --- | --- | --- | --- |

            """
        for (_, rules) in byCategory {
            for rule in rules {
                let cells = ["[`\(rule.id)`](#\(rule.id))", rule.category.rawValue, rule.kind.rawValue, rule.severity.rawValue, rule.title]
                text += "| " + cells.joined(separator: " | ") + " |\n"
            }
        }
        for (category, rules) in byCategory {
            text += "\n## \(category.rawValue)\n"
            for rule in rules {
                text += "\n### \(rule.id)\n\n"
                text += "\(rule.title). A \(rule.kind.rawValue) rule"
                    + (rule.kind == .cause ? " (finds a defect in the configuration)" : " (interprets a failure no cause explains)")
                    + ", severity \(rule.severity.rawValue).\n\n"
                if let paragraph = playbook(rule.id).flatMap(firstParagraph) { text += paragraph + "\n\n" }
                let explains = rule.explains.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                let needs = rule.needs.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                let explained = explains.isEmpty ? "no symptom (configuration only)" : explains
                text += "- \(rule.kind == .cause ? "Explains" : "Interprets"): \(explained)\n"
                text += "- Needs: \(needs.isEmpty ? "no snapshot section (text alone)" : needs)\n"
                text += "- Playbook: [playbooks/\(rule.id).md](../playbooks/\(rule.id).md)\n"
            }
        }
        return text
    }

    /// The paragraph after a playbook's `# id: ...` heading.
    static func firstParagraph(_ playbook: String) -> String? {
        let lines = playbook.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
        let paragraph = lines.drop { $0.allSatisfy(\.isWhitespace) }.prefix { !$0.allSatisfy(\.isWhitespace) }
        return paragraph.isEmpty || paragraph.first!.hasPrefix("#") ? nil : paragraph.joined(separator: "\n")
    }

    static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
