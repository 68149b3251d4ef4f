#!/usr/bin/env bash
# A broken Fargate service, built with the aws CLI against the emulator.
# Planted defects, each of which `collect` + `analyze` must find:
#   1. the task subnet is private: only the local route, no NAT gateway, no
#      internet gateway, no VPC endpoints (missing-vpc-endpoint);
#   2. the target group has target type `instance` for an awsvpc service (target-type-mismatch);
#   3. the health check path is /health/ while the container serves /health (health-check-path-mismatch);
#   4. the execution role trusts ec2.amazonaws.com (execution-role-trust);
#   5. a stopped task whose stopped reason is a network timeout to ECR (set with stop-task --reason).
. "$(dirname "$0")/common.sh"
CLUSTER=broken
aws ecs create-cluster --cluster-name "$CLUSTER" > /dev/null
VPC=$(make_vpc 10.20.0.0/16)
SUBNET_A=$(text ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.20.1.0/24 --availability-zone us-east-1a --query Subnet.SubnetId)
SUBNET_B=$(text ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.20.2.0/24 --availability-zone us-east-1b --query Subnet.SubnetId)
LB_SG=$(make_sg broken-alb "$VPC")
aws ec2 authorize-security-group-ingress --group-id "$LB_SG" --protocol tcp --port 80 --cidr 10.0.0.0/8 > /dev/null
TASK_SG=$(make_sg broken-task "$VPC")
aws ec2 authorize-security-group-ingress --group-id "$TASK_SG" --protocol tcp --port 8080 --source-group "$LB_SG" > /dev/null
LB=$(text elbv2 create-load-balancer --name broken-alb --subnets "$SUBNET_A" "$SUBNET_B" --security-groups "$LB_SG" --scheme internal --query 'LoadBalancers[0].LoadBalancerArn')
TG=$(text elbv2 create-target-group --name broken-tg --protocol HTTP --port 8080 --vpc-id "$VPC" --target-type instance \
  --health-check-path /health/ --query 'TargetGroups[0].TargetGroupArn')
aws elbv2 create-listener --load-balancer-arn "$LB" --protocol HTTP --port 80 --default-actions "Type=forward,TargetGroupArn=$TG" > /dev/null
ROLE=$(make_execution_role broken-execution ec2.amazonaws.com)
aws logs create-log-group --log-group-name /ecs/broken-web
aws ssm put-parameter --name /broken/api-key --type SecureString --value 'Planted-Parameter-Value-0c4e' > /dev/null
IMAGE=$(make_image broken-web 1.0)
DEFINITION=$(register_definition broken-web "$IMAGE" "$ROLE" /health /ecs/broken-web /broken/api-key)
aws ecs create-service --cluster "$CLUSTER" --service-name web --task-definition "$DEFINITION" --desired-count 1 --launch-type FARGATE \
  --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_A],securityGroups=[$TASK_SG],assignPublicIp=DISABLED}" \
  --load-balancers "targetGroupArn=$TG,containerName=app,containerPort=8080" > /dev/null
bash "$(dirname "$0")/add-stopped-tasks.sh" "$CLUSTER" web 1
