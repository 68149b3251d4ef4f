#!/usr/bin/env bash
# Three Fargate services (service `web` of clusters crashing-py, crashing-node
# and crashing-jvm) whose applications crash, built with the aws CLI
# against the emulator: a sound network (public subnet routed to an internet
# gateway, public IPs), role, parameter and image, and one stopped task each
# whose awslogs stream (prefix = the service's name) holds the application's
# last words: a Python traceback (ModuleNotFoundError), a Node ECONNREFUSED,
# a JVM OutOfMemoryError. The crash lines are the crash-signature table's
# examples (Sources/ECSTriage/Runtime/CrashSignatureTable.swift). The Python
# stream also logs planted secrets: a password as a separate argument and one
# in a URL (the redaction tests look for them).
. "$(dirname "$0")/common.sh"
VPC=$(make_vpc 10.40.0.0/16)
SUBNET=$(text ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.40.1.0/24 --availability-zone us-east-1a --query Subnet.SubnetId)
IGW=$(text ec2 create-internet-gateway --query InternetGateway.InternetGatewayId)
aws ec2 attach-internet-gateway --internet-gateway-id "$IGW" --vpc-id "$VPC"
MAIN_TABLE=$(text ec2 describe-route-tables --filters "Name=vpc-id,Values=$VPC" "Name=association.main,Values=true" --query 'RouteTables[0].RouteTableId')
aws ec2 create-route --route-table-id "$MAIN_TABLE" --destination-cidr-block 0.0.0.0/0 --gateway-id "$IGW" > /dev/null
TASK_SG=$(make_sg crashing-task "$VPC")
ROLE=$(make_execution_role crashing-execution ecs-tasks.amazonaws.com)
aws ssm put-parameter --name /crashing/api-key --type SecureString --value 'Planted-Parameter-Value-9b1d' > /dev/null
IMAGE=$(make_image crashing-app 1.0)
NOW=$(( $(date +%s) * 1000 ))

# name log-line... : cluster crashing-<name> with service web (stream prefix <name>), one task stopped, its stream written.
crashed_service() {
  local service=$1 cluster=crashing-$1 group=/ecs/crashing-$1 definition task events
  shift
  aws ecs create-cluster --cluster-name "$cluster" > /dev/null
  aws logs create-log-group --log-group-name "$group"
  definition=$(register_definition "crashing-$service" "$IMAGE" "$ROLE" /health "$group" /crashing/api-key)
  # register_definition's prefix is `app`: this family's is the service's name.
  definition=$(text ecs register-task-definition --query taskDefinition.taskDefinitionArn --cli-input-json "$(
    aws ecs describe-task-definition --task-definition "$definition" --query taskDefinition --output json \
      | jq --arg prefix "$service" '{family, networkMode, requiresCompatibilities, cpu, memory, executionRoleArn,
          containerDefinitions: [.containerDefinitions[] | .logConfiguration.options["awslogs-stream-prefix"] = $prefix]}')")
  aws ecs create-service --cluster "$cluster" --service-name web --task-definition "$definition" --desired-count 1 --launch-type FARGATE \
    --network-configuration "awsvpcConfiguration={subnets=[$SUBNET],securityGroups=[$TASK_SG],assignPublicIp=ENABLED}" > /dev/null
  task=$(run_service_task "$cluster" web "$definition" "$SUBNET" "$TASK_SG" ENABLED)
  aws ecs stop-task --cluster "$cluster" --task "$task" --reason "Essential container in task exited" > /dev/null
  aws logs create-log-stream --log-group-name "$group" --log-stream-name "$service/app/${task##*/}"
  events=$(for line in "$@"; do jq -cn --arg message "$line" --argjson timestamp "$NOW" '{timestamp: $timestamp, message: $message}'; done | jq -cs .)
  aws logs put-log-events --log-group-name "$group" --log-stream-name "$service/app/${task##*/}" --log-events "$events" > /dev/null
}

crashed_service py \
  "starting worker --db-password Planted-Log-Password-3c1e" \
  "connecting to postgres://app:Planted-Log-Url-Password-8d2f@db.internal:5432/app" \
  "Traceback (most recent call last):" \
  '  File "/app/main.py", line 3, in <module>' \
  "    import flask_sqlalchemy" \
  "ModuleNotFoundError: No module named 'flask_sqlalchemy'"
crashed_service node \
  "Server starting on port 8080" \
  "Error: connect ECONNREFUSED 127.0.0.1:5432" \
  "    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)"
crashed_service jvm \
  "Started Application in 4.2 seconds" \
  'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space' \
  "	at java.base/java.util.Arrays.copyOf(Arrays.java:3537)"
