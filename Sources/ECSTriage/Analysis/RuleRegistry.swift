/// Every rule, in one list sorted by id. Cause rules run before symptom rules
/// (see `Analyzer`); within a kind the order does not affect the result.
public enum RuleRegistry {
    public static let all: [any Rule.Type] = [
        AWSServiceUnreachableRule.self,
        AwsvpcHostPortMismatchRule.self,
        AwsvpcNetworkConfigurationMissingRule.self,
        ClassicLbOnFargateRule.self,
        ContainerMemoryExceedsTaskRule.self,
        DaemonOnFargateRule.self,
        ECSServiceRoleRule.self,
        ExecutionRoleCannotPullImageRule.self,
        ExecutionRoleCannotReadSecretsRule.self,
        ExecutionRoleCannotWriteLogsRule.self,
        ExecutionRoleTrustRule.self,
        FargateInvalidCpuMemoryRule.self,
        FargateRequiresAwsvpcRule.self,
        HealthCheckGracePeriodTooShortRule.self,
        HealthCheckMatcherMismatchRule.self,
        HealthCheckPathMismatchRule.self,
        HealthCheckPortMismatchRule.self,
        IAMAccessDeniedRule.self,
        ImagePullFailedRule.self,
        LaunchTypeIncompatibleRule.self,
        LbSgBlocksTaskPortRule.self,
        MemoryNotSpecifiedRule.self,
        MissingVpcEndpointRule.self,
        NatGatewayUnusableRule.self,
        NoEssentialContainerRule.self,
        PublicIpWithoutIgwRule.self,
        PublicSubnetWithoutPublicIpRule.self,
        S3GatewayEndpointNotAssociatedRule.self,
        TargetAzNotEnabledRule.self,
        TargetGroupNotFoundRule.self,
        TargetGroupWithoutLoadBalancerRule.self,
        TargetHealthFailingRule.self,
        TargetTypeMismatchRule.self,
        TaskRoleTrustRule.self,
    ]

    /// Every rule's description, in registry order.
    public static var descriptions: [RuleDescription] {
        all.map { (rule: any Rule.Type) -> RuleDescription in rule.description }
    }

    public static func rule(_ id: String) -> (any Rule.Type)? {
        all.first { $0.description.id == id }
    }
}
