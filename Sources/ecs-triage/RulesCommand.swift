import ECSTriage

struct RulesCommand: Command {
    /// `rules --format`: the table for a terminal, or the Markdown reference (docs/rules.md).
    enum Format: String, CaseIterable {
        case text, markdown
    }

    static let name = "rules"
    static let abstract = "List every rule: id, category, severity, kind."
    static let options: [Option<Self>] = [
        .choice("--format", value: "format", help: "text (default), or markdown: the reference in docs/rules.md", \.format),
    ]

    var format = Format.text

    func run() throws -> Int32 {
        switch format {
        case .text: writeOutput(RulesReference.table())
        case .markdown: writeOutput(RulesReference.markdown())
        }
        return ExitCode.ok
    }
}
