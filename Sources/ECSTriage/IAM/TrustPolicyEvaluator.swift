/// The answer to a policy question: never a guess reported as a denial.
public enum PolicyDecision: Sendable, Equatable {
    case allowed(statement: String)
    case denied(reason: String)
    /// A condition, boundary or document the snapshot cannot decide.
    case undetermined(reason: String)
}

/// Decides whether a role's trust policy lets a service principal call
/// `sts:AssumeRole`, the way STS does: an explicit Deny wins, then any Allow.
public enum TrustPolicyEvaluator {
    public struct Request: Sendable {
        public var servicePrincipal: String
        /// The account ECS acts for (for `aws:SourceAccount`).
        public var sourceAccount: String?
        /// An ARN of the ECS resource (for `aws:SourceArn`), e.g. a task or cluster ARN.
        public var sourceArn: String?

        public init(servicePrincipal: String, sourceAccount: String?, sourceArn: String?) {
            self.servicePrincipal = servicePrincipal
            self.sourceAccount = sourceAccount
            self.sourceArn = sourceArn
        }
    }

    public static func evaluate(_ document: PolicyDocument?, _ request: Request) -> PolicyDecision {
        guard let document else { return .undetermined(reason: "the role's trust policy is not in the snapshot") }
        var allowedBy: String?
        var undeterminedBy: String?
        for statement in document.statements where applies(statement, request) {
            switch conditionsHold(statement.conditions, request) {
            case .some(true):
                if !statement.allows { return .denied(reason: "\(statement.label) explicitly denies \(request.servicePrincipal) sts:AssumeRole") }
                if allowedBy == nil { allowedBy = statement.label }
            case .some(false):
                continue
            case .none:
                if !statement.allows {
                    undeterminedBy = undeterminedBy ?? "a Deny \(statement.label) with conditions the snapshot cannot decide"
                } else {
                    undeterminedBy = undeterminedBy ?? "\(statement.label) allows it only under conditions the snapshot cannot decide (\(statement.conditions.map(\.key).joined(separator: ", ")))"
                }
            }
        }
        if let undeterminedBy, allowedBy == nil || undeterminedBy.hasPrefix("a Deny") { return .undetermined(reason: undeterminedBy) }
        if let allowedBy { return .allowed(statement: allowedBy) }
        let mismatch = document.statements.compactMap { statement -> String? in
            let services = statement.principal?.values(ofType: "Service") ?? []
            guard statement.allows, !services.isEmpty, coversAssumeRole(statement) else { return nil }
            let conditions = statement.conditions.isEmpty ? "" : " with conditions that do not match (\(describe(statement.conditions)))"
            return "\(statement.label) trusts \(services.joined(separator: ", "))\(conditions)"
        }
        let reason = mismatch.isEmpty ? "no statement allows \(request.servicePrincipal) to call sts:AssumeRole"
            : "no statement allows \(request.servicePrincipal) to call sts:AssumeRole: " + mismatch.joined(separator: "; ")
        return .denied(reason: reason)
    }

    static func applies(_ statement: PolicyStatement, _ request: Request) -> Bool {
        guard coversAssumeRole(statement) else { return false }
        if let principal = statement.principal {
            if principal.isWildcard { return true }
            let services = principal.values(ofType: "Service")
            let aws = principal.values(ofType: "AWS")
            return services.contains { Wildcard.matches($0, request.servicePrincipal, caseInsensitive: true) } || aws.contains("*")
        }
        if let notPrincipal = statement.notPrincipal {
            return !notPrincipal.values(ofType: "Service").contains { $0.lowercased() == request.servicePrincipal }
        }
        return false
    }

    static func coversAssumeRole(_ statement: PolicyStatement) -> Bool {
        if let actions = statement.actions { return actions.contains { Wildcard.matches($0, "sts:AssumeRole", caseInsensitive: true) } }
        if let notActions = statement.notActions { return !notActions.contains { Wildcard.matches($0, "sts:AssumeRole", caseInsensitive: true) } }
        return false
    }

    /// true / false when every condition is decided, nil when one is not.
    static func conditionsHold(_ conditions: [PolicyCondition], _ request: Request) -> Bool? {
        var result = true
        for condition in conditions {
            let key = condition.key.lowercased()
            let value: String?
            switch key {
            case "aws:sourceaccount": value = request.sourceAccount
            case "aws:sourcearn": value = request.sourceArn
            default: return nil
            }
            guard let value else { return nil }
            // What ECS passes as aws:SourceArn is only certain up to the
            // account: decide region/account-wide patterns, leave the rest open.
            if key == "aws:sourcearn", condition.values.contains(where: { !$0.hasSuffix(":*") }) { return nil }
            var operatorName = condition.operatorName
            let ifExists = operatorName.hasSuffix("IfExists")
            if ifExists { operatorName = String(operatorName.dropLast("IfExists".count)) }
            let holds: Bool
            switch operatorName {
            case "StringEquals", "ArnEquals": holds = condition.values.contains(value)
            case "StringEqualsIgnoreCase": holds = condition.values.contains { $0.lowercased() == value.lowercased() }
            case "StringLike", "ArnLike": holds = condition.values.contains { Wildcard.matches($0, value) }
            case "StringNotEquals", "ArnNotEquals": holds = !condition.values.contains(value)
            case "StringNotLike", "ArnNotLike": holds = !condition.values.contains { Wildcard.matches($0, value) }
            default: return nil
            }
            if !holds { result = false }
        }
        return result
    }

    static func describe(_ conditions: [PolicyCondition]) -> String {
        conditions.map { "\($0.operatorName) \($0.key) \($0.values.joined(separator: ","))" }.joined(separator: "; ")
    }
}
