import Foundation

// Typed views of IAM output: `aws iam get-account-authorization-details`
// (RoleDetailList, Policies) and `aws iam get-role` (Role).

public struct IAMRole: Sendable {
    public var location: String
    public var roleName: String
    public var arn: String
    public var trustPolicy: PolicyDocument?
    public var inlinePolicies: [(name: String, document: PolicyDocument)]
    public var attachedPolicyArns: [String]
    public var permissionsBoundaryArn: String?
    /// Instance profiles that carry the role (`InstanceProfileList`), by ARN.
    public var instanceProfileArns: [String]
    /// True when the role came from get-account-authorization-details, so
    /// its policy lists are complete; `get-role` carries the trust policy only.
    public var hasPermissionDetails: Bool

    init(_ node: JSONNode, hasPermissionDetails: Bool) throws {
        location = node.location
        roleName = try node.string("RoleName") ?? ""
        arn = try node.string("Arn") ?? ""
        trustPolicy = try PolicyDocument.decode(node, "AssumeRolePolicyDocument")
        inlinePolicies = try node.decodeArray("RolePolicyList") { policy in
            (try policy.string("PolicyName") ?? "", try PolicyDocument.decode(policy, "PolicyDocument"))
        }.compactMap { entry in entry.1.map { (entry.0, $0) } }
        attachedPolicyArns = try node.decodeArray("AttachedManagedPolicies") { try $0.string("PolicyArn") ?? "" }
        permissionsBoundaryArn = try node.object("PermissionsBoundary")?.string("PermissionsBoundaryArn")
        instanceProfileArns = try node.decodeArray("InstanceProfileList") { try $0.string("Arn") ?? "" }.filter { !$0.isEmpty }
        self.hasPermissionDetails = hasPermissionDetails
    }

    /// Whether a document holding `RoleDetailList` lists every role of the
    /// account: a `get-account-authorization-details` output as the CLI
    /// prints it whole. `--max-items` leaves `NextToken` (and the API's
    /// `IsTruncated` / `Marker`); `collect` writes only the roles the task
    /// definitions name (a snapshot with `snapshotVersion`). A listing
    /// re-wrapped after a `--query` filter cannot be told apart; a bare
    /// array of roles (the usual filtered form) never reaches this.
    static func isCompleteListing(_ document: JSONNode) throws -> Bool {
        if try document.bool("IsTruncated") == true { return false }
        return ["NextToken", "Marker", "snapshotVersion"].allSatisfy { document.member($0) == nil }
    }

    /// One role object outside a `RoleDetailList`: what `--query
    /// "RoleDetailList[?...]"` prints (a bare array of them) or `get-role
    /// --query Role`. It lists policies when it carries `RolePolicyList`.
    static func isBareRole(_ node: JSONNode) throws -> Bool {
        guard try node.string("RoleName") != nil, try node.string("Arn")?.contains(":role/") == true else { return false }
        return node.member("AssumeRolePolicyDocument") != nil
    }
}

public struct ManagedPolicy: Sendable {
    public var location: String
    public var arn: String
    public var policyName: String?
    /// The default version's document: the only one IAM evaluates.
    public var defaultDocument: PolicyDocument?
    public var defaultVersionId: String?

    init(_ node: JSONNode) throws {
        location = node.location
        arn = try node.string("Arn") ?? ""
        policyName = try node.string("PolicyName")
        let defaultVersionId = try node.string("DefaultVersionId")
        var document: PolicyDocument?
        var documentVersion = defaultVersionId
        for version in try node.array("PolicyVersionList") ?? [] {
            let isDefault = try version.bool("IsDefaultVersion") ?? false
            let versionId = try version.string("VersionId")
            if isDefault || versionId == defaultVersionId {
                document = try PolicyDocument.decode(version, "Document")
                documentVersion = versionId ?? documentVersion
                if isDefault { break }
            }
        }
        defaultDocument = document
        self.defaultVersionId = documentVersion
    }
}

public struct PolicyDocument: Sendable {
    public var location: String
    public var statements: [PolicyStatement]

