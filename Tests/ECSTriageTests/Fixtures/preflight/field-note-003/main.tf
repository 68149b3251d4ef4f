# Seed 003's first deployment, rewritten: a Fargate service whose image lives in
# a repository created in the same configuration, in a VPC with one subnet that
# maps public IPs but has no internet gateway, no route table of its own and no
# VPC endpoints. On AWS its tasks stop with
# "ResourceInitializationError: unable to pull secrets or registry auth: ...
#  dial tcp ...:443: i/o timeout".
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "ap-northeast-1"
}

resource "aws_ecr_repository" "go-ecs-app" {
  name                 = "go-ecs-app"
  image_tag_mutability = "MUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecs_cluster" "golang_ecs_cluster" {
  name = "golang-ecs-cluster"
}

resource "aws_iam_role" "ecs_task_execution_role" {
  name = "ecs_task_execution_role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Effect    = "Allow"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "ecs_task_execution_role_policy" {
  role       = aws_iam_role.ecs_task_execution_role.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_ecs_task_definition" "golang-ecs-app" {
  family                   = "golang-ecs-app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.ecs_task_execution_role.arn
  container_definitions = jsonencode([
    {
      name      = "golang-ecs-app"
      image     = "${aws_ecr_repository.go-ecs-app.repository_url}:latest"
      essential = true
      portMappings = [
        {
          containerPort = 8080
          hostPort      = 8080
          protocol      = "tcp"
        }
      ]
    }
  ])
}

resource "aws_vpc" "golang-ecs-app-vpc" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name = "golang-ecs-app-vpc"
  }
}

resource "aws_subnet" "golang-ecs-app-subnet" {
  vpc_id                  = aws_vpc.golang-ecs-app-vpc.id
  cidr_block              = "10.0.1.0/24"
  availability_zone       = "ap-northeast-1a"
  map_public_ip_on_launch = true
  tags = {
    Name = "golang-ecs-app-subnet"
  }
}

resource "aws_security_group" "golang-ecs-app-sg" {
  name        = "golang-ecs-app-sg"
  description = "Allow all traffic"
  vpc_id      = aws_vpc.golang-ecs-app-vpc.id

  ingress {
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = {
    Name = "golang-ecs-app-sg"
  }
}

resource "aws_ecs_service" "golang_ecs_app_service" {
  name            = "golang-ecs-app-service"
  cluster         = aws_ecs_cluster.golang_ecs_cluster.id
  task_definition = aws_ecs_task_definition.golang-ecs-app.arn
  desired_count   = 1
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = [aws_subnet.golang-ecs-app-subnet.id]
    security_groups  = [aws_security_group.golang-ecs-app-sg.id]
    assign_public_ip = true
  }
}
