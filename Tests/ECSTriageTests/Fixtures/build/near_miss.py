#!/usr/bin/env python3
"""Builds the healthy near-miss snapshots of ../near-miss/ (see ../near-miss/README.md).

Each stack is deployed into a loopback moto_server (Terraform or boto3, one region
per stack), collected with `ecs-triage collect`, then corrected to real AWS shapes
(fixturekit.Realify) with its runtime state (running tasks, events, target health).

    AWS_ENDPOINT_URL=http://127.0.0.1:PORT TF_MODULES=/path/to/modules \\
      WORK=/tmp/near-miss python3 near_miss.py [STACK...]

Raw collections are cached in $WORK/raw/<stack>.json: delete one to redeploy it
(on a fresh emulator: the deployments are not idempotent).
TF_MODULES holds vpc/, alb/ and ecs/: terraform-aws-modules' sources at v5.21.0,
v9.17.0 and v5.12.1. TF_CLI_CONFIG_FILE must point the hashicorp/aws provider at a
local mirror (5.100.0).
"""
import json
import os
import sys

from fixturekit import (ACCOUNT, T0, Deployer, Realify, cdk_vpc, client, collect, raw, run_service_tasks, stable, stable_uuid,
                        terraform, write)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.environ.get("NEAR_MISS_OUT", os.path.join(HERE, "..", "near-miss"))
STACKS = {}


def stack(function):
    STACKS[function.__name__.replace("_", "-")] = function
    return function


# --- terraform-aws-modules ---------------------------------------------------

def tam_ecs_fargate_raw():
    """One apply, two collections: the service, and the standalone task run once."""
    def deploy():
        out = terraform("tam-ecs-fargate")
        ecs = client("ecs", "eu-west-1")
        run_service_tasks(ecs, "ex-fargate", "ex-fargate", out["service_td"], out["private_subnets"][:2], [out["service_sg"]])
        standalone = ecs.run_task(cluster="ex-fargate", taskDefinition=out["standalone_td"], launchType="FARGATE", networkConfiguration={
            "awsvpcConfiguration": {"subnets": [out["private_subnets"][0]], "securityGroups": [out["standalone_sg"]], "assignPublicIp": "DISABLED"}})
        return {"service": collect("eu-west-1", "ex-fargate", services=["ex-fargate"]),
                "standalone": collect("eu-west-1", "ex-fargate", tasks=[standalone["tasks"][0]["taskArn"]])}
    return raw("tam-ecs-fargate", deploy)


@stack
def tam_ecs_fargate_alb():
    """terraform-aws-modules ecs examples/fargate: private subnets behind one NAT,
    dedicated network ACLs whose allow-all entries carry Protocol -1 with PortRange 0-0."""
    s = tam_ecs_fargate_raw()["service"]
    r = Realify(s, "eu-west-1")
    r.only_service_tasks(count=1)  # the module's desired_count
    r.network_interfaces()
    r.network_acls(keep_zero_port_range=True)
    r.task_definitions()
    group = s["TargetGroups"][0]
    r.target_group_port(group["TargetGroupArn"], 3000)
    r.service("ex-fargate", extra={"enableExecuteCommand": False})
    for index, task in enumerate(s["tasks"]):
        r.task(task, started=T0 - 3300 + index * 20)
    r.target_health(group["TargetGroupArn"], [(r.task_ip(t), 3000, t["availabilityZone"]) for t in s["tasks"]])
    return r.finish()



@stack
def tam_ecs_fargate_standalone_task():
    """The same example's standalone task definition, run once with run-task (no
    service): its only container, essential, printed `hello world` and exited 0."""
    s = tam_ecs_fargate_raw()["standalone"]
    r = Realify(s, "eu-west-1")
    r.network_interfaces()
    r.network_acls(keep_zero_port_range=True)
    r.task_definitions()
    r.task(s["tasks"][0], status="STOPPED", started=T0 - 900, stopped=T0 - 897,
           containers={"al2023": {"exitCode": 0}}, stopped_reason="Essential container in task exited")
    # The task's ENI is deleted once it stops: describe-network-interfaces no longer lists it.
    s["NetworkInterfaces"] = []
    return r.finish()


@stack
def tam_vpc_nat_per_az():
    """terraform-aws-modules vpc with a NAT gateway per AZ and the module's managed
    defaults: the default network ACL (allow-all entries written by Terraform with
    from_port = to_port = 0, Protocol -1) serves the private subnets, the default
    security group has no rules; a three-task worker service runs there."""
    region = "eu-west-2"
    def deploy():
        out = terraform("tam-vpc-nat-per-az")
        ecs = client("ecs", region)
        run_service_tasks(ecs, "orders", "orders-worker", out["worker_td"], out["private_subnets"], [out["worker_sg"]])
        return collect(region, "orders", services=["orders-worker"])
    s = raw("tam-vpc-nat-per-az", deploy)
    r = Realify(s, region)
    r.only_service_tasks()
    r.network_interfaces()
    r.network_acls(keep_zero_port_range=True)
    r.task_definitions()
    r.service("orders-worker")
    for index, task in enumerate(s["tasks"]):
        r.task(task, started=T0 - 3300 + index * 20)
    return r.finish()


# --- AWS CDK ----------------------------------------------------------------

def cdk_web_service(d, stack, construct, cluster, vpc, subnets, group, target_group, image, exec_statements=(), port=80, count=1):
    """The task definition, roles, log group and service ecs-patterns write for `construct`."""
    suffix = stable(stack, construct, length=12).upper()
    log_group = f"{stack}-{construct}TaskDefwebLogGroup{stable(construct, 'lg', length=8).upper()}-{suffix}"
    log_arn = d.log_group(log_group)
    execution = d.role(f"{stack}-{construct}TaskDefExecutionRole-{suffix}", inline={
        f"{construct}TaskDefExecutionRoleDefaultPolicy": {"Version": "2012-10-17", "Statement": list(exec_statements) + [
            {"Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Effect": "Allow", "Resource": log_arn + ":*"}]}})
    task_role = d.role(f"{stack}-{construct}TaskDefTaskRole-{suffix}")
    definition = d.definition(
        family=f"{stack.replace('-', '')}{construct}TaskDef{stable(construct, 'td', length=8).upper()}",
        networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512", memory="1024",
        executionRoleArn=execution, taskRoleArn=task_role,
        containerDefinitions=[{"name": "web", "image": image, "essential": True,
                               "portMappings": [{"containerPort": port, "hostPort": port, "protocol": "tcp"}],
                               "logConfiguration": {"logDriver": "awslogs", "options": {
                                   "awslogs-group": log_group, "awslogs-stream-prefix": construct, "awslogs-region": d.region}}}])
    name = f"{stack}-{construct}{stable(construct, 'svc', length=8).upper()}-{suffix}"
    load_balancers = [{"targetGroupArn": target_group, "containerName": "web", "containerPort": port}] if target_group else []
    d.service(cluster=cluster, serviceName=name, taskDefinition=definition, desiredCount=count, launchType="FARGATE",
              loadBalancers=load_balancers, healthCheckGracePeriodSeconds=60 if target_group else None,
              deploymentConfiguration={"maximumPercent": 200, "minimumHealthyPercent": 50}, enableECSManagedTags=False,
              networkConfiguration={"awsvpcConfiguration": {"subnets": subnets, "securityGroups": [group], "assignPublicIp": "DISABLED"}}) \
        if target_group else \
        d.service(cluster=cluster, serviceName=name, taskDefinition=definition, desiredCount=count, launchType="FARGATE",
                  deploymentConfiguration={"maximumPercent": 200, "minimumHealthyPercent": 50}, enableECSManagedTags=False,
                  networkConfiguration={"awsvpcConfiguration": {"subnets": subnets, "securityGroups": [group], "assignPublicIp": "DISABLED"}})
    run_service_tasks(d.ecs, cluster, name, definition, subnets[:count], [group])
    return name


def healthy_service(s, region, *, port=None, grace=None, count=None, exec_agent=False, capacity_provider=None, started=T0 - 3300):
    """Realify a one-service collection: running tasks, steady state, healthy targets."""
    r = Realify(s, region)
    r.only_service_tasks(count=count)
    r.network_interfaces()
    r.network_acls()
    r.task_definitions()
    service = s["services"][0]
    r.service(service["serviceName"], grace=grace)
    for index, task in enumerate(s["tasks"]):
        r.task(task, started=started + index * 20, exec_agent=exec_agent, capacity_provider=capacity_provider)
    for attachment in service.get("loadBalancers", []):
        if port:
            r.target_group_port(attachment["targetGroupArn"], port)
        r.target_health(attachment["targetGroupArn"], [(r.task_ip(t), attachment["containerPort"], t["availabilityZone"]) for t in s["tasks"]])
    return r


