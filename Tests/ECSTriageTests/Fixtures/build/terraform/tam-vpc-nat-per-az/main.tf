# A terraform-aws-modules vpc v5.21.0 network as its README's "one NAT gateway per
# availability zone" scenario builds it, with the module's defaults left on: the
# default network ACL, default security group (no rules) and default route table
# are managed by Terraform (manage_default_* = true), and the private subnets use
# the default network ACL. An ecs service module (v5.12.1) runs a worker there
# (no load balancer). Service autoscaling is off for the emulator (moto lacks
# application-autoscaling's ListTagsForResource). ./modules is a symlink to the
# modules' sources at those tags (see ../../../near-miss/README.md).
provider "aws" {
  region                      = local.region
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

locals {
  region   = "eu-west-2"
  name     = "orders"
  vpc_cidr = "10.10.0.0/16"
  azs      = ["eu-west-2a", "eu-west-2b", "eu-west-2c"]
}

module "vpc" {
  source                 = "./modules/vpc"
  name                   = local.name
  cidr                   = local.vpc_cidr
  azs                    = local.azs
  private_subnets        = [for k, v in local.azs : cidrsubnet(local.vpc_cidr, 4, k)]
  public_subnets         = [for k, v in local.azs : cidrsubnet(local.vpc_cidr, 8, k + 48)]
  enable_nat_gateway     = true
  single_nat_gateway     = false
  one_nat_gateway_per_az = true
  enable_dns_hostnames   = true
}

module "ecs_cluster" {
  source       = "./modules/ecs/modules/cluster"
  cluster_name = local.name
}

module "worker" {
  source             = "./modules/ecs/modules/service"
  name               = "orders-worker"
  cluster_arn        = module.ecs_cluster.arn
  cpu                = 512
  memory             = 1024
  desired_count      = 3
  enable_autoscaling = false
  container_definitions = {
    worker = {
      cpu       = 512
      memory    = 1024
      essential = true
      image     = "public.ecr.aws/docker/library/python:3.12-slim"
      command   = ["python", "-m", "http.server", "8080"]
      readonly_root_filesystem = false
    }
  }
  subnet_ids = module.vpc.private_subnets
  security_group_rules = {
    to_anywhere = { type = "egress", from_port = 0, to_port = 0, protocol = "-1", cidr_blocks = ["0.0.0.0/0"] }
  }
}

output "private_subnets" { value = module.vpc.private_subnets }
output "worker_sg" { value = module.worker.security_group_id }
output "worker_td" { value = module.worker.task_definition_arn }
