/// How bad a finding is for the workload.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    /// The workload cannot run.
    case critical, high, medium, low, info

    /// Higher is worse.
    public var weight: Int {
        switch self {
        case .critical: return 4
        case .high: return 3
        case .medium: return 2
        case .low: return 1
        case .info: return 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.weight < rhs.weight }
}

public enum Confidence: String, Sendable, Comparable {
    /// Configuration evidence and an observed symptom agree.
    case confirmed
    /// Configuration evidence alone, or a symptom that names the cause outright.
    case likely
    /// A candidate the snapshot can neither confirm nor rule out.
    case possible

    private var order: Int {
        switch self {
        case .confirmed: return 0
        case .likely: return 1
        case .possible: return 2
        }
    }

    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.order < rhs.order }
}

/// A piece of proof: where in the input, and what it shows.
public struct Evidence: Sendable, Equatable {
    /// JSON pointer (prefixed with the file when several), `line N` for text, or empty.
    public var field: String
    public var text: String

    public init(_ field: String, _ text: String) {
        self.field = field
        self.text = text
    }
}

public struct Fix: Sendable, Equatable {
    public var summary: String
    public var steps: [String]
    /// Ready-to-run commands using the snapshot's own ids.
    public var commands: [String]
    /// The Terraform change, where one is natural.
    public var terraform: String?

    public init(summary: String, steps: [String] = [], commands: [String] = [], terraform: String? = nil) {
        self.summary = summary
        self.steps = steps
        self.commands = commands
        self.terraform = terraform
    }
}

/// What the snapshot lacks to be sure, and the command that would settle it.
public struct MissingEvidence: Sendable, Equatable {
    public var why: String
    public var command: String

    public init(why: String, command: String) {
        self.why = why
        self.command = command
    }
}

/// Why a finding holds; its confidence follows (report-format.md).
public enum Basis: Sendable {
    /// The configuration shows the defect: `confirmed` when the finding
    /// explains an observed symptom, `likely` from configuration alone.
    case configuration
    /// A symptom's text names the cause outright and no configuration
    /// confirms it: `likely`.
    case symptomText
    /// A premise the snapshot cannot decide: `possible`.
    case undetermined

    public func confidence(explaining symptoms: [Symptom]) -> Confidence {
        switch self {
        case .configuration: return symptoms.isEmpty ? .likely : .confirmed
        case .symptomText: return .likely
        case .undetermined: return .possible
        }
    }
}

public struct Finding: Sendable, Equatable {
    public var ruleId: String
    public var category: RuleCategory
    public var kind: RuleKind
    public var title: String
    public var severity: Severity
    public var confidence: Confidence
    /// Ids of the symptoms this finding explains.
    public var explains: [String]
    /// The resources involved, most specific first; empty when the input
    /// names none (a pasted message without ids).
    public var resources: [ResourceID]
    public var evidence: [Evidence]
    public var fix: Fix
    public var missingEvidence: [MissingEvidence]
    /// Where the resources are in configuration not deployed yet (a Terraform
    /// plan or state, a CloudFormation template); empty for deployed input.
    public var configuration: [ConfigurationReference] = []

    public var primaryResource: String { resources.first?.id ?? "" }
}