@stack
def cdk_alb_fargate_service():
    """aws-cdk ecs-patterns ApplicationLoadBalancedFargateService with its defaults
    (integ.l3 snapshot): NAT-backed private subnets, the load balancer's group
    admitted on port 80, egress from the load balancer only to the service's group."""
    stack_name = "aws-ecs-integ-lb-fargate"
    def deploy():
        d = Deployer("us-west-2")
        net = cdk_vpc(d, stack_name)
        cluster = f"{stack_name}-FargateCluster7CCD5F93-{stable(stack_name, 'cluster', length=12)}"
        d.ecs.create_cluster(clusterName=cluster)
        lb_sg = d.security_group(f"{stack_name}-ALBFargateServiceLBSecurityGroup5DC3060E-{stable('lbsg', length=12).upper()}", net["vpc"],
                                 description="Automatically created Security Group for ELB awsecsinteglbfargateALBFargateServiceLBF93E98F2",
                                 ingress=[Deployer.tcp(80, cidr="0.0.0.0/0", description="Allow from anyone on port 80")], egress=[])
        svc_sg = d.security_group(f"{stack_name}-ALBFargateServiceSecurityGroup82F7A67E-{stable('svcsg', length=12).upper()}", net["vpc"],
                                  description=f"{stack_name}/ALBFargateService/Service/SecurityGroup",
                                  default_egress_description="Allow all outbound traffic by default")
        d.ec2.authorize_security_group_ingress(GroupId=svc_sg, IpPermissions=[Deployer.tcp(80, group=lb_sg, description="Load balancer to target")])
        d.ec2.authorize_security_group_egress(GroupId=lb_sg, IpPermissions=[Deployer.tcp(80, group=svc_sg, description="Load balancer to target")])
        lb = d.load_balancer("aws-ec-ALBFa-" + stable("alb", length=12).upper(), net["public"], [lb_sg])
        tg = d.target_group("aws-ec-ALBFa-" + stable("tg", length=12).upper(), net["vpc"], 80)
        d.listener(lb, tg)
        name = cdk_web_service(d, stack_name, "ALBFargateService", cluster, net["vpc"], net["private"], svc_sg, tg, "amazon/amazon-ecs-sample")
        return collect("us-west-2", cluster, services=[name])
    s = raw("cdk-alb-fargate-service", deploy)
    return healthy_service(s, "us-west-2", grace=60).finish()


@stack
def cdk_isolated_fargate_endpoints():
    """aws-cdk ecs-patterns QueueProcessingFargateService in isolated subnets
    (integ.queue-processing-fargate-service-isolated snapshot): no NAT, an S3 gateway
    endpoint on the isolated route tables, interface endpoints for ecr.api, ecr.dkr,
    logs (and sqs) admitting 443 from the VPC CIDR, an image asset in ECR."""
    stack_name = "aws-ecs-patterns-queue-isolated"
    region = "us-east-2"
    def deploy():
        d = Deployer(region)
        azs = [region + "a", region + "b"]
        net = d.vpc(f"{stack_name}/VPC", "10.0.0.0/16", public=[("10.0.0.0/24", azs[0]), ("10.0.1.0/24", azs[1])],
                    isolated=[("10.0.2.0/24", azs[0]), ("10.0.3.0/24", azs[1])], nat=None)
        tables = [net["tables"][s] for s in net["isolated"]]
        d.ec2.create_vpc_endpoint(VpcId=net["vpc"], ServiceName=f"com.amazonaws.{region}.s3", VpcEndpointType="Gateway", RouteTableIds=tables)
        for label, service in (("Sqs", "sqs"), ("Ecr", "ecr.api"), ("EcrImage", "ecr.dkr"), ("CloudWatchLogs", "logs")):
            group = d.security_group(f"{stack_name}-VPC{label}EndpointSecurityGroup-{stable(label, length=12).upper()}", net["vpc"],
                                     description=f"{stack_name}/VPC/{label}Endpoint/SecurityGroup",
                                     ingress=[Deployer.tcp(443, cidr="10.0.0.0/16", description="from 10.0.0.0/16:443")],
                                     default_egress_description="Allow all outbound traffic by default")
            d.ec2.create_vpc_endpoint(VpcId=net["vpc"], ServiceName=f"com.amazonaws.{region}.{service}", VpcEndpointType="Interface",
                                      SubnetIds=net["isolated"], SecurityGroupIds=[group], PrivateDnsEnabled=True)
        task_sg = d.security_group(f"{stack_name}-MyCustomSGDE27C661-{stable('custom', length=12).upper()}", net["vpc"],
                                   description=f"{stack_name}/MyCustomSG", default_egress_description="Allow all outbound traffic by default")
        cluster = f"{stack_name}-EcsDefaultClusterMnL3mNNYNVPC9C1EC7A3-{stable('cluster', length=12)}"
        d.ecs.create_cluster(clusterName=cluster)
        repository = f"cdk-hnb659fds-container-assets-{ACCOUNT}-{region}"
        image = d.image(repository, "95cefedd43575452a70cdeeeceb0f1c5728fd58c9ff8e81e760c3dac33c46417")
        name = cdk_web_service(d, stack_name, "IsolatedQueueService", cluster, net["vpc"], net["isolated"], task_sg, None, image, exec_statements=[
            {"Action": ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Effect": "Allow",
             "Resource": f"arn:aws:ecr:{region}:{ACCOUNT}:repository/{repository}"},
            {"Action": "ecr:GetAuthorizationToken", "Effect": "Allow", "Resource": "*"}])
        return collect(region, cluster, services=[name])
    s = raw("cdk-isolated-fargate-endpoints", deploy)
    return healthy_service(s, region).finish()


@stack
def cdk_nlb_fargate_service():
    """aws-cdk ecs-patterns NetworkLoadBalancedFargateService (integ.l3 snapshot): a
    network load balancer without security groups in the public subnets, TCP target
    group of type ip; the service's group admits port 80 from the VPC CIDR, the rule
    CDK writes for `service.connections.allowFrom(Peer.ipv4(vpc.vpcCidrBlock), Port.tcp(80))`
    (the pattern adds none, and an NLB without security groups reaches targets from
    its nodes' addresses in those subnets)."""
    stack_name = "aws-ecs-integ-lb-fargate"
    region = "ap-southeast-2"
    def deploy():
        d = Deployer(region)
        net = cdk_vpc(d, stack_name)
        cluster = f"{stack_name}-FargateCluster7CCD5F93-{stable(stack_name, 'nlb-cluster', length=12)}"
        d.ecs.create_cluster(clusterName=cluster)
        svc_sg = d.security_group(f"{stack_name}-NLBFargateServiceSecurityGroup9D81388B-{stable('nlbsg', length=12).upper()}", net["vpc"],
                                  description=f"{stack_name}/NLBFargateService/Service/SecurityGroup",
                                  ingress=[Deployer.tcp(80, cidr="10.0.0.0/16", description="from 10.0.0.0/16:80")],
                                  default_egress_description="Allow all outbound traffic by default")
        lb = d.load_balancer("aws-ec-NLBFa-" + stable("nlb", length=12).upper(), net["public"], kind="network")
        tg = d.target_group("aws-ec-NLBFa-" + stable("nlbtg", length=12).upper(), net["vpc"], 80, protocol="TCP", interval=30, healthy=5, unhealthy=2, timeout=10)
        d.listener(lb, tg, protocol="TCP")
        name = cdk_web_service(d, stack_name, "NLBFargateService", cluster, net["vpc"], net["private"], svc_sg, tg, "amazon/amazon-ecs-sample")
        return collect(region, cluster, services=[name])
    s = raw("cdk-nlb-fargate-service", deploy)
    return healthy_service(s, region, grace=60).finish()


# --- the ECS console -----------------------------------------------------------

@stack
def ecs_console_defaults():
    """What the ECS console's create-service form gives with its defaults: the default
    VPC and all its (public) subnets, public IP turned on, a new security group with
    HTTP from Anywhere, and a new application load balancer with an ip target group;
    the load balancer carries the same security group as the tasks (the form's
    Networking section), so the tasks admit port 80 from 0.0.0.0/0, not from a group."""
    region = "ca-central-1"
    def deploy():
        d = Deployer(region)
        vpc, subnets = d.default_vpc()
        subnet_ids = [s["SubnetId"] for s in subnets][:3]
        d.ecs.create_cluster(clusterName="DevCluster")
        group = d.security_group("nginx-web-sg", vpc, description="Created in ECS Console",
                                 ingress=[Deployer.tcp(80, cidr="0.0.0.0/0")])
        lb = d.load_balancer("nginx-web-alb", subnet_ids, [group])
        tg = d.target_group("nginx-web-tg", vpc, 80, interval=30, healthy=5, unhealthy=2, timeout=5)
        d.listener(lb, tg)
        # The console's task definition sets awslogs-create-group; the managed policy lacks
        # logs:CreateLogGroup, which a working setup adds (a console stack without it fails).
        execution = d.role("ecsTaskExecutionRole", managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
                           inline={"CreateLogGroup": {"Version": "2012-10-17", "Statement": [
                               {"Effect": "Allow", "Action": "logs:CreateLogGroup", "Resource": "*"}]}})
        d.log_group("/ecs/nginx-web")
        definition = d.definition(
            family="nginx-web", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="1024", memory="3072",
            executionRoleArn=execution, runtimePlatform={"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"},
            containerDefinitions=[{"name": "nginx", "image": "public.ecr.aws/nginx/nginx:1.27", "cpu": 0, "essential": True,
                                   "portMappings": [{"name": "nginx-80-tcp", "containerPort": 80, "hostPort": 80, "protocol": "tcp", "appProtocol": "http"}],
                                   "environment": [], "environmentFiles": [], "mountPoints": [], "volumesFrom": [], "ulimits": [], "systemControls": [],
                                   "logConfiguration": {"logDriver": "awslogs", "options": {
                                       "awslogs-group": "/ecs/nginx-web", "mode": "non-blocking", "awslogs-create-group": "true",
                                       "max-buffer-size": "25m", "awslogs-region": region, "awslogs-stream-prefix": "ecs"}, "secretOptions": []}}])
        d.service(cluster="DevCluster", serviceName="nginx-web-service", taskDefinition=definition, desiredCount=2,
                  capacityProviderStrategy=[{"capacityProvider": "FARGATE", "weight": 1, "base": 0}], platformVersion="LATEST",
                  loadBalancers=[{"targetGroupArn": tg, "containerName": "nginx", "containerPort": 80}], healthCheckGracePeriodSeconds=0,
                  deploymentConfiguration={"deploymentCircuitBreaker": {"enable": True, "rollback": True}, "maximumPercent": 200, "minimumHealthyPercent": 100},
                  networkConfiguration={"awsvpcConfiguration": {"subnets": subnet_ids, "securityGroups": [group], "assignPublicIp": "ENABLED"}})
        run_service_tasks(d.ecs, "DevCluster", "nginx-web-service", definition, subnet_ids[:2], [group], public="ENABLED")
        return collect(region, "DevCluster", services=["nginx-web-service"])
    s = raw("ecs-console-defaults", deploy)
    r = healthy_service(s, region, grace=0, capacity_provider="FARGATE")
    return r.finish()


