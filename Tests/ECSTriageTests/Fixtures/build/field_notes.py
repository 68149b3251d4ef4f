#!/usr/bin/env python3
"""Builds the field-note scenarios of ../field-notes/ (see ../field-notes/README.md).

Each scenario is a folder of inputs as a user would hand them over (the outputs of
the `aws` commands listed in its expected.json, and pasted text), plus expected.json.
JSON inputs come from a stack deployed into a loopback moto_server, collected with
`ecs-triage collect`, corrected to real AWS shapes (fixturekit.Realify), given the
runtime state of the failure, then split into one file per `aws` command.

    AWS_ENDPOINT_URL=http://127.0.0.1:PORT WORK=/tmp/field-notes python3 field_notes.py [SCENARIO...]
"""
import json
import os
import sys

from fixturekit import (ACCOUNT, T0, Deployer, Realify, cdk_vpc, client, collect, raw, run_service_tasks, stable, stable_uuid, write)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.environ.get("FIELD_NOTES_OUT", os.path.join(HERE, "..", "field-notes"))
SCENARIOS = {}


def scenario(function):
    SCENARIOS[function.__name__.replace("_", "-")] = function
    return function


# --- one file per aws command ----------------------------------------------------

PLAIN = {  # snapshot key -> (file, command template)
    "services": ("describe-services.json", "aws ecs describe-services --cluster {cluster} --services {service}"),
    "tasks": ("describe-tasks.json", "aws ecs describe-tasks --cluster {cluster} --tasks ..."),
    "clusters": ("describe-clusters.json", "aws ecs describe-clusters --clusters {cluster}"),
    "containerInstances": ("describe-container-instances.json", "aws ecs describe-container-instances --cluster {cluster} --container-instances ..."),
    "Reservations": ("describe-instances.json", "aws ec2 describe-instances --instance-ids ..."),
    "Vpcs": ("describe-vpcs.json", "aws ec2 describe-vpcs --vpc-ids {vpc}"),
    "Subnets": ("describe-subnets.json", "aws ec2 describe-subnets --subnet-ids ..."),
    "RouteTables": ("describe-route-tables.json", "aws ec2 describe-route-tables --filters Name=vpc-id,Values={vpc}"),
    "InternetGateways": ("describe-internet-gateways.json", "aws ec2 describe-internet-gateways --filters Name=attachment.vpc-id,Values={vpc}"),
    "NatGateways": ("describe-nat-gateways.json", "aws ec2 describe-nat-gateways --filter Name=vpc-id,Values={vpc}"),
    "VpcEndpoints": ("describe-vpc-endpoints.json", "aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values={vpc}"),
    "SecurityGroups": ("describe-security-groups.json", "aws ec2 describe-security-groups --group-ids ..."),
    "NetworkAcls": ("describe-network-acls.json", "aws ec2 describe-network-acls --filters Name=vpc-id,Values={vpc}"),
    "NetworkInterfaces": ("describe-network-interfaces.json", "aws ec2 describe-network-interfaces --network-interface-ids ..."),
    "PrefixLists": ("describe-prefix-lists.json", "aws ec2 describe-prefix-lists"),
    "LoadBalancers": ("describe-load-balancers.json", "aws elbv2 describe-load-balancers --load-balancer-arns ..."),
    "TargetGroups": ("describe-target-groups.json", "aws elbv2 describe-target-groups --target-group-arns ..."),
    "Listeners": ("describe-listeners.json", "aws elbv2 describe-listeners --load-balancer-arn ..."),
    "logGroups": ("describe-log-groups.json", "aws logs describe-log-groups --log-group-name-prefix ..."),
    "repositories": ("describe-repositories.json", "aws ecr describe-repositories --repository-names ..."),
    "imageDetails": ("describe-images.json", "aws ecr describe-images --repository-name ..."),
    "MountTargets": ("describe-mount-targets.json", "aws efs describe-mount-targets --file-system-id ..."),
    "FileSystems": ("describe-file-systems.json", "aws efs describe-file-systems --file-system-id ..."),
}
EMPTY_FAILURES = {"services", "tasks", "clusters", "containerInstances"}


