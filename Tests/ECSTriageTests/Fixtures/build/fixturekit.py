"""Shared by near_miss.py and field_notes.py: deploy into the moto emulator
(loopback only), take the snapshot with `ecs-triage collect`, then correct what
the emulator prints differently from real AWS (see `Realify`).

Run only against a loopback moto_server: AWS_ENDPOINT_URL must be
http://127.0.0.1:<port> (or localhost); anything else is refused.
"""
import hashlib
import ipaddress
import json
import os
import shutil
import subprocess
import sys
import uuid

import boto3

ENDPOINT = os.environ.get("AWS_ENDPOINT_URL", "")
if not (ENDPOINT.startswith("http://127.0.0.1:") or ENDPOINT.startswith("http://localhost:")):
    sys.exit("refusing to run: AWS_ENDPOINT_URL is not a loopback emulator")

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.environ.get("WORK", "/tmp/ecs-triage-fixtures")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../../.."))
TRIAGE = os.environ.get("TRIAGE", os.path.join(ROOT, ".build/debug/ecs-triage"))
ACCOUNT = "123456789012"  # moto's account

# Runtime timestamps are fixed so that regenerating gives the same bytes.
T0 = 1795165200.0  # 2026-11-20T09:00:00Z


def client(service, region):
    return boto3.client(service, region_name=region, endpoint_url=ENDPOINT,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def stable(*parts, length=32):
    """A deterministic hex id from the given parts."""
    return hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()[:length]


def stable_uuid(*parts):
    h = stable(*parts)
    return str(uuid.UUID(h))


def reset_emulator():
    """Empties the emulator: each stack deploys into a clean one."""
    import urllib.request
    urllib.request.urlopen(urllib.request.Request(ENDPOINT + "/moto-api/reset", method="POST")).read()


def all_subnets(region):
    """Every subnet of the region as describe-subnets prints it: Realify places NAT
    gateways in public subnets that collect does not fetch."""
    result = subprocess.run(["aws", "ec2", "describe-subnets", "--region", region, "--output", "json"],
                            capture_output=True, text=True, check=True, env=dict(os.environ, AWS_DEFAULT_REGION=region))
    return json.loads(result.stdout)["Subnets"]


def collect(region, cluster, services=(), tasks=()):
    arguments = [TRIAGE, "collect", "--region", region, "--cluster", cluster]
    for service in services:
        arguments += ["--service", service]
    for task in tasks:
        arguments += ["--task", task]
    environment = dict(os.environ, AWS_DEFAULT_REGION=region)
    result = subprocess.run(arguments, capture_output=True, text=True, env=environment, timeout=600)
    if result.returncode != 0 or not result.stdout:
        sys.exit(f"collect failed ({result.returncode}): {result.stderr}")
    return json.loads(result.stdout)


def write(path, snapshot):
    """Writes a snapshot with sorted keys, two-space indent: diffs stay readable."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        json.dump(snapshot, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.write("\n")


def iso(epoch):
    import datetime
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class Realify:
    """Turns what moto returns into what real AWS returns for the same stack.

    Each correction names the difference it repairs (README.md, "What moto prints
    differently"). Runtime state (tasks, deployments, events, target health) is
    written here from the real shapes of awscli's examples and botocore's model,
    because moto does not run containers.
    """

    def __init__(self, snapshot, region):
        self.s = snapshot
        self.region = region
        self.account = snapshot.get("accountId", ACCOUNT)
        self.ip_map = {}
        self.digests = {}
        self.image_digests()

    # --- EC2 -------------------------------------------------------------
    def subnet(self, subnet_id):
        """A subnet of the snapshot, else (a NAT gateway's public subnet, which collect
        does not fetch) from the emulator."""
        return next(s for s in self.s.get("Subnets", []) + self.s.get("_allSubnets", []) if s["SubnetId"] == subnet_id)

    def address_in(self, subnet_id, *key):
        network = ipaddress.ip_network(self.subnet(subnet_id)["CidrBlock"])
        usable = network.num_addresses - 5  # AWS reserves the first four and the last
        return str(network.network_address + 4 + int(stable(*key), 16) % usable)

    def dns_name(self, ip):
        suffix = "ec2.internal" if self.region == "us-east-1" else f"{self.region}.compute.internal"
        return "ip-" + ip.replace(".", "-") + "." + suffix

    def network_interfaces(self):
        """moto picks ENI addresses outside the subnet's CIDR: re-address them inside it."""
        mount_targets = {m["NetworkInterfaceId"]: m for m in self.s.get("MountTargets", [])}
        for eni in self.s.get("NetworkInterfaces", []):
            old = eni["PrivateIpAddress"]
            target = mount_targets.get(eni["NetworkInterfaceId"])
            if target:  # moto addresses mount targets inside their subnet, and their ENIs elsewhere
                eni["Description"] = f"EFS mount target for {target['FileSystemId']} ({target['MountTargetId']})"
                eni["InterfaceType"] = "interface"
                eni["RequesterManaged"] = True
                eni.pop("RequesterId", None)  # moto's is its own user id
            new = target["IpAddress"] if target else self.ip_map.get(old) or self.address_in(eni["SubnetId"], eni["NetworkInterfaceId"])
            self.ip_map[old] = new
            eni["PrivateIpAddress"] = new
            eni["PrivateDnsName"] = self.dns_name(new)
            eni["PrivateIpAddresses"] = [{"Primary": True, "PrivateDnsName": self.dns_name(new), "PrivateIpAddress": new}]
            if eni.get("Description") == "moto ECS":
                eni["Description"] = f"arn:aws:ecs:{self.region}:{self.account}:attachment/{stable_uuid(eni['NetworkInterfaceId'])}"
                eni["InterfaceType"] = "interface"
                eni.pop("RequesterId", None)  # moto's is its own user id
        for nat in self.s.get("NatGateways", []):
            for address in nat.get("NatGatewayAddresses", []):
                address["PrivateIp"] = self.address_in(nat["SubnetId"], nat["NatGatewayId"])
                address["PublicIp"] = "198.51.100." + str(int(stable(nat["NatGatewayId"]), 16) % 250 + 2)
                address.setdefault("IsPrimary", True)
                address.setdefault("Status", "succeeded")

    def network_acls(self, keep_zero_port_range=False):
        """Real AWS lists the two `*` (32767) deny entries and prints no PortRange for
        protocol -1. moto omits the former and echoes From 0 To 0 for the latter,
        which is also what Terraform sends (`from_port = 0, to_port = 0`): fixtures that
        reproduce that form keep it (keep_zero_port_range=True)."""
        for acl in self.s.get("NetworkAcls", []):
            entries = acl["Entries"]
            for entry in entries:
                if entry["Protocol"] == "-1" and not keep_zero_port_range:
                    entry.pop("PortRange", None)
            ipv6 = any("Ipv6CidrBlock" in e for e in entries)
            for egress in (True, False):
                if not any(e["RuleNumber"] == 32767 and e["Egress"] == egress for e in entries):
                    entries.append({"CidrBlock": "0.0.0.0/0", "Egress": egress, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767})
                if ipv6 and not any(e["RuleNumber"] == 32768 and e["Egress"] == egress for e in entries):
                    entries.append({"Ipv6CidrBlock": "::/0", "Egress": egress, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32768})
            entries.sort(key=lambda e: (not e["Egress"], e["RuleNumber"]))

    def image_digests(self):
        """moto reports the SHA-256 of the empty string as every image's digest: give each
        image its own, and the tasks running a tag the digest the registry holds for it."""
        by_reference = {}
        for image in self.s.get("imageDetails", []):
            if image.get("imageDigest") == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855":
                image["imageDigest"] = "sha256:" + stable(image["repositoryName"], *image.get("imageTags", []), image.get("imagePushedAt"), length=64)
            for tag in image.get("imageTags", []):
                by_reference[f"{image['repositoryName']}:{tag}"] = image["imageDigest"]
        self.digests = by_reference

    def target_group_port(self, arn, port):
        """moto keeps 80 as a target group's port whatever was asked (Terraform and the CLI sent `port`)."""
        for group in self.s.get("TargetGroups", []):
            if group["TargetGroupArn"] == arn:
                group["Port"] = port

    # --- ECS -------------------------------------------------------------
    def only_service_tasks(self, count=None):
        """moto's list-tasks ignores --service-name: collect then also fetched the
        cluster's other tasks. Keep the services' own, and the definitions in use."""
        groups = {"service:" + s["serviceName"] for s in self.s.get("services", [])}
        self.s["tasks"] = [t for t in self.s.get("tasks", []) if t.get("group") in groups][:count]
        used = {s["taskDefinition"] for s in self.s.get("services", [])} | {t["taskDefinitionArn"] for t in self.s["tasks"]}
        self.s["taskDefinitions"] = [d for d in self.s.get("taskDefinitions", []) if d["taskDefinitionArn"] in used]
        enis = {d["value"] for t in self.s["tasks"] for a in t.get("attachments", []) for d in a["details"] if d["name"] == "networkInterfaceId"}
        self.s["NetworkInterfaces"] = [e for e in self.s.get("NetworkInterfaces", []) if e.get("Description") != "moto ECS" or e["NetworkInterfaceId"] in enis]

    def task_definitions(self):
        for definition in self.s.get("taskDefinitions", []):
            if definition.get("networkMode") == "awsvpc":  # ECS echoes hostPort = containerPort; moto keeps what was sent
                for container in definition["containerDefinitions"]:
                    for mapping in container.get("portMappings", []):
                        if "containerPort" in mapping:
                            mapping.setdefault("hostPort", mapping["containerPort"])
            definition.setdefault("registeredAt", T0 - 86400)
            definition.setdefault("registeredBy", f"arn:aws:sts::{self.account}:assumed-role/deployer/session")
            attributes = [{"name": "com.amazonaws.ecs.capability.docker-remote-api.1.18"}]
            if definition.get("networkMode") == "awsvpc":
                attributes.append({"name": "ecs.capability.task-eni"})
            if definition.get("executionRoleArn"):
                attributes.append({"name": "ecs.capability.execution-role-awslogs"})
            definition.setdefault("requiresAttributes", attributes)

    def service(self, name, *, running=None, events=None, deployment_id=None, grace=None, extra=None, rollout_started=None):
        """A service that reached steady state: counts, deployment COMPLETED, the steady-state event."""
        service = next(s for s in self.s["services"] if s["serviceName"] == name)
        desired = service["desiredCount"]
        running = desired if running is None else running
        created = T0 - 3600 if rollout_started is None else rollout_started
        # The deployment that started the tasks of the current task definition (their startedBy).
        current = [t.get("startedBy") for t in self.s.get("tasks", [])
                   if t.get("group") == f"service:{name}" and t.get("taskDefinitionArn") == service["taskDefinition"] and t.get("startedBy")]
        deployment_id = deployment_id or (current[0] if current else "ecs-svc/" + str(int(stable(name, "deployment"), 16) % 10**19))
        service["runningCount"], service["pendingCount"] = running, 0
        service["createdAt"] = T0 - 30 * 86400
        service["createdBy"] = f"arn:aws:iam::{self.account}:role/deployer"
        if service.get("launchType") == "FARGATE" or service.get("capacityProviderStrategy"):
            service.setdefault("platformVersion", "LATEST")
            service["platformFamily"] = "Linux"
        else:
            service.pop("platformFamily", None)
        service.setdefault("deploymentConfiguration", {
            "deploymentCircuitBreaker": {"enable": False, "rollback": False}, "maximumPercent": 200, "minimumHealthyPercent": 100})
        service.setdefault("placementConstraints", [])
        service.setdefault("placementStrategy", [])
        service.setdefault("enableECSManagedTags", False)
        service.setdefault("enableExecuteCommand", False)
        service.setdefault("propagateTags", "NONE")
        if grace is not None:
            service["healthCheckGracePeriodSeconds"] = grace
        for deployment in service["deployments"]:
            deployment.update({"id": deployment_id, "status": "PRIMARY", "desiredCount": desired, "pendingCount": 0,
                               "runningCount": running, "failedTasks": 0, "createdAt": created, "updatedAt": created + 150,
                               "rolloutState": "COMPLETED", "rolloutStateReason": f"ECS deployment {deployment_id} completed."})
            if "platformFamily" in service:
                deployment["platformFamily"] = "Linux"
                deployment.setdefault("platformVersion", "1.4.0")
            else:
                deployment.pop("platformFamily", None)
        service["events"] = events if events is not None else [
            {"id": stable_uuid(name, "steady"), "createdAt": created + 160, "message": f"(service {name}) has reached a steady state."},
            {"id": stable_uuid(name, "complete"), "createdAt": created + 155, "message": f"(service {name}) (deployment {deployment_id}) deployment completed."},
        ]
        if extra:
            service.update(extra)
        return service

    def definition(self, arn):
        return next(d for d in self.s["taskDefinitions"] if d["taskDefinitionArn"] == arn)

    def task(self, task, *, status="RUNNING", started=None, stopped=None, containers=None, stop_code=None,
             stopped_reason=None, exec_agent=False, capacity_provider=None, health="UNKNOWN", container_instance=None,
             extra_containers=()):
        """Rewrites a task moto started into the shape `describe-tasks` prints.

        containers: name -> dict of overrides (lastStatus, exitCode, reason, healthStatus...).
        """
        definition = self.definition(task["taskDefinitionArn"])
        cluster = task["clusterArn"].rsplit("/", 1)[1]
        task_id = task["taskArn"].rsplit("/", 1)[1]
        if "-" in task_id:  # moto uses UUIDs; ECS uses 32 hex characters
            new_id = stable(task_id)
            task["taskArn"] = task["taskArn"].rsplit("/", 1)[0] + "/" + new_id
            task_id = new_id
        started = T0 - 1800 if started is None else started
        awsvpc = definition.get("networkMode") == "awsvpc"
        attachment = next((a for a in task.get("attachments", []) if a["type"] == "ElasticNetworkInterface"), None)
        ip = None
        if attachment:
            details = {d["name"]: d["value"] for d in attachment["details"]}
            eni_id = details["networkInterfaceId"]
            eni = next((e for e in self.s.get("NetworkInterfaces", []) if e["NetworkInterfaceId"] == eni_id), None)
            ip = eni["PrivateIpAddress"] if eni else self.address_in(details["subnetId"], eni_id)
            attachment["id"] = stable_uuid(eni_id) if not eni else eni["Description"].rsplit("/", 1)[1]
            attachment["status"] = "ATTACHED" if status == "RUNNING" else "DELETED"
            attachment["details"] = [
                {"name": "subnetId", "value": details["subnetId"]},
                {"name": "networkInterfaceId", "value": eni_id},
                {"name": "macAddress", "value": details.get("macAddress", "0e:" + ":".join(stable(eni_id)[i:i + 2] for i in range(0, 10, 2)))},
                {"name": "privateDnsName", "value": self.dns_name(ip)},
                {"name": "privateIPv4Address", "value": ip}]
            az = self.subnet(details["subnetId"])["AvailabilityZone"]
        else:
            az = task.get("availabilityZone", self.region + "a")
        overrides = containers or {}
        built = []
        for index, container in enumerate(definition["containerDefinitions"]):
            state = {"lastStatus": "RUNNING" if status == "RUNNING" else "STOPPED"}
            if status != "RUNNING":
                state["exitCode"] = 0
            state.update(overrides.get(container["name"], {}))
            item = {
                "containerArn": f"arn:aws:ecs:{self.region}:{self.account}:container/{cluster}/{task_id}/{stable_uuid(task_id, container['name'])}",
                "taskArn": task["taskArn"], "name": container["name"], "image": container["image"],
                "imageDigest": self.digests.get(container["image"].split("/", 1)[-1]) or "sha256:" + stable(container["image"], length=64),
                "runtimeId": f"{task_id}-{int(stable(task_id, index), 16) % 10**10}",
                "lastStatus": state.pop("lastStatus"),
                "networkBindings": [], "networkInterfaces": [{"attachmentId": attachment["id"], "privateIpv4Address": ip}] if attachment else [],
                "healthStatus": state.pop("healthStatus", "HEALTHY" if container.get("healthCheck") and status == "RUNNING" else "UNKNOWN"),
                "cpu": str(container.get("cpu", 0)),
            }
            if "memory" in container:
                item["memory"] = str(container["memory"])
            if "memoryReservation" in container:
                item["memoryReservation"] = str(container["memoryReservation"])
            if not awsvpc and status == "RUNNING":
                for mapping in container.get("portMappings", []):
                    host = mapping.get("hostPort") or 32768 + int(stable(task_id, mapping["containerPort"]), 16) % 28000
                    if definition.get("networkMode") == "host":
                        host = mapping["containerPort"]
                    item["networkBindings"].append({"bindIP": "0.0.0.0", "containerPort": mapping["containerPort"], "hostPort": host, "protocol": mapping.get("protocol", "tcp")})
            if exec_agent:
                item["managedAgents"] = [{"lastStartedAt": started + 5, "name": "ExecuteCommandAgent", "lastStatus": "RUNNING" if status == "RUNNING" else "STOPPED"}]
            item.update(state)
            built.append(item)
        built.extend(extra_containers)
        platform = definition.get("runtimePlatform", {}).get("operatingSystemFamily", "LINUX")
        launch = task.get("launchType") or ("FARGATE" if capacity_provider and capacity_provider.startswith("FARGATE") else "EC2")
        new = {
            "attachments": [attachment] if attachment else [],
            "attributes": [{"name": "ecs.cpu-architecture", "value": "arm64" if definition.get("runtimePlatform", {}).get("cpuArchitecture") == "ARM64" else "x86_64"}],
            "availabilityZone": az, "clusterArn": task["clusterArn"],
            "connectivity": "CONNECTED", "connectivityAt": started - 25,
            "containers": built, "cpu": definition.get("cpu", "0"), "createdAt": started - 30,
            "desiredStatus": "RUNNING" if status == "RUNNING" else "STOPPED",
            "enableExecuteCommand": exec_agent, "group": task.get("group") or "family:" + definition["family"],
            "healthStatus": health, "lastStatus": status, "launchType": launch,
            "memory": definition.get("memory", "0"),
            "overrides": {"containerOverrides": [{"name": c["name"]} for c in definition["containerDefinitions"]], "inferenceAcceleratorOverrides": []},
            "pullStartedAt": started - 20, "pullStoppedAt": started - 8, "startedAt": started,
            "tags": [], "taskArn": task["taskArn"], "taskDefinitionArn": task["taskDefinitionArn"], "version": 3 if status == "RUNNING" else 5,
        }
        if task.get("startedBy"):
            new["startedBy"] = task["startedBy"]
        if launch == "FARGATE":
            new["platformVersion"] = "1.0.0" if platform.startswith("WINDOWS") else "1.4.0"
            new["platformFamily"] = "Linux" if platform == "LINUX" else platform
            new["ephemeralStorage"] = {"sizeInGiB": 20}
            new["fargateEphemeralStorage"] = {"sizeInGiB": 20}
        if capacity_provider:
            new["capacityProviderName"] = capacity_provider
        if container_instance:
            new["containerInstanceArn"] = container_instance
        if status != "RUNNING":
            stopped = started + 600 if stopped is None else stopped
            new.update({"stopCode": stop_code or "EssentialContainerExited", "stoppedReason": stopped_reason or "Essential container in task exited",
                        "stoppingAt": stopped - 1, "executionStoppedAt": stopped - 1, "stoppedAt": stopped, "connectivity": "CONNECTED"})
        task.clear()
        task.update(new)
        return task

    def container_instances(self, trunk=False, running=None):
        """moto reports agent 1.0.0, Docker 1.5.0 and `ecs.os-type: windows` for every
        instance: write what an ECS-optimized Amazon Linux 2023 instance reports."""
        instances = {i["InstanceId"]: i for r in self.s.get("Reservations", []) for i in r["Instances"]}
        for ci in self.s.get("containerInstances", []):
            instance = instances[ci["ec2InstanceId"]]
            trunk_eni = "eni-" + stable(ci["ec2InstanceId"], "trunk", length=17) if trunk else None
            ci["attributes"] = container_instance_attributes(instance, instance["VpcId"], instance["SubnetId"], trunk_eni)
            ci["versionInfo"] = {"agentVersion": "1.89.2", "agentHash": "a0ff5e23", "dockerVersion": "DockerVersion: 25.0.8"}
            ci["registeredAt"] = T0 - 7 * 86400
            ci["version"] = 12
            ci["tags"] = []
            ci["attachments"] = [{"id": stable_uuid(trunk_eni), "type": "eni", "status": "ATTACHED",
                                  "details": [{"name": "networkInterfaceId", "value": trunk_eni}]}] if trunk else []
            ci["healthStatus"] = {"overallStatus": "OK", "details": [{"type": "CONTAINER_RUNTIME", "status": "OK", "lastUpdated": T0 - 60, "lastStatusChange": T0 - 7 * 86400}]}
            if running is not None:
                ci["runningTasksCount"] = running.get(ci["containerInstanceArn"], 0)
                ci["pendingTasksCount"] = 0

    def cross_account_ecr_errors(self, principal="arn:aws:sts::123456789012:assumed-role/ops/ecs-triage"):
        """moto answers RepositoryNotFoundException for another account's registry; AWS
        refuses the describe calls of a caller its repository policy does not name."""
        for error in self.s.get("collectErrors", []):
            if error["operation"].startswith("ecr ") and "RepositoryNotFoundException" in error["error"]:
                registry = error["arguments"][error["arguments"].index("--registry-id") + 1]
                region = error["arguments"][error["arguments"].index("--region") + 1]
                name_flag = "--repository-names" if "--repository-names" in error["arguments"] else "--repository-name"
                repository = error["arguments"][error["arguments"].index(name_flag) + 1]
                action = "DescribeRepositories" if error["operation"] == "ecr describe-repositories" else "DescribeImages"
                error["error"] = (f"An error occurred (AccessDeniedException) when calling the {action} operation: User: {principal} is not authorized "
                                  f"to perform: ecr:{action} on resource: arn:aws:ecr:{region}:{registry}:repository/{repository} "
                                  f"because no resource-based policy allows the ecr:{action} action")

    def target_health(self, arn, targets, state="healthy", reason=None, description=None):
        """targets: [(id, port, az)] registered in target group `arn`."""
        descriptions = []
        for target_id, port, az in targets:
            health = {"State": state}
            if reason:
                health["Reason"] = reason
            if description:
                health["Description"] = description
            target = {"Id": target_id, "Port": port}
            if az:
                target["AvailabilityZone"] = az
            descriptions.append({"Target": target, "HealthCheckPort": str(port), "TargetHealth": health})
        self.s.setdefault("TargetHealth", {})[arn] = descriptions

    def task_ip(self, task):
        for attachment in task.get("attachments", []):
            for detail in attachment["details"]:
                if detail["name"] == "privateIPv4Address":
                    return detail["value"]
        return None

    def finish(self, drop=()):
        self.s.pop("_allSubnets", None)
        for key in drop:
            self.s.pop(key, None)
        self.s["collectedAt"] = iso(T0)
        return self.s


class Deployer:
    """Builds a stack's resources in the emulator with the same API calls (and the
    same arguments) CloudFormation, Terraform or the console make for it."""

    def __init__(self, region):
        self.region = region
        self.ec2 = client("ec2", region)
        self.ecs = client("ecs", region)
        self.elb = client("elbv2", region)
        self.iam = client("iam", region)
        self.logs = client("logs", region)

    def tag(self, name):
        return [{"ResourceType": "x", "Tags": [{"Key": "Name", "Value": name}]}]

    def name(self, resource_id, name):
        self.ec2.create_tags(Resources=[resource_id], Tags=[{"Key": "Name", "Value": name}])

    def vpc(self, name, cidr, public=(), private=(), isolated=(), nat="per-az", dns=True):
        """public/private/isolated: [(cidr, az)]. nat: 'per-az', 'single' or None.
        Returns a dict of ids: vpc, igw, public/private/isolated subnet ids, route tables, nats."""
        ec2 = self.ec2
        vpc = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
        self.name(vpc, name)
        ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": dns})
        ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": dns})
        ids = {"vpc": vpc, "public": [], "private": [], "isolated": [], "tables": {}, "nats": []}
        if public:
            igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
            self.name(igw, name)
            ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
            ids["igw"] = igw
        for kind in ("public", "private", "isolated"):
            for index, (block, az) in enumerate({"public": public, "private": private, "isolated": isolated}[kind]):
                subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=block, AvailabilityZone=az)["Subnet"]["SubnetId"]
                self.name(subnet, f"{name}/{kind.capitalize()}Subnet{index + 1}")
                if kind == "public":
                    ec2.modify_subnet_attribute(SubnetId=subnet, MapPublicIpOnLaunch={"Value": True})
                ids[kind].append(subnet)
                table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
                self.name(table, f"{name}/{kind.capitalize()}Subnet{index + 1}")
                ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
                ids["tables"][subnet] = table
                if kind == "public":
                    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=ids["igw"])
        for index, subnet in enumerate(ids["public"]):
            if nat == "per-az" or (nat == "single" and index == 0):
                allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
                gateway = ec2.create_nat_gateway(SubnetId=subnet, AllocationId=allocation)["NatGateway"]["NatGatewayId"]
                self.name(gateway, f"{name}/PublicSubnet{index + 1}")
                ids["nats"].append(gateway)
        for index, subnet in enumerate(ids["private"] if ids["nats"] else []):
            gateway = ids["nats"][index % len(ids["nats"])]
            self.ec2.create_route(RouteTableId=ids["tables"][subnet], DestinationCidrBlock="0.0.0.0/0", NatGatewayId=gateway)
        return ids

    def default_vpc(self):
        """The region's default VPC (172.31.0.0/16, one public default subnet per AZ).
        moto's has no internet gateway; AWS's has one, routed from the main route table."""
        vpc = self.ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
        subnets = self.ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]
        if not self.ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc]}])["InternetGateways"]:
            igw = self.ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
            self.ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
            main = self.ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}, {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]
            self.ec2.create_route(RouteTableId=main["RouteTableId"], DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
        return vpc, sorted(subnets, key=lambda s: s["AvailabilityZone"])

    def security_group(self, name, vpc, description=None, ingress=(), egress=None, default_egress_description=None):
        """ingress/egress: IpPermissions items. egress None keeps AWS's default allow-all
        (with a description when the template gives one, as CDK does)."""
        group = self.ec2.create_security_group(GroupName=name, Description=description or name, VpcId=vpc)["GroupId"]
        if ingress:
            self.ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=list(ingress))
        if egress is not None or default_egress_description:
            self.ec2.revoke_security_group_egress(GroupId=group, IpPermissions=[{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
            rules = list(egress) if egress is not None else [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": default_egress_description}]}]
            if rules:
                self.ec2.authorize_security_group_egress(GroupId=group, IpPermissions=rules)
        return group

    @staticmethod
    def tcp(port, to=None, cidr=None, group=None, description=None):
        rule = {"IpProtocol": "tcp", "FromPort": port, "ToPort": to or port}
        if cidr:
            rule["IpRanges"] = [dict({"CidrIp": cidr}, **({"Description": description} if description else {}))]
        if group:
            rule["UserIdGroupPairs"] = [dict({"GroupId": group}, **({"Description": description} if description else {}))]
        return rule

    @staticmethod
    def all_traffic(cidr=None, group=None, description=None):
        rule = {"IpProtocol": "-1"}
        if cidr:
            rule["IpRanges"] = [dict({"CidrIp": cidr}, **({"Description": description} if description else {}))]
        if group:
            rule["UserIdGroupPairs"] = [dict({"GroupId": group}, **({"Description": description} if description else {}))]
        return rule

    def load_balancer(self, name, subnets, groups=None, kind="application", scheme="internet-facing"):
        arguments = dict(Name=name, Subnets=subnets, Type=kind, Scheme=scheme)
        if groups is not None:
            arguments["SecurityGroups"] = groups
        return self.elb.create_load_balancer(**arguments)["LoadBalancers"][0]["LoadBalancerArn"]

    def target_group(self, name, vpc, port, protocol="HTTP", target_type="ip", path="/", matcher="200", interval=30,
                     healthy=5, unhealthy=2, timeout=5, health_protocol=None):
        arguments = dict(Name=name, Protocol=protocol, Port=port, VpcId=vpc, TargetType=target_type,
                         HealthCheckIntervalSeconds=interval, HealthyThresholdCount=healthy, UnhealthyThresholdCount=unhealthy,
                         HealthCheckTimeoutSeconds=timeout, HealthCheckProtocol=health_protocol or ("TCP" if protocol == "TCP" else "HTTP"))
        if protocol != "TCP":
            arguments.update(HealthCheckPath=path, Matcher={"HttpCode": matcher})
        return self.elb.create_target_group(**arguments)["TargetGroups"][0]["TargetGroupArn"]

    def listener(self, balancer, group, port=80, protocol="HTTP"):
        self.elb.create_listener(LoadBalancerArn=balancer, Port=port, Protocol=protocol,
                                 DefaultActions=[{"Type": "forward", "TargetGroupArn": group}])

    def role(self, name, service="ecs-tasks.amazonaws.com", inline=None, managed=(), path="/"):
        trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}
        arn = self.iam.create_role(RoleName=name, Path=path, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
        for policy_name, document in (inline or {}).items():
            self.iam.put_role_policy(RoleName=name, PolicyName=policy_name, PolicyDocument=json.dumps(document))
        for policy in managed:
            self.iam.attach_role_policy(RoleName=name, PolicyArn=policy)
        return arn

    def log_group(self, name, retention=None):
        self.logs.create_log_group(logGroupName=name)
        if retention:
            self.logs.put_retention_policy(logGroupName=name, retentionInDays=retention)
        return f"arn:aws:logs:{self.region}:{ACCOUNT}:log-group:{name}"

    def image(self, repository, tag):
        ecr = client("ecr", self.region)
        ecr.create_repository(repositoryName=repository)
        manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                               "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7023,
                                          "digest": "sha256:" + stable(repository, tag, length=64)}, "layers": []})
        ecr.put_image(repositoryName=repository, imageTag=tag, imageManifest=manifest)
        return f"{ACCOUNT}.dkr.ecr.{self.region}.amazonaws.com/{repository}:{tag}"

    def instance_profile(self, name, role):
        self.iam.create_instance_profile(InstanceProfileName=name)
        self.iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=role)
        return f"arn:aws:iam::{ACCOUNT}:instance-profile/{name}"

    def container_instance(self, cluster, subnet, groups, profile, instance_type, image="ami-0b5a0d7d1e2a3f4c5", name=None):
        """An ECS-optimized instance whose agent registered to `cluster`."""
        instance = self.ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType=instance_type, SubnetId=subnet,
                                          SecurityGroupIds=groups, IamInstanceProfile={"Arn": profile},
                                          TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name or cluster + " ECS host"}]}])["Instances"][0]
        document = {"accountId": ACCOUNT, "architecture": "x86_64", "availabilityZone": instance["Placement"]["AvailabilityZone"],
                    "imageId": image, "instanceId": instance["InstanceId"], "instanceType": instance_type,
                    "privateIp": instance["PrivateIpAddress"], "region": self.region}
        self.ecs.register_container_instance(cluster=cluster, instanceIdentityDocument=json.dumps(document))
        return instance["InstanceId"]

    def definition(self, **arguments):
        return self.ecs.register_task_definition(**arguments)["taskDefinition"]["taskDefinitionArn"]

    def service(self, **arguments):
        return self.ecs.create_service(**arguments)["service"]["serviceArn"]