# --- AWS Copilot ----------------------------------------------------------------

def copilot_raw():
    """`copilot init` of a Load Balanced Web Service `frontend` in app `shop`, env `prod`
    (templates in aws/copilot-cli internal/pkg/template/templates): public placement,
    the environment security group admitting everything from the public ALB's group
    and from itself, ECS Exec and Service Connect on (the manifest's defaults), and the
    previous deployment (before `exec: true` was added) stopped by the rollout."""
    region = "eu-central-1"
    def deploy():
        d = Deployer(region)
        azs = [region + "a", region + "b"]
        net = d.vpc("copilot-shop-prod", "10.0.0.0/16", public=[("10.0.0.0/24", azs[0]), ("10.0.1.0/24", azs[1])],
                    private=[("10.0.2.0/24", azs[0]), ("10.0.3.0/24", azs[1])], nat=None)
        lb_sg = d.security_group("shop-prod-PublicHTTPLoadBalancerSecurityGroup-" + stable("cplb", length=12).upper(), net["vpc"],
                                 description="HTTP access to the public facing load balancer",
                                 ingress=[Deployer.tcp(80, cidr="0.0.0.0/0", description="Allow from anyone on port 80")])
        env_sg = d.security_group("shop-prod-EnvironmentSecurityGroup-" + stable("cpenv", length=12).upper(), net["vpc"],
                                  description="shop-prod-EnvironmentSecurityGroup")
        d.ec2.authorize_security_group_ingress(GroupId=env_sg, IpPermissions=[
            Deployer.all_traffic(group=lb_sg, description="HTTP ingress from the public ALB"),
            Deployer.all_traffic(group=env_sg, description="Ingress from other containers in the same security group")])
        cluster = "shop-prod-Cluster-" + stable("cpcluster", length=12).upper()
        d.ecs.create_cluster(clusterName=cluster)
        lb = d.load_balancer("shop-p-Publi-" + stable("cpalb", length=12).upper(), net["public"], [lb_sg])
        tg = d.target_group("shop-p-Targe-" + stable("cptg", length=12).upper(), net["vpc"], 80, interval=10, healthy=2, unhealthy=2, timeout=5)
        d.listener(lb, tg)
        log_group = "/copilot/shop-prod-frontend"
        d.log_group(log_group, retention=30)
        execution = d.role("shop-prod-frontend-ExecutionRole-" + stable("cpexec", length=12).upper(),
                           managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
                           inline={"shop-prod-frontendSecretsPolicy": {"Version": "2012-10-17", "Statement": [
                               {"Effect": "Allow", "Action": ["ssm:GetParameters"], "Resource": [f"arn:aws:ssm:{region}:{ACCOUNT}:parameter/*"],
                                "Condition": {"StringEquals": {"ssm:ResourceTag/copilot-application": "shop", "ssm:ResourceTag/copilot-environment": "prod"}}},
                               {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": [f"arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:*"],
                                "Condition": {"StringEquals": {"secretsmanager:ResourceTag/copilot-application": "shop", "secretsmanager:ResourceTag/copilot-environment": "prod"}}}]}})
        task_role = d.role("shop-prod-frontend-TaskRole-" + stable("cptask", length=12).upper(), inline={
            "DenyIAM": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]},
            "ExecuteCommand": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": ["ssmmessages:CreateControlChannel", "ssmmessages:OpenControlChannel",
                                               "ssmmessages:CreateDataChannel", "ssmmessages:OpenDataChannel"], "Resource": "*"},
                {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:DescribeLogGroups", "logs:DescribeLogStreams", "logs:PutLogEvents"], "Resource": "*"}]}})
        image = d.image("shop/frontend", "a1b2c3d")
        environment = [{"name": "COPILOT_APPLICATION_NAME", "value": "shop"}, {"name": "COPILOT_ENVIRONMENT_NAME", "value": "prod"},
                       {"name": "COPILOT_SERVICE_NAME", "value": "frontend"}, {"name": "COPILOT_LB_DNS", "value": "shop-p-publi-example.eu-central-1.elb.amazonaws.com"},
                       {"name": "COPILOT_SERVICE_DISCOVERY_ENDPOINT", "value": "prod.shop.local"}]
        container = {"name": "frontend", "image": image, "essential": True, "environment": environment,
                     "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "tcp", "name": "target"}],
                     "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-region": region, "awslogs-group": log_group, "awslogs-stream-prefix": "copilot"}}}
        family = "shop-prod-frontend"
        common = dict(family=family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
                      executionRoleArn=execution, taskRoleArn=task_role)
        old = d.definition(containerDefinitions=[container], **common)
        new = d.definition(containerDefinitions=[container], **common)
        d.service(cluster=cluster, serviceName="shop-prod-frontend-Service-" + stable("cpsvc", length=12).upper(), taskDefinition=new, desiredCount=1,
                  launchType="FARGATE", platformVersion="LATEST", propagateTags="SERVICE", enableExecuteCommand=True,
                  loadBalancers=[{"targetGroupArn": tg, "containerName": "frontend", "containerPort": 80}], healthCheckGracePeriodSeconds=60,
                  deploymentConfiguration={"deploymentCircuitBreaker": {"enable": True, "rollback": True}, "maximumPercent": 200, "minimumHealthyPercent": 100},
                  networkConfiguration={"awsvpcConfiguration": {"subnets": net["public"], "securityGroups": [env_sg], "assignPublicIp": "ENABLED"}})
        name = "shop-prod-frontend-Service-" + stable("cpsvc", length=12).upper()
        run_service_tasks(d.ecs, cluster, name, old, net["public"][:1], [env_sg], public="ENABLED")
        run_service_tasks(d.ecs, cluster, name, new, net["public"][1:2], [env_sg], public="ENABLED")
        return collect(region, cluster, services=[name]) | {"oldDefinition": d.ecs.describe_task_definition(taskDefinition=old)["taskDefinition"]}
    return raw("copilot", deploy)


def copilot_snapshot(with_old_tasks):
    region = "eu-central-1"
    s = copilot_raw()
    old = s.pop("oldDefinition")
    r = Realify(s, region)
    r.only_service_tasks()
    r.network_interfaces()
    r.network_acls()
    service = s["services"][0]
    name = service["serviceName"]
    namespace = f"arn:aws:servicediscovery:{region}:{ACCOUNT}:namespace/ns-" + stable("cpns", length=16)
    connect = {"enabled": True, "namespace": namespace,
               "services": [{"portName": "target", "discoveryName": "frontend-sc", "clientAliases": [{"port": 80, "dnsName": "frontend"}]}],
               "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-region": region, "awslogs-group": "/copilot/shop-prod-frontend", "awslogs-stream-prefix": "copilot"}}}
    r.service(name, grace=60, extra={"enableExecuteCommand": True, "propagateTags": "SERVICE",
                                     "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": True, "rollback": True}, "maximumPercent": 200, "minimumHealthyPercent": 100}})
    deployment = service["deployments"][0]
    deployment["serviceConnectConfiguration"] = connect
    deployment["serviceConnectResources"] = [{"discoveryName": "frontend-sc", "discoveryArn": f"arn:aws:servicediscovery:{region}:{ACCOUNT}:service/srv-" + stable("cpsrv", length=16)}]
    new_definition = s["taskDefinitions"][-1]["taskDefinitionArn"]
    s["taskDefinitions"] = [d for d in s["taskDefinitions"] if d["taskDefinitionArn"] == new_definition]
    old_task, new_task = [t for t in s["tasks"] if t["taskDefinitionArn"] != new_definition][0], [t for t in s["tasks"] if t["taskDefinitionArn"] == new_definition][0]
    r.task_definitions()
    proxy = lambda task: [{"containerArn": f"arn:aws:ecs:{region}:{ACCOUNT}:container/{task['clusterArn'].rsplit('/', 1)[1]}/{task['taskArn'].rsplit('/', 1)[1]}/" + stable(task["taskArn"], "sc", length=36),
                           "taskArn": task["taskArn"], "name": "ecs-service-connect-" + stable(task["taskArn"], length=6), "lastStatus": "RUNNING",
                           "networkBindings": [], "networkInterfaces": task["containers"][0]["networkInterfaces"], "healthStatus": "HEALTHY", "cpu": "0"}]
    r.task(new_task, started=T0 - 1200, exec_agent=True)
    new_task["containers"] += proxy(new_task)
    if with_old_tasks:
        s["NetworkInterfaces"] = [e for e in s["NetworkInterfaces"] if e["SubnetId"] == new_task["attachments"][0]["details"][0]["value"]]
        old_task["taskDefinitionArn"] = old["taskDefinitionArn"]
        old_task["startedBy"] = "ecs-svc/" + str(int(stable(name, "previous"), 16) % 10**19)  # the previous deployment
        s["taskDefinitions"].insert(0, old)
        r.task_definitions()
        r.task(old_task, status="STOPPED", started=T0 - 86400, stopped=T0 - 1100, stop_code="ServiceSchedulerInitiated",
               stopped_reason=f"Scaling activity initiated by (deployment {deployment['id']})",
               containers={"frontend": {"exitCode": 0}})
        old_task["containers"] += [dict(c, lastStatus="STOPPED") for c in proxy(old_task)]
    else:
        s["tasks"] = [new_task]
        s["NetworkInterfaces"] = [e for e in s["NetworkInterfaces"] if e["SubnetId"] == new_task["attachments"][0]["details"][0]["value"]]
    group = service["loadBalancers"][0]["targetGroupArn"]
    r.target_health(group, [(r.task_ip(new_task), 80, new_task["availabilityZone"])])
    return r.finish()


