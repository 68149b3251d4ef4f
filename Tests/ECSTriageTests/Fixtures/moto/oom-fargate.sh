#!/usr/bin/env bash
# A Fargate service (service `web` of cluster oom) whose one task stopped
# ("Essential container in task exited"), with the service's memory at its
# limit in CloudWatch: AWS/ECS MemoryUtilization 100 (and CPUUtilization 40)
# for ClusterName=oom, ServiceName=web five minutes ago, the dimensions ECS
# publishes service metrics with
# (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html).
# The emulator records no exit code; the test gives the stopped container 137.
. "$(dirname "$0")/common.sh"
VPC=$(make_vpc 10.50.0.0/16)
SUBNET=$(text ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.50.1.0/24 --availability-zone us-east-1a --query Subnet.SubnetId)
IGW=$(text ec2 create-internet-gateway --query InternetGateway.InternetGatewayId)
aws ec2 attach-internet-gateway --internet-gateway-id "$IGW" --vpc-id "$VPC"
MAIN_TABLE=$(text ec2 describe-route-tables --filters "Name=vpc-id,Values=$VPC" "Name=association.main,Values=true" --query 'RouteTables[0].RouteTableId')
aws ec2 create-route --route-table-id "$MAIN_TABLE" --destination-cidr-block 0.0.0.0/0 --gateway-id "$IGW" > /dev/null
TASK_SG=$(make_sg oom-task "$VPC")
ROLE=$(make_execution_role oom-execution ecs-tasks.amazonaws.com)
aws ssm put-parameter --name /oom/api-key --type SecureString --value 'Planted-Parameter-Value-4e7a' > /dev/null
IMAGE=$(make_image oom-app 1.0)
aws ecs create-cluster --cluster-name oom > /dev/null
aws logs create-log-group --log-group-name /ecs/oom
DEFINITION=$(register_definition oom "$IMAGE" "$ROLE" /health /ecs/oom /oom/api-key)
aws ecs create-service --cluster oom --service-name web --task-definition "$DEFINITION" --desired-count 1 --launch-type FARGATE \
  --network-configuration "awsvpcConfiguration={subnets=[$SUBNET],securityGroups=[$TASK_SG],assignPublicIp=ENABLED}" > /dev/null
TASK=$(run_service_task oom web "$DEFINITION" "$SUBNET" "$TASK_SG" ENABLED)
aws ecs stop-task --cluster oom --task "$TASK" --reason "Essential container in task exited" > /dev/null
AT=$(( $(date +%s) - 300 ))
aws cloudwatch put-metric-data --namespace AWS/ECS --metric-data \
  "[{\"MetricName\":\"MemoryUtilization\",\"Dimensions\":[{\"Name\":\"ClusterName\",\"Value\":\"oom\"},{\"Name\":\"ServiceName\",\"Value\":\"web\"}],\"Value\":100,\"Unit\":\"Percent\",\"Timestamp\":$AT},
    {\"MetricName\":\"CPUUtilization\",\"Dimensions\":[{\"Name\":\"ClusterName\",\"Value\":\"oom\"},{\"Name\":\"ServiceName\",\"Value\":\"web\"}],\"Value\":40,\"Unit\":\"Percent\",\"Timestamp\":$AT}]"
