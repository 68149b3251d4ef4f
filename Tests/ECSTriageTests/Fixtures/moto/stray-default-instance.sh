#!/usr/bin/env bash
# An EC2 service in cluster `strays`, which has no container instance: the one
# instance meant for it was launched without ECS_CLUSTER in its user data, so
# its agent registered it to `default` (MotoEndToEndTests: collect looks in
# `default` for an empty EC2 cluster, analyze names the instance).
. "$(dirname "$0")/common.sh"
CLUSTER=strays
aws ecs create-cluster --cluster-name "$CLUSTER" > /dev/null
aws ecs create-cluster --cluster-name default > /dev/null
VPC=$(make_vpc 10.47.0.0/16)
SUBNET=$(text ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.47.1.0/24 --availability-zone us-east-1a --query Subnet.SubnetId)
GROUP=$(make_sg strays-instances "$VPC")
AMI=$(text ec2 describe-images --owners amazon --query 'Images[0].ImageId')
INSTANCE=$(text ec2 run-instances --image-id "$AMI" --instance-type m5.large --subnet-id "$SUBNET" --security-group-ids "$GROUP" --query 'Instances[0].InstanceId')
aws ecs register-container-instance --cluster default \
  --instance-identity-document "{\"instanceId\": \"$INSTANCE\", \"region\": \"$REGION\", \"availabilityZone\": \"us-east-1a\"}" \
  --total-resources 'name=CPU,type=INTEGER,integerValue=2048' 'name=MEMORY,type=INTEGER,integerValue=7800' > /dev/null
DEFINITION=$(text ecs register-task-definition --family strays-worker --network-mode bridge --requires-compatibilities EC2 \
  --container-definitions '[{"name": "worker", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 256, "essential": true}]' \
  --query taskDefinition.taskDefinitionArn)
aws ecs create-service --cluster "$CLUSTER" --service-name worker --task-definition "$DEFINITION" --desired-count 1 --launch-type EC2 > /dev/null
echo "$INSTANCE"
