# Shared by the deployment scripts: helpers over the aws CLI. Sourced, not run.
# The harness (MotoHarness.swift) has already pointed the CLI at the emulator
# on loopback with dummy credentials; these scripts refuse to run otherwise.
set -euo pipefail
case "${AWS_ENDPOINT_URL:-}" in
  http://127.0.0.1:*|http://localhost:*) ;;
  *) echo "refusing to run: AWS_ENDPOINT_URL is not a loopback emulator" >&2; exit 2 ;;
esac
export AWS_PAGER=""
REGION=us-east-1
ACCOUNT=$(aws sts get-caller-identity --query Account --output text)
IMAGE_MANIFEST='{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[]}'

text() { aws "$@" --output text; }

# vpc CIDR -> VPC id, with DNS hostnames on (moto's run-task needs them).
make_vpc() {
  local vpc
  vpc=$(text ec2 create-vpc --cidr-block "$1" --query Vpc.VpcId)
  aws ec2 modify-vpc-attribute --vpc-id "$vpc" --enable-dns-hostnames '{"Value":true}'
  echo "$vpc"
}

# name vpc -> security group id
make_sg() { text ec2 create-security-group --group-name "$1" --description "$1" --vpc-id "$2" --query GroupId; }

# name trusted-service -> role ARN, with the AWS managed execution policy attached
# and an inline policy for the task's SSM parameters (the managed policy has none)
make_execution_role() {
  local arn
  arn=$(text iam create-role --role-name "$1" --query Role.Arn --assume-role-policy-document \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"$2\"},\"Action\":\"sts:AssumeRole\"}]}")
  aws iam attach-role-policy --role-name "$1" --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
  aws iam put-role-policy --role-name "$1" --policy-name read-parameters --policy-document \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ssm:GetParameters\",\"Resource\":\"arn:aws:ssm:$REGION:$ACCOUNT:parameter/*\"}]}"
  echo "$arn"
}

# repository tag -> image URI, the image pushed
make_image() {
  aws ecr create-repository --repository-name "$1" > /dev/null
  aws ecr put-image --repository-name "$1" --image-tag "$2" --image-manifest "$IMAGE_MANIFEST" > /dev/null
  echo "$ACCOUNT.dkr.ecr.$REGION.amazonaws.com/$1:$2"
}

# family image execution-role-arn health-path log-group parameter -> task definition ARN.
# Planted secrets (the redaction tests look for them): an environment value
# and a password in a URL.
register_definition() {
  text ecs register-task-definition --query taskDefinition.taskDefinitionArn --cli-input-json "$(cat <<JSON
{"family": "$1", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
 "executionRoleArn": "$3",
 "containerDefinitions": [{"name": "app", "image": "$2", "memory": 512, "essential": true,
   "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
   "environment": [{"name": "DB_PASSWORD", "value": "Planted-Env-Secret-7f3a9c"},
                   {"name": "DATABASE_URL", "value": "postgres://app:Planted-Url-Password-51d2@db.internal:5432/app"}],
   "secrets": [{"name": "API_KEY", "valueFrom": "$6"}],
   "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080$4 || exit 1"], "interval": 30, "timeout": 5, "retries": 3},
   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "$5", "awslogs-region": "$REGION", "awslogs-stream-prefix": "app"}}}]}
JSON
)"
}

# cluster service task-definition subnet sg public(ENABLED|DISABLED) -> task ARN, started as the service would
run_service_task() {
  text ecs run-task --cluster "$1" --task-definition "$3" --launch-type FARGATE --group "service:$2" --started-by "ecs-svc/$2" \
    --network-configuration "awsvpcConfiguration={subnets=[$4],securityGroups=[$5],assignPublicIp=$6}" --query 'tasks[0].taskArn'
}
