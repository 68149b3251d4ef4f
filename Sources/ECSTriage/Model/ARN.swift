/// Small, total helpers over ARN strings; nothing here validates an ARN.
public enum ARN {
    /// `web` for `arn:aws:ecs:...:service/cluster/web`; the string itself when it has no `/` or `:`.
    public static func lastComponent(_ arn: String) -> String {
        if let slash = arn.lastIndex(of: "/") { return String(arn[arn.index(after: slash)...]) }
        if arn.hasPrefix("arn:"), let colon = arn.lastIndex(of: ":") { return String(arn[arn.index(after: colon)...]) }
        return arn
    }

    /// The `index`-th colon-separated field (0 = `arn`, 3 = region, 4 = account).
    public static func field(_ arn: String, _ index: Int) -> String? {
        guard arn.hasPrefix("arn:") else { return nil }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard index < parts.count, !parts[index].isEmpty else { return nil }
        return String(parts[index])
    }

    public static func region(_ arn: String) -> String? { field(arn, 3) }
    public static func account(_ arn: String) -> String? { field(arn, 4) }

    /// `my-tg` for `arn:aws:elasticloadbalancing:...:targetgroup/my-tg/0123abcd`.
    public static func targetGroupName(_ arn: String) -> String {
        let parts = arn.split(separator: "/")
        if let marker = parts.firstIndex(where: { $0.hasSuffix("targetgroup") }), marker + 1 < parts.count {
            return String(parts[marker + 1])
        }
        return lastComponent(arn)
    }

    /// The role name of `arn:aws:iam::123:role/path/name`.
    public static func roleName(_ arn: String) -> String { lastComponent(arn) }

    /// The cluster name from a cluster ARN or a plain name.
    public static func clusterName(_ arnOrName: String) -> String { lastComponent(arnOrName) }
}

/// Names of AWS service endpoints as VPC endpoints spell them
/// (`com.amazonaws.<region>.<name>`).
public enum AWSEndpointName {
    public static func shortName(ofServiceName serviceName: String) -> String {
        // com.amazonaws.us-east-1.ecr.api -> ecr.api ; com.amazonaws.s3-global.accesspoint kept whole.
        let parts = serviceName.split(separator: ".")
        guard parts.count >= 4, parts[0] == "com", parts[1] == "amazonaws" else { return serviceName }
        return parts.dropFirst(3).joined(separator: ".")
    }

    public static func serviceName(_ shortName: String, region: String) -> String {
        "com.amazonaws.\(region).\(shortName)"
    }

    /// How a person names the service in prose.
    public static func displayName(_ shortName: String) -> String {
        switch shortName {
        case "ecr.api": return "ECR API"
        case "ecr.dkr": return "ECR DKR"
        case "s3": return "S3"
        case "logs": return "CloudWatch Logs"
        case "secretsmanager": return "Secrets Manager"
        case "ssm": return "SSM Parameter Store"
        case "kms": return "KMS"
        case "ssmmessages": return "SSM Messages (ECS Exec)"
        case "elasticfilesystem": return "EFS"
        case "ecs": return "ECS"
        case "ecs-agent": return "ECS agent"
        case "ecs-telemetry": return "ECS telemetry"
        case "sts": return "STS"
        default: return shortName
        }
    }
}
