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
import shutil
import subprocess
import sys

from fixturekit import ACCOUNT, T0, Deployer, Realify, all_subnets, client, collect, reset_emulator, stable, write

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "near-miss")
WORK = os.environ.get("WORK", "/tmp/near-miss")
STACKS = {}


def stack(function):
    STACKS[function.__name__.replace("_", "-")] = function
    return function


def terraform(name):
    """Applies terraform/<name>/main.tf in $WORK/tf/<name> and returns its outputs."""
    work = os.path.join(WORK, "tf", name)
    os.makedirs(work, exist_ok=True)
    shutil.copy(os.path.join(HERE, "terraform", name, "main.tf"), work)
    link = os.path.join(work, "modules")
    if not os.path.exists(link):
        os.symlink(os.environ["TF_MODULES"], link)
    environment = dict(os.environ, TF_IN_AUTOMATION="1", CHECKPOINT_DISABLE="1")
    for command in (["init", "-input=false", "-no-color"], ["apply", "-auto-approve", "-input=false", "-no-color"]):
        subprocess.run(["terraform"] + command, cwd=work, env=environment, check=True, stdout=subprocess.DEVNULL)
    outputs = subprocess.run(["terraform", "output", "-json"], cwd=work, env=environment, check=True, capture_output=True, text=True)
    return {key: value["value"] for key, value in json.loads(outputs.stdout).items()}


def raw(name, deploy):
    """The cached collection of a stack, deploying and collecting it when absent."""
    path = os.path.join(WORK, "raw", name + ".json")
    if not os.path.exists(path):
        reset_emulator()
        shutil.rmtree(os.path.join(WORK, "tf"), ignore_errors=True)
        snapshot = deploy()
        for value in [snapshot] + [v for v in snapshot.values() if isinstance(v, dict) and "region" in v]:
            if "region" in value:
                value["_allSubnets"] = all_subnets(value["region"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as handle:
            json.dump(snapshot, handle)
    with open(path) as handle:
        return json.load(handle)


def run_service_tasks(ecs, cluster, service, definition, subnets, groups, public="DISABLED", launch="FARGATE", **extra):
    """Starts one task per subnet as the service scheduler would (moto does not)."""
    arns = []
    for subnet in subnets:
        arguments = dict(cluster=cluster, taskDefinition=definition, group=f"service:{service}",
                         startedBy="ecs-svc/" + str(int(stable(cluster, service), 16) % 10**19), **extra)
        if launch:
            arguments["launchType"] = launch
        if groups is not None:
            arguments["networkConfiguration"] = {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": groups, "assignPublicIp": public}}
        arns.append(ecs.run_task(**arguments)["tasks"][0]["taskArn"])
    return arns


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


# --- AWS CDK ----------------------------------------------------------------

def cdk_vpc(d, stack, nat="per-az", kind="private"):
    """ec2.Vpc defaults (2 AZs, /18 subnets, a NAT gateway per AZ)."""
    azs = [d.region + "a", d.region + "b"]
    layout = {"public": [("10.0.0.0/18", azs[0]), ("10.0.64.0/18", azs[1])]}
    layout[kind] = [("10.0.128.0/18", azs[0]), ("10.0.192.0/18", azs[1])]
    return d.vpc(f"{stack}/Vpc", "10.0.0.0/16", nat=nat if kind == "private" else None, **layout)


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
        r.task(task, status="STOPPED", started=T0 - 5 * 86400 + index * 20, stopped=T0 - 3200 + index * 20, exec_agent=True,
               stop_code="ServiceSchedulerInitiated", stopped_reason=f"Scaling activity initiated by (deployment {deployment})", containers={"web": {"exitCode": 0}})
    enis = {r.task_ip(t) for t in running}
    s["NetworkInterfaces"] = [e for e in s["NetworkInterfaces"] if e["PrivateIpAddress"] in enis]
    group = service["loadBalancers"][0]["targetGroupArn"]
    r.target_group_port(group, 8080)
    r.target_health(group, [(r.task_ip(t), 8080, t["availabilityZone"]) for t in running])
    return r.finish()


def main(names):
    for name in names or sorted(STACKS):
        snapshot = STACKS[name]()
        write(os.path.join(OUT, name + ".json"), snapshot)
        print("wrote", name)


if __name__ == "__main__":
    main(sys.argv[1:])
