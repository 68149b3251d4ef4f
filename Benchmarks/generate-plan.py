#!/usr/bin/env python3
"""Deterministic generator of account-scale Terraform plans (`terraform show -json`
of a green-field plan), in the shapes Terraform 1.11 writes (format 1.2).

Usage: Benchmarks/generate-plan.py SIZE > plan.json
SIZE is small (~100 services, ~1,300 resources), medium (~1,000 services, ~13,000
resources, tens of MB), large (~3,000 services) or a number of services.

The root module has one VPC per 50 services (count), its private route table and
S3 gateway endpoint, and per VPC a call of a service module with for_each over
its services (`module.network3["svc-00150"]`). Each
module instance creates two subnets (count), their route table associations
(count.index), a task security group with an egress rule resource, an execution
role and its policy attachment, a log group, a target group, a task definition
(every fifth one with container definitions unknown until apply, as when the
image names a repository created in the same plan) and a service. Links go
through module inputs (`var.vpc_id` ← `aws_vpc.net[3].id`) and resource
references, so translation exercises reference resolution at scale.
"""
import json
import sys

SIZES = {"small": 100, "medium": 1000, "large": 3000}
REGION = "eu-west-1"
SERVICES_PER_VPC = 50


def change(address, rtype, name, after, unknown, index=None, module=None):
    entry = {"address": address, "mode": "managed", "type": rtype, "name": name,
             "provider_name": "registry.terraform.io/hashicorp/aws",
             "change": {"actions": ["create"], "before": None, "after": after, "after_unknown": unknown,
                        "before_sensitive": False, "after_sensitive": {k: False for k in after if isinstance(after[k], (list, dict))}}}
    if index is not None:
        entry["index"] = index
    if module is not None:
        entry["module_address"] = module
    return entry


def planned(entry):
    resource = {k: entry[k] for k in ("address", "mode", "type", "name", "provider_name") if k in entry}
    if "index" in entry:
        resource["index"] = entry["index"]
    resource["schema_version"] = 0
    resource["values"] = entry["change"]["after"]
    resource["sensitive_values"] = {}
    return resource


def refs(*names):
    return {"references": list(names)}


def const(value):
    return {"constant_value": value}


