/// A change to an existing target group's health check (path, port or
/// matcher), as `modify-target-group` and the Terraform resource carrying the
/// change: every rule that corrects a health check builds its fix here.
struct TargetGroupHealthCheckChange {
    var group: TargetGroup
    var path: String?
    /// `traffic-port` or a number.
    var port: String?
    /// `Matcher.HttpCode`, e.g. `200,302`.
    var matcher: String?

    /// `200,302` as the CLI needs it: the JSON form, since the shorthand
    /// `HttpCode=200,302` parses the comma as a list and is refused.
    static func matcherArgument(_ codes: String) -> String {
        "'{\"HttpCode\": \"\(codes.filter { $0.isNumber || $0 == "," || $0 == "-" })\"}'"
    }

    var command: String {
        var options = ["--target-group-arn \(group.targetGroupArn)"]
        if let path { options.append("--health-check-path \(ShellWord.quoted(path))") }
        if let port { options.append("--health-check-port \(ShellWord.quoted(port))") }
        if let matcher { options.append("--matcher \(Self.matcherArgument(matcher))") }
        return "aws elbv2 modify-target-group " + options.joined(separator: " ")
    }

    /// The whole `aws_lb_target_group`, its identity as the snapshot has it and the health check changed.
    var terraform: String {
        var identity = ["name        = \"\(group.name)\"", "target_type = \"\(group.effectiveTargetType)\""]
        if let port = group.port { identity.append("port        = \(port)") }
        if let protocolName = group.protocolName { identity.append("protocol    = \"\(protocolName)\"") }
        if let vpcId = group.vpcId { identity.append("vpc_id      = \"\(vpcId)\"") }
        var check: [String] = []
        if let path = path ?? group.healthCheckPath { check.append("path    = \"\(TerraformText.escaped(path))\"") }
        if let port = port ?? group.healthCheckPort { check.append("port    = \"\(TerraformText.escaped(port))\"") }
        if let matcher = matcher ?? group.matcherHttpCode { check.append("matcher = \"\(TerraformText.escaped(matcher))\"") }
        return """
        resource "aws_lb_target_group" "\(TerraformName.label(group.name))" {
        \(identity.map { "  " + $0 }.joined(separator: "\n"))
          health_check {
        \(check.map { "    " + $0 }.joined(separator: "\n"))
          }
        }
        """
    }
}
