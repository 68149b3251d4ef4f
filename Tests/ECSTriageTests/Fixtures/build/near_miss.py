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

from fixturekit import T0, Realify, client, collect, stable, write

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
        snapshot = deploy()
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


def main(names):
    for name in names or sorted(STACKS):
        snapshot = STACKS[name]()
        write(os.path.join(OUT, name + ".json"), snapshot)
        print("wrote", name)


if __name__ == "__main__":
    main(sys.argv[1:])
