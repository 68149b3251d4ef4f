import Foundation

/// A new target group in place of one that cannot serve a service (a target
/// type that does not fit its network mode, a Classic Load Balancer, a
/// deleted group): created first, its ARN passed on in `$tg` to the
/// listeners and to the service, so that the commands run top to bottom.
/// A target group's type cannot be changed, and a Classic Load Balancer has
/// no target groups, so a new group is the only way.
struct TargetGroupReplacement {
    struct HealthCheck {
        var protocolName: String? = nil
        var path: String? = nil
        /// `traffic-port` or a number, as the target group holds it.
        var port: String? = nil
        var matcher: String? = nil
    }

    /// A load balancer to create for the new group (replacing a Classic Load Balancer).
    struct NewLoadBalancer {
        var name: String
        /// `application` or `network`.
        var type: String
        var isInternal: Bool
        var subnetIds: [String]
        var securityGroupIds: [String]
        var listeners: [(port: Int, protocolName: String, certificateArn: String?)]
    }

    /// How traffic reaches the new group.
    enum Routing {
        /// Listeners whose default action forwards to the old group.
        case listeners([Listener])
        /// Listeners of the old group's load balancer, none forwarding by default: one of their rules does.
        case listenerRules(listenerArns: [String], oldTargetGroupArn: String)
        case newLoadBalancer(NewLoadBalancer)
        /// Nothing in the snapshot says; the load balancer when known.
        case unknown(loadBalancerArn: String?, oldTargetGroupArn: String?)
    }

    struct ServiceAttachment {
        var cluster: String
        var service: String
        var container: String?
        var containerPort: Int?
    }

    var name: String
    var targetType: String
    var protocolName: String
    var port: Int?
    var vpcId: String?
    var healthCheck: HealthCheck
    var routing: Routing
    var service: ServiceAttachment?

    /// A target group name (32 characters at most, letters, digits and
    /// hyphens) made of `base` and `suffix`.
    static func name(_ base: String, suffix: String) -> String {
        let allowed = base.map { $0.isLetter || $0.isNumber ? $0 : "-" }
        var stem = String(String(allowed).prefix(31 - suffix.count))
        while stem.hasSuffix("-") { stem.removeLast() }
        while stem.hasPrefix("-") { stem.removeFirst() }
        return (stem.isEmpty ? "ecs" : stem) + "-" + suffix
    }

    var commands: [String] {
        var commands: [String] = []
        if case .newLoadBalancer(let balancer) = routing {
            let groups = balancer.securityGroupIds.isEmpty ? "" : " --security-groups \(balancer.securityGroupIds.map(ShellWord.quoted).joined(separator: " "))"
            let subnets = balancer.subnetIds.isEmpty ? "<subnet-id> <subnet-id>" : balancer.subnetIds.map(ShellWord.quoted).joined(separator: " ")
            commands.append("lb=$(aws elbv2 create-load-balancer --name \(balancer.name) --type \(balancer.type) "
                            + "--scheme \(balancer.isInternal ? "internal" : "internet-facing") --subnets \(subnets)\(groups) "
                            + "--query 'LoadBalancers[0].LoadBalancerArn' --output text)")
        }
        commands.append(createCommand)
        switch routing {
        case .listeners(let listeners):
            commands += listeners.map { "aws elbv2 modify-listener --listener-arn \($0.listenerArn) --default-actions \"Type=forward,TargetGroupArn=$tg\"" }
        case .listenerRules(let listenerArns, let old):
            for (index, listener) in listenerArns.enumerated() {
                let variable = listenerArns.count == 1 ? "rule" : "rule\(index + 1)"
                commands.append("\(variable)=$(aws elbv2 describe-rules --listener-arn \(listener) "
                                + "--query \"Rules[?Actions[?TargetGroupArn=='\(old)']].RuleArn | [0]\" --output text)")
                commands.append("[ \"$\(variable)\" = None ] || "
                                + "aws elbv2 modify-rule --rule-arn \"$\(variable)\" --actions \"Type=forward,TargetGroupArn=$tg\"")
            }
        case .newLoadBalancer(let balancer):
            commands += balancer.listeners.map { listener in
                let certificate = listener.certificateArn.map { " --certificates CertificateArn=\($0)" }
                    ?? (["HTTPS", "TLS"].contains(listener.protocolName) ? " --certificates CertificateArn=<certificate-arn>" : "")
                return "aws elbv2 create-listener --load-balancer-arn \"$lb\" --protocol \(listener.protocolName) --port \(listener.port)\(certificate) "
                    + "--default-actions \"Type=forward,TargetGroupArn=$tg\""
            }
        case .unknown:
            commands.append("aws elbv2 modify-listener --listener-arn <listener-arn> --default-actions \"Type=forward,TargetGroupArn=$tg\"")
        }
        if let service {
            commands.append("aws ecs update-service --cluster \(service.cluster) --service \(service.service) --load-balancers "
                            + "\"targetGroupArn=$tg,containerName=\(service.container ?? "<container>"),containerPort=\(portText(service.containerPort))\"")
        }
        return commands
    }

    /// `tg=$(aws elbv2 create-target-group ...)` with the old group's health check.
    private var createCommand: String {
        var options = ["--name \(name)", "--target-type \(targetType)", "--protocol \(protocolName)", "--port \(portText(port))",
                       "--vpc-id \(vpcId ?? "<vpc-id>")"]
        if let check = healthCheck.protocolName { options.append("--health-check-protocol \(check)") }
        if let checkPort = healthCheck.port { options.append("--health-check-port \(ShellWord.quoted(checkPort))") }
        if isHTTPCheck {
            if let path = healthCheck.path { options.append("--health-check-path \(ShellWord.quoted(path))") }
            if let matcher = healthCheck.matcher { options.append("--matcher '{\"HttpCode\": \"\(matcher)\"}'") }
        }
        return "tg=$(aws elbv2 create-target-group \(options.joined(separator: " ")) --query 'TargetGroups[0].TargetGroupArn' --output text)"
    }

