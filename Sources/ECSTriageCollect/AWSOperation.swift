import ECSTriage

/// Every AWS operation `collect` may call, in one table: all read-only
/// (describe, list, get). An `AWSCall` can only be made of one of these; the
/// native client's model is generated from this table
/// (scripts/generate-aws-shapes), and `NativeClientTests` and `CollectTests`
/// fail if any other operation reaches the wire or the `aws` CLI.
///
/// Secrets and parameters are only described (`describe-secret`,
/// `describe-parameters`): their values are never read. Log events are read
/// (the last lines of stopped tasks' containers), never with `unmask`.
public enum AWSOperation: String, CaseIterable, Sendable {
    case stsGetCallerIdentity = "sts get-caller-identity"

    case ecsDescribeClusters = "ecs describe-clusters"
    case ecsListServices = "ecs list-services"
    case ecsDescribeServices = "ecs describe-services"
    case ecsListTasks = "ecs list-tasks"
    case ecsDescribeTasks = "ecs describe-tasks"
    case ecsDescribeTaskDefinition = "ecs describe-task-definition"
    case ecsListContainerInstances = "ecs list-container-instances"
    case ecsDescribeContainerInstances = "ecs describe-container-instances"
    case ecsListAccountSettings = "ecs list-account-settings"

    case ec2DescribeInstances = "ec2 describe-instances"
    case ec2DescribeSubnets = "ec2 describe-subnets"
    case ec2DescribeVpcs = "ec2 describe-vpcs"
    case ec2DescribeVpcAttribute = "ec2 describe-vpc-attribute"
    case ec2DescribeRouteTables = "ec2 describe-route-tables"
    case ec2DescribeInternetGateways = "ec2 describe-internet-gateways"
    case ec2DescribeNatGateways = "ec2 describe-nat-gateways"
    case ec2DescribeVpcEndpoints = "ec2 describe-vpc-endpoints"
    case ec2DescribePrefixLists = "ec2 describe-prefix-lists"
    case ec2DescribeSecurityGroups = "ec2 describe-security-groups"
    case ec2DescribeNetworkAcls = "ec2 describe-network-acls"
    case ec2DescribeNetworkInterfaces = "ec2 describe-network-interfaces"

    case elbv2DescribeTargetGroups = "elbv2 describe-target-groups"
    case elbv2DescribeTargetHealth = "elbv2 describe-target-health"
    case elbv2DescribeTargetGroupAttributes = "elbv2 describe-target-group-attributes"
    case elbv2DescribeLoadBalancers = "elbv2 describe-load-balancers"
    case elbv2DescribeListeners = "elbv2 describe-listeners"
    case elbDescribeLoadBalancers = "elb describe-load-balancers"

    case iamGetRole = "iam get-role"
    case iamListRolePolicies = "iam list-role-policies"
    case iamGetRolePolicy = "iam get-role-policy"
    case iamListAttachedRolePolicies = "iam list-attached-role-policies"
    case iamGetPolicy = "iam get-policy"
    case iamGetPolicyVersion = "iam get-policy-version"

    case logsDescribeLogGroups = "logs describe-log-groups"
    /// The last lines of one stopped task's container stream (`--no-start-from-head --limit N`).
    case logsGetLogEvents = "logs get-log-events"
    case secretsManagerDescribeSecret = "secretsmanager describe-secret"
    case ssmDescribeParameters = "ssm describe-parameters"
    case ecrDescribeRepositories = "ecr describe-repositories"
    case ecrDescribeImages = "ecr describe-images"
    case efsDescribeMountTargets = "efs describe-mount-targets"
    /// Services' CPU and memory and target groups' 5XX and unhealthy hosts over the failure window: one batched call.
    case cloudwatchGetMetricData = "cloudwatch get-metric-data"

    /// The `aws` CLI's service command: `ec2`, `elbv2`...
    public var service: String { String(rawValue.split(separator: " ")[0]) }
    /// The operation command: `describe-subnets`...
    public var name: String { String(rawValue.split(separator: " ")[1]) }

    /// The IAM action it needs (docs/collect-iam-policy.json lists them all).
    public var iamAction: String {
        let prefix: String
        switch service {
        case "elbv2", "elb": prefix = "elasticloadbalancing"
        case "efs": prefix = "elasticfilesystem"
        default: prefix = service
        }
        return prefix + ":" + name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The snapshot keys its output fills (each section's key as `collect`
    /// writes it, from the section records): what the snapshot lacks when
    /// the call fails.
    public var keys: [String] {
        SnapshotSection.filled(byOperation: rawValue).compactMap(\.keys.first)
    }

    /// Whether "not found" is itself the answer (the secret, repository,
    /// image or target group does not exist, which a rule reports), rather
    /// than leaving the section unknown.
    public var notFoundIsAnAnswer: Bool {
        switch self {
        case .secretsManagerDescribeSecret, .ecrDescribeRepositories, .ecrDescribeImages, .elbv2DescribeTargetGroups: return true
        default: return false
        }
    }
}