    /// Decodes a policy given as a JSON object (what the CLI prints) or as a
    /// (URL-encoded) JSON string (what the raw API and EC2 return).
    static func decode(_ parent: JSONNode, _ key: String) throws -> PolicyDocument? {
        guard let member = parent.member(key) else { return nil }
        if member.isObject { return try PolicyDocument(member) }
        if let text = member.stringValue {
            var decoded = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if decoded.hasPrefix("%") || decoded.contains("%22") {
                decoded = decoded.removingPercentEncoding ?? decoded
            }
            guard let document = try? JSONNode(parsing: Array(decoded.utf8), pointer: member.pointer, origin: member.origin), document.isObject else {
                throw InputError.wrongType(location: member.location, expected: "a policy document (JSON object or URL-encoded JSON string)", found: "a string that is not JSON")
            }
            return try PolicyDocument(document)
        }
        throw InputError.wrongType(location: member.location, expected: "a policy document", found: member.typeDescription)
    }

    init(_ node: JSONNode) throws {
        location = node.location
        if let single = try? node.object("Statement") {
            statements = [try PolicyStatement(single)]
        } else {
            statements = try node.decodeArray("Statement", PolicyStatement.init)
        }
    }
}

public struct PolicyStatement: Sendable {
    public var location: String
    public var sid: String?
    public var allows: Bool
    public var principal: PolicyPrincipal?
    public var notPrincipal: PolicyPrincipal?
    public var actions: [String]?
    public var notActions: [String]?
    public var resources: [String]?
    public var notResources: [String]?
    public var conditions: [PolicyCondition]

    init(_ node: JSONNode) throws {
        location = node.location
        sid = try node.string("Sid").flatMap { $0.isEmpty ? nil : $0 }
        allows = (try node.string("Effect") ?? "").lowercased() == "allow"
        principal = try PolicyPrincipal(node.member("Principal"))
        notPrincipal = try PolicyPrincipal(node.member("NotPrincipal"))
        actions = try node.stringOrStrings("Action")
        notActions = try node.stringOrStrings("NotAction")
        resources = try node.stringOrStrings("Resource")
        notResources = try node.stringOrStrings("NotResource")
        var conditions: [PolicyCondition] = []
        for operatorMember in try node.object("Condition")?.value.objectMembers ?? [] {
            for keyMember in operatorMember.value.objectMembers ?? [] {
                let values: [String]
                switch keyMember.value {
                case let .string(s): values = [s]
                case let .array(items): values = items.compactMap { item in
                    switch item {
                    case let .string(s): return s
                    case let .bool(b): return b ? "true" : "false"
                    case let .number(n): return JSONWriter.format(n)
                    default: return nil
                    }
                }
                case let .bool(b): values = [b ? "true" : "false"]
                case let .number(n): values = [JSONWriter.format(n)]
                default: values = []
                }
                conditions.append(PolicyCondition(operatorName: operatorMember.key, key: keyMember.key, values: values))
            }
        }
        self.conditions = conditions
    }

    /// A label for evidence: the Sid, or the statement's pointer.
    public var label: String { sid.map { "statement \"\($0)\"" } ?? "statement at \(location)" }
}

/// `"*"` or a map of principal type (`AWS`, `Service`, `Federated`) to values.
public struct PolicyPrincipal: Sendable {
    public var isWildcard: Bool
    public var entries: [(type: String, values: [String])]

    init?(_ node: JSONNode?) throws {
        guard let node else { return nil }
        switch node.value {
        case let .string(s):
            isWildcard = s == "*"
            entries = isWildcard ? [] : [("AWS", [s])]
        case let .object(members):
            isWildcard = false
            var entries: [(type: String, values: [String])] = []
            for member in members {
                switch member.value {
                case let .string(s): entries.append((member.key, [s]))
                case let .array(items): entries.append((member.key, items.compactMap(\.stringValue)))
                default: break
                }
            }
            self.entries = entries
        default:
            throw InputError.wrongType(location: node.location, expected: "a principal (\"*\" or an object)", found: node.value.typeDescription)
        }
    }

    public func values(ofType type: String) -> [String] {
        entries.filter { $0.type.lowercased() == type.lowercased() }.flatMap(\.values)
    }
}

public struct PolicyCondition: Sendable, Equatable {
    public var operatorName: String
    public var key: String
    public var values: [String]
}
