# A healthy Fargate service built from terraform-aws-modules: a VPC with public
# and private subnets and one NAT gateway, an internet-facing ALB forwarding to an
# ip target group, and an ECS cluster + service in the private subnets whose
# security group admits the ALB on the container port. Nothing should be reported.
#
# The modules are local copies (scripts/preflight-fixtures exports the pinned
# versions into ./modules); from the registry the sources would be
# terraform-aws-modules/{vpc,alb,ecs}/aws with the versions in the comments.
terraform {
  required_version = ">= 1.5.7"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.99"
    }
  }
}

provider "aws" {
  region = "us-east-2"
}

locals {
  name           = "storefront"
  vpc_cidr       = "10.40.0.0/16"
  azs            = ["us-east-2a", "us-east-2b"]
  container_name = "web"
  container_port = 8080
}

module "vpc" {
  source = "./modules/terraform-aws-vpc" # terraform-aws-modules/vpc/aws 5.21.0

  name = local.name
  cidr = local.vpc_cidr
  azs  = local.azs

  private_subnets = ["10.40.1.0/24", "10.40.2.0/24"]
  public_subnets  = ["10.40.101.0/24", "10.40.102.0/24"]

  enable_nat_gateway   = true
  single_nat_gateway   = true
  enable_dns_hostnames = true
}

module "alb" {
  source = "./modules/terraform-aws-alb" # terraform-aws-modules/alb/aws 9.17.0

  name    = "${local.name}-alb"
  vpc_id  = module.vpc.vpc_id
  subnets = module.vpc.public_subnets

  enable_deletion_protection = false

  security_group_ingress_rules = {
    http = {
      from_port   = 80
      to_port     = 80
      ip_protocol = "tcp"
      cidr_ipv4   = "0.0.0.0/0"
    }
  }
  security_group_egress_rules = {
    vpc = {
      ip_protocol = "-1"
      cidr_ipv4   = local.vpc_cidr
    }
  }

  listeners = {
    http = {
      port     = 80
      protocol = "HTTP"
      forward = {
        target_group_key = "web"
      }
    }
  }

  target_groups = {
    web = {
      name              = "${local.name}-web"
      protocol          = "HTTP"
      port              = local.container_port
      target_type       = "ip"
      create_attachment = false
      health_check = {
        path    = "/"
        matcher = "200"
      }
    }
  }
}

module "ecs_cluster" {
  source = "./modules/terraform-aws-ecs/modules/cluster" # terraform-aws-modules/ecs/aws//modules/cluster 5.12.1

  cluster_name = local.name
  fargate_capacity_providers = {
    FARGATE = {
      default_capacity_provider_strategy = {
        weight = 100
      }
    }
  }
}

module "ecs_service" {
  source = "./modules/terraform-aws-ecs/modules/service" # terraform-aws-modules/ecs/aws//modules/service 5.12.1

  name        = local.name
  cluster_arn = module.ecs_cluster.arn
  launch_type = "FARGATE"

  cpu    = 256
  memory = 512

  enable_autoscaling = false

  container_definitions = {
    (local.container_name) = {
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      port_mappings = [{
        name          = local.container_name
        containerPort = local.container_port
        protocol      = "tcp"
      }]
      readonly_root_filesystem = false
    }
  }

  load_balancer = {
    web = {
      target_group_arn = module.alb.target_groups["web"].arn
      container_name   = local.container_name
      container_port   = local.container_port
    }
  }

  subnet_ids = module.vpc.private_subnets
  security_group_rules = {
    alb_ingress = {
      type                     = "ingress"
      from_port                = local.container_port
      to_port                  = local.container_port
      protocol                 = "tcp"
      source_security_group_id = module.alb.security_group_id
    }
    egress_all = {
      type        = "egress"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
