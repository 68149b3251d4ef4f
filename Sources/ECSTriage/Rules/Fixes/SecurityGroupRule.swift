/// A value a printed fix uses: one the input holds, or a shell variable an
/// earlier command of the same fix sets (`sg=$(aws ec2 create-security-group
/// ... --query GroupId --output text)`), with the Terraform expression that
/// stands for it.
enum FixValue: Equatable {
    case literal(String)
    case variable(name: String, terraform: String)

    /// As a shell word: quoted like any value from the account, or the variable in double quotes.
    var shell: String {
        switch self {
        case let .literal(value): return ShellWord.quoted(value)
        case let .variable(name, _): return "\"$\(name)\""
        }
    }

    /// As a Terraform expression: a string literal, or the reference.
    var terraform: String {
        switch self {
        case let .literal(value): return "\"\(value)\""
        case let .variable(_, expression): return expression
        }
    }

    /// As a person reads it.
    var text: String {
        switch self {
        case let .literal(value): return value
        case let .variable(_, expression): return expression
        }
    }
}

/// One TCP permission to add to a security group, in either direction, as
/// `authorize-security-group-ingress|egress --ip-permissions` commands and
/// the matching `aws_vpc_security_group_ingress_rule|egress_rule` resources
/// (one per peer): every network rule that opens a port builds its fix here.
struct SecurityGroupRule {
    enum Direction { case ingress, egress }

    enum Peer: Equatable {
        /// Traffic carrying (or going to) this security group.
        case group(FixValue)
        case cidr(String)
        /// An AWS-managed prefix list (an S3 gateway endpoint's).
        case prefixList(String)

        var text: String {
            switch self {
            case let .group(value): return value.text
            case let .cidr(block), let .prefixList(block): return block
            }
        }
    }

    var group: FixValue
    var direction: Direction
    var ports: ClosedRange<Int>
    var peers: [Peer]
    /// The Terraform resource label's stem, e.g. `tasks_https_out`.
    var label: String

    /// One command per peer. The shorthand `--ip-permissions` passes the aws CLI v1 and v2 alike.
    var commands: [String] {
        let verb = direction == .ingress ? "authorize-security-group-ingress" : "authorize-security-group-egress"
        return peers.map { peer in
            let target: String
            switch peer {
            case let .group(value): target = "UserIdGroupPairs=[{GroupId=\(value.shellInShorthand)}]"
            case let .cidr(block): target = "IpRanges=[{CidrIp=\(block)}]"
            case let .prefixList(id): target = "PrefixListIds=[{PrefixListId=\(id)}]"
            }
            let permissions = "IpProtocol=tcp,FromPort=\(ports.lowerBound),ToPort=\(ports.upperBound),\(target)"
            return "aws ec2 \(verb) --group-id \(group.shell) --ip-permissions \(Self.quotedShorthand(permissions))"
        }
    }

    var terraform: String {
        let type = direction == .ingress ? "aws_vpc_security_group_ingress_rule" : "aws_vpc_security_group_egress_rule"
        return peers.enumerated().map { index, peer in
            let target: String
            switch peer {
            case let .group(value): target = "referenced_security_group_id = \(value.terraform)"
            case let .cidr(block): target = "cidr_ipv4                    = \"\(block)\""
            case let .prefixList(id): target = "prefix_list_id               = \"\(id)\""
            }
            let name = peers.count == 1 ? label : "\(label)_\(index + 1)"
            return """
            resource "\(type)" "\(TerraformName.label(name))" {
              security_group_id            = \(group.terraform)
              ip_protocol                  = "tcp"
              from_port                    = \(ports.lowerBound)
              to_port                      = \(ports.upperBound)
              \(target)
            }
            """
        }.joined(separator: "\n\n")
    }

    var portText: String { ports.lowerBound == ports.upperBound ? "TCP \(ports.lowerBound)" : "TCP \(ports.lowerBound)-\(ports.upperBound)" }

    /// The shorthand is one shell word: single quotes, except around a variable, which must expand.
    static func quotedShorthand(_ text: String) -> String {
        guard text.contains("$") else { return "'\(text)'" }
        return "\"\(text)\""
    }
}

extension FixValue {
    /// Inside the `--ip-permissions` shorthand: ids as they are (they hold no shell or shorthand
    /// metacharacters), a variable bare so that the enclosing double quotes expand it.
    var shellInShorthand: String {
        switch self {
        case let .literal(value): return value
        case let .variable(name, _): return "$\(name)"
        }
    }
}

/// A security group a fix creates before it can use it (interface endpoints,
/// a mount target): the command sets a shell variable the later commands use,
/// and the Terraform defines the resource the later snippets reference.
struct SecurityGroupCreation {
    var variable: String
    var name: String
    var description: String
    var vpcId: String
    var terraformLabel: String

    var value: FixValue { .variable(name: variable, terraform: "aws_security_group.\(terraformLabel).id") }

    var command: String {
        "\(variable)=$(aws ec2 create-security-group --group-name \(ShellWord.quoted(name)) --description \(ShellWord.quoted(description)) "
            + "--vpc-id \(ShellWord.quoted(vpcId)) --query GroupId --output text)"
    }

    var terraform: String {
        """
        resource "aws_security_group" "\(terraformLabel)" {
          name        = "\(name)"
          description = "\(description)"
          vpc_id      = "\(vpcId)"
        }
        """
    }
}
