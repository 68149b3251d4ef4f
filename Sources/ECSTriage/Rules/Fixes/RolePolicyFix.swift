/// One IAM permission fix, as a `put-role-policy` command and the matching
/// Terraform, from the same statements: every rule that grants a role
/// something builds its fix here.
struct RolePolicyGrant {
    struct Statement: Equatable {
        var actions: [String]
        var resource: String
    }

    var roleName: String
    /// The inline policy's name, e.g. `ecs-triage-execution-role-cannot-pull-image`.
    var policyName: String
    var statements: [Statement]

    /// Statements for `requests`, one per resource with its actions in order.
    init(roleName: String, policyName: String, actionsByResource requests: [(action: String, resource: String)]) {
        self.roleName = roleName
        self.policyName = policyName
        var statements: [Statement] = []
        for request in requests {
            if let position = statements.firstIndex(where: { $0.resource == request.resource }) {
                if !statements[position].actions.contains(request.action) { statements[position].actions.append(request.action) }
            } else {
                statements.append(Statement(actions: [request.action], resource: request.resource))
            }
        }
        self.statements = statements
    }

    init(roleName: String, policyName: String, statements: [Statement]) {
        self.roleName = roleName
        self.policyName = policyName
        self.statements = statements
    }

    /// The policy document as compact JSON.
    var document: String {
        let items = statements.map { statement in
            #"{"Effect":"Allow","Action":[\#(statement.actions.map { "\"\($0)\"" }.joined(separator: ","))],"Resource":"\#(statement.resource)"}"#
        }
        return #"{"Version":"2012-10-17","Statement":[\#(items.joined(separator: ","))]}"#
    }

    /// `aws iam put-role-policy`, the document inline in single quotes (no
    /// statement holds one: actions and ARNs cannot).
    var command: String {
        "aws iam put-role-policy --role-name \(ShellWord.quoted(roleName)) --policy-name \(ShellWord.quoted(policyName)) --policy-document '\(document)'"
    }

    /// An `aws_iam_role_policy` resource with the same statements.
    var terraform: String {
        let items = statements.map { statement in
            "{ Effect = \"Allow\", Action = [\(statement.actions.map { "\"\($0)\"" }.joined(separator: ", "))], Resource = \"\(statement.resource)\" }"
        }
        return """
        resource "aws_iam_role_policy" "\(TerraformName.label(policyName))" {
          role   = "\(roleName)"
          policy = jsonencode({
            Version   = "2012-10-17"
            Statement = [
              \(items.joined(separator: ",\n      "))
            ]
          })
        }
        """
    }
}

/// Terraform names derived from AWS names.
enum TerraformName {
    /// A resource label from a name: letters, digits and underscores.
    static func label(_ name: String) -> String {
        let mapped = String(name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        return mapped.first?.isNumber == true ? "_" + mapped : (mapped.isEmpty ? "this" : mapped)
    }
}

/// Words placed into printed shell commands.
enum ShellWord {
    /// The word as is when the shell reads it literally, else in single quotes.
    static func quoted(_ word: String) -> String {
        CollectError.shellQuoted(word)
    }
}
