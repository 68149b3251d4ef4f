#!/usr/bin/env python3
"""Broken Fargate services for the round-trip test (MotoRoundTripTests):
one cluster, `roundtrip`, one service per planted defect, each in its own VPC
where the defect is about the network. Built with boto3 (moto's own
dependency) rather than the aws CLI: one process instead of a hundred CLI
start-ups keeps the test's time small.

Prints a JSON manifest: for each scenario, the rules whose findings the
defect must produce, and the ids, ARNs and names that are its own (the test
attributes each finding to a scenario by them).

Refuses to run unless AWS_ENDPOINT_URL is a loopback emulator.
"""
import json
import os
import sys
from urllib.parse import urlparse

import boto3

ENDPOINT = os.environ.get("AWS_ENDPOINT_URL", "")
if urlparse(ENDPOINT).hostname not in ("127.0.0.1", "localhost", "::1"):
    sys.exit("refusing to run: AWS_ENDPOINT_URL is not a loopback emulator")

REGION = "us-east-1"
CLUSTER = "roundtrip"
session = boto3.session.Session(region_name=REGION)
ec2, ecs, elbv2, iam, logs, ssm, ecr, s3, sts = (session.client(name) for name in
                                                 ("ec2", "ecs", "elbv2", "iam", "logs", "ssm", "ecr", "s3", "sts"))
ACCOUNT = sts.get_caller_identity()["Account"]
MANIFEST = {}

TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}


def scenario(name, rules, *resources):
    MANIFEST[name] = {"rules": sorted(rules), "resources": [r for r in resources if r]}


def vpc(cidr):
    vpc_id = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    # moto's run-task and the endpoints' private DNS need DNS hostnames on.
    ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsHostnames={"Value": True})
    return vpc_id


def subnet(vpc_id, cidr, zone="us-east-1a"):
    return ec2.create_subnet(VpcId=vpc_id, CidrBlock=cidr, AvailabilityZone=zone)["Subnet"]["SubnetId"]


def main_route_table(vpc_id):
    tables = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "association.main", "Values": ["true"]}])
    return tables["RouteTables"][0]["RouteTableId"]


def security_group(name, vpc_id, egress=True):
    group = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc_id)["GroupId"]
    if not egress:
        ec2.revoke_security_group_egress(GroupId=group, IpPermissions=[{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    return group


def internet_gateway(vpc_id, route_table=None):
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc_id)
    if route_table:
        ec2.create_route(RouteTableId=route_table, DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)
    return gateway


def endpoints(vpc_id, subnet_id, route_table, task_group, https_open=True, s3_on_route_table=True):
    """The interface endpoints a task with an ECR image, awslogs and an SSM secret needs, and the S3 gateway endpoint."""
    group = security_group(f"endpoints-{vpc_id}", vpc_id)
    if https_open:
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "UserIdGroupPairs": [{"GroupId": task_group}]}])
    ids = [group]
    for service in ("ecr.api", "ecr.dkr", "logs", "ssm"):
        ids.append(ec2.create_vpc_endpoint(VpcId=vpc_id, VpcEndpointType="Interface", ServiceName=f"com.amazonaws.{REGION}.{service}",
                                           SubnetIds=[subnet_id], SecurityGroupIds=[group], PrivateDnsEnabled=True)["VpcEndpoint"]["VpcEndpointId"])
    ids.append(ec2.create_vpc_endpoint(VpcId=vpc_id, VpcEndpointType="Gateway", ServiceName=f"com.amazonaws.{REGION}.s3",
                                       RouteTableIds=[route_table] if s3_on_route_table else [])["VpcEndpoint"]["VpcEndpointId"])
    return ids