@stack
def copilot_lb_web_service():
    """AWS Copilot Load Balanced Web Service with its manifest defaults (see copilot_raw)."""
    return copilot_snapshot(with_old_tasks=False)


@stack
def copilot_exec_enabled_old_task_stopped():
    """The same service right after the deployment that turned ECS Exec on: the task of
    the previous deployment (started without ECS Exec, so without the agent) is
    STOPPED by the scheduler; the running task has ExecuteCommandAgent RUNNING."""
    return copilot_snapshot(with_old_tasks=True)


# --- SST ------------------------------------------------------------------------

@stack
def sst_service_vpc_cidr():
    """SST v3 `sst.aws.Vpc` + `sst.aws.Service` (sst/sst platform/src/components/aws/
    vpc.ts and service.ts at 08fa0a6): the service runs in the public subnets with a
    public IP and the VPC's default security group, which SST rewrites to admit all
    traffic from the VPC CIDR (so from the load balancer's subnets); the container
    maps the port range 1-65535; ECS Exec on, with the ssmmessages permissions SST
    puts on the task role."""
    region = "us-east-1"
    def deploy():
        d = Deployer(region)
        azs = [region + "a", region + "b"]
        net = d.vpc("myapp-production-MyVpcVpc", "10.0.0.0/16", public=[("10.0.0.0/22", azs[0]), ("10.0.8.0/22", azs[1])],
                    private=[("10.0.4.0/22", azs[0]), ("10.0.12.0/22", azs[1])], nat=None)
        default = d.ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [net["vpc"]]}, {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]
        d.ec2.revoke_security_group_ingress(GroupId=default["GroupId"], IpPermissions=default["IpPermissions"])
        d.ec2.authorize_security_group_ingress(GroupId=default["GroupId"], IpPermissions=[Deployer.all_traffic(cidr="10.0.0.0/16")])
        lb_sg = d.security_group("MyServiceLoadBalancerSecurityGroup-" + stable("sstlb", length=7), net["vpc"], description="Managed by Pulumi",
                                 ingress=[Deployer.all_traffic(cidr="0.0.0.0/0")])
        cluster = "myapp-production-MyClusterCluster-" + stable("sstcl", length=7)
        d.ecs.create_cluster(clusterName=cluster)
        lb = d.load_balancer("MyServiceLoadBalancer-" + stable("sstalb", length=7), net["public"], [lb_sg])
        tg = d.target_group("HTTP" + stable("ssttg", length=20), net["vpc"], 3000)
        d.listener(lb, tg)
        log_group = f"/sst/cluster/{cluster}/MyService/MyService"
        d.log_group(log_group, retention=30)
        execution = d.role("MyServiceExecutionRole-" + stable("sstexec", length=7), managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        task_role = d.role("MyServiceTaskRole-" + stable("ssttask", length=7), inline={"inline": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
                                           "ssmmessages:OpenDataChannel"], "Resource": "*"}]}})
        image = d.image("sst-asset", "MyService-" + stable("sstimg", length=12))
        definition = d.definition(family=f"{cluster}-MyService", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
                                  ephemeralStorage={"sizeInGiB": 20}, runtimePlatform={"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"},
                                  executionRoleArn=execution, taskRoleArn=task_role,
                                  containerDefinitions=[{"name": "MyService", "image": image, "pseudoTerminal": True, "essential": True,
                                                         "portMappings": [{"containerPortRange": "1-65535", "protocol": "tcp"}],
                                                         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": log_group, "awslogs-region": region, "awslogs-stream-prefix": "/service"}},
                                                         "environment": [], "linuxParameters": {"initProcessEnabled": True}}])
        d.service(cluster=cluster, serviceName="MyService", taskDefinition=definition, desiredCount=1, launchType="FARGATE", enableExecuteCommand=True,
                  deploymentConfiguration={"deploymentCircuitBreaker": {"enable": True, "rollback": True}, "maximumPercent": 200, "minimumHealthyPercent": 100},
                  loadBalancers=[{"targetGroupArn": tg, "containerName": "MyService", "containerPort": 3000}],
                  networkConfiguration={"awsvpcConfiguration": {"subnets": net["public"], "securityGroups": [default["GroupId"]], "assignPublicIp": "ENABLED"}})
        run_service_tasks(d.ecs, cluster, "MyService", definition, net["public"][:1], [default["GroupId"]], public="ENABLED")
        return collect(region, cluster, services=["MyService"])
    s = raw("sst-service-vpc-cidr", deploy)
    r = healthy_service(s, region, port=3000, exec_agent=True)
    s["services"][0]["serviceRegistries"] = [{"registryArn": f"arn:aws:servicediscovery:{region}:{ACCOUNT}:service/srv-" + stable("sstsrv", length=16)}]
    return r.finish()


# --- load balancer admitted by CIDR ----------------------------------------------

