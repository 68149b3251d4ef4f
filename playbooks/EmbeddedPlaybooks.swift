// The playbooks compiled into the binary, by rule id. SwiftPM generates one
// `PackageResources.<file>_md` array per Markdown file listed in
// Package.swift; a test checks that this table names every file in this
// folder and that each entry equals its file.

public let embeddedPlaybooks: [String: [UInt8]] = [
    "aws-service-unreachable": PackageResources.aws_service_unreachable_md,
    "classic-lb-on-fargate": PackageResources.classic_lb_on_fargate_md,
    "ecs-service-role-or-slr": PackageResources.ecs_service_role_or_slr_md,
    "execution-role-cannot-pull-image": PackageResources.execution_role_cannot_pull_image_md,
    "execution-role-cannot-read-secrets": PackageResources.execution_role_cannot_read_secrets_md,
    "execution-role-cannot-write-logs": PackageResources.execution_role_cannot_write_logs_md,
    "execution-role-trust": PackageResources.execution_role_trust_md,
    "health-check-grace-period-too-short": PackageResources.health_check_grace_period_too_short_md,
    "health-check-matcher-mismatch": PackageResources.health_check_matcher_mismatch_md,
    "health-check-path-mismatch": PackageResources.health_check_path_mismatch_md,
    "health-check-port-mismatch": PackageResources.health_check_port_mismatch_md,
    "iam-access-denied": PackageResources.iam_access_denied_md,
    "image-pull-failed": PackageResources.image_pull_failed_md,
    "lb-sg-blocks-task-port": PackageResources.lb_sg_blocks_task_port_md,
    "missing-vpc-endpoint": PackageResources.missing_vpc_endpoint_md,
    "nat-gateway-unusable": PackageResources.nat_gateway_unusable_md,
    "public-ip-without-igw": PackageResources.public_ip_without_igw_md,
    "public-subnet-without-public-ip": PackageResources.public_subnet_without_public_ip_md,
    "s3-gateway-endpoint-not-associated": PackageResources.s3_gateway_endpoint_not_associated_md,
    "target-az-not-enabled": PackageResources.target_az_not_enabled_md,
    "target-group-not-found": PackageResources.target_group_not_found_md,
    "target-group-without-load-balancer": PackageResources.target_group_without_load_balancer_md,
    "target-health-failing": PackageResources.target_health_failing_md,
    "target-type-mismatch": PackageResources.target_type_mismatch_md,
    "task-role-trust": PackageResources.task_role_trust_md,
]
