#!/usr/bin/env bash
# A deployment that makes `collect` call every allowed operation, for the
# native client's differential test (NativeClientMotoTests): an EC2 container
# instance (list/describe-container-instances, ec2 describe-instances), a
# service behind a Classic Load Balancer (elb describe-load-balancers), a task
# definition with an EFS volume (efs describe-mount-targets), a Secrets
# Manager secret and a missing one, an SSM parameter and a missing one, an
# image pinned by digest, and a VPC with a NAT gateway, an internet gateway,
# an S3 gateway endpoint on the route table (describe-prefix-lists) and an
# interface endpoint with its security group, and a stopped task with a
# written log stream (logs get-log-events).
. "$(dirname "$0")/common.sh"
CLUSTER=coverage
aws ecs create-cluster --cluster-name "$CLUSTER" > /dev/null
VPC=$(make_vpc 10.40.0.0/16)
SUBNET_A=$(text ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.40.1.0/24 --availability-zone us-east-1a --query Subnet.SubnetId)
SUBNET_B=$(text ec2 create-subnet --vpc-id "$VPC" --cidr-block 10.40.2.0/24 --availability-zone us-east-1b --query Subnet.SubnetId)
IGW=$(text ec2 create-internet-gateway --query InternetGateway.InternetGatewayId)
aws ec2 attach-internet-gateway --internet-gateway-id "$IGW" --vpc-id "$VPC"
ALLOCATION=$(text ec2 allocate-address --domain vpc --query AllocationId)
aws ec2 create-nat-gateway --subnet-id "$SUBNET_B" --allocation-id "$ALLOCATION" > /dev/null
MAIN_TABLE=$(text ec2 describe-route-tables --filters "Name=vpc-id,Values=$VPC" "Name=association.main,Values=true" --query 'RouteTables[0].RouteTableId')
aws ec2 create-vpc-endpoint --vpc-id "$VPC" --service-name com.amazonaws.$REGION.s3 --route-table-ids "$MAIN_TABLE" > /dev/null
ENDPOINT_SG=$(make_sg coverage-endpoints "$VPC")
aws ec2 authorize-security-group-ingress --group-id "$ENDPOINT_SG" --protocol tcp --port 443 --cidr 10.40.0.0/16 > /dev/null
aws ec2 create-vpc-endpoint --vpc-id "$VPC" --vpc-endpoint-type Interface --service-name com.amazonaws.$REGION.ecr.api \
  --subnet-ids "$SUBNET_A" --security-group-ids "$ENDPOINT_SG" --private-dns-enabled > /dev/null
TASK_SG=$(make_sg coverage-task "$VPC")
LB_SG=$(make_sg coverage-clb "$VPC")

# An EC2 instance registered as the cluster's container instance.
AMI=$(text ec2 describe-images --owners amazon --query 'Images[0].ImageId')
INSTANCE=$(text ec2 run-instances --image-id "$AMI" --instance-type t3.small --subnet-id "$SUBNET_A" --security-group-ids "$TASK_SG" --query 'Instances[0].InstanceId')
aws ecs register-container-instance --cluster "$CLUSTER" \
  --instance-identity-document "{\"instanceId\": \"$INSTANCE\", \"region\": \"$REGION\", \"availabilityZone\": \"us-east-1a\"}" \
  --total-resources 'name=CPU,type=INTEGER,integerValue=2048' 'name=MEMORY,type=INTEGER,integerValue=3800' > /dev/null

aws elb create-load-balancer --load-balancer-name coverage-clb --listeners Protocol=HTTP,LoadBalancerPort=80,InstanceProtocol=HTTP,InstancePort=8080 \
  --subnets "$SUBNET_A" --security-groups "$LB_SG" --scheme internal > /dev/null
FILE_SYSTEM=$(text efs create-file-system --creation-token coverage --query FileSystemId)
aws efs create-mount-target --file-system-id "$FILE_SYSTEM" --subnet-id "$SUBNET_A" --security-groups "$TASK_SG" > /dev/null

ROLE=$(make_execution_role coverage-execution ecs-tasks.amazonaws.com)
aws iam create-policy --policy-name coverage-extra --policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}' > /dev/null
aws iam attach-role-policy --role-name coverage-execution --policy-arn "arn:aws:iam::$ACCOUNT:policy/coverage-extra"
TASK_ROLE=$(text iam create-role --role-name coverage-app --path /service/ --query Role.Arn --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}')
aws logs create-log-group --log-group-name /ecs/coverage
aws ssm put-parameter --name /coverage/api-key --type SecureString --value 'Planted-Parameter-Value-33aa' > /dev/null
SECRET=$(text secretsmanager create-secret --name coverage/db --secret-string 'Planted-Secret-Value-77bb' --query ARN)
IMAGE_TAG=$(make_image coverage-web 2.0)
DIGEST=$(text ecr describe-images --repository-name coverage-web --query 'imageDetails[0].imageDigest')
IMAGE="${IMAGE_TAG%:*}@$DIGEST"
DEFINITION=$(text ecs register-task-definition --query taskDefinition.taskDefinitionArn --cli-input-json "$(cat <<JSON
{"family": "coverage-web", "networkMode": "bridge", "requiresCompatibilities": ["EC2"], "executionRoleArn": "$ROLE", "taskRoleArn": "$TASK_ROLE",
 "volumes": [{"name": "shared", "efsVolumeConfiguration": {"fileSystemId": "$FILE_SYSTEM", "transitEncryption": "ENABLED"}}],
 "containerDefinitions": [{"name": "app", "image": "$IMAGE", "memory": 256, "essential": true,
   "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}],
   "mountPoints": [{"sourceVolume": "shared", "containerPath": "/data"}],
   "secrets": [{"name": "DB", "valueFrom": "$SECRET"},
               {"name": "GONE_SECRET", "valueFrom": "arn:aws:secretsmanager:$REGION:$ACCOUNT:secret:coverage/gone-AbCdEf"},
               {"name": "API_KEY", "valueFrom": "/coverage/api-key"},
               {"name": "GONE", "valueFrom": "arn:aws:ssm:$REGION:$ACCOUNT:parameter/coverage/gone"}],
   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/coverage", "awslogs-region": "$REGION", "awslogs-stream-prefix": "app"}}}]}
JSON
)")
aws ecs create-service --cluster "$CLUSTER" --service-name web --task-definition "$DEFINITION" --desired-count 1 --launch-type EC2 \
  --load-balancers "loadBalancerName=coverage-clb,containerName=app,containerPort=8080" > /dev/null
# A stopped task whose stream holds its last lines (logs get-log-events), then the running one
# (stopped first: both take host port 8080 of the one instance).
STOPPED=$(text ecs run-task --cluster "$CLUSTER" --task-definition "$DEFINITION" --launch-type EC2 --group service:web --started-by ecs-svc/web --query 'tasks[0].taskArn')
aws ecs stop-task --cluster "$CLUSTER" --task "$STOPPED" --reason "Essential container in task exited" > /dev/null
aws logs create-log-stream --log-group-name /ecs/coverage --log-stream-name "app/app/${STOPPED##*/}"
aws logs put-log-events --log-group-name /ecs/coverage --log-stream-name "app/app/${STOPPED##*/}" \
  --log-events "[{\"timestamp\": $(( $(date +%s) * 1000 )), \"message\": \"Error: Cannot find module 'express'\"}]" > /dev/null
aws ecs run-task --cluster "$CLUSTER" --task-definition "$DEFINITION" --launch-type EC2 --group service:web --started-by ecs-svc/web > /dev/null