def split(snapshot, keys, context):
    """The documents a user would have: {file name: (document, command)}."""
    files = {}
    for key in keys:
        if key in PLAIN:
            name, command = PLAIN[key]
            document = {key: snapshot.get(key, [])}
            if key in EMPTY_FAILURES:
                document["failures"] = []
            files[name] = (document, command.format(**context))
        elif key == "taskDefinitions":
            definitions = snapshot["taskDefinitions"]
            for definition in definitions:
                name = "describe-task-definition.json" if len(definitions) == 1 else f"describe-task-definition-{definition['family']}-{definition['revision']}.json"
                files[name] = ({"taskDefinition": definition, "tags": []},
                               f"aws ecs describe-task-definition --task-definition {definition['family']}:{definition['revision']}")
        elif key == "TargetHealth":
            health = snapshot.get("TargetHealth", {})
            for index, (arn, descriptions) in enumerate(sorted(health.items())):
                name = "describe-target-health.json" if len(health) == 1 else f"describe-target-health-{index + 1}.json"
                files[name] = ({"TargetHealthDescriptions": descriptions}, f"aws elbv2 describe-target-health --target-group-arn {arn}")
        elif key == "VpcAttributes":
            for attributes in snapshot.get("VpcAttributes", []):
                for attribute, flag in (("EnableDnsSupport", "enableDnsSupport"), ("EnableDnsHostnames", "enableDnsHostnames")):
                    files[f"describe-vpc-attribute-{flag}.json"] = ({"VpcId": attributes["VpcId"], attribute: attributes[attribute]},
                                                                    f"aws ec2 describe-vpc-attribute --vpc-id {attributes['VpcId']} --attribute {flag}")
        elif key == "RoleDetailList":
            # collect merges get-role / get-policy fields that get-account-authorization-details does not print
            roles = [{k: v for k, v in role.items() if k not in ("MaxSessionDuration", "Description")} for role in snapshot.get("RoleDetailList", [])]
            policies = [{k: v for k, v in policy.items() if k != "Tags"} for policy in snapshot.get("Policies", [])]
            files["get-account-authorization-details.json"] = (
                {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": roles, "Policies": policies},
                "aws iam get-account-authorization-details --filter Role LocalManagedPolicy")
        else:
            raise KeyError(key)
    return files


def emit(name, *, seed, story, expect_first, files=None, text=None, expect_resources=(), must_mention=(), must_not_mention=(),
         expect_also=(), proposed=None, max_findings_of_rule=None, notes=None):
    """Writes ../field-notes/<name>/: the inputs and expected.json."""
    folder = os.path.join(OUT, name)
    os.makedirs(folder, exist_ok=True)
    for existing in os.listdir(folder):
        os.remove(os.path.join(folder, existing))
    inputs = []
    for file_name, (document, command) in sorted((files or {}).items()):
        write(os.path.join(folder, file_name), document)
        inputs.append({"file": file_name, "command": command})
    for file_name, (content, origin) in sorted((text or {}).items()):
        with open(os.path.join(folder, file_name), "w") as handle:
            handle.write(content.rstrip("\n") + "\n")
        inputs.append({"file": file_name, "command": origin})
    expected = {"scenario": name, "seed": seed, "story": story, "expectFirst": list(expect_first),
                "expectResources": list(expect_resources), "mustMention": list(must_mention), "mustNotMention": list(must_not_mention),
                "expectAlso": list(expect_also), "inputs": inputs}
    if proposed:
        expected["proposedRules"] = proposed
    if max_findings_of_rule:
        expected["maxFindingsOfRule"] = max_findings_of_rule
    if notes:
        expected["notes"] = notes
    write(os.path.join(folder, "expected.json"), expected)


def base(s, region):
    r = Realify(s, region)
    r.only_service_tasks()
    r.network_interfaces()
    r.network_acls()
    r.task_definitions()
    return r


def context_of(s):
    service = s["services"][0] if s.get("services") else None
    return {"cluster": (service or s["tasks"][0])["clusterArn"].rsplit("/", 1)[1], "service": service["serviceName"] if service else "",
            "vpc": s["Vpcs"][0]["VpcId"] if s.get("Vpcs") else ""}


def main(names):
    for name in names or sorted(SCENARIOS):
        SCENARIOS[name]()
        print("wrote", name)


# --- network -------------------------------------------------------------------------

ECR_TIMEOUT = ('ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve '
               'ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post '
               '"https://api.ecr.ap-northeast-1.amazonaws.com/": dial tcp {ip}:443: i/o timeout{suffix}')


def private_web(name, region, *, endpoints=(), endpoint_ingress=True, task_egress=True, tasks=3, public_subnets=False):
    """A Fargate web service in private subnets without a NAT gateway (the seed 000 layout):
    ECR image, awslogs, execution role with the managed policy."""
    def deploy():
        d = Deployer(region)
        azs = [region + "a", region + ("c" if region == "ap-northeast-1" else "b")]
        net = d.vpc(name, "10.0.0.0/16", public=[("10.0.0.0/24", azs[0]), ("10.0.1.0/24", azs[1])] if public_subnets else (),
                    private=[("10.0.10.0/24", azs[0]), ("10.0.11.0/24", azs[1])], nat=None)
        task_sg = d.security_group(f"{name}-task", net["vpc"], description=f"{name} tasks", ingress=[Deployer.tcp(8080, cidr="10.0.0.0/16")],
                                   egress=None if task_egress else [])
        if endpoints:
            endpoint_sg = d.security_group(f"{name}-vpce", net["vpc"], description=f"{name} endpoints",
                                           ingress=[Deployer.tcp(443, cidr="10.0.0.0/16")] if endpoint_ingress else [], egress=None)
            for service in endpoints:
                if service == "s3":
                    d.ec2.create_vpc_endpoint(VpcId=net["vpc"], ServiceName=f"com.amazonaws.{region}.s3", VpcEndpointType="Gateway",
                                              RouteTableIds=[net["tables"][s] for s in net["private"]])
                else:
                    d.ec2.create_vpc_endpoint(VpcId=net["vpc"], ServiceName=f"com.amazonaws.{region}.{service}", VpcEndpointType="Interface",
                                              SubnetIds=net["private"], SecurityGroupIds=[endpoint_sg], PrivateDnsEnabled=True)
        d.ecs.create_cluster(clusterName=name)
        execution = d.role("ecsTaskExecutionRole", managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        d.log_group(f"/ecs/{name}")
        image = d.image(name, "1.4.2")
        definition = d.definition(family=name, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
                                  executionRoleArn=execution,
                                  containerDefinitions=[{"name": name, "image": image, "essential": True,
                                                         "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}],
                                                         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": f"/ecs/{name}", "awslogs-region": region, "awslogs-stream-prefix": "ecs"}}}])
        d.service(cluster=name, serviceName=name, taskDefinition=definition, desiredCount=2, launchType="FARGATE",
                  deploymentConfiguration={"deploymentCircuitBreaker": {"enable": True, "rollback": True}, "maximumPercent": 200, "minimumHealthyPercent": 100},
                  networkConfiguration={"awsvpcConfiguration": {"subnets": net["private"], "securityGroups": [task_sg], "assignPublicIp": "DISABLED"}})
        run_service_tasks(d.ecs, name, name, definition, (net["private"] * tasks)[:tasks], [task_sg])
        return collect(region, name, services=[name])
    return deploy


def failing_service(s, region, reason, *, first_failure=T0 - 5400, interval=600, failed_events=True):
    """Every task stopped at start with `reason`; the deployment keeps retrying."""
    r = base(s, region)
    service = s["services"][0]
    name = service["serviceName"]
    r.service(name, running=0, events=[])
    deployment = service["deployments"][0]
    deployment.update({"rolloutState": "IN_PROGRESS", "rolloutStateReason": f"ECS deployment {deployment['id']} in progress.",
                       "failedTasks": len(s["tasks"]), "runningCount": 0, "pendingCount": 0, "createdAt": first_failure - 60})
    service["events"] = []
    for index, task in enumerate(s["tasks"]):
        started = first_failure + index * interval
        r.task(task, status="STOPPED", started=None, stopped=started + 32, stop_code="TaskFailedToStart", stopped_reason=reason,
               containers={c["name"]: {"lastStatus": "STOPPED"} for c in r.definition(task["taskDefinitionArn"])["containerDefinitions"]})
        for field in ("startedAt", "pullStartedAt", "pullStoppedAt", "connectivityAt"):
            task.pop(field, None)
        task["createdAt"] = started
        task["stoppingAt"], task["executionStoppedAt"], task["stoppedAt"] = started + 31, started + 31, started + 32
        for container in task["containers"]:
            container.pop("exitCode", None)
            container.pop("runtimeId", None)
            container.pop("imageDigest", None)
        if failed_events:
            service["events"].insert(0, {"id": stable_uuid(name, index, "started"), "createdAt": started,
                                         "message": f"(service {name}) has started 1 tasks: (task {task['taskArn'].rsplit('/', 1)[1]})."})
    s["NetworkInterfaces"] = []  # the ENIs of stopped tasks are deleted
    return r


@scenario
def s000_private_subnet_ecr_timeout():
    region = "ap-northeast-1"
    s = raw("s000-private-subnet-ecr-timeout", private_web("tasks-api", region))
    reason = ECR_TIMEOUT.format(ip="52.119.220.175", suffix="")
    r = failing_service(s, region, reason)
    emit("s000-private-subnet-ecr-timeout", seed="000",
         story=("Fargate tasks of a service placed in private subnets stop at start with the seed's ECR i/o timeout: the subnets route only "
                "inside the VPC (no NAT gateway, no internet gateway) and the VPC has no endpoints. The tasks need ecr.api and ecr.dkr "
                "(registry auth and manifest), the S3 gateway endpoint (image layers) and logs (awslogs)."),
         expect_first=["missing-vpc-endpoint"], expect_resources=["subnet"],
         must_mention=["com.amazonaws.ap-northeast-1.ecr.api", "com.amazonaws.ap-northeast-1.ecr.dkr", "com.amazonaws.ap-northeast-1.s3",
                       "com.amazonaws.ap-northeast-1.logs"],
         must_not_mention=["execution-role-cannot-pull-image"],
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "Subnets", "RouteTables", "VpcEndpoints", "NatGateways",
                                  "InternetGateways", "SecurityGroups"], context_of(s)),
         notes="expectResources 'subnet': the first finding must name the task subnets (ids differ per build; the test matches the subnet ids of describe-subnets.json).")


@scenario
def issue14_twenty_tasks_same_reason():
    region = "ap-northeast-1"
    s = raw("issue14-twenty-tasks-same-reason", private_web("orders", region, tasks=20))
    reason = ECR_TIMEOUT.format(ip="52.119.220.175", suffix=". Please check your task network configuration.")
    r = failing_service(s, region, reason, interval=240)
    emit("issue14-twenty-tasks-same-reason", seed="issue-14",
         story=("A service's deployment started 20 tasks over 80 minutes; every one stopped with the same ECR i/o timeout from private subnets "
                "without a NAT gateway or endpoints. The answer is one finding for the 20 tasks (their count and the first ids), not 20 findings."),
         expect_first=["missing-vpc-endpoint"], must_mention=["20 tasks"],
         max_findings_of_rule={"missing-vpc-endpoint": 1, "aws-service-unreachable": 1},
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "Subnets", "RouteTables", "VpcEndpoints", "NatGateways",
                                  "InternetGateways", "SecurityGroups"], context_of(s)),
         notes="maxFindingsOfRule: at most one finding of each of these rules (the 20 tasks are one finding, listed inside it).")


@scenario
def issue14_three_defects_on_path():
    region = "eu-west-1"
    s = raw("issue14-three-defects-on-path", private_web("ledger", region, endpoints=("ecr.api", "ecr.dkr", "logs"), endpoint_ingress=False,
                                                            task_egress=False, tasks=2))
    reason = ECR_TIMEOUT.replace("ap-northeast-1", region).format(ip="10.0.10.27", suffix=". Please check your task network configuration.")
    r = failing_service(s, region, reason)
    emit("issue14-three-defects-on-path", seed="issue-14",
         story=("Terraform-built private subnets without NAT: interface endpoints exist for ecr.api, ecr.dkr and logs, but (1) the task security "
                "group has no egress rule at all (Terraform removes the default allow-all egress of a group it manages), (2) the endpoints' "
                "security group admits nothing on 443, and (3) there is no S3 gateway endpoint for the image layers. Each alone blocks the pull; "
                "fixing only the first reported one means deploying, failing and coming back twice."),
         expect_first=["task-sg-blocks-egress", "endpoint-sg-blocks-https", "missing-vpc-endpoint"],
         expect_also=["task-sg-blocks-egress", "endpoint-sg-blocks-https", "missing-vpc-endpoint"],
         must_mention=["com.amazonaws.eu-west-1.s3"],
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "Subnets", "RouteTables", "VpcEndpoints", "NatGateways",
                                  "InternetGateways", "SecurityGroups"], context_of(s)))