def configuration(vpcs):
    root = [
        {"address": "aws_vpc.net", "mode": "managed", "type": "aws_vpc", "name": "net", "provider_config_key": "aws",
         "count_expression": refs("local.vpc_count"),
         "expressions": {"cidr_block": refs("count.index"), "enable_dns_hostnames": const(True)}},
        {"address": "aws_internet_gateway.net", "mode": "managed", "type": "aws_internet_gateway", "name": "net", "provider_config_key": "aws",
         "count_expression": refs("local.vpc_count"), "expressions": {"vpc_id": refs("aws_vpc.net", "count.index")}},
        {"address": "aws_route_table.private", "mode": "managed", "type": "aws_route_table", "name": "private", "provider_config_key": "aws",
         "count_expression": refs("local.vpc_count"), "expressions": {"vpc_id": refs("aws_vpc.net", "count.index")}},
        {"address": "aws_vpc_endpoint.s3", "mode": "managed", "type": "aws_vpc_endpoint", "name": "s3", "provider_config_key": "aws",
         "count_expression": refs("local.vpc_count"),
         "expressions": {"vpc_id": refs("aws_vpc.net", "count.index"), "service_name": const(f"com.amazonaws.{REGION}.s3"),
                         "route_table_ids": refs("aws_route_table.private", "count.index")}},
        {"address": "aws_ecs_cluster.main", "mode": "managed", "type": "aws_ecs_cluster", "name": "main", "provider_config_key": "aws",
         "expressions": {"name": const("platform")}},
    ]
    module = [
        {"address": "aws_subnet.this", "mode": "managed", "type": "aws_subnet", "name": "this", "provider_config_key": "aws",
         "count_expression": const(2), "expressions": {"vpc_id": refs("var.vpc_id"), "cidr_block": refs("var.cidrs", "count.index")}},
        {"address": "aws_route_table_association.this", "mode": "managed", "type": "aws_route_table_association", "name": "this",
         "provider_config_key": "aws", "count_expression": const(2),
         "expressions": {"subnet_id": refs("aws_subnet.this", "count.index"), "route_table_id": refs("var.route_table_id")}},
        {"address": "aws_security_group.task", "mode": "managed", "type": "aws_security_group", "name": "task", "provider_config_key": "aws",
         "expressions": {"vpc_id": refs("var.vpc_id"), "name": refs("var.name")}},
        {"address": "aws_vpc_security_group_egress_rule.https", "mode": "managed", "type": "aws_vpc_security_group_egress_rule",
         "name": "https", "provider_config_key": "aws",
         "expressions": {"security_group_id": refs("aws_security_group.task.id", "aws_security_group.task"),
                         "ip_protocol": const("tcp"), "from_port": const(443), "to_port": const(443), "cidr_ipv4": const("0.0.0.0/0")}},
        {"address": "aws_iam_role.execution", "mode": "managed", "type": "aws_iam_role", "name": "execution", "provider_config_key": "aws",
         "expressions": {"name": refs("var.name"), "assume_role_policy": {}}},
        {"address": "aws_iam_role_policy_attachment.execution", "mode": "managed", "type": "aws_iam_role_policy_attachment",
         "name": "execution", "provider_config_key": "aws",
         "expressions": {"role": refs("aws_iam_role.execution.name", "aws_iam_role.execution"),
                         "policy_arn": const("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")}},
        {"address": "aws_cloudwatch_log_group.this", "mode": "managed", "type": "aws_cloudwatch_log_group", "name": "this",
         "provider_config_key": "aws", "expressions": {"name": refs("var.name")}},
        {"address": "aws_ecr_repository.this", "mode": "managed", "type": "aws_ecr_repository", "name": "this",
         "provider_config_key": "aws", "expressions": {"name": refs("var.name")}},
        {"address": "aws_lb_target_group.this", "mode": "managed", "type": "aws_lb_target_group", "name": "this", "provider_config_key": "aws",
         "expressions": {"vpc_id": refs("var.vpc_id"), "port": const(8080), "protocol": const("HTTP"), "target_type": const("ip")}},
        {"address": "aws_ecs_task_definition.this", "mode": "managed", "type": "aws_ecs_task_definition", "name": "this",
         "provider_config_key": "aws",
         "expressions": {"family": refs("var.name"), "network_mode": const("awsvpc"), "cpu": const("256"), "memory": const("512"),
                         "requires_compatibilities": const(["FARGATE"]),
                         "execution_role_arn": refs("aws_iam_role.execution.arn", "aws_iam_role.execution"),
                         "container_definitions": refs("aws_ecr_repository.this.repository_url", "aws_ecr_repository.this",
                                                       "aws_cloudwatch_log_group.this.name", "aws_cloudwatch_log_group.this", "var.name")}},
        {"address": "aws_ecs_service.this", "mode": "managed", "type": "aws_ecs_service", "name": "this", "provider_config_key": "aws",
         "expressions": {"name": refs("var.name"), "cluster": refs("var.cluster_arn"),
                         "task_definition": refs("aws_ecs_task_definition.this.arn", "aws_ecs_task_definition.this"),
                         "launch_type": const("FARGATE"), "desired_count": const(2),
                         "network_configuration": [{"subnets": refs("aws_subnet.this"),
                                                    "security_groups": refs("aws_security_group.task.id", "aws_security_group.task")}],
                         "load_balancer": [{"target_group_arn": refs("aws_lb_target_group.this.arn", "aws_lb_target_group.this"),
                                            "container_name": const("app"), "container_port": const(8080)}]}},
    ]
    return {
        "provider_config": {"aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws",
                                    "expressions": {"region": const(REGION)}}},
        "root_module": {
            "resources": root,
            "module_calls": {f"network{v}": {
                "source": "./modules/service", "for_each_expression": refs(f"local.services_in_network{v}"),
                "expressions": {"name": refs("each.key"), "vpc_id": refs(f"aws_vpc.net[{v}].id", f"aws_vpc.net[{v}]", "aws_vpc.net"),
                                "route_table_id": refs(f"aws_route_table.private[{v}].id", f"aws_route_table.private[{v}]", "aws_route_table.private"),
                                "cidrs": refs("each.value.cidrs"), "cluster_arn": refs("aws_ecs_cluster.main.arn", "aws_ecs_cluster.main")},
                "module": {"resources": module, "variables": {name: {} for name in ("name", "vpc_id", "route_table_id", "cidrs", "cluster_arn")}},
            } for v in range(vpcs)},
        },
    }


