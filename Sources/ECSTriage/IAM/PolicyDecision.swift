/// The answer to a policy question: never a guess reported as a denial.
public struct PolicyDecision: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case allowed, denied
        /// A condition, boundary, policy variable or document the snapshot cannot decide.
        case undetermined
    }

    public var outcome: Outcome
    /// Allowed: the statement that allows. Denied: the statement that denies,
    /// or which policies were searched and found no Allow. Undetermined: the
    /// condition or the missing document.
    public var explanation: String
    /// Where the deciding statement or document is (a JSON pointer), when one decides.
    public var location: String?

    public static func allowed(_ explanation: String, at location: String? = nil) -> PolicyDecision {
        PolicyDecision(outcome: .allowed, explanation: explanation, location: location)
    }

    public static func denied(_ explanation: String, at location: String? = nil) -> PolicyDecision {
        PolicyDecision(outcome: .denied, explanation: explanation, location: location)
    }

    public static func undetermined(_ explanation: String, at location: String? = nil) -> PolicyDecision {
        PolicyDecision(outcome: .undetermined, explanation: explanation, location: location)
    }
}

/// A value in a request that the snapshot knows fully, or only up to a
/// prefix (a log stream named after a task id not yet known, a secret
/// referenced by a partial ARN, a key known only by its alias).
public struct RequestValue: Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public var isComplete: Bool
    /// Characters the unknown continuation of a prefix cannot hold.
    public var continuationExcludes: String

    public static func exact(_ text: String) -> RequestValue { RequestValue(text: text, isComplete: true, continuationExcludes: "") }
    /// A prefix whose continuation (a task id, key id, secret suffix) holds no `:` or `/`.
    public static func prefix(_ text: String, continuationExcludes: String = ":/") -> RequestValue {
        RequestValue(text: text, isComplete: false, continuationExcludes: continuationExcludes)
    }

    /// `arn:...:log-stream:web/web/*` for a prefix: how a person reads it.
    public var description: String { isComplete ? text : text + "*" }

    /// Does an IAM pattern (`*`, `?`) match? nil when it matches some
    /// completions of a prefix and not others.
    func matched(by pattern: String, caseInsensitive: Bool = false) -> Bool? {
        if isComplete { return Wildcard.matches(pattern, text, caseInsensitive: caseInsensitive) }
        switch Wildcard.matchesPrefix(pattern, text, excluding: continuationExcludes, caseInsensitive: caseInsensitive) {
        case .all: return true
        case .none: return false
        case .some: return nil
        }
    }
}

/// Three-valued logic for statements and conditions: `unknown` carries why.
enum Tri: Equatable {
    case yes, no
    case unknown(String)

    static func all(_ values: [Tri]) -> Tri {
        if values.contains(.no) { return .no }
        if let unknown = values.first(where: { if case .unknown = $0 { return true } else { return false } }) { return unknown }
        return .yes
    }
}