@scenario
def s003_public_ip_without_igw():
    """Seed 003's first Terraform stack, as written there."""
    region = "ap-northeast-1"
    def deploy():
        d = Deployer(region)
        vpc = d.ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        d.name(vpc, "golang-ecs-app-vpc")
        d.ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": True})
        d.ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
        subnet = d.ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone="ap-northeast-1a")["Subnet"]["SubnetId"]
        d.name(subnet, "golang-ecs-app-subnet")
        d.ec2.modify_subnet_attribute(SubnetId=subnet, MapPublicIpOnLaunch={"Value": True})
        sg = d.security_group("golang-ecs-app-sg", vpc, description="Allow all traffic", ingress=[Deployer.tcp(8080, cidr="0.0.0.0/0")])
        d.ecs.create_cluster(clusterName="golang-ecs-cluster")
        execution = d.role("ecs_task_execution_role", managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        image = d.image("go-ecs-app", "latest")
        definition = d.definition(family="golang-ecs-app", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
                                  executionRoleArn=execution,
                                  containerDefinitions=[{"name": "golang-ecs-app", "image": image, "essential": True,
                                                         "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}]}])
        d.service(cluster="golang-ecs-cluster", serviceName="golang-ecs-app-service", taskDefinition=definition, desiredCount=1, launchType="FARGATE",
                  networkConfiguration={"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [sg], "assignPublicIp": "ENABLED"}})
        run_service_tasks(d.ecs, "golang-ecs-cluster", "golang-ecs-app-service", definition, [subnet] * 3, [sg], public="ENABLED")
        return collect(region, "golang-ecs-cluster", services=["golang-ecs-app-service"])
    s = raw("s003-public-ip-without-igw", deploy)
    reason = ECR_TIMEOUT.format(ip="99.77.62.61", suffix=". Please check your task network configuration.")
    r = failing_service(s, region, reason, first_failure=T0 - 3600, interval=300)
    emit("s003-public-ip-without-igw", seed="003",
         story=("Seed 003's first apply: a VPC and one subnet with map_public_ip_on_launch, the service with a public IP, but no internet gateway "
                "and no route table of its own (the subnet uses the VPC's main table: local route only). Tasks stop with the seed's exact "
                "'dial tcp 99.77.62.61:443: i/o timeout. Please check your task network configuration.' The author fixed it by adding an "
                "internet gateway and a 0.0.0.0/0 route associated with the subnet."),
         expect_first=["public-ip-without-igw"], expect_resources=["subnet"], must_mention=["internet gateway", "0.0.0.0/0"],
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "Subnets", "RouteTables", "InternetGateways", "SecurityGroups", "Vpcs"], context_of(s)))


# --- load balancing ---------------------------------------------------------------------

def alb_web(name, region, *, health_path="/", interval=30, healthy=5, unhealthy=2, grace=None, container_health=None, target_type="ip",
            container_port=8080, tasks=2, image_tag="1.0.0"):
    """A Fargate service in NAT-backed private subnets behind an internet-facing ALB whose group
    the tasks admit on the container port (the CDK pattern's wiring)."""
    def deploy():
        d = Deployer(region)
        net = cdk_vpc(d, name)
        lb_sg = d.security_group(f"{name}-alb", net["vpc"], description=f"{name} load balancer", ingress=[Deployer.tcp(80, cidr="0.0.0.0/0")])
        task_sg = d.security_group(f"{name}-tasks", net["vpc"], description=f"{name} tasks", ingress=[Deployer.tcp(container_port, group=lb_sg)])
        d.ecs.create_cluster(clusterName=name)
        lb = d.load_balancer(name, net["public"], [lb_sg])
        tg = d.target_group(f"{name}-tg", net["vpc"], container_port, path=health_path, interval=interval, healthy=healthy, unhealthy=unhealthy,
                            target_type=target_type)
        d.listener(lb, tg)
        execution = d.role(f"{name}-execution", managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        d.log_group(f"/ecs/{name}")
        image = d.image(name, image_tag)
        container = {"name": name, "image": image, "essential": True,
                     "portMappings": [{"containerPort": container_port, "hostPort": container_port, "protocol": "tcp"}],
                     "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": f"/ecs/{name}", "awslogs-region": region, "awslogs-stream-prefix": "ecs"}}}
        if container_health:
            container["healthCheck"] = container_health
        definition = d.definition(family=name, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512", memory="1024",
                                  executionRoleArn=execution, containerDefinitions=[container])
        arguments = dict(cluster=name, serviceName=name, taskDefinition=definition, desiredCount=2, launchType="FARGATE",
                         loadBalancers=[{"targetGroupArn": tg, "containerName": name, "containerPort": container_port}],
                         deploymentConfiguration={"deploymentCircuitBreaker": {"enable": False, "rollback": False}, "maximumPercent": 200, "minimumHealthyPercent": 100},
                         networkConfiguration={"awsvpcConfiguration": {"subnets": net["private"], "securityGroups": [task_sg], "assignPublicIp": "DISABLED"}})
        if grace is not None:
            arguments["healthCheckGracePeriodSeconds"] = grace
        d.service(**arguments)
        run_service_tasks(d.ecs, name, name, definition, (net["private"] * tasks)[:tasks], [task_sg])
        return collect(region, name, services=[name])
    return deploy


def killed_by_elb(s, region, *, lifetime, reason_code, description, port, grace=0, spacing=180):
    """Tasks that started, answered health checks wrongly (or not yet) and were stopped by
    the scheduler for failing ELB health checks `lifetime` seconds after they started."""
    r = base(s, region)
    service = s["services"][0]
    name = service["serviceName"]
    group = service["loadBalancers"][0]["targetGroupArn"]
    r.target_group_port(group, port)
    r.service(name, running=0, grace=grace, events=[])
    deployment = service["deployments"][0]
    deployment.update({"rolloutState": "IN_PROGRESS", "rolloutStateReason": f"ECS deployment {deployment['id']} in progress.",
                       "failedTasks": len(s["tasks"]), "runningCount": 0})
    events, targets = [], []
    for index, task in enumerate(s["tasks"]):
        started = T0 - 3600 + index * spacing
        r.task(task, status="STOPPED", started=started, stopped=started + lifetime + 30, stop_code="ServiceSchedulerInitiated",
               stopped_reason=f"Task failed ELB health checks in (target-group {group})",
               containers={name: {"exitCode": 143}})
        task["stoppingAt"] = started + lifetime
        task_id = task["taskArn"].rsplit("/", 1)[1]
        ip = r.task_ip(task)
        events[:0] = [
            {"id": stable_uuid(name, index, "start"), "createdAt": started - 40, "message": f"(service {name}) has started 1 tasks: (task {task_id})."},
            {"id": stable_uuid(name, index, "unhealthy"), "createdAt": started + lifetime - 2,
             "message": f"(service {name}) (port {port}) is unhealthy in (target-group {group}) due to (reason {description})."},
            {"id": stable_uuid(name, index, "stop"), "createdAt": started + lifetime,
             "message": f"(service {name}) has stopped 1 running tasks: (task {task_id})."},
            {"id": stable_uuid(name, index, "deregister"), "createdAt": started + lifetime + 1,
             "message": f"(service {name}) deregistered 1 targets in (target-group {group})"},
        ][::-1]
        targets.append((ip, port, task["availabilityZone"]))
    service["events"] = sorted(events, key=lambda e: -e["createdAt"])
    r.target_health(group, targets[-1:], state="unhealthy", reason=reason_code, description=description)
    s["NetworkInterfaces"] = []
    return r, group


@scenario
def s000_health_check_trailing_slash():
    region = "ap-northeast-1"
    s = raw("s000-health-check-trailing-slash", alb_web("shop-web", region, health_path="/health-check/", interval=30, unhealthy=2, grace=60,
                                                         container_health={"command": ["CMD-SHELL", "curl -f http://localhost:8080/health-check || exit 1"],
                                                                           "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 10}))
    r, group = killed_by_elb(s, region, lifetime=95, reason_code="Target.ResponseCodeMismatch",
                             description="Health checks failed with these codes: [404]", port=8080, grace=60)
    emit("s000-health-check-trailing-slash", seed="000",
         story=("The target group checks /health-check/ while the application serves /health-check (the container's own health check curls "
                "/health-check and passes). The load balancer gets 404, the service stops each task after the grace period. The seed's point: "
                "/health-check and /health-check/ are different paths."),
         expect_first=["health-check-path-mismatch"], expect_resources=[group], must_mention=["/health-check/", "/health-check"],
         must_not_mention=["health-check-grace-period-too-short"],
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "TargetGroups", "TargetHealth"], context_of(s)))


SLOW_START_LOG = """2026-11-20T08:00:{s:02d}.412Z  INFO 1 --- [           main] c.e.orders.OrdersApplication             : Starting OrdersApplication v2.7.0 using Java 21.0.5 with PID 1
2026-11-20T08:00:{s2:02d}.905Z  INFO 1 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat initialized with port 8080 (http)
2026-11-20T08:01:{s3:02d}.118Z  INFO 1 --- [           main] o.f.c.i.s.DefaultSqlScriptExecutor       : Running migrations, 41 pending
2026-11-20T08:01:{s4:02d}.530Z  INFO 1 --- [ionShutdownHook] o.s.b.w.e.tomcat.GracefulShutdown        : Commencing graceful shutdown. Waiting for active requests to complete
"""


@scenario
def s000_slow_start_killed_no_grace():
    region = "ap-northeast-1"
    s = raw("s000-slow-start-killed-no-grace", alb_web("orders", region, health_path="/actuator/health", interval=10, unhealthy=3, healthy=2))
    r, group = killed_by_elb(s, region, lifetime=48, reason_code="Target.FailedHealthChecks", description="Request timed out", port=8080, grace=0)
    emit("s000-slow-start-killed-no-grace", seed="000",
         story=("A Spring Boot service needs about 90 s before it answers (migrations at start-up). The service has no health check grace period "
                "(0) and the target group marks a target unhealthy after 3 failed checks 10 s apart, so every task is killed about 48 s after it "
                "started, before the application could answer: the seed's 'the container deploys slowly, the health check fails, the service keeps "
                "killing it'. The right answer is a grace period longer than the start-up (for example 120 s), not a generic 'targets unhealthy'."),
         expect_first=["health-check-grace-period-too-short"], expect_resources=[s["services"][0]["serviceArn"]],
         must_mention=["healthCheckGracePeriodSeconds"], must_not_mention=["health-check-path-mismatch"],
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "TargetGroups", "TargetHealth"], context_of(s)),
         text={"app-log.txt": (SLOW_START_LOG.format(s=2, s2=9, s3=21, s4=49), "aws logs tail /ecs/orders --since 2h (the last task's stream)")})


@scenario
def issue14_slow_start_with_start_period():
    region = "eu-west-1"
    s = raw("issue14-slow-start-with-start-period", alb_web("orders", region, health_path="/actuator/health", interval=10, unhealthy=3, healthy=2, grace=30,
                                                            container_health={"command": ["CMD-SHELL", "curl -fs http://localhost:8080/actuator/health || exit 1"],
                                                                              "interval": 15, "timeout": 5, "retries": 3, "startPeriod": 120}))
    r, group = killed_by_elb(s, region, lifetime=62, reason_code="Target.FailedHealthChecks", description="Request timed out", port=8080, grace=30)
    emit("issue14-slow-start-with-start-period", seed="issue-14",
         story=("The container's own health check allows a 120 s startPeriod (the team knows the service needs about two minutes), but the ECS "
                "service's health check grace period is 30 s and the target group gives up after 3 x 10 s: the load balancer's failures count "
                "from about 30 s and the service kills each task about 62 s after start. startPeriod does not delay ELB health checks; the grace "
                "period must cover the start-up (at least the 120 s startPeriod)."),
         expect_first=["health-check-grace-period-too-short"], expect_resources=[s["services"][0]["serviceArn"]],
         must_mention=["startPeriod", "120"], must_not_mention=["container-health-check-failing"],
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "TargetGroups", "TargetHealth"], context_of(s)))


@scenario
def issue14_target_health_without_target_group():
    region = "us-east-2"
    s = raw("issue14-target-health-without-target-group", alb_web("billing-api", region, health_path="/status", grace=60))
    r, group = killed_by_elb(s, region, lifetime=110, reason_code="Target.ResponseCodeMismatch",
                             description="Health checks failed with these codes: [500]", port=8080, grace=60)
    emit("issue14-target-health-without-target-group", seed="issue-14",
         story=("The user hands over describe-services, describe-tasks and the output of describe-target-health for the service's only target "
                "group, but not describe-target-groups. The target-health document carries no target-group ARN; the service names exactly one "
                "target group, so the targets (500 on the health check) belong to it and the report should say so instead of dropping them."),
         expect_first=["target-health-failing", "health-check-matcher-mismatch"], expect_resources=[group], must_mention=["500"],
         must_not_mention=["ignored"],
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "TargetHealth"], context_of(s)))


TG_INSTANCE_ERROR = ("An error occurred (InvalidParameterException) when calling the CreateService operation: The provided target group {arn} "
                     "has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.")


@scenario
def s000_fargate_instance_target_group():
    region = "ap-northeast-1"
    s = raw("s000-fargate-instance-target-group", alb_web("frontend", region, target_type="instance", tasks=1))
    r = base(s, region)
    group = s["TargetGroups"][0]
    r.target_group_port(group["TargetGroupArn"], 8080)
    snapshot = r.finish()
    emit("s000-fargate-instance-target-group", seed="000",
         story=("Seed 000: 'with Fargate the target group must be of type IP'. The user created the target group with the console's default "
                "type (instance) and create-service for the Fargate task definition is refused. Inputs: the CLI error, the target group and the "
                "task definition."),
         expect_first=["target-type-mismatch"], expect_resources=[group["TargetGroupArn"]], must_mention=["ip"],
         files=split(snapshot, ["taskDefinitions", "TargetGroups"], context_of(s)),
         text={"create-service-error.txt": (TG_INSTANCE_ERROR.format(arn=group["TargetGroupArn"]), "aws ecs create-service --cli-input-json file://service.json (stderr)")})


# --- IAM ------------------------------------------------------------------------------------

