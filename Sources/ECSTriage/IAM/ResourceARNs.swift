/// The ARNs IAM checks when ECS reads what a task definition references:
/// ECR repositories, log streams, secrets, parameters, keys, S3 objects.
public enum ResourceARNs {
    /// `aws`, `aws-cn` or `aws-us-gov` for a region.
    public static func partition(_ region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    public struct ECRImage: Sendable, Equatable {
        public var account: String
        public var region: String
        public var repository: String
        public var repositoryArn: String
    }

    /// The private ECR repository of an image URI
    /// (`<account>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag|@digest]`), or nil for any other registry.
    public static func ecrImage(_ image: String) -> ECRImage? {
        guard let slash = image.firstIndex(of: "/") else { return nil }
        let host = image[..<slash].lowercased()
        let labels = host.split(separator: ".").map(String.init)
        guard labels.count >= 6, labels[1] == "dkr", labels[2].hasPrefix("ecr"), labels[0].count == 12,
              labels[0].allSatisfy(\.isNumber) else { return nil }
        let account = labels[0], region = labels[3]
        var path = String(image[image.index(after: slash)...])
        if let at = path.firstIndex(of: "@") { path = String(path[..<at]) }
        if let colon = path.lastIndex(of: ":"), !path[colon...].contains("/") { path = String(path[..<colon]) }
        guard !path.isEmpty else { return nil }
        return ECRImage(account: account, region: region, repository: path,
                        repositoryArn: "arn:\(partition(region)):ecr:\(region):\(account):repository/\(path)")
    }

    /// The log stream awslogs creates: `<prefix>/<container>/<task-id>`, the
    /// task id unknown before the task starts; without a prefix (EC2) the
    /// stream is named after the container id.
    public static func logStream(group: String, region: String, account: String, streamPrefix: String?, container: String) -> RequestValue {
        let base = "arn:\(partition(region)):logs:\(region):\(account):log-group:\(group):log-stream:"
        return .prefix(streamPrefix.map { base + "\($0)/\(container)/" } ?? base)
    }

    /// The log group `logs:CreateLogGroup` is checked on, as the Service
    /// Authorization Reference documents its resource type `log-group`
    /// (`arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}`,
    /// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html).
    public static func logGroup(group: String, region: String, account: String) -> RequestValue {
        .exact("arn:\(partition(region)):logs:\(region):\(account):log-group:\(group)")
    }

    /// The same call as the agent's AccessDenied messages print its resource
    /// (`... logs:CreateLogGroup on resource: arn:aws:logs:...:log-group:/ecs/x:log-stream:`,
    /// terraform-aws-modules/terraform-aws-ecs#145 in shared/corpus/failure-messages.jsonl):
    /// a policy on the bare group ARN does not match that form, `log-group:/ecs/x:*` does.
    public static func logGroupAsReported(group: String, region: String, account: String) -> RequestValue {
        .exact("arn:\(partition(region)):logs:\(region):\(account):log-group:\(group):log-stream:")
    }

    /// What a policy grants for a log group and its streams: the group's ARN
    /// with a trailing `:*` (the form CloudWatch Logs' `LogGroup.arn` gives
    /// for IAM policies, https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html).
    public static func logGroupGrant(group: String, region: String, account: String) -> String {
        "arn:\(partition(region)):logs:\(region):\(account):log-group:\(group):*"
    }

    /// The log group an ARN of a group or stream names, as `logGroupGrant` writes it.
    public static func logGroupGrant(covering arn: String) -> String? {
        guard ARN.field(arn, 2) == "logs", let marker = arn.range(of: ":log-group:") else { return nil }
        var group = String(arn[marker.upperBound...])
        if let stream = group.range(of: ":log-stream:") { group = String(group[..<stream.lowerBound]) }
        if group.hasSuffix(":*") { group = String(group.dropLast(2)) }
        guard !group.isEmpty else { return nil }
        return String(arn[..<marker.upperBound]) + group + ":*"
    }

    /// A Secrets Manager `valueFrom` without the ECS suffix
    /// `:<json-key>:<version-stage>:<version-id>`.
    public static func secretArn(_ valueFrom: String) -> String? {
        guard valueFrom.hasPrefix("arn:"), valueFrom.split(separator: ":", omittingEmptySubsequences: false).count >= 7,
              ARN.field(valueFrom, 2) == "secretsmanager" else { return nil }
        return valueFrom.split(separator: ":", omittingEmptySubsequences: false).prefix(7).joined(separator: ":")
    }

    /// Whether a secret ARN ends with the six random characters Secrets
    /// Manager appends (`-AbCdEf`): a complete ARN, not a partial one.
    public static func isCompleteSecretArn(_ arn: String) -> Bool {
        let name = arn.split(separator: ":", omittingEmptySubsequences: false).last ?? ""
        guard name.count > 7 else { return false }
        let suffix = name.suffix(7)
        return suffix.first == "-" && suffix.dropFirst().allSatisfy { $0.isLetter || $0.isNumber }
    }

    /// What a policy grants for a secret a task definition references: a
    /// partial ARN (no `-AbCdEf` suffix) matches the real ARN only with the
    /// six random characters as wildcards, `name-??????`
    /// (https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html).
    public static func secretGrant(_ arn: String) -> String {
        isCompleteSecretArn(arn) ? arn : arn + "-??????"
    }

    /// An SSM parameter ARN from a `valueFrom` that is an ARN or a name in the task's region.
    public static func parameterArn(_ valueFrom: String, region: String, account: String) -> String {
        if valueFrom.hasPrefix("arn:") { return valueFrom }
        let name = valueFrom.hasPrefix("/") ? valueFrom : "/" + valueFrom
        return "arn:\(partition(region)):ssm:\(region):\(account):parameter\(name)"
    }

    /// The key `kms:Decrypt` is checked on: a key ARN, a key id in the
    /// region, or only `key/*` when the snapshot names the key by alias.
    public static func kmsKey(_ keyId: String, region: String, account: String) -> RequestValue {
        if keyId.hasPrefix("arn:"), keyId.contains(":key/") { return .exact(keyId) }
        if keyId.hasPrefix("arn:") || keyId.hasPrefix("alias/") {
            let keyRegion = ARN.region(keyId) ?? region, keyAccount = ARN.account(keyId) ?? account
            return .prefix("arn:\(partition(keyRegion)):kms:\(keyRegion):\(keyAccount):key/")
        }
        return .exact("arn:\(partition(region)):kms:\(region):\(account):key/\(keyId)")
    }

    /// Whether a secret's `KmsKeyId` is the AWS managed `aws/secretsmanager`
    /// key (or absent), which needs no `kms:Decrypt` in the role's policy.
    public static func isAWSManagedKey(_ keyId: String?) -> Bool {
        guard let keyId else { return true }
        return keyId.hasSuffix("alias/aws/secretsmanager")
    }

    public struct S3Object: Sendable, Equatable {
        public var bucket: String
        public var objectArn: String
        public var bucketArn: String
    }

    /// `arn:aws:s3:::bucket/key` → the object and bucket ARNs.
    public static func s3Object(_ arn: String) -> S3Object? {
        guard arn.hasPrefix("arn:"), ARN.field(arn, 2) == "s3" else { return nil }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, let slash = parts[5].firstIndex(of: "/") else { return nil }
        let bucket = String(parts[5][..<slash])
        let prefix = parts.prefix(5).joined(separator: ":") + ":"
        return S3Object(bucket: bucket, objectArn: arn, bucketArn: prefix + bucket)
    }
}
