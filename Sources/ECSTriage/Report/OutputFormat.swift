/// The formats a report is rendered in (`analyze --format`).
public enum OutputFormat: String, Sendable, CaseIterable {
    /// For a terminal (the default).
    case text
    /// The contract for automation (docs/report-format.md).
    case json
    /// For tickets and support cases.
    case markdown
    /// SARIF 2.1.0, for code-scanning dashboards.
    case sarif

    /// Markdown is written to be pasted where others read it, so secrets
    /// are removed unless the user asks otherwise.
    public var isRedactedByDefault: Bool { self == .markdown }
}

/// What the user asked of redaction: `--redact` or `--no-redact` (neither:
/// the default of what is written), and `--redact-accounts`, which implies `--redact`.
public struct RedactionRequest: Sendable, Equatable {
    public var redact: Bool?
    public var accounts: Bool

    public init(redact: Bool? = nil, accounts: Bool = false) {
        self.redact = redact
        self.accounts = accounts
    }

    /// Whether a report rendered in `format` is redacted.
    public func appliesToReport(in format: OutputFormat) -> Bool {
        accounts || (redact ?? format.isRedactedByDefault)
    }

    /// Whether a collected snapshot is redacted: only when asked, since the
    /// snapshot is the evidence and usually stays with its owner.
    public var appliesToSnapshot: Bool {
        accounts || (redact ?? false)
    }
}