def fargate_app(name, region, *, containers, execution_inline=None, task_role=None, task_inline=None, execution_managed=True,
                tasks=1, public=True, service=True, secrets=(), images=None, extra_definition=None):
    """A Fargate task (a service, or run-task when service=False) in public subnets with public IPs
    (so the network is not in question), roles as given. containers: container definitions
    whose images named "{ecr}/<repo>:<tag>" are pushed to ECR first."""
    def deploy():
        d = Deployer(region)
        azs = [region + "a", region + ("c" if region == "ap-northeast-1" else "b")]
        net = d.vpc(name, "10.0.0.0/16", public=[("10.0.0.0/24", azs[0]), ("10.0.1.0/24", azs[1])], nat=None)
        sg = d.security_group(f"{name}-tasks", net["vpc"], description=f"{name} tasks")
        d.ecs.create_cluster(clusterName=name)
        execution = d.role(f"{name}-execution", managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"] if execution_managed else (),
                           inline=execution_inline)
        task = d.role(task_role, inline=task_inline) if task_role else None
        d.log_group(f"/ecs/{name}")
        sm = client("secretsmanager", region)
        for secret_name, value in secrets:
            sm.create_secret(Name=secret_name, SecretString=value)
        built = []
        for container in containers:
            container = json.loads(json.dumps(container).replace("{region}", region))
            if container["image"].startswith("{ecr}/"):
                repository, tag = container["image"][len("{ecr}/"):].split(":")
                container["image"] = d.image(repository, tag)
            container.setdefault("logConfiguration", {"logDriver": "awslogs", "options": {"awslogs-group": f"/ecs/{name}", "awslogs-region": region, "awslogs-stream-prefix": "ecs"}})
            built.append(container)
        arguments = dict(family=name, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512", memory="1024", executionRoleArn=execution,
                         containerDefinitions=built)
        if task:
            arguments["taskRoleArn"] = task
        arguments.update(extra_definition or {})
        definition = d.definition(**arguments)
        network = {"awsvpcConfiguration": {"subnets": net["public"], "securityGroups": [sg], "assignPublicIp": "ENABLED"}}
        if service:
            d.service(cluster=name, serviceName=name, taskDefinition=definition, desiredCount=1, launchType="FARGATE", networkConfiguration=network)
            run_service_tasks(d.ecs, name, name, definition, (net["public"] * tasks)[:tasks], [sg], public="ENABLED")
            return collect(region, name, services=[name])
        arns = [d.ecs.run_task(cluster=name, taskDefinition=definition, launchType="FARGATE", networkConfiguration=network)["tasks"][0]["taskArn"] for _ in range(tasks)]
        return collect(region, name, tasks=arns)
    return deploy


def stopped_tasks(s, region, *, reason, stop_code="TaskFailedToStart", containers=None, lifetime=32, started_run=True, service_events=None):
    r = Realify(s, region)
    if s.get("services"):
        r.only_service_tasks()
    r.network_interfaces()
    r.network_acls()
    r.task_definitions()
    if s.get("services"):
        service = s["services"][0]
        r.service(service["serviceName"], running=0, events=service_events or [])
        service["deployments"][0].update({"rolloutState": "IN_PROGRESS", "rolloutStateReason": f"ECS deployment {service['deployments'][0]['id']} in progress.",
                                          "failedTasks": len(s["tasks"]), "runningCount": 0})
    for index, task in enumerate(s["tasks"]):
        started = T0 - 3000 + index * 300
        r.task(task, status="STOPPED", started=started, stopped=started + lifetime, stop_code=stop_code, stopped_reason=reason, containers=containers)
        if not started_run:
            for field in ("startedAt", "pullStartedAt", "pullStoppedAt"):
                task.pop(field, None)
            for container in task["containers"]:
                for field in ("exitCode", "runtimeId", "imageDigest"):
                    container.pop(field, None)
    s["NetworkInterfaces"] = []
    return r


@scenario
def s000_task_role_trusts_ec2():
    region = "ap-northeast-1"
    s = raw("s000-task-role-trusts-ec2", fargate_app("shop-api", region, task_role="shop-api-task",
                                                      containers=[{"name": "shop-api", "image": "{ecr}/shop-api:2.3.0", "essential": True,
                                                                   "portMappings": [{"containerPort": 8080, "protocol": "tcp"}]}]))
    task_role = f"arn:aws:iam::{ACCOUNT}:role/shop-api-task"
    event = (f"service shop-api failed to launch a task with (error ECS was unable to assume the role '{task_role}' that was provided for this task. "
             "Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.).")
    r = Realify(s, region)
    r.only_service_tasks()
    r.task_definitions()
    service = r.service("shop-api", running=0, events=[{"id": stable_uuid("trust", i), "createdAt": T0 - 600 * (i + 1), "message": event} for i in range(3)])
    service["deployments"][0].update({"rolloutState": "IN_PROGRESS", "rolloutStateReason": f"ECS deployment {service['deployments'][0]['id']} in progress.", "runningCount": 0})
    snapshot = r.finish()
    role = next(role for role in snapshot["RoleDetailList"] if role["RoleName"] == "shop-api-task")
    # The trust policy exactly as seed 000 shows it (an EC2 instance-profile trust copied onto a task role).
    get_role = {"Role": {"Path": "/", "RoleName": role["RoleName"], "RoleId": role["RoleId"], "Arn": role["Arn"], "CreateDate": role["CreateDate"],
                         "AssumeRolePolicyDocument": {"Version": "2008-10-17", "Statement": [
                             {"Sid": "", "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                         "MaxSessionDuration": 3600, "RoleLastUsed": {}}}
    files = split(snapshot, ["services", "taskDefinitions"], context_of(s))
    files["get-role-shop-api-task.json"] = (get_role, "aws iam get-role --role-name shop-api-task")
    emit("s000-task-role-trusts-ec2", seed="000",
         story=("Seed 000 shows a task role whose trust relationship lets ec2.amazonaws.com assume it (Version 2008-10-17). ECS cannot assume "
                "it for the task and the service event says so; the fix is a trust policy for ecs-tasks.amazonaws.com on that role. The "
                "execution role is not the problem."),
         expect_first=["task-role-trust"], expect_resources=[task_role], must_mention=["ecs-tasks.amazonaws.com"],
         must_not_mention=["execution-role-trust"], files=files)


ENV_FILE_DENIED = ("ResourceInitializationError: failed to download env files: file download command: non empty error stream: "
                   "service call has been retried 5 time(s): AccessDenied: Access Denied status code: 403, request id: 4Q8K2M7R9T1V3X5Z, "
                   "host id: Yk3vQ1c8m0bT6pZ2xL5nR9sD4fH7jA1wE8uI0oP3qS6tU9yB2cF5gK8lN1mO4rV7=")


@scenario
def s000_env_file_bucket_trailing_slash():
    region = "ap-northeast-1"
    statement = {"Version": "2012-10-17", "Statement": [
        {"Sid": "VisualEditor0", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shop-config-prod/web/.env"},
        {"Sid": "VisualEditor1", "Effect": "Allow", "Action": "s3:GetBucketLocation", "Resource": "arn:aws:s3:::shop-config-prod/"}]}
    s = raw("s000-env-file-bucket-trailing-slash", fargate_app("shop-web", region, execution_inline={"env-file": statement}, tasks=2,
                                                                containers=[{"name": "shop-web", "image": "{ecr}/shop-web:5.0.1", "essential": True,
                                                                             "environmentFiles": [{"value": "arn:aws:s3:::shop-config-prod/web/.env", "type": "s3"}],
                                                                             "portMappings": [{"containerPort": 3000, "protocol": "tcp"}]}]))
    r = stopped_tasks(s, region, reason=ENV_FILE_DENIED, started_run=False)
    role = s["taskDefinitions"][0]["executionRoleArn"]
    emit("s000-env-file-bucket-trailing-slash", seed="000",
         story=("Seed 000's .env from S3: the execution role's policy allows s3:GetObject on the file and s3:GetBucketLocation on "
                "'arn:aws:s3:::shop-config-prod/' - with a trailing slash, which names the bucket's objects, not the bucket, so "
                "GetBucketLocation is denied and the env file download fails at task start."),
         expect_first=["execution-role-cannot-read-env-file"], expect_resources=[role],
         must_mention=["arn:aws:s3:::shop-config-prod/", "s3:GetBucketLocation", "arn:aws:s3:::shop-config-prod"],
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "RoleDetailList"], context_of(s)),
         notes="The stopped reason's prefix is verbatim from the corpus (envfiles-s3-timeout); the AccessDenied tail is reconstructed.")


NO_CREDENTIALS_LOG = """Traceback (most recent call last):
  File "/app/worker.py", line 88, in <module>
    main()
  File "/app/worker.py", line 81, in main
    upload_report(report)
  File "/app/worker.py", line 44, in upload_report
    s3.put_object(Bucket="acme-reports-prod", Key=f"reports/{report.day}/{report.id}.pdf", Body=report.body)
  File "/usr/local/lib/python3.12/site-packages/botocore/client.py", line 569, in _api_call
    return self._make_api_call(operation_name, kwargs)
  File "/usr/local/lib/python3.12/site-packages/botocore/client.py", line 1005, in _make_api_call
    http, parsed_response = self._make_request(
  File "/usr/local/lib/python3.12/site-packages/botocore/auth.py", line 418, in add_auth
    raise NoCredentialsError()
botocore.exceptions.NoCredentialsError: Unable to locate credentials
"""


@scenario
def s004_task_role_vs_execution_role():
    region = "ap-southeast-1"
    s3_statement = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"],
                                                            "Resource": "arn:aws:s3:::acme-reports-prod/reports/*"}]}
    s = raw("s004-task-role-vs-execution-role", fargate_app("reports-worker", region, execution_inline={"reports-bucket": s3_statement}, tasks=2,
                                                             containers=[{"name": "worker", "image": "{ecr}/reports-worker:1.2.0", "essential": True}]))
    r = stopped_tasks(s, region, reason="Essential container in task exited", stop_code="EssentialContainerExited", lifetime=14,
                      containers={"worker": {"exitCode": 1}})
    execution = s["taskDefinitions"][0]["executionRoleArn"]
    emit("s004-task-role-vs-execution-role", seed="004",
         story=("Seed 004's table, the wrong way round: the team put the S3 permissions the application needs on the execution role and the "
                "task definition has no taskRoleArn. The worker's boto3 call finds no credentials and the container exits 1. The execution role "
                "serves the agent only (image pull, logs, secrets); the application's calls use the task role: create one, move the statement "
                "there, set taskRoleArn."),
         expect_first=["task-role-permissions"], expect_resources=[execution],
         must_mention=["taskRoleArn", "task role", "execution role"],
         must_not_mention=["execution-role-cannot"],
         proposed={"task-role-permissions": "the application's AWS calls fail (NoCredentialsError / Unable to locate credentials / AccessDenied "
                                            "as the task role) while the task definition has no taskRoleArn, or the permissions sit on the "
                                            "execution role, or the task role lacks them; the fix moves or adds the statement on the task role"},
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "RoleDetailList"], context_of(s)),
         text={"worker-log.txt": (NO_CREDENTIALS_LOG, "aws logs tail /ecs/reports-worker --since 1h")})


