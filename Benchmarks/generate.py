#!/usr/bin/env python3
"""Deterministic generator of account-scale ECS snapshots (merged snapshot form).

Usage: Benchmarks/generate.py SIZE [--seed N] > snapshot.json
SIZE is small (~50 KB, one service), medium (~5 MB), large (~50 MB, ~20,000 tasks)
or huge (~250 MB), or a number of tasks. About one task in ten has stopped with a
real failure message, a few services have a real configuration defect.
"""
import json
import random
import sys

SIZES = {"small": 24, "medium": 2000, "large": 20000, "huge": 135000}
REGION, ACCOUNT = "us-east-1", "111122223333"
FAILURES = [
    'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.us-east-1.amazonaws.com/": dial tcp 52.46.145.142:443: i/o timeout',
    "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/{service}/0123456789abcdef)",
    "Essential container in task exited",
    "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 111122223333.dkr.ecr.us-east-1.amazonaws.com/{service}:9.9.9: not found",
    "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1",
    "Task failed container health checks",
]


def arn(kind, name):
    return f"arn:aws:ecs:{REGION}:{ACCOUNT}:{kind}/{name}"


def main():
    size = sys.argv[1] if len(sys.argv) > 1 else "small"
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    tasks_total = SIZES.get(size) or int(size)
    rng = random.Random(seed)
    tasks_per_service = 6
    services_count = max(1, tasks_total // tasks_per_service)
    clusters = max(1, services_count // 200)
    vpcs = max(1, services_count // 100)
    snap = {"snapshotVersion": 1, "region": REGION, "accountId": ACCOUNT, "clusters": [], "services": [], "tasks": [],
            "taskDefinitions": [], "Vpcs": [], "VpcAttributes": [], "Subnets": [], "RouteTables": [], "InternetGateways": [],
            "NatGateways": [], "VpcEndpoints": [], "SecurityGroups": [], "NetworkAcls": [], "TargetGroups": [], "LoadBalancers": [],
            "TargetHealth": {}, "RoleDetailList": [], "logGroups": []}
    for c in range(clusters):
        snap["clusters"].append({"clusterArn": arn("cluster", f"c{c}"), "clusterName": f"c{c}", "status": "ACTIVE"})
    for v in range(vpcs):
        vpc = f"vpc-{v:08x}"
        snap["Vpcs"].append({"VpcId": vpc, "CidrBlock": f"10.{v % 250}.0.0/16", "State": "available"})
        snap["VpcAttributes"].append({"VpcId": vpc, "EnableDnsSupport": {"Value": True}, "EnableDnsHostnames": {"Value": True}})
        snap["InternetGateways"].append({"InternetGatewayId": f"igw-{v:08x}", "Attachments": [{"State": "available", "VpcId": vpc}]})
        public = f"subnet-p{v:07x}"
        snap["Subnets"].append({"SubnetId": public, "VpcId": vpc, "CidrBlock": f"10.{v % 250}.250.0/24", "AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": 240})
        snap["RouteTables"].append({"RouteTableId": f"rtb-p{v:07x}", "VpcId": vpc, "Associations": [{"Main": False, "SubnetId": public}],
                                    "Routes": [{"DestinationCidrBlock": f"10.{v % 250}.0.0/16", "GatewayId": "local", "State": "active"},
                                               {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": f"igw-{v:08x}", "State": "active"}]})
        snap["NatGateways"].append({"NatGatewayId": f"nat-{v:08x}", "SubnetId": public, "VpcId": vpc, "State": "available", "ConnectivityType": "public"})
        for az in range(3):
            sid = f"subnet-{v:05x}{az:02x}"
            snap["Subnets"].append({"SubnetId": sid, "VpcId": vpc, "CidrBlock": f"10.{v % 250}.{az}.0/24", "AvailabilityZone": f"us-east-1{'abc'[az]}", "AvailableIpAddressCount": 200})
            snap["RouteTables"].append({"RouteTableId": f"rtb-{v:05x}{az:02x}", "VpcId": vpc, "Associations": [{"Main": False, "SubnetId": sid}],
                                        "Routes": [{"DestinationCidrBlock": f"10.{v % 250}.0.0/16", "GatewayId": "local", "State": "active"},
                                                   {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": f"nat-{v:08x}", "State": "active"}]})
        snap["NetworkAcls"].append({"NetworkAclId": f"acl-{v:08x}", "VpcId": vpc, "IsDefault": True, "Associations": [],
                                    "Entries": [{"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": e, "CidrBlock": "0.0.0.0/0"} for e in (True, False)]
                                    + [{"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": e, "CidrBlock": "0.0.0.0/0"} for e in (True, False)]})
        for e, svc in enumerate(["ecr.api", "ecr.dkr", "logs"]):
            snap["VpcEndpoints"].append({"VpcEndpointId": f"vpce-{v:06x}{e:02x}", "VpcEndpointType": "Interface", "VpcId": vpc, "ServiceName": f"com.amazonaws.{REGION}.{svc}",
                                         "State": "available", "SubnetIds": [f"subnet-{v:05x}{az:02x}" for az in range(3)], "Groups": [{"GroupId": f"sg-e{v:07x}"}],
                                         "PrivateDnsEnabled": True, "RouteTableIds": []})
        snap["SecurityGroups"].append({"GroupId": f"sg-e{v:07x}", "VpcId": vpc, "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": f"10.{v % 250}.0.0/16"}]}], "IpPermissionsEgress": []})
    snap["RoleDetailList"].append({"RoleName": "ecsTaskExecutionRole", "Arn": f"arn:aws:iam::{ACCOUNT}:role/ecsTaskExecutionRole",
                                   "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                                   "RolePolicyList": [], "AttachedManagedPolicies": [{"PolicyName": "AmazonECSTaskExecutionRolePolicy", "PolicyArn": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"}]})
    task_number = 0
    for s in range(services_count):
        name = f"svc-{s:05d}"
        v = s % vpcs
        cluster = f"c{s % clusters}"
        family = f"{name}:{rng.randint(1, 40)}"
        tg = f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:targetgroup/{name}/{s:016x}"
        defect = rng.random()
        path = "/health/" if defect < 0.01 else "/health"
        snap["taskDefinitions"].append({
            "taskDefinitionArn": arn("task-definition", family), "family": family.split(":")[0], "revision": int(family.split(":")[1]),
            "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "compatibilities": ["EC2", "FARGATE"], "cpu": "512", "memory": "1024",
            "executionRoleArn": f"arn:aws:iam::{ACCOUNT}:role/ecsTaskExecutionRole",
            "containerDefinitions": [{"name": "app", "image": f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/{name}:1.{s % 9}.{s % 7}", "essential": True,
                                      "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}],
                                      "environment": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "HEALTH_PATH", "value": "/health"}],
                                      "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], "interval": 30, "retries": 3, "startPeriod": 30},
                                      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": f"/ecs/{name}", "awslogs-region": REGION, "awslogs-stream-prefix": "app"}}}]})
        snap["logGroups"].append({"logGroupName": f"/ecs/{name}", "arn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/ecs/{name}:*"})
        snap["SecurityGroups"].append({"GroupId": f"sg-{s:08x}", "VpcId": f"vpc-{v:08x}", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": f"sg-l{v:07x}"}]}],
                                       "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]})
        snap["TargetGroups"].append({"TargetGroupArn": tg, "TargetGroupName": name, "Protocol": "HTTP", "Port": 8080, "VpcId": f"vpc-{v:08x}", "HealthCheckProtocol": "HTTP",
                                     "HealthCheckPort": "traffic-port", "HealthCheckPath": path, "HealthCheckIntervalSeconds": 30, "UnhealthyThresholdCount": 2,
                                     "Matcher": {"HttpCode": "200"}, "TargetType": "ip", "LoadBalancerArns": [f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/app/lb{v}/{v:016x}"]})
        subnets = [f"subnet-{v:05x}{az:02x}" for az in range(3)]
        events = [{"id": f"e{s}-{k}", "createdAt": f"2026-11-20T{10 + k % 10:02d}:00:00Z", "message": f"(service {name}) has reached a steady state."} for k in range(20)]
        health = []
        for t in range(tasks_per_service):
            task_number += 1
            task_id = f"{task_number:032x}"
            stopped = rng.random() < 0.1
            ip = f"10.{v % 250}.{t % 3}.{(s * 7 + t) % 250 + 2}"
            task = {"taskArn": arn("task", f"{cluster}/{task_id}"), "clusterArn": arn("cluster", cluster), "taskDefinitionArn": arn("task-definition", family),
                    "group": f"service:{name}", "launchType": "FARGATE", "lastStatus": "STOPPED" if stopped else "RUNNING", "desiredStatus": "STOPPED" if stopped else "RUNNING",
                    "cpu": "512", "memory": "1024", "createdAt": "2026-11-20T09:00:00.000Z", "startedAt": "2026-11-20T09:01:00.000Z", "availabilityZone": "us-east-1a",
                    "attachments": [{"id": task_id, "type": "ElasticNetworkInterface", "status": "DELETED" if stopped else "ATTACHED",
                                     "details": [{"name": "subnetId", "value": subnets[t % 3]}, {"name": "networkInterfaceId", "value": f"eni-{task_number:017x}"},
                                                 {"name": "privateIPv4Address", "value": ip}]}],
                    "containers": [{"name": "app", "lastStatus": "STOPPED" if stopped else "RUNNING", "image": f"{name}:1"}]}
            if stopped:
                message = rng.choice(FAILURES).format(service=name)
                task.update({"stopCode": "TaskFailedToStart", "stoppedReason": message, "stoppingAt": "2026-11-20T09:03:00.000Z", "stoppedAt": "2026-11-20T09:04:00.000Z"})
                task["containers"][0]["exitCode"] = 1
            snap["tasks"].append(task)
            health.append({"Target": {"Id": ip, "Port": 8080, "AvailabilityZone": "us-east-1a"}, "HealthCheckPort": "8080",
                           "TargetHealth": {"State": "healthy"} if not stopped else {"State": "unhealthy", "Reason": "Target.ResponseCodeMismatch", "Description": "Health checks failed with these codes: [404]"}})
        snap["TargetHealth"][tg] = health
        snap["services"].append({"serviceArn": arn("service", f"{cluster}/{name}"), "serviceName": name, "clusterArn": arn("cluster", cluster), "status": "ACTIVE",
                                 "desiredCount": tasks_per_service, "runningCount": tasks_per_service, "launchType": "FARGATE", "taskDefinition": arn("task-definition", family),
                                 "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": True, "rollback": True}, "maximumPercent": 200, "minimumHealthyPercent": 100},
                                 "loadBalancers": [{"targetGroupArn": tg, "containerName": "app", "containerPort": 8080}], "healthCheckGracePeriodSeconds": 60,
                                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": subnets, "securityGroups": [f"sg-{s:08x}"], "assignPublicIp": "DISABLED"}},
                                 "schedulingStrategy": "REPLICA", "events": events,
                                 "deployments": [{"id": f"ecs-svc/{s:019d}", "status": "PRIMARY", "taskDefinition": arn("task-definition", family), "rolloutState": "COMPLETED"}]})
    json.dump(snap, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