def main():
    size = sys.argv[1] if len(sys.argv) > 1 else "small"
    services = SIZES.get(size) or int(size)
    vpcs = max(1, (services + SERVICES_PER_VPC - 1) // SERVICES_PER_VPC)
    changes = []
    for v in range(vpcs):
        changes.append(change(f"aws_vpc.net[{v}]", "aws_vpc", "net",
                              {"cidr_block": f"10.{v % 250}.0.0/16", "enable_dns_hostnames": True, "enable_dns_support": True,
                               "instance_tenancy": "default", "tags": None},
                              {"id": True, "arn": True, "main_route_table_id": True, "default_network_acl_id": True,
                               "default_security_group_id": True, "owner_id": True, "tags_all": True}, index=v))
        changes.append(change(f"aws_internet_gateway.net[{v}]", "aws_internet_gateway", "net", {"tags": None},
                              {"id": True, "arn": True, "vpc_id": True, "owner_id": True}, index=v))
        changes.append(change(f"aws_route_table.private[{v}]", "aws_route_table", "private", {"tags": None},
                              {"id": True, "arn": True, "vpc_id": True, "route": True, "propagating_vgws": True, "owner_id": True}, index=v))
        changes.append(change(f"aws_vpc_endpoint.s3[{v}]", "aws_vpc_endpoint", "s3",
                              {"service_name": f"com.amazonaws.{REGION}.s3", "vpc_endpoint_type": "Gateway", "auto_accept": None},
                              {"id": True, "arn": True, "vpc_id": True, "route_table_ids": True, "policy": True, "private_dns_enabled": True,
                               "subnet_ids": True, "security_group_ids": True, "prefix_list_id": True, "cidr_blocks": True}, index=v))
    changes.append(change("aws_ecs_cluster.main", "aws_ecs_cluster", "main", {"name": "platform", "setting": [], "tags": None},
                          {"id": True, "arn": True, "setting": [], "tags_all": True}))
    for s in range(services):
        key = f"svc-{s:05d}"
        vpc = s // SERVICES_PER_VPC
        module = f'module.network{vpc}["{key}"]'
        slot = s % SERVICES_PER_VPC
        for i in range(2):
            changes.append(change(f"{module}.aws_subnet.this[{i}]", "aws_subnet", "this",
                                  {"cidr_block": f"10.{vpc % 250}.{slot * 2 + i}.0/24", "availability_zone": f"{REGION}{'ab'[i]}",
                                   "map_public_ip_on_launch": False, "tags": None},
                                  {"id": True, "arn": True, "vpc_id": True, "owner_id": True, "tags_all": True}, index=i, module=module))
            changes.append(change(f"{module}.aws_route_table_association.this[{i}]", "aws_route_table_association", "this",
                                  {"gateway_id": None, "timeouts": None}, {"id": True, "subnet_id": True, "route_table_id": True},
                                  index=i, module=module))
        changes.append(change(f"{module}.aws_security_group.task", "aws_security_group", "task",
                              {"name": key, "description": "Managed by Terraform", "revoke_rules_on_delete": False, "tags": None},
                              {"id": True, "arn": True, "vpc_id": True, "egress": True, "ingress": True, "owner_id": True,
                               "name_prefix": True, "tags_all": True}, module=module))
        changes.append(change(f"{module}.aws_vpc_security_group_egress_rule.https", "aws_vpc_security_group_egress_rule", "https",
                              {"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0", "tags": None},
                              {"id": True, "arn": True, "security_group_id": True, "security_group_rule_id": True}, module=module))
        trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                                   "Principal": {"Service": "ecs-tasks.amazonaws.com"}}]})
        changes.append(change(f"{module}.aws_iam_role.execution", "aws_iam_role", "execution",
                              {"name": key, "assume_role_policy": trust, "path": "/", "max_session_duration": 3600, "tags": None},
                              {"id": True, "arn": True, "unique_id": True, "inline_policy": True, "managed_policy_arns": True,
                               "create_date": True, "name_prefix": True, "tags_all": True}, module=module))
        changes.append(change(f"{module}.aws_iam_role_policy_attachment.execution", "aws_iam_role_policy_attachment", "execution",
                              {"role": key, "policy_arn": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"},
                              {"id": True}, module=module))
        changes.append(change(f"{module}.aws_cloudwatch_log_group.this", "aws_cloudwatch_log_group", "this",
                              {"name": f"/ecs/{key}", "retention_in_days": 30, "skip_destroy": False, "tags": None},
                              {"id": True, "arn": True, "tags_all": True}, module=module))
        changes.append(change(f"{module}.aws_ecr_repository.this", "aws_ecr_repository", "this",
                              {"name": key, "image_tag_mutability": "MUTABLE", "force_delete": None, "tags": None},
                              {"id": True, "arn": True, "registry_id": True, "repository_url": True, "tags_all": True}, module=module))
        changes.append(change(f"{module}.aws_lb_target_group.this", "aws_lb_target_group", "this",
                              {"name": key[:32], "port": 8080, "protocol": "HTTP", "target_type": "ip", "deregistration_delay": "300",
                               "health_check": [{"enabled": True, "path": "/", "matcher": "200", "port": "traffic-port", "protocol": "HTTP",
                                                 "interval": 30, "timeout": 5, "healthy_threshold": 3, "unhealthy_threshold": 3}]},
                              {"id": True, "arn": True, "arn_suffix": True, "vpc_id": True, "health_check": [{}], "tags_all": True}, module=module))
        unknown_definitions = s % 5 == 0
        definition = {"family": key, "network_mode": "awsvpc", "cpu": "256", "memory": "512", "requires_compatibilities": ["FARGATE"],
                      "tags": None, "volume": [], "runtime_platform": []}
        definition_unknown = {"arn": True, "arn_without_revision": True, "execution_role_arn": True, "id": True, "revision": True,
                              "tags_all": True, "requires_compatibilities": [False], "volume": [], "runtime_platform": []}
        if unknown_definitions:
            definition_unknown["container_definitions"] = True
        else:
            definition["container_definitions"] = json.dumps([{
                "name": "app", "image": f"111122223333.dkr.ecr.{REGION}.amazonaws.com/{key}:1.0.{s}", "essential": True,
                "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}],
                "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": f"/ecs/{key}", "awslogs-region": REGION,
                                                                          "awslogs-stream-prefix": "app"}}}], separators=(",", ":"))
        changes.append(change(f"{module}.aws_ecs_task_definition.this", "aws_ecs_task_definition", "this", definition,
                              definition_unknown, module=module))
        changes.append(change(f"{module}.aws_ecs_service.this", "aws_ecs_service", "this",
                              {"name": key, "launch_type": "FARGATE", "desired_count": 2, "scheduling_strategy": "REPLICA",
                               "deployment_maximum_percent": 200, "deployment_minimum_healthy_percent": 100, "enable_execute_command": False,
                               "network_configuration": [{"assign_public_ip": False}],
                               "load_balancer": [{"container_name": "app", "container_port": 8080, "elb_name": ""}]},
                              {"id": True, "cluster": True, "task_definition": True, "iam_role": True, "platform_version": True,
                               "network_configuration": [{"subnets": True, "security_groups": True}],
                               "load_balancer": [{"target_group_arn": True}], "tags_all": True, "triggers": True}, module=module))
    root_resources = [planned(c) for c in changes if "module_address" not in c]
    children = {}
    for c in changes:
        if "module_address" in c:
            children.setdefault(c["module_address"], []).append(planned(c))
    plan = {
        "format_version": "1.2", "terraform_version": "1.11.4", "applyable": True, "complete": True, "errored": False,
        "timestamp": "2026-12-03T00:00:00Z", "variables": {},
        "planned_values": {"root_module": {"resources": root_resources,
                                           "child_modules": [{"address": a, "resources": r} for a, r in children.items()]}},
        "resource_changes": changes,
        "configuration": configuration(vpcs),
    }
    json.dump(plan, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
