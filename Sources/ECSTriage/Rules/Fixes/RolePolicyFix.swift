/// One IAM permission fix, as a `put-role-policy` command and the matching
/// Terraform, from the same statements: every rule that grants a role
/// something builds its fix here.
struct RolePolicyGrant {
    struct Statement: Equatable {
        var actions: [String]
        var resources: [String]

        init(actions: [String], resources: [String]) {
            self.actions = actions
            self.resources = resources
        }

        init(actions: [String], resource: String) {
            self.init(actions: actions, resources: [resource])
        }
    }

    var roleName: String
    /// The inline policy's name, e.g. `ecs-triage-execution-role-cannot-pull-image`.
    var policyName: String
    var statements: [Statement]

    /// Statements for `requests`: the actions of each resource in order,
    /// then resources that need the same actions in one statement.
    init(roleName: String, policyName: String, actionsByResource requests: [(action: String, resource: String)]) {
        var byResource: [(resource: String, actions: [String])] = []
        for request in requests {
            if let position = byResource.firstIndex(where: { $0.resource == request.resource }) {
                if !byResource[position].actions.contains(request.action) { byResource[position].actions.append(request.action) }
            } else {
                byResource.append((request.resource, [request.action]))
            }
        }
        var statements: [Statement] = []
        for entry in byResource {
            if let position = statements.firstIndex(where: { $0.actions == entry.actions }) {
                statements[position].resources.append(entry.resource)
            } else {
                statements.append(Statement(actions: entry.actions, resource: entry.resource))
            }
        }
        self.init(roleName: roleName, policyName: policyName, statements: statements)
    }

    init(roleName: String, policyName: String, statements: [Statement]) {
        self.roleName = roleName
        self.policyName = policyName
        self.statements = statements
    }

    /// The policy document as compact JSON.
    var document: String {
        let items = statements.map { statement in
            let resources = statement.resources.count == 1 ? Self.json(statement.resources[0]) : "[" + statement.resources.map(Self.json).joined(separator: ",") + "]"
            return #"{"Effect":"Allow","Action":[\#(statement.actions.map(Self.json).joined(separator: ","))],"Resource":\#(resources)}"#
        }
        return #"{"Version":"2012-10-17","Statement":[\#(items.joined(separator: ","))]}"#
    }

    /// `aws iam put-role-policy` with the document inline, quoted for the shell.
    var command: String {
        "aws iam put-role-policy --role-name \(ShellWord.quoted(roleName)) --policy-name \(ShellWord.quoted(policyName)) --policy-document \(ShellWord.quoted(document))"
    }

    /// An `aws_iam_role_policy` resource with the same statements; `role`
    /// refers to a role resource of the same configuration when given
    /// (`aws_iam_role.task.id`), else names the role.
    func terraform(roleReference: String? = nil) -> String {
        let items = statements.map { statement in
            let resources = statement.resources.count == 1 ? TerraformName.string(statement.resources[0])
                : "[" + statement.resources.map(TerraformName.string).joined(separator: ", ") + "]"
            return "{ Effect = \"Allow\", Action = [\(statement.actions.map(TerraformName.string).joined(separator: ", "))], Resource = \(resources) }"
        }
        return """
        resource "aws_iam_role_policy" "\(TerraformName.label(policyName))" {
          name   = \(TerraformName.string(policyName))
          role   = \(roleReference ?? TerraformName.string(roleName))
          policy = jsonencode({
            Version   = "2012-10-17"
            Statement = [
              \(items.joined(separator: ",\n      "))
            ]
          })
        }
        """
    }

    var terraform: String { terraform() }

    /// A JSON string literal.
    private static func json(_ text: String) -> String { String(JSONWriter.write(.string(text)).dropLast()) }
}

/// The resource a grant names for a resource one call was denied on: what
/// the role needs for every call of its kind, not only the one seen.
enum GrantPattern {
    /// A log stream or group → its group's `:*` form; a secret's partial ARN →
    /// `name-??????`; anything else as it is.
    static func covering(_ arn: String) -> String {
        if let group = ResourceARNs.logGroupGrant(covering: arn) { return group }
        if let secret = ResourceARNs.secretArn(arn), secret == arn { return ResourceARNs.secretGrant(secret) }
        return arn
    }

    /// For the application's own calls, also an S3 object → its key's first
    /// prefix (`bucket/uploads/2026/a.jpg` → `bucket/uploads/*`): one object key
    /// in an error stands for the objects the application reads or writes.
    static func application(_ arn: String) -> String {
        guard ARN.field(arn, 2) == "s3", let object = ResourceARNs.s3Object(arn) else { return covering(arn) }
        let key = arn.dropFirst(object.bucketArn.count + 1)
        guard let slash = key.firstIndex(of: "/") else { return object.bucketArn + "/*" }
        return object.bucketArn + "/" + key[..<slash] + "/*"
    }
}

/// Terraform names derived from AWS names.
enum TerraformName {
    /// A resource label from a name: letters, digits and underscores.
    static func label(_ name: String) -> String {
        let mapped = String(name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        return mapped.first?.isNumber == true ? "_" + mapped : (mapped.isEmpty ? "this" : mapped)
    }

    /// A quoted HCL string holding `text` literally: quotes, backslashes,
    /// control characters and template sequences (`${`, `%{`) escaped.
    static func string(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return (quoted + "\"").replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{")
    }
}

/// Words placed into printed shell commands.
enum ShellWord {
    /// The word as is when the shell reads it literally, else in single quotes.
    static func quoted(_ word: String) -> String {
        CollectError.shellQuoted(word)
    }

    /// `--name value`, or `--name=value` when the value could be read as an option.
    static func option(_ name: String, _ value: String) -> String {
        value.hasPrefix("-") ? quoted("\(name)=\(value)") : "\(name) \(quoted(value))"
    }
}
