/// Every rule, in one list sorted by id. Cause rules run before symptom rules
/// (see `Analyzer`); within a kind the order does not affect the result.
public enum RuleRegistry {
    public static let all: [any Rule.Type] = [
        APIThrottledRule.self,
        AWSServiceUnreachableRule.self,
        ContainerCommandNotFoundRule.self,
        ContainerExitedRule.self,
        ContainerHealthCheckFailingRule.self,
        ContainerOutOfMemoryRule.self,
        ContainerRuntimeUnresponsiveRule.self,
        DeploymentConfigurationBlocksRule.self,
        DeploymentFailingRule.self,
        ECSExecNotReadyRule.self,
        ECSServiceRoleRule.self,
        ENILimitReachedRule.self,
        ENIProvisioningFailedRule.self,
        EphemeralStorageExhaustedRule.self,
        ExecutionRoleCannotPullImageRule.self,
        ExecutionRoleCannotReadEnvFileRule.self,
        ExecutionRoleCannotReadSecretsRule.self,
        ExecutionRoleCannotWriteLogsRule.self,
        ExecutionRoleMissingRule.self,
        ExecutionRoleTrustRule.self,
        FargateQuotaOrCapacityRule.self,
        FargateUnsupportedAZRule.self,
        HealthCheckPathMismatchRule.self,
        HostPortConflictRule.self,
        IAMAccessDeniedRule.self,
        ImageNotFoundRule.self,
        ImagePlatformMismatchRule.self,
        ImagePullFailedRule.self,
        InstanceRolePermissionsRule.self,
        InsufficientClusterResourcesRule.self,
        LogGroupMissingRule.self,
        MissingInstanceAttributeRule.self,
        MissingVpcEndpointRule.self,
        MutableTagNotRedeployedRule.self,
        NatGatewayUnusableRule.self,
        NoContainerInstancesRule.self,
        PrivateRegistryAuthRule.self,
        PublicIpWithoutIgwRule.self,
        PublicSubnetWithoutPublicIpRule.self,
        RegistryRateLimitedRule.self,
        RegistryUnavailableRule.self,
        S3GatewayEndpointNotAssociatedRule.self,
        SecretNotFoundRule.self,
        ServiceScaledAboveZeroRule.self,
        SpotInterruptionRule.self,
        TargetGroupNotFoundRule.self,
        TargetHealthFailingRule.self,
        TargetTypeMismatchRule.self,
        TaskProtectionBlocksScaleInRule.self,
        TaskRetirementRule.self,
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