    private var isHTTPCheck: Bool {
        ["HTTP", "HTTPS"].contains((healthCheck.protocolName ?? protocolName).uppercased())
    }

    private func portText(_ port: Int?) -> String { port.map(String.init) ?? "<container-port>" }

    /// What would fill the placeholders the commands hold.
    var missingEvidence: [MissingEvidence] {
        guard case .unknown(let balancer, let old) = routing else { return [] }
        if let balancer {
            return [MissingEvidence(why: "the listener that should forward to the new target group",
                                    command: "aws elbv2 describe-listeners --load-balancer-arn \(balancer)")]
        }
        guard let old else { return [] }
        return [MissingEvidence(why: "the load balancer, and then its listeners, that forward to \(ARN.targetGroupName(old))",
                                command: "aws elbv2 describe-target-groups --target-group-arns \(old) --query 'TargetGroups[0].LoadBalancerArns'")]
    }

    var terraform: String {
        let label = TerraformName.label(name)
        var blocks: [String] = []
        var balancerReference: String?
        if case .newLoadBalancer(let balancer) = routing {
            let subnets = balancer.subnetIds.isEmpty ? "var.subnet_ids" : "[" + balancer.subnetIds.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
            let groups = balancer.securityGroupIds.isEmpty ? ""
                : "\n  security_groups    = [" + balancer.securityGroupIds.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
            blocks.append("""
            resource "aws_lb" "\(TerraformName.label(balancer.name))" {
              name               = "\(balancer.name)"
              load_balancer_type = "\(balancer.type)"
              internal           = \(balancer.isInternal)
              subnets            = \(subnets)\(groups)
            }
            """)
            balancerReference = "aws_lb.\(TerraformName.label(balancer.name)).arn"
        }
        var check: [String] = []
        if let path = healthCheck.path, isHTTPCheck { check.append("path     = \"\(TerraformText.escaped(path))\"") }
        if let matcher = healthCheck.matcher, isHTTPCheck { check.append("matcher  = \"\(matcher)\"") }
        if let protocolName = healthCheck.protocolName { check.append("protocol = \"\(protocolName)\"") }
        if let checkPort = healthCheck.port { check.append("port     = \"\(checkPort)\"") }
        blocks.append("""
        resource "aws_lb_target_group" "\(label)" {
          name        = "\(name)"
          target_type = "\(targetType)"
          protocol    = "\(protocolName)"
          port        = \(port.map(String.init) ?? "var.container_port")
          vpc_id      = \(vpcId.map { "\"\($0)\"" } ?? "var.vpc_id")
        \(check.isEmpty ? "" : "  health_check {\n" + check.map { "    " + $0 }.joined(separator: "\n") + "\n  }\n")}
        """)
        switch routing {
        case .listeners(let listeners):
            for (index, listener) in listeners.enumerated() {
                blocks.append(listenerBlock(label: listeners.count == 1 ? label : "\(label)_\(index + 1)",
                                            balancer: listener.loadBalancerArn.map { "\"\($0)\"" } ?? "var.load_balancer_arn",
                                            port: listener.port, protocolName: listener.protocolName, certificateArn: nil, group: label))
            }
        case .newLoadBalancer(let balancer):
            for (index, listener) in balancer.listeners.enumerated() {
                let certificate = listener.certificateArn ?? (["HTTPS", "TLS"].contains(listener.protocolName) ? "var.certificate_arn" : nil)
                blocks.append(listenerBlock(label: balancer.listeners.count == 1 ? label : "\(label)_\(index + 1)",
                                            balancer: balancerReference ?? "var.load_balancer_arn",
                                            port: listener.port, protocolName: listener.protocolName, certificateArn: certificate, group: label))
            }
        case .listenerRules, .unknown:
            break
        }
        if let service {
            blocks.append(ServiceTerraform.resource(service: service.service, cluster: service.cluster, [
                "load_balancer {",
                "  target_group_arn = aws_lb_target_group.\(label).arn",
                "  container_name   = \"\(service.container ?? "app")\"",
                "  container_port   = \(service.containerPort.map(String.init) ?? "var.container_port")",
                "}",
            ]))
        }
        return blocks.joined(separator: "\n")
    }

    private func listenerBlock(label: String, balancer: String, port: Int?, protocolName: String?, certificateArn: String?, group: String) -> String {
        var lines = ["load_balancer_arn = \(balancer)"]
        if let port { lines.append("port              = \(port)") }
        if let protocolName { lines.append("protocol          = \"\(protocolName)\"") }
        if let certificateArn { lines.append("certificate_arn   = \(certificateArn.hasPrefix("var.") ? certificateArn : "\"\(certificateArn)\"")") }
        return """
        resource "aws_lb_listener" "\(label)" {
        \(lines.map { "  " + $0 }.joined(separator: "\n"))
          default_action {
            type             = "forward"
            target_group_arn = aws_lb_target_group.\(group).arn
          }
        }
        """
    }
}

/// Text placed inside Terraform string literals.
enum TerraformText {
    /// `"` and `\` escaped, `${` and `%{` kept literal.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{")
    }
}