ACCESS_DENIED_LOG = """2026-11-20T08:41:07.355Z ERROR media.thumbnails failed to process upload uploads/2026/11/20/a8f3c2.jpg
Traceback (most recent call last):
  File "/app/thumbnails/worker.py", line 57, in handle
    original = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
  File "/usr/local/lib/python3.12/site-packages/botocore/client.py", line 569, in _api_call
    return self._make_api_call(operation_name, kwargs)
  File "/usr/local/lib/python3.12/site-packages/botocore/client.py", line 1023, in _make_api_call
    raise error_class(parsed_response, operation_name)
botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::123456789012:assumed-role/media-thumbnails-task/0c9b0a3e6f5d4e1c9a7b2d4f6e8a0c1b is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::media-uploads-prod/uploads/2026/11/20/a8f3c2.jpg" because no identity-based policy allows the s3:GetObject action
"""


@scenario
def issue14_task_role_access_denied_one_key():
    region = "eu-west-1"
    task_policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::media-uploads-prod/thumbnails/*"}]}
    s = raw("issue14-task-role-access-denied-one-key", fargate_app("media-thumbnails", region, task_role="media-thumbnails-task",
                                                                    task_inline={"thumbnails-bucket": task_policy}, tasks=1,
                                                                    containers=[{"name": "thumbnails", "image": "{ecr}/media-thumbnails:4.0.2", "essential": True}]))
    r = Realify(s, region)
    r.only_service_tasks()
    r.network_interfaces()
    r.network_acls()
    r.task_definitions()
    r.service("media-thumbnails")
    r.task(s["tasks"][0], started=T0 - 7200)
    task_role = f"arn:aws:iam::{ACCOUNT}:role/media-thumbnails-task"
    emit("issue14-task-role-access-denied-one-key", seed="issue-14",
         story=("The thumbnail worker runs (its task is RUNNING) but every object under uploads/ is refused: the task role allows only "
                "media-uploads-prod/thumbnails/*. The log shows one object key; the fix must grant what the application reads - "
                "arn:aws:s3:::media-uploads-prod/uploads/* on the task role - not that one key, and not on the execution role."),
         expect_first=["task-role-permissions", "iam-access-denied"], expect_resources=[task_role],
         must_mention=["arn:aws:s3:::media-uploads-prod/uploads/*", "media-thumbnails-task"],
         must_not_mention=["execution-role-cannot"],
         proposed={"task-role-permissions": "see s004-task-role-vs-execution-role"},
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "RoleDetailList"], context_of(s)),
         text={"worker-log.txt": (ACCESS_DENIED_LOG, "aws logs tail /ecs/media-thumbnails --since 1h")},
         notes=("The fix's resource must be the uploads/ prefix; a policy naming arn:aws:s3:::media-uploads-prod/uploads/2026/11/20/a8f3c2.jpg alone is wrong. "
                "The log's AccessDenied carries the principal and action as S3 reports them to the same account; the log is written for the scenario."))


ASM_DENIED = ("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret "
              "from asm: service call has been retried 1 time(s): failed to fetch secret {secret} from secrets manager: AccessDeniedException: "
              "User: arn:aws:sts::123456789012:assumed-role/{role}/{session} is not authorized to perform: secretsmanager:GetSecretValue on "
              "resource: {secret} because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400, request id: {request}")


def payments(region):
    return fargate_app("payments", region, tasks=2,
                       secrets=[("payments/stripe", "sk_live_Planted000000")],
                       containers=[{"name": "payments", "image": "{ecr}/payments:7.3.0", "essential": True,
                                    "secrets": [{"name": "STRIPE_KEY", "valueFrom": "arn:aws:secretsmanager:{region}:123456789012:secret:payments/stripe"}]}])


def filtered_listing_scenario(name, truncated):
    region = "eu-central-1"
    s = raw("issue14-role-absent-from-listing", payments(region))
    secret = s["taskDefinitions"][0]["containerDefinitions"][0]["secrets"][0]["valueFrom"]
    role = s["taskDefinitions"][0]["executionRoleArn"]
    reason = ASM_DENIED.format(secret=secret, role=role.rsplit("/", 1)[1], session=stable(name, length=32), request="5b0f8d52-7c0e-4a8e-9d6f-2f1c3b4a5e6d")
    r = stopped_tasks(s, region, reason=reason, started_run=False)
    snapshot = r.finish()
    other_roles = [{"Path": "/", "RoleName": role_name, "RoleId": "AROA" + stable(role_name, length=17).upper(), "Arn": f"arn:aws:iam::{ACCOUNT}:role{path}{role_name}",
                    "CreateDate": "2024-03-11T09:12:40+00:00", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]},
                    "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [{"PolicyName": policy.rsplit("/", 1)[1], "PolicyArn": policy}],
                    "Tags": [], "RoleLastUsed": {}}
                   for role_name, path, service, policy in (
                       ("ecsInstanceRole", "/", "ec2.amazonaws.com", "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"),
                       ("ecsTaskExecutionRole", "/", "ecs-tasks.amazonaws.com", "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"))]
    files = split(snapshot, ["services", "tasks", "taskDefinitions"], context_of(s))
    if truncated:
        listing = {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": other_roles, "Policies": [], "IsTruncated": True,
                   "NextToken": "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ=="}
        files["get-account-authorization-details.json"] = (listing, "aws iam get-account-authorization-details --filter Role --max-items 2")
    else:
        files["roles.json"] = (other_roles, "aws iam get-account-authorization-details --filter Role --query \"RoleDetailList[?starts_with(RoleName, 'ecs')]\"")
    emit(name, seed="issue-14",
         story=("Tasks stop because the execution role may not read the Stripe secret (the stopped reason names the role and the action). The "
                "user also attached a role listing that does not contain that role because it was " +
                ("cut at --max-items 2 (IsTruncated, NextToken)" if truncated else "filtered with a --query on names starting with 'ecs'") +
                ". The role exists - ECS assumed it. The report must fix its permissions (secretsmanager:GetSecretValue on the secret), must not "
                "say the role does not exist, and must not propose creating a role under a made-up name."),
         expect_first=["execution-role-cannot-read-secrets"], expect_resources=[role],
         must_mention=["secretsmanager:GetSecretValue", role.rsplit("/", 1)[1]],
         must_not_mention=["does not exist", "create-role", "execution-role-trust"], files=files)


@scenario
def issue14_role_absent_from_filtered_listing():
    filtered_listing_scenario("issue14-role-absent-from-filtered-listing", truncated=False)


@scenario
def issue14_role_absent_from_truncated_listing():
    filtered_listing_scenario("issue14-role-absent-from-truncated-listing", truncated=True)


@scenario
def s001_private_registry_credentials():
    region = "ap-east-1"
    s = raw("s001-private-registry-credentials", fargate_app("internal-api", region, tasks=2, secrets=[("dockerhub/acme", json.dumps({"username": "acme-ci", "password": "Planted-Hub-Token"}))],
                                                              containers=[{"name": "internal-api", "image": "docker.io/acme/internal-api:3.1.0", "essential": True,
                                                                           "repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:{region}:123456789012:secret:dockerhub/acme"},
                                                                           "portMappings": [{"containerPort": 8000, "protocol": "tcp"}]}]))
    secret = s["taskDefinitions"][0]["containerDefinitions"][0]["repositoryCredentials"]["credentialsParameter"]
    role = s["taskDefinitions"][0]["executionRoleArn"]
    reason = ASM_DENIED.format(secret=secret, role=role.rsplit("/", 1)[1], session=stable("regcred", length=32), request="9c3e1a77-2b4d-4f60-8e1a-7d5c3b2a1f0e")
    r = stopped_tasks(s, region, reason=reason, started_run=False)
    emit("s001-private-registry-credentials", seed="001",
         story=("Seed 001: a private registry outside ECR needs its credentials in a Secrets Manager secret named by repositoryCredentials, "
                "and 'this feature requires the task execution IAM role'. The task definition does that, but the execution role carries only "
                "the managed AmazonECSTaskExecutionRolePolicy, which has no secretsmanager:GetSecretValue: the pull credentials cannot be read."),
         expect_first=["private-registry-auth", "execution-role-cannot-read-secrets"], expect_resources=[role],
         must_mention=["secretsmanager:GetSecretValue", secret],
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "RoleDetailList"], context_of(s)))


# --- runtime -------------------------------------------------------------------------------

@scenario
def issue14_migrate_essential_exit_0():
    region = "us-east-1"
    s = raw("issue14-migrate-essential-exit-0", fargate_app("storefront", region, tasks=3,
                                                             containers=[{"name": "migrate", "image": "{ecr}/storefront:2026.11.3", "command": ["bin/rails", "db:migrate"]},
                                                                         {"name": "web", "image": "{ecr}/storefront-web:2026.11.3", "essential": True,
                                                                          "command": ["bin/rails", "server", "-b", "0.0.0.0", "-p", "3000"],
                                                                          "portMappings": [{"containerPort": 3000, "protocol": "tcp"}]}]))
    r = stopped_tasks(s, region, reason="Essential container in task exited", stop_code="EssentialContainerExited", lifetime=41,
                      containers={"migrate": {"exitCode": 0}, "web": {"exitCode": 143}})
    for task in s["tasks"]:
        web = next(c for c in task["containers"] if c["name"] == "web")
        web["reason"] = None
        web.pop("reason")
    service = s["services"][0]
    service["events"] = [{"id": stable_uuid("migrate", i), "createdAt": T0 - 3000 + i * 300 + 45,
                          "message": f"(service storefront) has started 1 tasks: (task {t['taskArn'].rsplit('/', 1)[1]})."} for i, t in enumerate(s["tasks"])][::-1]
    emit("issue14-migrate-essential-exit-0", seed="issue-14",
         story=("The task definition runs a one-shot `migrate` container (bin/rails db:migrate) beside `web`. `migrate` has no `essential` "
                "key, so it is essential: when the migration finishes (exit 0) ECS stops the task, and `web` is stopped with SIGTERM (exit 143) "
                "as a consequence. The finding must name `migrate` and propose essential: false with a dependsOn condition SUCCESS (or COMPLETE) "
                "on `web`, not blame `web` or its exit code."),
         expect_first=["container-exited"], expect_resources=["migrate"],
         must_mention=["migrate", "essential", "dependsOn", "SUCCESS"],
         must_not_mention=["Essential container web exited", "web exited with code 143"],
         files=split(r.finish(), ["services", "tasks", "taskDefinitions"], context_of(s)))


# --- EC2 launch type -------------------------------------------------------------------------

def cli_json(*arguments, region):
    """The `aws` CLI's own output (the shapes users paste)."""
    import subprocess
    result = subprocess.run(["aws", *arguments, "--region", region, "--output", "json"], capture_output=True, text=True, check=True,
                            env=dict(os.environ, AWS_DEFAULT_REGION=region))
    return json.loads(result.stdout)


def ec2_web_service(region, *, subnet_kind="public", register_to="MyCluster", instance_type="t3.medium", network_mode="bridge", desired=1):
    """Seed 001's walk-through: cluster MyCluster, an ECS-optimized instance, task definition
    MyWebTask (httpd:2.4 on port 80), service MyWebService on the EC2 launch type."""
    def deploy():
        d = Deployer(region)
        azs = [region + "a", region + "b"]
        net = d.vpc("MyVpc", "10.0.0.0/16", **{subnet_kind: [("10.0.1.0/24", azs[0]), ("10.0.2.0/24", azs[1])]}, nat=None)
        sg = d.security_group("ecs-instances", net["vpc"], description="ECS container instances", ingress=[Deployer.tcp(80, cidr="0.0.0.0/0")])
        for cluster in sorted({"MyCluster", register_to or "MyCluster"}):
            d.ecs.create_cluster(clusterName=cluster)
        d.role("ecsInstanceRole", service="ec2.amazonaws.com", managed=["arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"])
        profile = d.instance_profile("ecsInstanceRole", "ecsInstanceRole")
        instance = d.ec2.run_instances(ImageId="ami-0c3f8b4b5a6d7e8f9", MinCount=1, MaxCount=1, InstanceType=instance_type, SubnetId=net[subnet_kind][0],
                                       SecurityGroupIds=[sg], IamInstanceProfile={"Arn": profile},
                                       TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "ecs-instance"}]}])["Instances"][0]
        if register_to:
            document = {"accountId": ACCOUNT, "architecture": "x86_64", "availabilityZone": instance["Placement"]["AvailabilityZone"], "imageId": "ami-0c3f8b4b5a6d7e8f9",
                        "instanceId": instance["InstanceId"], "instanceType": instance_type, "privateIp": instance["PrivateIpAddress"], "region": region}
            d.ecs.register_container_instance(cluster=register_to, instanceIdentityDocument=json.dumps(document))
        mapping = {"containerPort": 80, "hostPort": 80, "protocol": "tcp"} if network_mode != "awsvpc" else {"containerPort": 80, "protocol": "tcp"}
        definition = d.definition(family="MyWebTask", networkMode=network_mode, requiresCompatibilities=["EC2"],
                                  containerDefinitions=[{"name": "web1", "image": "httpd:2.4", "memory": 256, "essential": True, "portMappings": [mapping]}])
        arguments = dict(cluster="MyCluster", serviceName="MyWebService", taskDefinition=definition, desiredCount=desired, launchType="EC2")
        if network_mode == "awsvpc":
            arguments["networkConfiguration"] = {"awsvpcConfiguration": {"subnets": net[subnet_kind], "securityGroups": [sg]}}
        d.service(**arguments)
        snapshot = collect(region, "MyCluster", services=["MyWebService"])
        snapshot["_instance"] = cli_json("ec2", "describe-instances", "--instance-ids", instance["InstanceId"], region=region)
        if register_to:
            arns = d.ecs.list_container_instances(cluster=register_to)["containerInstanceArns"]
            snapshot["_containerInstances"] = cli_json("ecs", "describe-container-instances", "--cluster", register_to, "--container-instances", *arns, region=region)
        snapshot["_network"] = {key: cli_json("ec2", command, flag, f"Name=vpc-id,Values={net['vpc']}", region=region)
                                for key, command, flag in (("Subnets", "describe-subnets", "--filters"), ("RouteTables", "describe-route-tables", "--filters"),
                                                           ("VpcEndpoints", "describe-vpc-endpoints", "--filters"), ("NatGateways", "describe-nat-gateways", "--filter"))}
        snapshot["_network"]["SecurityGroups"] = cli_json("ec2", "describe-security-groups", "--group-ids", sg, region=region)
        return snapshot
    return deploy


def unplaced(s, region, reason, count=4):
    """The service has never placed a task: its events repeat the placement failure."""
    r = Realify(s, region)
    service = s["services"][0]
    name = service["serviceName"]
    r.task_definitions()
    r.service(name, running=0, events=[{"id": stable_uuid(name, "unplaced", i), "createdAt": T0 - 300 - i * 1500,
                                        "message": f"(service {name}) was unable to place a task because no container instance met all of its requirements. {reason}"}
                                       for i in range(count)])
    deployment = service["deployments"][0]
    deployment.update({"rolloutState": "IN_PROGRESS", "rolloutStateReason": f"ECS deployment {deployment['id']} in progress.", "runningCount": 0})
    service.pop("platformVersion", None)
    service.pop("platformFamily", None)
    return r


@scenario
def s002_instance_registered_to_default():
    region = "ap-east-1"
    s = raw("s002-instance-registered-to-default", ec2_web_service(region, register_to="default"))
    instance = s.pop("_instance")
    listing = s.pop("_containerInstances")
    s.pop("_network")
    r = unplaced(s, region, "Reason: No Container Instances were found in your cluster.")
    s["Reservations"] = instance["Reservations"]
    s["containerInstances"] = listing["containerInstances"]
    r.container_instances()
    snapshot = r.finish()
    instance_id = instance["Reservations"][0]["Instances"][0]["InstanceId"]
    files = split(snapshot, ["services", "clusters", "taskDefinitions", "Reservations"], context_of(s))
    files["describe-container-instances-default.json"] = ({"containerInstances": snapshot["containerInstances"], "failures": []},
                                                          "aws ecs describe-container-instances --cluster default --container-instances ...")
    emit("s002-instance-registered-to-default", seed="002",
         story=("Seed 002 (and 001's walk-through): the instance was launched from the ECS-optimized AMI with ecsInstanceRole but without the user data "
                "`echo ECS_CLUSTER=MyCluster >> /etc/ecs/ecs.config`, so its agent registered it to the `default` cluster. MyCluster has no "
                "container instance and MyWebService cannot place its task. The user ran list/describe-container-instances on `default` and "
                "found the instance there."),
         expect_first=["no-container-instances"], expect_resources=[instance_id],
         must_mention=["ECS_CLUSTER", "default", "/etc/ecs/ecs.config", "MyCluster"], files=files)


@scenario
def s001_instances_cannot_reach_ecs():
    region = "ap-east-1"
    s = raw("s001-instances-cannot-reach-ecs", ec2_web_service(region, subnet_kind="private", register_to=None))
    instance = s.pop("_instance")
    network = s.pop("_network")
    r = unplaced(s, region, "Reason: No Container Instances were found in your cluster.")
    s["Reservations"] = instance["Reservations"]
    for key, document in network.items():
        s[key] = document[key]
    snapshot = r.finish()
    entry = instance["Reservations"][0]["Instances"][0]
    emit("s001-instances-cannot-reach-ecs", seed="001",
         story=("Seed 001: 'container instances need access to communicate with the Amazon ECS service endpoint' (a public IP or an ECS "
                "endpoint in the VPC). Here the instance has ECS_CLUSTER=MyCluster but sits in a private subnet with no NAT gateway, no "
                "internet gateway route and no interface endpoints: its agent cannot call ecs (RegisterContainerInstance), so MyCluster "
                "stays empty. The answer names the instance and its subnet and the endpoints the agent needs (ecs, ecs-agent, ecs-telemetry, "
                "plus ECR and S3 to pull images) or a NAT route."),
         expect_first=["no-container-instances", "instance-cannot-reach-ecs"], expect_resources=[entry["InstanceId"], entry["SubnetId"]],
         must_mention=["ecs-agent", "ecs-telemetry", "com.amazonaws.ap-east-1.ecs"],
         proposed={"instance-cannot-reach-ecs": "EC2 launch type: a container instance (or an instance meant to be one) has no path from its "
                                                "subnet and security groups to the ecs, ecs-agent and ecs-telemetry endpoints (no NAT or "
                                                "internet route, no interface endpoints); names the instance, subnet and missing endpoints"},
         files=split(snapshot, ["services", "clusters", "taskDefinitions", "Reservations", "Subnets", "RouteTables", "VpcEndpoints",
                                "NatGateways", "SecurityGroups"], context_of(s)))


@scenario
def s001_eni_trunking_unsupported_instance():
    region = "ap-east-1"
    s = raw("s001-eni-trunking-unsupported-instance", ec2_web_service(region, subnet_kind="public", instance_type="t3.micro", network_mode="awsvpc", desired=3))
    instance = s.pop("_instance")
    listing = s.pop("_containerInstances")
    s.pop("_network")
    r = unplaced(s, region, 'The closest matching container-instance {ci} encountered error "RESOURCE:ENI". For more information, see the Troubleshooting section.', count=3)
    s["Reservations"] = instance["Reservations"]
    s["containerInstances"] = listing["containerInstances"]
    r.container_instances(running={listing["containerInstances"][0]["containerInstanceArn"]: 1})
    ci = s["containerInstances"][0]
    for event in s["services"][0]["events"]:
        event["message"] = event["message"].replace("{ci}", ci["containerInstanceArn"].rsplit("/", 1)[1])
    s.pop("Reservations")
    snapshot = r.finish()
    settings = {"settings": [{"name": "awsvpcTrunking", "value": "enabled", "principalArn": f"arn:aws:iam::{ACCOUNT}:root", "type": "user"}]}
    files = split(snapshot, ["services", "containerInstances", "taskDefinitions"], context_of(s))
    files["list-account-settings.json"] = (settings, "aws ecs list-account-settings --effective-settings --name awsvpcTrunking")
    emit("s001-eni-trunking-unsupported-instance", seed="001",
         story=("Seed 001's 'AWSVPC Trunking' notes: t3.micro has 2 network interfaces, so with awsvpc one task fits per instance; the "
                "account setting awsvpcTrunking is enabled, but t3.micro does not support trunking (the instance has no ecs.awsvpc-trunk-id "
                "attribute). The service wants 3 tasks and placement fails with RESOURCE:ENI. The instance type is known only from the "
                "container instance's ecs.instance-type attribute (no describe-instances)."),
         expect_first=["eni-limit-reached"], expect_resources=[ci["containerInstanceArn"]],
         must_mention=["t3.micro", "trunking"], files=files)


# --- images ------------------------------------------------------------------------------------

@scenario
def s003_latest_pushed_not_redeployed():
    region = "ap-northeast-1"
    def deploy():
        s = fargate_app("go-ecs-app", region, tasks=1,
                        containers=[{"name": "golang-ecs-app", "image": "{ecr}/go-ecs-app:latest", "essential": True,
                                     "portMappings": [{"containerPort": 8080, "protocol": "tcp"}]}])()
        ecr = client("ecr", region)
        first = cli_json("ecr", "describe-images", "--repository-name", "go-ecs-app", region=region)["imageDetails"][0]
        manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                               "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7311,
                                          "digest": "sha256:" + stable("go-ecs-app", "v2", length=64)}, "layers": []})
        ecr.put_image(repositoryName="go-ecs-app", imageTag="latest", imageManifest=manifest)
        images = cli_json("ecr", "describe-images", "--repository-name", "go-ecs-app", region=region)
        # moto drops the image a re-pushed tag moved away from; ECR keeps it, untagged.
        first.pop("imageTags", None)
        images["imageDetails"].insert(0, first)
        s["_images"] = images
        return s
    s = raw("s003-latest-pushed-not-redeployed", deploy)
    images = s.pop("_images")
    r = Realify(s, region)
    r.only_service_tasks()
    r.network_interfaces()
    r.network_acls()
    r.task_definitions()
    r.service("go-ecs-app")
    task = r.task(s["tasks"][0], started=T0 - 86400)
    details = sorted(images["imageDetails"], key=lambda i: "imageTags" in i)
    old, new = details[0], details[1]
    old["imagePushedAt"], new["imagePushedAt"] = T0 - 86400 - 600, T0 - 3600
    # moto reports the empty string's SHA-256 for both: give each its own digest.
    old["imageDigest"] = "sha256:" + stable("go-ecs-app", "yesterday", length=64)
    new["imageDigest"] = "sha256:" + stable("go-ecs-app", "today", length=64)
    task["containers"][0]["imageDigest"] = old["imageDigest"]
    snapshot = r.finish()
    files = split(snapshot, ["services", "tasks", "taskDefinitions"], context_of(s))
    files["describe-images.json"] = (images, "aws ecr describe-images --repository-name go-ecs-app")
    emit("s003-latest-pushed-not-redeployed", seed="003",
         story=("Seed 003 (and 001): 'docker push of a new image under latest is not reflected'. The service runs go-ecs-app:latest; its task "
                "started yesterday with digest " + old["imageDigest"][:19] + "..., an hour ago the new image was pushed under latest "
                "(" + new["imageDigest"][:19] + "...), the old one is now untagged. Nothing redeploys on a push: the running task keeps the "
                "old digest until `aws ecs update-service --force-new-deployment`. This is evidence, not a generic reminder."),
         expect_first=["mutable-tag-not-redeployed"], expect_resources=[s["services"][0]["serviceArn"]],
         must_mention=[old["imageDigest"], new["imageDigest"], "--force-new-deployment"], files=files)


@scenario
def s001_container_memory_not_specified():
    sleep360 = {"containerDefinitions": [{"name": "sleep", "image": "busybox", "command": ["sleep", "360"], "essential": True}], "family": "sleep360"}
    error = ("An error occurred (ClientException) when calling the RegisterTaskDefinition operation: Invalid setting for container 'sleep'. "
             "At least one of 'memory' or 'memoryReservation' must be specified.")
    folder_files = {"sleep360.json": (sleep360, "the file passed to aws ecs register-task-definition --cli-input-json file://sleep360.json")}
    emit("s001-container-memory-not-specified", seed="001",
         story=("Seed 001 registers sleep360.json for the EC2 launch type: no task-level memory and a container with neither memory nor "
                "memoryReservation. The seed itself notes that one of them is required when the task has no memory; registration is refused."),
         expect_first=["memory-not-specified"], expect_resources=["sleep"], must_mention=["memoryReservation"],
         files=folder_files, text={"register-error.txt": (error, "aws ecs register-task-definition --cli-input-json file://sleep360.json (stderr)")},
         notes=("sleep360.json is the seed's own task definition file (the register-task-definition input, not a describe output). "
                "The ClientException text is ECS's as we know it, not checked against a source here."))


@scenario
def s001_delete_service_scaled_above_zero():
    error = ("An error occurred (InvalidParameterException) when calling the DeleteService operation: The service cannot be stopped while it "
             "is scaled above 0.")
    emit("s001-delete-service-scaled-above-zero", seed="001",
         story="Seed 001: delete-service on a service with desired count 2 is refused; set the desired count to 0 first (or use --force).",
         expect_first=["service-scaled-above-zero"], must_mention=["--desired-count 0"],
         text={"delete-service-error.txt": (error, "aws ecs delete-service --cluster MyCluster --service MyWebService (stderr)")})


# --- load balancers: Classic ---------------------------------------------------------------------

@scenario
def s004_classic_lb_on_fargate():
    region = "ap-southeast-1"
    def deploy():
        d = Deployer(region)
        vpc, subnets = d.default_vpc()
        elb = client("elb", region)
        elb.create_load_balancer(LoadBalancerName="web-clb", Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 80}],
                                 Subnets=[subnets[0]["SubnetId"], subnets[1]["SubnetId"]])
        execution = d.role("ecsTaskExecutionRole", managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        definition = d.definition(family="web", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512", executionRoleArn=execution,
                                  containerDefinitions=[{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "essential": True,
                                                         "portMappings": [{"containerPort": 80, "protocol": "tcp"}]}])
        return {"_elb": cli_json("elb", "describe-load-balancers", "--load-balancer-names", "web-clb", region=region),
                "_definition": cli_json("ecs", "describe-task-definition", "--task-definition", definition, region=region),
                "_subnets": [s["SubnetId"] for s in subnets[:2]]}
    s = raw("s004-classic-lb-on-fargate", deploy)
    service_input = {"cluster": "prod", "serviceName": "web", "taskDefinition": "web:1", "desiredCount": 2, "launchType": "FARGATE",
                     "loadBalancers": [{"loadBalancerName": "web-clb", "containerName": "web", "containerPort": 80}],
                     "networkConfiguration": {"awsvpcConfiguration": {"subnets": s["_subnets"], "assignPublicIp": "ENABLED"}}}
    definition = s["_definition"]
    definition["taskDefinition"]["registeredAt"] = T0 - 600
    emit("s004-classic-lb-on-fargate", seed="004",
         story=("Seed 004: the Classic Load Balancer does not support Fargate. The user wrote a create-service input attaching the Fargate "
                "service to the Classic Load Balancer web-clb (loadBalancerName); a Classic Load Balancer registers EC2 instances only, "
                "the fix is an ALB or NLB with an ip target group."),
         expect_first=["classic-lb-on-fargate"], expect_resources=["web-clb"], must_mention=["ip"],
         files={"describe-load-balancers-classic.json": (s["_elb"], "aws elb describe-load-balancers --load-balancer-names web-clb"),
                "describe-task-definition.json": (definition, "aws ecs describe-task-definition --task-definition web:1"),
                "service.json": (service_input, "the file passed to aws ecs create-service --cli-input-json file://service.json")},
         notes=("No error text: ECS's refusal message for this call was not found in an authoritative source, so the scenario gives the "
                "configuration only. The create-service input (service.json) is not a describe output: reading it is part of the ask."))


# --- EFS ---------------------------------------------------------------------------------------

EFS_TIMEOUT = ("ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: mount.nfs4: Connection timed out "
               ": unsuccessful EFS utils command execution; code: 32")
EFS_RESOLVE = ("ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: Failed to resolve "
               "\"{fs}.efs.{region}.amazonaws.com\" - check that your file system ID is correct, and ensure that the VPC has an EFS mount "
               "target for this file system ID. See https://docs.aws.amazon.com/console/efs/mount-dns-name for more detail. "
               ": unsuccessful EFS utils command execution; code: 1")


def efs_service(name, region, *, efs_ingress_from_task=True, dns_hostnames=True):
    def deploy():
        d = Deployer(region)
        net = cdk_vpc(d, name)
        task_sg = d.security_group(f"{name}-tasks", net["vpc"], description=f"{name} tasks")
        bastion_sg = d.security_group(f"{name}-bastion", net["vpc"], description="bastion host")
        efs_sg = d.security_group(f"{name}-efs", net["vpc"], description=f"{name} file system",
                                  ingress=[Deployer.tcp(2049, group=task_sg if efs_ingress_from_task else bastion_sg, description="NFS")])
        efs = client("efs", region)
        fs = efs.create_file_system(CreationToken=name, Encrypted=True, Tags=[{"Key": "Name", "Value": name}])["FileSystemId"]
        targets = [efs.create_mount_target(FileSystemId=fs, SubnetId=subnet, SecurityGroups=[efs_sg])["MountTargetId"] for subnet in net["private"]]
        d.ecs.create_cluster(clusterName=name)
        execution = d.role(f"{name}-execution", managed=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        d.log_group(f"/ecs/{name}")
        image = d.image(name, "3.0.0")
        definition = d.definition(family=name, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512", memory="1024", executionRoleArn=execution,
                                  volumes=[{"name": "data", "efsVolumeConfiguration": {"fileSystemId": fs, "transitEncryption": "ENABLED"}}],
                                  containerDefinitions=[{"name": name, "image": image, "essential": True,
                                                         "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}],
                                                         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": f"/ecs/{name}", "awslogs-region": region, "awslogs-stream-prefix": "ecs"}}}])
        d.service(cluster=name, serviceName=name, taskDefinition=definition, desiredCount=2, launchType="FARGATE", platformVersion="1.4.0",
                  networkConfiguration={"awsvpcConfiguration": {"subnets": net["private"], "securityGroups": [task_sg], "assignPublicIp": "DISABLED"}})
        run_service_tasks(d.ecs, name, name, definition, net["private"], [task_sg])
        if not dns_hostnames:  # turned off after the tasks started: moto's run-task needs it on
            d.ec2.modify_vpc_attribute(VpcId=net["vpc"], EnableDnsHostnames={"Value": False})
        snapshot = collect(region, name, services=[name])
        snapshot["_mountTargetGroups"] = {target: cli_json("efs", "describe-mount-target-security-groups", "--mount-target-id", target, region=region) for target in targets}
        snapshot["_efsGroup"] = cli_json("ec2", "describe-security-groups", "--group-ids", efs_sg, region=region)["SecurityGroups"]
        return snapshot
    return deploy


@scenario
def s004_efs_mount_target_security_group():
    region = "ap-southeast-1"
    s = raw("s004-efs-mount-target-security-group", efs_service("media-library", region, efs_ingress_from_task=False))
    groups = s.pop("_mountTargetGroups")
    efs_group = s.pop("_efsGroup")
    r = failing_service(s, region, EFS_TIMEOUT)
    snapshot = r.finish()
    snapshot["SecurityGroups"] = [g for g in snapshot["SecurityGroups"] if g["GroupId"] != efs_group[0]["GroupId"]] + efs_group
    files = split(snapshot, ["services", "tasks", "taskDefinitions", "MountTargets", "SecurityGroups", "Subnets"], context_of(s))
    for index, (target, document) in enumerate(sorted(groups.items())):
        files[f"describe-mount-target-security-groups-{index + 1}.json"] = (document, f"aws efs describe-mount-target-security-groups --mount-target-id {target}")
    emit("s004-efs-mount-target-security-group", seed="004",
         story=("Seed 004's 'ultimate combo' of Fargate and EFS: the file system has a mount target in each of the service's two AZs, but "
                "their security group admits NFS (2049) only from the bastion's group, not from the tasks' group, so the mount times out at "
                "task start. The mount targets' groups come from describe-mount-target-security-groups (the user did not fetch the mount "
                "targets' network interfaces)."),
         expect_first=["efs-mount-target-unreachable"], expect_resources=[efs_group[0]["GroupId"]], must_mention=["2049"],
         files=files,
         notes=("The stopped reason follows the corpus's efs-connection-reset message with mount.nfs4's timeout instead of the reset. "
                "describe-mount-target-security-groups prints no mount-target id: each file's command names it."))


@scenario
def issue14_efs_vpc_dns_hostnames_off():
    region = "eu-west-1"
    s = raw("issue14-efs-vpc-dns-hostnames-off", efs_service("reports", region, dns_hostnames=False))
    s.pop("_mountTargetGroups")
    s.pop("_efsGroup")
    fs = s["taskDefinitions"][0]["volumes"][0]["efsVolumeConfiguration"]["fileSystemId"]
    r = failing_service(s, region, EFS_RESOLVE.format(fs=fs, region=region))
    emit("issue14-efs-vpc-dns-hostnames-off", seed="issue-14",
         story=("A Fargate service mounts EFS from a VPC whose enableDnsHostnames is off (a hand-made VPC; the default VPC and the tools' "
                "VPCs turn it on). The EFS mount helper resolves fs-....efs.<region>.amazonaws.com, which needs both VPC DNS attributes: the "
                "mount fails with 'Failed to resolve'. The mount targets exist and admit the tasks; vpc-dns-disabled covers EFS too."),
         expect_first=["vpc-dns-disabled"], expect_resources=[s["Vpcs"][0]["VpcId"]], must_mention=["enableDnsHostnames"],
         must_not_mention=["has no mount target"],
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "MountTargets", "Subnets", "Vpcs", "VpcAttributes", "SecurityGroups"], context_of(s)),
         notes="The EFS mount helper's message is reconstructed from efs-utils' 'Failed to resolve' text inside the Fargate wrapper seen in the corpus.")


# --- seed follow-ups ---------------------------------------------------------------------

@scenario
def s000_env_file_bucket_renamed():
    region = "ap-northeast-1"
    statement = {"Version": "2012-10-17", "Statement": [
        {"Sid": "VisualEditor0", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shop-config-prod/web/.env"},
        {"Sid": "VisualEditor1", "Effect": "Allow", "Action": "s3:GetBucketLocation", "Resource": "arn:aws:s3:::shop-config-prod"}]}
    s = raw("s000-env-file-bucket-renamed", fargate_app("shop-web", region, execution_inline={"env-file": statement}, tasks=2,
                                                         containers=[{"name": "shop-web", "image": "{ecr}/shop-web:5.1.0", "essential": True,
                                                                      "environmentFiles": [{"value": "arn:aws:s3:::shop-config-prod-apne1/web/.env", "type": "s3"}],
                                                                      "portMappings": [{"containerPort": 3000, "protocol": "tcp"}]}]))
    r = stopped_tasks(s, region, reason=ENV_FILE_DENIED, started_run=False)
    role = s["taskDefinitions"][0]["executionRoleArn"]
    emit("s000-env-file-bucket-renamed", seed="000",
         story=("Seed 000: 'if the bucket is renamed, change it in the execution role as well as in the task definition'. The task "
                "definition now reads .env from shop-config-prod-apne1, the execution role still names shop-config-prod: both s3:GetObject "
                "on the object and s3:GetBucketLocation on the new bucket are missing."),
         expect_first=["execution-role-cannot-read-env-file"], expect_resources=[role],
         must_mention=["arn:aws:s3:::shop-config-prod-apne1/web/.env", "arn:aws:s3:::shop-config-prod-apne1"],
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "RoleDetailList"], context_of(s)),
         notes="The stopped reason's prefix is verbatim from the corpus (envfiles-s3-timeout); the AccessDenied tail is reconstructed.")


@scenario
def s001_instance_role_missing_permissions():
    region = "ap-east-1"
    def deploy():
        d = Deployer(region)
        net = d.vpc("MyVpc", "10.0.0.0/16", public=[("10.0.1.0/24", region + "a")], nat=None)
        sg = d.security_group("ecs-instances", net["vpc"], description="ECS container instances")
        d.ecs.create_cluster(clusterName="MyCluster")
        d.role("ecsInstanceRole", service="ec2.amazonaws.com", managed=["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"])
        profile = d.instance_profile("ecsInstanceRole", "ecsInstanceRole")
        instance = d.ec2.run_instances(ImageId="ami-0c3f8b4b5a6d7e8f9", MinCount=1, MaxCount=1, InstanceType="t3.medium", SubnetId=net["public"][0],
                                       SecurityGroupIds=[sg], IamInstanceProfile={"Arn": profile},
                                       TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "ecs-instance"}]}])["Instances"][0]
        definition = d.definition(family="MyWebTask", networkMode="bridge", requiresCompatibilities=["EC2"],
                                  containerDefinitions=[{"name": "web1", "image": "httpd:2.4", "memory": 256, "essential": True,
                                                         "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "tcp"}]}])
        d.service(cluster="MyCluster", serviceName="MyWebService", taskDefinition=definition, desiredCount=1, launchType="EC2")
        snapshot = collect(region, "MyCluster", services=["MyWebService"])
        snapshot["_instance"] = cli_json("ec2", "describe-instances", "--instance-ids", instance["InstanceId"], region=region)
        snapshot["_roles"] = cli_json("iam", "get-account-authorization-details", "--filter", "Role", region=region)
        return snapshot
    s = raw("s001-instance-role-missing-permissions", deploy)
    instance = s.pop("_instance")
    roles = s.pop("_roles")
    r = unplaced(s, region, "Reason: No Container Instances were found in your cluster.")
    s["Reservations"] = instance["Reservations"]
    snapshot = r.finish()
    files = split(snapshot, ["services", "clusters", "taskDefinitions", "Reservations"], context_of(s))
    roles.pop("Policies", None)
    files["get-account-authorization-details.json"] = (roles, "aws iam get-account-authorization-details --filter Role")
    role = next(role for role in roles["RoleDetailList"] if role["RoleName"] == "ecsInstanceRole")
    emit("s001-instance-role-missing-permissions", seed="001",
         story=("Seed 001: 'the container instance needs the ecsInstanceRole IAM permissions to connect to the cluster'. The instance has "
                "ECS_CLUSTER=MyCluster and a public IP, but its instance profile's role carries only AmazonSSMManagedInstanceCore: the agent's "
                "RegisterContainerInstance is denied and MyCluster stays empty. The fix attaches AmazonEC2ContainerServiceforEC2Role."),
         expect_first=["instance-role-permissions", "no-container-instances"], expect_resources=[role["Arn"]],
         must_mention=["AmazonEC2ContainerServiceforEC2Role", "ecs:RegisterContainerInstance"], files=files)


EXEC_NOT_ENABLED = ("An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: The execute command failed because "
                    "execute command was not enabled when the task was run or the execute command agent isn\u2019t running. Wait and try again or "
                    "run a new task with execute command enabled and try again.")


@scenario
def s001_execute_command_not_enabled():
    region = "ap-east-1"
    s = raw("s001-execute-command-not-enabled", fargate_app("web-ecs", region, task_role="web-ecs-task", tasks=1,
                                                             containers=[{"name": "web-container", "image": "{ecr}/web:2.0.1", "essential": True,
                                                                          "portMappings": [{"containerPort": 80, "protocol": "tcp"}]}]))
    r = Realify(s, region)
    r.only_service_tasks()
    r.network_interfaces()
    r.network_acls()
    r.task_definitions()
    r.service("web-ecs")
    task = r.task(s["tasks"][0], started=T0 - 7200)
    task_id = task["taskArn"].rsplit("/", 1)[1]
    emit("s001-execute-command-not-enabled", seed="001",
         story=("Seed 001's 'connect to the container's shell': aws ecs execute-command on a task of a service created without "
                "--enable-execute-command. The task runs without the ExecuteCommandAgent, and the task role has no ssmmessages permissions; "
                "the fix enables ECS Exec on the service, grants the task role the four ssmmessages actions and forces a new deployment."),
         expect_first=["ecs-exec-not-ready"], expect_resources=[s["services"][0]["serviceArn"]],
         must_mention=["--enable-execute-command", "--force-new-deployment", "ssmmessages:CreateControlChannel"],
         files=split(r.finish(), ["services", "tasks", "taskDefinitions", "RoleDetailList"], context_of(s)),
         notes="The ExecuteCommand error text is the one the project's ECSExecNotReadyRule matches (execError), not re-checked against a source here.",
         text={"execute-command-error.txt": (EXEC_NOT_ENABLED.encode().decode("unicode_escape"),
                                             f"aws ecs execute-command --cluster web-ecs --task {task_id} --container web-container --interactive --command /bin/bash (stderr)")})


if __name__ == "__main__":
    main(sys.argv[1:])
