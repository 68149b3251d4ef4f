/// Decides whether a role's trust policy lets a service principal call
/// `sts:AssumeRole`, the way STS does: an explicit Deny wins, then any Allow.
/// Recognises the usual mistakes: another service trusted
/// (`ec2.amazonaws.com`, `ecs.amazonaws.com`) and `aws:SourceAccount` /
/// `aws:SourceArn` conditions that exclude this account or region.
public enum TrustPolicyEvaluator {
    public struct Request: Sendable {
        public var servicePrincipal: String
        /// The account ECS acts for (`aws:SourceAccount`).
        public var sourceAccount: String?
        /// The ECS resource ECS acts for (`aws:SourceArn`): known up to the
        /// account (`arn:aws:ecs:<region>:<account>:`), so a pattern naming a
        /// particular resource stays undetermined.
        public var sourceArn: RequestValue?

        public init(servicePrincipal: String, sourceAccount: String?, sourceArn: RequestValue?) {
            self.servicePrincipal = servicePrincipal
            self.sourceAccount = sourceAccount
            self.sourceArn = sourceArn
        }

        var context: ConditionContext {
            var values: [String: RequestValue] = [:]
            if let sourceAccount { values["aws:SourceAccount"] = .exact(sourceAccount) }
            if let sourceArn { values["aws:SourceArn"] = sourceArn }
            return ConditionContext(values)
        }
    }

    public static func evaluate(_ document: PolicyDocument?, _ request: Request) -> PolicyDecision {
        guard let document else { return .undetermined("the role's trust policy is not in the snapshot") }
        let what = "\(request.servicePrincipal) sts:AssumeRole"
        var allowedBy: PolicyStatement?
        var possibleAllow: String?
        var possibleDeny: String?
        for statement in document.statements where applies(statement, request) {
            switch ConditionEvaluator.evaluate(statement.conditions, request.context) {
            case .yes:
                if !statement.allows { return .denied("\(statement.label) explicitly denies \(what)", at: statement.location) }
                allowedBy = allowedBy ?? statement
            case .no:
                continue
            case let .unknown(why):
                if statement.allows {
                    possibleAllow = possibleAllow ?? "\(statement.label) allows \(what) only under \(why), which the snapshot cannot decide"
                } else {
                    possibleDeny = possibleDeny ?? "\(statement.label), a Deny under \(why), might deny \(what)"
                }
            }
        }
        if let possibleDeny, allowedBy != nil || possibleAllow != nil { return .undetermined(possibleDeny) }
        if let allowedBy { return .allowed("\(allowedBy.label) allows \(what)", at: allowedBy.location) }
        if let possibleAllow { return .undetermined(possibleAllow) }
        let mismatches = document.statements.compactMap { statement -> String? in
            guard statement.allows, coversAssumeRole(statement) else { return nil }
            let services = statement.principal?.values(ofType: "Service") ?? []
            let aws = statement.principal?.values(ofType: "AWS") ?? []
            guard !services.isEmpty || !aws.isEmpty else { return nil }
            if applies(statement, request) {
                return "\(statement.label) trusts \(services.joined(separator: ", ")) only with conditions that do not match: \(statement.conditions.map(ConditionEvaluator.describe).joined(separator: "; "))"
                    + " (this account is \(request.sourceAccount ?? "unknown"))"
            }
            return "\(statement.label) trusts \((services + aws).joined(separator: ", ")), not \(request.servicePrincipal)"
        }
        let reason = "no statement allows \(what)" + (mismatches.isEmpty ? "" : ": " + mismatches.joined(separator: "; "))
        return .denied(reason, at: document.location)
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
}