def execution_role(name, trusted="ecs-tasks.amazonaws.com", read_parameters=True):
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": trusted}, "Action": "sts:AssumeRole"}]}
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    iam.attach_role_policy(RoleName=name, PolicyArn="arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
    if read_parameters:
        iam.put_role_policy(RoleName=name, PolicyName="read-parameters", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ssm:GetParameters",
                                                    "Resource": f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/roundtrip/*"}]}))
    return arn


def task_definition(family, role_arn, image, health_path="/health", environment_file=None):
    container = {
        "name": "app", "image": image, "memory": 512, "essential": True,
        "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
        "secrets": [{"name": "API_KEY", "valueFrom": f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/roundtrip/api-key"}],
        "healthCheck": {"command": ["CMD-SHELL", f"curl -f http://localhost:8080{health_path} || exit 1"], "interval": 30, "timeout": 5, "retries": 3},
        "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/roundtrip", "awslogs-region": REGION, "awslogs-stream-prefix": "app"}},
    }
    if environment_file:
        container["environmentFiles"] = [{"value": environment_file, "type": "s3"}]
    return ecs.register_task_definition(family=family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
                                        executionRoleArn=role_arn, containerDefinitions=[container])["taskDefinition"]["taskDefinitionArn"]


def service(name, definition, subnets, group, public=False, target_group=None):
    arguments = dict(cluster=CLUSTER, serviceName=name, taskDefinition=definition, desiredCount=1, launchType="FARGATE",
                     networkConfiguration={"awsvpcConfiguration": {"subnets": subnets, "securityGroups": [group],
                                                                   "assignPublicIp": "ENABLED" if public else "DISABLED"}})
    if target_group:
        arguments["loadBalancers"] = [{"targetGroupArn": target_group, "containerName": "app", "containerPort": 8080}]
    return ecs.create_service(**arguments)["service"]["serviceArn"]


def main():
    ecs.create_cluster(clusterName=CLUSTER)
    logs.create_log_group(logGroupName="/ecs/roundtrip")
    ssm.put_parameter(Name="/roundtrip/api-key", Type="SecureString", Value="Planted-Parameter-Value-3e1f")
    ecr.create_repository(repositoryName="roundtrip-web")
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7023,
                           "digest": "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"}, "layers": []}
    ecr.put_image(repositoryName="roundtrip-web", imageTag="1.0", imageManifest=json.dumps(manifest))
    image = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/roundtrip-web:1.0"
    good_role = execution_role("roundtrip-execution")
    good = task_definition("roundtrip-web", good_role, image)

    # 1. A private subnet with no NAT, no internet gateway and no endpoints.
    v = vpc("10.41.0.0/16")
    s = subnet(v, "10.41.1.0/24")
    g = security_group("rt-endpoints-task", v)
    scenario("missing-endpoints", ["missing-vpc-endpoint"], v, s, g, main_route_table(v),
             service("missing-endpoints", good, [s], g))

    # 2. Every endpoint, but the S3 gateway endpoint is on no route table.
    v = vpc("10.42.0.0/16")
    s = subnet(v, "10.42.1.0/24")
    g = security_group("rt-s3-task", v)
    table = main_route_table(v)
    ids = endpoints(v, s, table, g, s3_on_route_table=False)
    scenario("s3-gateway-not-on-route-table", ["s3-gateway-endpoint-not-associated"], v, s, g, table, *ids,
             service("s3-gateway-not-on-route-table", good, [s], g))

    # 3. A public IP in a subnet whose route table has no route to the attached internet gateway.
    v = vpc("10.43.0.0/16")
    s = subnet(v, "10.43.1.0/24")
    g = security_group("rt-public-task", v)
    table = main_route_table(v)
    gateway = internet_gateway(v)
    scenario("public-ip-without-igw-route", ["public-ip-without-igw"], v, s, g, table, gateway,
             service("public-ip-without-igw-route", good, [s], g, public=True))

    # 4. A public subnet routed to an internet gateway, but the task security group allows no egress.
    v = vpc("10.44.0.0/16")
    s = subnet(v, "10.44.1.0/24")
    g = security_group("rt-egress-task", v, egress=False)
    table = main_route_table(v)
    gateway = internet_gateway(v, table)
    scenario("task-sg-without-egress", ["task-sg-blocks-egress"], v, s, g, table, gateway,
             service("task-sg-without-egress", good, [s], g, public=True))

    # 5. Every endpoint, but their security group admits nothing on 443.
    v = vpc("10.45.0.0/16")
    s = subnet(v, "10.45.1.0/24")
    g = security_group("rt-endpoint-sg-task", v)
    table = main_route_table(v)
    ids = endpoints(v, s, table, g, https_open=False)
    scenario("endpoint-sg-without-443", ["endpoint-sg-blocks-https"], v, s, g, table, *ids,
             service("endpoint-sg-without-443", good, [s], g))

    # 6-9 share a healthy public network with a load balancer.
    v = vpc("10.46.0.0/16")
    subnets = [subnet(v, "10.46.1.0/24", "us-east-1a"), subnet(v, "10.46.2.0/24", "us-east-1b")]
    table = main_route_table(v)
    internet_gateway(v, table)
    lb_group = security_group("rt-alb", v)
    ec2.authorize_security_group_ingress(GroupId=lb_group, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    task_group = security_group("rt-lb-task", v)
    ec2.authorize_security_group_ingress(GroupId=task_group, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": lb_group}]}])
    balancer = elbv2.create_load_balancer(Name="rt-alb", Subnets=subnets, SecurityGroups=[lb_group])["LoadBalancers"][0]["LoadBalancerArn"]

    def target_group(name, target_type, path):
        arn = elbv2.create_target_group(Name=name, Protocol="HTTP", Port=8080, VpcId=v, TargetType=target_type,
                                        HealthCheckPath=path)["TargetGroups"][0]["TargetGroupArn"]
        listener_port = 8000 + len(MANIFEST)
        elbv2.create_listener(LoadBalancerArn=balancer, Protocol="HTTP", Port=listener_port,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": arn}])
        return arn

    # 6. An instance target group for an awsvpc service.
    tg = target_group("rt-instance", "instance", "/health")
    scenario("instance-target-type", ["target-type-mismatch"], tg, service("instance-target-type", good, subnets, task_group, True, tg))

    # 7. The target group checks /health/; the container serves /health.
    tg = target_group("rt-slash", "ip", "/health/")
    scenario("health-check-path-slash", ["health-check-path-mismatch"], tg, service("health-check-path-slash", good, subnets, task_group, True, tg))

    # 8. The execution role trusts ec2.amazonaws.com.
    role = execution_role("roundtrip-trusts-ec2", trusted="ec2.amazonaws.com")
    definition = task_definition("roundtrip-trust", role, image)
    tg = target_group("rt-trust", "ip", "/health")
    scenario("execution-role-trusts-ec2", ["execution-role-trust"], "roundtrip-trusts-ec2", role,
             service("execution-role-trusts-ec2", definition, subnets, task_group, True, tg))

    # 9. The execution role may not read the SSM secret or the S3 environment file.
    s3.create_bucket(Bucket="roundtrip-config")
    s3.put_object(Bucket="roundtrip-config", Key="web.env", Body=b"MODE=production\n")
    role = execution_role("roundtrip-no-secrets", read_parameters=False)
    definition = task_definition("roundtrip-secrets", role, image, environment_file="arn:aws:s3:::roundtrip-config/web.env")
    tg = target_group("rt-secrets", "ip", "/health")
    scenario("execution-role-without-secret-permissions", ["execution-role-cannot-read-env-file", "execution-role-cannot-read-secrets"],
             "roundtrip-no-secrets", role, service("execution-role-without-secret-permissions", definition, subnets, task_group, True, tg))

    print(json.dumps(MANIFEST, indent=2, sort_keys=True))


main()
