#!/usr/bin/env python3
"""Checks every fixture document against botocore's output shapes: each member is one
the API defines, of its type, and enumerated values are among the model's (case-
insensitive, as the analyzer reads them).

    python3 validate.py      # prints one line per problem; exit 1 when any
"""
import glob
import gzip
import json
import os
import sys

import botocore

DATA = os.path.join(os.path.dirname(botocore.__file__), "data")
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.dirname(HERE)


def model(service):
    path = sorted(glob.glob(os.path.join(DATA, service, "*", "service-2.json*")))[-1]
    with (gzip.open(path) if path.endswith(".gz") else open(path, "rb")) as handle:
        return json.load(handle)


MODELS = {}


def shape_of(service, operation, member):
    m = MODELS.setdefault(service, model(service))
    output = m["shapes"][m["operations"][operation]["output"]["shape"]]
    return service, output["members"][member]["shape"]


# snapshot key -> (service, shape of the value); list shapes are validated element-wise.
KEYS = {
    "tasks": shape_of("ecs", "DescribeTasks", "tasks"), "failures": shape_of("ecs", "DescribeTasks", "failures"),
    "services": shape_of("ecs", "DescribeServices", "services"), "clusters": shape_of("ecs", "DescribeClusters", "clusters"),
    "taskDefinition": shape_of("ecs", "DescribeTaskDefinition", "taskDefinition"), "tags": shape_of("ecs", "DescribeTaskDefinition", "tags"),
    "containerInstances": shape_of("ecs", "DescribeContainerInstances", "containerInstances"),
    "settings": shape_of("ecs", "ListAccountSettings", "settings"),
    "Reservations": shape_of("ec2", "DescribeInstances", "Reservations"), "Vpcs": shape_of("ec2", "DescribeVpcs", "Vpcs"),
    "Subnets": shape_of("ec2", "DescribeSubnets", "Subnets"), "RouteTables": shape_of("ec2", "DescribeRouteTables", "RouteTables"),
    "InternetGateways": shape_of("ec2", "DescribeInternetGateways", "InternetGateways"),
    "NatGateways": shape_of("ec2", "DescribeNatGateways", "NatGateways"), "VpcEndpoints": shape_of("ec2", "DescribeVpcEndpoints", "VpcEndpoints"),
    "NetworkAcls": shape_of("ec2", "DescribeNetworkAcls", "NetworkAcls"),
    "NetworkInterfaces": shape_of("ec2", "DescribeNetworkInterfaces", "NetworkInterfaces"),
    "PrefixLists": shape_of("ec2", "DescribePrefixLists", "PrefixLists"),
    "EnableDnsSupport": shape_of("ec2", "DescribeVpcAttribute", "EnableDnsSupport"),
    "EnableDnsHostnames": shape_of("ec2", "DescribeVpcAttribute", "EnableDnsHostnames"),
    "LoadBalancers": shape_of("elbv2", "DescribeLoadBalancers", "LoadBalancers"),
    "TargetGroups": shape_of("elbv2", "DescribeTargetGroups", "TargetGroups"), "Listeners": shape_of("elbv2", "DescribeListeners", "Listeners"),
    "TargetHealthDescriptions": shape_of("elbv2", "DescribeTargetHealth", "TargetHealthDescriptions"),
    "LoadBalancerDescriptions": shape_of("elb", "DescribeLoadBalancers", "LoadBalancerDescriptions"),
    "RoleDetailList": shape_of("iam", "GetAccountAuthorizationDetails", "RoleDetailList"),
    "Policies": shape_of("iam", "GetAccountAuthorizationDetails", "Policies"),
    "UserDetailList": shape_of("iam", "GetAccountAuthorizationDetails", "UserDetailList"),
    "GroupDetailList": shape_of("iam", "GetAccountAuthorizationDetails", "GroupDetailList"),
    "Role": shape_of("iam", "GetRole", "Role"), "logGroups": shape_of("logs", "DescribeLogGroups", "logGroups"),
    "repositories": shape_of("ecr", "DescribeRepositories", "repositories"), "imageDetails": shape_of("ecr", "DescribeImages", "imageDetails"),
    "MountTargets": shape_of("efs", "DescribeMountTargets", "MountTargets"), "FileSystems": shape_of("efs", "DescribeFileSystems", "FileSystems"),
    "SecretList": shape_of("secretsmanager", "ListSecrets", "SecretList"),
    "Parameters": shape_of("ssm", "DescribeParameters", "Parameters"), "InvalidParameters": shape_of("ssm", "GetParameters", "InvalidParameters"),
}
# What AWS prints outside its own model: internet gateway attachments say "available"
# (awscli's examples/ec2/describe-internet-gateways.rst).
MODEL_EXCEPTIONS = {("AttachmentStatus", "available")}
# collect merges get-role (MaxSessionDuration, Description), get-policy (Tags) and
# describe-secret (VersionIdsToStages) outputs into RoleDetailList / Policies / SecretList
# entries: allowed in its snapshots, not in a file that stands for one command.
COLLECT_MERGED = {("RoleDetail", "MaxSessionDuration"), ("RoleDetail", "Description"), ("ManagedPolicyDetail", "Tags"),
                  ("SecretListEntry", "VersionIdsToStages")}
