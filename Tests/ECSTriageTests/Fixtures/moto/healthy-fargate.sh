#!/usr/bin/env bash
# A healthy Fargate service, built with the aws CLI against the emulator:
# public subnets routed to an internet gateway with public IPs, an `ip`
# target group checking the path the container serves, the load balancer
# admitted on the container port, an execution role trusting
# ecs-tasks.amazonaws.com, and the log group, parameter and image in place.
# `collect` + `analyze` must find nothing.
. "$(dirname "$0")/common.sh"
CLUSTER=healthy
aws ecs create-cluster --cluster-name "$CLUSTER" > /dev/null
VPC=$(make_vpc 10.30.0.0/16)
SUBNET_A=$(text ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.30.1.0/24 --availability-zone us-east-1a --query Subnet.SubnetId)
SUBNET_B=$(text ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.30.2.0/24 --availability-zone us-east-1b --query Subnet.SubnetId)
IGW=$(text ec2 create-internet-gateway --query InternetGateway.InternetGatewayId)
aws ec2 attach-internet-gateway --internet-gateway-id "$IGW" --vpc-id "$VPC"
MAIN_TABLE=$(text ec2 describe-route-tables --filters "Name=vpc-id,Values=$VPC" "Name=association.main,Values=true" --query 'RouteTables[0].RouteTableId')
aws ec2 create-route --route-table-id "$MAIN_TABLE" --destination-cidr-block 0.0.0.0/0 --gateway-id "$IGW" > /dev/null
LB_SG=$(make_sg healthy-alb "$VPC")
aws ec2 authorize-security-group-ingress --group-id "$LB_SG" --protocol tcp --port 80 --cidr 0.0.0.0/0 > /dev/null
TASK_SG=$(make_sg healthy-task "$VPC")
aws ec2 authorize-security-group-ingress --group-id "$TASK_SG" --protocol tcp --port 8080 --source-group "$LB_SG" > /dev/null
LB=$(text elbv2 create-load-balancer --name healthy-alb --subnets "$SUBNET_A" "$SUBNET_B" --security-groups "$LB_SG" --query 'LoadBalancers[0].LoadBalancerArn')
TG=$(text elbv2 create-target-group --name healthy-tg --protocol HTTP --port 8080 --vpc-id "$VPC" --target-type ip \
  --health-check-path /health --query 'TargetGroups[0].TargetGroupArn')
aws elbv2 create-listener --load-balancer-arn "$LB" --protocol HTTP --port 80 --default-actions "Type=forward,TargetGroupArn=$TG" > /dev/null
ROLE=$(make_execution_role healthy-execution ecs-tasks.amazonaws.com)
aws logs create-log-group --log-group-name /ecs/healthy-web
aws ssm put-parameter --name /healthy/api-key --type SecureString --value 'Planted-Parameter-Value-9b1d' > /dev/null
IMAGE=$(make_image healthy-web 1.0)
DEFINITION=$(register_definition healthy-web "$IMAGE" "$ROLE" /health /ecs/healthy-web /healthy/api-key)
aws ecs create-service --cluster "$CLUSTER" --service-name web --task-definition "$DEFINITION" --desired-count 1 --launch-type FARGATE \
  --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_A,$SUBNET_B],securityGroups=[$TASK_SG],assignPublicIp=ENABLED}" \
  --load-balancers "targetGroupArn=$TG,containerName=app,containerPort=8080" > /dev/null
run_service_task "$CLUSTER" web "$DEFINITION" "$SUBNET_A" "$TASK_SG" ENABLED > /dev/null
