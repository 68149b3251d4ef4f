/// One inbound TCP permission to add to a security group, as
/// `authorize-security-group-ingress` commands and the matching Terraform
/// (`aws_vpc_security_group_ingress_rule`, one per source): every rule that
/// opens a port builds its fix here.
struct SecurityGroupIngressGrant {
    enum Source: Equatable {
        /// Traffic carrying this security group (a load balancer's).
        case group(String)
        /// Traffic from this IPv4 block (a load balancer's subnet).
        case cidr(String)
    }

    var groupId: String
    var ports: ClosedRange<Int>
    var sources: [Source]
    /// The Terraform resource label's stem, e.g. `lb_to_web`.
    var label: String

    /// `8080` or `32768-65535`, as `--port` takes it.
    var portText: String {
        ports.lowerBound == ports.upperBound ? "\(ports.lowerBound)" : "\(ports.lowerBound)-\(ports.upperBound)"
    }

    /// `sg-0a1` or `10.0.1.0/24`, as a person reads it.
    static func text(_ source: Source) -> String {
        switch source {
        case .group(let id), .cidr(let id): return id
        }
    }

    /// One command per source; ids and blocks never hold shell metacharacters, but are quoted like any value from the account.
    var commands: [String] {
        sources.map { source in
            let from: String
            switch source {
            case .group(let id): from = "--source-group \(ShellWord.quoted(id))"
            case .cidr(let block): from = "--cidr \(ShellWord.quoted(block))"
            }
            return "aws ec2 authorize-security-group-ingress --group-id \(ShellWord.quoted(groupId)) --protocol tcp --port \(portText) \(from)"
        }
    }

    var terraform: String {
        sources.enumerated().map { index, source in
            let from: String
            switch source {
            case .group(let id): from = "referenced_security_group_id = \"\(id)\""
            case .cidr(let block): from = "cidr_ipv4                    = \"\(block)\""
            }
            let name = sources.count == 1 ? label : "\(label)_\(index + 1)"
            return """
            resource "aws_vpc_security_group_ingress_rule" "\(TerraformName.label(name))" {
              security_group_id            = "\(groupId)"
              ip_protocol                  = "tcp"
              from_port                    = \(ports.lowerBound)
              to_port                      = \(ports.upperBound)
              \(from)
            }
            """
        }.joined(separator: "\n")
    }
}