@stack
def tam_alb_task_sg_from_public_subnet_cidrs():
    """The terraform-aws-modules Fargate layout (tam-ecs-fargate-alb) with the service's
    security group admitting the container port from `module.vpc.public_subnets_cidr_blocks`,
    the subnets the ALB's nodes live in, instead of from the ALB's security group."""
    region = "eu-west-3"
    def deploy():
        d = Deployer(region)
        azs = [region + "a", region + "b", region + "c"]
        net = d.vpc("ex-fargate", "10.0.0.0/16", public=[(f"10.0.{48 + i}.0/24", az) for i, az in enumerate(azs)],
                    private=[(f"10.0.{16 * i}.0/20", az) for i, az in enumerate(azs)], nat="single")
        lb_sg = d.security_group("ex-fargate-alb", net["vpc"], description="Security group for ex-fargate application load balancer",
                                 ingress=[Deployer.tcp(80, cidr="0.0.0.0/0")], egress=[Deployer.all_traffic(cidr="10.0.0.0/16")])
        svc_sg = d.security_group("ex-fargate-service", net["vpc"], description="Managed by Terraform",
                                  ingress=[dict(Deployer.tcp(3000), IpRanges=[{"CidrIp": f"10.0.{48 + i}.0/24", "Description": "Service port"} for i in range(3)])])
        cluster = "ex-fargate"
        d.ecs.create_cluster(clusterName=cluster)
        lb = d.load_balancer("ex-fargate", net["public"], [lb_sg])
        tg = d.target_group("tf-" + stable("tamtg", length=26), net["vpc"], 3000)
        d.listener(lb, tg)
        d.log_group("/aws/ecs/ex-fargate/ecsdemo-frontend", retention=14)
        execution = d.role("ex-fargate-" + stable("tamexec", length=26), managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        definition = d.definition(family="ex-fargate", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="1024", memory="4096", executionRoleArn=execution,
                                  runtimePlatform={"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"},
                                  containerDefinitions=[{"name": "ecsdemo-frontend", "image": "public.ecr.aws/aws-containers/ecsdemo-frontend:776fd50", "cpu": 512, "memory": 1024,
                                                         "memoryReservation": 100, "essential": True, "readonlyRootFilesystem": False,
                                                         "portMappings": [{"name": "ecsdemo-frontend", "containerPort": 3000, "hostPort": 3000, "protocol": "tcp"}],
                                                         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/aws/ecs/ex-fargate/ecsdemo-frontend", "awslogs-region": region, "awslogs-stream-prefix": "ecs"}}}])
        d.service(cluster=cluster, serviceName="ex-fargate", taskDefinition=definition, desiredCount=1, launchType="FARGATE",
                  loadBalancers=[{"targetGroupArn": tg, "containerName": "ecsdemo-frontend", "containerPort": 3000}],
                  networkConfiguration={"awsvpcConfiguration": {"subnets": net["private"], "securityGroups": [svc_sg], "assignPublicIp": "DISABLED"}})
        run_service_tasks(d.ecs, cluster, "ex-fargate", definition, net["private"][:1], [svc_sg])
        return collect(region, cluster, services=["ex-fargate"])
    s = raw("tam-alb-task-sg-from-public-subnet-cidrs", deploy)
    return healthy_service(s, region, port=3000).finish()


# --- ECS Exec turned off, stopped tasks had it --------------------------------------

@stack
def cdk_exec_disabled_old_tasks_had_exec():
    """The CDK ApplicationLoadBalancedFargateService after `enableExecuteCommand: true`
    was removed again: CDK dropped the task role's ssmmessages statement, the new
    deployment's task runs without ECS Exec, and the tasks of the previous deployment
    (started with ECS Exec) are STOPPED. Nobody asks for ECS Exec any more."""
    stack_name = "api-prod"
    region = "eu-north-1"
    def deploy():
        d = Deployer(region)
        net = cdk_vpc(d, stack_name)
        cluster = f"{stack_name}-ClusterEB0386A7-{stable(stack_name, 'cl', length=12)}"
        d.ecs.create_cluster(clusterName=cluster)
        lb_sg = d.security_group(f"{stack_name}-ApiLBSecurityGroup-{stable('exlb', length=12).upper()}", net["vpc"],
                                 ingress=[Deployer.tcp(80, cidr="0.0.0.0/0", description="Allow from anyone on port 80")], egress=[])
        svc_sg = d.security_group(f"{stack_name}-ApiServiceSecurityGroup-{stable('exsvc', length=12).upper()}", net["vpc"],
                                  default_egress_description="Allow all outbound traffic by default")
        d.ec2.authorize_security_group_ingress(GroupId=svc_sg, IpPermissions=[Deployer.tcp(8080, group=lb_sg, description="Load balancer to target")])
        d.ec2.authorize_security_group_egress(GroupId=lb_sg, IpPermissions=[Deployer.tcp(8080, group=svc_sg, description="Load balancer to target")])
        lb = d.load_balancer("api-p-ApiLB-" + stable("exalb", length=12).upper(), net["public"], [lb_sg])
        tg = d.target_group("api-p-ApiLB-" + stable("extg", length=12).upper(), net["vpc"], 8080, path="/healthz")
        d.listener(lb, tg)
        image = d.image(f"cdk-hnb659fds-container-assets-{ACCOUNT}-{region}", stable("exasset", length=64))
        log_group = f"{stack_name}-ApiTaskDefwebLogGroup-{stable('exlg', length=12).upper()}"
        log_arn = d.log_group(log_group)
        execution = d.role(f"{stack_name}-ApiTaskDefExecutionRole-{stable('exexec', length=12).upper()}", inline={"ApiTaskDefExecutionRoleDefaultPolicy": {
            "Version": "2012-10-17", "Statement": [
                {"Action": ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Effect": "Allow",
                 "Resource": f"arn:aws:ecr:{region}:{ACCOUNT}:repository/cdk-hnb659fds-container-assets-{ACCOUNT}-{region}"},
                {"Action": "ecr:GetAuthorizationToken", "Effect": "Allow", "Resource": "*"},
                {"Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Effect": "Allow", "Resource": log_arn + ":*"}]}})
        task_role = d.role(f"{stack_name}-ApiTaskDefTaskRole-{stable('extask', length=12).upper()}")
        containers = [{"name": "web", "image": image, "essential": True, "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}],
                       "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": log_group, "awslogs-stream-prefix": "Api", "awslogs-region": region}}}]
        common = dict(family=f"apiprodApiTaskDef{stable('extd', length=8).upper()}", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
                      cpu="512", memory="1024", executionRoleArn=execution, taskRoleArn=task_role, containerDefinitions=containers)
        old, new = d.definition(**common), d.definition(**common)
        name = f"{stack_name}-ApiService-{stable('exsvcname', length=12).upper()}"
        d.service(cluster=cluster, serviceName=name, taskDefinition=new, desiredCount=2, launchType="FARGATE", healthCheckGracePeriodSeconds=60,
                  loadBalancers=[{"targetGroupArn": tg, "containerName": "web", "containerPort": 8080}],
                  deploymentConfiguration={"maximumPercent": 200, "minimumHealthyPercent": 50}, enableECSManagedTags=False,
                  networkConfiguration={"awsvpcConfiguration": {"subnets": net["private"], "securityGroups": [svc_sg], "assignPublicIp": "DISABLED"}})
        run_service_tasks(d.ecs, cluster, name, old, net["private"], [svc_sg])
        run_service_tasks(d.ecs, cluster, name, new, net["private"], [svc_sg])
        return collect(region, cluster, services=[name]) | {"oldDefinition": d.ecs.describe_task_definition(taskDefinition=old)["taskDefinition"]}
    s = raw("cdk-exec-disabled-old-tasks-had-exec", deploy)
    old = s.pop("oldDefinition")
    r = Realify(s, region)
    r.only_service_tasks()
    r.network_interfaces()
    r.network_acls()
    new_arn = s["services"][0]["taskDefinition"]
    s["taskDefinitions"] = [old] + [d for d in s["taskDefinitions"] if d["taskDefinitionArn"] == new_arn]
    r.task_definitions()
    service = r.service(s["services"][0]["serviceName"], grace=60)
    deployment = service["deployments"][0]["id"]
    running, stopped = [t for t in s["tasks"] if t["taskDefinitionArn"] == new_arn], [t for t in s["tasks"] if t["taskDefinitionArn"] != new_arn]
    for index, task in enumerate(running):
        r.task(task, started=T0 - 3300 + index * 20)
    for index, task in enumerate(stopped):
        task["taskDefinitionArn"] = old["taskDefinitionArn"]
        task["startedBy"] = "ecs-svc/" + str(int(stable(task["group"], "previous"), 16) % 10**19)  # the previous deployment
        r.task(task, status="STOPPED", started=T0 - 5 * 86400 + index * 20, stopped=T0 - 3200 + index * 20, exec_agent=True,
               stop_code="ServiceSchedulerInitiated", stopped_reason=f"Scaling activity initiated by (deployment {deployment})", containers={"web": {"exitCode": 0}})
    enis = {r.task_ip(t) for t in running}
    s["NetworkInterfaces"] = [e for e in s["NetworkInterfaces"] if e["PrivateIpAddress"] in enis]
    group = service["loadBalancers"][0]["targetGroupArn"]
    r.target_group_port(group, 8080)
    r.target_health(group, [(r.task_ip(t), 8080, t["availabilityZone"]) for t in running])
    return r.finish()


# --- EC2 launch type ---------------------------------------------------------------

def refarch(name, region, host_ingress):
    """aws-samples/ecs-refarch-cloudformation (master.yaml, infrastructure/*.yaml,
    services/website-service/service.yaml at a257e22): VPC 10.180.0.0/16, two public
    and two private /21 subnets, a NAT gateway per AZ, ECS hosts in the private
    subnets behind an internet-facing ALB, the website service in bridge mode with
    containerPort 8000 and no hostPort (dynamic host ports), an instance target group
    registered by ECS through the service role."""
    def deploy():
        d = Deployer(region)
        azs = [region + "a", region + "b"]
        net = d.vpc("ecs-refarch", "10.180.0.0/16", public=[("10.180.8.0/21", azs[0]), ("10.180.16.0/21", azs[1])],
                    private=[("10.180.24.0/21", azs[0]), ("10.180.32.0/21", azs[1])], nat="per-az")
        lb_sg = d.security_group("ecs-refarch-LoadBalancers", net["vpc"], description="Access to the load balancer that sits in front of ECS",
                                 ingress=[Deployer.all_traffic(cidr="0.0.0.0/0")])
        host_sg = d.security_group("ecs-refarch-ECS-Hosts", net["vpc"], description="Access to the ECS hosts and the tasks/containers that run on them",
                                   ingress=host_ingress(lb_sg))
        d.ecs.create_cluster(clusterName="ecs-refarch")
        instance_role = d.role(f"ecs-refarch-ECSRole-{region}", service="ec2.amazonaws.com",
                               managed=["arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM", "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"],
                               inline={"ecs-service": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
                                   "ecs:CreateCluster", "ecs:DeregisterContainerInstance", "ecs:DiscoverPollEndpoint", "ecs:Poll",
                                   "ecs:RegisterContainerInstance", "ecs:StartTelemetrySession", "ecs:Submit*", "ecr:BatchCheckLayerAvailability",
                                   "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:GetAuthorizationToken"], "Resource": "*"}]}})
        profile = d.instance_profile("ecs-refarch-ECSInstanceProfile", f"ecs-refarch-ECSRole-{region}")
        for subnet in net["private"]:
            d.container_instance("ecs-refarch", subnet, [host_sg], profile, "t2.large")
        lb = d.load_balancer("ecs-refarch", net["public"], [lb_sg])
        tg = d.target_group("ecs-re-Targe-" + stable("rftg", length=12).upper(), net["vpc"], 80, target_type="instance",
                            matcher="200-299", interval=10, healthy=2, unhealthy=2, timeout=5)
        d.listener(lb, tg)
        d.logs.create_log_group(logGroupName="ecs-refarch-WebsiteService")
        d.logs.put_retention_policy(logGroupName="ecs-refarch-WebsiteService", retentionInDays=365)
        service_role = d.role("ecs-service-ecs-refarch-WebsiteService", service="ecs.amazonaws.com", inline={"ecs-service-ecs-refarch-WebsiteService": {
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
                "ec2:AuthorizeSecurityGroupIngress", "ec2:Describe*", "elasticloadbalancing:DeregisterInstancesFromLoadBalancer",
                "elasticloadbalancing:Describe*", "elasticloadbalancing:RegisterInstancesWithLoadBalancer", "elasticloadbalancing:DeregisterTargets",
                "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth", "elasticloadbalancing:RegisterTargets"], "Resource": "*"}]}})
        definition = d.definition(family="website-service", containerDefinitions=[{
            "name": "website-service", "essential": True, "memory": 128,
            "image": "275396840892.dkr.ecr.us-east-1.amazonaws.com/ecs-refarch-cloudformation/website-service:1.0.0",
            "environment": [{"name": "PRODUCT_SERVICE_URL", "value": "http://ecs-refarch-1234567890.eu-west-1.elb.amazonaws.com/products"}],
            "portMappings": [{"containerPort": 8000, "hostPort": 0, "protocol": "tcp"}],
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "ecs-refarch-WebsiteService", "awslogs-region": region}}}])
        d.service(cluster="ecs-refarch", serviceName="ecs-refarch-WebsiteService-" + stable("rfsvc", length=12).upper(), taskDefinition=definition,
                  desiredCount=2, role=service_role, loadBalancers=[{"targetGroupArn": tg, "containerName": "website-service", "containerPort": 8000}])
        service = "ecs-refarch-WebsiteService-" + stable("rfsvc", length=12).upper()
        run_service_tasks(d.ecs, "ecs-refarch", service, definition, [None, None], None, launch="EC2")
        return collect(region, "ecs-refarch", services=[service])
    s = raw(name, deploy)
    r = Realify(s, region)
    r.only_service_tasks()
    r.task_definitions()
    r.network_acls()
    r.network_interfaces()
    r.cross_account_ecr_errors()
    service = r.service(s["services"][0]["serviceName"])
    for index, task in enumerate(s["tasks"]):
        r.task(task, started=T0 - 3300 + index * 20, container_instance=task.get("containerInstanceArn"))
    r.container_instances(running={t["containerInstanceArn"]: 1 for t in s["tasks"]})
    instances = {ci["containerInstanceArn"]: ci["ec2InstanceId"] for ci in s["containerInstances"]}
    zones = {i["InstanceId"]: i["Placement"]["AvailabilityZone"] for res in s["Reservations"] for i in res["Instances"]}
    group = service["loadBalancers"][0]["targetGroupArn"]
    r.target_health(group, [(instances[t["containerInstanceArn"]], t["containers"][0]["networkBindings"][0]["hostPort"], zones[instances[t["containerInstanceArn"]]]) for t in s["tasks"]])
    return r.finish()


