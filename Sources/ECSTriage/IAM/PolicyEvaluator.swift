/// One policy document the evaluator reads, named for explanations.
public struct NamedPolicy: Sendable {
    /// `inline policy "secrets"`, `AWS managed policy AmazonECSTaskExecutionRolePolicy (v1, ecs-triage's copy)`...
    public var name: String
    /// nil when the snapshot lacks it: every answer it could change is undetermined.
    public var document: PolicyDocument?

    public init(name: String, document: PolicyDocument?) {
        self.name = name
        self.document = document
    }
}

/// The documents IAM evaluates for a role: its identity policies (inline and
/// attached) and its permissions boundary.
public struct RolePolicies: Sendable {
    public var roleName: String
    public var identity: [NamedPolicy]
    public var boundary: NamedPolicy?

    public init(roleName: String, identity: [NamedPolicy], boundary: NamedPolicy? = nil) {
        self.roleName = roleName
        self.identity = identity
        self.boundary = boundary
    }
}

/// One API call a principal makes: the action, the resource IAM checks it
/// on, and the condition keys the snapshot decides.
public struct PermissionRequest: Sendable, Equatable {
    public var action: String
    public var resource: RequestValue
    public var context: ConditionContext

    public init(_ action: String, on resource: RequestValue, context: ConditionContext = ConditionContext()) {
        self.action = action
        self.resource = resource
        self.context = context
    }

    public var description: String { "\(action) on \(resource)" }
}

/// IAM's identity-policy evaluation for one role, tri-state: an explicit
/// Deny wins; then every Allow must come from the identity policies and,
/// when there is one, the permissions boundary; anything the snapshot cannot
/// decide (a condition, a policy variable, a missing document) makes the
/// answer undetermined, never denied. SCPs, resource and session policies
/// are outside the snapshot: an `allowed` answer is about the role only.
public enum PolicyEvaluator {
    public static let outsideTheSnapshot = "SCPs, resource policies (repository, bucket, key and secret policies) and session policies are not in the snapshot"

    public static func evaluate(_ policies: RolePolicies, _ request: PermissionRequest) -> PolicyDecision {
        let identity = scan(policies.identity, request)
        let boundary = policies.boundary.map { scan([$0], request) }
        let what = request.description
        if let deny = identity.explicitDeny ?? boundary?.explicitDeny {
            return .denied("\(deny.label) explicitly denies \(what)", at: deny.location)
        }
        if identity.allow == nil, identity.possibleAllow == nil, identity.missing == nil {
            let names = policies.identity.map(\.name)
            let searched = names.isEmpty ? "role \(policies.roleName) has no policies" : "no statement allows it in the role's policies (\(names.joined(separator: "; ")))"
            return .denied("\(what) is not allowed: \(searched)")
        }
        if let boundary, let boundaryPolicy = policies.boundary, boundary.allow == nil, boundary.possibleAllow == nil, boundary.missing == nil {
            let own = identity.allow.map { " (\($0.label) allows it, but a boundary caps what the role's policies grant)" } ?? ""
            return .denied("the permissions boundary \(boundaryPolicy.name) does not allow \(what)\(own)")
        }
        if let reason = identity.possibleDeny ?? boundary?.possibleDeny {
            return .undetermined("\(reason) might deny \(what)")
        }
        guard let allow = identity.allow else {
            return .undetermined(identity.possibleAllow ?? "\(identity.missing!) could allow \(what)")
        }
        if let boundary, boundary.allow == nil {
            return .undetermined(boundary.possibleAllow.map { "the permissions boundary: \($0)" } ?? "\(boundary.missing!) decides \(what)")
        }
        if let missing = identity.missing ?? boundary?.missing {
            return .undetermined("\(allow.label) allows \(what), but \(missing) could deny it")
        }
        let capped = boundary?.allow.map { "; the permissions boundary's \($0.label) allows it too" } ?? ""
        return .allowed("\(allow.label) allows \(what)\(capped)", at: allow.location)
    }

    struct Hit {
        var label: String
        var location: String
    }

    /// What the statements of some documents say about one request.
    struct Scan {
        var explicitDeny: Hit?
        var possibleDeny: String?
        var allow: Hit?
        var possibleAllow: String?
        var missing: String?
    }

    static func scan(_ policies: [NamedPolicy], _ request: PermissionRequest) -> Scan {
        var scan = Scan()
        for policy in policies {
            guard let document = policy.document else {
                scan.missing = scan.missing ?? "the document of \(policy.name), which is not in the snapshot,"
                continue
            }
            for (index, statement) in document.statements.enumerated() {
                // Built only for the statements that decide something.
                var label: String { "\(policy.name) statement " + (statement.sid.map { "\"\($0)\"" } ?? String(index + 1)) }
                switch applies(statement, request) {
                case .no:
                    continue
                case .yes:
                    if statement.allows {
                        if scan.allow == nil { scan.allow = Hit(label: label, location: statement.location) }
                    } else if scan.explicitDeny == nil {
                        scan.explicitDeny = Hit(label: label, location: statement.location)
                    }
                case let .unknown(why):
                    if statement.allows {
                        scan.possibleAllow = scan.possibleAllow ?? "\(label) allows \(request.description) only under \(why), which the snapshot cannot decide"
                    } else {
                        scan.possibleDeny = scan.possibleDeny ?? "\(label), a Deny under \(why),"
                    }
                }
            }
        }
        return scan
    }

    /// Does the statement cover the request? Action/NotAction compare
    /// case-insensitively, Resource/NotResource case-sensitively.
    static func applies(_ statement: PolicyStatement, _ request: PermissionRequest) -> Tri {
        let action: Tri
        if let actions = statement.actions {
            action = actions.contains { Wildcard.matches($0, request.action, caseInsensitive: true) } ? .yes : .no
        } else if let notActions = statement.notActions {
            action = notActions.contains { Wildcard.matches($0, request.action, caseInsensitive: true) } ? .no : .yes
        } else {
            action = .no
        }
        guard action == .yes else { return action }
        let resource: Tri
        if let resources = statement.resources {
            resource = anyResource(resources, request.resource)
        } else if let notResources = statement.notResources {
            switch anyResource(notResources, request.resource) {
            case .yes: resource = .no
            case .no: resource = .yes
            case let .unknown(why): resource = .unknown(why)
            }
        } else {
            resource = .no
        }
        return Tri.all([resource, ConditionEvaluator.evaluate(statement.conditions, request.context)])
    }

    private static func anyResource(_ patterns: [String], _ resource: RequestValue) -> Tri {
        var unknown: String?
        for pattern in patterns {
            if pattern.contains("${") {
                unknown = unknown ?? "resource \(pattern) (a policy variable)"
                continue
            }
            switch resource.matched(by: pattern) {
            case true?: return .yes
            case nil: unknown = unknown ?? "resource \(pattern) (the snapshot knows the resource only as \(resource))"
            case false?: continue
            }
        }
        return unknown.map { .unknown($0) } ?? .no
    }
}