# Attribute names from aws/amazon-ecs-agent agent/app/agent_capability.go and agent.go
# (8dfceca6), as ECS lists them on a container instance of the ECS-optimized AMI.
AGENT_ATTRIBUTES = [
    "com.amazonaws.ecs.capability.docker-remote-api.1.17", "com.amazonaws.ecs.capability.docker-remote-api.1.18",
    "com.amazonaws.ecs.capability.docker-remote-api.1.19", "com.amazonaws.ecs.capability.docker-remote-api.1.21",
    "com.amazonaws.ecs.capability.docker-remote-api.1.22", "com.amazonaws.ecs.capability.docker-remote-api.1.23",
    "com.amazonaws.ecs.capability.docker-remote-api.1.24", "com.amazonaws.ecs.capability.docker-remote-api.1.25",
    "com.amazonaws.ecs.capability.docker-remote-api.1.29", "com.amazonaws.ecs.capability.docker-remote-api.1.32",
    "com.amazonaws.ecs.capability.ecr-auth", "com.amazonaws.ecs.capability.logging-driver.awslogs",
    "com.amazonaws.ecs.capability.logging-driver.json-file", "com.amazonaws.ecs.capability.privileged-container",
    "com.amazonaws.ecs.capability.task-iam-role", "com.amazonaws.ecs.capability.task-iam-role-network-host",
    "ecs.capability.container-health-check", "ecs.capability.container-ordering", "ecs.capability.ecr-endpoint",
    "ecs.capability.efs", "ecs.capability.efsAuth", "ecs.capability.env-files.s3", "ecs.capability.execute-command",
    "ecs.capability.execution-role-awslogs", "ecs.capability.execution-role-ecr-pull",
    "ecs.capability.secrets.asm.environment-variables", "ecs.capability.secrets.ssm.environment-variables",
    "ecs.capability.task-cpu-mem-limit", "ecs.capability.task-eni", "ecs.capability.task-eni-trunking",
    "ecs.capability.network.container-port-range", "ecs.capability.service-connect-v1",
]


