/// Condition keys whose values the snapshot decides for one request
/// (`aws:SourceAccount`, `aws:SourceArn`, `kms:ViaService`). Every other key
/// is unknown, and a condition on it leaves its statement undetermined.
public struct ConditionContext: Sendable, Equatable {
    private var values: [String: RequestValue]

    public init(_ values: [String: RequestValue] = [:]) {
        var lowered: [String: RequestValue] = [:]
        for (key, value) in values { lowered[key.lowercased()] = value }
        self.values = lowered
    }

    public func value(_ key: String) -> RequestValue? { values[key.lowercased()] }
}

/// Evaluates a statement's `Condition` block: holds, fails, or unknown with
/// the condition that could not be decided.
enum ConditionEvaluator {
    static func evaluate(_ conditions: [PolicyCondition], _ context: ConditionContext) -> Tri {
        Tri.all(conditions.map { evaluate($0, context) })
    }

    static func describe(_ condition: PolicyCondition) -> String {
        "\(condition.operatorName) \(condition.key) \(condition.values.joined(separator: ", "))"
    }

    static func evaluate(_ condition: PolicyCondition, _ context: ConditionContext) -> Tri {
        let unknown = Tri.unknown("condition \(describe(condition)) (the request value is only partly known)")
        var operatorName = condition.operatorName
        if operatorName.hasPrefix("ForAnyValue:") {
            // Every key the snapshot decides is single-valued: ForAnyValue is the plain operator.
            operatorName = String(operatorName.dropFirst("ForAnyValue:".count))
        }
        guard let value = context.value(condition.key) else { return .unknown("condition \(describe(condition)) (a key the snapshot does not decide)") }
        if condition.values.contains(where: { $0.contains("${") }) { return .unknown("condition \(describe(condition)) (a policy variable)") }
        if operatorName == "Null" {
            // The key is present in the request.
            guard let wanted = condition.values.first?.lowercased() else { return unknown }
            return wanted == "false" ? .yes : .no
        }
        if operatorName.hasSuffix("IfExists") { operatorName = String(operatorName.dropLast("IfExists".count)) }
        let positive: Bool?
        let negated: Bool
        switch operatorName {
        case "StringEquals", "StringNotEquals":
            positive = anyOf(condition.values) { value.isComplete ? $0 == value.text : ($0.count > value.text.count && $0.hasPrefix(value.text) ? nil : false) }
            negated = operatorName == "StringNotEquals"
        case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase":
            positive = anyOf(condition.values) { pattern in
                value.isComplete ? pattern.lowercased() == value.text.lowercased()
                    : (pattern.count > value.text.count && pattern.lowercased().hasPrefix(value.text.lowercased()) ? nil : false)
            }
            negated = operatorName == "StringNotEqualsIgnoreCase"
        case "StringLike", "StringNotLike":
            positive = anyOf(condition.values) { value.matched(by: $0) }
            negated = operatorName == "StringNotLike"
        case "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike":
            positive = anyOf(condition.values) { arnMatches(pattern: $0, value) }
            negated = operatorName.hasPrefix("ArnNot")
        default:
            return .unknown("condition \(describe(condition)) (an operator ecs-triage does not evaluate)")
        }
        guard let positive else { return unknown }
        return positive != negated ? .yes : .no
    }

    /// true if any candidate is true, false if all are false, else nil.
    private static func anyOf(_ candidates: [String], _ test: (String) -> Bool?) -> Bool? {
        var sawUnknown = false
        for candidate in candidates {
            switch test(candidate) {
            case true?: return true
            case nil: sawUnknown = true
            case false?: continue
            }
        }
        return sawUnknown ? nil : false
    }

    /// ARN operators compare each of the six colon-separated parts on its
    /// own, wildcards included (a `*` does not cross a colon).
    static func arnMatches(pattern: String, _ value: RequestValue) -> Bool? {
        let patternParts = pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        let valueParts = value.text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard patternParts.count == 6 else { return false }
        var result: Bool? = true
        for index in 0..<6 {
            if index < valueParts.count - 1 || (index == valueParts.count - 1 && value.isComplete) {
                if !Wildcard.matches(patternParts[index], valueParts[index]) { return false }
            } else if index == valueParts.count - 1 {
                switch Wildcard.matchesPrefix(patternParts[index], valueParts[index], excluding: value.continuationExcludes) {
                case .all: continue
                case .none: return false
                case .some: result = nil
                }
            } else if patternParts[index] != "*" {
                // A part the value does not reach yet: only `*` is sure to match it.
                result = nil
            }
        }
        if value.isComplete, valueParts.count != 6 { return false }
        return result
    }
}
