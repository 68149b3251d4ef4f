#!/usr/bin/env bash
# Starts and stops COUNT more tasks of a service, as its deployment would,
# each with the same network-timeout stopped reason: collecting the service
# again must not take more `aws` calls.
# Usage: add-stopped-tasks.sh CLUSTER SERVICE COUNT
. "$(dirname "$0")/common.sh"
CLUSTER=$1 SERVICE=$2
read -r DEFINITION SUBNET GROUP < <(text ecs describe-services --cluster "$CLUSTER" --services "$SERVICE" \
  --query 'services[0].[taskDefinition, networkConfiguration.awsvpcConfiguration.subnets[0], networkConfiguration.awsvpcConfiguration.securityGroups[0]]')
REASON='ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.us-east-1.amazonaws.com/": dial tcp 52.46.145.140:443: i/o timeout'
for _ in $(seq 1 "$3"); do
  TASK=$(run_service_task "$CLUSTER" "$SERVICE" "$DEFINITION" "$SUBNET" "$GROUP" DISABLED)
  aws ecs stop-task --cluster "$CLUSTER" --task "$TASK" --reason "$REASON" > /dev/null
done
