# Modelled on terraform-aws-modules/terraform-aws-ecs examples/fargate (v5.12.1) with
# vpc v5.21.0 (one NAT gateway, dedicated network ACLs as in the vpc module's
# examples/network-acls), alb v9.17.0, the ecs cluster and service modules, and the
# example's standalone task definition (a one-shot `echo hello world`).
# Left out for the emulator: the fluent-bit FireLens sidecar (its image comes from a
# public SSM parameter), Service Connect, and service autoscaling (moto lacks
# application-autoscaling's ListTagsForResource). ./modules is a symlink to the
# modules' sources at those tags (see ../../../near-miss/README.md).
provider "aws" {
  region                      = local.region
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

locals {
  region         = "eu-west-1"
  name           = "ex-fargate"
  vpc_cidr       = "10.0.0.0/16"
  azs            = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  container_name = "ecsdemo-frontend"
  container_port = 3000
}

module "vpc" {
  source             = "./modules/vpc"
  name               = local.name
  cidr               = local.vpc_cidr
  azs                = local.azs
  private_subnets    = [for k, v in local.azs : cidrsubnet(local.vpc_cidr, 4, k)]
  public_subnets     = [for k, v in local.azs : cidrsubnet(local.vpc_cidr, 8, k + 48)]
  enable_nat_gateway = true
  single_nat_gateway = true
  public_dedicated_network_acl  = true
  private_dedicated_network_acl = true
}

module "alb" {
  source                     = "./modules/alb"
  name                       = local.name
  load_balancer_type         = "application"
  vpc_id                     = module.vpc.vpc_id
  subnets                    = module.vpc.public_subnets
  enable_deletion_protection = false
  security_group_ingress_rules = {
    http_from_anywhere = { from_port = 80, to_port = 80, ip_protocol = "tcp", cidr_ipv4 = "0.0.0.0/0" }
  }
  security_group_egress_rules = {
    to_vpc = { ip_protocol = "-1", cidr_ipv4 = module.vpc.vpc_cidr_block }
  }
  listeners = {
    http = { port = 80, protocol = "HTTP", forward = { target_group_key = "service" } }
  }
  target_groups = {
    service = {
      backend_protocol     = "HTTP"
      backend_port         = local.container_port
      target_type          = "ip"
      deregistration_delay = 5
      health_check = {
        enabled = true, healthy_threshold = 5, interval = 30, matcher = "200", path = "/"
        port = "traffic-port", protocol = "HTTP", timeout = 5, unhealthy_threshold = 2
      }
      create_attachment = false
    }
  }
}

module "ecs_cluster" {
  source       = "./modules/ecs/modules/cluster"
  cluster_name = local.name
  fargate_capacity_providers = {
    FARGATE      = { default_capacity_provider_strategy = { weight = 50, base = 20 } }
    FARGATE_SPOT = { default_capacity_provider_strategy = { weight = 50 } }
  }
}

module "ecs_service" {
  source             = "./modules/ecs/modules/service"
  name               = local.name
  cluster_arn        = module.ecs_cluster.arn
  cpu                = 1024
  memory             = 4096
  enable_autoscaling = false
  container_definitions = {
    (local.container_name) = {
      cpu       = 512
      memory    = 1024
      essential = true
      image     = "public.ecr.aws/aws-containers/ecsdemo-frontend:776fd50"
      port_mappings = [{ name = local.container_name, containerPort = local.container_port, hostPort = local.container_port, protocol = "tcp" }]
      readonly_root_filesystem = false
      memory_reservation       = 100
    }
  }
  load_balancer = {
    service = { target_group_arn = module.alb.target_groups["service"].arn, container_name = local.container_name, container_port = local.container_port }
  }
  subnet_ids = module.vpc.private_subnets
  security_group_rules = {
    from_alb = { type = "ingress", from_port = local.container_port, to_port = local.container_port, protocol = "tcp", description = "Service port", source_security_group_id = module.alb.security_group_id }
    to_anywhere      = { type = "egress", from_port = 0, to_port = 0, protocol = "-1", cidr_blocks = ["0.0.0.0/0"] }
  }
}

module "ecs_task_definition" {
  source         = "./modules/ecs/modules/service"
  name           = "${local.name}-standalone"
  cluster_arn    = module.ecs_cluster.arn
  create_service = false
  runtime_platform = { cpu_architecture = "ARM64", operating_system_family = "LINUX" }
  container_definitions = {
    al2023 = {
      image      = "public.ecr.aws/amazonlinux/amazonlinux:2023-minimal"
      command    = ["echo hello world"]
      entrypoint = ["/usr/bin/sh", "-c"]
    }
  }
  subnet_ids = module.vpc.private_subnets
  security_group_rules = {
    to_anywhere = { type = "egress", from_port = 0, to_port = 0, protocol = "-1", cidr_blocks = ["0.0.0.0/0"] }
  }
}

output "private_subnets" { value = module.vpc.private_subnets }
output "service_sg" { value = module.ecs_service.security_group_id }
output "standalone_sg" { value = module.ecs_task_definition.security_group_id }
output "standalone_td" { value = module.ecs_task_definition.task_definition_arn }
output "service_td" { value = module.ecs_service.task_definition_arn }
