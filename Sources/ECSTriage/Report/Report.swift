/// The result of an analysis; every reporter is a pure function of it.
public struct Report: Sendable {
    public static let schemaVersion = 1

    public struct InputSummary: Sendable {
        public var documents: Int
        public var recognized: [String]
        public var ignored: [String]
        public var warnings: [String]
        /// What the snapshot lacks because `collect` could not read it, and
        /// the command that would.
        public var missingEvidence: [MissingEvidence] = []
    }

    /// One row per analysed task subnet and dependency: why each is (un)reachable.
    public struct PathRow: Sendable, Equatable {
        public var workload: String
        public var subnet: String
        public var dependency: String
        public var verdict: String
        public var route: String
        /// The hop that blocks it, or what leaves it undetermined.
        public var detail: String?
        public var field: String?
    }

    public var input: InputSummary
    public var symptoms: [Symptom]
    public var paths: [PathRow] = []
    /// Ranked: the first is the best answer to "why is this failing".
    public var findings: [Finding]

    public init(input: InputSummary, symptoms: [Symptom], findings: [Finding], paths: [PathRow] = []) {
        self.input = input
        self.symptoms = symptoms
        self.findings = findings
        self.paths = paths
    }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// True when a finding is at or above `threshold`: `--fail-on info`
    /// fails on any finding, the default (`low`) not on info findings.
    public func fails(at threshold: Severity) -> Bool {
        findings.contains { $0.severity >= threshold }
    }

    /// What to do first: the top finding's cause and its first command, or
    /// the change to make when it has no command. Every reporter opens with it.
    public var doFirst: FirstAction? {
        guard let top = findings.first else { return nil }
        return FirstAction(ruleId: top.ruleId, cause: top.title, change: top.fix.summary, command: top.fix.commands.first,
                           moreCommands: max(0, top.fix.commands.count - 1))
    }
}

/// The answer in one place: which cause, and the first thing to run or change.
public struct FirstAction: Sendable, Equatable {
    /// The finding it comes from is always rank 1.
    public var rank: Int { 1 }
    public var ruleId: String
    /// The top finding's title.
    public var cause: String
    /// The fix summary: the field or resource to change.
    public var change: String
    /// The first command of the fix, when it has commands.
    public var command: String?
    /// How many further commands the finding's fix lists.
    public var moreCommands: Int
}

public enum ToolInfo {
    public static let name = "ecs-triage"
    public static let version = "0.1.0"
}
