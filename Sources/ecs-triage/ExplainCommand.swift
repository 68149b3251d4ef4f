import ECSTriage

struct ExplainCommand: Command {
    static let name = "explain"
    static let abstract = "Print the playbook of a rule."
    static let discussion = "What the failure means, how it shows up, how to confirm it and how to fix it."
    static let arguments: Arguments<Self>? = .single("rule-id", help: "a rule id, as `ecs-triage rules` lists them") { $0.ruleId = $1 }
    static let options: [Option<Self>] = []

    /// Set by the parser, which refuses a command line without it.
    var ruleId = ""

    func run() throws -> Int32 {
        guard let text = Playbooks.text(for: ruleId) else {
            throw UsageError("unknown rule id '\(ruleId)' (see 'ecs-triage rules')", command: Self.self)
        }
        writeOutput(text.hasSuffix("\n") ? text : text + "\n")
        return ExitCode.ok
    }
}