@stack
def ecs_refarch_ec2_bridge():
    """The reference architecture as published: the hosts' group admits all traffic
    (IpProtocol -1) from the load balancer's group."""
    return refarch("ecs-refarch-ec2-bridge", "eu-west-1", lambda lb: [Deployer.all_traffic(group=lb)])


@stack
def ecs_refarch_ec2_bridge_ephemeral_ports():
    """The reference architecture with the hosts' group narrowed to what the ECS
    developer guide recommends for dynamic host ports: TCP 32768-65535 from the load
    balancer's group only."""
    return refarch("ecs-refarch-ec2-bridge-ephemeral-ports", "us-west-1", lambda lb: [Deployer.tcp(32768, 65535, group=lb)])


@stack
def tam_ec2_awsvpc_eni_trunking():
    """terraform-aws-modules ecs examples/ec2-autoscaling (v5.12.1) shape: an EC2
    cluster whose service uses awsvpc (the service module's default network mode) in
    private subnets behind an ALB with an ip target group, the instances' group
    admitting the ALB on 80 (the example's autoscaling_sg); here on m5.large
    instances with ENI trunking on (account setting awsvpcTrunking enabled, the
    instances carry ecs.awsvpc-trunk-id), six tasks on two instances."""
    region = "us-east-2"
    def deploy():
        d = Deployer(region)
        azs = [region + "a", region + "b"]
        net = d.vpc("ex-ec2-autoscaling", "10.0.0.0/16", public=[(f"10.0.{48 + i}.0/24", az) for i, az in enumerate(azs)],
                    private=[(f"10.0.{16 * i}.0/20", az) for i, az in enumerate(azs)], nat="single")
        alb_sg = d.security_group("ex-ec2-autoscaling-alb", net["vpc"], description="Security group for ex-ec2-autoscaling application load balancer",
                                  ingress=[Deployer.tcp(80, cidr="0.0.0.0/0")], egress=[Deployer.all_traffic(cidr="10.0.0.0/16")])
        asg_sg = d.security_group("ex-ec2-autoscaling-asg", net["vpc"], description="Autoscaling group security group",
                                  ingress=[Deployer.tcp(80, group=alb_sg)])
        svc_sg = d.security_group("ex-ec2-autoscaling-service", net["vpc"], description="Managed by Terraform",
                                  ingress=[Deployer.tcp(80, group=alb_sg, description="Service port")])
        cluster = "ex-ec2-autoscaling"
        d.ecs.create_cluster(clusterName=cluster)
        d.ecs.put_account_setting(name="awsvpcTrunking", value="enabled")
        d.role("ex-ec2-autoscaling-instance", service="ec2.amazonaws.com",
               managed=["arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"])
        profile = d.instance_profile("ex-ec2-autoscaling-instance", "ex-ec2-autoscaling-instance")
        for subnet in net["private"]:
            d.container_instance(cluster, subnet, [asg_sg], profile, "m5.large", name="ex_1")
        lb = d.load_balancer("ex-ec2-autoscaling", net["public"], [alb_sg])
        tg = d.target_group("tf-" + stable("ec2tg", length=26), net["vpc"], 80, interval=30, healthy=5, unhealthy=2, timeout=5)
        d.listener(lb, tg)
        log_group = "/aws/ecs/ex-ec2-autoscaling/ecs-sample"
        d.log_group(log_group, retention=7)
        execution = d.role("ex-ec2-autoscaling-" + stable("ec2exec", length=26), managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        definition = d.definition(family="ex-ec2-autoscaling", networkMode="awsvpc", requiresCompatibilities=["EC2"], cpu="256", memory="512",
                                  executionRoleArn=execution,
                                  containerDefinitions=[{"name": "ecs-sample", "image": "public.ecr.aws/ecs-sample-image/amazon-ecs-sample:latest",
                                                         "essential": True, "entryPoint": ["/usr/sbin/apache2", "-D", "FOREGROUND"], "readonlyRootFilesystem": False,
                                                         "portMappings": [{"name": "ecs-sample", "containerPort": 80, "protocol": "tcp"}],
                                                         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": log_group, "awslogs-region": region, "awslogs-stream-prefix": "ecs"}}}])
        d.service(cluster=cluster, serviceName="ex-ec2-autoscaling", taskDefinition=definition, desiredCount=6, launchType="EC2",
                  loadBalancers=[{"targetGroupArn": tg, "containerName": "ecs-sample", "containerPort": 80}],
                  networkConfiguration={"awsvpcConfiguration": {"subnets": net["private"], "securityGroups": [svc_sg], "assignPublicIp": "DISABLED"}})
        run_service_tasks(d.ecs, cluster, "ex-ec2-autoscaling", definition, net["private"] * 3, [svc_sg], launch="EC2")
        snapshot = collect(region, cluster, services=["ex-ec2-autoscaling"])
        snapshot["settings"] = d.ecs.list_account_settings(effectiveSettings=True, name="awsvpcTrunking")["settings"]
        return snapshot
    s = raw("tam-ec2-awsvpc-eni-trunking", deploy)
    r = Realify(s, region)
    r.only_service_tasks()
    r.task_definitions()
    r.network_acls()
    r.network_interfaces()
    service = r.service("ex-ec2-autoscaling")
    s["services"][0].pop("platformVersion", None)
    instances = s["containerInstances"]
    for index, task in enumerate(s["tasks"]):
        # Tasks sit on the instance of their subnet's AZ: each ENI is a branch of that instance's trunk.
        subnet = task["attachments"][0]["details"][0]["value"]
        instance = next(ci for ci in instances if next(i for res in s["Reservations"] for i in res["Instances"] if i["InstanceId"] == ci["ec2InstanceId"])["SubnetId"] == subnet)
        r.task(task, started=T0 - 3300 + index * 20, container_instance=instance["containerInstanceArn"])
    r.container_instances(trunk=True, running={ci["containerInstanceArn"]: sum(1 for t in s["tasks"] if t["containerInstanceArn"] == ci["containerInstanceArn"]) for ci in instances})
    for eni in s["NetworkInterfaces"]:
        if eni["Description"].startswith("arn:aws:ecs:"):
            eni["InterfaceType"] = "branch"
    group = service["loadBalancers"][0]["targetGroupArn"]
    r.target_health(group, [(r.task_ip(t), 80, t["availabilityZone"]) for t in s["tasks"]])
    return r.finish()


# --- Fargate features ------------------------------------------------------------------

def private_fargate(d, name, cidr="10.0.0.0/16"):
    """Two private subnets behind a NAT gateway per AZ, as CDK's and the vpc module's defaults build them."""
    return cdk_vpc(d, name)


@stack
def fargate_secrets_ssm_and_secretsmanager():
    """A Fargate worker reading one Secrets Manager secret whole, one JSON key of
    another, an SSM SecureString under a customer managed KMS key and a plain String
    parameter, with the execution role policy the ECS developer guide prescribes
    (secretsmanager:GetSecretValue and ssm:GetParameters on exactly those ARNs,
    kms:Decrypt on the key); tasks in NAT-backed private subnets."""
    region = "eu-west-1"
    def deploy():
        d = Deployer(region)
        net = private_fargate(d, "billing")
        sg = d.security_group("billing-worker", net["vpc"], description="billing worker tasks")
        cluster = "billing"
        d.ecs.create_cluster(clusterName=cluster)
        kms = client("kms", region)
        key = kms.create_key(Description="billing parameters")["KeyMetadata"]["Arn"]
        sm = client("secretsmanager", region)
        api_key = sm.create_secret(Name="billing/stripe-api-key", SecretString="sk_test_Planted0000000000")["ARN"]
        database = sm.create_secret(Name="billing/database", SecretString=json.dumps({"username": "billing", "password": "Planted-Db-Password-1"}))["ARN"]
        ssm = client("ssm", region)
        ssm.put_parameter(Name="/billing/prod/webhook-signing-key", Value="Planted-Webhook-Key", Type="SecureString", KeyId=key)
        ssm.put_parameter(Name="/billing/prod/region-code", Value="EU", Type="String")
        parameter = lambda name: f"arn:aws:ssm:{region}:{ACCOUNT}:parameter{name}"
        execution = d.role("billing-worker-execution", managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"], inline={
            "read-billing-secrets": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": [api_key, database]},
                {"Effect": "Allow", "Action": "ssm:GetParameters", "Resource": [parameter("/billing/prod/webhook-signing-key"), parameter("/billing/prod/region-code")]},
                {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": key}]}})
        task_role = d.role("billing-worker-task")
        d.log_group("/ecs/billing-worker", retention=30)
        image = d.image("billing-worker", "2.14.0")
        definition = d.definition(family="billing-worker", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512", memory="1024",
                                  executionRoleArn=execution, taskRoleArn=task_role,
                                  containerDefinitions=[{"name": "worker", "image": image, "essential": True,
                                                         "secrets": [{"name": "STRIPE_API_KEY", "valueFrom": api_key},
                                                                     {"name": "DB_PASSWORD", "valueFrom": database + ":password::"},
                                                                     {"name": "WEBHOOK_SIGNING_KEY", "valueFrom": parameter("/billing/prod/webhook-signing-key")},
                                                                     {"name": "REGION_CODE", "valueFrom": "/billing/prod/region-code"}],
                                                         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/billing-worker", "awslogs-region": region, "awslogs-stream-prefix": "worker"}}}])
        d.service(cluster=cluster, serviceName="billing-worker", taskDefinition=definition, desiredCount=2, launchType="FARGATE",
                  networkConfiguration={"awsvpcConfiguration": {"subnets": net["private"], "securityGroups": [sg], "assignPublicIp": "DISABLED"}})
        run_service_tasks(d.ecs, cluster, "billing-worker", definition, net["private"], [sg])
        return collect(region, cluster, services=["billing-worker"])
    s = raw("fargate-secrets-ssm-and-secretsmanager", deploy)
    return healthy_service(s, region).finish()


@stack
def fargate_spot_service():
    """A worker on the terraform-aws-modules cluster's capacity providers (examples/
    fargate: FARGATE base 20 weight 50, FARGATE_SPOT weight 50), here all on
    FARGATE_SPOT; one task was reclaimed (SpotInterruption) and replaced."""
    region = "us-east-1"
    def deploy():
        d = Deployer(region)
        net = private_fargate(d, "thumbnails")
        sg = d.security_group("thumbnails", net["vpc"], description="Managed by Terraform")
        d.ecs.create_cluster(clusterName="media", capacityProviders=["FARGATE", "FARGATE_SPOT"],
                             defaultCapacityProviderStrategy=[{"capacityProvider": "FARGATE", "weight": 50, "base": 20}, {"capacityProvider": "FARGATE_SPOT", "weight": 50}])
        execution = d.role("thumbnails-" + stable("spotexec", length=26), managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        d.log_group("/aws/ecs/thumbnails/thumbnails", retention=14)
        image = d.image("thumbnails", "1.8.3")
        definition = d.definition(family="thumbnails", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="1024", memory="2048", executionRoleArn=execution,
                                  containerDefinitions=[{"name": "thumbnails", "image": image, "essential": True, "stopTimeout": 120,
                                                         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/aws/ecs/thumbnails/thumbnails", "awslogs-region": region, "awslogs-stream-prefix": "ecs"}}}])
        d.service(cluster="media", serviceName="thumbnails", taskDefinition=definition, desiredCount=2,
                  capacityProviderStrategy=[{"capacityProvider": "FARGATE_SPOT", "weight": 1}],
                  networkConfiguration={"awsvpcConfiguration": {"subnets": net["private"], "securityGroups": [sg], "assignPublicIp": "DISABLED"}})
        # moto places a run-task without launch type on EC2 instances: start them as FARGATE (what Spot tasks report too).
        run_service_tasks(d.ecs, "media", "thumbnails", definition, net["private"] + net["private"][:1], [sg])
        return collect(region, "media", services=["thumbnails"])
    s = raw("fargate-spot-service", deploy)
    r = Realify(s, region)
    r.only_service_tasks()
    r.network_interfaces()
    r.network_acls()
    r.task_definitions()
    service = r.service("thumbnails", events=None)
    service.pop("launchType", None)
    service["capacityProviderStrategy"] = [{"capacityProvider": "FARGATE_SPOT", "weight": 1, "base": 0}]
    for deployment in service["deployments"]:
        deployment.pop("launchType", None)
        deployment["capacityProviderStrategy"] = service["capacityProviderStrategy"]
    running, interrupted = s["tasks"][:2], s["tasks"][2]
    for index, task in enumerate(running):
        task["launchType"] = "FARGATE"
        r.task(task, started=T0 - 3300 + index * 900, capacity_provider="FARGATE_SPOT")
    interrupted["launchType"] = "FARGATE"
    r.task(interrupted, status="STOPPED", started=T0 - 7200, stopped=T0 - 2500, capacity_provider="FARGATE_SPOT", stop_code="SpotInterruption",
           stopped_reason="Your Spot Task was interrupted.", containers={"thumbnails": {"exitCode": 143}})
    s["NetworkInterfaces"] = [e for e in s["NetworkInterfaces"] if e["PrivateIpAddress"] in {r.task_ip(t) for t in running}]
    service["events"].insert(0, {"id": stable_uuid("spot-replaced"), "createdAt": T0 - 2400,
                                 "message": f"(service thumbnails) has started 1 tasks: (task {running[1]['taskArn'].rsplit('/', 1)[1]})."})
    return r.finish()


@stack
def fargate_windows_iis():
    """The ECS developer guide's Windows Fargate example (an IIS task, Windows Server
    2019 Core, 1 vCPU / 2 GB) run as a service behind an ALB, in the default VPC's
    public subnets with public IPs."""
    region = "us-west-2"
    def deploy():
        d = Deployer(region)
        vpc, subnets = d.default_vpc()
        subnet_ids = [s["SubnetId"] for s in subnets][:2]
        lb_sg = d.security_group("iis-alb", vpc, description="iis load balancer", ingress=[Deployer.tcp(80, cidr="0.0.0.0/0")])
        task_sg = d.security_group("iis-tasks", vpc, description="iis tasks", ingress=[Deployer.tcp(80, group=lb_sg)])
        d.ecs.create_cluster(clusterName="windows")
        lb = d.load_balancer("iis-alb", subnet_ids, [lb_sg])
        tg = d.target_group("iis-tg", vpc, 80, interval=30, healthy=5, unhealthy=2, timeout=5)
        d.listener(lb, tg)
        execution = d.role("ecsTaskExecutionRole", managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        d.log_group("/ecs/windows-simple-iis-2019-core")
        definition = d.definition(family="windows-simple-iis-2019-core", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="1024", memory="2048",
                                  executionRoleArn=execution, runtimePlatform={"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE", "cpuArchitecture": "X86_64"},
                                  containerDefinitions=[{"name": "windows_sample_app", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019",
                                                         "cpu": 1024, "essential": True, "entryPoint": ["powershell", "-Command"],
                                                         "command": ["New-Item -Path C:\\inetpub\\wwwroot\\index.html -ItemType file -Value '<html><body>Hello from Fargate</body></html>' -Force ; C:\\ServiceMonitor.exe w3svc"],
                                                         "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "tcp"}],
                                                         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/windows-simple-iis-2019-core", "awslogs-region": region, "awslogs-stream-prefix": "ecs"}}}])
        d.service(cluster="windows", serviceName="iis", taskDefinition=definition, desiredCount=1, launchType="FARGATE", platformVersion="LATEST",
                  loadBalancers=[{"targetGroupArn": tg, "containerName": "windows_sample_app", "containerPort": 80}], healthCheckGracePeriodSeconds=300,
                  networkConfiguration={"awsvpcConfiguration": {"subnets": subnet_ids, "securityGroups": [task_sg], "assignPublicIp": "ENABLED"}})
        run_service_tasks(d.ecs, "windows", "iis", definition, subnet_ids[:1], [task_sg], public="ENABLED")
        return collect(region, "windows", services=["iis"])
    s = raw("fargate-windows-iis", deploy)
    r = healthy_service(s, region, grace=300)
    service = s["services"][0]
    service["platformFamily"] = "WINDOWS_SERVER_2019_CORE"
    for deployment in service["deployments"]:
        deployment["platformFamily"] = "WINDOWS_SERVER_2019_CORE"
        deployment["platformVersion"] = "1.0.0"
    return r.finish()


@stack
def fargate_init_container_depends_on():
    """An application container that waits (dependsOn SUCCESS) for a non-essential
    `init` container copying configuration into a shared bind volume, as in the ECS
    developer guide's container dependency example; the init container exited 0 and
    is STOPPED in every running task."""
    region = "ap-northeast-1"
    def deploy():
        d = Deployer(region)
        net = private_fargate(d, "catalog")
        lb_sg = d.security_group("catalog-alb", net["vpc"], description="catalog alb", ingress=[Deployer.tcp(443, cidr="0.0.0.0/0")])
        task_sg = d.security_group("catalog-tasks", net["vpc"], description="catalog tasks", ingress=[Deployer.tcp(8080, group=lb_sg)])
        d.ecs.create_cluster(clusterName="catalog")
        lb = d.load_balancer("catalog", net["public"], [lb_sg])
        tg = d.target_group("catalog-api", net["vpc"], 8080, path="/health")
        d.listener(lb, tg)
        execution = d.role("catalog-execution", managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        task_role = d.role("catalog-task", inline={"read-config": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::catalog-config-prod/*"}]}})
        d.log_group("/ecs/catalog", retention=30)
        app = d.image("catalog-api", "3.2.1")
        init = d.image("catalog-config-init", "1.0.4")
        log = lambda prefix: {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/catalog", "awslogs-region": region, "awslogs-stream-prefix": prefix}}
        definition = d.definition(family="catalog", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512", memory="1024",
                                  executionRoleArn=execution, taskRoleArn=task_role, volumes=[{"name": "config"}],
                                  containerDefinitions=[
                                      {"name": "init", "image": init, "essential": False, "command": ["sync-config", "--bucket", "catalog-config-prod", "--to", "/config"],
                                       "mountPoints": [{"sourceVolume": "config", "containerPath": "/config"}], "logConfiguration": log("init")},
                                      {"name": "api", "image": app, "essential": True, "dependsOn": [{"containerName": "init", "condition": "SUCCESS"}],
                                       "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}],
                                       "mountPoints": [{"sourceVolume": "config", "containerPath": "/etc/catalog", "readOnly": True}], "logConfiguration": log("api")}])
        d.service(cluster="catalog", serviceName="catalog-api", taskDefinition=definition, desiredCount=2, launchType="FARGATE", healthCheckGracePeriodSeconds=30,
                  loadBalancers=[{"targetGroupArn": tg, "containerName": "api", "containerPort": 8080}],
                  networkConfiguration={"awsvpcConfiguration": {"subnets": net["private"], "securityGroups": [task_sg], "assignPublicIp": "DISABLED"}})
        run_service_tasks(d.ecs, "catalog", "catalog-api", definition, net["private"], [task_sg])
        return collect(region, "catalog", services=["catalog-api"])
    s = raw("fargate-init-container-depends-on", deploy)
    r = Realify(s, region)
    r.only_service_tasks()
    r.network_interfaces()
    r.network_acls()
    r.task_definitions()
    service = r.service("catalog-api", grace=30)
    for index, task in enumerate(s["tasks"]):
        r.task(task, started=T0 - 3300 + index * 20, containers={"init": {"lastStatus": "STOPPED", "exitCode": 0}})
    group = service["loadBalancers"][0]["targetGroupArn"]
    r.target_group_port(group, 8080)
    r.target_health(group, [(r.task_ip(t), 8080, t["availabilityZone"]) for t in s["tasks"]])
    return r.finish()


@stack
def fargate_efs_mount_targets_every_az():
    """A Fargate service mounting an EFS file system through an access point with
    transit encryption and IAM authorization (the ECS developer guide's EFS volume
    settings); the file system has a mount target in each of the two private subnets
    the service uses, whose group admits NFS (2049) from the tasks' group."""
    region = "eu-central-1"
    def deploy():
        d = Deployer(region)
        net = private_fargate(d, "cms")
        task_sg = d.security_group("cms-tasks", net["vpc"], description="cms tasks")
        efs_sg = d.security_group("cms-efs", net["vpc"], description="cms file system", ingress=[Deployer.tcp(2049, group=task_sg, description="NFS from cms tasks")])
        efs = client("efs", region)
        fs = efs.create_file_system(CreationToken="cms-uploads", PerformanceMode="generalPurpose", Encrypted=True, Tags=[{"Key": "Name", "Value": "cms-uploads"}])["FileSystemId"]
        for subnet in net["private"]:
            efs.create_mount_target(FileSystemId=fs, SubnetId=subnet, SecurityGroups=[efs_sg])
        point = efs.create_access_point(FileSystemId=fs, PosixUser={"Uid": 1000, "Gid": 1000},
                                        RootDirectory={"Path": "/uploads", "CreationInfo": {"OwnerUid": 1000, "OwnerGid": 1000, "Permissions": "750"}})["AccessPointId"]
        d.ecs.create_cluster(clusterName="cms")
        execution = d.role("cms-execution", managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        task_role = d.role("cms-task", inline={"efs-client": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
             "Resource": f"arn:aws:elasticfilesystem:{region}:{ACCOUNT}:file-system/{fs}",
             "Condition": {"StringEquals": {"elasticfilesystem:AccessPointArn": f"arn:aws:elasticfilesystem:{region}:{ACCOUNT}:access-point/{point}"}}}]}})
        d.log_group("/ecs/cms", retention=30)
        image = d.image("cms", "5.4.0")
        definition = d.definition(family="cms", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="1024", memory="2048",
                                  executionRoleArn=execution, taskRoleArn=task_role,
                                  volumes=[{"name": "uploads", "efsVolumeConfiguration": {"fileSystemId": fs, "transitEncryption": "ENABLED",
                                                                                         "authorizationConfig": {"accessPointId": point, "iam": "ENABLED"}}}],
                                  containerDefinitions=[{"name": "cms", "image": image, "essential": True,
                                                         "mountPoints": [{"sourceVolume": "uploads", "containerPath": "/var/www/uploads"}],
                                                         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/cms", "awslogs-region": region, "awslogs-stream-prefix": "cms"}}}])
        d.service(cluster="cms", serviceName="cms", taskDefinition=definition, desiredCount=2, launchType="FARGATE", platformVersion="1.4.0",
                  networkConfiguration={"awsvpcConfiguration": {"subnets": net["private"], "securityGroups": [task_sg], "assignPublicIp": "DISABLED"}})
        run_service_tasks(d.ecs, "cms", "cms", definition, net["private"], [task_sg])
        return collect(region, "cms", services=["cms"])
    s = raw("fargate-efs-mount-targets-every-az", deploy)
    return healthy_service(s, region).finish()


@stack
def cdk_scheduled_fargate_task_finished():
    """aws-cdk ecs-patterns ScheduledFargateTask (an EventBridge rule running a task
    every hour) in NAT-backed private subnets: the last run's only container, essential,
    did its work and exited 0; no service is involved."""
    stack_name = "aws-fargate-integ"
    region = "us-west-2"
    def deploy():
        d = Deployer(region)
        net = cdk_vpc(d, stack_name)
        cluster = f"{stack_name}-FargateCluster7CCD5F93-{stable('schedcl', length=12)}"
        d.ecs.create_cluster(clusterName=cluster)
        sg = d.security_group(f"{stack_name}-ScheduledFargateTaskScheduledTaskDefSecurityGroup-{stable('schedsg', length=12).upper()}", net["vpc"],
                              description=f"{stack_name}/ScheduledFargateTask/ScheduledTaskDef/SecurityGroup",
                              default_egress_description="Allow all outbound traffic by default")
        log_group = f"{stack_name}-ScheduledFargateTaskScheduledTaskDefScheduledContainerLogGroup-{stable('schedlg', length=12).upper()}"
        log_arn = d.log_group(log_group)
        execution = d.role(f"{stack_name}-ScheduledFargateTaskScheduledTaskDefExecutionRole-{stable('schedexec', length=12).upper()}", inline={
            "ScheduledFargateTaskScheduledTaskDefExecutionRoleDefaultPolicy": {"Version": "2012-10-17", "Statement": [
                {"Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Effect": "Allow", "Resource": log_arn + ":*"}]}})
        task_role = d.role(f"{stack_name}-ScheduledFargateTaskScheduledTaskDefTaskRole-{stable('schedtask', length=12).upper()}")
        definition = d.definition(family=f"awsfargateintegScheduledFargateTaskScheduledTaskDef{stable('schedtd', length=8).upper()}", networkMode="awsvpc",
                                  requiresCompatibilities=["FARGATE"], cpu="256", memory="512", executionRoleArn=execution, taskRoleArn=task_role,
                                  containerDefinitions=[{"name": "ScheduledContainer", "image": "amazon/amazon-ecs-sample", "essential": True, "memory": 512,
                                                         "environment": [{"name": "TRIGGER", "value": "CloudWatch Events"}],
                                                         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": log_group, "awslogs-stream-prefix": "ScheduledFargateTask", "awslogs-region": region}}}])
        task = d.ecs.run_task(cluster=cluster, taskDefinition=definition, launchType="FARGATE", startedBy="events-rule/aws-fargate-integ-Schedul",
                              networkConfiguration={"awsvpcConfiguration": {"subnets": [net["private"][0]], "securityGroups": [sg], "assignPublicIp": "DISABLED"}})["tasks"][0]["taskArn"]
        return collect(region, cluster, tasks=[task])
    s = raw("cdk-scheduled-fargate-task-finished", deploy)
    r = Realify(s, region)
    r.network_interfaces()
    r.network_acls()
    r.task_definitions()
    r.task(s["tasks"][0], status="STOPPED", started=T0 - 600, stopped=T0 - 540, containers={"ScheduledContainer": {"exitCode": 0}})
    s["NetworkInterfaces"] = []
    return r.finish()


def main(names):
    for name in names or sorted(STACKS):
        snapshot = STACKS[name]()
        write(os.path.join(OUT, name + ".json"), snapshot)
        print("wrote", name)


if __name__ == "__main__":
    main(sys.argv[1:])
