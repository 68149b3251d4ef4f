"""The CDK twin of private-partial-endpoints: a Fargate service in isolated
subnets with ECR interface endpoints whose private DNS is off, an endpoint
security group that admits HTTP rather than HTTPS, an S3 gateway endpoint on
the public subnets only, no logs or ssm endpoint, and a task security group with
all outbound traffic disallowed. Synthesized with `python3 app.py` (aws-cdk-lib
from PyPI; no CDK CLI), into ./cdk.out or $CDK_OUTDIR."""
import os

# No construct creation stacks in the metadata: they name jsii's temporary
# directories. Read by the node process jsii starts on import.
os.environ["CDK_DISABLE_STACK_TRACE"] = "1"

import aws_cdk as cdk  # noqa: E402
from aws_cdk import aws_ec2 as ec2  # noqa: E402
from aws_cdk import aws_ecr as ecr  # noqa: E402
from aws_cdk import aws_ecs as ecs  # noqa: E402
from aws_cdk import aws_logs as logs  # noqa: E402
from aws_cdk import aws_ssm as ssm  # noqa: E402


class OrdersStack(cdk.Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)

        vpc = ec2.Vpc(
            self, "Vpc",
            ip_addresses=ec2.IpAddresses.cidr("10.30.0.0/16"),
            max_azs=2,
            nat_gateways=0,
            subnet_configuration=[
                ec2.SubnetConfiguration(name="Public", subnet_type=ec2.SubnetType.PUBLIC, cidr_mask=24),
                ec2.SubnetConfiguration(name="Isolated", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED, cidr_mask=24),
            ],
        )
        vpc.add_gateway_endpoint(
            "S3", service=ec2.GatewayVpcEndpointAwsService.S3,
            subnets=[ec2.SubnetSelection(subnet_type=ec2.SubnetType.PUBLIC)],
        )

        endpoint_group = ec2.SecurityGroup(self, "EndpointSecurityGroup", vpc=vpc, allow_all_outbound=False)
        endpoint_group.add_ingress_rule(ec2.Peer.ipv4(vpc.vpc_cidr_block), ec2.Port.tcp(80))
        for name, service in (("EcrApi", ec2.InterfaceVpcEndpointAwsService.ECR), ("EcrDkr", ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER)):
            vpc.add_interface_endpoint(
                name, service=service, private_dns_enabled=False, open=False,
                security_groups=[endpoint_group],
                subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
            )

        repository = ecr.Repository(self, "Repository", repository_name="orders")
        log_group = logs.LogGroup(self, "Logs", log_group_name="/ecs/orders", retention=logs.RetentionDays.ONE_MONTH)
        database_url = ssm.StringParameter(self, "DatabaseUrl", parameter_name="/orders/db-url",
                                           string_value="postgres://orders@db.internal:5432/orders")

        cluster = ecs.Cluster(self, "Cluster", vpc=vpc, cluster_name="orders")
        definition = ecs.FargateTaskDefinition(self, "TaskDefinition", family="orders", cpu=512, memory_limit_mib=1024)
        definition.add_container(
            "orders",
            image=ecs.ContainerImage.from_ecr_repository(repository, tag="1.4.2"),
            port_mappings=[ecs.PortMapping(container_port=8080)],
            secrets={"DATABASE_URL": ecs.Secret.from_ssm_parameter(database_url)},
            logging=ecs.LogDrivers.aws_logs(stream_prefix="orders", log_group=log_group),
        )

        task_group = ec2.SecurityGroup(self, "TaskSecurityGroup", vpc=vpc, allow_all_outbound=False)
        task_group.add_ingress_rule(ec2.Peer.ipv4(vpc.vpc_cidr_block), ec2.Port.tcp(8080))
        ecs.FargateService(
            self, "Service", cluster=cluster, task_definition=definition, service_name="orders", desired_count=2,
            security_groups=[task_group], min_healthy_percent=100,
            circuit_breaker=ecs.DeploymentCircuitBreaker(rollback=True),
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
        )


# The CDK CLI asks for construct paths in the template (`Metadata."aws:cdk:path"`);
# a bare app.synth() must ask itself.
app = cdk.App(outdir=os.environ.get("CDK_OUTDIR", "cdk.out"), context={"aws:cdk:enable-path-metadata": True})
OrdersStack(app, "Orders", env=cdk.Environment(account="111122223333", region="eu-west-1"))
app.synth()