def container_instance_attributes(instance, vpc, subnet, trunk_eni=None):
    attributes = [{"name": name} for name in AGENT_ATTRIBUTES]
    attributes += [{"name": "ecs.ami-id", "value": instance["ImageId"]},
                   {"name": "ecs.availability-zone", "value": instance["Placement"]["AvailabilityZone"]},
                   {"name": "ecs.cpu-architecture", "value": "x86_64"},
                   {"name": "ecs.instance-type", "value": instance["InstanceType"]},
                   {"name": "ecs.os-family", "value": "LINUX"}, {"name": "ecs.os-type", "value": "linux"},
                   {"name": "ecs.subnet-id", "value": subnet}, {"name": "ecs.vpc-id", "value": vpc}]
    if trunk_eni:
        attributes.append({"name": "ecs.awsvpc-trunk-id", "value": trunk_eni})
    return sorted(attributes, key=lambda a: a["name"])


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


def cdk_vpc(d, stack, nat="per-az", kind="private"):
    """ec2.Vpc defaults (2 AZs, /18 subnets, a NAT gateway per AZ)."""
    azs = [d.region + "a", d.region + ("c" if d.region == "ap-northeast-1" else "b")]
    layout = {"public": [("10.0.0.0/18", azs[0]), ("10.0.64.0/18", azs[1])]}
    layout[kind] = [("10.0.128.0/18", azs[0]), ("10.0.192.0/18", azs[1])]
    return d.vpc(f"{stack}/Vpc", "10.0.0.0/16", nat=nat if kind == "private" else None, **layout)