PER_ARN = {"TargetHealth": shape_of("elbv2", "DescribeTargetHealth", "TargetHealthDescriptions"),
           "TargetGroupAttributes": shape_of("elbv2", "DescribeTargetGroupAttributes", "Attributes")}
IGNORED = {"snapshotVersion", "region", "accountId", "collectedAt", "tool", "collectErrors", "VpcId", "IsTruncated", "NextToken", "Marker",
           "taskDefinitions", "VpcAttributes", "SecurityGroups"}
# IAM policy documents are URL-encoded JSON strings in the API; the CLI prints them decoded.
POLICY_DOCUMENTS = {"policyDocumentType"}


def check(value, service, shape_name, path, problems, merged=False):
    shape = MODELS[service]["shapes"][shape_name]
    kind = shape["type"]
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object ({shape_name})")
            return
        for key, item in value.items():
            member = shape["members"].get(key)
            if member is None:
                if not (merged and (shape_name, key) in COLLECT_MERGED):
                    problems.append(f"{path}/{key}: not a member of {service} {shape_name}")
            elif item is not None:
                check(item, service, member["shape"], f"{path}/{key}", problems, merged)
    elif kind == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: expected an array ({shape_name})")
            return
        for index, item in enumerate(value):
            check(item, service, shape["member"]["shape"], f"{path}/{index}", problems, merged)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object map ({shape_name})")
            return
        for key, item in value.items():
            check(item, service, shape["value"]["shape"], f"{path}/{key}", problems, merged)
    elif kind == "string":
        if shape_name in POLICY_DOCUMENTS and isinstance(value, dict):
            return
        if not isinstance(value, str):
            problems.append(f"{path}: expected a string ({shape_name}), found {type(value).__name__}")
        elif "enum" in shape and value.lower() not in {e.lower() for e in shape["enum"]} and (shape_name, value) not in MODEL_EXCEPTIONS:
            problems.append(f"{path}: {value!r} is not one of {shape_name} {shape['enum']}")
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: expected an integer ({shape_name})")
    elif kind in ("double", "float"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: expected a number ({shape_name})")
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected a boolean ({shape_name})")
    elif kind == "timestamp":
        if not isinstance(value, (int, float, str)):
            problems.append(f"{path}: expected a timestamp ({shape_name})")


def validate(document, name, problems, merged):
    if isinstance(document, list):  # a --query output: an array of IAM roles
        for index, item in enumerate(document):
            check(item, "iam", MODELS["iam"]["shapes"][KEYS["RoleDetailList"][1]]["member"]["shape"], f"{name}#/{index}", problems)
        return
    for key, value in document.items():
        if key in KEYS:
            service, shape_name = KEYS[key]
            check(value, service, shape_name, f"{name}#/{key}", problems, merged)
        elif key in PER_ARN:
            service, shape_name = PER_ARN[key]
            for arn, item in value.items():
                check(item, service, shape_name, f"{name}#/{key}/{arn}", problems)
        elif key == "taskDefinitions":
            for index, item in enumerate(value):
                check(item, "ecs", "TaskDefinition", f"{name}#/taskDefinitions/{index}", problems)
        elif key == "VpcAttributes":
            for index, item in enumerate(value):
                for attribute in ("EnableDnsSupport", "EnableDnsHostnames"):
                    check(item[attribute], *KEYS[attribute], f"{name}#/VpcAttributes/{index}/{attribute}", problems)
        elif key == "SecurityGroups":
            if value and isinstance(value[0], str):
                continue  # efs describe-mount-target-security-groups
            check(value, *shape_of("ec2", "DescribeSecurityGroups", "SecurityGroups"), f"{name}#/SecurityGroups", problems)
        elif key not in IGNORED:
            problems.append(f"{name}#/{key}: not a key of the snapshot format")


def main():
    problems = []
    files = sorted(glob.glob(os.path.join(FIXTURES, "near-miss", "*.json")) + glob.glob(os.path.join(FIXTURES, "field-notes", "*", "*.json")))
    for path in files:
        if path.endswith("expected.json") or path.endswith("sleep360.json") or path.endswith("service.json"):
            continue  # expectations, and files users wrote for register-task-definition / create-service
        with open(path) as handle:
            # near-miss snapshots are collect's merged format; field-note files stand for single commands
            validate(json.load(handle), os.path.relpath(path, FIXTURES), problems, merged="near-miss" in path)
    for problem in problems:
        print(problem)
    print(f"{len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
