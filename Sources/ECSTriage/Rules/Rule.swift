/// A check: one static description and one `evaluate`. Register new rules in
/// `RuleRegistry.all`.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    func evaluate(_ context: AnalysisContext) -> [Finding]
}

public enum RuleCategory: String, Sendable, CaseIterable {
    case network, iam
    case loadBalancing = "load-balancing"
    case taskDefinition = "task-definition"
    case image, runtime, dependencies, capacity, service
    /// A failure whose cause no rule recognises (`unrecognized-failure`): where the
    /// defect lies is exactly what is unknown.
    case unknown
}

public enum RuleKind: String, Sendable {
    /// Finds a defect in the configuration; confirmed by the symptoms it explains.
    case cause
    /// Interprets an observed failure no cause rule explained.
    case symptom
}

/// Everything said about a rule, once: the CLI's `rules` and `explain`, the
/// docs and the example tests all read it.
public struct RuleDescription: Sendable {
    /// Stable id from rule-catalogue.md.
    public var id: String
    public var title: String
    public var category: RuleCategory
    public var kind: RuleKind
    public var severity: Severity
    /// Symptom kinds this rule explains (cause rules) or interprets (symptom rules).
    public var explains: [SymptomKind]
    /// Snapshot sections it reads to find the defect from configuration.
    public var needs: [SnapshotSection]
    /// Built when read, not with the description: every run reads every rule's
    /// description, and building all the examples (test inputs) was about a
    /// third of the instructions a pasted message ran.
    public var examples: [RuleExample] { makeExamples() }
    private let makeExamples: @Sendable () -> [RuleExample]

    public init(id: String, title: String, category: RuleCategory, kind: RuleKind = .cause, severity: Severity,
                explains: [SymptomKind] = [], needs: [SnapshotSection] = [],
                examples: @autoclosure @escaping @Sendable () -> [RuleExample]) {
        self.id = id
        self.title = title
        self.category = category
        self.kind = kind
        self.severity = severity
        self.explains = explains
        self.needs = needs
        self.makeExamples = examples
    }
}

/// An input and the findings of its rule it must produce: the examples are
/// the rule's tests.
public struct RuleExample: Sendable {
    public var name: String
    /// A snapshot fragment (JSON) or plain text.
    public var input: String
    /// Whether the rule must find something in `input`.
    public var isTriggering: Bool
    /// Primary resources of the rule's expected findings (an empty string for
    /// a finding that names no resource, as from a pasted message without ids).
    public var expectedResources: [String]
    /// The confidence the first expected finding must have.
    public var expectedConfidence: Confidence?
    public var file: String
    public var line: Int

    /// An example that must produce findings for `resources`.
    public static func triggers(_ name: String, _ input: String, resources: [String], confidence: Confidence? = nil,
                                file: String = #filePath, line: Int = #line) -> RuleExample {
        RuleExample(name: name, input: input, isTriggering: true, expectedResources: resources, expectedConfidence: confidence, file: file, line: line)
    }

    /// An example that must produce no finding of the rule.
    public static func quiet(_ name: String, _ input: String, file: String = #filePath, line: Int = #line) -> RuleExample {
        RuleExample(name: name, input: input, isTriggering: false, expectedResources: [], expectedConfidence: nil, file: file, line: line)
    }
}
