// GENERATED from playbooks/*.md by `swift run ecs-triage-generate`: do not edit.

/// The text of every `playbooks/<rule-id>.md`, by rule id.
public let embeddedPlaybooks: [String: String] = [
    "api-throttled": #"""
# api-throttled: ECS, or a service it calls for you, throttled the request

ECS and the services it calls on your behalf (EC2 for ENIs and security groups, Elastic Load
Balancing for target registration, Cloud Map for service discovery) limit request rates per account
and Region with token buckets. When a bucket runs dry the call fails with a throttling error; it is
not a permission or configuration problem, and the same call succeeds a moment later. Throttling
comes from bursts: many services deploying at once, a pipeline that polls `DescribeServices` or
`DescribeTasks` in a tight loop, tooling that scans the account, or many `RunTask` calls (on Fargate
20 `RunTask` calls per second, and a launch bucket of 100 tasks refilled at 20 per second). The
service scheduler retries its own calls with backoff and says so in the events, which slows
deployments but resolves itself. Your own API calls fail back to the caller: `RunTask` returns an
error (for example when ECS, validating the request, is throttled by EC2), and the AWS CLI gives up
after its retry budget.

## How it shows up
Service events (docs wording; the load balancer form quoted from a real service):
```text
service (service-name) operations are being throttled. Will try again later.
service production-web operations are being throttled on elb. Will try again later.
```
API errors returned to the caller (the first quoted from a real `RunTask` call):
```text
An error occurred (InvalidParameterException) when calling the RunTask operation: Error retrieving security group information for [sg-05937427457b61ff5]: Request limit exceeded. (ErrorCode: RequestLimitExceeded)
An error occurred (ThrottlingException) when calling the DescribeTasks operation: Rate exceeded
An error occurred (ThrottlingException) when calling the <Operation> operation (reached max retries: <n>): Rate exceeded
```
The first is an `InvalidParameterException` by code but a throttle by content: match on
`RequestLimitExceeded`, not on the exception name.

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].events[:20].[createdAt,message]' --output text`
   Throttling events, and whether they coincide with a deployment wave.
2. Who is calling (CloudTrail records throttled calls with `errorCode`):
   `aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventSource,AttributeValue=ecs.amazonaws.com --start-time <iso8601> --max-results 50 --query 'Events[].CloudTrailEvent' --output text | grep -c Throttling`
   and the same with `ec2.amazonaws.com` / `elasticloadbalancing.amazonaws.com`; group by `userIdentity.arn`
   and `eventName` to find the loop.
3. `aws service-quotas list-service-quotas --service-code ecs --query "Quotas[?contains(QuotaName, 'rate')].{name:QuotaName,value:Value}"`
   and `--service-code fargate` for the launch-rate quotas.
4. Count concurrent deployments: `aws ecs list-services --cluster <cluster>` then
   `describe-services` for `deployments[?rolloutState=='IN_PROGRESS']` across them.

## Fix
### AWS CLI
```sh
# Callers: retry with exponential backoff and jitter (CLI and SDKs: adaptive mode, more attempts).
export AWS_RETRY_MODE=adaptive AWS_MAX_ATTEMPTS=10
# Batch launches: up to 10 tasks per RunTask call instead of 10 calls.
aws ecs run-task --cluster <cluster> --task-definition <family:revision> --count 10 --launch-type FARGATE \
  --network-configuration 'awsvpcConfiguration={subnets=[<subnet-id>],securityGroups=[<sg-id>]}'
# Pollers: wait on a waiter instead of a tight describe loop.
aws ecs wait services-stable --cluster <cluster> --services <service>
```
Persistent throttling at a legitimate rate: request a rate quota increase (Service Quotas, or AWS
Support > Create case > Service limit increase for ECS, EC2 or ELB API rates).
### Console
ECS > Clusters > <cluster> > Services > <service> > Deployments and events. Service Quotas > AWS
services > Amazon Elastic Container Service / AWS Fargate. CloudTrail > Event history (filter Event source).
### Terraform
Provider retries: `provider "aws" { max_retries = 25 }`; lower `-parallelism` for large applies
(`terraform apply -parallelism=5`); stagger service deployments across separate applies or pipeline stages.

## Alternatives
- Use EventBridge events (task and service state changes) instead of polling describe APIs.
- Spread large fleets over several accounts when steady-state rates approach the quotas.

## Prevention
- Stagger deployments (pipelines in waves), cap concurrent `RunTask` callers, and set retry mode to `adaptive` everywhere.
- Alarm on the CloudTrail count of `ThrottlingException` / `RequestLimitExceeded` per caller.

"""#,
    "app-dependency-unreachable": #"""
# app-dependency-unreachable: the application could not reach a database, cache or API it needs

The application started, tried to connect to something it depends on and gave up: the host name did not
resolve, the connection was refused, or it timed out. ECS only reports that the essential container exited
(usually with code 1); the reason is in the container's last log lines. Three causes cover most cases:

- **`localhost` inside a task.** In awsvpc mode (every Fargate task) the containers of one task share a
  network namespace, so `localhost` is the task itself. A database that ran next to the application under
  Docker Compose is not there: the connection is refused.
- **A name only Docker Compose or Kubernetes knew** (`db`, `redis`, `postgres`). The task resolves names
  through the VPC's DNS; the name does not exist and the resolver says so (`ENOTFOUND`, `Name or service
  not known`, `no such host`, nginx's `host not found in upstream`).
- **Security groups and routes.** The dependency's security group does not allow the task's security
  group on its port, or the subnet has no route to it: the connection times out.

## How it shows up
```text
psycopg2.OperationalError: connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused
Error: getaddrinfo ENOTFOUND db
nginx: [emerg] host not found in upstream "app" in /etc/nginx/nginx.conf:24
level=error err="dial tcp: i/o timeout"
```
As printed by ecs-triage:
```text
1. [HIGH] app-dependency-unreachable (likely)
   A dependency refused the application's connection (database client)
   Evidence:
     - the log's last words, line 4 of 4: psycopg2.OperationalError: connection to server at "localhost" ...
```

## How to confirm
1. The host and port the application uses: `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{name:name,environment:environment,secrets:secrets}'`.
2. For a time-out, the dependency's security group: `aws ec2 describe-security-groups --group-ids <dependency-sg-id> --query 'SecurityGroups[].IpPermissions'`;
   it must allow the task's security group on the dependency's port.
3. For a name that does not resolve, the VPC's DNS attributes: `aws ec2 describe-vpc-attribute --vpc-id <vpc-id> --attribute enableDnsSupport`
   (and `enableDnsHostnames`); `ecs-triage collect` and `analyze` check them (rules `vpc-dns-disabled`, `endpoint-private-dns-disabled`).

## Fix
Set the dependency's real endpoint (the RDS or ElastiCache endpoint, a Service Connect or Cloud Map name) in
the container's `environment` or `secrets`, register the revision and deploy it. For a time-out, add an
inbound rule to the dependency's security group:
```sh
aws ec2 authorize-security-group-ingress --group-id <dependency-sg-id> --protocol tcp --port 5432 --source-group <task-sg-id>
```
Terraform: an `aws_vpc_security_group_ingress_rule` with `referenced_security_group_id` set to the task's group.

## Alternatives
- A sidecar of the same task that is not listening yet: `dependsOn` with condition `HEALTHY` and a
  `healthCheck` on the sidecar, or retry at start-up.
- Run the dependency as its own service and reach it through Service Connect.

"""#,
    "app-heap-exhausted": #"""
# app-heap-exhausted: the runtime's own heap limit was reached

Node.js, the JVM, PHP and .NET cap their heap themselves. When the cap is reached the runtime aborts
(`JavaScript heap out of memory`, `java.lang.OutOfMemoryError: Java heap space`, `Allowed memory size of ...
bytes exhausted`, `System.OutOfMemoryException`) before the container reaches its memory limit, so ECS
reports a plain exit rather than `OutOfMemoryError: Container killed`. Raising the task's memory changes
nothing while the runtime's cap stays where it is (Node's default heap, a fixed `-Xmx`, PHP's `memory_limit`).

## How it shows up
```text
FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory
Exception in thread "main" java.lang.OutOfMemoryError: Java heap space
PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 2097152 bytes)
```
As printed by ecs-triage:
```text
1. [HIGH] app-heap-exhausted (likely)
   The Node.js heap limit was reached before the container's memory limit
```

## How to confirm
`aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{memory:memory,containers:containerDefinitions[].{name:name,memory:memory,command:command,environment:environment}}'`:
the runtime options (`NODE_OPTIONS`, `JAVA_TOOL_OPTIONS`, `-Xmx`, `memory_limit`) against the memory.

## Fix
Tie the cap to the container: `NODE_OPTIONS=--max-old-space-size=<about 75 % of the container's MiB>`,
`JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75` instead of a fixed `-Xmx` (`-XX:MaxMetaspaceSize` for
Metaspace), PHP `memory_limit`, .NET `DOTNET_GCHeapHardLimitPercent`; raise the container's memory with it.

## Alternatives
- A heap that grows at any size is a leak or an unbounded load: profile it locally with the same limit.

"""#,
    "app-missing-configuration": #"""
# app-missing-configuration: a setting the application requires is absent or wrong

The application read its configuration at start and stopped: an environment variable is not set
(`KeyError: 'DATABASE_URL'`, Spring's `Could not resolve placeholder`, Prisma's `Environment variable not
found`), a secret is missing (Rails' master key, `secret_key_base`), or the database refused the
credentials or the unencrypted connection it was given. In ECS the values come from the container's
`environment`, `environmentFiles` and `secrets`; each container of a task has its own, and a running task
keeps what it started with.

## How it shows up
```text
KeyError: 'DATABASE_URL'
Caused by: java.lang.IllegalArgumentException: Could not resolve placeholder 'DB_USER' in value "${DB_USER}"
FATAL:  password authentication failed for user "postgres"
psycopg2.OperationalError: FATAL: no pg_hba.conf entry for host "10.0.1.7", user "app", database "app", SSL off
```
As printed by ecs-triage:
```text
1. [HIGH] app-missing-configuration (likely)
   The application requires the setting DATABASE_URL, which the container does not have (Python)
```

## How to confirm
`aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{name:name,environment:environment,secrets:secrets,files:environmentFiles}'`:
is the variable there, on this container, spelled as the application reads it?

## Fix
Add the variable to the container definition (plain values in `environment`, passwords and keys in `secrets`
with `valueFrom` a Secrets Manager or Parameter Store ARN the execution role may read), register the
revision and deploy it. A rejected password: compare the secret's current value (rotation) with the
database user's. TLS required: `sslmode=require` (or the client's TLS option) in the connection settings.

## Alternatives
- An `environmentFiles` entry (an S3 object) for many plain values.
- A default in the application for optional settings; fail fast, with the variable's name, for required ones.

"""#,
    "app-port-in-use": #"""
# app-port-in-use: the application could not listen because its port is taken inside the task

A server tried to listen and the port was already in use: `EADDRINUSE`, `bind() to 0.0.0.0:80 failed (98:
Address already in use)`, `Address already in use` from the JVM, Go, Ruby, PHP-FPM, Kestrel or Apache.
In awsvpc mode (every Fargate task) all containers of a task share one network namespace: two containers
that both listen on 80 (an nginx sidecar and the application) collide, the second one exits, and being
essential it stops the task. The other common cause is an image that starts the server twice (the entry
point script and the command).

## How it shows up
```text
2026/12/03 11:41:37 [emerg] 18955#18955: bind() to 0.0.0.0:80 failed (98: Address already in use)
Error: listen EADDRINUSE: address already in use :::3000
Web server failed to start. Port 8080 was already in use.
```
As printed by ecs-triage:
```text
1. [HIGH] app-port-in-use (likely)
   The application could not listen: its port is already in use (nginx)
```

## How to confirm
`aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{name:name,ports:portMappings,command:command,entryPoint:entryPoint}'`:
which containers listen on that port, and does the entry point start the server as well as the command?

## Fix
Give each listener of the task its own port: change one container's listen setting and its `portMappings`
`containerPort` together (and the target group's port when it is the one behind the load balancer), then
register the revision and deploy it.

## Alternatives
- Bridge mode on EC2: a fixed `hostPort` collides between tasks on one instance; use `hostPort` 0.
- Remove the duplicate start from the entry point script.

"""#,
    "app-privileged-port": #"""
# app-privileged-port: a non-root process cannot listen on a port below 1024

Ports below 1024 need root or the `NET_BIND_SERVICE` capability. An image that runs its server as another
user (or a task definition with `user` set) and listens on 80 or 443 fails: `bind() to 0.0.0.0:80 failed
(13: Permission denied)`, `listen EACCES: permission denied 0.0.0.0:80`. Fargate lets a task add only
`SYS_PTRACE` to its capabilities, so there the port has to move.

## How it shows up
```text
2026/12/03 11:41:45 [emerg] 19476#19476: bind() to 0.0.0.0:80 failed (13: Permission denied)
Error: listen EACCES: permission denied 0.0.0.0:80
```
As printed by ecs-triage:
```text
1. [HIGH] app-privileged-port (likely)
   The application runs as a non-root user and cannot listen on a port below 1024 (nginx)
```

## How to confirm
`aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{name:name,user:user,ports:portMappings}'`,
and the image's `USER` (`docker inspect --format '{{.Config.User}}' <image>`).

## Fix
Listen on 8080 (nginx: `listen 8080;`, as the unprivileged nginx images do), set the container's
`portMappings` `containerPort` to 8080, and move the target group's port and health check with it.

## Alternatives
- On EC2: `linuxParameters.capabilities.add` `NET_BIND_SERVICE`.
- Run the process as root only if nothing else allows it.

"""#,
    "app-read-only-filesystem": #"""
# app-read-only-filesystem: the application writes to a read-only root file system

With `readonlyRootFilesystem: true` nothing under the image can be written. Programs that create directories
or pid files at start stop at once: nginx's `mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only
file system)`. A volume mounted at the path is writable while the rest of the root stays read-only.

## How it shows up
```text
2022/03/04 17:05:32 [emerg] 1#1: mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)
```
As printed by ecs-triage:
```text
1. [HIGH] app-read-only-filesystem (likely)
   The application cannot write /var/cache/nginx/client_temp: the container's root file system is read-only (nginx)
```

## How to confirm
`aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{volumes:volumes,containers:containerDefinitions[].{name:name,ro:readonlyRootFilesystem,mounts:mountPoints}}'`.

## Fix
Add a task volume with no host path (an empty scratch volume, on Fargate too) and a `mountPoints` entry
for the directory (nginx: `/var/cache/nginx` and `/var/run`), `readOnly: false`; register and deploy.

## Alternatives
- An image built for a read-only root (writes only under a mounted path).
- `readonlyRootFilesystem: false`, if the security requirement allows it.

"""#,
    "app-tls-untrusted": #"""
# app-tls-untrusted: the application does not trust a server's certificate

The application called a server over TLS and rejected its certificate: nothing in the image's trust store
vouches for it. Slim, distroless and scratch images often carry no CA bundle; a private CA (an internal
service, a corporate proxy) is not installed; or the server does not send its intermediate certificate.

## How it shows up
```text
tls: failed to verify certificate: x509: certificate signed by unknown authority
ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate
PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target
Error: unable to verify the first certificate
```
As printed by ecs-triage:
```text
1. [HIGH] app-tls-untrusted (likely)
   The application does not trust the certificate of a server it calls (Go)
```

## How to confirm
Run the image with the same command locally and call the server; `openssl s_client -connect <host>:443 -showcerts`
shows the chain the server sends.

## Fix
Install `ca-certificates` in the image (or copy `/etc/ssl/certs/ca-certificates.crt` into a scratch image);
for a private CA add its certificate, or point the runtime at it (`NODE_EXTRA_CA_CERTS`, `SSL_CERT_FILE`,
`REQUESTS_CA_BUNDLE`, `keytool -importcert` into the JVM's `cacerts`). Rebuild, push and deploy.

## Alternatives
- Fix the server's chain when other clients fail the same way.
- Never turn verification off.

"""#,
    "auto-scaling-cannot-launch": #"""
# auto-scaling-cannot-launch: the Auto Scaling group behind the cluster cannot launch instances

On the EC2 launch type, tasks run on container instances that an Auto Scaling group launches (often
through a capacity provider with managed scaling). When EC2 refuses the launch, the cluster stays
without room and the scheduler reports "No Container Instances were found" or leaves tasks in
PROVISIONING; the reason is in the Auto Scaling group's activity history, not in ECS. The usual
refusals: the account's On-Demand vCPU quota for the instance family, no Spot capacity for the
requested instance types and zones, or a launch template EC2 cannot use (missing AMI, instance profile
or security group, an unsupported instance type).

## How it shows up
Auto Scaling activity status messages (`describe-scaling-activities`, `StatusMessage`):
```text
Launching a new EC2 instance. Status Reason: You have requested more vCPU capacity than your current vCPU limit of 32 allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit. Launching EC2 instance failed.
Launching a new EC2 instance.  Status Reason: Could not launch Spot Instances. UnfulfillableCapacity - Unable to fulfill capacity due to your request configuration. Please adjust your request and try again. Launching EC2 instance failed.
```

## How to confirm
1. `aws ecs describe-capacity-providers --query 'capacityProviders[].[name,autoScalingGroupProvider.autoScalingGroupArn]'`
   names the group.
2. `aws autoscaling describe-scaling-activities --auto-scaling-group-name <asg-name> --max-items 10`
   shows the failed launches and their status reason.
3. vCPU quota: `aws service-quotas list-service-quotas --service-code ec2 --query 'Quotas[].[QuotaCode,QuotaName,Value]' --output table`.

## Fix
- vCPU quota: request an increase in Service Quotas for the instance family, or use fewer or smaller instances.
- Spot capacity: allow more instance types (a mixed instances policy), more subnets and zones, or an
  On-Demand base capacity.
- Launch template errors: fix what the status reason names (AMI, instance profile, security group,
  instance type), then let the group retry.
Afterwards, check that the new instances register in the cluster (`ECS_CLUSTER` in the user data, the
instance role): see `no-container-instances`.

## Alternatives
- Run the service on Fargate, which needs no instances of your own.

## Prevention
- Alarm on Auto Scaling `GroupInServiceInstances` staying below the desired capacity, and on failed
  launches (an EventBridge rule on `EC2 Instance Launch Unsuccessful`).

"""#,
    "aws-service-unreachable": #"""
# aws-service-unreachable: the task timed out reaching an AWS endpoint or registry

Before a container starts, ECS (the Fargate agent, or the ECS agent on EC2) calls
AWS APIs from the task's own network interface: ECR for the registry token and the
manifest, S3 for the image layers, CloudWatch Logs for `awslogs`, Secrets Manager or
SSM for `secrets`, S3 for `environmentFiles`. Since Fargate platform 1.4.0 all of this
traffic leaves through the task ENI in your subnet, so your route tables, gateways,
endpoints, security groups and NACLs decide whether it gets out. A timeout (i/o
timeout, context deadline exceeded, request canceled) means the packets went nowhere:
no route, a blocked port, or a name that resolved to an address you cannot reach. It
is not a permissions problem; a permissions problem answers quickly with AccessDenied.

## How it shows up
Pre-2024 wording (stopped reason, `stopCode` `TaskFailedToStart`):
```text
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <ip>:443: i/o timeout. Please check your task network configuration.
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 5 time(s): RequestCanceled: request context canceled caused by: context deadline exceeded
ResourceInitializationError: failed to download env files: file download command: non empty error stream: RequestCanceled: request context canceled caused by: context deadline exceeded
CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/mysql:8.0: failed to do request: Head "https://registry-1.docker.io/v2/library/mysql/manifests/8.0": dial tcp <ip>:443: i/o timeout
CannotPullContainerError: API error (500): Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)
```
2024 "enhanced" wording (stopped reason, or service event `... was unable to place a task. Reason: ...`):
```text
ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. operation error ECR: GetAuthorizationToken, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <ip>:443: i/o timeout.
ResourceInitializationError: unable to pull secrets or registry auth: unable to retrieve secret from asm: There is a connection issue between the task and AWS Secrets Manager. Check your task network configuration. failed to fetch secret <secret-arn> from secrets manager: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 0, RequestID: , canceled, context deadline exceeded.
ResourceInitializationError: unable to pull secrets or registry auth: unable to retrieve secrets from ssm: The task cannot pull secrets from AWS Systems Manager. There is a connection issue between the task and AWS Systems Manager Parameter Store. Check your task network configuration. RequestCanceled: request context canceled caused by: context deadline exceeded
ResourceInitializationError: failed to validate logger args: The task cannot find the Amazon CloudWatch log group defined in the task definition. There is a connection issue between the task and Amazon CloudWatch. Check your network configuration. signal: killed
CannotPullContainerError: The task cannot pull <image> from the registry <registry>. There is a connection issue between the task and the registry. Check your task network configuration. : failed to copy: httpReadSeeker: failed open: failed to do request: Get <url>: dial tcp <ip>:443: i/o timeout
```
On EC2 the agent prefixes `The task can’t pull the image. Check your network configuration.` (note the
typographic apostrophe) to a `request canceled while waiting for connection` pull error. The CloudWatch
wording says "cannot find the log group" although the cause is the network: do not read it as a missing group.

## How to confirm
Likely causes, in order; each has its own rule whose finding names the exact resource.
1. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{reason:stoppedReason,pv:platformVersion,att:attachments[0].details}'`
   Which service timed out (ECR API, registry, S3 layer IP, logs, asm, ssm) and which subnet the ENI was in.
2. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].networkConfiguration'`
   `assignPublicIp` and the subnets/security groups actually used.
3. `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<subnet-id>`
   (empty result: the subnet uses the main table, `Name=vpc-id,Values=<vpc-id> Name=association.main,Values=true`).
   `0.0.0.0/0` to `igw-...` needs `assignPublicIp` ENABLED (`public-ip-without-igw`, `public-subnet-without-public-ip`);
   to `nat-...` needs a usable NAT (`nat-gateway-unusable`); no default route needs endpoints (`missing-vpc-endpoint`).
4. `aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=<vpc-id>`
   Interface endpoints for the services the task needs, `PrivateDnsEnabled`, and the S3 gateway's `RouteTableIds`
   (`s3-gateway-endpoint-not-associated`, `endpoint-private-dns-disabled`).
5. `aws ec2 describe-security-groups --group-ids <task-sg-id> <endpoint-sg-id>`: egress 443 from the task, ingress 443 on
   the endpoints (`task-sg-blocks-egress`, `endpoint-sg-blocks-https`).
6. `aws ec2 describe-network-acls --filters Name=association.subnet-id,Values=<subnet-id>`: outbound 443 and inbound
   1024-65535 (`nacl-blocks-traffic`).
7. `aws ec2 describe-vpc-attribute --vpc-id <vpc-id> --attribute enableDnsSupport` (and `enableDnsHostnames`) (`vpc-dns-disabled`).

## Fix
Fix the first broken hop found above; the commands live in the matching cause playbook.
### AWS CLI
```sh
# Public subnet with an IGW route: give the task a public IP.
aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment \
  --network-configuration 'awsvpcConfiguration={subnets=[<subnet-id>],securityGroups=[<sg-id>],assignPublicIp=ENABLED}'
# Private subnet: default route through a NAT gateway that sits in a public subnet.
aws ec2 create-route --route-table-id <rtb-id> --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <nat-id>
```
### Console
ECS > Clusters > <cluster> > Services > <service> > Update > Networking: subnets, security groups, Public IP.
VPC > Route tables > <rtb-id> > Routes > Edit routes. VPC > Endpoints > Create endpoint.
### Terraform
`aws_ecs_service.network_configuration { assign_public_ip = true }` in a public subnet, or an
`aws_route { destination_cidr_block = "0.0.0.0/0", nat_gateway_id = ... }` for private subnets, or
`aws_vpc_endpoint` resources for `ecr.api`, `ecr.dkr`, `s3` (Gateway), `logs`, `secretsmanager`/`ssm`.

## Alternatives
- Public registries (Docker Hub, ghcr.io, quay.io) need the internet; endpoints cannot reach them. Copy the
  image to ECR or use an ECR pull-through cache rule, then VPC endpoints suffice.
- On the EC2 launch type, `awsvpc` task ENIs never get public IPs: use NAT or endpoints.
- A transit gateway or central egress VPC is also a valid path; the snapshot must include it to be judged.

## Prevention
- Decide per subnet: public (IGW + `assignPublicIp` ENABLED) or private (NAT or the full endpoint set).
- Derive the endpoint list from the task definition (image, `awslogs`, `secrets`, `environmentFiles`).
- Run `ecs-triage` on the snapshot in CI before deploying network changes.

"""#,
    "awsvpc-host-port-mismatch": #"""
# awsvpc-host-port-mismatch: hostPort differs from containerPort in awsvpc mode

In the `awsvpc` network mode (all of Fargate) each task has its own network interface, and in `host`
mode the container uses the instance's interface: there is no port translation. `hostPort` must be
left out or equal `containerPort`; ECS rejects a mapping such as host 80 → container 8080. To expose
another port, change the port the application listens on, or let the load balancer listener use a
different port than the target group.

## How it shows up
API error from `RegisterTaskDefinition`:
```text
ClientException: When networkMode=awsvpc, the host ports and container ports in port mappings must match.
```

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{mode:networkMode,ports:containerDefinitions[].portMappings}'`
   or read the JSON you register: a `hostPort` that is not equal to its `containerPort`.

## Fix
### AWS CLI
```sh
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .containerDefinitions |= map(if .portMappings then .portMappings |= map(del(.hostPort)) else . end)' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
### Console
ECS > Task definitions > <family> > Create new revision > container > Port mappings: only the container port.
### Terraform
```hcl
container_definitions = jsonencode([{
  name         = "app"
  portMappings = [{ containerPort = 8080, protocol = "tcp" }]
}])
```

## Alternatives
- Listener on port 80, target group on 8080: clients keep port 80, the task keeps 8080.
- On EC2, `bridge` mode allows host → container mapping (and dynamic host ports with `hostPort` 0).

## Prevention
- Generate `portMappings` from one `containerPort` variable and omit `hostPort` for awsvpc.

"""#,
    "awsvpc-network-configuration-missing": #"""
# awsvpc-network-configuration-missing: network configuration missing for awsvpc, or given for bridge/host

A task in the `awsvpc` network mode (all of Fargate) gets its own network interface, so the service or
the `run-task` call must say where: `networkConfiguration.awsvpcConfiguration` with subnets, security
groups and `assignPublicIp`. Without it ECS refuses to start the tasks. The reverse is refused too:
`bridge` and `host` tasks use the container instance's network, and a network configuration for them
is invalid.

## How it shows up
API errors from `CreateService`, `UpdateService` or `RunTask` (CI actions print them verbatim):
```text
InvalidParameterException: Network Configuration must be provided when networkMode 'awsvpc' is specified.
InvalidParameterException: Network Configuration is not valid for the given networkMode of this task definition.
```

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.networkMode'`
2. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].networkConfiguration'`
   or the parameters your script, action or template passes to `run-task` / `create-service`.

## Fix
### AWS CLI
```sh
aws ecs run-task --cluster <cluster> --task-definition <family> --launch-type FARGATE \
  --network-configuration "awsvpcConfiguration={subnets=[<subnet-a>,<subnet-b>],securityGroups=[<sg-id>],assignPublicIp=DISABLED}"
aws ecs update-service --cluster <cluster> --service <service> \
  --network-configuration "awsvpcConfiguration={subnets=[<subnet-a>,<subnet-b>],securityGroups=[<sg-id>],assignPublicIp=DISABLED}"
```
For `bridge`/`host`, drop `--network-configuration` (recreate a service that has one).
### Console
ECS > service > Update > Networking: choose the VPC, subnets and security groups.
### Terraform
```hcl
resource "aws_ecs_service" "app" {
  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }
}
```

## Alternatives
- GitHub `aws-actions/amazon-ecs-deploy-task-definition` with `run-task: true`: pass
  `run-task-subnets` and `run-task-security-groups` for awsvpc definitions, and none for bridge.
- Private subnets need a NAT gateway or VPC endpoints; public subnets need `assignPublicIp=ENABLED`.

## Prevention
- Derive the presence of `network_configuration` from the definition's `network_mode` in modules.

"""#,
    "capacity-provider-not-associated": #"""
# capacity-provider-not-associated: the strategy names a capacity provider the cluster does not have

A capacity provider strategy (a service's, a `run-task` call's, or the cluster's default) may only
name capacity providers associated with the cluster. `FARGATE` and `FARGATE_SPOT` exist in every
account but are not used by a cluster until they are associated with it; an Auto Scaling group
capacity provider must be created first and then associated (developer guide,
`fargate-capacity-providers.md` and `turn-on-cluster-auto-scaling.md`). `PutClusterCapacityProviders`
replaces the cluster's whole list and requires the default strategy in the same call, which is how a
provider often gets dropped by accident. A strategy cannot mix Fargate and Auto Scaling group providers.

## How it shows up
```text
An error occurred (InvalidParameterException) when calling the RunTask operation: The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.
Error: InvalidParameterException: The specified capacity provider was not found. Specify a valid capacity provider and try again.
```
With the service and `describe-clusters` in the snapshot, the rule also finds it from configuration:
the service's `capacityProviderStrategy` names a provider missing from the cluster's `capacityProviders`.

## How to confirm
1. `aws ecs describe-clusters --clusters <cluster> --query 'clusters[0].[capacityProviders,defaultCapacityProviderStrategy]'`
2. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].capacityProviderStrategy'`
3. "was not found": `aws ecs describe-capacity-providers --query 'capacityProviders[].[name,status]'` shows
   whether the provider exists at all.

## Fix
### AWS CLI
List what the cluster already has plus the missing provider, and restate the default strategy:
```sh
aws ecs put-cluster-capacity-providers --cluster <cluster> \
  --capacity-providers FARGATE FARGATE_SPOT \
  --default-capacity-provider-strategy capacityProvider=FARGATE,weight=1
```
### Terraform
```hcl
resource "aws_ecs_cluster_capacity_providers" "prod" {
  cluster_name       = "prod"
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
}
```

## Alternatives
- Change the service's or the call's strategy to providers the cluster has.
- For an Auto Scaling group provider that does not exist: `aws ecs create-capacity-provider` first.

## Prevention
- Manage the cluster's providers in one place (one `aws_ecs_cluster_capacity_providers` resource),
  since each `PutClusterCapacityProviders` call replaces the list.

"""#,
    "circuit-breaker-disabled": #"""
# circuit-breaker-disabled: a service whose tasks keep failing retries a bad revision indefinitely

With the deployment circuit breaker off (`deploymentConfiguration.deploymentCircuitBreaker.enable: false`), a rolling
deployment whose tasks fail keeps launching replacements until someone intervenes; CloudFormation waits for hours
before it gives up. With it on, ECS fails the deployment once about half the desired count of its tasks has failed (at
least 3, at most 200) and, with `rollback`, returns to the last deployment that completed. `ecs-triage` reports a
breaker that is off only on a service whose tasks are failing now (two or more failed tasks, or an "unable to
consistently start tasks" event); on a healthy service it stays quiet. Severity low: it would have contained the
failure, it did not cause it. Only rolling updates (the `ECS` deployment controller) have a circuit breaker.

## A minimal example
`"deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": false, "rollback": false}, "maximumPercent": 200, "minimumHealthyPercent": 100}`
and two stopped tasks with `CannotPullContainerError`.

## As printed
```text
web keeps retrying failing tasks (2 failed): its deployment circuit breaker is off
```

## How to confirm
`aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].[deploymentConfiguration,deploymentController]'`

## Fix
```sh
aws ecs update-service --cluster <cluster> --service <service> \
  --deployment-configuration 'deploymentCircuitBreaker={enable=true,rollback=true},maximumPercent=200,minimumHealthyPercent=100'
```
(the finding repeats the service's own percentages). Terraform:
```hcl
resource "aws_ecs_service" "web" {
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}
```

## Alternatives
- CloudWatch alarms on the deployment (`deploymentConfiguration.alarms`) roll back revisions that start but misbehave.
- Blue/green (CodeDeploy) deployments test the new task set before traffic moves.

"""#,
    "classic-lb-on-fargate": #"""
# classic-lb-on-fargate: a Classic Load Balancer cannot front awsvpc tasks

A Classic Load Balancer (`aws elb`) registers EC2 instances only. Tasks in the `awsvpc` network
mode, and every Fargate task is `awsvpc`, have their own elastic network interface and are registered
by IP address, which only Application and Network Load Balancers support, through a target group of
type `ip`. A service that names a Classic Load Balancer (`loadBalancers[].loadBalancerName`) for such
tasks cannot be created, or receives no traffic.

## How it shows up
In the configuration: a service or template with `LoadBalancerName` / `elb_name` next to
`launchType: FARGATE` or `networkMode: awsvpc`; `describe-services` shows `loadBalancers` with
`loadBalancerName` and no `targetGroupArn`. ECS rejects such a `CreateService` request with an
`InvalidParameterException`; we have no verbatim copy of its wording, so this rule works from the
configuration alone.

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{lt:launchType,cps:capacityProviderStrategy,lbs:loadBalancers}'`
2. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.networkMode'`
3. `aws elb describe-load-balancers --load-balancer-names <name>`: it is a Classic Load Balancer.

## Fix
### AWS CLI
```sh
lb=$(aws elbv2 create-load-balancer --name <name>-alb --type application --scheme internet-facing \
  --subnets <subnet-a> <subnet-b> --security-groups <lb-sg> --query 'LoadBalancers[0].LoadBalancerArn' --output text)
tg=$(aws elbv2 create-target-group --name <service>-ip --target-type ip --protocol HTTP --port <container-port> \
  --vpc-id <vpc-id> --health-check-path /health --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 create-listener --load-balancer-arn "$lb" --protocol HTTP --port 80 \
  --default-actions "Type=forward,TargetGroupArn=$tg"
aws ecs update-service --cluster <cluster> --service <service> \
  --load-balancers "targetGroupArn=$tg,containerName=<container>,containerPort=<container-port>"
```
ecs-triage fills in the Classic Load Balancer's subnets, security groups, scheme, listeners and health
check path when `aws elb describe-load-balancers` output is in the input.
Services with the CODE_DEPLOY controller must be recreated with the new target groups.
### Console
EC2 > Load balancers > Create > Application Load Balancer; target group type "IP addresses". Then
ECS > service > Update > Load balancing: choose the ALB and the new target group.
### Terraform
```hcl
resource "aws_lb_target_group" "app" {
  target_type = "ip"
  port        = 8080
  protocol    = "HTTP"
  vpc_id      = var.vpc_id
}
resource "aws_ecs_service" "app" {
  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn   # instead of elb_name
    container_name   = "app"
    container_port   = 8080
  }
}
```

## Alternatives
- Keep the Classic Load Balancer and run the service on EC2 with the `bridge` network mode (static host
  ports); this only postpones the migration.
- Use a Network Load Balancer for TCP/UDP traffic.

## Prevention
- Classic Load Balancers are a previous-generation product: create ALBs or NLBs for new services.
- Reject `elb_name` / `LoadBalancerName` for Fargate services in module validation.

"""#,
    "container-command-not-found": #"""
# container-command-not-found: the container's command or entry point does not exist in the image

The container runtime starts the process named by the image's `ENTRYPOINT` and `CMD`, or by the task
definition's `entryPoint` and `command`, which replace them (`entryPoint` replaces `ENTRYPOINT` and drops the
image's `CMD`; `command` replaces only `CMD`). Both are JSON arrays, and no shell is involved: the first element
is the program, looked up in `$PATH` or taken as a path. The usual mistakes: the whole command line in one
string (`["node index.js -t sockets"]` looks for a program literally named `node index.js -t sockets`); arguments
put in `command` for an image without an `ENTRYPOINT`, so the first argument (`-url`) is run as a program; a
binary missing from the image (a multi-stage build that did not copy it, a wrong `WORKDIR`); a script with Windows
line endings or a `#!` interpreter that is not in the image (`#!/bin/bash` on Alpine), which reports "no such
file or directory" for a file that exists; or a volume (EFS, bind mount) mounted over the directory that holds
it. The container never runs, so the task stops with `stopCode` `TaskFailedToStart` and no application logs.

## How it shows up
Fargate/containerd (container reason; `stopCode` `TaskFailedToStart`):
```text
CannotStartContainerError: ResourceInitializationError: failed to create new container runtime task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "<program>": executable file not found in $PATH: unknown
CannotStartContainerError: ResourceInitializationError: failed to create new container runtime task: failed to create shim: OCI runtime create failed: container_linux.go:380: starting container process caused: exec: "-url": executable file not found in
CannotStartContainerError: ResourceInitializationError: failed to create new container runtime task: OCI runtime create failed: container_linux.go:370: starting container process caused: exec: "/opt/sonarqube/bin/run.sh": stat /opt/sonarqube/bin/run.sh...no such file or direct...
```
EC2/Docker:
```text
CannotStartContainerError: API error (500): Cannot start container <container-id>: [8] System error: exec: "node index.js -t sockets_transport -i 0": executable file not found in $PATH
CannotStartContainerError: API error (400): OCI runtime create failed: container_linux.go:348: starting container process caused "exec: \"mxnet-model-server.sh\": executable file not found in $PATH":
```
A shell-form command (`sh -c`) that cannot find its program exits 127 instead, with `<program>: not found` in the log.

## How to confirm
1. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].containers[].{n:name,r:reason,exit:exitCode,img:image}'`
   The quoted `exec: "..."` is exactly what was run: a string with spaces is a one-string command.
2. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{n:name,ep:entryPoint,cmd:command,wd:workingDirectory,mounts:mountPoints}'`
   `entryPoint`/`command` as ECS passes them; a `mountPoints[].containerPath` over the program's directory hides it.
3. Overrides: `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].overrides.containerOverrides'` (run-task `--overrides` replace `command`).
4. The image's own settings, from a workstation:
   `docker image inspect <image> --format '{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.WorkingDir}}'`
   and whether the file exists: `docker run --rm --entrypoint sh <image> -c 'ls -l <path>; head -1 <path> | od -c | head -2'`
   (a `\r` before `\n` is a CRLF script; the `#!` line names the interpreter that must exist).

## Fix
### AWS CLI
```sh
# Split the command into an array, one argument per element:
#   "command": ["node", "index.js", "-t", "sockets_transport", "-i", "0"]
# Or, when a shell is really needed: "entryPoint": ["sh", "-c"], "command": ["node index.js -t sockets_transport -i 0"]
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .containerDefinitions |= map(if .name == "<container>" then .command = ["node", "index.js", "-t", "sockets_transport", "-i", "0"] else . end)' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family> --force-new-deployment
```
If the file is missing or broken in the image, fix the Dockerfile (`COPY --from=build ...`, `RUN chmod +x`,
`dos2unix`, install `bash` or use `#!/bin/sh`), push, and deploy the new image.
### Console
ECS > Task definitions > <family> > Create new revision > Container > Docker configuration > Entry point /
Command (comma-separated: `node,index.js,-t,sockets_transport`). Then update the service.
### Terraform
```hcl
# container_definitions = jsonencode([{
#   name    = "app"
#   image   = var.image
#   command = ["node", "index.js", "-t", "sockets_transport", "-i", "0"]   # never ["node index.js ..."]
# }])
```

## Alternatives
- Leave `entryPoint` and `command` unset and let the image's `ENTRYPOINT`/`CMD` decide; override only what differs.
- Mount volumes at a path of their own (`/data`), never over application directories.

## Prevention
- Run the exact image with the task definition's `entryPoint`/`command` in CI (`docker run --entrypoint ...`) before deploying.
- Review `command`/`entryPoint`: an element with spaces is a bug unless it is the argument of `sh -c`.
- Add `.gitattributes` `*.sh text eol=lf` so scripts never get CRLF line endings.

"""#,
    "container-exited": #"""
# container-exited: an essential container exited non-zero and nothing more specific explains it

The image was pulled and the container started, then its main process ended. When an essential container
stops, ECS stops the whole task: `stoppedReason` `Essential container in task exited`, `stopCode`
`EssentialContainerExited`, and the container's `exitCode` and `reason` say how it ended. ECS does not know
why an application quits; the answer is almost always in the container's own output, which `awslogs` sends to
the stream `<awslogs-stream-prefix>/<container-name>/<task-id>` in `awslogs-group`. The exit code narrows it:
1 or 2 is the application reporting an error (a missing environment variable, a failed database connection,
a crash at start-up); 126 is a command that cannot be executed; 127 is a command the shell did not find; 137 is
SIGKILL (128+9: the kernel OOM killer, or ECS killing a process that ignored SIGTERM for `stopTimeout`); 139 is
SIGSEGV (128+11, a native crash); 143 is SIGTERM (128+15: ECS stopped the task and the process obeyed). Exit 0
on an essential container in a service usually means the process daemonised or finished its work. A stopped
task stays visible for at least an hour; a service keeps replacing it, so look at the newest one.

Which container stopped the task: when one essential container ends, the agent stops the others (SIGTERM, then
SIGKILL after `stopTimeout`), so they end with 143 or 137 as a consequence. `ecs-triage` names the essential
container that ended on its own (a `reason`, an exit code other than 143/137, then exit 0), not the first
non-zero code. The classic case is a one-shot step marked essential (`essential` defaults to true): a `migrate`
container runs `db:migrate`, exits 0, and takes `web` down with it (`web` exit 143); the service starts a new
task that does the same. The finding then proposes `"essential": false` on the step and
`"dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}]` on the others (COMPLETE waits for any exit
code; neither condition may be set on an essential container), as a runnable new revision. A task run on its
own (no service) whose containers all exited 0 finished its work: that is not reported.

## How it shows up
```text
Essential container in task exited
STOPPED (Essential container in task exited)
```
With `containers[].exitCode` (for example `1`, `137`) and sometimes `containers[].reason`. Elastic Beanstalk
wraps it as `ECS task stopped due to: Essential container in task exited.` followed by the container names.

## How to confirm
Likely causes, in order; the matching rule has the fix when one applies.
1. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{stopCode:stopCode,reason:stoppedReason,started:startedAt,stopped:stoppedAt,c:containers[].{n:name,exit:exitCode,r:reason,essential:essential}}'`
   Which container exited, with which code, how long after start. `aws ecs list-tasks --cluster <cluster> --service-name <service> --desired-status STOPPED` finds recent ones.
2. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{n:name,log:logConfiguration}'`
   then `aws logs tail <awslogs-group> --log-stream-names <awslogs-stream-prefix>/<container-name>/<task-id> --since 2h` (aws CLI v2; with v1: `aws logs filter-log-events --log-group-name <awslogs-group> --log-stream-names <awslogs-stream-prefix>/<container-name>/<task-id> --query 'events[].message' --output text`)
   The last lines before the exit. No `logConfiguration`: the output is lost; add one and reproduce.
3. Exit 137 with `OutOfMemoryError` in `reason`: `container-out-of-memory`. Exit 137 or 143 without it: look at why the task
   was being stopped (`stoppedReason` of the task, service events for health checks or scale-in) and whether the process
   handles SIGTERM within `stopTimeout` (default 30 s, at most 120 s on Fargate).
4. `exec format error` in the log: `image-platform-mismatch`. `executable file not found` / exit 127: `container-command-not-found`.
   `no space left on device`: `ephemeral-storage-exhausted`.
5. Exit 1 right after start with a configuration error in the log: compare
   `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{n:name,env:environment[].name,sec:secrets[].name,files:environmentFiles}'`
   with what the application requires, and check the task role for AWS calls the application makes (`iam-access-denied`).
6. Exit 0: the entrypoint starts a daemon in the background (`service x start`, `nginx` without `daemon off;`) and returns.

## Fix
### AWS CLI
A one-shot container marked essential (the finding's commands use your family, revision and container names):
```sh
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .containerDefinitions |= map(if .name == "migrate" then .essential = false else . end) | .containerDefinitions |= map(if .name == "web" then .dependsOn = ([(.dependsOn // [])[] | select(.containerName != "migrate")] + [{"containerName": "migrate", "condition": "SUCCESS"}]) else . end)' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
Otherwise:
```sh
# Make the output visible, then redeploy and read the stream of the next failed task:
#   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/<family>",
#     "awslogs-region": "<region>", "awslogs-stream-prefix": "ecs"}}
aws logs create-log-group --log-group-name /ecs/<family>
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .containerDefinitions |= map(.logConfiguration = {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/<family>", "awslogs-region": "<region>", "awslogs-stream-prefix": "ecs"}})' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family> --force-new-deployment
```
Then fix the application or its configuration (environment, secrets, task role) as the log says.
### Console
ECS > Clusters > <cluster> > Tasks (filter Stopped) > <task> > Containers: exit code and reason; Logs tab for `awslogs`.
ECS > Task definitions > <family> > Create new revision > Logging > Use log collection.
### Terraform
```hcl
resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/app"
  retention_in_days = 30
}
# container_definitions: logConfiguration = { logDriver = "awslogs", options = {
#   "awslogs-group" = aws_cloudwatch_log_group.app.name, "awslogs-region" = var.region, "awslogs-stream-prefix" = "ecs" } }
# Graceful stop: stopTimeout = 60, linuxParameters = { initProcessEnabled = true }
```

## Alternatives
- Reproduce locally with the same image, command and environment: `docker run --rm --env-file app.env <image>`.
- With ECS Exec enabled, keep the container alive (`command: ["sleep","3600"]`) and run the entrypoint by hand.
- Archive stopped-task events with an EventBridge rule on `ECS Task State Change`, since ECS keeps stopped tasks for only about an hour.

## Prevention
- Every container definition gets a `logConfiguration`, so that the next failure leaves its output behind.
- Fail fast with a clear message when required configuration is missing, and log it before exiting.
- Handle SIGTERM (or set `initProcessEnabled`) so that deployments end in 143/0, not 137.

"""#,
    "container-health-check-failing": #"""
# container-health-check-failing: the container's own healthCheck command keeps failing

A container definition's `healthCheck` is run by the container runtime inside the container, every `interval`
seconds (default 30), with a `timeout` (default 5 s). After `retries` consecutive failures (default 3) the
container is `UNHEALTHY`; an unhealthy essential container makes the task unhealthy, and a service replaces it
with `stoppedReason` `Task failed container health checks`. Standalone tasks keep running. Failures during
`startPeriod` (0 to 300 s, off by default) do not count. `healthCheck.command` is an array whose first element
says how to run the rest: `CMD` executes the next element as a program with the following ones as arguments,
no shell; `CMD-SHELL` passes the next element to the container's default shell (`/bin/sh -c`). The common
faults: `["CMD", "curl -f http://localhost/ || exit 1"]` (runs a program named `curl -f http://...`), no `CMD`
/`CMD-SHELL` prefix at all, a tool the image lacks (`curl` is absent from Alpine, slim and distroless images; a
distroless image has no shell for `CMD-SHELL`), the wrong port or path, an application that needs longer than
`startPeriod` to boot, or a check that is too heavy for the container's memory. This is not the load balancer's
health check (`target-health-failing`), and ECS ignores a Dockerfile `HEALTHCHECK` unless the task definition has one.

## How it shows up
Stopped reason (`stopCode` `ServiceSchedulerInitiated`; the essential container often ends with 137 or 143):
```text
Task failed container health checks
```
`describe-tasks` shows `healthStatus` `UNHEALTHY` on the task and the container. When run by hand (Docker on an
EC2 host, `docker inspect`), the health log shows the real cause, for example:
```text
OCI runtime exec failed: exec failed: container_linux.go:370: starting container process caused: exec: \"curl\": executable file not found in $PATH: unknown
/bin/sh: curl: not found
```

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{n:name,essential:essential,hc:healthCheck,ports:portMappings[].containerPort}'`
   Check the prefix (`CMD` with one space-separated string is wrong; `CMD-SHELL` needs a shell), the port and path
   against the port the application listens on, and `startPeriod` against its boot time.
2. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{health:healthStatus,reason:stoppedReason,started:startedAt,stopping:stoppingAt,c:containers[].{n:name,h:healthStatus,exit:exitCode}}'`
   Time from `startedAt` to `stoppingAt` close to `startPeriod + interval × retries`: the app was never healthy.
3. `aws logs tail <awslogs-group> --log-stream-names <prefix>/<container>/<task-id> --since 1h` (aws CLI v2; with v1: `aws logs filter-log-events --log-group-name <awslogs-group> --log-stream-names <prefix>/<container>/<task-id> --query 'events[].message' --output text`)
   Did the application finish starting, and on which address (`127.0.0.1` vs `0.0.0.0`) and port?
4. Does the tool exist in the image? From a workstation: `docker run --rm --entrypoint sh <image> -c 'command -v curl wget'`
   (no output: not installed; "sh: not found": no shell, so only `CMD` with a binary in the image can work).
5. EC2 launch type, on the host: `docker inspect --format '{{json .State.Health}}' <container-id>` prints the last outputs.

## Fix
### AWS CLI
```sh
# A correct check, with time to boot:
#   "healthCheck": {"command": ["CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"],
#                   "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 120}
# Without curl in the image: ["CMD-SHELL", "wget -qO- http://localhost:8080/health || exit 1"],
# or a binary the image ships: ["CMD", "/app/healthcheck"]
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .containerDefinitions |= map(if .name == "<container>" then .healthCheck = {"command": ["CMD-SHELL", "wget -qO- http://localhost:8080/health || exit 1"], "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 120} else . end)' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
### Console
ECS > Task definitions > <family> > Create new revision > Container > HealthCheck: Command
(`CMD-SHELL, curl -f http://localhost:8080/health || exit 1`), Interval, Timeout, Start period, Retries.
### Terraform
```hcl
# container_definitions = jsonencode([{ name = "app", image = var.image,
#   healthCheck = {
#     command     = ["CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"]
#     interval    = 30, timeout = 5, retries = 3, startPeriod = 120
#   } }])
```

## Alternatives
- Add the tool to the image (`RUN apk add --no-cache curl`) or ship a tiny static health-check binary for distroless images.
- Drop the container health check and rely on the load balancer's, when the service has one; keep one of them, not two that disagree.
- A container health check that calls dependencies (database, other services) kills healthy tasks during their outages; check the process only.

## Prevention
- Run the exact `healthCheck.command` against the image in CI (`docker run` then `docker exec`).
- Set `startPeriod` from the measured start time of the slowest environment, not from a laptop.

"""#,
    "container-memory-exceeds-task": #"""
# container-memory-exceeds-task: a container asks for more than its task

Task-level `cpu` and `memory` are the ceiling for all containers of the task. A container's `memory`
(hard limit) or `memoryReservation` (soft limit) above the task's `memory`, or container `cpu` values
adding up to more than the task's `cpu`, cannot be satisfied: ECS rejects the definition. It usually
happens when a container's limits are raised without raising the task size (or a library computes
the task size wrongly).

## How it shows up
API errors from `RegisterTaskDefinition`:
```text
ClientException: The 'memory' setting for container 'worker' is greater than for the task.
InvalidParameterException: 'memory' setting for container 'artillery' is greater than for task.
```

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{cpu:cpu,memory:memory,containers:containerDefinitions[].{name:name,cpu:cpu,memory:memory,reservation:memoryReservation}}'`
   Compare each container's `memory` and `memoryReservation` with the task `memory` (in MiB), and the sum of
   container `cpu` with the task `cpu` (in units).

## Fix
### AWS CLI
```sh
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .memory = "2048"' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
On Fargate the new cpu/memory must be a Fargate pair (see `fargate-invalid-cpu-memory`).
### Console
ECS > Task definitions > <family> > Create new revision > Task size, or lower the container's memory limits.
### Terraform
```hcl
resource "aws_ecs_task_definition" "app" {
  cpu    = "1024"
  memory = "2048"                   # at least the largest container memory
  container_definitions = jsonencode([{ name = "worker", memory = 2048 /* ... */ }])
}
```

## Alternatives
- Lower the container's hard `memory` and keep a `memoryReservation` that fits.
- Drop container-level limits altogether when the task runs one container: the task size applies.

## Prevention
- Derive container limits from the task size (or the other way round) in one place.

"""#,
    "container-out-of-memory": #"""
# container-out-of-memory: the container was killed for using more memory than its limit

Memory limits in ECS come from three places. A container's `memory` is a hard limit: the kernel kills the
container's process when it exceeds it. `memoryReservation` is a soft limit used for placement; the container
may exceed it until the host (EC2) or the task (Fargate) runs out. On Fargate the task-level `memory` is a hard
ceiling for all containers together, sidecars included (log router, APM agent, Envoy), so a sidecar's growth can
kill the application. When the kernel OOM killer ends the process it sends SIGKILL, so the exit code is 137
(128+9), and ECS reports `OutOfMemoryError: Container killed due to memory usage`. There is no warning and no
graceful shutdown. Exit 137 without that reason is usually not memory: ECS sent SIGTERM, the process ignored it,
and after `stopTimeout` (default 30 s) it got SIGKILL (`container-exited`). Runtimes that size their heap from
the host rather than the container (old JVMs, Node's default old-space, a worker count per CPU) are the classic
cause, along with real leaks and load spikes.

## How it shows up
Container reason (`stopCode` `EssentialContainerExited`, `exitCode` 137; `stoppedReason` `Essential container in task exited`):
```text
OutOfMemoryError: Container killed due to memory usage
```
EC2 launch type, in the ECS console or `describe-tasks`, sometimes only:
```text
Essential container in task exited
```
with `exitCode` 137 on a container that has a `memory` limit. On EC2 the host's `dmesg` shows `Memory cgroup out of memory: Killed process ...`.

## How to confirm
1. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{cpu:cpu,mem:memory,c:containers[].{n:name,exit:exitCode,r:reason,mem:memory,memRes:memoryReservation}}'`
   `exitCode` 137 plus the OOM reason on a container confirms it; note which container (a sidecar counts).
2. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{mem:memory,c:containerDefinitions[].{n:name,mem:memory,res:memoryReservation,env:environment}}'`
   Limits per container, and heap settings in the environment (`JAVA_OPTS`, `NODE_OPTIONS`).
3. Peak usage before the kill (Container Insights):
   `aws cloudwatch get-metric-statistics --namespace ECS/ContainerInsights --metric-name MemoryUtilized --dimensions Name=ClusterName,Value=<cluster> Name=ServiceName,Value=<service> --start-time <iso-start> --end-time <iso-end> --period 60 --statistics Maximum`
   (compare with `MemoryReserved`). Without Container Insights: `--namespace AWS/ECS --metric-name MemoryUtilization` (percent, per service).
4. `aws logs tail <awslogs-group> --log-stream-names <prefix>/<container>/<task-id> --since 2h` (aws CLI v2; with v1: `aws logs filter-log-events --log-group-name <awslogs-group> --log-stream-names <prefix>/<container>/<task-id> --query 'events[].message' --output text`)
   The work in progress when it died (a large request, a batch); a JVM `java.lang.OutOfMemoryError` is the heap, not the container limit.
5. Memory rising steadily over hours across tasks: a leak. A spike at one request: a sizing problem.

## Fix
### AWS CLI
```sh
# Raise the limit (Fargate: task memory must be a valid pair with task cpu, e.g. cpu 1024 -> 2048..8192 MiB):
#   "memory": "4096" at task level; per container "memory": 3584, "memoryReservation": 2048
#   JVM: "environment": [{"name":"JAVA_TOOL_OPTIONS","value":"-XX:MaxRAMPercentage=75"}]
#   Node: [{"name":"NODE_OPTIONS","value":"--max-old-space-size=3072"}]
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .memory = "4096" | .containerDefinitions |= map(if .name == "<container>" then .memory = 3584 | .memoryReservation = 2048 else . end)' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
### Console
ECS > Task definitions > <family> > Create new revision > Infrastructure requirements > Task size (Memory), and
Container > Resource allocation limits > Memory hard/soft limit. Then update the service to the new revision.
### Terraform
```hcl
resource "aws_ecs_task_definition" "app" {
  cpu    = "1024"
  memory = "4096"
  # container_definitions: memory = 3584, memoryReservation = 2048,
  #   environment = [{ name = "JAVA_TOOL_OPTIONS", value = "-XX:MaxRAMPercentage=75" }]
}
```

## Alternatives
- Fix the leak instead of feeding it: heap dumps on OOM (`-XX:+HeapDumpOnOutOfMemoryError` to an EFS path), profiling.
- Spread the load: more, smaller tasks (service auto scaling on `MemoryUtilization`) rather than one big one.
- Give sidecars their own `memory` limits so a runaway agent is killed instead of the application.

## Prevention
- Turn on Container Insights and alarm on `MemoryUtilized` / `MemoryReserved` above 80 %.
- Size the container limit at about 1.5 × the observed peak, and the heap well below the container limit.
- Load-test each new release with production-sized payloads before it takes traffic.

"""#,
    "container-runtime-unresponsive": #"""
# container-runtime-unresponsive: the container runtime on the host did not answer the agent in time

The ECS agent (EC2) or the Fargate agent drives each container through states (created, started, running,
stopped) by calling the container runtime: Docker on EC2 and Fargate platform 1.3, containerd on Fargate 1.4.0
and later. Each call has a deadline. On EC2 the agent waits `ECS_CONTAINER_CREATE_TIMEOUT` (default 4m) to create
a container, `ECS_CONTAINER_START_TIMEOUT` (default 3m on Linux, 8m on Windows) to start it, and 30 seconds, not
configurable, to inspect it. When the runtime misses a deadline the agent gives up on the container and the task
stops. The runtime itself is the victim here: the host is overloaded (CPU credits of a burstable instance spent,
memory pressure, too many tasks starting at once), its disk is slow (a gp2 volume out of burst balance, heavy
I/O from other containers, a large image being unpacked), or the daemon is unhealthy. One exception is worth
checking first: a container with the `awslogs` driver that cannot reach CloudWatch Logs can block in
"started" until the deadline, which is a network problem (`aws-service-unreachable`). On Fargate there is no
host to fix; retry, and open a support case if it persists.

## How it shows up
Container reason (`stopCode` `TaskFailedToStart`):
```text
DockerTimeoutError: Could not transition to created; timed out after waiting 4m0s
CannotInspectContainerError: Could not transition to inspecting; timed out after waiting 30s
```
Older agents used a 10 s inspect deadline:
```text
Could not transition to inspecting; timed out after waiting 10s
```
A VPC without a CloudWatch Logs endpoint (the source cut the word short):
```text
STOPPED (DockerTimeoutError: Could not transition to starte).
```

## How to confirm
1. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{lt:launchType,ci:containerInstanceArn,pull:pullStartedAt,pulled:pullStoppedAt,created:createdAt,stopped:stoppedAt,c:containers[].{n:name,r:reason}}'`
   Which transition timed out, on which container instance, and how long the pull took.
2. Same instance for every failure? `aws ecs list-tasks --cluster <cluster> --container-instance <container-instance-arn> --desired-status STOPPED`
   then `aws ecs describe-container-instances --cluster <cluster> --container-instances <container-instance-arn> --query 'containerInstances[].{ec2:ec2InstanceId,agent:agentConnected,ver:versionInfo,tasks:runningTasksCount,pending:pendingTasksCount}'`.
3. Host pressure at the time of the failure:
   `aws cloudwatch get-metric-statistics --namespace AWS/EC2 --metric-name CPUCreditBalance --dimensions Name=InstanceId,Value=<instance-id> --start-time <iso-start> --end-time <iso-end> --period 300 --statistics Minimum`
   (also `CPUUtilization`), and for its volume (`aws ec2 describe-volumes --filters Name=attachment.instance-id,Values=<instance-id>`)
   `--namespace AWS/EBS --metric-name BurstBalance` (gp2) or `VolumeQueueLength`.
4. `startTimeout`/timeouts in use: `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{n:name,start:startTimeout,stop:stopTimeout,log:logConfiguration.logDriver}'`.
5. `awslogs` with "started" timeouts in a private subnet: check the logs endpoint or NAT route (`missing-vpc-endpoint`).
6. On the host: `/var/log/ecs/ecs-agent.log`, `journalctl -u docker`, `docker info` (slow to answer is the symptom itself).

## Fix
### AWS CLI
```sh
# Take the sick instance out of service; the service scheduler moves its tasks elsewhere:
aws ecs update-container-instances-state --cluster <cluster> --container-instances <container-instance-arn> --status DRAINING
aws autoscaling terminate-instance-in-auto-scaling-group --instance-id <instance-id> --no-should-decrement-desired-capacity
# Keep the agent current (fixes many runtime-interaction bugs):
aws ecs update-container-agent --cluster <cluster> --container-instance <container-instance-arn>
```
If hosts are slow by design (big images, heavy start-up), raise the deadlines in `/etc/ecs/ecs.config` via user data:
`ECS_CONTAINER_CREATE_TIMEOUT=10m` and `ECS_CONTAINER_START_TIMEOUT=10m`, then replace the instances.
### Console
ECS > Clusters > <cluster> > Infrastructure > Container instances > select > Actions > Drain. EC2 > Auto Scaling
groups > <asg> > Instance management > select > Actions > Detach or Terminate; Instance refresh after template changes.
### Terraform
```hcl
resource "aws_launch_template" "ecs" {
  instance_type = "m7g.large"   # not a burstable t-class for busy hosts
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 100
      volume_type = "gp3"
      throughput  = 250
    }
  }
  user_data = base64encode("#!/bin/bash\necho ECS_CLUSTER=${var.cluster} >> /etc/ecs/ecs.config\necho ECS_CONTAINER_CREATE_TIMEOUT=10m >> /etc/ecs/ecs.config\n")
}
```

## Alternatives
- Spread task starts: a lower `maximumPercent` or smaller auto scaling steps, so fewer containers start on one host at once.
- Fargate tasks: stop and start the task again; persistent `CannotInspectContainerError` on Fargate is for AWS Support.
- Move the workload to Fargate when the hosts cannot be made reliable.

## Prevention
- gp3 root volumes sized for the images, non-burstable instance types, and an alarm on `CPUCreditBalance`/`BurstBalance`.
- Managed instance draining and regular AMI refreshes, so hosts with a degraded runtime do not live long.

"""#,
    "crash-loop": #"""
# crash-loop: the service's tasks keep starting and stopping for the same reason

A service replaces every task that stops. When each new task fails the same way soon after it is launched, the
service is in a crash loop: the task history shows task after task launched and stopped within minutes, with the same
`stoppedReason`, the same container stopping the task and the same exit code. The scheduler keeps trying (with a
growing delay between attempts) until the cause is fixed, a deployment circuit breaker fails the rollout, or someone
scales the service to zero. `ecs-triage` reports a loop when at least three tasks of one service, each stopped within
15 minutes of its launch, stopped for the same reason (three is the circuit breaker's smallest failure threshold). Tasks
stopped by AWS (Spot interruption, Fargate retirement) and tasks replaced by a deployment or scale-in are not failures
and never count.

The loop is the shape of the failure, not its cause. The finding names the failures it groups (`S3`, `S5`...); the
finding that explains those symptoms (an image pull, a secret, the application exiting 1...) is the cause, and it
ranks above the loop.

## A minimal example
Three tasks of `orders-api` launched at 10:00, 10:01 and 10:03, each stopped within a minute with
`Essential container in task exited` and `orders-api` exit code 1.

## As printed
```text
orders-api is in a crash loop: 3 tasks started and stopped within 4 min, each with "Essential container in task exited (orders-api exited 1)"
```

## How to confirm
1. `aws ecs list-tasks --cluster <cluster> --service-name <service> --desired-status STOPPED` then
   `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn...> --query 'tasks[].[taskArn,createdAt,startedAt,stoppedAt,stopCode,stoppedReason,containers[].[name,exitCode,reason]]'`
   Same reason and exit code, minutes apart: a loop. Stopped tasks stay visible for about an hour.
2. The container's last log lines before each exit (`aws logs tail <group> --log-stream-names <prefix>/<container>/<task-id>`
   with aws CLI v2, `aws logs filter-log-events` with v1) usually name the cause.

## Fix
Fix the cause in the finding that explains the tasks' failures, then deploy again. To stop the churn while you do:
```sh
aws ecs update-service --cluster <cluster> --service <service> --desired-count 0
```
and turn on the deployment circuit breaker with rollback so the next failing revision stops after a few tasks
(`circuit-breaker-disabled`).

## Alternatives
- A loop that started with a deployment: roll back to the previous revision (`aws ecs update-service ... --task-definition <family:previous-revision>`).
- A loop without a deployment (a dependency went away, a secret rotated): the failure is outside the revision; the cause finding says where.

"""#,
    "daemon-on-fargate": #"""
# daemon-on-fargate: the DAEMON scheduling strategy cannot run on Fargate

The `DAEMON` scheduling strategy places exactly one task on every active container instance of the
cluster. Fargate has no container instances, so ECS refuses a `DAEMON` service with the Fargate launch
type or a Fargate capacity provider. The scheduling strategy of a service cannot be changed after it
is created.

## How it shows up
API error from `CreateService`:
```text
InvalidParameterException: The daemon scheduling strategy does not support the FARGATE launch type. Change the launch type and try again
```

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{strategy:schedulingStrategy,lt:launchType,cps:capacityProviderStrategy}'`
   or the template: `schedulingStrategy: DAEMON` with `launchType: FARGATE`.

## Fix
### AWS CLI
```sh
aws ecs create-service --cluster <cluster> --service-name <service> --task-definition <family> \
  --scheduling-strategy REPLICA --desired-count 2 --launch-type FARGATE \
  --network-configuration "awsvpcConfiguration={subnets=[<subnet-id>],securityGroups=[<sg-id>]}"
```
or keep `DAEMON` with `--launch-type EC2` on a cluster with container instances.
### Console
ECS > Clusters > <cluster> > Create service > Service type: Replica (Daemon is offered only for EC2).
### Terraform
```hcl
resource "aws_ecs_service" "agent" {
  scheduling_strategy = "REPLICA"   # DAEMON requires launch_type = "EC2"
  desired_count       = 2
}
```

## Alternatives
- Per-task agents (log routers, APM, proxies) belong in the application's task definition as sidecar containers.
- For one agent per host, run the daemon service on EC2 capacity.

## Prevention
- Validate in modules that `scheduling_strategy = "DAEMON"` goes with `launch_type = "EC2"`.

"""#,
    "depends-on-healthy-without-health-check": #"""
# depends-on-healthy-without-health-check: a container waits for HEALTHY from a container that has no health check

`dependsOn` with condition `HEALTHY` makes a container wait until the container it names reports HEALTHY. Only a
container with a `healthCheck` in the task definition ever reports health: the ECS agent resolves HEALTHY only when the
dependency's health status is reported, which needs a Docker health check (aws/amazon-ecs-agent,
`agent/engine/dependencygraph/graph.go`), and the API documents that this condition "requires that the dependent
container has health checks configured". Without one the waiting container never starts. When it is essential the
task never runs (it stays pending or is stopped when the dependency's start timeout passes): severity critical; a
non-essential waiting container simply never runs: medium. ECS accepts such a definition at registration, so nothing
warns you before the first task.

## A minimal example
```json
"containerDefinitions": [
  {"name": "envoy", "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod", "essential": true},
  {"name": "web", "image": "…/web:1.4.2", "essential": true,
   "dependsOn": [{"containerName": "envoy", "condition": "HEALTHY"}]}
]
```

## As printed
```text
web:1: container web waits for envoy to be HEALTHY, but envoy has no health check, so web never starts
```

## How to confirm
`aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{n:name,dependsOn:dependsOn,healthCheck:healthCheck}'`

## Fix
Either give the awaited container a health check that proves it is ready (for Envoy, its admin endpoint reporting
LIVE), or let the waiting container start once the other has started. The finding prints the second as commands for
your definition:
```sh
jq '... .dependsOn = [... {"containerName": "envoy", "condition": "START"}] ...' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```

## Alternatives
- The application retries its connection to the sidecar at start-up, and START is enough.

"""#,
    "deployment-configuration-blocks": #"""
# deployment-configuration-blocks: minimumHealthyPercent and maximumPercent leave no room to move

A rolling deployment (and draining a container instance) must keep the number of running tasks
between two bounds derived from the desired count: at least `minimumHealthyPercent` × desired / 100,
rounded **up**, and at most `maximumPercent` × desired / 100, rounded **down**. The scheduler makes
progress either by stopping an old task (needs running tasks above the lower bound) or by starting a
new one (needs room below the upper bound). When both bounds equal the desired count, nothing can
move. The docs' own examples: 75% of 2 tasks rounds up to 2, so no task may stop; 125% of 3 tasks
rounds down to 3, so no task may start. `minimumHealthyPercent=100` with `maximumPercent=100` blocks
every service; a desired count of 1 needs either `maximumPercent` 200 or `minimumHealthyPercent` 0.
On EC2, room under `maximumPercent` is useless if the extra task cannot be placed (a static host
port or a full cluster), which looks the same from the outside.

## How it shows up
Service event (docs wording):
```text
service (service-name) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.
```
The deployment stays `IN_PROGRESS` with the old revision running; `describe-services` shows two
deployments and no task of the new one. The API also rejects values outside its ranges at
`CreateService` / `UpdateService` time, which this rule does not cover.

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{desired:desiredCount,min:deploymentConfiguration.minimumHealthyPercent,max:deploymentConfiguration.maximumPercent,sched:schedulingStrategy,deployments:deployments[].{td:taskDefinition,status:status,running:runningCount,rollout:rolloutState}}'`
   Compute `ceil(desired × min / 100)` and `floor(desired × max / 100)`. Both equal to `desired`
   (or the lower bound above the upper) confirms.
2. EC2 with room in the bounds but still stuck: `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].portMappings'`
   (static `hostPort`, see `host-port-conflict`) and `remainingResources` of the instances
   (`insufficient-cluster-resources`).
3. `aws ecs describe-clusters --clusters <cluster> --query 'clusters[0].registeredContainerInstancesCount'`
   for DAEMON services and static-port services, where one task per instance is the ceiling.

## Fix
### AWS CLI
```sh
# Typical: allow one extra task during the rollout and never drop below the desired count.
aws ecs update-service --cluster <cluster> --service <service> \
  --deployment-configuration minimumHealthyPercent=100,maximumPercent=200
# No spare capacity for extra tasks (static host port, fixed cluster): stop before start instead.
aws ecs update-service --cluster <cluster> --service <service> \
  --deployment-configuration minimumHealthyPercent=50,maximumPercent=100
```
Keep the circuit breaker setting when passing `--deployment-configuration`
(add `deploymentCircuitBreaker={enable=true,rollback=true}`): members left out of the structure can be reset.
### Console
ECS > Clusters > <cluster> > Services > <service> > Update > Deployment options > Min running tasks %
and Max running tasks %.
### Terraform
`aws_ecs_service { deployment_minimum_healthy_percent = 100, deployment_maximum_percent = 200 }`
(or `50` / `100` where no extra task fits).

## Alternatives
- Raise the desired count temporarily so the percentages round to a usable window, then lower it.
- Blue/green (CODE_DEPLOY) deployments create a whole replacement task set and ignore these two values
  for the rollout itself.

## Prevention
- Validate in CI that `floor(desired × max / 100) > desired` or `ceil(desired × min / 100) < desired`
  for every desired count the service can have, including 1 and the autoscaling minimum.
- Prefer `minimumHealthyPercent=100`, `maximumPercent=200` for Fargate and `awsvpc` services.

"""#,
    "deployment-failing": #"""
# deployment-failing: the service keeps failing to start tasks, or its deployment was rolled back

A service deployment replaces tasks until the new revision reaches the desired count and stays
healthy. When new tasks keep failing, ECS reacts in two ways. The service scheduler's throttle
logic notices consecutive failures, logs "is unable to consistently start tasks successfully" and
waits longer and longer between attempts. With the deployment circuit breaker enabled, ECS counts
failed tasks in the deployment (threshold: half the desired count, at least 3 and at most 200; a
task counts as failed when it stops before `RUNNING` or fails ELB, container or Cloud Map health
checks), then marks the deployment `FAILED` and, with `rollback` on, rolls back to the last completed
deployment. CloudFormation and CDK report the update as failed at that point. This finding is a
symptom: the real cause is whatever stopped the new tasks (image pull, secrets, IAM, network, health
checks, capacity). `ecs-triage` reports that cause's rule when the snapshot explains it; otherwise
the steps below find the first failing task.

When the input holds the service's deployments and stopped tasks, the finding also says which deployment
failed (`rolloutState` FAILED, its revision and `failedTasks`), which one ECS rolled back to (the "rolling back to
deployment ecs-svc/..." event matched to the deployment with that id), and why the failed revision's tasks stopped,
grouped by stopped reason with the stopping container's exit code ("3 tasks of payments-api:22 stopped: Essential
container in task exited (payments-api exited 1)").

## How it shows up
Deployment `rolloutStateReason` and the service events around it (real services):
```text
ECS deployment circuit breaker: tasks failed to start.
(service task-service) (deployment ecs-svc/4135006185409410497) deployment failed: tasks failed to start.
(service devops-g3-inventory) rolling back to deployment ecs-svc/1675294001379389663.
(service task-service) (task b5067ed30cc5431d89fe74c47fd9981f) failed container health checks.
```
Throttle logic, without or before the circuit breaker (docs wording; real events append the
"For more information, see the Troubleshooting section..." sentence):
```text
service (service-name) is unable to consistently start tasks successfully.
```
CloudFormation / CDK:
```text
Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'.
```

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{deployments:deployments[].{id:id,td:taskDefinition,status:status,rollout:rolloutState,reason:rolloutStateReason,failed:failedTasks,running:runningCount,desired:desiredCount},cb:deploymentConfiguration.deploymentCircuitBreaker,events:events[:15].message}'`
   The `PRIMARY` deployment's revision is the one failing; the events name the first cause.
2. `aws ecs list-tasks --cluster <cluster> --service-name <service> --desired-status STOPPED` then
   `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn...> --query 'tasks[].{td:taskDefinitionArn,code:stopCode,reason:stoppedReason,containers:containers[].{n:name,exit:exitCode,reason:reason,health:healthStatus}}'`
   Stopped tasks are kept for about an hour: read them early. The stopped reason picks the cause:
   - `CannotPullContainerError` / `ResourceInitializationError`: `image-pull-failed`, `aws-service-unreachable`, `iam-access-denied`.
   - `Essential container in task exited`: `container-exited`, `container-out-of-memory` (exit 137 + OutOfMemoryError).
   - `Task failed ELB health checks`: `target-health-failing`; `failed container health checks`: `container-health-check-failing`.
   - no stopped tasks, only "unable to place a task" events: the capacity rules.
3. `aws ecs describe-task-definition --task-definition <primary-revision>` against the previous,
   working revision: image tag, environment, secrets, roles, ports, health check.
4. `aws logs tail <log-group> --log-stream-name-prefix <prefix>/<container> --since 1h` for the
   application's own last words before it exited.

## Fix
Fix the cause first, in its own playbook; then start a fresh deployment.
### AWS CLI
```sh
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family:fixed-revision>
# Turn on the circuit breaker with rollback, so the next bad revision reverts by itself.
aws ecs update-service --cluster <cluster> --service <service> \
  --deployment-configuration 'deploymentCircuitBreaker={enable=true,rollback=true},minimumHealthyPercent=100,maximumPercent=200'
# Back to the last good revision by hand, if no rollback happened.
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family:last-good-revision>
```
### Console
ECS > Clusters > <cluster> > Services > <service> > Deployments and events (rollout state, events) >
Tasks (filter Stopped). Update service > Deployment options > Deployment failure detection.
### Terraform
`aws_ecs_service { deployment_circuit_breaker { enable = true, rollback = true } }` and, to make
`terraform apply` fail with the deployment, `wait_for_steady_state = true`.

## Alternatives
- CloudWatch alarm-based rollback (`deploymentConfiguration.alarms`) catches revisions that start
  but misbehave (error rate, latency).
- Blue/green deployments test the new task set before shifting traffic.

## Prevention
- Keep the circuit breaker with rollback on every service, and make pipelines wait for steady state.
- Run `ecs-triage` against the new task definition and its environment before deploying.

"""#,
    "ecs-exec-not-ready": #"""
# ecs-exec-not-ready: ECS Exec cannot reach the task

`aws ecs execute-command` opens a shell through the SSM agent that ECS injects into the task. Three
things must hold, and all are fixed when the task starts: the task was started with
`enableExecuteCommand: true` (set on the service or passed to `run-task`; turning it on later does not
reach running tasks), the **task role** (not the execution role) allows
`ssmmessages:CreateControlChannel`, `ssmmessages:CreateDataChannel`, `ssmmessages:OpenControlChannel`
and `ssmmessages:OpenDataChannel`, and the task reaches `ssmmessages.<region>.amazonaws.com` (a NAT,
a public IP, or an interface endpoint `com.amazonaws.<region>.ssmmessages`). A task without a task role
cannot use ECS Exec at all.

## How it shows up
From the CLI (not in the task's stopped reason):
```text
An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running. Wait and try again or run a new task with execute command enabled and try again.
```
```text
An error occurred (TargetNotConnectedException) when calling the ExecuteCommand operation: The execute command failed due to an internal error. Try again later.
```
The first usually means the flag or the agent; the second usually means the channel permissions or the
network path. An `AccessDeniedException` naming `ecs:ExecuteCommand` is the caller's own permission
(`iam-access-denied`).

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].enableExecuteCommand'`
2. `aws ecs describe-tasks --cluster <cluster> --tasks <task-id> --query 'tasks[0].{exec:enableExecuteCommand,agents:containers[].managedAgents}'`
   `ExecuteCommandAgent` must be `RUNNING`.
3. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.taskRoleArn'`, then
   `aws iam simulate-principal-policy --policy-source-arn <task-role-arn> --action-names ssmmessages:CreateControlChannel ssmmessages:CreateDataChannel ssmmessages:OpenControlChannel ssmmessages:OpenDataChannel`
4. For private subnets: `aws ec2 describe-vpc-endpoints --filters Name=service-name,Values=com.amazonaws.<region>.ssmmessages`
   (or the open-source `amazon-ecs-exec-checker` script, which runs these checks).

## Fix
### AWS CLI
```sh
aws iam put-role-policy --role-name <task-role-name> --policy-name ecs-exec --policy-document '{
  "Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[
    "ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],"Resource":"*"}]}'
aws ecs update-service --cluster <cluster> --service <service> --enable-execute-command --force-new-deployment
```
### Console
ECS > Clusters > <cluster> > Services > <service> > Update > turn on "Enable ECS Exec" (under
Troubleshooting configuration) and force a new deployment. IAM > Roles > <task-role-name> > Add
permissions for the four `ssmmessages` actions.
### Terraform
```hcl
resource "aws_ecs_service" "app" {
  # ...
  enable_execute_command = true
}
resource "aws_iam_role_policy" "ecs_exec" {
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Resource = "*", Action = [
      "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
      "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"] }]
  })
}
```

## Alternatives
- For a one-off task: `aws ecs run-task --enable-execute-command ...`.
- With session logging to CloudWatch Logs or S3 (`executeCommandConfiguration` on the cluster), the task
  role also needs `logs:*` / `s3:PutObject` on the destination, and `kms:Decrypt` when the session is
  encrypted with a KMS key.

## Prevention
- Keep the ssmmessages statement in the shared task-role module, and the flag on services you debug.
- Add the `ssmmessages` interface endpoint with the other endpoints of private subnets.

"""#,
    "ecs-exec-shared-pid-namespace": #"""
# ecs-exec-shared-pid-namespace: with pidMode task, ECS Exec opens sessions in only one container

ECS Exec runs a session agent inside the container you connect to. The ECS developer guide's ECS Exec considerations
say there can be only one ECS Exec session per process ID namespace, so when a task shares one namespace
(`pidMode: task`) you can start sessions in only one of its containers
(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-considerations). Which
container that is, you do not choose; `aws ecs execute-command --container <another>` then fails although ECS Exec
is enabled and the task role is right. Severity info: it blocks debugging, not the workload. Reported only for a
definition with more than one container, run with `enableExecuteCommand`.

## A minimal example
A Fargate definition with `"pidMode": "task"`, containers `web` and `datadog-agent`, and a service with
`"enableExecuteCommand": true`.

## As printed
```text
web:1: ECS Exec is on, but with pidMode task its 2 containers share one process namespace and only one of them accepts exec sessions
```

## How to confirm
`aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.[pidMode,containerDefinitions[].name]'`

## Fix
If no container needs to see the others' processes, drop `pidMode` (the finding prints the jq, register and
update-service commands for your definition); each container gets its own namespace and its own exec sessions.

## Alternatives
- Keep `pidMode: task` (a profiler or monitoring sidecar needs it) and exec into the container that accepts sessions;
  from there the other containers' processes are visible.

"""#,
    "ecs-service-role-or-slr": #"""
# ecs-service-role-or-slr: ECS cannot use the role it manages the service with

Besides the execution role and the task role, which belong to tasks, ECS itself uses a role for the
cluster and the service. With it ECS creates task ENIs, registers targets in load balancers and updates
service discovery. Normally this is the account's service-linked role `AWSServiceRoleForECS`: path
`/aws-service-role/ecs.amazonaws.com/`, trusted by `ecs.amazonaws.com`, policy `AmazonECSServiceRolePolicy`.
`CreateCluster` tries to create it, but silently skips that when the caller lacks
`iam:CreateServiceLinkedRole`. A new account whose first cluster comes from CloudFormation or Terraform
can therefore end up without it. Older services may name a legacy service role instead (`role` in
`CreateService`, often `ecsServiceRole` with `AmazonEC2ContainerServiceRole`). That is allowed only for a
load-balanced service whose tasks do not use `awsvpc`. The service-linked role is required for
`awsvpc`, service discovery, multiple target groups and external deployments. These are symptom
messages: the role is missing, its trust or permissions are wrong, IAM has not propagated yet, or the
`targetGroupArn` it was asked to validate is not a usable target group.

## How it shows up
API error (`InvalidParameterException`) from `CreateService` or `CreateCluster`; CloudFormation wraps it
in `Resource handler returned message: "..."`:
```text
Unable to assume the service linked role. Please verify that the ECS service linked role exists.
```
API error when the service has a load balancer (also seen on first `terraform apply`, before IAM propagated):
```text
InvalidParameterException: Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions.
```
Classic Load Balancer variant, older: `Unable to assume role and validate the listeners configured on your
load balancer. Please verify the role being passed has the proper permissions.` Service event when the role an
existing service depends on was deleted or changed:
```text
IAM permissions policies have been misconfigured or changed, and ECS can no longer maintain your service
```
Passing a `role` to a service that needs the service-linked role is refused with `You cannot specify an
IAM role for services that require a service linked role.`

## How to confirm
1. `aws iam get-role --role-name AWSServiceRoleForECS --query 'Role.{arn:Arn,trust:AssumeRolePolicyDocument}'`
   `NoSuchEntity` confirms that the service-linked role is missing. `aws iam list-attached-role-policies --role-name AWSServiceRoleForECS`
   should list `AmazonECSServiceRolePolicy`.
2. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{role:roleArn,lbs:loadBalancers,ctrl:deploymentController,net:networkConfiguration,events:events[:5].message}'`
   Is `roleArn` the service-linked role or a legacy role?
3. Legacy role: `aws iam get-role --role-name <role-name> --query 'Role.AssumeRolePolicyDocument'` must trust
   `ecs.amazonaws.com` (not `ec2.amazonaws.com` or `ecs-tasks.amazonaws.com`), and
   `aws iam list-attached-role-policies --role-name <role-name>` should include `AmazonEC2ContainerServiceRole`
   (`elasticloadbalancing:RegisterTargets`, `DeregisterTargets`, `Describe*`, ...).
4. The target group: `aws elbv2 describe-target-groups --target-group-arns <tg-arn>`. The value must be a
   `...:targetgroup/<name>/<id>` ARN in the service's region and account. A target group name, a
   load balancer ARN, or a deleted group (`target-group-not-found`) also produces the targetGroupArn message.
5. ECS native blue/green (`advancedConfiguration.roleArn`): users report the same targetGroupArn message when the
   infrastructure role lacks `AmazonECSInfrastructureRolePolicyForLoadBalancers` or does not trust `ecs.amazonaws.com`.
6. Role created seconds ago in the same apply: retry. IAM is eventually consistent.

## Fix
### AWS CLI
`ecs-triage` only reads. The following is a write command that you run yourself, with a principal
allowed `iam:CreateServiceLinkedRole`:
```sh
aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com
```
If the role already exists, the call fails with `InvalidInput` and changes nothing. Then retry the failed
`CreateCluster` / `CreateService`. For a legacy role, fix its trust to `ecs.amazonaws.com` and
`aws iam attach-role-policy --role-name <role-name> --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceRole`.
`UpdateService` cannot change the role. To move a service onto the service-linked role, recreate it without `role`.
### Console
Creating a cluster in the ECS console creates the service-linked role if your user is allowed to. Or
use IAM > Roles > Create role > AWS service > Elastic Container Service > use case "Elastic Container Service".
### Terraform
```hcl
resource "aws_iam_service_linked_role" "ecs" {
  aws_service_name = "ecs.amazonaws.com"
}
resource "aws_ecs_service" "app" {
  # no iam_role: awsvpc, multiple target groups and service discovery need the service-linked role
  depends_on = [aws_iam_service_linked_role.ecs, aws_lb_listener.http]
}
```
If the role already exists, import it instead of creating it:
`terraform import aws_iam_service_linked_role.ecs arn:aws:iam::<account-id>:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`.

## Alternatives
- Let the ECS console create the first cluster in a new account once, then manage the rest from IaC.
- Keep a legacy `ecsServiceRole` only for old bridge-mode services with a single load balancer. Migrate when
  they are next recreated.

## Prevention
- Create `AWSServiceRoleForECS` in the account baseline, before any ECS stack.
- Allow the deploying principal `iam:CreateServiceLinkedRole` with the condition `iam:AWSServiceName` =
  `ecs.amazonaws.com`, so that the first `CreateCluster` can create the role itself.
- Omit `iam_role` / `Role` on ECS services unless a legacy bridge-mode service needs it.

"""#,
    "efs-mount-target-unreachable": #"""
# efs-mount-target-unreachable: the task cannot reach an EFS mount target for its volume

A task with an EFS volume (`volumes[].efsVolumeConfiguration.fileSystemId`) mounts the file system over
NFS, TCP 2049, through a mount target: a network interface of the file system in one subnet, at most
one per Availability Zone. The mount helper looks up `<fs-id>.efs.<region>.amazonaws.com`, and that name
resolves only to the mount target in the client's own Availability Zone. With no mount target in the
task's AZ (say mount targets in `us-east-1a`, task placed in a `us-east-1b` subnet) the lookup fails,
even though a mount target in another AZ would be reachable by IP; a Fargate volume cannot be given
an IP. One Zone file systems have a single mount target, in their own AZ. When the mount target
exists, its security groups must allow inbound TCP 2049 from the task (its security group or subnet
CIDR) and the task's groups must allow outbound 2049; otherwise NFS times out. EFS on Fargate needs
platform version 1.4.0 or later, and the DNS name needs the VPC DNS attributes on (`vpc-dns-disabled`).

ecs-triage reads the mount targets' groups from their network interfaces (`describe-network-interfaces`)
or from `aws efs describe-mount-target-security-groups`, whose output names no mount target: it is used
when every such output lists the same groups and there is one per mount target, or when keyed as
`{"MountTargetSecurityGroups": {"fsmt-...": ["sg-..."]}}`. A file system with a mount target in every
zone the tasks use, whose groups admit them, is never reported.

## How it shows up
`stopCode` `TaskFailedToStart`, while ECR and logs work. No mount target in the task's AZ (the full
text goes on `See https://docs.aws.amazon.com/console/efs/mount-dns-name for more detail. Attempting
to lookup mount target ip address using botocore. ... : unsuccessful EFS utils command execution; code: 1`):
```text
ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: Failed to resolve "fs-<id>.efs.<region>.amazonaws.com" - check that your file system ID is correct, and ensure that the VPC has an EFS mount target for this file system ID.
```
Mount target present, 2049 blocked by a security group or network ACL:
```text
ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: b'mount.nfs4: Connection timed out' : unsuccessful EFS utils command execution; code: 32
```
Services spread over several subnets fail only for tasks placed in the AZ without a mount target.

## How to confirm
1. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{az:availabilityZone,eni:attachments[0].details}'`
   gives the task's AZ and subnet (or the service's `awsvpcConfiguration.subnets` and
   `aws ec2 describe-subnets --subnet-ids ... --query 'Subnets[].[SubnetId,AvailabilityZone]'`).
2. `aws efs describe-mount-targets --file-system-id <fs-id> --query 'MountTargets[].{id:MountTargetId,az:AvailabilityZoneName,subnet:SubnetId,state:LifeCycleState}'`
   No `available` mount target in the task's AZ confirms the first case.
3. `aws efs describe-mount-target-security-groups --mount-target-id <fsmt-id>`, then
   `aws ec2 describe-security-groups --group-ids <sg-id> --query 'SecurityGroups[].IpPermissions'`:
   look for TCP 2049 (or `-1`) from the task's security group or subnet CIDR. Check the task groups'
   egress for 2049 too.
4. `aws efs describe-file-systems --file-system-id <fs-id> --query 'FileSystems[0].{az:AvailabilityZoneName,mts:NumberOfMountTargets}'`
   An `AvailabilityZoneName` means One Zone: tasks must run in that AZ.

## Fix
### AWS CLI
```sh
aws efs create-mount-target --file-system-id <fs-id> --subnet-id <task-subnet-id> \
  --security-groups <efs-sg-id>
aws ec2 authorize-security-group-ingress --group-id <efs-sg-id> \
  --protocol tcp --port 2049 --source-group <task-sg-id>
```
Wait for `LifeCycleState` `available` (a minute or two) and for DNS to follow, then start a new
deployment. One mount target per AZ: any subnet of that AZ serves all the others.
### Console
EFS > File systems > the file system > Network > Manage > Add mount target: the task's AZ, a subnet,
the EFS security group > Save. Then EC2 > Security Groups > the EFS group > Inbound rules > add NFS
(TCP 2049) from the task's security group.
### Terraform
```hcl
resource "aws_efs_mount_target" "this" {
  for_each        = toset(var.private_subnet_ids) # one subnet per AZ
  file_system_id  = aws_efs_file_system.this.id
  subnet_id       = each.value
  security_groups = [aws_security_group.efs.id]
}
resource "aws_vpc_security_group_ingress_rule" "efs_from_tasks" {
  security_group_id            = aws_security_group.efs.id
  referenced_security_group_id = aws_security_group.task.id
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
}
```

## Alternatives
- Limit the service's subnets to AZs that have a mount target (always the case for One Zone file
  systems), accepting less AZ resilience.
- Move a One Zone file system to a Regional one (new file system plus AWS DataSync or a backup restore)
  when the service has to span AZs.

## Prevention
- Create mount targets from the same subnet list as the ECS service, so every task AZ has one.
- Keep the NFS rule (2049 from the task group) in the module that creates the EFS security group.
- After adding a subnet or AZ to a service, check `describe-mount-targets` before deploying.

"""#,
    "endpoint-policy-denies": #"""
# endpoint-policy-denies: a VPC endpoint policy on the path does not allow what the task needs

Every VPC endpoint has a policy (`PolicyDocument`, returned by EC2 as a JSON string) that is checked
together with IAM for each request passing through it. The default policy allows everything; a custom
one allows only what it lists. The usual trap is the S3 gateway endpoint: it carries every S3 request
from the subnets on its route tables, including the image layer downloads. ECR keeps layers in the
AWS-owned bucket `prod-<region>-starport-layer-bucket` and hands the task presigned URLs into it, so a
policy written for "our buckets only" (for example `s3:GetObject` on `arn:aws:s3:::my-app-config/*`)
refuses the layers: registry auth and manifest work, every layer gets 403. Conditions on your own
account (`aws:ResourceAccount`, `aws:PrincipalAccount`, `aws:PrincipalOrgID`) exclude that bucket too.
Interface endpoint policies (`ecr.api`, `ecr.dkr`, `logs`, `secretsmanager`, `ssm`, `kms`) can refuse
the execution role the same way. The network is fine: this is an authorisation failure.

## How it shows up
`stopCode` `TaskFailedToStart`, and no timeout: S3 answers quickly with 403. The layer URL is presigned
(current agents may print `REDACTED ECR URL related to ...` instead):
```text
CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: failed open: unexpected status code https://prod-<region>-starport-layer-bucket.s3.<region>.amazonaws.com/<layer>?X-Amz-...: 403 Forbidden
```
`environmentFiles` blocked by the same policy fail in `failed to download env files`. An interface
endpoint policy shows in the IAM message itself:
```text
AccessDeniedException: User: arn:aws:sts::<account-id>:assumed-role/<execution-role>/<task-id> is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no VPC endpoint policy allows the ecr:GetAuthorizationToken action
```
(`... with an explicit deny in a VPC endpoint policy` when a `Deny` statement matches).

## How to confirm
1. `aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=<vpc-id> --query 'VpcEndpoints[].{id:VpcEndpointId,svc:ServiceName,rtbs:RouteTableIds,subnets:SubnetIds}'`
   Keep the endpoints on the task's path: the S3 gateway endpoint on the task subnet's route table,
   interface endpoints the task calls.
2. `aws ec2 describe-vpc-endpoints --vpc-endpoint-ids <vpce-id> --query 'VpcEndpoints[0].PolicyDocument' --output text | jq .`
3. List what the task needs through each: `s3:GetObject` on `arn:aws:s3:::prod-<region>-starport-layer-bucket/*`
   for any ECR image; `s3:GetObject` on each env file and `s3:GetBucketLocation` on its bucket; ECR
   `GetAuthorizationToken`, `BatchGetImage`, `GetDownloadUrlForLayer`; logs `CreateLogStream`, `PutLogEvents`;
   `secretsmanager:GetSecretValue` / `ssm:GetParameters`. A need that no `Allow` covers, or that a
   `Deny` matches, confirms it. Conditions the snapshot cannot evaluate leave it undetermined.

## Fix
### AWS CLI
```sh
cat > s3-endpoint-policy.json <<'EOF'
{"Version": "2012-10-17", "Statement": [
  {"Sid": "EcrImageLayers", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
   "Resource": "arn:aws:s3:::prod-<region>-starport-layer-bucket/*"},
  {"Sid": "AppConfig", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
   "Resource": "arn:aws:s3:::my-app-config/*"}]}
EOF
aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce-id> --policy-document file://s3-endpoint-policy.json
```
Or go back to full access: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce-id> --reset-policy`.
### Console
VPC > Endpoints > select the endpoint > Policy tab > Edit policy > Custom: add the statement for
`arn:aws:s3:::prod-<region>-starport-layer-bucket/*` (or choose Full access) > Save.
### Terraform
```hcl
resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [
    { Sid = "EcrImageLayers", Effect = "Allow", Principal = "*", Action = "s3:GetObject",
      Resource = "arn:aws:s3:::prod-${var.region}-starport-layer-bucket/*" },
    { Sid = "AppConfig", Effect = "Allow", Principal = "*", Action = "s3:GetObject",
      Resource = "arn:aws:s3:::my-app-config/*" } ] })
}
```

## Alternatives
- Keep the endpoint policy at full access and restrict buckets with IAM and bucket policies
  (`aws:SourceVpce` on your own buckets) instead.
- Put the layer-bucket statement apart from account-scoped ones, with no account conditions.

## Prevention
- Every restrictive S3 endpoint policy in a VPC that pulls from ECR starts with the starport statement.
- Derive the other statements from the task definitions (env files, buckets the app reads).
- Start one task after any endpoint policy change; CloudTrail `ModifyVpcEndpoint` shows who changed it.

"""#,
    "endpoint-private-dns-disabled": #"""
# endpoint-private-dns-disabled: an interface endpoint the task needs has private DNS turned off

With private DNS enabled, EC2 associates an AWS-managed Route 53 private hosted zone with the VPC, so
the service's ordinary regional name resolves to the private IPs of the endpoint's network interfaces:
`api.ecr.<region>.amazonaws.com` for `ecr.api`, `*.dkr.ecr.<region>.amazonaws.com` for `ecr.dkr`,
`logs.<region>.amazonaws.com` for `logs`, and so on. With `PrivateDnsEnabled: false` only the
endpoint-specific names (`vpce-<id>-<suffix>.api.ecr.<region>.vpce.amazonaws.com`) lead to the endpoint,
and the regional name keeps resolving to the service's public addresses. The ECS agent and Fargate
always call the regional names; a task definition cannot point them at `vpce-` names. So the endpoint
exists, is `available`, has the right subnets and security groups, and is never used. In a private
subnet without NAT the call times out on a public IP; with a NAT gateway it works, but through the NAT
at per-GB cost. Private DNS also needs `enableDnsSupport` and `enableDnsHostnames` on the VPC
(`vpc-dns-disabled`).

## How it shows up
`stopCode` `TaskFailedToStart`. `ecr.api` without private DNS fails the registry token, on a public IP:
```text
ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. operation error ECR: GetAuthorizationToken, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <public-ip>:443: i/o timeout.
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <public-ip>:443: i/o timeout. Please check your task network configuration.
```
Only `ecr.dkr` affected: the token arrives and the manifest request to
`https://<account-id>.dkr.ecr.<region>.amazonaws.com/v2/<repo>/manifests/<tag>` times out
(`CannotPullContainerError: pull image manifest has been retried 5 time(s): ... dial tcp <public-ip>:443: i/o timeout`).
Only `logs`: "There is a connection issue between the task and Amazon CloudWatch."

## How to confirm
1. `aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=<vpc-id> Name=vpc-endpoint-type,Values=Interface --query 'VpcEndpoints[].{id:VpcEndpointId,svc:ServiceName,dns:PrivateDnsEnabled,names:DnsEntries[].DnsName}'`
   `dns` false confirms it; `DnsEntries` then lists only `vpce-...vpce.amazonaws.com` names, no regional name.
2. From any host in the VPC: `dig +short api.ecr.<region>.amazonaws.com` returns public addresses instead
   of IPs from the endpoint subnets (the `dial tcp` IP in the stopped reason is one of them).
3. Rule out a deliberate design: `aws route53 list-hosted-zones-by-vpc --vpc-id <vpc-id> --vpc-region <region>`
   shows whether your own private hosted zone for `api.ecr.<region>.amazonaws.com` (endpoints shared from
   a hub VPC) is associated instead.

## Fix
### AWS CLI
```sh
aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce-id> --private-dns-enabled
aws ec2 describe-vpc-endpoints --vpc-endpoint-ids <vpce-id> --query 'VpcEndpoints[0].{state:State,dns:PrivateDnsEnabled}'
```
Do it for each needed endpoint (`ecr.api`, `ecr.dkr`, `logs`, `secretsmanager`, `ssm` ...). It fails while
the VPC DNS attributes are off, or while a private hosted zone of yours for the same name is
associated with the VPC; remove that association first.
### Console
VPC > Endpoints > select the endpoint > Actions > Modify private DNS name > tick "Enable for this
endpoint" > Save changes.
### Terraform
```hcl
resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id              = aws_vpc.this.id
  service_name        = "com.amazonaws.${var.region}.ecr.api"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.private_subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true # the provider's default is false
}
```

## Alternatives
- Centralised endpoints in a shared-services VPC: keep private DNS off there, and associate a private
  hosted zone per service name (alias to the endpoint's regional DNS name) with each spoke VPC.
- A NAT gateway reaches the public names, at about USD 0.045/GB processed (us-east-1).

## Prevention
- Set `private_dns_enabled = true` explicitly: the Terraform `aws_vpc_endpoint` and CloudFormation
  `AWS::EC2::VPCEndpoint` defaults are false.
- Enable the VPC DNS attributes in the module that creates the VPC, before any endpoint.
- Alert on interface endpoints whose `PrivateDnsEnabled` is false in VPCs that have no hub zone.

"""#,
    "endpoint-sg-blocks-https": #"""
# endpoint-sg-blocks-https: an interface endpoint's security groups refuse HTTPS from the task

An interface endpoint is a set of network interfaces, one per subnet, and like any network interface
they carry security groups (`Groups` in `describe-vpc-endpoints`). Their inbound rules must allow
TCP 443 from the task: the task's security group as source, or the task subnets' CIDRs (or the VPC
CIDR). The endpoint here has groups whose inbound rules do not: 443 is open only to some other group
or CIDR, or not at all. A common way to get there: an endpoint created without `--security-group-ids`
gets the VPC's default security group, whose only inbound rule allows traffic from members of that
same default group, so tasks in their own group are refused. Another: the endpoint group lists the
security group of the first service, and a new service arrives with a group of its own. Private DNS
works, so the service name resolves to the endpoint's private IPs and the TCP handshake then times
out. The endpoint's outbound rules do not matter: security groups are stateful, replies pass.

ecs-triage judges the endpoint's groups even when the path is blocked earlier (private DNS off, a task
group without egress): the defect is then reported as latent, after the one the traffic meets first.
On the EC2 launch type the callers are the container instances and their groups.

## How it shows up
`stopCode` `TaskFailedToStart`. The first endpoint the task calls times out on a *private* address,
an IP of the endpoint's network interfaces; with ECR endpoints that is the registry token:
```text
ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. operation error ECR: GetAuthorizationToken, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <endpoint-ip>:443: i/o timeout.
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <endpoint-ip>:443: i/o timeout. Please check your task network configuration.
```
When only the `logs` or `secretsmanager` endpoint has the wrong group, the message names that service
instead ("There is a connection issue between the task and Amazon CloudWatch.", "... and AWS Secrets
Manager."). A public IP in `dial tcp` points elsewhere (`endpoint-private-dns-disabled`, `vpc-dns-disabled`).

## How to confirm
1. `aws ec2 describe-network-interfaces --filters Name=addresses.private-ip-address,Values=<endpoint-ip> --query 'NetworkInterfaces[].{eni:NetworkInterfaceId,desc:Description,subnet:SubnetId,sgs:Groups}'`
   names the endpoint (`VPC Endpoint Interface vpce-...`) behind the IP in the stopped reason.
2. `aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=<vpc-id> Name=vpc-endpoint-type,Values=Interface --query 'VpcEndpoints[].{id:VpcEndpointId,svc:ServiceName,sgs:Groups[].GroupId}'`
3. `aws ec2 describe-security-groups --group-ids <endpoint-sg-id> --query 'SecurityGroups[].IpPermissions'`
   Look for `IpProtocol` `-1`, or `tcp` with `FromPort` <= 443 <= `ToPort`, whose `UserIdGroupPairs` name a
   task security group or whose `IpRanges` cover the task subnet CIDR. None: confirmed.
4. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].networkConfiguration.awsvpcConfiguration'`
   gives the task groups and subnets to compare with (`aws ec2 describe-subnets --subnet-ids ... --query 'Subnets[].CidrBlock'`).

## Fix
### AWS CLI
```sh
aws ec2 authorize-security-group-ingress --group-id <endpoint-sg-id> \
  --protocol tcp --port 443 --source-group <task-sg-id>
```
Or attach a group that already allows it: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce-id>
--add-security-group-ids <sg-id>` (and `--remove-security-group-ids` for the VPC default group).
### Console
EC2 > Security Groups > the endpoint's group > Inbound rules > Edit inbound rules > Add rule: type
HTTPS, source the task's security group (or the VPC CIDR) > Save rules. The group is shown under
VPC > Endpoints > the endpoint > Security groups.
### Terraform
```hcl
resource "aws_vpc_security_group_ingress_rule" "endpoints_from_tasks" {
  security_group_id            = aws_security_group.endpoints.id
  referenced_security_group_id = aws_security_group.task.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
}
```
and pass `security_group_ids = [aws_security_group.endpoints.id]` to every interface `aws_vpc_endpoint`.

## Alternatives
- Allow 443 from the VPC CIDR: every workload in the VPC can then use the endpoints without one rule
  per service; endpoint policies and IAM still decide what each caller may do.
- Group references work only inside the VPC (or a peered VPC in the same Region); tasks reaching the
  endpoints from another VPC need CIDR rules.

## Prevention
- Give interface endpoints a dedicated security group; never leave them on the VPC default group.
- When a service gets a new security group, add it to the endpoint group in the same change, or
  allow the VPC CIDR once.
- Check the pair (task egress 443, endpoint ingress 443) in CI from the Terraform plan.

"""#,
    "eni-limit-reached": #"""
# eni-limit-reached: awsvpc tasks on EC2 ran out of network interface attachment points

Every task in `awsvpc` network mode gets its own elastic network interface, and on the EC2 launch type
that ENI is attached to the container instance. An instance type has a fixed maximum number of ENIs and
the instance's primary interface uses one, so a `c5.large` (3 ENIs) runs at most two `awsvpc` tasks
however much CPU and memory it has left. When every candidate instance is full the task is not placed
and the error is `RESOURCE:ENI`. ENI trunking raises the limit on supported instance types: with the
`awsvpcTrunking` account setting enabled for the principal that registers the instance (its instance
role), ECS attaches a trunk interface and hands tasks branch interfaces, so a `c5.large` takes 10
tasks. Only instances launched *after* the opt-in get a trunk; running instances keep the old limit
until replaced. Trunking needs a Linux ECS-optimized AMI (agent 1.28.1+), is not available for
Windows, and works only on the instance types the developer guide lists (it names `c5n`, `m5n`, `m5dn`,
`r5n` and `r5dn` as excluded; the burstable `t2`, `t3` and `t3a` are not in the list). An instance has a
trunk when its container instance carries the `ecs.awsvpc-trunk-id` attribute.
Fargate is never affected: each Fargate task has its own ENI outside any instance.

## What ecs-triage reads
- The instance type from `describe-instances`, else from the container instance's own `ecs.instance-type`
  attribute (a `describe-container-instances` output is enough), and its interface count from the EC2
  instance-type tables; `room` is that count minus one without a trunk, the guide's trunked limit with one.
- The trunk from `ecs.awsvpc-trunk-id` (absent in a listing of the instance's attributes: no trunk).
- The `awsvpcTrunking` setting from `aws ecs list-account-settings --name awsvpcTrunking --effective-settings`
  (`{"settings": [...]}`; `collect` fetches it for clusters with container instances): the instance role's own
  setting if listed, else the account default (the root principal's).
- The finding names the container instance (the one the event names when it does) and its EC2 instance, and
  says which of three things is wrong: trunking off, the type cannot trunk, or trunking on yet no trunk (the
  instance predates the setting).

## How it shows up
Service event (quoted from a real service; the docs call this "Not enough available ENI attachment points"):
```text
service appmesh-dev-ecs-colorapp-TcpEchoService-14M0PCTB9QFKJ was unable to place a task because no container instance met all of its requirements. The closest matching container-instance acf43593-6b86-4838-86e5-46d896fdc8b3 encountered error "RESOURCE:ENI". For more information, see the Troubleshooting section.
```
`RunTask` / `StartTask` `failures[].reason` (ARN of the container instance):
```text
RESOURCE:ENI
```
When the ECS limit table lags behind EC2 for a new instance type, the task is placed but the attach
fails later, as a stopped reason:
```text
Unable to attach network interface to unused device index.
```

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.networkMode'` is `awsvpc`,
   and the service or task uses the EC2 launch type or an Auto Scaling group capacity provider.
2. `aws ecs describe-container-instances --cluster <cluster> --container-instances <arn...> --query "containerInstances[].{ec2:ec2InstanceId,type:attributes[?name=='ecs.instance-type'].value|[0],trunk:attributes[?name=='ecs.awsvpc-trunk-id'].value|[0],tasks:runningTasksCount}"`
   No `trunk` value means the instance has the default limit.
3. `aws ec2 describe-instance-types --instance-types <type> --query 'InstanceTypes[0].NetworkInfo.MaximumNetworkInterfaces'`
   Default `awsvpc` task capacity is this number minus one; compare with the `awsvpc` tasks on the instance.
4. `aws ecs list-account-settings --name awsvpcTrunking --effective-settings` and, for the instance role,
   `aws ecs list-account-settings --name awsvpcTrunking --effective-settings --principal-arn arn:aws:iam::<account-id>:role/<instance-role>`
   `disabled` for the instance role means new instances will not get a trunk either.
5. `aws ecs list-attributes --cluster <cluster> --target-type container-instance --attribute-name ecs.awsvpc-trunk-id`
   lists the instances that already have increased limits.

## Fix
### AWS CLI
```sh
# Opt in account-wide (every principal without its own override), including the instance role.
aws ecs put-account-setting-default --name awsvpcTrunking --value enabled
# Or only for the role that registers the instances (the docs have the account owner run this).
aws ecs put-account-setting --name awsvpcTrunking --value enabled \
  --principal-arn arn:aws:iam::<account-id>:role/ecsInstanceRole
# Existing instances never gain a trunk: replace them (supported type, current ECS-optimized AMI).
aws autoscaling start-instance-refresh --auto-scaling-group-name <asg>
```
`aws ecs put-account-setting --name awsvpcTrunking --value enabled` without `--principal-arn` changes
the setting only for the identity running the command, not for the instance role. Without trunking,
add instances (`aws autoscaling set-desired-capacity`) or use a type with more ENIs.
### Console
ECS > Account settings > Update > AWSVPC Trunking. EC2 > Auto Scaling groups > <asg> > Instance refresh > Start.
### Terraform
`resource "aws_ecs_account_setting_default" "trunking" { name = "awsvpcTrunking", value = "enabled" }`, then
roll the group (`aws_autoscaling_group.instance_refresh { strategy = "Rolling" }`) on a trunking-capable
`instance_type` in the launch template.

## Alternatives
- `bridge` mode with dynamic host ports uses no extra ENIs (target group type `instance`).
- Move ENI-heavy services to Fargate.
- Fewer, larger tasks, or larger instance types with more interfaces.

## Prevention
- Enable `awsvpcTrunking` before the first container instance is launched in an account.
- Use a capacity provider so placement failures scale the group out instead of leaving tasks pending.
- Pick instance types from the ENI trunking supported list for `awsvpc` clusters.

"""#,
    "eni-provisioning-failed": #"""
# eni-provisioning-failed: the task's network interface could not be created or attached in time

An `awsvpc` task (every Fargate task) needs an ENI in one of its subnets before any container starts.
ECS creates it in your subnet with your security groups and attaches it to the host, then waits; if
that does not finish in time the task stops with `TaskFailedToStart` before pulling an image. Two
kinds of cause produce the same words. Transient ones sit on the AWS side (EC2 API throttling or an
intermittent problem on the underlying host); a retry usually succeeds. Lasting ones sit in your
account: a subnet with no free IPv4 address (`AvailableIpAddressCount` 0, common with /28 subnets
shared with load balancers and endpoints), the account's network interface quota per Region, or an
ENI that cannot be created with the given security groups. A full subnet fails every task placed in
it, and a service that lists one full subnet among several fails a share of its tasks.

## How it shows up
Stopped reasons (`stopCode` `TaskFailedToStart`; the first as seen on real Fargate and Batch tasks, the
second and third quoted from AWS re:Post and Batch retry rules):
```text
Timeout waiting for network interface provisioning to complete.
Network interface provision complete error timeout wait for network interface provision.
Rate limit exceeded while preparing network interface to be attached to instance
```
A subnet without free addresses shows the EC2 error code in the stopped reason:
```text
InsufficientFreeAddressesInSubnet
```
Tasks reach `PROVISIONING` and stop; `RunTask` itself already returned success, so callers that only
check the API answer (EventBridge scheduled tasks, pipelines) see no error.

## How to confirm
1. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{reason:stoppedReason,code:stopCode,created:createdAt,stopped:stoppedAt,eni:attachments[0].details}'`
   Which subnet the ENI was meant for (`subnetId` in the attachment details), and how long provisioning took.
2. `aws ec2 describe-subnets --subnet-ids <subnet-id...> --query 'Subnets[].{id:SubnetId,az:AvailabilityZone,cidr:CidrBlock,free:AvailableIpAddressCount}'`
   `free: 0` (or close to the number of tasks starting at once) confirms the lasting cause.
3. `aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=<subnet-id> --query 'NetworkInterfaces[].{id:NetworkInterfaceId,type:InterfaceType,status:Status,desc:Description,requester:RequesterId}'`
   What fills the subnet: load balancer nodes, endpoints, Lambda, `available` (unattached) leftovers.
4. `aws service-quotas get-service-quota --service-code vpc --quota-code L-DF5E4CA3 --query 'Quota.Value'`
   (Network interfaces per Region) against `aws ec2 describe-network-interfaces --query 'length(NetworkInterfaces)'`.
5. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].networkConfiguration.awsvpcConfiguration'`
   All subnets the service may use; one exhausted subnet among them explains intermittent failures.
6. No lasting cause found: treat it as transient. Count how many tasks failed this way in the window
   (`aws ecs list-tasks --cluster <cluster> --desired-status STOPPED`, then `describe-tasks`).

## Fix
### AWS CLI
```sh
# Give the service subnets with room (new, larger subnets; CIDR from a secondary block if needed).
aws ec2 associate-vpc-cidr-block --vpc-id <vpc-id> --cidr-block 100.64.0.0/16
aws ec2 create-subnet --vpc-id <vpc-id> --availability-zone <az> --cidr-block 100.64.0.0/20
aws ec2 associate-route-table --route-table-id <private-rtb-id> --subnet-id <new-subnet-id>
aws ecs update-service --cluster <cluster> --service <service> \
  --network-configuration 'awsvpcConfiguration={subnets=[<new-subnet-a>,<new-subnet-b>],securityGroups=[<sg-id>],assignPublicIp=DISABLED}'
# Remove leftover, unattached interfaces that hold addresses (check each before deleting).
aws ec2 delete-network-interface --network-interface-id <eni-id>
```
Transient: retry. A service retries by itself; for `RunTask` callers add retries (Batch: `retryStrategy`
with `evaluateOnExit onStatusReason` set to the text above).
### Console
VPC > Subnets > <subnet> > Details > Available IPv4 addresses; VPC > Your VPCs > Actions > Edit CIDRs;
VPC > Subnets > Create subnet. ECS > <service> > Update > Networking > Subnets.
### Terraform
Dedicated task subnets sized for peak tasks plus deployment surge (`aws_subnet` /20 or larger per AZ,
`aws_vpc_ipv4_cidr_block_association` for more space), referenced only by
`aws_ecs_service.network_configuration.subnets`.

## Alternatives
- Keep load balancers, endpoints and tasks in separate subnets so one cannot starve the others.
- On EC2, ENI trunking does not add IP addresses: every task still uses one address in its subnet.

## Prevention
- Track `AvailableIpAddressCount` of task subnets (VPC IPAM, or a scheduled `describe-subnets`) against the largest expected surge.
- Reserve at least `desiredCount × maximumPercent / 100` free addresses per service across its subnets.

"""#,
    "ephemeral-storage-exhausted": #"""
# ephemeral-storage-exhausted: the task's disk filled up while pulling the image or running

Everything a task writes outside a mounted volume lands on local storage: the compressed image layers during the
pull, the unpacked image, each container's writable layer, `/tmp`, and bind-mount and Docker volumes. On Fargate
(platform 1.4.0 and later) a task gets 20 GiB by default, shared by all its containers; the task definition's
`ephemeralStorage.sizeInGiB` raises it to between 21 and 200 GiB. A large image (ML models, browsers, SDKs)
needs room for both the compressed download and the unpacked layers, so an image well under 20 GiB compressed
can still fail to extract. On EC2 the limit is the instance's Docker storage: the root volume on current ECS-
optimized AMIs, or a separate devicemapper thin pool on old Amazon Linux AMIs, filled by every task on the host
plus images and stopped containers the agent has not yet cleaned up and `json-file` logs without `max-size`. A
full disk during the pull stops the task with `TaskFailedToStart`; a full disk at run time makes the application
fail its writes and usually exit, with the error only in its log.

## How it shows up
Fargate/containerd, during the pull:
```text
CannotPullContainerError: ref pull has been retried 1 time(s): failed to extract layer sha256:<digest>: write /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/86/fs/<path>: no space left on device: unknown
CannotPullContainerError: failed to register layer: Error processing tar file(exit status 1): write /app/data/<file>: no space left on device
```
EC2/Docker, during the pull or container creation:
```text
CannotPullContainerError: write /var/lib/docker/tmp/GetImageBlob102484030: no space left on device
CannotCreateContainerError: API error (500): devmapper: Thin Pool has 4350 free data blocks which is less than minimum required 4454 free data blocks. Create more free space in thin pool or use dm.min_free_space option to change behavior
CannotPullContainerError: failed to register layer: ApplyLayer exit status 1 stdout: stderr:
```
At run time, in the application's log stream (then `Essential container in task exited`): `No space left on device`.

## How to confirm
1. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{lt:launchType,pv:platformVersion,storage:ephemeralStorage,reason:stoppedReason,c:containers[].{n:name,r:reason,exit:exitCode}}'`
   `ephemeralStorage.sizeInGiB` absent means the 20 GiB default.
2. Image size (compressed; unpacked it is often two or more times larger, and the pull needs both at once):
   `aws ecr describe-images --repository-name <repo> --image-ids imageTag=<tag> --query 'imageDetails[0].imageSizeInBytes'`.
   Add up every container's image in the task.
3. Fargate at run time (Container Insights):
   `aws cloudwatch get-metric-statistics --namespace ECS/ContainerInsights --metric-name EphemeralStorageUtilized --dimensions Name=ClusterName,Value=<cluster> Name=ServiceName,Value=<service> --start-time <iso-start> --end-time <iso-end> --period 300 --statistics Maximum`
   against `EphemeralStorageReserved`.
4. EC2: `aws ecs describe-container-instances --cluster <cluster> --container-instances <container-instance-arn> --query 'containerInstances[].{ec2:ec2InstanceId,running:runningTasksCount}'`,
   then `aws ec2 describe-launch-template-versions --launch-template-id <lt-id> --versions '$Latest' --query 'LaunchTemplateVersions[0].LaunchTemplateData.BlockDeviceMappings'`
   for the volume size. On the host: `df -h /var/lib/docker` and `docker system df`.
5. `aws logs tail <awslogs-group> --log-stream-names <prefix>/<container>/<task-id> --since 2h | grep -i 'no space'` (aws CLI v2; with v1: `aws logs filter-log-events --log-group-name <awslogs-group> --log-stream-names <prefix>/<container>/<task-id> --query 'events[].message' --output text`): which path fills up at run time.

## Fix
### AWS CLI
```sh
# Fargate: raise task storage (21-200 GiB) in a new revision:
#   "ephemeralStorage": {"sizeInGiB": 60}
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .ephemeralStorage = {"sizeInGiB": 60}' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
# EC2: new launch template version with a bigger root volume, then replace the instances
# (the Auto Scaling group must use $Latest, or be updated to the new version first).
aws ec2 create-launch-template-version --launch-template-id <lt-id> --source-version '$Latest' \
  --launch-template-data '{"BlockDeviceMappings":[{"DeviceName":"/dev/xvda","Ebs":{"VolumeSize":100,"VolumeType":"gp3"}}]}'
aws autoscaling start-instance-refresh --auto-scaling-group-name <asg-name>
```
### Console
ECS > Task definitions > <family> > Create new revision > Storage > Ephemeral storage (GiB). EC2 > Launch templates >
<template> > Modify template (Create new version) > Storage (volumes) > Size. EC2 > Auto Scaling groups > Instance refresh.
### Terraform
```hcl
resource "aws_ecs_task_definition" "app" {
  # ...
  ephemeral_storage { size_in_gib = 60 }   # Fargate only; 21-200
}
# EC2, in aws_launch_template: block_device_mappings with device_name = "/dev/xvda"
#   and an ebs block with volume_size = 100 and volume_type = "gp3"
```

## Alternatives
- Shrink the image: multi-stage builds, no build caches or test data in the final stage, models downloaded to EFS instead of baked in.
- Put large or growing data on an EFS volume (`volumes[].efsVolumeConfiguration`) rather than the task's disk.
- EC2: shorten `ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION` (default 3h) and set `json-file` `max-size`, or use `awslogs`.

## Prevention
- Alarm on `EphemeralStorageUtilized` / `EphemeralStorageReserved` above 80 % (Fargate) and on host disk usage (EC2).
- Fail the build when the image exceeds a size budget set well below the task's `ephemeralStorage`.

"""#,
    "essential-container-without-logs": #"""
# essential-container-without-logs: when this container crashes, nothing keeps its last words

An essential container of a Fargate task with no `logConfiguration` writes its output nowhere ECS or CloudWatch keeps:
it is lost with the task. (On EC2 the Docker daemon keeps it in its default `json-file` log on the instance, readable
with `docker logs` while instance and container remain; `ecs-triage` does not report that case.) The day the
container exits, the stopped reason says only "Essential container in task exited" and an exit code, and the one
thing that would say why — the application's last lines — is gone. This is hygiene: severity low, never ranked above
an observed failure.

## A minimal example
`{"name": "worker", "image": "…/worker:3", "essential": true}` with no `logConfiguration`.

## As printed
```text
worker:3: essential container worker has no log configuration: a crash leaves no trace
```

## How to confirm
`aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{n:name,essential:essential,log:logConfiguration}'`

## Fix
Create a log group and send the container to it with the `awslogs` driver (stream names become
`<prefix>/<container>/<task-id>`); the execution role needs `logs:CreateLogStream` and `logs:PutLogEvents`
(`AmazonECSTaskExecutionRolePolicy` has them). The finding prints the commands for your definition:
```sh
aws logs create-log-group --log-group-name /ecs/<family> --region <region>
# then describe-task-definition | jq '.containerDefinitions |= map(... .logConfiguration = {"logDriver": "awslogs", ...})' | register-task-definition
```

## Alternatives
- FireLens (`awsfirelens`) to send logs elsewhere; the log router container itself should use awslogs.
- Splunk, Datadog or other drivers: any `logConfiguration` the team reads.

"""#,
    "execution-role-cannot-pull-image": #"""
# execution-role-cannot-pull-image: the execution role may not pull the image from ECR

To pull a private ECR image the agent first calls `ecr:GetAuthorizationToken`, a registry-wide call that
IAM only authorizes on `Resource: "*"`, then reads the manifest (`ecr:BatchGetImage`) and the layer
download URLs (`ecr:GetDownloadUrlForLayer`) on the repository ARN
`arn:aws:ecr:<region>:<registry-account-id>:repository/<repo>`. The layers themselves come from S3
through presigned URLs, so the role needs no S3 permission. On Fargate these calls use the task
execution role (`executionRoleArn`). On the EC2 launch type, a task without an execution role pulls with the
container instance role instead (`instance-role-permissions`). If the repository belongs to another
account, that account's repository policy must also allow the execution role (or its account) to call
`ecr:BatchGetImage` and `ecr:GetDownloadUrlForLayer`. `ecr:GetAuthorizationToken` still comes from the
role's own identity policy. The managed policy `AmazonECSTaskExecutionRolePolicy` covers every
same-account case. The failure is a quick AccessDenied, not a timeout (`aws-service-unreachable`).

## How it shows up
Fargate, token call denied (stopped reason, `stopCode` `TaskFailedToStart`). No 2024 "enhanced"
wording is known for permission failures; the old `execution resource retrieval failed` prefix is kept:
```text
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 1 time(s): operation error ECR: GetAuthorizationToken, https response error StatusCode: 400, RequestID: <request-id>, api error AccessDeniedException: User: arn:aws:sts::<account-id>:assumed-role/<role-name>/<session> is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action.
```
EC2 agent since 2024, manifest call denied (note the typographic apostrophe in `can’t`):
```text
The task can’t pull the image. Check that the role has the permissions to pull images from the registry. Error response from daemon: pull access denied for <account-id>.dkr.ecr.<region>.amazonaws.com/<repo>, repository does not exist or may require 'docker login': denied: User: arn:aws:sts::<account-id>:assumed-role/<role-name>/<session> is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:<region>:<account-id>:repository/<repo> because no identity-based policy allows the ecr:BatchGetImage action
```
Older EC2 wording with the container instance role (no `because ...` clause):
```text
CannotPullContainerError: AccessDeniedException: User: arn:aws:sts::<account-id>:assumed-role/<instance-role>/<instance-id> is not authorized to perform: ecr:GetAuthorizationToken on resource: * status code: 400, request id: <request-id>
```
AWS Batch on Fargate names the same failure `CannotPullECRContainerError: AccessDeniedException: ...`.
A bare `pull access denied for <repo>, repository does not exist or may require 'docker login': denied`
does not say why. It fits both a missing repository (`image-not-found`) and a denied cross-account pull,
so confirm it with the steps below.

## How to confirm
1. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{reason:stoppedReason,containers:containers[].reason}'`
   Note the principal (`assumed-role/<role-name>`), the action and the resource.
2. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{exec:executionRoleArn,compat:requiresCompatibilities,images:containerDefinitions[].image}'`
   The image host `<registry-account-id>.dkr.ecr.<region>.amazonaws.com` gives the repository's account and
   region. An account other than the task's means a cross-account pull. No `executionRoleArn` on EC2 means
   the instance role pulls.
3. `aws iam simulate-principal-policy --policy-source-arn <execution-role-arn> --action-names ecr:GetAuthorizationToken`
   and `aws iam simulate-principal-policy --policy-source-arn <execution-role-arn> --action-names ecr:BatchGetImage ecr:GetDownloadUrlForLayer --resource-arns arn:aws:ecr:<region>:<registry-account-id>:repository/<repo>`
   `implicitDeny` means no statement allows it, and `explicitDeny` names a `Deny`.
4. `aws iam list-attached-role-policies --role-name <role-name>` and `aws iam list-role-policies --role-name <role-name>`:
   is `AmazonECSTaskExecutionRolePolicy` attached? Is an inline policy scoped to another repository or region?
5. Cross-account, in the registry account: `aws ecr get-repository-policy --repository-name <repo> --registry-id <registry-account-id>`
   `RepositoryPolicyNotFoundException` means only the owner account can pull. Otherwise an `Allow` for
   `arn:aws:iam::<task-account-id>:role/<role-name>` (or `:root`) with `ecr:BatchGetImage` and
   `ecr:GetDownloadUrlForLayer` must be present.
6. EC2 without an execution role: `aws ec2 describe-iam-instance-profile-associations --filters Name=instance-id,Values=<instance-id>`,
   then check that role for `AmazonEC2ContainerServiceforEC2Role`.

## Fix
### AWS CLI
```sh
aws iam attach-role-policy --role-name <role-name> \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
# Cross-account: run in the registry account; it replaces the repository policy, so merge existing statements.
aws ecr set-repository-policy --repository-name <repo> --policy-text '{
  "Version":"2012-10-17","Statement":[{"Sid":"PullFromTaskAccount","Effect":"Allow",
  "Principal":{"AWS":"arn:aws:iam::<task-account-id>:role/<role-name>"},
  "Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer","ecr:BatchCheckLayerAvailability"]}]}'
```
Then start a new task, or run `aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment`.
### Console
IAM > Roles > <role-name> > Add permissions > Attach policies > `AmazonECSTaskExecutionRolePolicy`.
Cross-account: ECR (registry account) > Private registry > Repositories > <repo> > Permissions > Edit policy JSON.
### Terraform
```hcl
resource "aws_iam_role_policy_attachment" "execution_ecr" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}
data "aws_iam_policy_document" "pull_from_task_account" {   # in the registry account
  statement {
    actions    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
    principals {
      type        = "AWS"
      identifiers = [var.execution_role_arn]
    }
  }
}
resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy     = data.aws_iam_policy_document.pull_from_task_account.json
}
```

## Alternatives
- Least privilege: `ecr:GetAuthorizationToken` on `*` plus the two repository actions on the exact
  repository ARN. A `Resource` that names the repository for `GetAuthorizationToken` never matches.
- Replicate the image into the task's account (ECR replication), so no repository policy is needed.
- Pull-through cache repositories also need `ecr:BatchImportUpstreamImage` (and `ecr:CreateRepository`
  if the cache repository does not exist yet) for the first pull.

## Prevention
- Attach `AmazonECSTaskExecutionRolePolicy` in the module that creates every execution role.
- Manage cross-account repository policies next to the list of consuming accounts and roles.
- Deploy a new image with a smoke task before shifting a service to it.

"""#,
    "execution-role-cannot-read-env-file": #"""
# execution-role-cannot-read-env-file: the execution role may not read the environment file

A container's `environmentFiles` (`{"value": "arn:aws:s3:::<bucket>/<key>.env", "type": "s3"}`) are
downloaded before the container starts, with the task execution role. The role needs `s3:GetObject` on
the object ARN (`arn:aws:s3:::<bucket>/<key>.env`) and `s3:GetBucketLocation` on the bucket ARN
(`arn:aws:s3:::<bucket>`). The two resources differ: a statement that lists the bucket as
`arn:aws:s3:::<bucket>/` (trailing slash) or `arn:aws:s3:::<bucket>/*` names the bucket's objects, not
the bucket, and grants `s3:GetBucketLocation` nothing. A bucket policy, an SSE-KMS key policy or an SCP
can deny as well; those are not in the snapshot. A missing object also answers `AccessDenied` when the
role may not `s3:ListBucket`.

## How it shows up
Stopped reason (`stopCode` `TaskFailedToStart`):
```text
ResourceInitializationError: failed to download env files: file download command: non-empty error stream: failed to download file <name>.env: failed to write to a temporary file: AccessDenied: Access Denied
```
A timeout in the same place (`RequestCanceled ... context deadline exceeded`) is a network problem
(`aws-service-unreachable`, `missing-vpc-endpoint`), not a permission.

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{exec:executionRoleArn,files:containerDefinitions[].environmentFiles}'`
2. `aws iam simulate-principal-policy --policy-source-arn <execution-role-arn> --action-names s3:GetObject --resource-arns arn:aws:s3:::<bucket>/<key>.env`
   and `aws iam simulate-principal-policy --policy-source-arn <execution-role-arn> --action-names s3:GetBucketLocation --resource-arns arn:aws:s3:::<bucket>`
3. `aws s3api head-object --bucket <bucket> --key <key>.env` (as an admin): the object exists.
4. `aws s3api get-bucket-policy --bucket <bucket>` and `aws s3api get-bucket-encryption --bucket <bucket>`:
   a `Deny` for the role, or an SSE-KMS key the role may not `kms:Decrypt`.

## Fix
### AWS CLI
```sh
aws iam put-role-policy --role-name <execution-role-name> --policy-name env-files --policy-document '{
  "Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::<bucket>/<key>.env"},
    {"Effect":"Allow","Action":"s3:GetBucketLocation","Resource":"arn:aws:s3:::<bucket>"}]}'
```
Then start new tasks (`aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment`).
### Console
IAM > Roles > <execution-role-name> > Add permissions > Create inline policy > S3: `GetObject` on the
object, `GetBucketLocation` on the bucket (no trailing `/`).
### Terraform
```hcl
data "aws_iam_policy_document" "env_files" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.config.arn}/web/*"]
  }
  statement {
    actions   = ["s3:GetBucketLocation"]
    resources = [aws_s3_bucket.config.arn]
  }
}
resource "aws_iam_role_policy" "env_files" {
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.env_files.json
}
```

## Alternatives
- Move the values to `secrets` (Secrets Manager or SSM Parameter Store) and drop the file.
- If the bucket uses SSE-KMS with a customer managed key, also allow `kms:Decrypt` on that key.

## Prevention
- Generate the S3 statements from the `environmentFiles` list, object and bucket ARNs side by side.
- Review policies for bucket ARNs written with a trailing `/`.

"""#,
    "execution-role-cannot-read-secrets": #"""
# execution-role-cannot-read-secrets: the execution role may not read a referenced secret or parameter

Each `secrets[].valueFrom` (and each `logConfiguration.secretOptions[].valueFrom`) is resolved by the
agent before the container starts, with the task execution role. A Secrets Manager reference needs
`secretsmanager:GetSecretValue` on the secret's ARN, which ends in a random six-character suffix:
`arn:aws:secretsmanager:<region>:<account-id>:secret:<name>-AbCdEf`. A reference may append
`:<json-key>:<version-stage>:<version-id>` to pick one JSON key or a version. IAM still evaluates the
plain secret ARN, so a policy resource with the key suffix, or with the name but no random suffix,
does not match. An SSM Parameter Store reference needs `ssm:GetParameters` (plural: `ssm:GetParameter`
is not enough) on `arn:aws:ssm:<region>:<account-id>:parameter/<name>`. `valueFrom` may hold just the
parameter name when the parameter is in the task's region, but another region needs the full ARN. The
ARN of `/app/db/password` is `...:parameter/app/db/password`, with one slash. If the secret or
SecureString is encrypted with a customer managed KMS key, the role also needs `kms:Decrypt` on that key,
and the key policy must allow it. The AWS managed keys (`aws/secretsmanager`, `aws/ssm`) need no grant.
One unreadable reference stops the whole task.

## How it shows up
Fargate, Secrets Manager (stopped reason; `stopCode` `TaskFailedToStart`). Permission failures keep the
pre-2024 `execution resource retrieval failed` prefix, even with the SDK-v2 tail:
```text
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:<region>:<account-id>:secret:<name>-<suffix> from secrets manager: AccessDeniedException: User: arn:aws:sts::<account-id>:assumed-role/<role-name>/<task-id> is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:<region>:<account-id>:secret:<name>-<suffix> because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400, request id: <request-id>
service <service> was unable to place a task. Reason: ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret <secret-arn> from secrets manager: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, RequestID: <request-id>, api error AccessDeniedException: User: arn:aws:sts::<account-id>:assumed-role/<role-name>/<task-id> is not authorized to perform: secretsmanager:GetSecretValue on resource: <secret-arn> because no identity-based policy allows the secretsmanager:GetSecretValue action.
```
Customer managed key not usable. The message says `Access to KMS is not allowed` and never names `kms:Decrypt`:
```text
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret <secret-arn> from secrets manager: AccessDeniedException: Access to KMS is not allowed status code: 400, request id: <request-id>
```
SSM Parameter Store, on Fargate and then from the EC2 agent:
```text
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws:sts::<account-id>:assumed-role/<role-name>/<task-id> is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:<region>:<account-id>:parameter/<name> because no identity-based policy allows the ssm:GetParameters action status code: 400, request id: <request-id>
Fetching secret data from SSM Parameter Store in <region>: AccessDeniedException: User: arn:aws:sts::<account-id>:assumed-role/<role-name>/<session> is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:<region>:<account-id>:parameter/<name> status code: 400, request id: <request-id>
```
The EC2 agent's Secrets Manager form starts `Fetching secret data from AWS Secrets Manager in region <region>:`.
`invalid ssm parameters: <name>` and `ResourceNotFoundException` mean the reference is wrong, not
denied (`secret-not-found`). A timeout is a network problem (`aws-service-unreachable`).

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{exec:executionRoleArn,refs:containerDefinitions[].{c:name,s:secrets,l:logConfiguration.secretOptions}}'`
   List every `valueFrom`. Strip `:<json-key>:<stage>:<id>` from Secrets Manager ARNs, and expand bare SSM
   names to `arn:aws:ssm:<region>:<account-id>:parameter/<name-without-leading-slash>`.
2. `aws secretsmanager describe-secret --secret-id <secret-arn> --query '{arn:ARN,kms:KmsKeyId}'` and
   `aws ssm describe-parameters --parameter-filters Key=Name,Values=<name> --query 'Parameters[].{n:Name,t:Type,k:KeyId}'`
   Both return metadata only. A `KmsKeyId` / `KeyId` other than `alias/aws/...` points at a customer key.
3. `aws iam simulate-principal-policy --policy-source-arn <execution-role-arn> --action-names secretsmanager:GetSecretValue ssm:GetParameters kms:Decrypt --resource-arns <secret-arn> <parameter-arn> <kms-key-arn>`
   Read each action against its own resource. `implicitDeny` confirms a missing allow.
4. `aws kms describe-key --key-id <key-id> --query 'KeyMetadata.{mgr:KeyManager,arn:Arn}'` (`CUSTOMER` needs
   `kms:Decrypt`), then `aws kms get-key-policy --key-id <key-id> --policy-name default`. The key policy must allow the
   role, or delegate to IAM through `arn:aws:iam::<account-id>:root`.
5. Cross-account secret: `aws secretsmanager get-resource-policy --secret-id <secret-arn>` must allow the role.
   The secret must also use a customer managed key that the role's account may use.

## Fix
### AWS CLI
```sh
aws iam put-role-policy --role-name <role-name> --policy-name read-task-secrets --policy-document '{
  "Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:<region>:<account-id>:secret:<name>-??????"},
  {"Effect":"Allow","Action":"ssm:GetParameters","Resource":"arn:aws:ssm:<region>:<account-id>:parameter/<path>/*"},
  {"Effect":"Allow","Action":"kms:Decrypt","Resource":"<kms-key-arn>"}]}'
```
Drop the `kms:Decrypt` statement when only AWS managed keys are used. Then start a new task or run
`aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment`.
### Console
IAM > Roles > <role-name> > Add permissions > Create inline policy (JSON above). KMS > Customer managed
keys > <key> > Key policy > Edit, for a key policy that names principals explicitly.
### Terraform
```hcl
data "aws_iam_policy_document" "read_secrets" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.db.arn]          # the arn, never "<arn>:password::"
  }
  statement {
    actions   = ["ssm:GetParameters"]
    resources = [aws_ssm_parameter.api_key.arn]
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.secrets.arn]
  }
}
resource "aws_iam_role_policy" "read_secrets" {
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.read_secrets.json
}
```

## Alternatives
- Use the AWS managed key for secrets that never leave the account, so no `kms:Decrypt` grant is needed.
- Grant by path (`parameter/<app>/<env>/*`, `secret:<app>/<env>/*`) so that new references keep working.

## Prevention
- Generate the execution role's secret statements from the task definition's `valueFrom` list.
- Grant `kms:Decrypt` in the same change that moves a secret or parameter to a customer managed key.
- Store full ARNs in `valueFrom`, so that the region and account are visible to reviewers and to `ecs-triage`.

"""#,
    "execution-role-cannot-write-logs": #"""
# execution-role-cannot-write-logs: the execution role may not write the awslogs stream

A container with `logConfiguration.logDriver` `awslogs` sends its output to the log group named by
`awslogs-group` in `awslogs-region`. Before the container starts, the agent creates the stream
`<awslogs-stream-prefix>/<container-name>/<task-id>` (`logs:CreateLogStream`) and afterwards writes events
to it (`logs:PutLogEvents`). On Fargate both calls use the task execution role. When
`awslogs-create-group` is `"true"`, the agent first creates the group (`logs:CreateLogGroup`).
`AmazonECSTaskExecutionRolePolicy` does **not** include that action. The stream calls are authorized on the
stream's ARN, `arn:aws:logs:<region>:<account-id>:log-group:<group>:log-stream:<stream>`. A policy whose
resource is the bare group ARN, without the trailing `:*`, therefore does not match them. On the EC2
launch type the log driver runs in the instance's Docker daemon: a task without an execution role uses
the container instance role (`instance-role-permissions`). The task stops before the container runs,
so there are no application logs to read.

## How it shows up
Fargate stopped reason (`stopCode` `TaskFailedToStart`), SDK-v1 form (the source cut it short):
```text
ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: AccessDeniedException: User: arn:aws:sts::<account-id>:assumed-role/<role-name>/<task-id> is not authorized to perform: logs:CreateLogStream on resource: arn:aws:logs:<region>:<account-id>:log-group:<group>:log-stream:<prefix>/<container>/<task-id> because no ident
```
SDK-v2 form (the source broke the lines and ends here):
```text
ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create
Cloudwatch log stream: operation error CloudWatch Logs: CreateLogStream, https response error StatusCode: 400,
api error AccessDeniedException: User: arn:aws:sts::<account-id>:assumed-role/<role-name>/<session-id>
is not authorized to perform: logs:CreateLogStream on resource:
arn:aws:logs:<region>:<account-id>:log-group:<group>
```
`awslogs-create-group` `"true"` without `logs:CreateLogGroup`, as a service event (cut short by the source):
```text
(service <service>) was unable to place a task. Reason: ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log group: operation error CloudWatch Logs: CreateLogGroup, https response error StatusCode: 400, RequestID: <request-id>, api error AccessDeniedException: User: arn:aws:sts::<account-id>:assumed-role/<role-name>/<task-id> is not authorized to perform: logs:CreateLogGroup on
```
Note `times` without `(s)`. Two messages look similar but belong to other rules.
`ResourceNotFoundException: The specified log group does not exist.` is `log-group-missing`. `There is a
connection issue between the task and Amazon CloudWatch` is a network failure (`aws-service-unreachable`),
even though that message also says the task "cannot find" the log group.

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{exec:executionRoleArn,logs:containerDefinitions[].logConfiguration}'`
   Note `awslogs-group`, `awslogs-region`, `awslogs-stream-prefix` and `awslogs-create-group` for each container.
2. `aws logs describe-log-groups --log-group-name-prefix <group> --region <awslogs-region> --query 'logGroups[].{name:logGroupName,arn:arn,kms:kmsKeyId}'`
   Even when the group exists, `awslogs-create-group` `"true"` still makes the agent call `CreateLogGroup`,
   so it must be allowed. If the group does not exist and creation is off, the rule is `log-group-missing`.
3. `aws iam simulate-principal-policy --policy-source-arn <execution-role-arn> --action-names logs:CreateLogStream logs:PutLogEvents --resource-arns 'arn:aws:logs:<region>:<account-id>:log-group:<group>:log-stream:<prefix>/<container>/<task-id>'`
   (add `logs:CreateLogGroup` with `arn:aws:logs:<region>:<account-id>:log-group:<group>:*` when creation is on).
   `implicitDeny` confirms a missing allow, and `explicitDeny` a `Deny` statement.
4. `aws iam list-attached-role-policies --role-name <role-name>` and `aws iam get-role-policy --role-name <role-name> --policy-name <name>`:
   look for a resource without `:*`, the wrong region or account, or a group name typed differently.

## Fix
### AWS CLI
```sh
aws iam attach-role-policy --role-name <role-name> \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
# Only with awslogs-create-group "true" (or a narrower inline policy instead of the managed one):
aws iam put-role-policy --role-name <role-name> --policy-name awslogs --policy-document '{
  "Version":"2012-10-17","Statement":[{"Effect":"Allow",
  "Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],
  "Resource":"arn:aws:logs:<region>:<account-id>:log-group:<group>:*"}]}'
```
Then start a new task or run `aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment`.
### Console
IAM > Roles > <role-name> > Add permissions > Attach policies (`AmazonECSTaskExecutionRolePolicy`), or
Create inline policy > CloudWatch Logs > `CreateLogStream`, `PutLogEvents` (and `CreateLogGroup`) on the group.
### Terraform
```hcl
data "aws_iam_policy_document" "awslogs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.app.arn}:*"]   # the provider's arn has no ":*" suffix
  }
}
resource "aws_iam_role_policy" "awslogs" {
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.awslogs.json
}
```

## Alternatives
- Create the log group in IaC (`aws_cloudwatch_log_group`, with retention) and drop `awslogs-create-group`:
  the role then needs no `logs:CreateLogGroup`, and the group gets a retention period (an auto-created
  group never expires).
- A different log driver (`awsfirelens`) moves the writes to the FireLens container and the task role.

## Prevention
- Grant the logs actions on `<group-arn>:*`, never on the bare group ARN.
- Keep `awslogs-create-group` and `logs:CreateLogGroup` together in the same module, or use neither.
- Create the log group in the same stack as the task definition that names it.

"""#,
    "execution-role-missing": #"""
# execution-role-missing: the task definition needs an execution role and has none

Before the containers start, ECS (the Fargate agent, or the ECS agent on EC2) fetches what the task
definition references with the task execution role (`executionRoleArn`): the private ECR image and the
awslogs stream on Fargate, and on every launch type the `secrets` (Secrets Manager, SSM Parameter
Store), the `repositoryCredentials` of a private registry and the `environmentFiles` in S3. Without an
execution role there are no credentials for those calls. On the EC2 launch type the container instance
role pulls ECR images and writes awslogs for tasks without an execution role (see
`instance-role-permissions`), so only secrets, environment files and registry credentials need one there.
ECS refuses most such definitions at registration time; a definition that is compatible with both launch
types, or a template that dropped the ARN, gets through and fails at start.

## How it shows up
API error from `RegisterTaskDefinition` or `RunTask` / `CreateService`:
```text
An error occurred (ClientException) when calling the RegisterTaskDefinition operation: Fargate requires task definition to have execution role ARN to support ECR images.
```
```text
ClientException: Fargate requires task definition to have execution role ARN to support log driver awslogs.
```
On EC2, a task with secrets and no execution role stops at start with a `ResourceInitializationError`
that names the secret it could not fetch.

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{exec:executionRoleArn,compat:requiresCompatibilities,images:containerDefinitions[].image,logs:containerDefinitions[].logConfiguration.logDriver,secrets:containerDefinitions[].secrets,envFiles:containerDefinitions[].environmentFiles}'`
   `exec` is `null` and at least one of the other members needs it.
2. For a service, check the launch type it actually uses:
   `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{launchType:launchType,capacity:capacityProviderStrategy}'`.

## Fix
### AWS CLI
```sh
aws iam create-role --role-name ecsTaskExecutionRole --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam attach-role-policy --role-name ecsTaskExecutionRole \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
# Add "executionRoleArn": "arn:aws:iam::<account-id>:role/ecsTaskExecutionRole" to the definition JSON, then:
aws ecs register-task-definition --cli-input-json file://taskdef.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
Secrets, parameters and environment files need their own statements on top of the managed policy
(`execution-role-cannot-read-secrets`, `execution-role-cannot-read-env-file`).
### Console
IAM > Roles > Create role > AWS service > Elastic Container Service > Elastic Container Service Task >
attach `AmazonECSTaskExecutionRolePolicy`. Then ECS > Task definitions > <family> > Create new revision >
Task execution role.
### Terraform
```hcl
resource "aws_iam_role" "execution" {
  name               = "ecsTaskExecutionRole"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}
resource "aws_ecs_task_definition" "app" {
  # ...
  execution_role_arn = aws_iam_role.execution.arn
}
```

## Alternatives
- EC2 only: keep no execution role and let the container instance role pull and log
  (`AmazonEC2ContainerServiceforEC2Role`); secrets and environment files still need an execution role.
- Use a public image (or one in a public registry) and a log driver other than awslogs: then Fargate needs
  no execution role, at the cost of the features above.

## Prevention
- Make `execution_role_arn` a required input of the module that registers task definitions.
- Fail CI when `executionRoleArn` is empty or ends in `/null` in a rendered definition.

"""#,
    "execution-role-trust": #"""
# execution-role-trust: ECS cannot assume the task execution role

The task execution role (`executionRoleArn`) is the role the ECS and Fargate agents use before your
code runs: to get the ECR token and pull the image, create the `awslogs` stream, and read `secrets`,
`repositoryCredentials` and `environmentFiles`. ECS obtains its credentials by calling
`sts:AssumeRole` as the service principal `ecs-tasks.amazonaws.com`, so the role's trust policy
(`AssumeRolePolicyDocument`) must have an `Allow` statement for exactly that principal and action.
A role created for EC2 (`ec2.amazonaws.com`), for the ECS service itself (`ecs.amazonaws.com`), or for
Lambda does not qualify; neither does a role that does not exist (a typo, another account, an ARN
ending in `/null` from an empty template variable), nor one whose trust condition excludes this
account or cluster (`aws:SourceAccount`, `aws:SourceArn`). Permissions on the role do not matter
until this works. A newly created role can also fail for a few seconds while IAM propagates.

## How it shows up
Launch is refused; the same text is used for the execution role and the task role, so check both.
As an API error from `RunTask`/`StartTask`/`CreateService`/`UpdateService`:
```text
An error occurred (ClientException) when calling the RunTask operation: ECS was unable to assume the role 'arn:aws:iam::<account-id>:role/<role-name>' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.
```
As a service event:
```text
service <service> failed to launch a task with (error ECS was unable to assume the role 'arn:aws:iam::<account-id>:role/<role-name>' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.).
```
No separate 2024 "enhanced" wording is known for this message.

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{exec:executionRoleArn,task:taskRoleArn}'`
   Compare the role in the error with `executionRoleArn`.
2. `aws iam get-role --role-name <role-name> --query 'Role.{arn:Arn,trust:AssumeRolePolicyDocument}'`
   `NoSuchEntity` means the role does not exist (wrong name, wrong account, `null`). Otherwise the trust
   policy must contain, in an `Allow` statement:
   `"Principal": {"Service": "ecs-tasks.amazonaws.com"}` and `"Action": "sts:AssumeRole"`.
   `ec2.amazonaws.com` or `ecs.amazonaws.com` alone, a `Deny`, or a `Condition` whose
   `aws:SourceAccount` / `aws:SourceArn` (`arn:aws:ecs:<region>:<account-id>:*`) does not match confirms the defect.
3. `aws iam list-attached-role-policies --role-name <role-name>`: once trust is fixed, the role still needs
   `AmazonECSTaskExecutionRolePolicy` or equivalent (`execution-role-cannot-pull-image`, `...-write-logs`).
4. If trust is correct, the caller may lack `iam:PassRole` on the role: that fails with an
   `AccessDeniedException ... is not authorized to perform: iam:PassRole` on the calling principal.

## Fix
### AWS CLI
```sh
cat > trust.json <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "ecs-tasks.amazonaws.com" },
    "Action": "sts:AssumeRole"
  }]
}
JSON
aws iam update-assume-role-policy --role-name <role-name> --policy-document file://trust.json
aws iam attach-role-policy --role-name <role-name> \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
```
If you keep a confused-deputy `Condition`, its `aws:SourceAccount` / `aws:SourceArn` must match the
account and region that run the task. Then relaunch the task or
`aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment`.
### Console
IAM > Roles > <role-name> > Trust relationships > Edit trust policy: paste the document above.
Creating a new role: "AWS service" > Use case "Elastic Container Service" > "Elastic Container Service Task".
### Terraform
```hcl
data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]   # not ec2.amazonaws.com / ecs.amazonaws.com
    }
  }
}
resource "aws_iam_role" "execution" {
  name               = "app-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}
```
and `aws_ecs_task_definition.execution_role_arn = aws_iam_role.execution.arn`.

## Alternatives
- Reuse the account's standard `ecsTaskExecutionRole` if it exists and trusts `ecs-tasks.amazonaws.com`.
- One role may serve as both execution role and task role (same trust), at the cost of mixing agent and
  application permissions; keep them separate where you can.
- If the role was just created by the same pipeline, retry after a short wait (IAM eventual consistency).

## Prevention
- Build every ECS role from one shared `ecs-tasks.amazonaws.com` trust document.
- Fail the pipeline when a role ARN variable is empty (`/null`) instead of registering the task definition.
- Review trust-policy changes made for "least privilege" conditions against the ECS documentation example.

"""#,
    "fargate-invalid-cpu-memory": #"""
# fargate-invalid-cpu-memory: the task-level cpu/memory is missing or not a Fargate size

Fargate runs tasks only in fixed sizes, and a definition for Fargate must set both task-level `cpu`
and `memory`. `cpu` may be written in CPU units or vCPUs (`"1024"`, `"1 vCPU"`), `memory` in MiB or GB
(`"2048"`, `"2GB"`, `"2 GB"`); ECS converts them at registration. The pair must be one of these
(Amazon ECS Developer Guide, task CPU and memory):

| cpu | memory (MiB) | OS |
| --- | --- | --- |
| 256 (.25 vCPU) | 512, 1024, 2048 | Linux |
| 512 (.5 vCPU) | 1024-4096 in 1024 steps | Linux |
| 1024 (1 vCPU) | 2048-8192 in 1024 steps | Linux, Windows |
| 2048 (2 vCPU) | 4096-16384 in 1024 steps | Linux, Windows |
| 4096 (4 vCPU) | 8192-30720 in 1024 steps | Linux, Windows |
| 8192 (8 vCPU) | 16384-61440 in 4096 steps | Linux, platform 1.4.0+ |
| 16384 (16 vCPU) | 32768-122880 in 8192 steps | Linux, platform 1.4.0+ |

## How it shows up
API errors from `RegisterTaskDefinition`:
```text
ClientException: Fargate requires that 'cpu' be defined at the task level.
ClientException: Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.
ClientException: No Fargate configuration exists for given values: 1024 CPU, 1024 memory. See the Amazon ECS documentation for the valid values.
```

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{cpu:cpu,memory:memory,os:runtimePlatform.operatingSystemFamily}'`
   (for a definition that failed to register, read the JSON or template you registered).
2. Convert to units/MiB (1 vCPU = 1024, 1 GB = 1024 MiB) and find the pair in the table above.

## Fix
### AWS CLI
```sh
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .cpu = "1024" | .memory = "2048"' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
Pick the smallest size that holds what the containers need.
### Console
ECS > Task definitions > <family> > Create new revision > Task size: choose CPU, then one of the memory values offered.
### Terraform
```hcl
resource "aws_ecs_task_definition" "app" {
  cpu    = "1024"
  memory = "2048"
}
```

## Alternatives
- Container-level `cpu`/`memory` do not replace the task-level ones on Fargate; keep them within the task size.
- Windows containers need at least 1 vCPU.

## Prevention
- Keep the allowed pairs in a module variable validation (or a lookup map) instead of free numbers.

"""#,
    "fargate-quota-or-capacity": #"""
# fargate-quota-or-capacity: Fargate refused the task for a quota or for lack of capacity

Fargate limits how much can run at once per account and Region, and can also be out of capacity in
an Availability Zone. The running limits are vCPU-based: "Fargate On-Demand vCPU resource count"
(quota code `L-3032A538`) and "Fargate Spot vCPU resource count" (`L-36FBB829`); a 4 vCPU task counts
4 against them. Older accounts and messages still speak of the number of tasks. Launch *rate* is
limited separately (a token bucket of 100 tasks, refilled at 20 per second, and 20 `RunTask` calls
per second); that is throttling (`api-throttled`), not this rule. A quota refusal is definite until
usage drops or the quota is raised. "Capacity is unavailable" is temporary and per AZ: the scheduler
retries, and a service or `RunTask` with subnets in several AZs, or with other cpu/memory sizes, is
more likely to find room. Fargate Spot is reported the same way when Spot capacity is short.

## How it shows up
Service events (docs wording; the Spot form quoted from a real service):
```text
service (service-name) was unable to place a task. Reason: You've reached the limit on the number of tasks you can run concurrently
service (service-name) was unable to place a task. Reason: You’ve reached the limit on the number of vCPUs you can run concurrently
Reason: You've reached the limit on the number of spot tasks you can run concurrently. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.
service (service-name) was unable to place a task. Reason: The requested CPU configuration is above your limit.
service (service-name) was unable to place a task. Reason: The requested MEMORY configuration is above your limit.
service (service-name) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone.
```
`RunTask` fails with the capacity text (as quoted by AWS re:Post), and the EventBridge service action
`SERVICE_TASK_PLACEMENT_FAILURE` carries `"reason": "RESOURCE:FARGATE"` with the `FARGATE_SPOT`
capacity provider when Spot capacity is short:
```text
Capacity is unavailable at this time. Please try again later or in a different availability zone
RESOURCE:FARGATE
```
The vCPU wording uses a typographic apostrophe (`You’ve`), the task wording a straight one.

## How to confirm
1. `aws service-quotas get-service-quota --service-code fargate --quota-code L-3032A538 --query 'Quota.{name:QuotaName,value:Value}'`
   and the same with `L-36FBB829` for Spot.
2. Current usage (the same numbers the quota compares):
   `aws cloudwatch get-metric-statistics --namespace AWS/Usage --metric-name ResourceCount --dimensions Name=Service,Value=Fargate Name=Type,Value=Resource Name=Resource,Value=vCPU Name=Class,Value=Standard/OnDemand --statistics Maximum --period 300 --start-time <iso8601> --end-time <iso8601>`
   (`Standard/Spot` for Spot). Usage plus the new task's vCPU above the quota confirms the quota case.
3. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{events:events[:10].message,cps:capacityProviderStrategy,lt:launchType,subnets:networkConfiguration.awsvpcConfiguration.subnets}'`
   One subnet, or all subnets in one AZ, makes the capacity case more likely to persist.
4. `aws ec2 describe-subnets --subnet-ids <subnet-id...> --query 'Subnets[].{id:SubnetId,az:AvailabilityZone,azId:AvailabilityZoneId}'`
5. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{cpu:cpu,memory:memory}'`
   for the vCPU each task adds, and for the CPU/MEMORY "above your limit" messages.

## Fix
### AWS CLI
```sh
# Quota: ask for more vCPU (decided per Region; can take time).
aws service-quotas request-service-quota-increase --service-code fargate --quota-code L-3032A538 --desired-value <vcpus>
aws service-quotas request-service-quota-increase --service-code fargate --quota-code L-36FBB829 --desired-value <vcpus>
# Capacity: spread over more AZs, and let Spot fall back on On-Demand for a base.
aws ecs update-service --cluster <cluster> --service <service> \
  --network-configuration 'awsvpcConfiguration={subnets=[<subnet-a>,<subnet-b>,<subnet-c>],securityGroups=[<sg-id>],assignPublicIp=DISABLED}' \
  --capacity-provider-strategy capacityProvider=FARGATE,base=1,weight=1 capacityProvider=FARGATE_SPOT,weight=3 \
  --force-new-deployment
```
### Console
Service Quotas > AWS services > AWS Fargate > Fargate On-Demand vCPU resource count > Request increase.
ECS > Clusters > <cluster> > Services > <service> > Update > Networking (subnets) and Compute configuration.
### Terraform
`aws_servicequotas_service_quota { service_code = "fargate", quota_code = "L-3032A538", value = <vcpus> }`;
`aws_ecs_service.network_configuration.subnets` across three AZs; `capacity_provider_strategy` blocks with
`FARGATE` (base) and `FARGATE_SPOT`, and `aws_ecs_cluster_capacity_providers` listing both.

## Alternatives
- Retry `RunTask` with backoff (Step Functions retries `ECS.AmazonECSException`), or with another cpu/memory size.
- Put part of the load on EC2 capacity providers.

## Prevention
- Alarm on `AWS/Usage` `ResourceCount` for Fargate vCPU at 80% of the quota (`SERVICE_QUOTA()` metric math).
- Always give services and `RunTask` subnets in at least two, preferably three, AZs.

"""#,
    "fargate-requires-awsvpc": #"""
# fargate-requires-awsvpc: a Fargate task definition must use the awsvpc network mode

Fargate gives every task its own elastic network interface, so a task definition registered for
Fargate (`requiresCompatibilities` includes `FARGATE`) must set `networkMode` to `awsvpc`. An unset
`networkMode` means `bridge`, which Fargate rejects. ECS refuses the registration (or the
`RunTask`/`CreateService` call with the Fargate launch type), so nothing starts.

## How it shows up
API error from `RegisterTaskDefinition` (Terraform, CloudFormation, CDK and CI tools print it verbatim):
```text
ClientException: Fargate only supports network mode 'awsvpc'.
```

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{mode:networkMode,requires:requiresCompatibilities}'`
   For the definition you are registering, look at the JSON or template: `networkMode` is missing, `bridge`,
   `host` or `none`.

## Fix
### AWS CLI
```sh
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .networkMode = "awsvpc" | .containerDefinitions |= map(if .portMappings then .portMappings |= map(del(.hostPort)) else . end)' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
### Console
ECS > Task definitions > <family> > Create new revision > Infrastructure requirements > Network mode: awsvpc.
### Terraform
```hcl
resource "aws_ecs_task_definition" "app" {
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
}
```

## Alternatives
- Keep `bridge` and run on EC2 capacity (`requiresCompatibilities: ["EC2"]`).
- With `awsvpc`, also: omit `hostPort` (or equal `containerPort`), give services and `run-task` a
  `networkConfiguration`, and use target groups of type `ip`.

## Prevention
- Set `network_mode = "awsvpc"` in every module that sets `requires_compatibilities = ["FARGATE"]`.

"""#,
    "fargate-spot-arm64": #"""
# fargate-spot-arm64: Fargate Spot refused an ARM64 task

The developer guide's Fargate capacity provider considerations say that Linux tasks with the ARM64
architecture, and Windows tasks, do not run on the `FARGATE_SPOT` capacity provider
(awsdocs/amazon-ecs-developer-guide `fargate-capacity-providers.md`, and the current page). AWS
Batch's newer documentation lists only Windows as Fargate Spot's exception, so whether a Region
accepts ARM64 on Spot may depend on when and where you look. The rule therefore fires on Fargate's
refusal itself; an ARM64 `runtimePlatform` with `FARGATE_SPOT` in the strategy confirms it but never
raises it alone.

## How it shows up
```text
FARGATE_SPOT capacity provider is not supported when using ARM architecture.
```

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition.runtimePlatform`
   shows `cpuArchitecture: ARM64`.
2. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].capacityProviderStrategy'`
   names `FARGATE_SPOT`.

## Fix
### Keep ARM64: run on FARGATE
```sh
aws ecs update-service --cluster <cluster> --service <service> \
  --capacity-provider-strategy capacityProvider=FARGATE,weight=1 --force-new-deployment
```
### Keep Spot: run on X86_64
Build the image for `linux/amd64` (or multi-arch), set `runtimePlatform.cpuArchitecture` to `X86_64`
in a new revision, and deploy it.
### Terraform
```hcl
capacity_provider_strategy {
  capacity_provider = "FARGATE"
  weight            = 1
}
```

## Alternatives
- Split the workload: an ARM64 service on FARGATE and an X86_64 service on FARGATE_SPOT behind the
  same target group.

## Prevention
- Decide the architecture and the capacity provider together; Windows tasks have the same restriction.

"""#,
    "fargate-unsupported-az": #"""
# fargate-unsupported-az: a Fargate task was given a subnet in an Availability Zone Fargate does not serve

Fargate does not run in every Availability Zone. The ECS developer guide lists the supported zones by
AZ ID, which is the same physical zone in every account, unlike the name (`us-west-1a`), which is
mapped per account in older Regions. For Linux tasks the current list restricts, for example,
`us-west-1` to `usw1-az1` and `usw1-az3`, `ap-northeast-1` to `apne1-az1`, `apne1-az2` and `apne1-az4`,
and `cn-north-1` to `cnn1-az1` and `cnn1-az2`; Windows tasks have a shorter list (in `us-east-1` only
`use1-az1`, `use1-az2`, `use1-az4`, `use1-az5` and `use1-az6`, so `use1-az3` is out for Windows). When
ECS picks a subnet in such a zone the task cannot be placed and the reason is only "Internal error.",
which says nothing about the zone. A service with subnets in several zones keeps failing a share of
its placements; a `RunTask` with only that subnet fails every time. The same text can come from
genuine transient service problems, which is why the subnet's AZ ID must be checked before blaming
the zone.

## How it shows up
Service event (docs wording, listed under "a subnet being in an unsupported Availability Zone"):
```text
service (service-name) was unable to place a task. Reason: Internal error.
```
Typical pattern: the service runs some tasks and keeps logging this event; every failing attempt
chose the same subnet, and the subnet's `AvailabilityZoneId` is missing from the Fargate list.

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{subnets:networkConfiguration.awsvpcConfiguration.subnets,cps:capacityProviderStrategy,lt:launchType,pv:platformVersion}'`
   (for `RunTask`, the `--network-configuration` the caller passed).
2. `aws ec2 describe-subnets --subnet-ids <subnet-id...> --query 'Subnets[].{id:SubnetId,az:AvailabilityZone,azId:AvailabilityZoneId}'`
   Compare each `azId` with "Supported Regions for Amazon ECS on AWS Fargate" for the task's OS family
   (`runtimePlatform.operatingSystemFamily`, Linux when absent).
3. `aws ec2 describe-availability-zones --zone-ids <az-id> --query 'AvailabilityZones[].{name:ZoneName,id:ZoneId,state:State,type:ZoneType}'`
   Local Zones and Wavelength Zones are never Fargate zones.
4. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.runtimePlatform'`
5. All subnets supported: look at `aws ecs describe-tasks` for placed tasks and at the AWS Health
   Dashboard; "Internal error." without an unsupported zone is a service-side failure to retry.

## Fix
### AWS CLI
```sh
# Keep only subnets whose AZ ID Fargate supports (one per supported zone).
aws ecs update-service --cluster <cluster> --service <service> \
  --network-configuration 'awsvpcConfiguration={subnets=[<subnet-in-supported-az-1>,<subnet-in-supported-az-2>],securityGroups=[<sg-id>],assignPublicIp=DISABLED}' \
  --force-new-deployment
# No subnet yet in a supported zone: create one by AZ ID, then route it like the others.
aws ec2 create-subnet --vpc-id <vpc-id> --availability-zone-id usw1-az3 --cidr-block <cidr>
aws ec2 associate-route-table --route-table-id <rtb-id> --subnet-id <new-subnet-id>
```
### Console
VPC > Subnets: add the "Availability Zone ID" column. ECS > Clusters > <cluster> > Services > <service>
> Update > Networking > Subnets: remove the subnet in the unsupported zone.
### Terraform
Select task subnets by AZ ID rather than by name: `data "aws_subnets"` filtered on
`availability-zone-id` with a list of supported IDs, fed to `aws_ecs_service.network_configuration.subnets`;
`aws_subnet { availability_zone_id = "usw1-az3" }` for new subnets.

## Alternatives
- Run tasks whose VPC must include that zone on EC2 capacity instead of Fargate.
- Use separate subnet lists for Fargate services and for other workloads in the same VPC.

## Prevention
- Keep the list of Fargate-supported AZ IDs per Region and OS in code and check task subnets against it in CI.
- Never pick subnets by AZ letter; letters map to different zones in different accounts.

"""#,
    "health-check-grace-period-too-short": #"""
# health-check-grace-period-too-short: tasks are killed by ELB health checks while they start

ECS stops a task that its load balancer reports unhealthy, except during the service's
`healthCheckGracePeriodSeconds` after the task starts (default `0`). The load balancer starts
checking as soon as the target is registered and declares it unhealthy after
`UnhealthyThresholdCount` failures `HealthCheckIntervalSeconds` apart (ALB defaults: 2 × 30 s). An
application that needs longer than grace + interval × threshold before it answers (JVM warm-up,
migrations, cache loading) is stopped while starting, a replacement starts, and the loop repeats; the
circuit breaker may roll the deployment back although nothing is wrong with the code. The container's
own `healthCheck.startPeriod` is a good statement of how long it needs.

## How it shows up
Stopped reasons a minute or two after `startedAt`, stop code `ServiceSchedulerInitiated`:
```text
Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:<region>:<account-id>:targetgroup/<tg-name>/<id>)
```
Service events:
```text
(service <service>) (task <task-id>) (port 8080) is unhealthy in (target-group <tg-arn>) due to (reason Request timed out).
(service <service>) has started 1 tasks: (task <task-id>). Amazon ECS replaced 1 tasks due to an unhealthy status.
```
No HTTP code appears: the application is not answering yet (a code means it answers, see
`health-check-path-mismatch` / `health-check-matcher-mismatch`).

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].healthCheckGracePeriodSeconds'`
2. `aws ecs describe-tasks --cluster <cluster> --tasks <task-id> --query 'tasks[].{started:startedAt,stopping:stoppingAt,reason:stoppedReason}'`
3. `aws elbv2 describe-target-groups --target-group-arns <tg-arn> --query 'TargetGroups[0].{interval:HealthCheckIntervalSeconds,healthy:HealthyThresholdCount,unhealthy:UnhealthyThresholdCount}'`
   Compare `stoppingAt - startedAt` with the grace period and the checks. A target that passed
   `HealthyThresholdCount` checks and then failed `UnhealthyThresholdCount` is unhealthy no earlier
   than (healthy + unhealthy) × interval after it registered, and ECS acts no earlier than the grace
   period: a task stopped before the larger of the two (plus about one interval for registration) never
   answered a check. So is a task stopped before its container's own `startPeriod` ended.
4. The application log (`aws logs filter-log-events --log-group-name <log-group> --start-time <epoch-ms>`,
   or `aws logs tail <log-group> --since 1h` with CLI v2): the "listening" / "started" line comes after
   the kill, or not at all.

## Fix
### AWS CLI
```sh
aws ecs update-service --cluster <cluster> --service <service> --health-check-grace-period-seconds 180
```
Choose at least twice the observed start-to-kill time, and no less than `startPeriod` plus interval ×
unhealthy threshold. It applies without a new deployment.
### Console
ECS > Clusters > <cluster> > Services > <service> > Update > Load balancing > Health check grace period.
### Terraform
```hcl
resource "aws_ecs_service" "app" {
  name    = "app"
  cluster = "prod"
  # ...the rest of the service as it is
  health_check_grace_period_seconds = 180
}
```

## Alternatives
- Make the application answer the health endpoint as soon as it listens, and report readiness of
  dependencies elsewhere.
- Lower `HealthCheckIntervalSeconds` only together with a longer grace period; a shorter interval
  declares targets unhealthy sooner.
- Start faster: smaller images, lazy initialisation, more CPU for the task.

## Prevention
- Set the grace period from a measured start time in every load-balanced service (CDK defaults to 60 s,
  the API to 0).
- Keep `healthCheck.startPeriod` and `healthCheckGracePeriodSeconds` consistent in the same module.

"""#,
    "health-check-host-rejected": #"""
# health-check-host-rejected: the application rejects the load balancer's health checks with 400

An Application Load Balancer sends each health check with `Host: <target private IP>:<health check
port>` and `User-Agent: ELB-HealthChecker/2.0` (Elastic Load Balancing guide, "Troubleshoot your
Application Load Balancers": a registered target is not in service). An application that checks the
Host header against an allow list (Django's `ALLOWED_HOSTS`, Rails' `config.hosts`, a reverse proxy's
`server_name`) answers such a request with 400, so the target never turns healthy although the
application runs and serves real traffic, which carries the right host name. Accepting 400 in the
matcher would hide it, and also pass an application that fails every request; this rule therefore owns
the 400 rather than `health-check-matcher-mismatch`.

## How it shows up
```text
(service checkout-api) (task c857b4481174282160fdc5d0e8c747d4) (port 8080) is unhealthy in (target-group arn:aws:elasticloadbalancing:eu-west-1:482910573318:targetgroup/checkout-api-tg/493f304b6f56f21b) due to (reason Health checks failed with these codes: [400]).
"State": "unhealthy", "Reason": "Target.ResponseCodeMismatch", "Description": "Health checks failed with these codes: [400]"
django.core.exceptions.DisallowedHost: Invalid HTTP_HOST header: '10.0.10.100:8000'. You may need to add '10.0.10.100' to ALLOWED_HOSTS.
```

## How to confirm
1. `aws elbv2 describe-target-health --target-group-arn <target-group-arn>` gives the targets' IPs and ports.
2. From inside the VPC, ask as the checker does:
   `curl -s -o /dev/null -w '%{http_code}\n' -H 'Host: 10.0.1.25:8080' -A ELB-HealthChecker/2.0 http://10.0.1.25:8080/health/`
   A 400 (and 200 with the public host name) confirms.

## Fix
- Django: answer the health path before the host check (a middleware placed first in `MIDDLEWARE`
  that returns 200 for the health path), or add the task's private IP to `ALLOWED_HOSTS` at start-up,
  read from the task metadata endpoint (`${ECS_CONTAINER_METADATA_URI_V4}/task`).
- Rails: exclude the health path from host authorization:
  `config.host_authorization = { exclude: ->(request) { request.path == "/health" } }`.
- nginx in front: a default server block that answers the health path.

## Alternatives
- A health path served by a separate lightweight listener that does not validate hosts.
- Do not allow every host (`ALLOWED_HOSTS = ["*"]`) in production: it disables the protection.

## Prevention
- Test the health path with the checker's Host header in CI: a request to `http://<ip>:<port>/health`
  with `Host: <ip>:<port>` must answer 200.

"""#,
    "health-check-kills-running-tasks": #"""
# health-check-kills-running-tasks: tasks pass their health checks, run, then fail them and are replaced

ECS stops a task when the load balancer marks its target unhealthy (`Task failed ELB health checks in (target-group ...)`)
or when an essential container's own health check reports UNHEALTHY (`Task failed container health checks`). When that
happens at the first moment ECS may act (after `healthCheckGracePeriodSeconds` plus the target group's interval ×
unhealthy threshold, or after a container check's `startPeriod` plus interval × retries), the task never answered:
that is a start-up problem (`health-check-grace-period-too-short`, the path, the port). When it happens much later —
`ecs-triage` asks for at least twice that moment plus the time to become healthy, and at least 15 minutes, because ECS
acts on an unhealthy task with some delay — the check had passed: the port, path and command work, and the application later stopped
answering in time. The health check is then doing the job of a liveness probe, and what needs explaining is why the
application stopped answering.

Usual reasons: the process hangs or stalls (thread pool or connection pool exhausted, a long garbage-collection pause,
memory pressure just under the limit); the health endpoint calls a dependency (database, cache, another service) that
was slow or down, so a dependency blip replaces every task at once; the check timeout is tight for a loaded process.

## A minimal example
Service `web` behind target group `web-tg` (interval 30 s, unhealthy threshold 2, grace period 60 s): task `t1` started
10:00:00 and was stopped by ELB health checks at 10:47:10, 47 minutes later. A task that never answered would have been
stopped after about 150 s.

## As printed
```text
web: 1 task passed ELB health checks, then failed them after 47 min 10 s or more and was replaced: the application stops answering while running
```

## How to confirm
1. The application's last lines before the stop (the finding's `aws logs` commands use the task's stream).
2. `aws elbv2 describe-target-groups --target-group-arns <arn> --query 'TargetGroups[0].[HealthCheckPath,HealthCheckTimeoutSeconds,HealthCheckIntervalSeconds,UnhealthyThresholdCount]'`
3. Memory and CPU of the service around the stop: `aws cloudwatch get-metric-statistics --namespace AWS/ECS --metric-name MemoryUtilization --dimensions Name=ClusterName,Value=<cluster> Name=ServiceName,Value=<service> --start-time <t-1h> --end-time <t> --period 60 --statistics Maximum`

## Fix
Find and fix the stall the logs and metrics show. Make the health endpoint cheap and local (can this process serve?)
rather than a check of every dependency. Meanwhile, tolerate short stalls:
```sh
aws elbv2 modify-target-group --target-group-arn <arn> --unhealthy-threshold-count 4
```
or, for a container health check, a new revision with more `healthCheck.retries` (the finding prints the jq and
register commands for your definition).

## Alternatives
- Separate readiness from liveness: the load balancer's path checks readiness (may depend on warm caches), the
  container health check stays minimal.
- More memory or CPU when the metrics show saturation before the stops.

"""#,
    "health-check-matcher-mismatch": #"""
# health-check-matcher-mismatch: the targets answer a code the health check matcher rejects

An Application Load Balancer marks a target healthy only when the health check response code is in
the target group's `Matcher.HttpCode` (default `200`; codes and ranges such as `200,202` or
`200-299,302`, each between 200 and 499). When the application is up but answers the health check
path with another code, for example `302` to a login page, `401`/`403` because the path needs
authentication, or `204` from a framework's health endpoint, every check fails, the targets never
become healthy and ECS keeps replacing tasks that work. Redirects of a mistyped path (`301`/`308`)
and `404` belong to `health-check-path-mismatch`; `5xx` is the application failing, which no matcher
may accept. A Network Load Balancer with HTTP checks defaults to `200-399`.

## How it shows up
Target health (`aws elbv2 describe-target-health`), state `unhealthy`:
```text
"Reason": "Target.ResponseCodeMismatch", "Description": "Health checks failed with these codes: [302]"
"Reason": "Target.ResponseCodeMismatch", "Description": "Health checks failed with these codes: [401]"
```
Service events, then the health-check kill:
```text
(service <service>) (port 8080) is unhealthy in (target-group <tg-arn>) due to (reason Health checks failed with these codes: [302]).
Task failed ELB health checks in (target-group <tg-arn>)
```

## How to confirm
1. `aws elbv2 describe-target-health --target-group-arn <tg-arn> --query 'TargetHealthDescriptions[].TargetHealth'`
   Note the codes in the `Description`.
2. `aws elbv2 describe-target-groups --target-group-arns <tg-arn> --query 'TargetGroups[0].{path:HealthCheckPath,matcher:Matcher.HttpCode}'`
   The code is outside `Matcher.HttpCode` and the path is the one the application serves.
3. From a host in the VPC (not an `aws` command): `curl -si http://<task-ip>:<port><path>`; a `Location:`
   header to `/login` confirms an authentication redirect.

## Fix
### AWS CLI
```sh
aws elbv2 modify-target-group --target-group-arn <tg-arn> --matcher '{"HttpCode": "200,302"}'
```
The JSON form is needed: in the shorthand `HttpCode=200,302` the CLI reads the comma as a list and
refuses it.
No redeploy is needed; targets turn healthy after `HealthyThresholdCount` consecutive successes.
### Console
EC2 > Target groups > <tg> > Health checks > Edit > Advanced health check settings > Success codes:
`200,302` (or the path that answers 200 without authentication).
### Terraform
```hcl
resource "aws_lb_target_group" "app" {
  health_check {
    path    = "/"
    matcher = "200,302"   # was "200"; the app redirects anonymous requests to /login
  }
}
```

## Alternatives
- Better: point the health check at an unauthenticated endpoint that answers `200` (`/healthz`), and
  keep the matcher at `200`; a widened matcher also accepts a broken login redirect.
- Exempt the health path from the authentication middleware.
- For gRPC target groups the matcher is `GrpcCode` (default `12`), not `HttpCode`.

## Prevention
- Give every service a dedicated health endpoint, served before authentication and locale redirects.
- Test in CI that the endpoint answers exactly the code the target group expects, without following redirects.

"""#,
    "health-check-path-mismatch": #"""
# health-check-path-mismatch: the target group checks a path the container does not serve as-is

An Application Load Balancer sends `GET <HealthCheckPath>` to every target and marks it healthy only
if the status code is in `Matcher.HttpCode` (default `200` for ALB target groups). The ALB does not
follow redirects. When the configured path differs from the path the application serves, for example
`/health-check/` against a route `/health-check`, most frameworks answer with a trailing-slash redirect
(`301` or `308`, sometimes `302`/`307`); a path that does not exist answers `404`. Either way every check
fails, the targets never become healthy, and ECS keeps stopping and replacing the tasks even though the
application works. A container `healthCheck` that probes a different path than the target group is a
strong hint which path is right. On a Network Load Balancer with HTTP checks the default matcher is
`200-399`, so a redirect passes there and only `404` fails.

## How it shows up
Target health (`aws elbv2 describe-target-health`), state `unhealthy`:
```text
"Reason": "Target.ResponseCodeMismatch", "Description": "Health checks failed with these codes: [301]"
"Reason": "Target.ResponseCodeMismatch", "Description": "Health checks failed with these codes: [308]"
"Reason": "Target.ResponseCodeMismatch", "Description": "Health checks failed with these codes: [404]"
```
Service events, older form and current form:
```text
service <service> (port 8080) is unhealthy in target-group <tg-name> due to (reason Health checks failed with these codes: [301]).
(service <service>) (task <task-id>) (port 8080) is unhealthy in (target-group arn:aws:elasticloadbalancing:<region>:<account-id>:targetgroup/<tg-name>/<id>) due to (reason Health checks failed with these codes: [404]).
(service <service>) has started 2 tasks: (task <task-id>). Amazon ECS replaced 2 tasks due to an unhealthy status.
```
Stopped reason (`stopCode` `ServiceSchedulerInitiated`), then possibly the circuit breaker:
```text
Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:<region>:<account-id>:targetgroup/<tg-name>/<id>)
```

## How to confirm
1. `aws elbv2 describe-target-health --target-group-arn <tg-arn> --query 'TargetHealthDescriptions[].{ip:Target.Id,port:Target.Port,state:TargetHealth.State,reason:TargetHealth.Reason,desc:TargetHealth.Description}'`
   `Target.ResponseCodeMismatch` with `[301]`, `[308]` or `[404]` belongs to this rule; other codes
   (`302` to a login page, `401`, `403`, `5xx`) point to `health-check-matcher-mismatch` or the application.
2. `aws elbv2 describe-target-groups --target-group-arns <tg-arn> --query 'TargetGroups[0].{path:HealthCheckPath,port:HealthCheckPort,proto:HealthCheckProtocol,matcher:Matcher.HttpCode}'`
   Note the exact path, including any trailing slash, and the matcher.
3. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{name:name,hc:healthCheck.command,ports:portMappings}'`
   A container health check such as `curl -f http://localhost:8080/health-check` names the path the app serves.
4. Optional, from a host in the VPC (not an `aws` command): `curl -si http://<task-ip>:<port><HealthCheckPath>`;
   a `Location:` header on a 301/308 shows the path the app wants.

## Fix
### AWS CLI
```sh
aws elbv2 modify-target-group --target-group-arn <tg-arn> --health-check-path /health-check
```
No redeploy is needed; targets turn healthy after `HealthyThresholdCount` consecutive successes.
### Console
EC2 > Target groups > <tg> > Health checks > Edit > Health check path: the exact path the app serves
(keep or drop the trailing slash to match), Advanced > Success codes: `200`.
### Terraform
```hcl
resource "aws_lb_target_group" "app" {
  # ...
  health_check {
    path    = "/health-check"   # was "/health-check/", which returned 301
    matcher = "200"
  }
}
```
Copilot: `http.healthcheck.path` in the service manifest; CDK: `targetGroup.configureHealthCheck({ path })`.

## Alternatives
- Serve both spellings in the application (disable the slash redirect for the health route).
- Widen the matcher, e.g. `matcher = "200-399"`: the redirect then counts as healthy, but so does a
  redirect to an error page; prefer fixing the path.
- Use a dedicated, cheap endpoint (`/healthz`) that does not depend on the database, so that a slow
  dependency does not take every task out of the target group.

## Prevention
- Define the health path once and feed it to both the target group and the container `healthCheck`.
- Test `curl -s -o /dev/null -w '%{http_code}' <path>` against the container in CI: it must print `200`
  without following redirects.
- Set `healthCheckGracePeriodSeconds` so slow starts are not mistaken for a wrong path.

"""#,
    "health-check-port-mismatch": #"""
# health-check-port-mismatch: the load balancer checks or routes to a port the container does not serve

ECS registers each task in the target group on the port the service names: the container port for
`awsvpc` tasks, the (possibly dynamic) host port for `bridge`. The load balancer checks the target on
`HealthCheckPort`, which should normally be `traffic-port`, the port the target was registered with.
An explicit port that no container of the task listens on makes every check time out or be refused,
and with dynamic host ports any fixed port is wrong for most tasks. The service's
`loadBalancers[].containerName` / `containerPort` must also name a container of the task definition
and one of its `portMappings`; otherwise ECS refuses to create the service.

## How it shows up
API error from `CreateService` / `UpdateService`:
```text
InvalidParameterException: The container app did not have a container port 80 defined.
```
For a bridge-mode definition with dynamic host ports (`hostPort` 0) and a target group whose health check port
is fixed, the same calls (and CloudFormation's `AWS::ECS::Service`) refuse the service:
```text
The task definition is configured to use a dynamic host port, but the target group with targetGroupArn <tg-arn> has a health check port specified.
```
Only `traffic-port` follows each task's ephemeral host port: set the health check port back to it
(`aws elbv2 modify-target-group --target-group-arn <tg-arn> --health-check-port traffic-port`).
Target health and service events when the health check port is wrong:
```text
"Reason": "Target.Timeout", "Description": "Request timed out"
"Reason": "Target.FailedHealthChecks", "Description": "Health checks failed"
(service <service>) (port 8080) is unhealthy in (target-group <tg-arn>) due to (reason Request timed out).
```
`describe-target-health` prints the port it checks in `HealthCheckPort`, next to the target's `Port`.

## How to confirm
1. `aws elbv2 describe-target-groups --target-group-arns <tg-arn> --query 'TargetGroups[0].{port:Port,hcPort:HealthCheckPort,proto:HealthCheckProtocol}'`
2. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].loadBalancers'`
3. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{mode:networkMode,ports:containerDefinitions[].{name:name,ports:portMappings}}'`
   The health check port must be one of the container ports (`awsvpc`) or static host ports (`bridge`/`host`);
   the service's `containerPort` must be in the named container's `portMappings`.

## Fix
### AWS CLI
```sh
aws elbv2 modify-target-group --target-group-arn <tg-arn> --health-check-port traffic-port
aws ecs update-service --cluster <cluster> --service <service> \
  --load-balancers targetGroupArn=<tg-arn>,containerName=<container>,containerPort=<mapped-port>
```
### Console
EC2 > Target groups > <tg> > Health checks > Edit > Advanced > Port: "Traffic port". For the service
port, ECS > service > Update > Load balancing > container to load balance: pick the mapped port.
### Terraform
```hcl
resource "aws_lb_target_group" "app" {
  health_check { port = "traffic-port" }
}
resource "aws_ecs_service" "app" {
  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = "app"
    container_port   = 8080   # must be a containerPort in the container's portMappings
  }
}
```

## Alternatives
- If the health endpoint really lives on a second port (a management port), map that port in the
  container's `portMappings` and allow it from the load balancer in the task's security group.
- Add the missing port mapping to the container and register a new task definition revision instead of
  changing the service.

## Prevention
- Leave `HealthCheckPort` at `traffic-port` unless there is a reason.
- Derive `container_port` in the service and in `portMappings` from the same variable.

"""#,
    "host-port-conflict": #"""
# host-port-conflict: a static hostPort is already taken on the instances that could run the task

In `bridge` and `host` network mode a container port is published on the container instance itself.
A fixed `hostPort` (say 80 or 8080) can be held by only one task per instance, so a service with a
static port can run at most one task per instance, and a rolling deployment with `maximumPercent`
above 100 needs a spare instance for the new task before an old one stops. In `host` mode the host
port always equals the container port. The scheduler also counts ports already reserved on the
instance (the agent reserves 22, 2375, 2376, 51678 and 51679 by default, plus anything in
`ECS_RESERVED_PORTS`) and refuses an instance whose reserved host ports would exceed 100. Dynamic
host ports (`hostPort: 0`, or omitted, in `bridge` mode) take a free port from the ephemeral range
instead, so any number of copies fit on an instance; a load balancer target group of type `instance`
follows the port ECS registers.

## How it shows up
Service events (docs wording; the second carries the chosen container instance ID in practice):
```text
service (service-name) was unable to place a task because no container instance met all of its requirements.
The closest matching container-instance is already using a port required by your task.
```
`RunTask` / `StartTask` answer with the task in `failures[]` (the ARN is the container instance):
```text
RESOURCE:PORTS
RESOURCE:PORTS_TCP
RESOURCE:PORTS_UDP
```
Typical pattern: the first task of a service runs, the second stays unplaced; or a deployment never
progresses because the new revision cannot start next to the old one on a single instance.

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{mode:networkMode,ports:containerDefinitions[].{c:name,p:portMappings}}'`
   Any `hostPort` other than 0 (or, in `host` mode, any `containerPort`) is static.
2. `aws ecs describe-container-instances --cluster <cluster> --container-instances <arn> --query "containerInstances[0].{ports:remainingResources[?name=='PORTS'].stringSetValue|[0],tasks:runningTasksCount}"`
   The `PORTS` set lists host ports already reserved on that instance; the static port is in it.
3. `aws ecs list-tasks --cluster <cluster> --container-instance <arn>` then
   `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn...> --query 'tasks[].{td:taskDefinitionArn,group:group,bindings:containers[].networkBindings}'`
   Which task holds the port: another revision of the same service, or a different service.
4. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{desired:desiredCount,deploy:deploymentConfiguration,constraints:placementConstraints}'`
   and `aws ecs describe-clusters --clusters <cluster> --query 'clusters[0].registeredContainerInstancesCount'`.
   With a static port, desired count (times `maximumPercent`/100 during a deployment) cannot exceed the instance count.

## Fix
### AWS CLI
```sh
# Dynamic host ports: same definition with "hostPort": 0 in bridge mode, then deploy it.
jq '.taskDefinition | {family,networkMode,containerDefinitions,cpu,memory,executionRoleArn,taskRoleArn,requiresCompatibilities,volumes}
    | with_entries(select(.value != null)) | .containerDefinitions[].portMappings[]?.hostPort = 0' \
  <(aws ecs describe-task-definition --task-definition <family>) > td.json
aws ecs register-task-definition --cli-input-json file://td.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
# Let the load balancer reach the ephemeral range on the instances.
aws ec2 authorize-security-group-ingress --group-id <instance-sg> --protocol tcp \
  --port 32768-65535 --source-group <lb-sg>
```
Keeping the static port instead: add instances, or let the deployment stop before it starts
(`--deployment-configuration minimumHealthyPercent=50,maximumPercent=100`).
### Console
ECS > Task definitions > <family> > Create new revision > Container > Port mappings: leave Host port
empty (0) in bridge mode. EC2 > Security groups > <instance-sg> > Inbound rules: the ephemeral range from the LB group.
### Terraform
In `aws_ecs_task_definition.container_definitions`: `portMappings = [{ containerPort = 8080, hostPort = 0, protocol = "tcp" }]`
with `network_mode = "bridge"`; `aws_lb_target_group { target_type = "instance" }`; an `aws_security_group_rule`
for the ephemeral range from the load balancer's security group.

## Alternatives
- `awsvpc` network mode gives each task its own ENI and IP, so ports never collide, but each task
  consumes an ENI on the instance (`eni-limit-reached`); use a target group of type `ip`.
- Keep one task per instance deliberately with a `distinctInstance` placement constraint and size the
  group to the desired count plus one.

## Prevention
- Default to `hostPort: 0` in bridge mode; reserve static ports for daemons.
- In review, flag any static `hostPort` in a service whose desired count can exceed its instance count.

"""#,
    "iam-access-denied": #"""
# iam-access-denied: an AWS call made for the task was denied

An AWS API answered `AccessDenied` / `AccessDeniedException` / `not authorized` / `403` to a call ECS or
the task made, and no cause rule in the snapshot explains which policy is at fault. IAM allows a call
only if some policy allows it and none denies it: the role's identity policies, its permissions
boundary, a session policy, the organization's SCPs and RCPs, the resource's own policy (ECR
repository, Secrets Manager secret, KMS key, S3 bucket) and any VPC endpoint policy on the path all
take part. The error names the principal, the action, the resource and, in current wording, the kind of
policy that decided. Which principal it is tells you where to look: the execution role (image pull,
logs, secrets, env files), the task role (the application's own calls), the container instance role
on EC2, or the user/pipeline that called ECS.

## How it shows up
Stopped reasons (`stopCode` `TaskFailedToStart`), pre-2024 and current:
```text
CannotPullECRContainerError: AccessDeniedException: User: arn:aws:sts::<account-id>:assumed-role/<role>/<session> is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action
CannotPullContainerError: Error response from daemon: pull access denied for <account-id>.dkr.ecr.<region>.amazonaws.com/<repo>, repository does not exist or may require 'docker login': denied: User: arn:aws:sts::<account-id>:assumed-role/<role>/<session> is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:<region>:<account-id>:repository/<repo> because no identity-based policy allows the ecr:BatchGetImage action
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret <secret-arn> from secrets manager: AccessDeniedException: Access to KMS is not allowed status code: 400, request id: <id>
```
2024 "enhanced" prefix added by the agent on ECR permission errors (note the typographic apostrophe):
```text
CannotPullContainerError: The task can’t pull the image. Check that the role has the permissions to pull images from the registry. Error response from daemon: pull access denied for <account-id>.dkr.ecr.<region>.amazonaws.com/<repo>, repository does not exist or may require 'docker login': denied: User: arn:aws:sts::<account-id>:assumed-role/<role>/<session> is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:<region>:<account-id>:repository/<repo> because no identity-based policy allows the ecr:BatchGetImage action
```
Service event when the ECS service-linked role or its policies are broken:
```text
IAM permissions policies have been misconfigured or changed, and ECS can no longer maintain your service
```
The ending names the deciding policy: `because no identity-based policy allows`, `because no
resource-based policy allows`, `with an explicit deny in an identity-based policy`, `with an explicit
deny in a service control policy`, `because no permissions boundary allows`, `... VPC endpoint policy ...`.

## How to confirm
1. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{reason:stoppedReason,containers:containers[].reason}'`
   Copy the principal (`assumed-role/<role>/...`), the action and the resource from the message.
2. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{exec:executionRoleArn,task:taskRoleArn}'`
   Match `<role>` to the execution role or the task role.
3. `aws iam list-attached-role-policies --role-name <role>` and `aws iam list-role-policies --role-name <role>`, then
   `aws iam get-policy-version --policy-arn <policy-arn> --version-id <default-version>` / `aws iam get-role-policy --role-name <role> --policy-name <name>`:
   is the action allowed on that resource? Is there a `Deny`?
4. `aws iam get-role --role-name <role> --query 'Role.PermissionsBoundary'`: a boundary must also allow the action.
5. Resource policies: `aws ecr get-repository-policy --repository-name <repo>` (cross-account pulls),
   `aws secretsmanager get-resource-policy --secret-id <secret-arn>`, `aws kms get-key-policy --key-id <key-id> --policy-name default`
   (for "Access to KMS is not allowed": the execution role needs `kms:Decrypt` on the customer managed key).
6. `aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=<vpc-id> --query 'VpcEndpoints[].{svc:ServiceName,policy:PolicyDocument}'`
   when the message names a VPC endpoint policy.
7. `aws organizations list-policies-for-target --target-id <account-id> --filter SERVICE_CONTROL_POLICY`
   (from the management account) when it names a service control policy.

## Fix
### AWS CLI
```sh
# Execution role: the managed policy covers ECR pull and awslogs.
aws iam attach-role-policy --role-name <execution-role> \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
# Secrets / parameters / KMS: add exactly what the message names.
aws iam put-role-policy --role-name <execution-role> --policy-name read-secrets --policy-document '{
  "Version":"2012-10-17","Statement":[{"Effect":"Allow",
  "Action":["secretsmanager:GetSecretValue","ssm:GetParameters","kms:Decrypt"],
  "Resource":["<secret-arn>","arn:aws:ssm:<region>:<account-id>:parameter/<name>","<kms-key-arn>"]}]}'
```
### Console
IAM > Roles > <role> > Permissions > Add permissions (attach policy or create inline policy);
ECR > Repositories > <repo> > Permissions for cross-account pulls; KMS > key > Key policy.
### Terraform
`aws_iam_role_policy_attachment` (`policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"`),
`aws_iam_role_policy` with a `data "aws_iam_policy_document"` naming the exact actions and ARNs,
`aws_ecr_repository_policy` for cross-account pulls, `aws_kms_key.policy` for the key.

## Alternatives
- Prefer the narrow statement the message asks for over `*` actions; `ecr:GetAuthorizationToken` is the
  one action that must use `Resource: "*"`.
- If the deny is explicit (SCP, boundary, `Deny` statement), adding an `Allow` does not help: change or
  scope the denying policy, or use a role outside its scope.

## Prevention
- Keep execution role and task role separate and generated from the task definition's needs.
- Grant `kms:Decrypt` together with every secret encrypted by a customer managed key.
- Review SCP and endpoint-policy changes against the ECS roles before rollout.

"""#,
    "image-not-found": #"""
# image-not-found: the image, tag, digest or repository does not exist where the task looks

The task reached the registry, but the registry has nothing under the reference in
`containerDefinitions[].image`. The usual causes: a typo in the repository or tag; a tag the pipeline never
pushed (or pushed to another account or region: an ECR URI names both, `<account-id>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`);
a short name such as `nginx:<sha>` that was meant to be an ECR URI and so is looked up on Docker Hub; a
lifecycle policy that expired the tag; or a digest that no longer exists. Since June 2024 a service resolves
each tag to a digest when a deployment starts and starts every later task of that deployment from that digest.
When the tag is then moved and the old image is deleted (for example by a lifecycle rule on untagged
images), replacement tasks, including those started by Fargate task retirement, fail with
`<repo>:<tag>@sha256:<digest>: not found` although the tag itself exists. The task stops with `stopCode`
`TaskFailedToStart`. A registry that hides private repositories answers "not found" to a caller it does not
authorise, so "does not exist or no pull access" may be a permission problem (`execution-role-cannot-pull-image`).

## How it shows up
Fargate/containerd (`<ecr-uri>` is the full image URI as written in the task definition):
```text
CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref <ecr-uri>:tag: <ecr-uri>:tag: not found
CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref <account-id>-<region>.amazonaws.com/<repo>:<tag>@sha256:<digest>: not found
```
A deleted digest pulled cross-account can answer 403 instead of 404:
```text
CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref .dkr.ecr.<region>.amazonaws.com/<repo>:latest@sha256:<digest>: unexpected status from HEAD request to https://.dkr.ecr.<region>.amazonaws.com/v2/<repo>/blobs/sha256:<digest>: 403 Forbidden
```
EC2/Docker and older Fargate platforms:
```text
CannotPullContainerError: API error (404): repository <account-id>.dkr.ecr.<region>.amazonaws.com/<repo>/<image> not found
CannotPullContainerError: API error (404): repository serverless-batch not found: does not exist or no pull access
CannotPullContainerError: API error (404): manifest for <account-id>.dkr.ecr.<region>.amazonaws.com/<repo>:latest not found
CannotPullContainerError: Error response from daemon: manifest for nginx:<commit-sha> not found
CannotPullContainerError: Error response from daemon: pull access denied for <account-id>.dkr.ecr.<region>.amazonaws.com/<repo>, repository does not exist or may require 'docker login'
```
The EC2 agent (2024+) prefixes `The task can’t pull the image. Check whether the image exists.` (typographic apostrophe).

An image is only called missing from configuration when the snapshot's ECR listings speak for its registry:
the snapshot's own account, or a registry the listings show. An image in another account's registry that could
not be described (AccessDenied on `describe-repositories`, recorded in `collectErrors`) is not missing: it
is unknown, and `aws ecr describe-images --registry-id <account-id> ...` from a role of that account settles it.

## How to confirm
1. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{reason:stoppedReason,c:containers[].{n:name,img:image,digest:imageDigest,r:reason}}'`
   The exact reference that failed. A bare `name:tag` with no registry host means Docker Hub.
2. `aws ecr describe-repositories --registry-id <registry-account-id> --region <region> --repository-names <repo>`
   `RepositoryNotFoundException`: wrong name, account or region in the URI.
3. `aws ecr describe-images --registry-id <registry-account-id> --region <region> --repository-name <repo> --image-ids imageTag=<tag>`
   `ImageNotFoundException`: the tag is missing. For a digest use `--image-ids imageDigest=sha256:<digest>`.
   If the tag exists with another digest, the tag moved under a running deployment (`mutable-tag-not-redeployed`).
4. `aws ecr list-images --registry-id <registry-account-id> --region <region> --repository-name <repo> --filter tagStatus=TAGGED --query 'imageIds[].imageTag'`
   and `aws ecr get-lifecycle-policy --registry-id <registry-account-id> --region <region> --repository-name <repo>`: a rule that expires the tag pattern or old images.
5. Repository exists, image exists, still "no pull access": `aws iam simulate-principal-policy --policy-source-arn <execution-role-arn> --action-names ecr:BatchGetImage --resource-arns arn:aws:ecr:<region>:<registry-account-id>:repository/<repo>`,
   and cross-account `aws ecr get-repository-policy --registry-id <registry-account-id> --repository-name <repo>` (`execution-role-cannot-pull-image`).

## Fix
### AWS CLI
```sh
# Point the task definition at an image that exists (prefer the digest printed by describe-images):
#   "image": "<account-id>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest>"
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .containerDefinitions |= map(if .name == "<container>" then .image = "<account-id>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest>" else . end)' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family> --force-new-deployment
# Or publish the missing tag on an image that exists:
MANIFEST=$(aws ecr batch-get-image --repository-name <repo> --image-ids imageDigest=sha256:<digest> --query 'images[0].imageManifest' --output text)
aws ecr put-image --repository-name <repo> --image-tag <tag> --image-manifest "$MANIFEST"
```
A new deployment re-resolves the tag to its current digest; that is the fix for a deleted digest.
### Console
ECR > Private registry > Repositories > <repo>: check the tag and copy the URI. ECS > Task definitions > <family> >
Create new revision > Container > Image URI. ECS > Clusters > <cluster> > Services > <service> > Update > Force new deployment.
### Terraform
Build the image reference from `aws_ecr_repository.app.repository_url` and a digest output by the build
(`"${aws_ecr_repository.app.repository_url}@${var.image_digest}"`), never a hand-typed string. In
`aws_ecr_lifecycle_policy`, keep enough images (`countNumber`) to cover every deployed digest.

## Alternatives
- Pin images by digest in the task definition: the reference can no longer point at a tag that moved or vanished.
- Cross-account: replicate the repository into the workload account (`aws ecr put-replication-configuration`) so
  a clean-up in the build account cannot break running services.

## Prevention
- Let the pipeline run `aws ecr describe-images` for the exact URI in the target account and region before registering.
- Exclude deployed images from lifecycle expiry (tag them `release-*` and expire only other prefixes).
- Make tags immutable (`imageTagMutability` `IMMUTABLE`) so a tag never names two images.

"""#,
    "image-platform-mismatch": #"""
# image-platform-mismatch: the image was built for another CPU architecture than the task runs on

A task runs on one CPU architecture: on Fargate the task definition's `runtimePlatform.cpuArchitecture`
(`X86_64`, the default, or `ARM64`), on EC2 the instance type (Graviton instances are `arm64`). An image is
either one manifest for one platform, or an index (manifest list) with one entry per platform. When the
image is an index without an entry for the task's platform, the pull itself fails. When the image is a
single-platform manifest for the other architecture, the pull succeeds and the kernel refuses to run the
first binary: `exec format error`, the container exits at once, and the stopped reason is only `Essential
container in task exited`. The classic cause is an image built on an Apple Silicon laptop (arm64) and run on
x86 Fargate, or an x86-only base image run on Graviton. A script without a `#!` line also gives `exec format
error`; check that before rebuilding for another architecture.

## How it shows up
Pull-time, Fargate (service event; stopped reason has the same text after `Reason:`):
```text
(service <service>) was unable to place a task. Reason: CannotPullContainerError: pull image manifest has been retried 7 time(s): image Manifest does not contain descriptor matching platform 'linux/amd64'.
CannotPullContainerError: failed to find a descriptor for platform {linux/amd64}
```
The second form also appears for an OCI index whose entries carry no platform at all.
Pull-time, Docker on an arm64 (Graviton) EC2 instance:
```text
no matching manifest for linux/arm64/v8 in the manifest list entries
```
Run-time, in the container's log stream (`stopCode` `EssentialContainerExited`, exit code usually 1 or 255):
```text
standard_init_linux.go:228: exec user process caused: exec format error
exec /usr/local/bin/streamlit: exec format error
```

Windows hosts: a Windows container under process isolation runs on the host's kernel, so the image's base
must be the host's Windows build (10.0.17763 is Windows Server 2019, `ltsc2019`; 10.0.20348 is Windows
Server 2022, `ltsc2022`). Docker refuses another build at pull time (wording of moby's
`distribution/pull_v2_windows.go`), and Windows itself at start:
```text
CannotPullContainerError: Error response from daemon: a Windows version 10.0.20348-based image is incompatible with a 10.0.17763 host
CannotStartContainerError: Error response from daemon: hcsshim::CreateComputeSystem <id>: The container operating system does not match the host operating system.
```
The fix is the base tag of the hosts' version (or hosts of the image's version: the ECS-optimized Windows
AMI of that release, or Fargate `runtimePlatform.operatingSystemFamily` `WINDOWS_SERVER_2019_CORE`,
`WINDOWS_SERVER_2022_CORE`...), not another CPU architecture.

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{rp:runtimePlatform,compat:requiresCompatibilities,img:containerDefinitions[].image}'`
   No `runtimePlatform` on Fargate means `X86_64`.
2. EC2: `aws ecs list-attributes --cluster <cluster> --target-type container-instance --attribute-name ecs.cpu-architecture`
   and `aws ec2 describe-instances --instance-ids <instance-id> --query 'Reservations[].Instances[].{type:InstanceType,arch:Architecture}'`.
3. ECR, list the platforms in the image index (empty output: a single-platform manifest):
   `aws ecr batch-get-image --repository-name <repo> --image-ids imageTag=<tag> --accepted-media-types application/vnd.oci.image.index.v1+json application/vnd.docker.distribution.manifest.list.v2+json --query 'images[0].imageManifest' --output text | jq '.manifests[]?.platform'`
4. Any registry, from a workstation: `docker buildx imagetools inspect <image>` lists every `Platform:`;
   for a single manifest, `docker pull <image> && docker image inspect --format '{{.Os}}/{{.Architecture}}' <image>`.
5. Run-time error but the architecture matches: `docker run --rm --entrypoint sh <image> -c 'head -c 2 <entrypoint-script>'`
   must print `#!`; if not, the script lacks a shebang (`container-command-not-found`).

## Fix
### AWS CLI
```sh
# Either build the image for every architecture you run on...
docker buildx build --platform linux/amd64,linux/arm64 -t <account-id>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag> --push .
# ...or declare the architecture the image has (Fargate; EC2 needs instances of that architecture):
#   "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"}
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .runtimePlatform = {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"}' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family> --force-new-deployment
```
### Console
ECS > Task definitions > <family> > Create new revision > Infrastructure requirements > Operating system/Architecture
(`Linux/X86_64` or `Linux/ARM64`). Then ECS > <service> > Update > Force new deployment.
### Terraform
```hcl
resource "aws_ecs_task_definition" "app" {
  # ...
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"   # must match the image, or build multi-arch
  }
}
```
CDK: `platform: Platform.LINUX_AMD64` on the image asset; Compose/buildx: `platforms: [linux/amd64, linux/arm64]`.

## Alternatives
- Keep one architecture everywhere and pin the build: `docker build --platform linux/amd64` (or
  `FROM --platform=linux/amd64 ...`) so that laptop builds match the cluster.
- For a third-party image without your architecture, move the task to the architecture it supports rather than emulate.

## Prevention
- Build in CI with `docker buildx build --platform linux/amd64,linux/arm64`, not on developer laptops.
- Set `runtimePlatform` explicitly in every Fargate task definition, so the architecture is visible in review.
- Mixed EC2 capacity: add a placement constraint `attribute:ecs.cpu-architecture == arm64` (or `x86_64`).

"""#,
    "image-pull-failed": #"""
# image-pull-failed: the image could not be pulled, and the message does not say why

`CannotPullContainerError` means the task never got its image. Before a container can start, the agent
resolves the image reference, gets registry credentials (the ECR token through the execution role, or
`repositoryCredentials`), downloads the manifest and then every layer (for ECR the layers come from S3),
and unpacks them on the task's storage. A failure at any of these steps ends with the same error name.
This symptom rule fires when the text does not name the failing step, and no cause rule in the snapshot
explains it. Several causes produce the same words (`context canceled`, `failed open: unexpected status
code`, a bare `pull access denied`). So the playbook lists the likely causes in order, and the commands that
decide between them. The task stops with `stopCode` `TaskFailedToStart`; a service retries and may
trip the deployment circuit breaker (`deployment-failing`).

## How it shows up
Stopped reason or container reason, Fargate/containerd (the AWS docs print `httpReaderSeeker`, real tasks `httpReadSeeker`):
```text
CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReaderSeeker: failed open: unexpected status code
CannotPullContainerError: context canceled.
```
With a status code (the reporting tool had prefixed `TaskFailedToStart - `):
```text
CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/<repo>/blobs/sha256:<digest>: 504 Gateway Time-out
```
EC2/Docker, ambiguous between a missing repository and a denied pull, and an unpack failure:
```text
CannotPullContainerError: Error response from daemon: pull access denied for <account-id>.dkr.ecr.<region>.amazonaws.com/<repo>, repository does not exist or may require 'docker login'
CannotPullContainerError: failed to register layer: ApplyLayer exit status 1 stdout: stderr:
```
The EC2 agent (2024+) may prefix `The task can’t pull the image. Check whether the image exists.` or
`... Check your network configuration.` (typographic apostrophe). Those name the cause and go to its rule.

## How to confirm
Likely causes, in order; each has its own rule whose playbook holds the fix.
1. **Network path to the registry** (`aws-service-unreachable`). `i/o timeout`, `context canceled`,
   `request canceled`, or a manifest that succeeds while layers fail, all point here. ECR layers need S3
   (gateway endpoint or NAT, and an endpoint policy that allows `prod-<region>-starport-layer-bucket`).
   `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{reason:stoppedReason,containers:containers[].{n:name,r:reason,img:image},pv:platformVersion,eni:attachments[0].details}'`
   then `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<subnet-id>` and
   `aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=<vpc-id>`.
2. **Image, tag or repository missing** (`image-not-found`): a typo, a tag never pushed, a lifecycle policy
   that expired it, or the wrong region or account in the URI.
   `aws ecr describe-images --registry-id <registry-account-id> --region <region> --repository-name <repo> --image-ids imageTag=<tag>`
   `ImageNotFoundException` / `RepositoryNotFoundException` decide it. For other registries, run `docker manifest inspect <image>` from a workstation.
3. **Permissions** (`execution-role-cannot-pull-image`, `private-registry-auth`): `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{exec:executionRoleArn,c:containerDefinitions[].{i:image,creds:repositoryCredentials}}'`,
   then `aws iam simulate-principal-policy --policy-source-arn <execution-role-arn> --action-names ecr:BatchGetImage ecr:GetDownloadUrlForLayer --resource-arns arn:aws:ecr:<region>:<registry-account-id>:repository/<repo>`
   and, cross-account, `aws ecr get-repository-policy --registry-id <registry-account-id> --repository-name <repo>`.
4. **Registry refused or failed** (`registry-rate-limited` for 429 / `toomanyrequests`, `registry-unavailable` for
   5xx): the image is on `docker.io` without `repositoryCredentials`, many tasks start at once, and tasks share NAT addresses.
   `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].events[:20].message'`
5. **Platform** (`image-platform-mismatch`): the image has no variant for the task's CPU architecture (`no
   matching manifest for linux/arm64`). Compare `docker manifest inspect <image>` (platforms listed) with
   `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.runtimePlatform'`,
   or on EC2 with `aws ecs list-attributes --cluster <cluster> --target-type container-instance --attribute-name ecs.cpu-architecture`.
6. **Disk space** (`ephemeral-storage-exhausted`): `no space left on device` or `ApplyLayer exit status 1` with a large image.
   `aws ecr describe-images --repository-name <repo> --image-ids imageTag=<tag> --query 'imageDetails[0].imageSizeInBytes'`
   (compressed size; unpacked it is larger) against `taskDefinition.ephemeralStorage` (Fargate default 20 GiB),
   or `df -h /var/lib/docker` on the EC2 instance.

## Fix
Fix the first cause confirmed above; the matching playbook has the exact commands.
### AWS CLI
```sh
# Bigger task storage (Fargate) or an explicit architecture: new revision, then redeploy.
#   "ephemeralStorage": {"sizeInGiB": 50},
#   "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"}
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .ephemeralStorage = {"sizeInGiB": 50}' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family> --force-new-deployment
```
### Console
ECS > Task definitions > <family> > Create new revision: image URI, Operating system/Architecture,
Ephemeral storage, Private registry authentication. Then ECS > <service> > Update > Force new deployment.
### Terraform
In `aws_ecs_task_definition`: a `runtime_platform` block (`cpu_architecture = "ARM64"`), an `ephemeral_storage`
block (`size_in_gib = 50`), `repositoryCredentials.credentialsParameter` in `container_definitions` for
private registries, and image references built from `aws_ecr_repository.app.repository_url`, not typed strings.

## Alternatives
- Copy public images into ECR (or use an ECR pull-through cache rule) to remove Docker Hub limits and the
  internet dependency in one step.
- Pin images by digest (`<repo>@sha256:<digest>`), so that "tag missing" and "tag moved" cannot happen.

## Prevention
- Let the pipeline confirm that the tag exists in the target region and account before registering the task definition.
- Build multi-arch images, or set `runtimePlatform` explicitly.
- Keep images small; raise `ephemeralStorage` deliberately when they cannot be.

"""#,
    "image-reference-invalid": #"""
# image-reference-invalid: the image is empty or not a reference Docker can pull

A container's `image` must be a reference Docker accepts:
`[registry[:port]/]repository[:tag][@algorithm:digest]`, where the repository is made of lowercase
letters and digits joined by `.`, `_`, `__` or dashes, the tag has at most 128 letters, digits, `_`,
`.` and `-` (not starting with `.` or `-`), and a digest is `sha256:` followed by hex (grammar of
distribution/reference, `reference.go` and `regexp.go`). ECS registers task definitions with images it
cannot pull later (capitals are allowed in the API), so the error appears when a task starts. The
usual causes: an empty value from an unset template variable, a trailing space or newline, capitals
in a repository name, a tag with `/` or `+`.

## How it shows up
```text
CannotPullContainerError: Error response from daemon: invalid reference format
CannotPullContainerError: Error response from daemon: invalid reference format: repository name must be lowercase
CannotPullContainerError: failed to prepare a canonical reference with image '482910573318.dkr.ecr.eu-west-1.amazonaws.com/checkout-api:1.42.0' and digest 'sha256:...': invalid checksum digest length
```
With the task definition in the snapshot, the rule checks every container's image itself and names the
container and what is wrong with its image.

## How to confirm
`aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].[name,image]'`
and look for an empty value, whitespace, capitals before the tag, or a digest that is not 64 hex digits.

## Fix
### AWS CLI
Export the definition, correct the image, register it and deploy:
```sh
aws ecs describe-task-definition --task-definition web:12 --query taskDefinition > web.json   # drop the read-only members
aws ecs register-task-definition --cli-input-json file://web.json
aws ecs update-service --cluster prod --service web --task-definition web
```
### Terraform
Check the variable that builds `image` (`"${var.repository_url}:${var.tag}"`): an empty tag gives
`repo:` and an empty URL gives `:tag`, both invalid.

## Alternatives
- Pin by digest (`repository@sha256:...`) from the registry's own output rather than writing it by hand.

## Prevention
- Validate images in CI before registering (`docker manifest inspect <image>` fails on an invalid or
  missing reference), and keep repository names lowercase.

"""#,
    "infrastructure-role-trust": #"""
# infrastructure-role-trust: ECS cannot assume the infrastructure role

Some things ECS does for a task are done by ECS itself, in your account, with a role you give it: the
*infrastructure role*. It creates, attaches and deletes the Amazon EBS volume a task or service
configures (`volumeConfigurations`), and it launches the instances of ECS Managed Instances. ECS
assumes this role as the service principal `ecs.amazonaws.com`, not `ecs-tasks.amazonaws.com` like the
task and execution roles, so a role copied from an execution role does not work. The caller who
creates the service or runs the task must also be allowed to pass the role (`iam:PassRole`), and the
role needs the permissions of its use once assumed. A role created or changed a moment ago can fail
for a few minutes while IAM propagates.

## How it shows up
The task stops before its containers start; the volume attachment's status reason (in
`describe-tasks`, the task's `attachments`, and the console's volume tab) reads:
```text
ECS was unable to assume the configured ECS Infrastructure Role 'arn:aws:iam::<account-id>:role/<role-name>'. Please verify that the role being passed has the proper trust relationship with Amazon ECS
```
A task stopped while the role is broken can stay in `DEPROVISIONING` until the role works again,
because ECS needs it to detach and delete the volume.
(Wording: the developer guide's "Status reasons for Amazon EBS volume attachment to Amazon ECS tasks".)

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[].deployments[].volumeConfigurations[].managedEBSVolume.roleArn'`
   (or the `--volume-configurations` of the `run-task` call): the role ECS was given.
2. `aws iam get-role --role-name <role-name> --query Role.AssumeRolePolicyDocument`: an `Allow`
   statement must have `"Principal": {"Service": "ecs.amazonaws.com"}` and `"Action": "sts:AssumeRole"`.
   `ecs-tasks.amazonaws.com` alone, `NoSuchEntity`, or a condition that does not match confirms it.
3. `aws iam list-attached-role-policies --role-name <role-name>`: `AmazonECSInfrastructureRolePolicyForVolumes`
   (EBS) or `AmazonECSInfrastructureRolePolicyForManagedInstances` (Managed Instances), or equivalent.
4. The caller's own `iam:PassRole` on the role, with `iam:PassedToService` = `ecs.amazonaws.com`: a
   missing grant fails the create or run call itself with `not authorized to perform: iam:PassRole`.

## Fix
### AWS CLI
```sh
aws iam update-assume-role-policy --role-name <role-name> --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam attach-role-policy --role-name <role-name> \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForVolumes
```
For Managed Instances attach `arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForManagedInstances`
instead. Then run the task again, or `aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment`.
### Terraform
```hcl
resource "aws_iam_role" "ecs_infrastructure" {
  name               = "ecsInfrastructureRole"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
resource "aws_iam_role_policy_attachment" "ecs_infrastructure_volumes" {
  role       = aws_iam_role.ecs_infrastructure.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForVolumes"
}
```
The pipeline's role also needs `iam:PassRole` on `aws_iam_role.ecs_infrastructure.arn` with the condition
`iam:PassedToService = ecs.amazonaws.com`.

## Alternatives
- Retry once after a few minutes if the role was just created (IAM propagation).
- If the message names a role you did not mean, fix the `roleArn` in the service's or task's volume
  configuration instead of the role.

## Prevention
- Keep one infrastructure role per account or environment, created with its trust policy and managed
  policy together, and never edit it while tasks with EBS volumes are running: deleting the role or its
  policy leaves those tasks in `DEPROVISIONING` and their volumes undeleted.

"""#,
    "instance-cannot-reach-ecs": #"""
# instance-cannot-reach-ecs: a container instance has no way to the ECS endpoints

On the EC2 launch type the ECS container agent on each instance calls ECS from the instance's own
subnet and security groups: the ECS API (`RegisterContainerInstance`, task state), then the control
channel and the telemetry channel whose hosts `DiscoverPollEndpoint` hands out (`ecs-a-*` and
`ecs-t-*`). Without an internet path those need three interface endpoints:
`com.amazonaws.<region>.ecs`, `com.amazonaws.<region>.ecs-agent` and
`com.amazonaws.<region>.ecs-telemetry`. An instance in a private subnet with no NAT gateway, no
endpoints, or in a public subnet without a public IP, never registers: the cluster stays empty and
the service cannot place tasks, although `ECS_CLUSTER` and the instance role are right. The same
instance also pulls the tasks' images (ECR: `ecr.api`, `ecr.dkr`, S3), ships their `awslogs` and
fetches their secrets, whatever the tasks' network mode; the finding lists those too.

The rule reads the instances of the snapshot (`describe-instances`): those running the service's
tasks, else the cluster's container instances, else, when the cluster has no registered instance,
the running instances registered to no cluster (taken as meant to join it; the finding says so).
An instance whose agent ECS reports connected is never blamed.

## Minimal example
A service on `MyCluster` (launch type EC2), `registeredContainerInstancesCount` 0, and instance
`i-0abc` with `ECS_CLUSTER=MyCluster` in subnet `subnet-a`, whose route table has only the local
route; the VPC has no endpoints.

## How it shows up
```text
(service MyWebService) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster.
```
The finding, as printed:
```text
Instance i-0abc in subnet-a cannot reach ecs, ecs-agent, ecs-telemetry: no NAT gateway, no internet gateway route and no VPC endpoint
```
On the instance, `/var/log/ecs/ecs-agent.log` shows the registration timing out
(`dial tcp ...:443: i/o timeout` to `ecs.<region>.amazonaws.com`).

## How to confirm
1. `aws ec2 describe-instances --instance-ids <instance-id> --query 'Reservations[].Instances[].{subnet:SubnetId,ip:PublicIpAddress,sgs:SecurityGroups[].GroupId}'`
2. `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<subnet-id>` (none: the
   VPC's main table): no `0.0.0.0/0` to an available NAT gateway, or to an internet gateway while the
   instance has no public IP, means endpoints are the only way.
3. `aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=<vpc-id> --query 'VpcEndpoints[].ServiceName'`:
   all of `ecs`, `ecs-agent`, `ecs-telemetry` must be there (private DNS on), with a security group
   admitting TCP 443 from the instances.

## Most common fix
Create the three ECS interface endpoints (and those the tasks need: ECR, S3 gateway, logs) in the
instances' subnets, one subnet per Availability Zone, behind a security group that admits 443 from
the instances. The finding prints the commands with your ids, creating the endpoints' security group
first and passing its id on:
```sh
endpoint_sg=$(aws ec2 create-security-group --group-name ecs-triage-agent-endpoints --description 'HTTPS from ECS tasks and instances to the VPC endpoints' --vpc-id <vpc-id> --query GroupId --output text)
aws ec2 authorize-security-group-ingress --group-id "$endpoint_sg" --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=<instance-sg-id>}]'
aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.ecs --subnet-ids <subnet-id> --security-group-ids "$endpoint_sg" --private-dns-enabled
```
(and the same for `ecs-agent` and `ecs-telemetry`). The agent retries registration; restart it to
hurry (`sudo systemctl restart ecs`).

## Alternatives
- Route `0.0.0.0/0` of the instances' subnets to a NAT gateway in a public subnet: one change covers
  ECS, ECR, logs and public registries.
- Put the instances in a public subnet with a public IP (`AssociatePublicIpAddress` in the launch
  template's network interface).
- If the instance registered to `default` instead, `ECS_CLUSTER` is missing from
  `/etc/ecs/ecs.config` (see `no-container-instances`).

"""#,
    "instance-role-permissions": #"""
# instance-role-permissions: the container instance role lacks what the ECS agent needs

On the EC2 launch type the ECS agent on each instance calls ECS with the instance's role (instance
profile): `ecs:RegisterContainerInstance` to join the cluster, `ecs:DiscoverPollEndpoint` and `ecs:Poll`
to receive tasks, `ecs:StartTelemetrySession` for metrics and `ecs:Submit*` for state changes. For tasks
**without** an execution role it also pulls ECR images (`ecr:GetAuthorizationToken`,
`ecr:BatchGetImage`, `ecr:GetDownloadUrlForLayer`) and creates awslogs streams (`logs:CreateLogStream`,
`logs:PutLogEvents`, plus `logs:CreateLogGroup` with `awslogs-create-group`). The managed policy
`AmazonEC2ContainerServiceforEC2Role` grants all of it except `logs:CreateLogGroup`. An instance whose
role lacks the registration calls never appears in the cluster; one whose role lacks ECR permissions
registers but fails every pull.

## How it shows up
Service event when no instance could register:
```text
service <service> was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster.
```
Stopped reason of a task without an execution role (the principal is the instance role, the session is the instance id):
```text
CannotPullContainerError: AccessDeniedException: User: arn:aws:sts::<account-id>:assumed-role/<instance-role>/<instance-id> is not authorized to perform: ecr:GetAuthorizationToken on resource: * status code: 400, request id: <request-id>
```
On the instance, `/var/log/ecs/ecs-agent.log` shows `AccessDeniedException` for `RegisterContainerInstance`.

## How to confirm
1. `aws ec2 describe-instances --instance-ids <instance-id> --query 'Reservations[].Instances[].IamInstanceProfile'`
2. `aws iam get-instance-profile --instance-profile-name <profile> --query 'InstanceProfile.Roles[].RoleName'`
3. `aws iam list-attached-role-policies --role-name <instance-role>`: `AmazonEC2ContainerServiceforEC2Role` attached?
4. `aws iam simulate-principal-policy --policy-source-arn <instance-role-arn> --action-names ecs:RegisterContainerInstance ecs:Poll ecs:DiscoverPollEndpoint ecr:GetAuthorizationToken`

## Fix
### AWS CLI
```sh
aws iam attach-role-policy --role-name <instance-role> \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
# On an instance that never registered, restart the agent once the role is fixed:
sudo systemctl restart ecs
```
### Console
IAM > Roles > <instance-role> > Add permissions > Attach policies > `AmazonEC2ContainerServiceforEC2Role`.
For an instance without a profile: EC2 > Instances > <instance> > Actions > Security > Modify IAM role.
### Terraform
```hcl
resource "aws_iam_role_policy_attachment" "ecs_instance" {
  role       = aws_iam_role.ecs_instance.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
}
resource "aws_iam_instance_profile" "ecs_instance" {
  role = aws_iam_role.ecs_instance.name
}
```

## Alternatives
- Give every task definition an execution role: pulls and logs then use it, and the instance role only
  needs the agent's own calls.
- `AmazonSSMManagedInstanceCore` alongside lets you reach the instance with Session Manager; it grants nothing the agent needs.

## Prevention
- Launch templates of ECS capacity providers reference one reviewed instance profile.
- Alarm on a cluster whose `registeredContainerInstancesCount` stays below the Auto Scaling group's size.

"""#,
    "insufficient-cluster-resources": #"""
# insufficient-cluster-resources: no container instance has the CPU, memory or GPU the task reserves

On the EC2 launch type the scheduler places a task only on an instance whose *unreserved* resources
cover the task's reservation: task-level `cpu`/`memory` when set, otherwise the sum of the containers'
`cpu` and `memory` (hard limit) or `memoryReservation` (soft limit), plus any `resourceRequirements`
of type `GPU`. What counts is `remainingResources` on the container instance, not the instance's
size: the agent registers less memory than the instance type advertises (the OS and
`ECS_RESERVED_MEMORY` are subtracted), every running task keeps its reservation whether it uses it
or not, and 1 vCPU is 1,024 CPU units. The event names only the *closest* matching instance, so
"insufficient CPU" on one instance does not mean every instance is short of CPU; it means none had
everything at once. Running tasks are fine; new tasks stay unplaced until capacity frees up or grows.

## How it shows up
Service events (docs wording; the memory form quoted from a real service):
```text
service (service-name) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance container-instance-id has insufficient CPU units available.
service httpd-web-SRZPVERKQOL was unable to place a task because no container instance met all of its requirements. The closest matching container-instance b1a73168-f8a6-4ed9-b69e-94adc7a0f1e0 has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.
```
`RunTask` / `StartTask` return the task in `failures[]` with the container instance ARN and one of:
```text
RESOURCE:CPU
RESOURCE:MEMORY
RESOURCE:GPU
```
With circuit breaker on, a partly placed deployment also logs
`service (service-name) could not launch number tasks for deployment deployment-id.` with the reason.

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{cpu:cpu,memory:memory,containers:containerDefinitions[].{n:name,cpu:cpu,mem:memory,res:memoryReservation,gpu:resourceRequirements}}'`
   The reservation the scheduler must find: task-level values win over the container sums.
2. `aws ecs list-container-instances --cluster <cluster> --status ACTIVE` then
   `aws ecs describe-container-instances --cluster <cluster> --container-instances <arn...> --query "containerInstances[].{ec2:ec2InstanceId,type:attributes[?name=='ecs.instance-type'].value|[0],cpuFree:remainingResources[?name=='CPU'].integerValue|[0],memFree:remainingResources[?name=='MEMORY'].integerValue|[0],memTotal:registeredResources[?name=='MEMORY'].integerValue|[0],running:runningTasksCount}"`
   Confirmed when no instance has both `cpuFree >= cpu` and `memFree >= memory`.
   `memTotal` below the task's memory means the task can never fit that instance type.
3. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{desired:desiredCount,running:runningCount,pending:pendingCount,strategy:placementStrategy,constraints:placementConstraints,cps:capacityProviderStrategy}'`
   Constraints (`memberOf`, `distinctInstance`) shrink the set of candidate instances.
4. `aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names <asg> --query 'AutoScalingGroups[0].{desired:DesiredCapacity,max:MaxSize}'`
   At `max`, managed scaling cannot add instances.

## Fix
### AWS CLI
```sh
# More capacity: raise the group (or let a capacity provider with managed scaling do it).
aws autoscaling update-auto-scaling-group --auto-scaling-group-name <asg> --max-size 6 --desired-capacity 4
aws ecs update-capacity-provider --name <cp> \
  --auto-scaling-group-provider 'managedScaling={status=ENABLED,targetCapacity=100}'
# Or a smaller reservation: register a revision with lower cpu/memory (or memoryReservation) and deploy it.
aws ecs register-task-definition --cli-input-json file://taskdef-smaller.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
### Console
EC2 > Auto Scaling groups > <asg> > Details > Group details > Edit. ECS > Clusters > <cluster> >
Infrastructure > Capacity providers > Update. ECS > Task definitions > <family> > Create new revision
(task size, container memory).
### Terraform
`aws_autoscaling_group.max_size` / `desired_capacity`; `aws_ecs_capacity_provider { auto_scaling_group_provider {
managed_scaling { status = "ENABLED", target_capacity = 100 } } }` with the service's
`capacity_provider_strategy`; lower `cpu` / `memory` (or container `memoryReservation`) in `aws_ecs_task_definition`.

## Alternatives
- Use a larger instance type, or several types through a mixed-instances group, when one task is
  close to an instance's registered memory.
- Move the service to Fargate, which sizes capacity per task.

## Prevention
- Size tasks from observed usage (Container Insights `CpuUtilized`/`MemoryUtilized`) and prefer `memoryReservation` with a higher hard limit.
- Use capacity providers with managed scaling so placement failures trigger scale-out.
- Alarm on the `CPUReservation` / `MemoryReservation` cluster metrics before they reach 100%.

"""#,
    "launch-type-incompatible": #"""
# launch-type-incompatible: the task definition does not support the launch type asked for

ECS starts a task with a launch type (or capacity provider) only when the task definition is
compatible with it. `requiresCompatibilities` at registration decides it; `describe-task-definition`
shows the result in `compatibilities`. A definition registered for EC2 only (or without
`requiresCompatibilities`, with `bridge` networking or no task size) cannot be used by a Fargate
service or `run-task --launch-type FARGATE`, and the reverse holds for `EXTERNAL`/`EC2`.

## How it shows up
API error from `CreateService`, `UpdateService` or `RunTask`:
```text
InvalidParameterException: Task definition does not support launch_type FARGATE.
```

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{requires:requiresCompatibilities,compat:compatibilities,mode:networkMode,cpu:cpu,memory:memory}'`
2. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{lt:launchType,cps:capacityProviderStrategy}'`
   The service's launch type is not in `compatibilities`.

## Fix
### AWS CLI
```sh
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .requiresCompatibilities = ((.requiresCompatibilities // []) + ["FARGATE"] | unique) | .networkMode = "awsvpc" | .cpu = "256" | .memory = "512"' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
### Console
ECS > Task definitions > <family> > Create new revision > Infrastructure requirements > Launch type: AWS Fargate.
### Terraform
```hcl
resource "aws_ecs_task_definition" "app" {
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
}
```

## Alternatives
- Run the service with a launch type the definition already supports (e.g. EC2).
- `requiresCompatibilities` may list both `EC2` and `FARGATE` when the definition satisfies both.

## Prevention
- Register definitions with explicit `requires_compatibilities` matching the services that use them;
  deployment scripts that re-register a definition must carry the field over.

"""#,
    "lb-sg-blocks-task-port": #"""
# lb-sg-blocks-task-port: the targets' security group does not admit the load balancer

The load balancer sends health checks and requests to each target from its own security groups (ALB,
NLB with security groups) or from its nodes' addresses in its subnets (NLB without security groups).
The security groups on the target must admit that source on the port the target is registered with:
for `awsvpc` tasks (all of Fargate) the task's own security groups on the container port; for `bridge`
and `host` tasks the container instance's security groups on the host port, which for dynamic host
ports (`hostPort` 0) is any port of the ephemeral range 32768-65535. When they do not, every check
times out, the targets never become healthy and ECS keeps replacing the tasks; clients see 502/503/504.

What admits the load balancer: a rule referencing one of its security groups, or a rule whose address
block holds every one of its subnets, since its nodes (one per subnet) send from private addresses
there: `0.0.0.0/0`, the VPC's block, or each subnet's own block. A block narrower than a subnet may or
may not hold the node's address; ecs-triage then says nothing rather than guess. An NLB created without
security groups can only be admitted by address. With client IP preservation (the default for
`instance` target groups and for UDP; off for `ip` target groups over TCP/TLS) client traffic keeps the
clients' addresses, so the targets must admit the clients too; health checks always come from the nodes.

## How it shows up
Target health and service events:
```text
"Reason": "Target.Timeout", "Description": "Request timed out"
service <service> (instance i-016b0a460d9974567) (port 1047) is unhealthy in target-group <tg-name> due to (reason Request timed out)
Task failed ELB health checks in (target-group <tg-arn>)
```

## How to confirm
1. `aws elbv2 describe-load-balancers --load-balancer-arns <lb-arn> --query 'LoadBalancers[0].{sgs:SecurityGroups,azs:AvailabilityZones}'`
2. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{net:networkConfiguration,lbs:loadBalancers}'`
   (for EC2 tasks: `aws ec2 describe-instances --instance-ids <container-instance-ec2-id> --query 'Reservations[].Instances[].SecurityGroups'`)
3. `aws ec2 describe-security-groups --group-ids <task-or-instance-sg> --query 'SecurityGroups[].IpPermissions'`
   Look for a TCP rule covering the port (or 32768-65535) whose source is the load balancer's security group,
   or a block holding all of its subnets:
   `aws ec2 describe-subnets --subnet-ids <lb-subnets> --query 'Subnets[].CidrBlock'`.

## Fix
### AWS CLI
```sh
aws ec2 authorize-security-group-ingress --group-id <task-sg> --protocol tcp --port 8080 --source-group <alb-sg>
# bridge with dynamic host ports, on the container instances' security group:
aws ec2 authorize-security-group-ingress --group-id <instance-sg> --protocol tcp --port 32768-65535 --source-group <alb-sg>
```
Security group changes apply immediately; the next checks pass.
### Console
EC2 > Security groups > <task-sg> > Inbound rules > Edit > Add rule: Custom TCP, port 8080 (or
32768-65535), source: the load balancer's security group.
### Terraform
```hcl
resource "aws_vpc_security_group_ingress_rule" "alb_to_tasks" {
  security_group_id            = aws_security_group.tasks.id
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
}
```

## Alternatives
- Allow the load balancer's subnets' blocks (or the VPC's) instead of its group: the only way for an NLB
  created without security groups, and broader than a group reference otherwise.
- Use static host ports in `bridge` mode to open a single port (one task per port per instance).
- Check network ACLs of the task subnets too: they must allow the port inbound and 1024-65535 outbound.

## Prevention
- Create the task security group rule in the same module as the load balancer, referencing its group.
- For dynamic ports, open 32768-65535 from the load balancer's group only, never from 0.0.0.0/0.

"""#,
    "log-group-missing": #"""
# log-group-missing: the awslogs log group does not exist and nothing creates it

A container with `logConfiguration.logDriver` `awslogs` writes to the group named by `awslogs-group` in the
region named by `awslogs-region`. Before the container starts, the log driver creates its stream
`<awslogs-stream-prefix>/<container-name>/<task-id>` in that group, and CloudWatch Logs refuses when the group does
not exist. The driver creates the group itself only when `awslogs-create-group` is `"true"` (a string), and then
the execution role (the instance role for EC2 tasks without one) also needs `logs:CreateLogGroup`, which
`AmazonECSTaskExecutionRolePolicy` does not grant. The usual causes: the group was never created (the ECS console's
auto-configuration takes care of it; IaC and the CLI do not); a typo or a different leading `/`; the group
exists in another region than `awslogs-region`; or the group was deleted with the stack that owned it. The task
stops before the application runs, with `stopCode` `TaskFailedToStart` and no logs to read. The 2024 wording
"The task cannot find the Amazon CloudWatch log group defined in the task definition. There is a connection issue
between the task and Amazon CloudWatch." is a network timeout, not a missing group: see `aws-service-unreachable`.

## How it shows up
Fargate (platform 1.4.0+; note `times` without `(s)`):
```text
ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1
```
EC2/Docker and Fargate 1.3:
```text
CannotStartContainerError: Error response from daemon: failed to initialize logging driver: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist.
CannotStartContainerError: Error response from daemon: failed to initialize logging driver: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. status code: 400, request id: <request-id>
```
Not this rule: the network form (`aws-service-unreachable`) and the permission form after enabling creation (`execution-role-cannot-write-logs`):
```text
ResourceInitializationError: failed to validate logger args: The task cannot find the Amazon CloudWatch log group defined in the task definition. There is a connection issue between the task and Amazon CloudWatch. Check your network configuration. : signal: killed
CannotStartContainerError: Error response from daemon: failed to initialize logging driver: failed to create Cloudwatch log group: AccessDeniedException: User: arn:aws:sts::<account-id>:assumed-role/<role-name>
```

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{n:name,opts:logConfiguration.options}'`
   Note `awslogs-group`, `awslogs-region` (a region code such as `us-east-1`, nothing else) and `awslogs-create-group`.
2. `aws logs describe-log-groups --region <awslogs-region> --log-group-name-prefix <awslogs-group> --query 'logGroups[].logGroupName'`
   Empty: the group is missing in that region. A name that differs only in case or a leading `/` is a different group.
3. `aws logs describe-log-groups --region <other-region> --log-group-name-prefix <awslogs-group>`: created in the wrong region.
4. Who deleted it: `aws cloudtrail lookup-events --region <awslogs-region> --lookup-attributes AttributeKey=EventName,AttributeValue=DeleteLogGroup --max-results 20`.
5. If you choose `awslogs-create-group` instead: `aws iam simulate-principal-policy --policy-source-arn <execution-role-arn> --action-names logs:CreateLogGroup --resource-arns 'arn:aws:logs:<region>:<account-id>:log-group:<awslogs-group>:*'`.

## Fix
### AWS CLI
```sh
aws logs create-log-group --region <awslogs-region> --log-group-name <awslogs-group>
aws logs put-retention-policy --region <awslogs-region> --log-group-name <awslogs-group> --retention-in-days 30
aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment   # or just run the task again
```
The task definition does not change. With `awslogs-create-group` `"true"` instead, add `logs:CreateLogGroup` to
the execution role (`execution-role-cannot-write-logs`) and register a new revision.
### Console
CloudWatch > Logs > Log groups > Create log group (name exactly as in `awslogs-group`, in `awslogs-region`), set retention.
### Terraform
```hcl
resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/app"
  retention_in_days = 30
}
# container_definitions: logConfiguration = { logDriver = "awslogs", options = {
#   "awslogs-group" = aws_cloudwatch_log_group.app.name, "awslogs-region" = var.region,
#   "awslogs-stream-prefix" = "app" } }
```
Referencing the resource makes Terraform create the group before the task definition and keeps the names equal.

## Alternatives
- `"awslogs-create-group": "true"` plus `logs:CreateLogGroup` on the execution role: no pre-created group, but the
  group gets no retention (logs kept forever) and no KMS key unless set later.
- Send logs through FireLens (`awsfirelens`) to a destination that does not need a pre-created group.

## Prevention
- Create the log group in the same stack as the task definition and reference it, never type the name twice.
- Protect shared log groups from deletion (separate stack, deny `logs:DeleteLogGroup` in an SCP).

"""#,
    "memory-not-specified": #"""
# memory-not-specified: an EC2 container has no memory setting

On EC2 (and external) capacity ECS has to know how much memory to reserve on the instance for each
container. Without task-level `memory`, every container needs `memory` (hard limit),
`memoryReservation` (soft limit), or both. A definition where a container has neither is rejected at
registration. Fargate definitions are covered by `fargate-invalid-cpu-memory` instead (task memory
is required there).

## How it shows up
API error from `RegisterTaskDefinition`:
```text
ClientException: Invalid setting for container 'my-container'. At least one of 'memory' or 'memoryReservation' must be specified.
```

## How to confirm
1. Read the definition you register: `taskDefinition.memory` is absent and the container named in the
   error has neither `memory` nor `memoryReservation`.

## Fix
### AWS CLI
```sh
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .containerDefinitions |= map(if .name == "my-container" then .memoryReservation = 512 else . end)' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
### Console
ECS > Task definitions > <family> > Create new revision > container > Memory soft limit (or hard limit).
### Terraform
```hcl
resource "aws_ecs_task_definition" "app" {
  container_definitions = jsonencode([{
    name              = "my-container"
    memoryReservation = 512
  }])
}
```

## Alternatives
- Set task-level `memory` instead; then container values are optional.
- Set `memory` for a hard limit: the container is killed (exit 137) above it.

## Prevention
- Always set `memoryReservation` from measured usage; add `memory` only as a safety ceiling.

"""#,
    "missing-instance-attribute": #"""
# missing-instance-attribute: no container instance has an attribute the task requires

When a task definition is registered, ECS derives `requiresAttributes` from what it uses: `awsvpc`
needs `ecs.capability.task-eni`, `awslogs` with an execution role needs
`ecs.capability.execution-role-awslogs`, `secrets` need `ecs.capability.secrets.asm.*` or
`...ssm.*`, a logging driver needs `com.amazonaws.ecs.capability.logging-driver.<driver>` (the agent
only advertises drivers listed in `ECS_AVAILABLE_LOGGING_DRIVERS`), GPUs need the GPU AMI and
`ECS_ENABLE_GPU_SUPPORT`, a newer Docker API feature needs `com.amazonaws.ecs.capability.docker-remote-api.1.xx`.
`runtimePlatform` adds `ecs.os-type` / `ecs.cpu-architecture`, and placement constraints add any
expression you wrote (`attribute:ecs.instance-type =~ g4dn.*`, a custom attribute). An instance that
lacks any of them is skipped. Old agents and non-ECS-optimized AMIs are the usual cause; for `awsvpc`
on EC2 the docs name a second one: no registered instance in the subnets (VPC) the service asks for.

## How it shows up
Service event (docs: "Container instance missing required attribute"), as seen on real services:
```text
service (service-name) was unable to place a task because no container instance met all of its requirements.
The closest matching container-instance is missing an attribute required by your task
```
`RunTask` / `StartTask` `failures[].reason`, with the container instance ARN:
```text
ATTRIBUTE
```
The event never names the attribute; the comparison below does.

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{req:requiresAttributes,platform:runtimePlatform,constraints:placementConstraints,compat:compatibilities}'`
2. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{constraints:placementConstraints,net:networkConfiguration.awsvpcConfiguration.subnets}'`
3. `aws ecs describe-container-instances --cluster <cluster> --container-instances <arn...> --query 'containerInstances[].{ec2:ec2InstanceId,agent:versionInfo,attrs:attributes[].name}'`
   Every name in `requiresAttributes` must be present on at least one instance with free capacity.
   For a single attribute across the cluster:
   `aws ecs list-attributes --cluster <cluster> --target-type container-instance --attribute-name <attribute-name>`
4. For a constraint expression, test it directly:
   `aws ecs list-container-instances --cluster <cluster> --filter "<expression>"` (empty means nothing matches).
5. `awsvpc` on EC2: `aws ecs describe-container-instances ... --query "containerInstances[].attributes[?name=='ecs.subnet-id' || name=='ecs.vpc-id']"`
   against the service's subnets; instances must be in the same VPC as the task subnets.
6. Platform: `ecs.os-type` (`linux` / `windows`) and `ecs.cpu-architecture` (`x86_64` / `arm64`) on the
   instances against `runtimePlatform`.

## Fix
### AWS CLI
```sh
# Old agent or wrong AMI: point the launch template at a current ECS-optimized AMI and replace the instances.
aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value
aws ec2 create-launch-template-version --launch-template-id <lt-id> --source-version '$Latest' \
  --launch-template-data '{"ImageId":"<ami-id>"}'
aws autoscaling start-instance-refresh --auto-scaling-group-name <asg>
# A custom attribute the constraint expects.
aws ecs put-attributes --cluster <cluster> \
  --attributes name=<attr-name>,value=<value>,targetType=container-instance,targetId=<container-instance-arn>
# Or drop a constraint the cluster cannot satisfy.
aws ecs update-service --cluster <cluster> --service <service> --placement-constraints '[]' --force-new-deployment
```
Logging driver or GPU: add `ECS_AVAILABLE_LOGGING_DRIVERS=["json-file","awslogs","<driver>"]` or
`ECS_ENABLE_GPU_SUPPORT=true` to `/etc/ecs/ecs.config` in the launch template user data, then roll the group.
### Console
ECS > Clusters > <cluster> > Infrastructure > <container instance> > Attributes (view, add custom).
ECS > Clusters > <cluster> > Services > <service> > Update > Task placement. EC2 > Launch templates
(AMI, user data) > Auto Scaling groups > Instance refresh.
### Terraform
`aws_launch_template { image_id = data.aws_ssm_parameter.ecs_ami.value }` with the matching AMI family
(`/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id`, `.../amazon-linux-2023/arm64/...`,
`.../amazon-linux-2/gpu/...`), user data for agent variables; `aws_ecs_service.placement_constraints`
and `aws_ecs_task_definition.runtime_platform` aligned with the instance types in the group.

## Alternatives
- Run the workload on Fargate, which needs no instance attributes (but has its own feature limits).
- Keep separate capacity providers per platform (x86_64/arm64, GPU) and point each service at the right one.

## Prevention
- Keep instances on the current ECS-optimized AMI through a recurring instance refresh.
- Review `requiresAttributes` of each new task definition revision against the attributes of the cluster.

"""#,
    "missing-vpc-endpoint": #"""
# missing-vpc-endpoint: a private subnet lacks a VPC endpoint the task needs

The task subnet has no way to the internet (no NAT gateway, no usable internet gateway route), so
every AWS service the task needs at start must be reachable through a VPC endpoint in the task's
VPC. What is needed follows from the task definition: an ECR image needs the interface endpoints
`com.amazonaws.<region>.ecr.api` (registry token; required on Fargate platform 1.4.0 and later) and
`com.amazonaws.<region>.ecr.dkr` (manifest), plus the S3 gateway endpoint `com.amazonaws.<region>.s3`
on the task subnet's route table, because ECR serves the layers from the S3 bucket
`prod-<region>-starport-layer-bucket`. `awslogs` needs `logs`; `secrets` need `secretsmanager` or `ssm`
(and `kms` for a customer managed key); `environmentFiles` need S3; ECS Exec needs `ssmmessages`.
On the EC2 launch type the container agent also needs `ecs`, `ecs-agent` and `ecs-telemetry`.
Each missing endpoint is named in the finding.

ecs-triage reports one finding per VPC, naming every task subnet and route table without a way out,
and prints the endpoints as a sequence that runs top to bottom: the endpoints' security group is
created first (ingress 443 from the task security groups) unless an existing endpoint group already
admits them, its id is passed on, and each interface endpoint gets one subnet per Availability Zone.
On EC2, container instances whose agent cannot reach ECS itself are `instance-cannot-reach-ecs`.

## How it shows up
Each service times out with its own message; `stopCode` `TaskFailedToStart`. Pre-2024 wording:
```text
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <ip>:443: i/o timeout. Please check your task network configuration.
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 5 time(s): RequestCanceled: request context canceled caused by: context deadline exceeded
```
2024 "enhanced" wording:
```text
ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. operation error ECR: GetAuthorizationToken, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <ip>:443: i/o timeout.
ResourceInitializationError: unable to pull secrets or registry auth: unable to retrieve secrets from ssm: The task cannot pull secrets from AWS Systems Manager. There is a connection issue between the task and AWS Systems Manager Parameter Store. Check your task network configuration. RequestCanceled: request context canceled caused by: context deadline exceeded
ResourceInitializationError: failed to validate logger args: The task cannot find the Amazon CloudWatch log group defined in the task definition. There is a connection issue between the task and Amazon CloudWatch. Check your network configuration. signal: killed
```
A public IP in `dial tcp <ip>:443` means there is no endpoint (or its private DNS is off) and the name
resolved to the public service address.

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{image:image,log:logConfiguration.logDriver,secrets:secrets[].valueFrom,env:environmentFiles[].value}'`
   List the services the task needs (ECR image, `awslogs`, `arn:aws:secretsmanager:` / `arn:aws:ssm:` / parameter names, S3 env files).
2. `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<subnet-id> --query 'RouteTables[].Routes'`
   (no result: the main table, `Name=vpc-id,Values=<vpc-id> Name=association.main,Values=true`).
   No `0.0.0.0/0` to an `available` NAT gateway or (with a public IP) an IGW means endpoints are the only path.
3. `aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=<vpc-id> --query 'VpcEndpoints[].{svc:ServiceName,type:VpcEndpointType,state:State,dns:PrivateDnsEnabled,subnets:SubnetIds,rtbs:RouteTableIds}'`
   Each needed `com.amazonaws.<region>.<svc>` must be present with `State` `available`; interface endpoints
   with `PrivateDnsEnabled` true; `s3` as `Gateway` with the task subnet's route table in `RouteTableIds`.
4. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].platformVersion'`:
   `1.3.0` or earlier needs only `ecr.dkr` + S3; `1.4.0`/`LATEST` needs `ecr.api` too.

## Fix
### AWS CLI
```sh
for svc in ecr.api ecr.dkr logs secretsmanager; do   # only the services the task needs
  aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface \
    --service-name com.amazonaws.<region>.$svc --subnet-ids <subnet-id> <subnet-id-2> \
    --security-group-ids <endpoint-sg-id> --private-dns-enabled
done
aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Gateway \
  --service-name com.amazonaws.<region>.s3 --route-table-ids <rtb-id>
```
The endpoint security group must allow TCP 443 from the task security group or subnet CIDRs.
### Console
VPC > Endpoints > Create endpoint > AWS services > `com.amazonaws.<region>.ecr.api` (and the others):
select the VPC, the task subnets (one per AZ), the endpoint security group, "Enable DNS name" on.
For `com.amazonaws.<region>.s3` choose type Gateway and tick the task subnets' route tables.
### Terraform
```hcl
resource "aws_vpc_endpoint" "interface" {
  for_each            = toset(["ecr.api", "ecr.dkr", "logs", "secretsmanager"])
  vpc_id              = aws_vpc.this.id
  service_name        = "com.amazonaws.${var.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.private_subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.private_route_table_ids
}
```

## Alternatives
- A NAT gateway in a public subnet covers every service and public registries in one route, for about
  USD 0.045/h plus USD 0.045/GB processed (us-east-1), per AZ if you want AZ independence.
- Interface endpoints cost about USD 0.01/h per endpoint per AZ plus USD 0.01/GB; four endpoints in
  three AZs is about USD 88/month. The S3 gateway endpoint is free, and worth adding even with NAT.
- Public registries (Docker Hub, ghcr.io) cannot be reached through endpoints: mirror to ECR or use a
  pull-through cache.

## Prevention
- Generate the endpoint list from the task definitions in the VPC, not from memory.
- Create endpoints and the S3 gateway route association in the same module as the subnets.
- Re-check when a task definition adds `secrets`, `environmentFiles`, a KMS key or ECS Exec.

"""#,
    "mutable-tag-not-redeployed": #"""
# mutable-tag-not-redeployed: the service runs a mutable tag, so pushing a new image changes nothing

A task definition that names `<repo>:latest` (or `:main`, `:prod`, any tag the pipeline overwrites) does not
follow the tag. Pushing a new image does not touch ECS: running tasks keep the image they started with, and
the service has no deployment to do because the task definition did not change. Since 25 June 2024 ECS goes
further: when a deployment starts it resolves each tag to a digest, and every task that deployment starts later
(scale-out, replacement of a crashed or unhealthy task, Fargate task retirement) uses that digest, not the tag's
current image. Only a new deployment resolves the tag again. So "I pushed and nothing happened" is expected,
and so is "the new task still runs the old code". The reverse also bites: if the old image is deleted after the
tag moved (a lifecycle policy expiring untagged images), the deployment's replacement tasks fail to pull
`<repo>:<tag>@sha256:<old-digest>` (`image-not-found`). On its own this is an informational finding: nothing is
broken yet. When the snapshot holds the running tasks (`describe-tasks`, `containers[].imageDigest`) and the
repository's images (`aws ecr describe-images`), and a running task's digest is not the one the tag points to now,
the push did not reach the service: the finding says so with both digests (severity medium) and the fix is a new
deployment.

## How it shows up
No error. The symptoms are a push that never goes live, or logs showing old behaviour. When the old digest
has been deleted, replacement tasks fail like this (the repository path as printed):
```text
CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref <account-id>-<region>.amazonaws.com/<repo>:<tag>@sha256:<digest>: not found
CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref .dkr.ecr.<region>.amazonaws.com/<repo>:latest@sha256:<digest>: unexpected status from HEAD request to https://.dkr.ecr.<region>.amazonaws.com/v2/<repo>/blobs/sha256:<digest>: 403 Forbidden
```
Service events show no new deployment after the push (`aws ecs describe-services ... events`).

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{n:name,img:image,vc:versionConsistency}'`
   An image ending in a tag rather than `@sha256:`; `versionConsistency` `disabled` turns digest resolution off for that container.
2. `aws ecs describe-tasks --cluster <cluster> --tasks $(aws ecs list-tasks --cluster <cluster> --service-name <service> --query 'taskArns' --output text) --query 'tasks[].{t:taskArn,started:startedAt,c:containers[].{n:name,d:imageDigest}}'`
   The digest each running task was started from.
3. `aws ecr describe-images --repository-name <repo> --image-ids imageTag=<tag> --query 'imageDetails[0].{d:imageDigest,pushed:imagePushedAt}'`
   A different digest, pushed after the tasks started: the push was never deployed.
4. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].deployments[].{id:id,td:taskDefinition,state:rolloutState,created:createdAt}'`
   The newest deployment is older than `imagePushedAt`.
5. `aws ecr describe-repositories --repository-names <repo> --query 'repositories[0].imageTagMutability'` (`MUTABLE`).

## Fix
### AWS CLI
```sh
# Redeploy the same task definition; ECS resolves the tag to its current digest again:
aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment
aws ecs wait services-stable --cluster <cluster> --services <service>
```
Better, deploy a new revision that names the image by an immutable tag or digest:
```sh
# "image": "<account-id>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest>"
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .containerDefinitions |= map(if .name == "<container>" then .image = "<account-id>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest>" else . end)' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
### Console
ECS > Clusters > <cluster> > Services > <service> > Update > Force new deployment (checkbox) > Update.
### Terraform
```hcl
resource "aws_ecs_service" "app" {
  # ...
  force_new_deployment = true
  triggers = { redeployment = var.image_digest }   # changes on every push, so apply redeploys
}
```
Preferable: `image = "${aws_ecr_repository.app.repository_url}@${var.image_digest}"` in the task definition, so a
new image is a new revision and the diff shows it.

## Alternatives
- Immutable tags per build (`:git-<sha>`, `:1.4.2`) with `imageTagMutability = "IMMUTABLE"` on the repository:
  `aws ecr put-image-tag-mutability --repository-name <repo> --image-tag-mutability IMMUTABLE`.
- The `aws-actions/amazon-ecs-deploy-task-definition` GitHub action or CodePipeline's ECS deploy action
  register a new revision with the new image on every build.

## Prevention
- Never deploy `latest`; `ecs-triage` reports a service on a mutable tag as this finding.
- Keep the images of all live deployments out of ECR lifecycle expiry, or pin digests so each revision names its image.

"""#,
    "nacl-blocks-traffic": #"""
# nacl-blocks-traffic: the task subnet's network ACL drops HTTPS or its replies

A network ACL filters every packet entering or leaving a subnet, not traffic inside it. It is
stateless: rules are evaluated in `RuleNumber` order, the first match wins, and each direction ends with
the catch-all deny (`RuleNumber` 32767, shown as `*`). A task that opens TCP 443 needs two rules in its
subnet's ACL: an outbound (`Egress: true`) rule allowing TCP 443 to the destination, and an inbound
(`Egress: false`) rule allowing the reply, which arrives on the task's ephemeral source port. Linux
picks those from 32768-60999 and other clients use other ranges, so the usual rule is TCP 1024-65535.
ACLs that allow inbound 443 and 80 "like a web server" miss exactly that: the SYN leaves, the SYN-ACK
is dropped, and the call times out. The rule matters when the far end is in another subnet (endpoint
subnets, NAT gateway subnet) or outside the VPC: S3 through a gateway endpoint and anything behind a
NAT answer from public IPs, and an ACL cannot name a prefix list, so those need `0.0.0.0/0` or each S3
CIDR. DNS still works, since ACLs do not filter traffic to the Route 53 Resolver (VPC+2).

An entry with `Protocol` `-1` covers every protocol and port whatever its `PortRange` says: Terraform
writes `from_port = 0, to_port = 0` for it and the API can echo that range back; ecs-triage reads it as
all ports (EC2 API `CreateNetworkAclEntry`, `Protocol`). The printed fix numbers the new allow below the
rule that denies today, on a number the ACL does not use.

## How it shows up
`stopCode` `TaskFailedToStart`. The first call leaving the subnet times out; with endpoints in their
own subnets that is the registry token, on the endpoint's private IP:
```text
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <endpoint-ip>:443: i/o timeout. Please check your task network configuration.
ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. operation error ECR: GetAuthorizationToken, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <endpoint-ip>:443: i/o timeout.
```
When only the public side is cut (the ACL allows the VPC CIDR but not `0.0.0.0/0`), the layer download
from `prod-<region>-starport-layer-bucket` times out instead, on an S3 IP. Security groups look right;
that is the tell.

## How to confirm
1. `aws ec2 describe-network-acls --filters Name=association.subnet-id,Values=<task-subnet-id> --query 'NetworkAcls[].{id:NetworkAclId,entries:Entries}'`
2. Sort each direction by `RuleNumber` and find the first entry that matches: outbound (`Egress` true)
   `Protocol` `6` or `-1` with `PortRange` covering 443 and `CidrBlock` covering the destination;
   inbound (`Egress` false) the same for a port in 1024-65535 from that destination. A `deny` (or the
   32767 rule) matching first confirms it.
3. The destination is the endpoint IP in the stopped reason (its subnet:
   `aws ec2 describe-network-interfaces --filters Name=addresses.private-ip-address,Values=<endpoint-ip>`),
   or an S3 / public IP for gateway-endpoint and NAT traffic.
4. Check the endpoint subnets' ACL the other way round: inbound 443 from the task subnets, outbound
   1024-65535 back to them.

## Fix
### AWS CLI
Replies from the endpoint subnets, then from S3 (gateway endpoint) or anything behind a NAT gateway:
```sh
aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number 120 \
  --protocol tcp --port-range From=1024,To=65535 --cidr-block <vpc-cidr> --rule-action allow
aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number 130 \
  --protocol tcp --port-range From=1024,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow
```
Use a rule number below any deny that would match first. Missing outbound 443: the same command with
`--egress --port-range From=443,To=443`.
### Console
VPC > Network ACLs > the ACL associated with the task subnet > Inbound rules > Edit inbound rules >
Add new rule: rule number, Custom TCP, port range 1024-65535, source, Allow > Save changes.
### Terraform
```hcl
resource "aws_network_acl_rule" "tasks_ephemeral_in" {
  network_acl_id = aws_network_acl.tasks.id
  rule_number    = 120
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 1024
  to_port        = 65535
}
```

## Alternatives
- Leave task subnets on an allow-all ACL and do the filtering with security groups, which are stateful
  and can name prefix lists and other groups.
- Narrow the ephemeral rule to the VPC CIDR when every destination is an interface endpoint; S3 and NAT
  traffic then still needs its own rule.

## Prevention
- Write ACL rules in pairs: every outbound port rule with its inbound 1024-65535 reply rule, and every
  inbound one with its outbound reply rule.
- Number rules in steps of 10, so a reply rule can be slotted in before an existing deny.
- Re-check the ACLs of both the task subnets and the endpoint subnets when either changes.

"""#,
    "nat-gateway-unusable": #"""
# nat-gateway-unusable: the task subnet's default route points at a NAT gateway that cannot carry traffic

A private subnet reaches the internet and public AWS endpoints through a NAT gateway: the subnet's
route table sends `0.0.0.0/0` to `nat-...`, and the NAT gateway, which must itself sit in a *public*
subnet (one whose route table sends `0.0.0.0/0` to an internet gateway) and hold an Elastic IP,
forwards the traffic. Here that chain is broken: the NAT gateway is `pending`, `failed`, `deleting` or
`deleted`; the route is a `blackhole` (its target is gone); the NAT gateway was created in a private
subnet, so its own traffic has nowhere to go; or it is a `private` NAT gateway (`ConnectivityType`
`private`), which never reaches the internet. Note that `available` only says the gateway exists; it
does not prove that the gateway's subnet routes to an IGW.

## How it shows up
Every outbound call from the task times out. Pre-2024 wording (`stopCode` `TaskFailedToStart`):
```text
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <ip>:443: i/o timeout. Please check your task network configuration.
CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/<repo>:<tag>: failed to do request: Head "https://registry-1.docker.io/v2/<repo>/manifests/<tag>": dial tcp <ip>:443: i/o timeout
```
2024 "enhanced" wording (stopped reason or service event):
```text
ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. operation error ECR: GetAuthorizationToken, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <ip>:443: i/o timeout.
```
Typical history: the NAT gateway was deleted to save money (or by a `terraform destroy` of another
stack) and the private route was left behind.

## How to confirm
1. `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<subnet-id> --query 'RouteTables[].Routes'`
   (no result: the main table, `Name=vpc-id,Values=<vpc-id> Name=association.main,Values=true`).
   Find `DestinationCidrBlock` `0.0.0.0/0` with `NatGatewayId` `nat-...`. `State` `blackhole` confirms the defect.
2. `aws ec2 describe-nat-gateways --nat-gateway-ids <nat-id> --query 'NatGateways[0].{state:State,type:ConnectivityType,subnet:SubnetId,addrs:NatGatewayAddresses,code:FailureCode,msg:FailureMessage}'`
   Healthy: `State` `available`, `ConnectivityType` `public`, a public IP in `NatGatewayAddresses`.
   `failed` comes with a `FailureCode`, e.g. `Gateway.NotAttached`: "Network vpc-xxxxxxxx has no Internet gateway attached".
   An id that is not found at all means the route points at a gateway that no longer exists.
3. `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<nat-subnet-id> --query 'RouteTables[].Routes'`
   The NAT gateway's own subnet must route `0.0.0.0/0` to `igw-...` (`State` `active`). A route to
   `nat-...` or none at all means the NAT sits in a private subnet.
4. `aws ec2 describe-internet-gateways --filters Name=attachment.vpc-id,Values=<vpc-id>`: the IGW exists and
   `Attachments[0].State` is `available`.

## Fix
### AWS CLI
```sh
aws ec2 allocate-address --domain vpc                                   # -> <eipalloc-id>
aws ec2 create-nat-gateway --subnet-id <public-subnet-id> --allocation-id <eipalloc-id>
aws ec2 wait nat-gateway-available --nat-gateway-ids <new-nat-id>
aws ec2 replace-route --route-table-id <rtb-id> --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <new-nat-id>
```
If the NAT gateway is in the wrong subnet, create the new one in a public subnet and replace the route;
a NAT gateway cannot be moved. Delete the old one afterwards.
### Console
VPC > NAT gateways > Create NAT gateway: a public subnet, Connectivity type Public, Allocate Elastic IP.
Then VPC > Route tables > the task subnet's table > Routes > Edit routes: `0.0.0.0/0` to the new NAT gateway.
### Terraform
```hcl
resource "aws_eip" "nat" { domain = "vpc" }
resource "aws_nat_gateway" "this" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[0].id       # a subnet routed to the IGW
  depends_on    = [aws_internet_gateway.this]
}
resource "aws_route" "private_default" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this.id
}
```

## Alternatives
- One NAT gateway per AZ, each private route table pointing at the NAT in its own AZ: survives an AZ
  outage and avoids cross-AZ data charges, at about USD 0.045/h per gateway (us-east-1).
- Replace the NAT with VPC endpoints (`ecr.api`, `ecr.dkr`, S3 gateway, `logs`, `secretsmanager`/`ssm`) if
  the tasks need AWS services only; see `missing-vpc-endpoint`.
- Keep the S3 gateway endpoint even with NAT: image layers then bypass NAT processing charges.

## Prevention
- Manage the NAT gateway and the routes that use it in the same stack, so one cannot be deleted alone.
- Alarm on blackhole routes (AWS Config or a scheduled `describe-route-tables` check).
- Never place NAT gateways by index into a subnet list that mixes public and private subnets.

"""#,
    "no-container-instances": #"""
# no-container-instances: the EC2 cluster has no registered, connected container instance

A task on the EC2 launch type (or an Auto Scaling group capacity provider) can only be placed on a
container instance: an EC2 instance whose ECS agent registered it in this cluster and still holds a
connection to ECS. The agent joins the cluster named by `ECS_CLUSTER` in `/etc/ecs/ecs.config`; when
the variable is missing it joins the cluster named `default`, so a typo or missing user data leaves
instances running but invisible to your cluster. To register, the instance profile (conventionally
`ecsInstanceRole` with the managed policy `AmazonEC2ContainerServiceforEC2Role`) must allow
`ecs:RegisterContainerInstance`, `ecs:Poll`, `ecs:DiscoverPollEndpoint` and friends, and the instance
must reach the ECS endpoints over 443 (internet, NAT or the `ecs`, `ecs-agent`, `ecs-telemetry` VPC
endpoints). An instance that registered and then lost its agent shows `agentConnected: false` and is
reported as "AGENT". An Auto Scaling group at zero, or a capacity provider that is not in the
strategy, gives the same symptom.

## What ecs-triage reads
The cluster of each EC2 service is judged on its own: a container instance belongs to the cluster its ARN
names (`container-instance/<cluster>/<id>`), so instances of other clusters in the same input never count.
The cluster is empty when `describe-clusters` says `registeredContainerInstancesCount: 0` (or the
container-instance listing holds none of its instances and no other cluster's); unusable when every
instance it has is disconnected, draining or inactive. A container instance found in `default` while the
service's cluster is another is an instance whose agent found no `ECS_CLUSTER`: the finding names it (EC2
instance id and container instance ARN) and prints the user data `echo ECS_CLUSTER=<cluster> >>
/etc/ecs/ecs.config` as a new launch template version, then an instance refresh.

## How it shows up
Service events (the first two are the docs' own wording; the third quotes a real service):
```text
service (service-name) was unable to place a task because no container instance met all of its requirements.
service (service-name) was unable to reach steady state. Reason: No Container Instances were found in your capacity provider.
service authentication_services was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster.
```
Disconnected agent, as a service event and as a `RunTask` `failures[].reason`:
```text
service (service-name) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance container-instance-id encountered error "AGENT".
service (service-name) Timed out waiting for Amazon ECS Agent to start. Please check logs at /var/log/ecs/ecs-agent.log".
AGENT
```

## How to confirm
1. `aws ecs describe-clusters --clusters <cluster> --query 'clusters[0].{registered:registeredContainerInstancesCount,cps:capacityProviders,default:defaultCapacityProviderStrategy}'`
   `registered: 0` confirms; otherwise continue with step 2.
2. `aws ecs list-container-instances --cluster <cluster> --status ACTIVE` then
   `aws ecs describe-container-instances --cluster <cluster> --container-instances <arn...> --query 'containerInstances[].{ec2:ec2InstanceId,connected:agentConnected,status:status,reason:statusReason,agent:versionInfo.agentVersion}'`
   `connected: false` is the "AGENT" case; `REGISTRATION_FAILED` names its reason.
3. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{lt:launchType,cps:capacityProviderStrategy}'`
   and `aws ecs describe-capacity-providers --capacity-providers <cp> --query 'capacityProviders[].autoScalingGroupProvider'`.
4. `aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names <asg> --query 'AutoScalingGroups[0].{min:MinSize,desired:DesiredCapacity,max:MaxSize,lt:LaunchTemplate,instances:Instances[].InstanceId}'`
5. `aws ec2 describe-launch-template-versions --launch-template-id <lt-id> --versions '$Latest' --query 'LaunchTemplateVersions[0].LaunchTemplateData.{profile:IamInstanceProfile,userData:UserData}' --output text`
   Decode the user data (`base64 -d`) and look for `ECS_CLUSTER=<cluster>` exactly.
6. `aws ec2 describe-instances --instance-ids <i-id> --query 'Reservations[].Instances[].{profile:IamInstanceProfile.Arn,subnet:SubnetId,image:ImageId}'`, then
   `aws iam list-attached-role-policies --role-name <instance-role>`: `AmazonEC2ContainerServiceforEC2Role` or equivalent.
7. If the instance exists but never registered, read `/var/log/ecs/ecs-agent.log` (SSM Session Manager); a
   timeout there is a network problem on the instance's subnet, an AccessDenied is the role.

## Fix
### AWS CLI
```sh
# Role and instance profile for the agent (skip what exists).
aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam attach-role-policy --role-name ecsInstanceRole \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name ecsInstanceRole
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
# New launch template version: ECS-optimized AMI, the profile, user data naming the cluster.
printf '#!/bin/bash\necho ECS_CLUSTER=<cluster> >> /etc/ecs/ecs.config\n' | base64 -w0 > ud.b64
aws ec2 create-launch-template-version --launch-template-id <lt-id> --source-version '$Latest' \
  --launch-template-data "{\"IamInstanceProfile\":{\"Name\":\"ecsInstanceRole\"},\"UserData\":\"$(cat ud.b64)\"}"
aws autoscaling start-instance-refresh --auto-scaling-group-name <asg>      # or set-desired-capacity if 0
aws autoscaling set-desired-capacity --auto-scaling-group-name <asg> --desired-capacity 2
```
Disconnected agent on a healthy instance: `sudo systemctl restart ecs` (through SSM Run Command).
### Console
ECS > Clusters > <cluster> > Infrastructure: container instances and capacity providers. EC2 > Launch
templates > <lt> > Modify (Create new version) > Advanced details: IAM instance profile, User data. EC2 >
Auto Scaling groups > <asg> > Details > Edit desired capacity.
### Terraform
`aws_iam_instance_profile` for a role trusted by `ec2.amazonaws.com` with
`AmazonEC2ContainerServiceforEC2Role`; `aws_launch_template { image_id = data.aws_ssm_parameter.ecs_ami.value,
iam_instance_profile { name = ... }, user_data = base64encode("#!/bin/bash\necho ECS_CLUSTER=${aws_ecs_cluster.this.name} >> /etc/ecs/ecs.config") }`
(AMI from `/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id`); `aws_autoscaling_group`
with `min_size >= 1` or an `aws_ecs_capacity_provider` with `managed_scaling { status = "ENABLED" }`.

## Alternatives
- Run the service on Fargate and drop the instances: `--launch-type FARGATE` needs `awsvpc` and task-level cpu/memory.
- A capacity provider with managed scaling starts instances on demand; the service must use its strategy,
  not `launchType: EC2`.

## Prevention
- Template the user data from the cluster name; never type `ECS_CLUSTER` by hand.
- Alarm on `registeredContainerInstancesCount` and on container instance state change events with `agentConnected: false`.

"""#,
    "no-essential-container": #"""
# no-essential-container: no container of the task is essential

Every task needs at least one essential container: when an essential container stops, ECS stops the
task; non-essential containers (log routers, init steps, sidecars) may exit without stopping it.
`essential` defaults to `true`, so this happens only when every container says `"essential": false`,
typically after copying a sidecar's definition. ECS rejects such a definition.

## How it shows up
API error from `RegisterTaskDefinition`:
```text
ClientException: Task definition doesn't have any essential container.
```
(Tools validate it too: cfn-lint `E3042: At least one essential container is required`.)

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{name:name,essential:essential}'`
   or read the JSON you register: every container has `essential` false.

## Fix
### AWS CLI
```sh
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .containerDefinitions |= map(if .name == "<app-container>" then .essential = true else . end)' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
### Console
ECS > Task definitions > <family> > Create new revision > container > Essential container: Yes.
### Terraform
```hcl
container_definitions = jsonencode([{
  name      = "app"
  essential = true
}])
```

## Alternatives
- A container that must finish before the app starts: keep it non-essential and use `dependsOn` with
  condition `SUCCESS` on the essential container (a `SUCCESS`/`COMPLETE` dependency cannot itself be essential).

## Prevention
- Leave `essential` out for the application container (default true); set `false` only on helpers.

"""#,
    "private-registry-auth": #"""
# private-registry-auth: a non-ECR private registry rejected the pull for missing or wrong credentials

Images outside ECR (ghcr.io, quay.io, a private Docker Hub repository, Artifactory, GitLab) are pulled with the
credentials in `containerDefinitions[].repositoryCredentials.credentialsParameter`: the ARN (or, in the same
region, the name) of a Secrets Manager secret whose value is the JSON `{"username": "...", "password": "..."}`.
The agent reads it with the task execution role before the pull, so the role needs `secretsmanager:GetSecretValue`
on the secret and `kms:Decrypt` on a customer managed key. A cross-account secret must be named by its full ARN.
Without `repositoryCredentials` the pull is anonymous, and a private repository answers 401, 403 or "failed to
fetch anonymous token". With credentials the registry can still refuse them: an expired or revoked token, a
GitHub token without `read:packages`, a Docker Hub password where an access token is required, or keys named
other than `username`/`password`. Some registries answer 404 rather than 401 to an unauthorised caller.
`repositoryCredentials` does not apply to ECR images; those use the execution role (`execution-role-cannot-pull-image`).

## How it shows up
Fargate, no or rejected credentials (`stopCode` `TaskFailedToStart`):
```text
CannotPullContainerError: inspect image has been retried 1 time(s): failed to resolve ref "<registry>/<repo>:<tag>": unexpected status code [manifests <tag>]: 401 Unauthorized
CannotPullContainerError: inspect image has been retried 1 time(s): failed to resolve ref "<registry>/<repo>/<image>:<tag>": failed to authorize: failed to fetch anonymous token.
```
The credentials secret itself could not be read (the source cut the message at `...`):
```text
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to get registry auth from asm: service call has been retried 1 time(s): asm fetching secret from the service for <secretname>: RequestError: ...
```
An `AccessDeniedException` after `unable to get registry auth from asm` is the role's permission; a timeout is
the network (`aws-service-unreachable`); `ResourceNotFoundException` is a wrong ARN (`secret-not-found`).

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{exec:executionRoleArn,c:containerDefinitions[].{n:name,img:image,creds:repositoryCredentials.credentialsParameter}}'`
   A private non-ECR image with no `credentialsParameter` is the defect.
2. `aws secretsmanager describe-secret --secret-id <secret-arn> --query '{arn:ARN,kms:KmsKeyId,deleted:DeletedDate}'`
   The secret exists, is not scheduled for deletion, and which key encrypts it.
3. `aws secretsmanager get-secret-value --secret-id <secret-arn> --query SecretString --output text | jq 'keys'`
   Prints only the key names: they must be exactly `["password","username"]`. (Needs read permission on the secret.)
4. `aws iam simulate-principal-policy --policy-source-arn <execution-role-arn> --action-names secretsmanager:GetSecretValue kms:Decrypt --resource-arns <secret-arn> <kms-key-arn>`
   `implicitDeny` on either action: see `execution-role-cannot-read-secrets` for the fix.
5. From a workstation, prove the credentials themselves:
   `echo "$PASSWORD" | docker login <registry> -u <username> --password-stdin && docker manifest inspect <image>`.

## Fix
### AWS CLI
```sh
aws secretsmanager create-secret --name <registry>/pull-credentials \
  --secret-string '{"username":"<user>","password":"<token-with-read-access>"}'
# (rotate an existing one with: aws secretsmanager put-secret-value --secret-id <secret-arn> --secret-string '{...}')
aws iam put-role-policy --role-name <execution-role-name> --policy-name registry-credentials --policy-document '{
  "Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"<secret-arn>"}]}'
# In the container definition: "repositoryCredentials": {"credentialsParameter": "<secret-arn>"}
aws ecs register-task-definition --cli-input-json file://taskdef.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family> --force-new-deployment
```
### Console
Secrets Manager > Store a new secret > Other type of secret > keys `username`, `password`. ECS > Task definitions >
<family> > Create new revision > Container > Private registry authentication > Secrets Manager ARN or name (the console needs the full ARN).
### Terraform
```hcl
resource "aws_secretsmanager_secret_version" "registry" {
  secret_id     = aws_secretsmanager_secret.registry.id
  secret_string = jsonencode({ username = var.registry_user, password = var.registry_token })
}
# container_definitions = jsonencode([{ name = "app", image = "ghcr.io/<org>/<image>:<tag>",
#   repositoryCredentials = { credentialsParameter = aws_secretsmanager_secret.registry.arn } }])
```
Grant `secretsmanager:GetSecretValue` on `aws_secretsmanager_secret.registry.arn` to the execution role.

## Alternatives
- ECR pull-through cache for ghcr.io, quay.io, GitLab or Docker Hub: ECR holds the upstream credentials and tasks
  pull from ECR with the execution role only (`aws ecr create-pull-through-cache-rule`).
- Copy the image into ECR in the pipeline that builds it.
- EC2 only: instance-wide credentials with `ECS_ENGINE_AUTH_TYPE` / `ECS_ENGINE_AUTH_DATA` in `/etc/ecs/ecs.config`.

## Prevention
- Use a machine account with a read-only token and an expiry alarm; rotate the secret before the token expires.
- Keep the secret, its execution-role grant and the `repositoryCredentials` reference in the same module.

"""#,
    "public-ip-without-igw": #"""
# public-ip-without-igw: the task has a public IP but its subnet has no route to an internet gateway

The service or `run-task` asks for `assignPublicIp: ENABLED`, so Fargate gives the task ENI a
public IPv4 address, but the subnet's route table has no `0.0.0.0/0` route to an internet
gateway (`igw-...`). A public IP only works together with an IGW route: the IGW is what
translates between the public and the private address. Without it the public IP is dead
weight; traffic to ECR, S3, CloudWatch Logs or Secrets Manager follows whatever default route
exists (none, a NAT gateway, a transit gateway) or is dropped. This usually means the task
was placed in a private subnet by mistake, or the route table association or IGW was changed.
If the default route goes to a usable NAT gateway the task still works; the public IP is then
merely unused and this finding explains no symptom.

## How it shows up
The task never reaches RUNNING, `stopCode` `TaskFailedToStart`. Pre-2024 wording:
```text
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <ip>:443: i/o timeout. Please check your task network configuration.
```
2024 "enhanced" wording (stopped reason or service event):
```text
ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. operation error ECR: GetAuthorizationToken, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <ip>:443: i/o timeout.
```
Any other "There is a connection issue between the task and ..." (AWS Secrets Manager, Amazon
CloudWatch, the registry) has the same cause when this defect is present.

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].networkConfiguration.awsvpcConfiguration'`
   (for a one-off task: `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].attachments[0].details'`).
   Look for `"assignPublicIp": "ENABLED"` and note every subnet id.
2. `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<subnet-id> --query 'RouteTables[].Routes'`
   An empty list means the subnet is implicitly on the VPC's main table:
   `aws ec2 describe-route-tables --filters Name=vpc-id,Values=<vpc-id> Name=association.main,Values=true`.
   Look for a route with `DestinationCidrBlock` `0.0.0.0/0` and `GatewayId` starting `igw-` in `State` `active`.
   Missing, or a `blackhole` state, confirms the defect.
3. `aws ec2 describe-internet-gateways --filters Name=attachment.vpc-id,Values=<vpc-id>`
   An IGW attached to the VPC shows `Attachments[0].State` `available`. None means the VPC has no IGW at all.
4. Check each subnet: the service may mix public and private subnets, and only tasks placed in the
   private ones fail.

## Fix
### AWS CLI
If the subnet is meant to be public, add the default route (create the IGW first if step 3 found none):
```sh
aws ec2 create-internet-gateway                                  # only if the VPC has none
aws ec2 attach-internet-gateway --internet-gateway-id <igw-id> --vpc-id <vpc-id>
aws ec2 create-route --route-table-id <rtb-id> --destination-cidr-block 0.0.0.0/0 --gateway-id <igw-id>
```
If the subnet is meant to be private, move the service to public subnets, or keep it private and give
it a NAT gateway route or VPC endpoints (see `missing-vpc-endpoint`), turning the public IP off:
```sh
aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment \
  --network-configuration 'awsvpcConfiguration={subnets=[<public-subnet-id>],securityGroups=[<sg-id>],assignPublicIp=ENABLED}'
```
### Console
VPC > Route tables > select the subnet's table > Routes > Edit routes > Add route: `0.0.0.0/0`,
target Internet Gateway. Or ECS > Clusters > <cluster> > Services > <service> > Update service >
Networking: pick the public subnets.
### Terraform
```hcl
resource "aws_route" "public_default" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
```
Or change `aws_ecs_service.network_configuration.subnets` to the public subnet ids.

## Alternatives
- Private subnets with a NAT gateway: no public IP on the task, a fixed egress IP, but about
  USD 0.045/h per NAT plus USD 0.045/GB processed (us-east-1 list price).
- Private subnets with VPC endpoints: no internet at all, USD 0.01/h per interface endpoint per AZ;
  public registries (Docker Hub) then stop working.
- Public IPv4 addresses are billed (USD 0.005/h each since February 2024), so many tasks with public
  IPs are not free either.

## Prevention
- Tag subnets `tier=public|private` and choose the ECS subnets by tag, never by hand.
- Set `assignPublicIp` from the same variable that selects public subnets.
- Keep an explicit route table association for every subnet; do not rely on the main table.

"""#,
    "public-subnet-without-public-ip": #"""
# public-subnet-without-public-ip: the task sits in a public subnet without a public IP

The task subnet's default route (`0.0.0.0/0`) goes to an internet gateway, but the task ENI was
created with `assignPublicIp: DISABLED`. An internet gateway only forwards traffic for addresses
that have a public IPv4 address mapped to them; a private-only ENI behind an IGW route has no way
out, so every call to ECR, S3, CloudWatch Logs, Secrets Manager or SSM times out. This is the
classic Fargate trap: `DISABLED` is the default for `create-service`, `update-service` and
`run-task`, and the subnet's "auto-assign public IPv4" setting (`MapPublicIpOnLaunch`) does not
apply to task ENIs. On the EC2 launch type `awsvpc` task ENIs never get a public IP at all, so such
tasks must use private subnets with a NAT gateway or VPC endpoints.

## How it shows up
`stopCode` `TaskFailedToStart`, usually within a few minutes. Pre-2024 wording:
```text
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <ip>:443: i/o timeout. Please check your task network configuration.
CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/<repo>:<tag>: failed to do request: Head "https://registry-1.docker.io/v2/<repo>/manifests/<tag>": dial tcp <ip>:443: i/o timeout
```
2024 "enhanced" wording (stopped reason, or service event `(service <service>) was unable to place a task. Reason: ...`):
```text
ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. operation error ECR: GetAuthorizationToken, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <ip>:443: i/o timeout.
ResourceInitializationError: unable to pull secrets or registry auth: unable to retrieve secret from asm: There is a connection issue between the task and AWS Secrets Manager. Check your task network configuration. failed to fetch secret <secret-arn> from secrets manager: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 0, RequestID: , canceled, context deadline exceeded.
```
The IP in `dial tcp <ip>:443` is a public AWS address: the name resolved, the packets had no way back.

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{net:networkConfiguration.awsvpcConfiguration,lt:launchType,cps:capacityProviderStrategy}'`
   Look for `"assignPublicIp": "DISABLED"` (or absent, which means DISABLED) and the subnet ids.
2. `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<subnet-id> --query 'RouteTables[].Routes'`
   (no result: use `Name=vpc-id,Values=<vpc-id> Name=association.main,Values=true`).
   A `0.0.0.0/0` route with `GatewayId` `igw-...` and `State` `active` confirms the defect;
   a `NatGatewayId` there means the subnet is private and this rule does not apply.
3. For a running task: `aws ec2 describe-network-interfaces --network-interface-ids <eni-id> --query 'NetworkInterfaces[0].Association'`
   (the ENI id is in `describe-tasks` `attachments[0].details`, name `networkInterfaceId`).
   No `PublicIp` confirms the ENI has no public address.
4. `aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=<vpc-id>`: if interface endpoints
   for every needed service (and the S3 gateway on this route table) exist, tasks can start without
   a public IP and this finding is latent only.

## Fix
### AWS CLI
```sh
aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment \
  --network-configuration 'awsvpcConfiguration={subnets=[<subnet-id>,<subnet-id-2>],securityGroups=[<sg-id>],assignPublicIp=ENABLED}'
aws ecs run-task --cluster <cluster> --task-definition <family:revision> --launch-type FARGATE \
  --network-configuration 'awsvpcConfiguration={subnets=[<subnet-id>],securityGroups=[<sg-id>],assignPublicIp=ENABLED}'
```
### Console
ECS > Clusters > <cluster> > Services > <service> > Update service > Networking > Public IP: turned on.
For scheduled tasks (EventBridge) edit the rule's ECS target: "Auto-assign public IP" = ENABLED.
### Terraform
```hcl
resource "aws_ecs_service" "app" {
  # ...
  network_configuration {
    subnets          = var.public_subnet_ids
    security_groups  = [aws_security_group.task.id]
    assign_public_ip = true
  }
}
```
For `aws_cloudwatch_event_target` / `aws_scheduler_schedule`: `network_configuration { assign_public_ip = true }`.

## Alternatives
- Move the tasks to private subnets with a NAT gateway (`nat_gateway_id` default route): tasks stay
  unreachable from the internet and get a fixed egress IP; costs about USD 0.045/h per NAT plus
  USD 0.045/GB (us-east-1).
- Private subnets with VPC endpoints (`ecr.api`, `ecr.dkr`, S3 gateway, `logs`, `secretsmanager`/`ssm`):
  no internet path, USD 0.01/h per interface endpoint per AZ; Docker Hub images stop working.
- Keeping tasks public exposes them to the internet: lock the security group to the load balancer.

## Prevention
- Make `assignPublicIp` a function of the subnet tier in your module, never an independent input.
- Remember every launcher: services, `run-task` scripts, EventBridge/Scheduler targets, Step Functions.
- Prefer private subnets for services behind a load balancer.

"""#,
    "registry-rate-limited": #"""
# registry-rate-limited: Docker Hub refused the pull with 429 Too Many Requests

Docker Hub counts pulls (manifest requests) per client. Anonymous pulls are limited to 100 per 6 hours per IPv4
address or IPv6 /64 subnet; a free Personal account to 200 per 6 hours; Pro, Team and Business accounts have no
pull rate limit (fair use). An ECS task without `repositoryCredentials` pulls anonymously, so the limit applies
to the address the pull leaves from. Tasks in private subnets share the Elastic IP of their NAT gateway, so a
busy cluster (every task start, every retry of a failing service, every instance in an Auto Scaling group) burns
one shared budget. Tasks with a public IP get an address from the AWS pool that other customers may have used
up. Every Fargate task pulls; on EC2 the agent pulls on every start too unless `ECS_IMAGE_PULL_BEHAVIOR` is
`once` or `prefer-cached`. Docker Hub also has an abuse limit of thousands of requests per minute, which
answers a bare `429 Too Many Requests` without the pull-limit text. The task stops with `stopCode` `TaskFailedToStart`, and the service keeps retrying, which keeps the budget spent.

## How it shows up
Fargate/containerd (AWS re:Post quotes):
```text
CannotPullContainerError: inspect image has been retried 5 time(s): httpReaderSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/manifests/sha256:2bb501e6429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit
CannotPullContainerError: inspect image has been retried 5 time(s): httpReaderSeeker: failed open: unexpected status code Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading:
```
As listed in the ECS developer guide ("CannotPullContainer task errors"):
```text
ERROR: toomanyrequests: Too Many Requests.
You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limits.
```
As relayed by a tool that prefixed the stop code:
```text
TaskFailedToStart - 429 Too Many Requests - Server message: toomanyrequests:
```

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{n:name,img:image,creds:repositoryCredentials}'`
   An image with no registry host (`nginx:1.27`, `bitnami/redis`) or `docker.io/...` and no `repositoryCredentials` pulls anonymously.
2. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].events[:20].[createdAt,message]'`
   Many `has started 1 tasks` / `unable to place a task` lines in a short window: a retry loop spending the budget.
3. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].attachments[0].details'` gives the subnet;
   `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<subnet-id> --query 'RouteTables[].Routes[?DestinationCidrBlock==`0.0.0.0/0`]'`
   and `aws ec2 describe-nat-gateways --nat-gateway-ids <nat-id> --query 'NatGateways[].NatGatewayAddresses[].PublicIp'`: the shared egress address.
4. From a host behind the same NAT, the remaining budget (anonymous token; a pull-limit check does not count as a pull):
   `TOKEN=$(curl -s "https://auth.docker.io/token?service=registry.docker.io&scope=repository:ratelimitpreview/test:pull" | jq -r .token)`
   `curl -sI -H "Authorization: Bearer $TOKEN" https://registry-1.docker.io/v2/ratelimitpreview/test/manifests/latest | grep -i ratelimit`

## Fix
### AWS CLI
```sh
# Cache Docker Hub in ECR (Docker Hub upstream requires credentials; the secret name must start with ecr-pullthroughcache/):
aws secretsmanager create-secret --name ecr-pullthroughcache/docker-hub \
  --secret-string '{"username":"<docker-user>","accessToken":"<docker-access-token>"}'
aws ecr create-pull-through-cache-rule --ecr-repository-prefix docker-hub \
  --upstream-registry-url registry-1.docker.io --credential-arn <secret-arn>
# Then use "image": "<account-id>.dkr.ecr.<region>.amazonaws.com/docker-hub/library/nginx:1.27".
# The execution role needs ecr:BatchImportUpstreamImage (and ecr:CreateRepository for the first pull).
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .containerDefinitions |= map(if .name == "<container>" then .image = "<account-id>.dkr.ecr.<region>.amazonaws.com/docker-hub/library/nginx:1.27" else . end)' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family> --force-new-deployment
```
### Console
ECR > Private registry > Pull through cache > Add rule > Docker Hub (creates the `ecr-pullthroughcache/` secret).
ECS > Task definitions > <family> > Create new revision > Image URI, or Private registry authentication with a Docker Hub token secret.
### Terraform
```hcl
resource "aws_ecr_pull_through_cache_rule" "docker_hub" {
  ecr_repository_prefix = "docker-hub"
  upstream_registry_url = "registry-1.docker.io"
  credential_arn        = aws_secretsmanager_secret.docker_hub.arn # name "ecr-pullthroughcache/..."
}
```

## Alternatives
- Authenticated pulls: `repositoryCredentials.credentialsParameter` with a Docker Hub access token (200 per 6 hours
  on a free account, unlimited on a paid one; see `private-registry-auth` for the secret format).
- Docker official images are mirrored on ECR Public: `public.ecr.aws/docker/library/<name>:<tag>`.
- Copy the image once into your own ECR repository (`docker pull`, `docker tag`, `docker push`).
- EC2: `ECS_IMAGE_PULL_BEHAVIOR=prefer-cached` in `/etc/ecs/ecs.config` skips the pull when the image is on the host.

## Prevention
- No production task definition should reference `docker.io` directly; review image URIs (or run `ecs-triage`) in CI.
- Give failing services a deployment circuit breaker so a crash loop does not pull hundreds of times an hour.

"""#,
    "registry-unavailable": #"""
# registry-unavailable: the registry answered with a server error or was down

The task reached the registry over the network, but the registry failed: HTTP 500, 502, 503 or 504 on the
manifest or on a layer blob, or an empty reply (`EOF`) from its front end. Public registries (Docker Hub,
ghcr.io, quay.io, registry.gitlab.com) and self-hosted ones (Artifactory, Harbor, Nexus) have outages, and the
layer downloads are often served by a CDN that can fail alone. Nothing in your account is wrong, and the same
task definition works again when the registry recovers. A service retries the task with back-off and may trip
the deployment circuit breaker; a standalone `run-task` or a scheduled task is not retried. A timeout (`i/o
timeout`, `context deadline exceeded`, "There is a connection issue between the task and the registry") means
the packets never got an answer and is a network problem on your side first (`aws-service-unreachable`). A 429
is a rate limit (`registry-rate-limited`), and 401/403 are credentials (`private-registry-auth`).

## How it shows up
Fargate/containerd, a layer from Docker Hub (the reporting tool prefixed `TaskFailedToStart - `):
```text
TaskFailedToStart - CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/<repo>/blobs/sha256:<digest>: 504 Gateway Time-out
```
The same shape from quay.io, as containerd prints it (on Fargate it follows `CannotPullContainerError: ref pull has been retried N time(s): `):
```text
failed to copy: httpReadSeeker: failed open: unexpected status code https://quay.io/v2/<repo>/blobs/sha256:<digest>: 502 Bad Gateway
```
Docker daemon text as `docker pull` prints it (on the EC2 launch type it follows `CannotPullContainerError: `):
```text
Error response from daemon: received unexpected HTTP status: 503 Service Unavailable
Error response from daemon: Head "https://ghcr.io/v2/<org>/<image>/manifests/<tag>": received unexpected HTTP status: 503 Service Unavailable
Error response from daemon: Get https://quay.io/v2/<repo>/manifests/latest: received unexpected HTTP status: 500 Internal Server Error.
Error response from daemon: Get "https://quay.io/v2/": EOF
```
The ECS docs list the truncated form `CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy:
httpReaderSeeker: failed open: unexpected status code` without a status; that alone is `image-pull-failed`.

## How to confirm
1. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{reason:stoppedReason,c:containers[].{n:name,img:image,r:reason}}'`
   The status code (5xx) and the registry host in the URL.
2. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].events[:20].[createdAt,message]'`
   Same error on every attempt over minutes, and on other services that use the same registry: an outage.
   A mix of successes and failures: a flaky registry or CDN; retries will get through.
3. The registry's status page (status.docker.com, githubstatus.com, status.quay.io) or your own registry's health endpoint.
4. From outside the VPC: `docker manifest inspect <image>` (or `curl -sI https://<registry>/v2/`, where 401 means "up").
   If it works from outside but not from the task, look at your egress: proxy, firewall or TLS inspection in the path.
5. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].image'`:
   every essential container's registry is a dependency of every task start.

## Fix
### AWS CLI
```sh
# Once the registry is back, start fresh tasks (a service already retries on its own):
aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment
# Remove the dependency: cache the upstream in ECR and point the task definition at the ECR copy.
aws ecr create-pull-through-cache-rule --ecr-repository-prefix quay --upstream-registry-url quay.io
#   "image": "<account-id>.dkr.ecr.<region>.amazonaws.com/quay/<org>/<image>:<tag>"
aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > taskdef.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .containerDefinitions |= map(if .name == "<container>" then .image = "<account-id>.dkr.ecr.<region>.amazonaws.com/quay/<org>/<image>:<tag>" else . end)' taskdef.json > taskdef-new.json
aws ecs register-task-definition --cli-input-json file://taskdef-new.json
aws ecs update-service --cluster <cluster> --service <service> --task-definition <family>
```
Docker Hub, ghcr.io and GitLab upstreams also need `--credential-arn` (a secret named `ecr-pullthroughcache/...`).
### Console
ECR > Private registry > Pull through cache > Add rule. ECS > Task definitions > <family> > Create new revision >
Image URI. ECS > <service> > Update > Force new deployment.
### Terraform
```hcl
resource "aws_ecr_pull_through_cache_rule" "quay" {
  ecr_repository_prefix = "quay"
  upstream_registry_url = "quay.io"
}
```
And build images as `"${data.aws_caller_identity.current.account_id}.dkr.ecr.${var.region}.amazonaws.com/quay/<org>/<image>:<tag>"`.

## Alternatives
- Mirror the images into your own ECR repositories in CI (`docker pull`, `docker tag`, `docker push`), so
  production never pulls from a third party.
- EC2: `ECS_IMAGE_PULL_BEHAVIOR=prefer-cached` (or `once`) in `/etc/ecs/ecs.config` lets hosts that already hold the
  image start tasks during the outage.
- A pull-through cache keeps serving images it has already cached while the upstream is down.

## Prevention
- Treat every non-ECR registry in a task definition as a production dependency, with its own alarm and fallback.
- Enable the deployment circuit breaker with rollback, so an outage during a deploy does not leave the service at zero.

"""#,
    "s3-gateway-endpoint-not-associated": #"""
# s3-gateway-endpoint-not-associated: the S3 gateway endpoint is not on the task subnet's route table

A gateway endpoint is not a network interface: it works by adding a route to the S3 prefix list
(`pl-...`, destination `com.amazonaws.<region>.s3`) to each route table it is associated with. The
VPC here has an S3 gateway endpoint, but the task subnet's route table is not in its `RouteTableIds`.
ECR stores image layers in S3 (bucket `prod-<region>-starport-layer-bucket`) and returns presigned
S3 URLs for them, so with ECR interface endpoints in place the task gets its registry token and its
manifest, then hangs downloading the first layer. `environmentFiles` in S3 fail the same way. In a
private subnet with no NAT gateway that is a hard failure; with a NAT gateway layers still flow, but
through the NAT at per-GB cost.

## How it shows up
`stopCode` `TaskFailedToStart`, often after several minutes of retries. Pre-2024 wording (older agents
print the presigned layer URL; current agents replace it with `REDACTED ECR URL related to ...`):
```text
CannotPullContainerError: ref pull has been retried 5 time(s): failed to copy: httpReadSeeker: failed open: failed to do request: Get "https://prod-<region>-starport-layer-bucket.s3.<region>.amazonaws.com/<layer>?X-Amz-...": dial tcp <s3-ip>:443: i/o timeout
CannotPullContainerError: ref pull has been retried 5 time(s): failed to copy: httpReadSeeker: failed open: failed to do request: Get REDACTED ECR URL related to <account-id>.dkr.ecr.<region>.amazonaws.com/<repo>
ResourceInitializationError: failed to download env files: file download command: non empty error stream: RequestCanceled: request context canceled caused by: context deadline exceeded
```
2024 "enhanced" wording:
```text
CannotPullContainerError: The task cannot pull <account-id>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag> from the registry <account-id>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>. There is a connection issue between the task and the registry. Check your task network configuration. : failed to copy: httpReadSeeker: failed open: failed to do request: Get <url>: dial tcp <s3-ip>:443: i/o timeout
```
The tell-tale sign: registry auth succeeded (no "cannot pull registry auth" error), `failed to copy` /
`httpReadSeeker` appears, and `<s3-ip>` falls in one of the S3 prefix list CIDRs (step 3 below).

## How to confirm
1. `aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=<vpc-id> Name=service-name,Values=com.amazonaws.<region>.s3 --query 'VpcEndpoints[].{id:VpcEndpointId,type:VpcEndpointType,state:State,rtbs:RouteTableIds}'`
   Expect `VpcEndpointType` `Gateway`, `State` `available`. Note `RouteTableIds`. (An S3 *Interface*
   endpoint needs private DNS for S3 to be used by the task; it is a different case.)
2. `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<subnet-id> --query 'RouteTables[].{id:RouteTableId,routes:Routes}'`
   (no result: the subnet uses the main table, `Name=vpc-id,Values=<vpc-id> Name=association.main,Values=true`).
   The defect is confirmed when this route table id is not in `RouteTableIds` from step 1, and `Routes` has no
   entry with `DestinationPrefixListId` `pl-...` and `GatewayId` `vpce-...`.
3. `aws ec2 describe-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.<region>.s3`
   gives the `pl-...` id to look for (and the S3 CIDRs to compare with `<s3-ip>`).
4. `aws ec2 describe-route-tables --route-table-ids <rtb-id> --query 'RouteTables[0].Routes[?DestinationCidrBlock==`0.0.0.0/0`]'`
   No NAT route: the pull fails. A NAT route: the pull works but S3 traffic is billed through the NAT.

## Fix
### AWS CLI
```sh
aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce-id> --add-route-table-ids <rtb-id>
```
Adding the route can briefly interrupt existing S3 connections from that subnet.
### Console
VPC > Endpoints > select the `com.amazonaws.<region>.s3` Gateway endpoint > Route tables > Manage route
tables > tick the task subnet's route table > Modify route tables.
### Terraform
```hcl
resource "aws_vpc_endpoint_route_table_association" "s3_private" {
  for_each        = toset(var.private_route_table_ids)
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  route_table_id  = each.value
}
```
or list every task route table in `aws_vpc_endpoint.s3.route_table_ids`. Do not use both styles for
the same endpoint: they fight over the associations.

## Alternatives
- Associate the endpoint with all private route tables at once; gateway endpoints are free, so there is
  no cost reason to leave one out.
- A NAT default route also reaches S3, at about USD 0.045/GB processed; the gateway endpoint is cheaper.
- If the endpoint has a policy, it must also allow `s3:GetObject` on
  `arn:aws:s3:::prod-<region>-starport-layer-bucket/*` (see `endpoint-policy-denies`).
- Security groups and NACLs must allow 443 to the S3 prefix list or CIDRs (`task-sg-blocks-egress`,
  `nacl-blocks-traffic`); gateway endpoints have no security group of their own.

## Prevention
- Associate the S3 gateway endpoint in the same module that creates each private route table.
- When a subnet moves to a new route table, re-check endpoint associations.
- Avoid implicit main route table associations for task subnets.

"""#,
    "secret-not-found": #"""
# secret-not-found: a secret, parameter or JSON key the task references does not exist

Before the containers start, the agent resolves every `secrets[].valueFrom`, `logConfiguration.secretOptions`
and `repositoryCredentials.credentialsParameter`. A Secrets Manager reference is the secret's ARN (or its name,
in the task's region), optionally followed by `:<json-key>:<version-stage>:<version-id>`, for example
`arn:aws:secretsmanager:<region>:<account-id>:secret:<name>-AbCdEf:password::`. With a JSON key the secret's
value must be a JSON object that has that key; use the full ARN when adding the suffix. An SSM reference is a
parameter name in the task's region (`/app/db/url`) or a full `arn:aws:ssm:<region>:<account-id>:parameter/app/db/url`
for another region. Anything that does not resolve stops the task with `stopCode` `TaskFailedToStart`: a
typo; a secret deleted or scheduled for deletion; a reference to another region or account without the full
ARN; a secret created without a value (no `AWSCURRENT` version); a JSON key the secret lacks (often a key
added to the task definition before the secret); a plain-text secret where JSON is expected; or a stage or
version id that does not exist. A permission failure says AccessDenied instead (`execution-role-cannot-read-secrets`).

## How it shows up
Fargate (stopped reason, or service event after `was unable to place a task. Reason: `):
```text
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): retrieved secret from Secrets Manager did not contain json key <key>
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): invalid character '\'' looking for beginning of value
ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: <parameter-name>
```
EC2 agent, as the ECS docs print it, and the agent's own format string (filled in):
```text
Fetching secret data from AWS Secrets Manager in region <region>: secret <secret-arn>: ResourceNotFoundException: Secrets Manager can't find the specified secret.
ResourceInitializationError: The task can't retrieve the secret with ARN <secret-arn> from AWS Secrets Manager. Check that the secret ARN is correct
Fetching secret data from SSM Parameter Store in <region>: invalid parameters: <parameter-name>
```
A secret that exists but has no current value answers
`ResourceNotFoundException: Secrets Manager can't find the specified secret value for staging label: AWSCURRENT`.

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{c:name,s:secrets,l:logConfiguration.secretOptions,r:repositoryCredentials}'`
   Split each Secrets Manager `valueFrom` into ARN, JSON key, stage and version id; note the region and account in each ARN.
2. `aws secretsmanager describe-secret --region <region> --secret-id <secret-arn-without-suffix> --query '{arn:ARN,deleted:DeletedDate,versions:VersionIdsToStages}'`
   `ResourceNotFoundException`: wrong name, region or account. `DeletedDate` set: scheduled for deletion.
   No version with `AWSCURRENT`: the secret has no value yet. A name search: `aws secretsmanager list-secrets --filters Key=name,Values=<name-prefix>`.
3. JSON key present? Prints the key names only: `aws secretsmanager get-secret-value --secret-id <secret-arn> --query SecretString --output text | jq 'keys'`
   A `jq` parse error means the value is not JSON (for example single quotes from a shell, hence `invalid character '\''`).
4. SSM: `aws ssm describe-parameters --region <region> --parameter-filters Key=Name,Values=<parameter-name> --query 'Parameters[].{n:Name,t:Type}'`
   Empty: missing in that region. Names are case-sensitive and hierarchical names start with `/`.
5. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{reason:stoppedReason,td:taskDefinitionArn}'`: the revision that failed.

## Fix
### AWS CLI
```sh
# Add the missing key (merge into the existing JSON, do not overwrite other keys):
aws secretsmanager get-secret-value --secret-id <secret-arn> --query SecretString --output text \
  | jq --arg v "<value>" '. + {"<key>": $v}' > /tmp/secret.json
aws secretsmanager put-secret-value --secret-id <secret-arn> --secret-string file:///tmp/secret.json && rm /tmp/secret.json
# Or restore a secret scheduled for deletion, or create the parameter:
aws secretsmanager restore-secret --secret-id <secret-arn>
aws ssm put-parameter --name <parameter-name> --type SecureString --value '<value>'
aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment
```
If the reference is wrong instead, correct `valueFrom` in a new revision (`aws ecs register-task-definition`) and deploy it.
### Console
Secrets Manager > Secrets > <secret> > Retrieve secret value > Edit (add the key), or Store a new secret. Systems Manager >
Parameter Store > Create parameter. ECS > Task definitions > <family> > Create new revision > Container > Environment variables (ValueFrom).
### Terraform
```hcl
resource "aws_secretsmanager_secret_version" "app" {
  secret_id     = aws_secretsmanager_secret.app.id
  secret_string = jsonencode({ DB_PASSWORD = var.db_password, API_KEY = var.api_key })
}
# secrets = [{ name = "API_KEY", valueFrom = "${aws_secretsmanager_secret.app.arn}:API_KEY::" }]
```

## Alternatives
- One secret per value (no JSON key) removes the "did not contain json key" class of failure, at the cost of more secrets.
- Cross-region or cross-account: always write the full ARN, and add a resource policy (and a customer managed KMS key) on the secret.

## Prevention
- Create secrets and keys in the same change that adds the `valueFrom`, and deploy the secret first.
- Give secrets a recovery window and alarm on `DeleteSecret` in CloudTrail.

"""#,
    "service-deployments-active": #"""
# service-deployments-active: DeleteService refused while a deployment is in progress

ECS deletes a service only when no deployment of it is in progress. Scaling a service to 0 (which
every careful teardown does first) or any update starts a deployment; until that deployment settles,
`DeleteService` answers with this error. It is usually transient: Terraform's `aws_ecs_service`
retries on exactly this message until the deployment settles (hashicorp/terraform-provider-aws,
`internal/service/ecs`). It lasts when the deployment never completes, because its tasks fail to start.

## How it shows up
```text
An error occurred (InvalidParameterException) when calling the DeleteService operation: The service cannot be stopped while deployments are active.
```

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].deployments[].[id,status,rolloutState,failedTasks]'`
   More than one deployment, or one with `rolloutState: IN_PROGRESS`, confirms.
2. `failedTasks` growing on the `PRIMARY` deployment: the deployment is stuck, not slow.

## Fix
### AWS CLI
```sh
aws ecs wait services-stable --cluster <cluster> --services <service>
aws ecs delete-service --cluster <cluster> --service <service>
```
A stuck deployment must end first: update the service back to the previous task definition revision
(or let the deployment circuit breaker roll back), then wait and delete.
### Terraform
Nothing to change: the provider retries this error during destroy. A destroy that times out on it is a
deployment that never completes; fix the failing tasks or raise the delete timeout.

## Alternatives
- `aws ecs delete-service --force` deletes a service that still has a desired count; whether it also
  skips an active deployment is not documented, so prefer waiting.

## Prevention
- Script teardown as: scale to 0, wait for `services-stable`, delete, wait for `services-inactive`.

"""#,
    "service-has-no-tasks": #"""
# service-has-no-tasks: the service wants tasks, has none running or pending, and nothing in the input says why

`desiredCount` above zero with `runningCount` 0 and `pendingCount` 0 means the service is not serving, and the
scheduler is not even starting a task right now. Usually a service event says why ("was unable to place a task",
"is unable to consistently start tasks successfully") or the stopped tasks do (`stoppedReason`). When the input holds
the service's events and neither they nor any task show a failure, the cause is undetermined: `ecs-triage` never
answers that with "no problems found". It reports the service with confidence `possible` and names the commands
whose output would settle it. If another finding names a defect on this service's path (network, IAM, image), that
is the likely reason; these commands confirm it.

Common reasons: the stopped tasks are older than the input (ECS keeps them about an hour) and only a
"has started 1 tasks" event remains; the scheduler is backing off after repeated failures; auto scaling just raised the
desired count; the cluster has no capacity and the event is older than the events read.

## A minimal example
`desiredCount` 2, `runningCount` 0, `pendingCount` 0; events: `(service web) has started 2 tasks: (task 0f3c9d) (task 1a2b3c).`; no tasks in the input.

## As printed
```text
web wants 2 tasks but has none running or pending; no event or stopped task in the input says why
```

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].events[:20].[createdAt,message]'`
2. `aws ecs describe-tasks --cluster <cluster> --tasks $(aws ecs list-tasks --cluster <cluster> --service-name <service> --desired-status STOPPED --query taskArns --output text)`
3. `aws application-autoscaling describe-scaling-activities --service-namespace ecs --resource-id service/<cluster>/<service>`
4. `aws ecs describe-clusters --clusters <cluster> --query 'clusters[0].[registeredContainerInstancesCount,capacityProviders,defaultCapacityProviderStrategy]'`

Run `ecs-triage` again with these outputs (or `ecs-triage collect`): the failure they show gets its own rule.

## Fix
Whatever the commands show: a placement failure (capacity rules), a stopped reason (its rule), or a desired count
raised by a scaling policy the cluster cannot serve.

## Alternatives
- Services created by infrastructure code that never got tasks: check the deployment in CloudFormation / Terraform
  output; `wait_for_steady_state = true` makes Terraform fail with the service.

"""#,
    "service-scaled-above-zero": #"""
# service-scaled-above-zero: DeleteService refused because the service still wants running tasks

`DeleteService` only deletes a service whose desired count is 0, unless the call says `force`. The
rule protects against deleting a running service by accident; it is not an error in the service
itself. Two ways out: scale the service to 0 and delete it, or delete with `--force`, which sets the
service to `DRAINING` and lets ECS stop the tasks in the background. Either way the service then goes
to `INACTIVE` once its tasks are gone. A scaling policy can undo a manual scale-to-zero: when the
service is an Application Auto Scaling target with a minimum capacity above 0, the next scaling
activity raises the desired count again, so deregister the target (or set its minimum to 0) first.
Tools that delete services for you normally scale down first (Terraform's `aws_ecs_service` does, and
has `force_delete`), so seeing this error from them usually means the scale-down step was skipped or raced.

## How it shows up
API error from `DeleteService` (AWS CLI form, and as SDKs report it):
```text
An error occurred (InvalidParameterException) when calling the DeleteService operation: The service cannot be stopped while it is scaled above 0.
InvalidParameterException: The service cannot be stopped while it is scaled above 0.
```
The console shows the same sentence when deleting a service without the force option.

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{status:status,desired:desiredCount,running:runningCount,sched:schedulingStrategy,controller:deploymentController.type}'`
   `status: ACTIVE` with `desired` above 0 confirms.
2. `aws application-autoscaling describe-scalable-targets --service-namespace ecs --resource-ids service/<cluster>/<service>`
   A target with `MinCapacity` above 0 will scale the service back up.
3. `aws application-autoscaling describe-scheduled-actions --service-namespace ecs --resource-id service/<cluster>/<service>`
   Scheduled actions can also raise the count.

## Fix
### AWS CLI
```sh
# Option 1: scale to zero, then delete.
aws application-autoscaling deregister-scalable-target --service-namespace ecs \
  --resource-id service/<cluster>/<service> --scalable-dimension ecs:service:DesiredCount   # only if registered
aws ecs update-service --cluster <cluster> --service <service> --desired-count 0
aws ecs delete-service --cluster <cluster> --service <service>
# Option 2: delete now; ECS drains and stops the tasks itself.
aws ecs delete-service --cluster <cluster> --service <service> --force
aws ecs wait services-inactive --cluster <cluster> --services <service>
```
A service that is not being deleted but must stop running: `update-service --desired-count 0` alone.
### Console
ECS > Clusters > <cluster> > Services > select <service> > Delete service > tick "Force delete" (or
first Update service > Desired tasks 0).
### Terraform
Removing `aws_ecs_service` from the configuration scales it down and deletes it; for a service owned by
Auto Scaling, destroy the `aws_appautoscaling_target` and policies in the same apply. Set
`force_delete = true` on `aws_ecs_service` when the service must go even if scale-down cannot finish.

## Alternatives
- Keep the service and set `desired_count = 0` to pause it; it costs nothing on Fargate while at 0.
- CloudFormation deletes the `AWS::ECS::Service` resource with its own drain; delete the stack rather
  than the service by hand when the stack owns it.

## Prevention
- Script service teardown as: deregister scalable target, scale to 0, delete, wait for `INACTIVE`.
- Use `--force` only in automation that also waits for `services-inactive`, so dependent resources
  (target groups, Cloud Map services) are not deleted while tasks still use them.

"""#,
    "session-manager-plugin-missing": #"""
# session-manager-plugin-missing: the AWS CLI cannot find the Session Manager plugin

`aws ecs execute-command` does not open the shell itself: after ECS accepts the call, the AWS CLI
hands the session to a separate program, `session-manager-plugin`, which must be installed on the
machine that runs the CLI (a laptop, a bastion, a CI runner). Without it the CLI stops with its own
message. Nothing in the task, its roles, its network or ECS Exec's configuration is at fault, and
fixing those will not help. The message is the AWS CLI's (awscli `customizations/ecs/executecommand.py`).

## How it shows up
```text
SessionManagerPlugin is not found. Please refer to SessionManager Documentation here: http://docs.aws.amazon.com/console/systems-manager/session-manager-plugin-not-found
```

## How to confirm
1. `session-manager-plugin --version` on the same machine, as the same user, fails or is not found.
2. `command -v session-manager-plugin` prints nothing: not on the PATH the CLI sees (a container image
   for CI often lacks it even when the developer's laptop has it).

## Fix
### AWS CLI host, Linux x86_64
```sh
sudo yum install -y https://s3.amazonaws.com/session-manager-downloads/plugin/latest/linux_64bit/session-manager-plugin.rpm   # Amazon Linux, RHEL
curl -o session-manager-plugin.deb https://s3.amazonaws.com/session-manager-downloads/plugin/latest/ubuntu_64bit/session-manager-plugin.deb && sudo dpkg -i session-manager-plugin.deb   # Debian, Ubuntu
session-manager-plugin --version
```
macOS and Windows have installers on the Systems Manager guide's page "Install the Session Manager plugin
for the AWS CLI" (https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html).
Then run `aws ecs execute-command` again.

## Alternatives
- Use ECS Exec from the console's task page, which needs no local plugin.
- In CI, bake the plugin into the runner image rather than installing it per job.

## Prevention
- Add the plugin to the team's workstation setup and CI images next to the AWS CLI.
- If execute-command then fails differently ("execute command was not enabled", TargetNotConnectedException),
  follow `ecs-exec-not-ready`.

"""#,
    "spot-interruption": #"""
# spot-interruption: a task on Spot capacity was reclaimed by AWS

This is information, not a fault in the task. Fargate Spot (and EC2 Spot capacity) runs on spare
capacity that AWS can take back with a two-minute warning. For a Fargate Spot task, ECS sends a task
state change event with `stopCode` `TerminationNotice` while the task is still `RUNNING`, sends
`SIGTERM` to the containers, and stops the task after the container `stopTimeout` (at most 120 seconds
on Fargate, 30 by default), before the two minutes run out. A service then tries to launch a
replacement on its capacity provider strategy; if Fargate Spot has no capacity the replacement is
not placed either (`fargate-quota-or-capacity`), so a service that runs only on `FARGATE_SPOT` can
drop to zero tasks. Tasks behind a load balancer are deregistered only when they stop, so a
deregistration delay longer than the remaining time causes failed requests. On EC2 Spot instances,
the agent drains the instance on the interruption notice when `ECS_ENABLE_SPOT_INSTANCE_DRAINING=true`;
otherwise the tasks simply vanish with the instance.

## How it shows up
Task state change event (docs sample); `describe-tasks` on the stopped task gives the same reason, with
`stopCode` `TerminationNotice` or `SpotInterruption`:
```text
"desiredStatus": "STOPPED", "lastStatus": "RUNNING", "stoppedReason": "Your Spot Task was interrupted.", "stopCode": "TerminationNotice"
```
```text
Your Spot Task was interrupted.
```
AWS Batch on Fargate Spot reports the same text as the job's `statusReason` (the container often ends
with exit code 137 after `SIGKILL`, which must not be read as out-of-memory).

## How to confirm
1. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{code:stopCode,reason:stoppedReason,cp:capacityProviderName,stopping:stoppingAt,stopped:stoppedAt,exit:containers[].exitCode}'`
   `SpotInterruption` / `TerminationNotice` with that reason and `capacityProviderName` `FARGATE_SPOT` confirms.
2. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{cps:capacityProviderStrategy,desired:desiredCount,running:runningCount,events:events[:10].message}'`
   A strategy with only `FARGATE_SPOT`, or no `base` on `FARGATE`, explains outages after interruptions.
3. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{c:name,stopTimeout:stopTimeout}'`
   No value means 30 seconds to shut down.
4. Behind a load balancer: `aws elbv2 describe-target-group-attributes --target-group-arn <tg-arn> --query "Attributes[?Key=='deregistration_delay.timeout_seconds']"`
   (default 300, longer than the warning).
5. EC2 Spot: `aws autoscaling describe-scaling-activities --auto-scaling-group-name <asg> --max-items 20`
   and `ECS_ENABLE_SPOT_INSTANCE_DRAINING` in the launch template user data.

## Fix
### AWS CLI
```sh
# Keep a base of On-Demand tasks and put the rest on Spot.
aws ecs update-service --cluster <cluster> --service <service> \
  --capacity-provider-strategy capacityProvider=FARGATE,base=2,weight=1 capacityProvider=FARGATE_SPOT,weight=3 \
  --force-new-deployment
# Finish in-flight requests inside the warning.
aws elbv2 modify-target-group-attributes --target-group-arn <tg-arn> \
  --attributes Key=deregistration_delay.timeout_seconds,Value=60
```
Register a revision with `"stopTimeout": 110` on the containers and handle `SIGTERM` in the
application (stop accepting work, checkpoint, exit). EC2 Spot: add
`ECS_ENABLE_SPOT_INSTANCE_DRAINING=true` to `/etc/ecs/ecs.config` in the user data.
### Console
ECS > Clusters > <cluster> > Services > <service> > Update > Compute configuration > Capacity provider
strategy. EC2 > Target groups > <tg> > Attributes > Deregistration delay.
### Terraform
`aws_ecs_cluster_capacity_providers { capacity_providers = ["FARGATE", "FARGATE_SPOT"] }`;
`aws_ecs_service.capacity_provider_strategy { capacity_provider = "FARGATE", base = 2, weight = 1 }` plus one
for `FARGATE_SPOT`; `stopTimeout` in `container_definitions`; `aws_lb_target_group.deregistration_delay = 60`.

## Alternatives
- Run interruption-intolerant services (singletons, long uncheckpointed jobs) on `FARGATE` only.
- For batch work, retry on the status reason (`evaluateOnExit onStatusReason "Your Spot Task was interrupted*"`).

## Prevention
- Never run a service solely on `FARGATE_SPOT`; keep an On-Demand `base` sized for minimum service.
- Subscribe to ECS task state change events with `stopCode` `TerminationNotice` to see interruptions as they happen.
- Fargate Spot does not support Windows or `ARM64` tasks; do not plan capacity on it for those.

"""#,
    "target-az-not-enabled": #"""
# target-az-not-enabled: tasks run in an Availability Zone the load balancer is not enabled in

Each load balancer node serves the Availability Zones the load balancer is enabled in (one subnet per
zone). A target registered from another zone is `unused` with reason `Target.NotInUse`: it is in the
target group, ECS counts the task as running, but no request and no health check reaches it. This
happens when the service's subnets (or the container instances of an EC2 cluster) span more zones than
the load balancer's subnets: part of the capacity silently serves nothing, and a zone failure can take
all usable targets.

## How it shows up
Target health:
```text
"State": "unused", "Reason": "Target.NotInUse", "Description": "Target is in an Availability Zone that is not enabled for the load balancer"
```
The service reports all tasks running while the load balancer has fewer healthy targets than tasks.

## How to confirm
1. `aws elbv2 describe-load-balancers --load-balancer-arns <lb-arn> --query 'LoadBalancers[0].AvailabilityZones[].{az:ZoneName,subnet:SubnetId}'`
2. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].networkConfiguration.awsvpcConfiguration.subnets'`
3. `aws ec2 describe-subnets --subnet-ids <task-subnets> --query 'Subnets[].{id:SubnetId,az:AvailabilityZone}'`
   Every task zone must be among the load balancer's zones.

## Fix
### AWS CLI
```sh
# enable the missing zone on the load balancer (keep the existing subnets):
aws elbv2 set-subnets --load-balancer-arn <lb-arn> --subnets <lb-subnet-a> <lb-subnet-b> <lb-subnet-in-missing-az>
# or keep the tasks in the enabled zones:
aws ecs update-service --cluster <cluster> --service <service> \
  --network-configuration "awsvpcConfiguration={subnets=[<subnet-a>,<subnet-b>],securityGroups=[<task-sg>],assignPublicIp=DISABLED}"
```
### Console
EC2 > Load balancers > <lb> > Network mapping > Edit subnets: tick the missing zone and choose its subnet.
### Terraform
```hcl
resource "aws_lb" "main" {
  subnets = [aws_subnet.public_a.id, aws_subnet.public_b.id, aws_subnet.public_c.id]  # one per task zone
}
```

## Alternatives
- For an internet-facing load balancer the new subnet must be public (route to an internet gateway).
- An NLB's zones can be added but not always removed; plan the zone list up front.

## Prevention
- Derive the load balancer's subnets and the service's subnets from the same list of zones.
- Alert on targets in state `unused`.

"""#,
    "target-group-not-found": #"""
# target-group-not-found: the service points at a target group that does not exist

A service (or, for blue/green and external deployments, each task set) stores the target group ARNs in
`loadBalancers[].targetGroupArn`, and ECS registers every new task by that ARN. A target group ARN,
`arn:aws:elasticloadbalancing:<region>:<account-id>:targetgroup/<name>/<id>`, is bound to one region and
one account. ECS can only use a target group in the service's own region and account. The ARN's random
`<id>` also changes whenever the group is recreated, even under the same name. So a service keeps
pointing at a dead ARN after the target group is deleted by hand, or replaced by IaC while the service
was not updated (separate stacks, `ignore_changes`, a hard-coded ARN). The same happens when the ARN was
copied from another region or account. Nothing can be registered, new tasks never become healthy, and a
deployment stalls or rolls back. ELB refuses to delete a target group that a listener rule still forwards
to, so before the deletion the group had usually been detached from the listener too.

## How it shows up
Service event (AWS documentation template; the doubled `)` is in the source):
```text
service (service-name) task set (taskSet-ID) (task task-id) is not healthy in target-group (targetGroup-ARN)) due to TARGET GROUP IS NOT FOUND.
```
In practice `targetGroup-ARN` is the full ARN and `taskSet-ID` looks like `ecs-svc/<digits>`.
Third-party notes list a sibling ending `due to TARGET IS NOT FOUND.`. It names a missing target, not a
missing group, and is not this rule. When a service is created or updated with a bad ARN, the API refuses
it with `InvalidParameterException: Unable to assume role and validate the specified targetGroupArn. ...`,
which is handled by `ecs-service-role-or-slr` (that message also covers an ARN that is not a target group ARN).
ELB's own answer for a missing group is the error code `TargetGroupNotFound`.

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{lbs:loadBalancers,ctrl:deploymentController.type,sets:taskSets[].{id:id,lbs:loadBalancers},events:events[:10].message}'`
   Note every `targetGroupArn` and the deployment controller (`ECS`, `CODE_DEPLOY`, `EXTERNAL`).
2. `aws elbv2 describe-target-groups --target-group-arns <tg-arn> --region <region-from-arn>`
   `TargetGroupNotFound` confirms it. Also compare the ARN's region and account with the service's.
3. `aws elbv2 describe-target-groups --names <name> --region <region>`: a group with the same name but a
   different `<id>` means it was recreated. Check its `TargetType` (`ip` for `awsvpc`), port and `LoadBalancerArns`.
4. `aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=DeleteTargetGroup --max-results 20`
   shows who deleted it and when (last 90 days).
5. `aws elbv2 describe-listeners --load-balancer-arn <lb-arn>` and `aws elbv2 describe-rules --listener-arn <listener-arn>`:
   find which target group the listener forwards to now.

## Fix
### AWS CLI
```sh
# 1. A target group again (skip if a replacement exists), then make the listener forward to it.
aws elbv2 create-target-group --name <name> --target-type ip --protocol HTTP --port <container-port> \
  --vpc-id <vpc-id> --health-check-path <path>
aws elbv2 modify-listener --listener-arn <listener-arn> --default-actions Type=forward,TargetGroupArn=<new-tg-arn>
# 2a. Rolling-update service (deployment controller ECS): point the service at it (needs the ECS service-linked role).
aws ecs update-service --cluster <cluster> --service <service> \
  --load-balancers targetGroupArn=<new-tg-arn>,containerName=<container>,containerPort=<container-port>
```
2b. `CODE_DEPLOY` services: `update-service --load-balancers` does not apply. Put the new target group
pair in the CodeDeploy deployment group (`aws deploy update-deployment-group ... --load-balancer-info ...`),
then start a CodeDeploy deployment. 2c. `EXTERNAL` services: `aws ecs create-task-set ... --load-balancers ...`
with the new ARN, then delete the old task set. 2d. Or recreate the service: scale it to 0,
`aws ecs delete-service --cluster <cluster> --service <service>`, and create it again with the new ARN.
This gives a short outage, and the old name can be reused only once the old service has finished draining.
### Console
EC2 > Target groups > Create target group; EC2 > Load balancers > <lb> > Listeners > edit the rule; ECS >
Clusters > <cluster> > Services > <service> > Update > Load balancing > choose the new target group.
### Terraform
```hcl
resource "aws_lb_target_group" "app" {
  name_prefix = "app-"
  target_type = "ip"
  port        = var.container_port
  protocol    = "HTTP"
  vpc_id      = var.vpc_id
  lifecycle { create_before_destroy = true }
}
resource "aws_ecs_service" "app" {
  # ...
  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn   # a reference, never a pasted ARN
    container_name   = "app"
    container_port   = var.container_port
  }
}
```
Remove any `lifecycle { ignore_changes = [load_balancer] }` that kept the old ARN.

## Alternatives
- If the service should no longer be load balanced, a rolling-update service can drop the configuration
  with `aws ecs update-service --cluster <cluster> --service <service> --load-balancers '[]'`.
- For `CODE_DEPLOY` services it is often quicker to rebuild the service and deployment group together.

## Prevention
- Keep the target group, the listener rule and the ECS service in one stack, linked by reference.
- Before deleting a target group, search services for it:
  `aws ecs describe-services ... --query 'services[].loadBalancers[].targetGroupArn'`.
- Never copy target group ARNs between regions or accounts; look them up by name in the target environment.

"""#,
    "target-group-without-load-balancer": #"""
# target-group-without-load-balancer: the service's target group is not behind a load balancer

A target group receives traffic only when a listener's default action or a listener rule forwards to
it; `describe-target-groups` then lists the load balancer in `LoadBalancerArns`. ECS refuses to create
a service (or update its load balancer configuration) with a target group that no load balancer uses.
If the listener or rule is removed later, the tasks stay registered but `unused` (`Target.NotInUse`)
and receive nothing. With infrastructure as code the usual cause is ordering: the service is created
before the listener that forwards to the target group.

## How it shows up
API error from `CreateService` / `UpdateService` (Terraform, CloudFormation, CDK, Copilot show it verbatim):
```text
InvalidParameterException: The target group with targetGroupArn arn:aws:elasticloadbalancing:<region>:<account-id>:targetgroup/<name>/<id> does not have an associated load balancer.
```
Target health of an existing service:
```text
"State": "unused", "Reason": "Target.NotInUse", "Description": "Target group is not configured to receive traffic from the load balancer"
```

## How to confirm
1. `aws elbv2 describe-target-groups --target-group-arns <tg-arn> --query 'TargetGroups[0].LoadBalancerArns'` prints `[]`.
2. `aws elbv2 describe-listeners --load-balancer-arn <lb-arn>` and
   `aws elbv2 describe-rules --listener-arn <listener-arn>`: no action forwards to `<tg-arn>`.

## Fix
### AWS CLI
```sh
aws elbv2 create-listener --load-balancer-arn <lb-arn> --protocol HTTP --port 80 \
  --default-actions Type=forward,TargetGroupArn=<tg-arn>
# or, on an existing listener:
aws elbv2 create-rule --listener-arn <listener-arn> --priority 10 \
  --conditions Field=path-pattern,Values='/*' --actions Type=forward,TargetGroupArn=<tg-arn>
```
Then create the service again (or `aws ecs update-service --force-new-deployment` for an existing one).
### Console
EC2 > Load balancers > <lb> > Listeners > Add listener (or View/edit rules > Add rule) > Forward to <tg>.
### Terraform
```hcl
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
resource "aws_ecs_service" "app" {
  depends_on = [aws_lb_listener.http]   # the listener must exist before the service
}
```
CloudFormation: `DependsOn: [Listener, ListenerRule]` on the `AWS::ECS::Service`.

## Alternatives
- Attach the service to the target group the listener already forwards to.
- For a service without a load balancer, remove `loadBalancers` from the service (recreate it).

## Prevention
- Create target group, listener (rule) and service in one module with explicit dependencies.
- Check `LoadBalancerArns` in the deployment pipeline before creating the service.

"""#,
    "target-health-failing": #"""
# target-health-failing: tasks fail the load balancer's health checks

The task started, ECS registered it in the service's target group, and the load balancer's health
checks did not pass. ECS waits `healthCheckGracePeriodSeconds` after the task starts, then, once the
target is `unhealthy` (`UnhealthyThresholdCount` failures `HealthCheckIntervalSeconds` apart), stops
the task and starts a replacement; the cycle repeats and the deployment circuit breaker may roll back.
This symptom rule fires when no cause rule in the snapshot explains the failure. The target health
reason code says which kind of failure it was, and so which cause to look at first.

## How it shows up
Stopped reason (`stopCode` `ServiceSchedulerInitiated`; Classic Load Balancers print `(elb <name>)`):
```text
Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:<region>:<account-id>:targetgroup/<tg-name>/<id>)
```
Service events, older form and current form (Fargate; EC2 adds `(instance <id>)`):
```text
service <service> (instance i-016b0a460d9974567) (port 1047) is unhealthy in target-group <tg-name> due to (reason Request timed out)
(service <service>) (port 5005) is unhealthy in (target-group arn:aws:elasticloadbalancing:<region>:<account-id>:targetgroup/<tg-name>/<id>) due to (reason Health checks failed).
(service <service>) (task <task-id>) (port 8080) is unhealthy in (target-group <tg-arn>) due to (reason Health checks failed with these codes: [503]).
```
Target health (`TargetHealth.Reason` and `Description`):
```text
Target.ResponseCodeMismatch   Health checks failed with these codes: [<code>]
Target.Timeout                Request timed out
Target.FailedHealthChecks     Health checks failed
```

## How to confirm
1. `aws elbv2 describe-target-health --target-group-arn <tg-arn> --query 'TargetHealthDescriptions[].{ip:Target.Id,port:Target.Port,az:Target.AvailabilityZone,state:TargetHealth.State,reason:TargetHealth.Reason,desc:TargetHealth.Description}'`
   Read the reason, then follow the likely causes in this order:
   - `Target.ResponseCodeMismatch`: 301/308/404 `health-check-path-mismatch`; 302/401/403
     `health-check-matcher-mismatch`; 5xx the application itself (check its logs).
   - `Target.Timeout` ("Request timed out"): `lb-sg-blocks-task-port`, `health-check-port-mismatch`,
     app listening on `127.0.0.1` instead of `0.0.0.0`, app too slow (`HealthCheckTimeoutSeconds`).
   - `Target.FailedHealthChecks`: connection refused/reset or a malformed reply (nothing on that port,
     TLS on an HTTP check); on NLBs this is the only unhealthy reason.
   - `Elb.InitialHealthChecking` / `Elb.RegistrationInProgress`: not failed yet; if tasks die in this
     state, `health-check-grace-period-too-short`.
   - `Target.NotInUse` (state `unused`): `target-az-not-enabled` or `target-group-without-load-balancer`.
   - `Target.NotRegistered`, `Target.DeregistrationInProgress`: the task is gone or draining; look at earlier events.
2. `aws elbv2 describe-target-groups --target-group-arns <tg-arn> --query 'TargetGroups[0].{type:TargetType,port:Port,hcPath:HealthCheckPath,hcPort:HealthCheckPort,hcProto:HealthCheckProtocol,matcher:Matcher,interval:HealthCheckIntervalSeconds,timeout:HealthCheckTimeoutSeconds,unhealthy:UnhealthyThresholdCount,lbs:LoadBalancerArns}'`
3. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{grace:healthCheckGracePeriodSeconds,lbs:loadBalancers,net:networkConfiguration,events:events[:10].message}'`
4. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].{reason:stoppedReason,code:stopCode,started:startedAt,stopping:stoppingAt,containers:containers[].{n:name,exit:exitCode,health:healthStatus}}'`
   Start-to-stop time against the grace period; whether the container was healthy by its own check.
5. `aws ec2 describe-security-groups --group-ids <task-sg-id>`: ingress on the container port from the
   load balancer's security group.
6. `aws logs get-log-events --log-group-name <group> --log-stream-name <prefix>/<container>/<task-id> --limit 100`
   Does the app log the health requests, and with which status?

## Fix
### AWS CLI
```sh
aws elbv2 modify-target-group --target-group-arn <tg-arn> --health-check-path <path> --matcher HttpCode=200 \
  --health-check-timeout-seconds 10 --health-check-interval-seconds 30
aws ec2 authorize-security-group-ingress --group-id <task-sg-id> --protocol tcp --port <container-port> \
  --source-group <lb-sg-id>
aws ecs update-service --cluster <cluster> --service <service> --health-check-grace-period-seconds 120
```
### Console
EC2 > Target groups > <tg> > Health checks > Edit; EC2 > Security groups > <task-sg> > Inbound rules;
ECS > <service> > Update > Load balancing > Health check grace period.
### Terraform
`aws_lb_target_group.health_check { path, port = "traffic-port", matcher, timeout, interval, unhealthy_threshold }`,
`aws_security_group_rule` (ingress, `source_security_group_id` = the LB group), and
`aws_ecs_service.health_check_grace_period_seconds`.

## Alternatives
- Point the health check at a lightweight endpoint that does not call dependencies.
- Raise `unhealthy_threshold` and `interval` for slow-starting apps instead of a very long grace period.
- Check the container `healthCheck` too: "Task failed container health checks" is a different failure
  (`container-health-check-failing`).

## Prevention
- Keep port, path and matcher in one place and feed them to the target group and the task definition.
- Make the app listen on `0.0.0.0:<containerPort>`.
- Enable the deployment circuit breaker so a bad revision rolls back instead of cycling forever.

"""#,
    "target-type-mismatch": #"""
# target-type-mismatch: the target group's target type does not fit the task's network mode

A target group registers either EC2 instances (`TargetType` `instance`: instance id + port) or IP
addresses (`ip`). An `awsvpc` task, and every Fargate task is `awsvpc`, has its own elastic network
interface and private IP, not an instance, so ECS can only register it in an `ip` target group.
Tasks in `bridge` or `host` mode on EC2 share the instance's address and are registered as instance
id + host port, so they need `instance`. ECS checks this when the service is created or its load
balancer configuration is updated and refuses the request; the service then never exists or never
gets the new configuration. The target type of an existing target group cannot be changed: you must
create a new target group and point the listener and the service at it.

## How it shows up
An API error from `CreateService` / `UpdateService` (also surfaced by Terraform, CloudFormation, CDK,
Copilot); there is no stopped task because none was started:
```text
InvalidParameterException: The provided target group arn:aws:elasticloadbalancing:<region>:<account-id>:targetgroup/<name>/<id> has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.
```
Terraform shows it as `Error: creating ECS Service (<name>): InvalidParameterException: The provided
target group ... has target type instance, which is incompatible with the awsvpc network mode ...`.
For the reverse case (a `bridge`/`host` task definition with an `ip` target group) expect the same
template naming target type `ip`; we have not seen that variant verbatim, so match on the template.
No separate 2024 "enhanced" wording is known for this error. When an existing service's target group
was replaced by one of type `instance`, ECS fails to register each task's IP address:
```text
(service <service>) failed to register targets in (target-group <tg-arn>) with (error Instance ID '10.0.1.57' is not valid)
```

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{lbs:loadBalancers,td:taskDefinition}'`
   (if the service could not be created, take the target group ARN from your IaC or the error).
2. `aws elbv2 describe-target-groups --target-group-arns <tg-arn> --query 'TargetGroups[0].{type:TargetType,proto:Protocol,port:Port,vpc:VpcId,lbs:LoadBalancerArns}'`
   Look at `TargetType`: `instance`, `ip`, `lambda` or `alb`.
3. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{mode:networkMode,compat:requiresCompatibilities}'`
   `awsvpc` (or `FARGATE` in `requiresCompatibilities`) needs `ip`; `bridge`/`host` needs `instance`.
4. `aws elbv2 describe-listeners --load-balancer-arn <lb-arn>` and
   `aws elbv2 describe-rules --listener-arn <listener-arn>`: find which rules forward to the old target
   group, since they must be repointed.

## Fix
### AWS CLI
```sh
tg=$(aws elbv2 create-target-group --name <name>-ip --target-type ip --protocol HTTP --port <container-port> \
  --vpc-id <vpc-id> --health-check-path <path> --matcher '{"HttpCode": "200"}' \
  --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 modify-listener --listener-arn <listener-arn> \
  --default-actions "Type=forward,TargetGroupArn=$tg"      # or modify-rule for a rule
aws ecs update-service --cluster <cluster> --service <service> \
  --load-balancers "targetGroupArn=$tg,containerName=<container>,containerPort=<container-port>"
```
ecs-triage prints this sequence with the old group's protocol, port, VPC and health check, and the
listeners that forward to it (or, when a listener rule does, the `describe-rules` query that finds it).
If `create-service` failed, just create the service with the new `ip` target group.
### Console
EC2 > Target groups > Create target group > "IP addresses" (not "Instances"); do not register targets by
hand, ECS does it. Then EC2 > Load balancers > listener > edit the rule to forward to it, and ECS >
service > Update > Load balancing.
### Terraform
```hcl
resource "aws_lb_target_group" "app" {
  name_prefix = "app-"
  port        = var.container_port
  protocol    = "HTTP"
  vpc_id      = var.vpc_id
  target_type = "ip"            # was "instance" (the default); changing it forces replacement
  health_check { path = "/health", matcher = "200" }
  lifecycle { create_before_destroy = true }
}
```
`name_prefix` plus `create_before_destroy` lets Terraform build the new group before the listener and
`aws_ecs_service.load_balancer { target_group_arn = aws_lb_target_group.app.arn }` switch to it.

## Alternatives
- For EC2 capacity you can instead change the task definition to `bridge` network mode and keep the
  `instance` target group (dynamic host ports, `hostPort` 0); you lose per-task security groups.
- Classic Load Balancers cannot front `awsvpc` tasks at all (`classic-lb-on-fargate`): move to an ALB or NLB.
- A blue/green (CodeDeploy) service needs two `ip` target groups; replace both.

## Prevention
- In modules, derive `target_type` from the task definition's `network_mode`; Terraform's default is `instance`.
- Always set `target_type` explicitly in `aws_lb_target_group`.
- Create target groups in the same module as the ECS service that uses them.

"""#,
    "task-protection-blocks-scale-in": #"""
# task-protection-blocks-scale-in: more tasks are protected than the service wants to keep

Task scale-in protection lets a task tell ECS "do not stop me now" (a worker in the middle of a job).
A protected task is not stopped by Service Auto Scaling scale-in or by deployments until its
protection is removed or expires. Protection is set with `UpdateTaskProtection` or from inside the
container through `$ECS_AGENT_URI/task-protection/v1/state`; it lasts 120 minutes unless
`expiresInMinutes` says otherwise (1 to 2,880 minutes, that is 48 hours), and each call resets the
clock, so a worker that renews protection in a loop is protected indefinitely. When the desired count
drops below the number of protected tasks, ECS cannot reach it: the task set cannot scale in, the
service never reaches steady state, and a deployment cannot retire the old task set while its tasks
are protected. Unprotected tasks are still stopped first; only the protected excess remains.
Protection works only for service tasks (standalone tasks get `TASK_NOT_VALID`).

## How it shows up
Service event (docs wording):
```text
service (service-name) was unable to reach steady state because task set (taskSet-ID) was unable to scale in. Reason: The number of protected tasks are more than the desired count of tasks.
```
`runningCount` stays above `desiredCount`; during a deployment the old task set lingers with tasks
still running.

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{desired:desiredCount,running:runningCount,deployments:deployments[].{id:id,td:taskDefinition,running:runningCount,desired:desiredCount},taskSets:taskSets[].{id:id,running:runningCount,computed:computedDesiredCount}}'`
2. `aws ecs list-tasks --cluster <cluster> --service-name <service> --desired-status RUNNING` then
   `aws ecs get-task-protection --cluster <cluster> --tasks <task-arn...> --query 'protectedTasks[?protectionEnabled].{task:taskArn,until:expirationDate}'`
   Confirmed when the protected tasks outnumber `desiredCount` (per deployment or task set).
3. `aws application-autoscaling describe-scaling-activities --service-namespace ecs --resource-id service/<cluster>/<service> --max-items 10`
   Whether a scale-in lowered the desired count below the protected count.
4. Far-future `expirationDate` values that keep moving mean the application renews protection; read its
   logs to see whether it ever clears it when the work is done.

## Fix
### AWS CLI
```sh
# Remove protection from tasks that may stop now (they become eligible for scale-in).
aws ecs update-task-protection --cluster <cluster> --tasks <task-arn> <task-arn> --no-protection-enabled
# Or keep them and raise the desired count to at least the number of protected tasks.
aws ecs update-service --cluster <cluster> --service <service> --desired-count <n>
```
Or wait: protection without renewal expires at `expirationDate`. In the application, clear protection
when the unit of work ends (`PUT $ECS_AGENT_URI/task-protection/v1/state` with
`{"ProtectionEnabled":false}`) and set `ExpiresInMinutes` to the longest job, not the maximum.
### Console
ECS > Clusters > <cluster> > Services > <service> > Tasks (task protection is not editable in the
console: use the CLI or the agent endpoint). Update service > Desired tasks.
### Terraform
Protection is runtime state, not configuration. Use `aws_appautoscaling_target.min_capacity` to keep
the minimum at or above the typical number of busy workers; ignore `desired_count` changes with
`lifecycle { ignore_changes = [desired_count] }` on autoscaled services.

## Alternatives
- Scale on queue depth per task so scale-in only happens when workers are idle.
- For very long jobs, run them as standalone tasks (`RunTask`) rather than as service tasks.

## Prevention
- Protect only for the duration of one unit of work and always clear it in a `finally` path.
- Alarm when a service stays below steady state for longer than the longest job.

"""#,
    "task-retirement": #"""
# task-retirement: Fargate is retiring tasks that run on an old platform version revision

This is information, not a fault. AWS keeps Fargate's runtime patched by releasing new platform
version revisions; tasks started on an older revision are then *retired*: stopped on or after a
scheduled date. AWS announces it through AWS Health (event type `AWS_ECS_TASK_PATCHING_RETIREMENT`,
category `scheduledChange`) in the Health Dashboard, EventBridge and e-mail, listing the affected
standalone tasks or `cluster|service` pairs. For a service the scheduler replaces the tasks while
respecting the deployment configuration (with the default `minimumHealthyPercent` of 100 a new task
starts before an old one stops); a service with one task and `minimumHealthyPercent` 0, or one whose
replacement cannot start, loses capacity. Standalone tasks (`RunTask`, scheduled tasks, Batch, Step
Functions) are stopped and never replaced. The delay between notice and retirement is the
`fargateTaskRetirementWaitPeriod` account setting: 7 days by default, or 0 or 14. Opting out is not
possible; restarting the tasks earlier moves them to the current revision.

## How it shows up
AWS Health notification (quoted from a real account's Health event):
```text
You are receiving this notification because AWS Fargate has deployed a new platform version revision [1] and will retire any tasks running on previous platform version revision(s) starting at Fri, 28 Feb 2025 18:00 GMT as part of routine task maintenance [2]. Please find the list of affected tasks in the "Affected Resources" tab . There is no action required on your part unless you want to replace these tasks before task maintenance start time.
```
EventBridge event from AWS Health (docs sample, abridged):
```text
"detail-type": "AWS Health Event", "source": "aws.health", "detail": { "service": "ECS", "eventTypeCode": "AWS_ECS_TASK_PATCHING_RETIREMENT", "eventTypeCategory": "scheduledChange", ... }
```
Afterwards, service events show the scheduler stopping and starting tasks with no deployment of your own.

## How to confirm
1. `aws health describe-events --region us-east-1 --filter eventTypeCodes=AWS_ECS_TASK_PATCHING_RETIREMENT,eventStatusCodes=upcoming,open`
   then `aws health describe-affected-entities --region us-east-1 --filter eventArns=<event-arn>`.
   The AWS Health API needs a Business, Enterprise On-Ramp or Enterprise Support plan; otherwise read the
   Health Dashboard ("Scheduled changes") or an EventBridge rule on `aws.health`.
2. `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn...> --query 'tasks[].{task:taskArn,pv:platformVersion,started:startedAt,group:group,by:startedBy}'`
   Tasks started before the notice are the ones on the retiring revision; `group` `service:<name>` is managed.
3. `aws ecs list-account-settings --name fargateTaskRetirementWaitPeriod --effective-settings`
4. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{desired:desiredCount,deploy:deploymentConfiguration}'`
   `desiredCount` 1 or `minimumHealthyPercent` below 100 means a visible gap during retirement.

## Fix
### AWS CLI
```sh
# Services: replace tasks now, at a time you choose (rolling update deployments).
aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment
# Standalone tasks: start a replacement, then stop the old one.
aws ecs run-task --cluster <cluster> --task-definition <family:revision> --launch-type FARGATE \
  --network-configuration 'awsvpcConfiguration={subnets=[<subnet-id>],securityGroups=[<sg-id>]}'
aws ecs stop-task --cluster <cluster> --task <old-task-arn> --reason "replaced ahead of Fargate retirement"
# More (or less) notice for future retirements: 0, 7 or 14 days; run as root or an administrator.
aws ecs put-account-setting-default --name fargateTaskRetirementWaitPeriod --value 14
```
Services with a CODE_DEPLOY controller: create a new CodeDeploy deployment of the same revision instead.
### Console
AWS Health Dashboard > Your account health > Scheduled changes > the event > Affected resources.
ECS > Clusters > <cluster> > Services > <service> > Update > Force new deployment. ECS > Account settings.
### Terraform
`resource "aws_ecs_account_setting_default" "retirement" { name = "fargateTaskRetirementWaitPeriod", value = "14" }`;
an `aws_cloudwatch_event_rule` with `source = ["aws.health"]` and
`detail.eventTypeCode = ["AWS_ECS_TASK_PATCHING_RETIREMENT"]` targeting SNS or a Lambda.

## Alternatives
- Amazon EC2 event windows for Fargate (account setting `fargateEventWindows`) schedule retirements in a maintenance window.
- Long batch jobs: checkpoint and restart them between notice and retirement.

## Prevention
- Run services with at least two tasks and `minimumHealthyPercent` 100.
- Route AWS Health events to the owning team; supervise standalone tasks and restart them when stopped.

"""#,
    "task-role-permissions": #"""
# task-role-permissions: the application's AWS calls lack task-role permissions

A task has two roles with different jobs. The **execution role** (`executionRoleArn`) is used by the
ECS agent before and around your code: it pulls the image from ECR, creates the `awslogs` stream,
reads `secrets` and `environmentFiles`. Its credentials never reach your containers. The **task
role** (`taskRoleArn`) is the one your application's AWS SDK uses: ECS hands its credentials to the
containers through the container credentials endpoint (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`),
which every current SDK reads on its own.

So permissions the application needs (S3, DynamoDB, SQS...) must be on the task role. Two ways it
goes wrong:

- The task definition has **no `taskRoleArn`**: on Fargate the SDK finds no credentials at all
  (`NoCredentialsError`), often because the statements were put on the execution role instead.
- The task role exists but **does not allow** what the application calls: `AccessDenied ... assumed-role/<task-role>/...`.

A fix that copies the one resource from an error (`uploads/2026/11/20/a8f3c2.jpg`) fixes one object;
grant the pattern the application works on (`uploads/*`).

## A minimal example
```json
{"taskDefinition": {"family": "reports-worker", "executionRoleArn": "arn:aws:iam::123456789012:role/reports-worker-execution",
  "containerDefinitions": [{"name": "worker", "image": "..."}]}}
```
with the role `reports-worker-execution` holding `s3:PutObject` on `arn:aws:s3:::acme-reports-prod/reports/*`:
the worker's boto3 call finds no credentials and the container exits 1.

## How it shows up
In the application's log (`aws logs filter-log-events --log-group-name <group>`), not in the stopped reason:
```text
botocore.exceptions.NoCredentialsError: Unable to locate credentials
```
```text
CredentialsProviderError: Could not load credentials from any providers
```
```text
software.amazon.awssdk.core.exception.SdkClientException: Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(...)
```
```text
botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::123456789012:assumed-role/media-thumbnails-task/0c9b... is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::media-uploads-prod/uploads/..." because no identity-based policy allows the s3:GetObject action
```
The stopped reason is only `Essential container in task exited` (exit code 1), or the task keeps running and
the feature fails.

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.[taskRoleArn,executionRoleArn]'`
   A `null` task role with credential errors confirms the first case.
2. `aws iam get-account-authorization-details --filter Role --query "RoleDetailList[?RoleName=='<role-name>']"`
   for the execution and task roles: an application permission (anything beyond ECR, logs, secrets,
   parameters, keys and environment files) on the execution role is in the wrong place.
3. `aws iam simulate-principal-policy --policy-source-arn <task-role-arn> --action-names s3:GetObject --resource-arns 'arn:aws:s3:::<bucket>/<prefix>/*'`

## Fix
### AWS CLI
No task role yet: create one, give it the application's statements, and point the definition at it.
```sh
aws iam create-role --role-name reports-worker-task-role --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam put-role-policy --role-name reports-worker-task-role --policy-name reports-bucket --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::acme-reports-prod/reports/*"}]}'
aws ecs describe-task-definition --task-definition reports-worker:1 --query taskDefinition --output json > reports-worker.json
jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt) | .taskRoleArn = "arn:aws:iam::123456789012:role/reports-worker-task-role"' reports-worker.json > reports-worker-new.json
aws ecs register-task-definition --cli-input-json file://reports-worker-new.json
aws ecs update-service --cluster reports-worker --service reports-worker --task-definition reports-worker
aws iam delete-role-policy --role-name reports-worker-execution --policy-name reports-bucket
```
A task role that lacks a permission: add it, on the pattern the application uses.
```sh
aws iam put-role-policy --role-name media-thumbnails-task --policy-name uploads --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::media-uploads-prod/uploads/*"}]}'
```
Running tasks pick up a changed policy within minutes; a new `taskRoleArn` needs new tasks.
### Console
IAM > Roles > Create role > AWS service > Elastic Container Service > "Elastic Container Service Task";
add the application's permissions. ECS > Task definitions > <family> > Create new revision > Task role.
### Terraform
```hcl
resource "aws_iam_role" "task" {
  name               = "reports-worker-task-role"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "reports_bucket" {
  role   = aws_iam_role.task.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:PutObject", "s3:GetObject"], Resource = "arn:aws:s3:::acme-reports-prod/reports/*" }] })
}
```
and `task_role_arn = aws_iam_role.task.arn` on the `aws_ecs_task_definition`.

## Alternatives
- If a task role is set and the SDK still finds no credentials: the SDK may be too old to read the container
  credentials endpoint, the application may clear its environment, or (EC2, bridge and host network modes) the
  agent runs without `ECS_ENABLE_TASK_IAM_ROLE=true`.
- On EC2 without a task role, the SDK falls back to the instance profile: calls then run as the container
  instance role, which should not carry application permissions.
- If the task role already allows the call, the denial comes from an explicit Deny, a permissions boundary, an
  SCP or a resource policy (bucket, key, queue): `iam-access-denied` says which it can see.

## Prevention
- Give every task definition that calls AWS its own task role, created with the service from the same template.
- Review execution-role policies: anything beyond ECR, logs, secrets and environment files is misplaced.

"""#,
    "task-role-trust": #"""
# task-role-trust: ECS cannot assume the task role

The task role (`taskRoleArn`) gives the application inside the containers its AWS credentials: the
SDK fetches them from the container credentials endpoint (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`),
and ECS produces them by calling `sts:AssumeRole` on the role as the service principal
`ecs-tasks.amazonaws.com`. ECS assumes the role when it launches the task, so a trust policy that does
not allow `ecs-tasks.amazonaws.com` to call `sts:AssumeRole` stops the launch itself, even if the app
would never call AWS. Typical mistakes: a role copied from EC2 (`ec2.amazonaws.com`) or from the ECS
service role (`ecs.amazonaws.com`), a role name that does not exist (typo, other account, `/null` from
an empty variable), or a confused-deputy condition (`aws:SourceAccount`, `aws:SourceArn`) naming a
different account or region. It is the same check as `execution-role-trust`, on the other role.

## How it shows up
The message does not say which of the two roles failed; compare the ARN with `taskRoleArn`.
API error from `RunTask`/`StartTask`/`CreateService`/`UpdateService`:
```text
An error occurred (ClientException) when calling the RunTask operation: ECS was unable to assume the role 'arn:aws:iam::<account-id>:role/<role-name>' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.
```
Service event (the service stays below its desired count, tasks may appear stuck in PENDING):
```text
service <service> failed to launch a task with (error ECS was unable to assume the role 'arn:aws:iam::<account-id>:role/<role-name>' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.).
```
No separate 2024 "enhanced" wording is known for this message. When trust is right but permissions are
missing, the task runs and the application logs `AccessDenied` instead (`iam-access-denied`).

## How to confirm
1. `aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.{task:taskRoleArn,exec:executionRoleArn}'`
   Also check overrides: `aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> --query 'tasks[0].overrides.taskRoleArn'`.
2. `aws iam get-role --role-name <role-name> --query 'Role.AssumeRolePolicyDocument'`
   `NoSuchEntity` means the role does not exist. Otherwise look for an `Allow` statement with
   `"Principal": {"Service": "ecs-tasks.amazonaws.com"}` and `"Action": "sts:AssumeRole"` (or `"sts:*"`).
   A principal of `ec2.amazonaws.com` / `ecs.amazonaws.com` only, or a `Condition` that does not match
   `aws:SourceAccount` = `<account-id>` and `aws:SourceArn` like `arn:aws:ecs:<region>:<account-id>:*`,
   confirms the defect.
3. `aws iam get-role --role-name <role-name> --query 'Role.{arn:Arn,boundary:PermissionsBoundary}'`:
   the ARN in the error must match exactly, including the path (`role/service-role/...`).
4. If both roles' trust is correct, check that the caller may pass them: an `iam:PassRole` denial appears
   as `AccessDeniedException` naming the caller, not as this message.

## Fix
### AWS CLI
```sh
cat > trust.json <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "ecs-tasks.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": {
      "ArnLike": { "aws:SourceArn": "arn:aws:ecs:<region>:<account-id>:*" },
      "StringEquals": { "aws:SourceAccount": "<account-id>" }
    }
  }]
}
JSON
aws iam update-assume-role-policy --role-name <role-name> --policy-document file://trust.json
aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment
```
The `Condition` block is the confused-deputy protection the ECS guide recommends for task roles; it is optional.
### Console
IAM > Roles > <role-name> > Trust relationships > Edit trust policy. For a new role: "AWS service" >
"Elastic Container Service" > "Elastic Container Service Task".
### Terraform
```hcl
data "aws_iam_policy_document" "task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}
resource "aws_iam_role" "task" {
  name               = "app-task"
  assume_role_policy = data.aws_iam_policy_document.task_assume.json
}
```
and `aws_ecs_task_definition.task_role_arn = aws_iam_role.task.arn`.

## Alternatives
- If the application needs no AWS access, remove `taskRoleArn` from the task definition instead.
- A role trusted by several services may list more principals; `ecs-tasks.amazonaws.com` must be one of them.
- Right after creating the role, a retry may succeed: IAM changes take a few seconds to propagate.

## Prevention
- Use one shared trust document for every ECS task and execution role.
- Validate in CI that `taskRoleArn` and `executionRoleArn` are non-empty, exist, and trust `ecs-tasks.amazonaws.com`.
- When adding trust conditions, test a `run-task` in each account and region that uses the role.

"""#,
    "task-sg-blocks-egress": #"""
# task-sg-blocks-egress: the task's security groups do not let HTTPS out

Security groups are stateful: the reply to an allowed outbound connection comes back by itself, but
the outbound connection has to match an egress rule of at least one of the task's security groups
(the rules of several groups add up). A new group allows all egress (`-1` to `0.0.0.0/0`); hardened
groups keep a few rules, and then the task reaches some of what it needs and not the rest. At start a
Fargate task opens TCP 443 to the ECR API and registry (`api.ecr`, `<account>.dkr.ecr`), to S3 for the
image layers (bucket `prod-<region>-starport-layer-bucket`), to CloudWatch Logs, and to Secrets Manager
or SSM when it has `secrets`. Through interface endpoints these connections go to private IPs in the
VPC (the endpoint network interfaces). Through an S3 gateway endpoint they go to S3's *public* address
ranges, the prefix list `pl-...` named `com.amazonaws.<region>.s3` that the route table sends to the
endpoint. Through a NAT gateway they go to public IPs. An egress rule limited to the VPC CIDR therefore
passes the interface endpoints and blocks S3: the registry token and the manifest arrive, the first
layer never does. Security groups do not filter traffic to the Amazon DNS server, so names still resolve.

On the EC2 launch type the same holds for the container instance's groups: the agent and the Docker
daemon reach ECS, ECR, S3 and Logs from the instance. ecs-triage judges every hop of every path, so a
group with no egress rule at all (Terraform removes a new group's default allow-all egress) is
reported even when the path is also blocked earlier (no endpoint, private DNS off): then as a latent
defect, ranked after the one the traffic meets first, so that one deployment fixes both.

## How it shows up
`stopCode` `TaskFailedToStart`, after the pull has retried for a few minutes. Egress to the VPC only
(S3 blocked):
```text
CannotPullContainerError: ref pull has been retried 5 time(s): failed to copy: httpReadSeeker: failed open: failed to do request: Get "https://prod-<region>-starport-layer-bucket.s3.<region>.amazonaws.com/<layer>?X-Amz-...": dial tcp <s3-ip>:443: i/o timeout
```
No egress rule that reaches the interface endpoints either: the first call times out, on a private IP:
```text
ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. operation error ECR: GetAuthorizationToken, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <endpoint-ip>:443: i/o timeout.
```
The routes and endpoints are all in place, which is what separates this from `missing-vpc-endpoint`
and `s3-gateway-endpoint-not-associated`.

## How to confirm
1. `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].networkConfiguration.awsvpcConfiguration.securityGroups'`
   (a stopped task's network interface is gone; the service or the `run-task` call names its groups).
2. `aws ec2 describe-security-groups --group-ids <sg-id> [<sg-id-2>] --query 'SecurityGroups[].{id:GroupId,egress:IpPermissionsEgress}'`
   A rule covers a destination when `IpProtocol` is `-1`, or `tcp` with `FromPort` <= 443 <= `ToPort`, and
   its target matches: `0.0.0.0/0`; for interface endpoints a CIDR holding the endpoint IPs or the
   endpoint security group in `UserIdGroupPairs`; for the S3 gateway the S3 prefix list in `PrefixListIds`
   (or CIDRs covering every S3 range); for a NAT gateway `0.0.0.0/0`.
3. `aws ec2 describe-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.<region>.s3`
   gives the `pl-...` id and the S3 CIDRs; `<s3-ip>` from the stopped reason falls in one of them.
4. `aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=<vpc-id> --query 'VpcEndpoints[].{svc:ServiceName,type:VpcEndpointType,sgs:Groups[].GroupId}'`
   lists what the egress rules have to reach.

## Fix
### AWS CLI
S3 through the gateway endpoint (in us-east-1 the prefix list is `pl-63a5400a`; look yours up), then
the interface endpoints by their security group:
```sh
aws ec2 authorize-security-group-egress --group-id <task-sg-id> --ip-permissions \
  'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=<s3-pl-id>,Description="S3 gateway endpoint"}]'
aws ec2 authorize-security-group-egress --group-id <task-sg-id> --ip-permissions \
  'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=<endpoint-sg-id>}]'
```
### Console
EC2 > Security Groups > the task's group > Outbound rules > Edit outbound rules > Add rule: type HTTPS,
destination Custom, pick the prefix list `com.amazonaws.<region>.s3` (and a second rule for the
endpoint security group) > Save rules.
### Terraform
```hcl
resource "aws_vpc_security_group_egress_rule" "task_s3" {
  security_group_id = aws_security_group.task.id
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}
resource "aws_vpc_security_group_egress_rule" "task_endpoints" {
  security_group_id            = aws_security_group.task.id
  referenced_security_group_id = aws_security_group.endpoints.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
}
```

## Alternatives
- Allow TCP 443 to `0.0.0.0/0`: the route table still decides where packets can go, and it covers S3,
  NAT and new endpoints without further edits.
- A gateway endpoint has no security group of its own; the prefix list is the only tight way to name it.
- Tasks with EFS volumes also need egress TCP 2049 to the mount targets (`efs-mount-target-unreachable`).

## Prevention
- Define task egress next to the endpoints: 443 to the endpoint group and to the S3 prefix list, plus
  the ports of databases and file systems the task uses.
- After tightening a group, start one task before rolling the change to every service.
- Review with `aws ec2 describe-security-group-rules --filters Name=group-id,Values=<sg-id>`.

"""#,
    "unrecognized-failure": #"""
# unrecognized-failure: a failure ecs-triage has no rule for

ecs-triage never answers a failure with "No problems found". When a stopped reason, a container
reason, a service event, a target health reason or a pasted line reads as a failure but matches none
of the known wordings, this rule reports it anyway: it quotes the line, says what made it a failure,
and lists the commands that gather what decides the cause. It also reports known failure families
that have no rule of their own (a volume plugin missing, a FireLens router that cannot start, a task
set target outside the target group's VPC...), and failures of a known kind that nothing in the input
let a rule interpret. Its category is `unknown`: where the defect lies is exactly what is not known.
The confidence is always `possible`, the severity `medium`, and it ranks after every other finding.

What makes a line a failure, in the order the finding names it:
- an error type: an identifier ending in `Error`, `Exception` or `Fault` (`ClientException`,
  `ResourceInitializationError`);
- a stop code that means failure: `TaskFailedToStart`, `EssentialContainerExited`;
- a non-zero exit code: `exit code 2`, `exit status 1`, `exited with code 137`;
- a failure word: "failed", "unable to", "cannot", "denied", "timed out", "unhealthy", "killed",
  "not found", "invalid", "refused", "panic"... not when negated ("0 failed", "no errors").

What stays quiet: the scheduler's routine events ("has reached a steady state", "has started 2
tasks", "registered 1 targets", "deployment completed"), target health states that describe rather
than fail (`Elb.InitialHealthChecking`, `Target.DeregistrationInProgress`, `Target.InvalidState`,
`Target.NotRegistered`), a task stopped before its pull began, a standalone task whose containers all
exited 0, service events older than the service's last steady state, and prose without a failure word.
Lines flagged only by a failure word are left out where a failure was recognised on the same resource
or in the same pasted text: the answer is already there.

## How it shows up
A CI log line, pasted as it is:
```text
[ERROR] FAILED. failed to register task definition: operation error ECS: RegisterTaskDefinition, https response error StatusCode: 400, ClientException: ...
```
A known failure without a rule of its own (Docker's volume plugin lookup, in a stopped task):
```text
CannotCreateVolumeError: Error response from daemon: create data: error looking up volume plugin rexray/ebs: plugin "rexray/ebs" not found
```
The finding's evidence quotes each line with its place (`line 1`, `/tasks/0/stoppedReason`) and, next
to it, why it was taken for a failure ("a failure because of its error type ClientException").

## How to confirm
1. Read the message whole. The text after the last colon usually names what failed; the error type
   names who refused (an AWS API, the container runtime, the application).
2. For a task: `aws ecs describe-tasks --cluster <cluster> --tasks <task-id> --query 'tasks[].{stoppedReason:stoppedReason,stopCode:stopCode,containers:containers[].[name,exitCode,reason]}'`
   (stopped tasks are kept about an hour).
3. For a service: `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[].events[:10]'`.
4. The container's own log: `aws logs tail <log-group> --since 1h` (AWS CLI v2), or
   `aws logs filter-log-events --log-group-name <log-group> --limit 100` (v1 and v2).

## Fix
There is no single fix: the commands above decide it. When the cause turns out to be one ecs-triage
knows under other words, `ecs-triage rules` lists the rules and `ecs-triage explain <rule-id>` prints
the playbook to follow. An AWS API error (`...Exception`) is explained per operation in the API
reference of the service that returned it.

## Alternatives
- Feed ecs-triage more of the context: the CLI outputs of the service, its tasks and task definition
  (`ecs-triage collect`) often let a cause rule explain what the message alone could not.
- `--ignore unrecognized-failure` silences this rule for inputs where the flagged lines are known noise.

## Prevention
- Keep stopped reasons beyond the hour ECS retains them: an EventBridge rule on `ECS Task State Change`
  with a CloudWatch Logs target, or Container Insights' ECS lifecycle events.

"""#,
    "vpc-dns-disabled": #"""
# vpc-dns-disabled: the VPC's DNS attributes are off while tasks rely on interface endpoints

Two VPC attributes govern DNS. `enableDnsSupport` decides whether the Amazon DNS server (the Route 53
Resolver at the VPC base address +2 and `169.254.169.253`) answers at all. `enableDnsHostnames` decides
whether instances get DNS hostnames and, together with the first, whether Route 53 private hosted
zones are answered in the VPC. Interface endpoint private DNS is such a private hosted zone, so both
must be `true`. With `enableDnsHostnames` false the endpoints keep `PrivateDnsEnabled: true` on paper,
but `api.ecr.<region>.amazonaws.com` and the other service names resolve to public addresses and the
endpoints are bypassed; in a private subnet without NAT the calls time out. With `enableDnsSupport`
false nothing resolves through the Amazon DNS server, so every name lookup fails. EFS file system
names (`fs-<id>.efs.<region>.amazonaws.com`) need both attributes as well. The default VPC and the
console's "VPC and more" wizard turn both on; a VPC created through the API, the CLI, CloudFormation or
Terraform gets `enableDnsHostnames` false unless asked.

ecs-triage checks the DNS attributes on every path that needs them: interface endpoints the task
uses without an internet route, and every EFS volume, whose mount helper resolves the file system's
name whatever the route.

## How it shows up
`stopCode` `TaskFailedToStart`. Hostnames off: the first endpoint call times out on a *public* IP:
```text
ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. operation error ECR: GetAuthorizationToken, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://api.ecr.<region>.amazonaws.com/": dial tcp <public-ip>:443: i/o timeout.
```
DNS support off: lookups fail before any connection, in the shape `dial tcp: lookup
api.ecr.<region>.amazonaws.com on <vpc-base+2>:53: ... i/o timeout` or `no such host`; EFS volumes fail with:
```text
ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: Failed to resolve "fs-<id>.efs.<region>.amazonaws.com" - check that your file system ID is correct, and ensure that the VPC has an EFS mount target for this file system ID.
```
Endpoints, routes and security groups all look right, which is what points here.

## How to confirm
1. `aws ec2 describe-vpc-attribute --vpc-id <vpc-id> --attribute enableDnsSupport`
2. `aws ec2 describe-vpc-attribute --vpc-id <vpc-id> --attribute enableDnsHostnames`
   Either `"Value": false` while the VPC has interface endpoints with `PrivateDnsEnabled` true confirms it.
3. `aws ec2 describe-vpcs --vpc-ids <vpc-id> --query 'Vpcs[0].DhcpOptionsId'`, then
   `aws ec2 describe-dhcp-options --dhcp-options-ids <dopt-id>`: `domain-name-servers` other than
   `AmazonProvidedDNS` means custom resolvers, which must forward to the Route 53 Resolver (see Alternatives).

## Fix
### AWS CLI
```sh
aws ec2 modify-vpc-attribute --vpc-id <vpc-id> --enable-dns-support '{"Value":true}'
aws ec2 modify-vpc-attribute --vpc-id <vpc-id> --enable-dns-hostnames '{"Value":true}'
```
One attribute per call; turn on support first. Running tasks pick the change up on their next lookup;
start a new deployment for the stopped ones (`aws ecs update-service --force-new-deployment`).
### Console
VPC > Your VPCs > select the VPC > Actions > Edit VPC settings > DNS settings: tick "Enable DNS
resolution" and "Enable DNS hostnames" > Save.
### Terraform
```hcl
resource "aws_vpc" "this" {
  cidr_block           = var.cidr_block
  enable_dns_support   = true # default true
  enable_dns_hostnames = true # default false
}
```

## Alternatives
- Custom DNS servers (DHCP options): ECR endpoints work only with the Amazon-provided DNS, so forward
  `amazonaws.com` (or the endpoint names) conditionally to the Route 53 Resolver, e.g. through a Route 53
  Resolver inbound endpoint, and keep both attributes on.
- Enabling hostnames only adds public DNS names to instances that already have public IPs; it opens
  nothing.

## Prevention
- Set both attributes explicitly in the VPC module; do not rely on defaults.
- Check them before creating endpoints with private DNS: EC2 refuses private DNS while they are off.
- Alert on `ModifyVpcAttribute` calls in CloudTrail for VPCs that host ECS services.

"""#,
]
