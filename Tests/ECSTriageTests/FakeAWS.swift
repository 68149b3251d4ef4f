import ECSTriage
import ECSTriageCollect
import Foundation

/// A pretend AWS account for collector tests: answers every allowed
/// operation from a small world (one Fargate service behind an ALB, `tasks`
/// tasks, roles with inline and customer managed policies, an SSM parameter,
/// a Secrets Manager secret, an ECR image), records every call, and fails
/// the operations it is told to.
final class FakeAWS: AWSCommandRunner, @unchecked Sendable {
    let runningTasks: Int
    let stoppedTasks: Int
    let failing: [AWSOperation: String]
    let delay: TimeInterval
    /// The container's `awslogs-stream-prefix`; without one its stream cannot be named.
    let streamPrefix: String?
    /// Services in the cluster: `web`, then `web-1`, `web-2`..., each behind its own target group.
    let serviceCount: Int
    private let lock = NSLock()
    private var calls: [AWSCall] = []
    private var running = 0
    private(set) var maxConcurrent = 0

    static let account = "111122223333"
    static let cluster = "arn:aws:ecs:us-east-1:111122223333:cluster/prod"
    static let targetGroup = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef"
    static let loadBalancer = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/fedcba9876543210"
    static let definition = "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
    static let customerPolicy = "arn:aws:iam::111122223333:policy/web-extra"
    static let secret = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/api-AbCdEf"

    init(runningTasks: Int = 1, stoppedTasks: Int = 1, failing: [AWSOperation: String] = [:], delay: TimeInterval = 0, streamPrefix: String? = nil,
         services: Int = 1) {
        self.serviceCount = services
        self.runningTasks = runningTasks
        self.stoppedTasks = stoppedTasks
        self.failing = failing
        self.delay = delay
        self.streamPrefix = streamPrefix
    }

    var recordedCalls: [AWSCall] {
        lock.lock()
        defer { lock.unlock() }
        return calls
    }

    func run(_ call: AWSCall) -> CallOutcome {
        lock.lock()
        calls.append(call)
        running += 1
        maxConcurrent = max(maxConcurrent, running)
        lock.unlock()
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        defer {
            lock.lock()
            running -= 1
            lock.unlock()
        }
        if let message = failing[call.operation] { return .failed(CallFailure(message: message)) }
        return .output(try! JSONParser.parse(Array(answer(call).utf8)))
    }

    func taskArn(_ status: String, _ index: Int) -> String {
        "arn:aws:ecs:us-east-1:111122223333:task/prod/\(status.lowercased())\(String(format: "%027d", index))"
    }

    /// The values of the call's one EC2 filter.
    private func filterValues(_ call: AWSCall) -> [String] {
        guard case let .list(filters) = call.parameter("Filters") ?? call.parameter("Filter"),
              case let .structure(members) = filters.first,
              case let .list(values) = members.first(where: { $0.name == "Values" })?.value else { return [] }
        return values.compactMap { if case let .string(text) = $0 { return text } else { return nil } }
    }

    static func serviceName(_ index: Int) -> String { index == 0 ? "web" : "web-\(index)" }

    static func targetGroupArn(of service: String) -> String {
        service == "web" ? targetGroup : "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/\(service)/0123456789abcdef"
    }

    /// The service `web`: desired 1, running 0, a deployment in progress.
    private var webService: String {
        #"""
        {"serviceArn": "arn:aws:ecs:us-east-1:111122223333:service/prod/web", "serviceName": "web", "clusterArn": "\#(Self.cluster)",
         "taskDefinition": "\#(Self.definition)", "launchType": "FARGATE", "desiredCount": 1, "runningCount": 0,
         "loadBalancers": [{"targetGroupArn": "\#(Self.targetGroup)", "containerName": "app", "containerPort": 8080}],
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0aaa"], "securityGroups": ["sg-0task"], "assignPublicIp": "DISABLED"}},
         "deployments": [{"id": "ecs-svc/1", "status": "PRIMARY", "taskDefinition": "\#(Self.definition)", "rolloutState": "IN_PROGRESS"}],
         "events": []}
        """#
    }

    /// A service other than `web`: like it, behind its own target group.
    private func otherService(_ name: String) -> String {
        #"""
        {"serviceArn": "arn:aws:ecs:us-east-1:111122223333:service/prod/\#(name)", "serviceName": "\#(name)", "clusterArn": "\#(Self.cluster)",
         "taskDefinition": "\#(Self.definition)", "launchType": "FARGATE", "desiredCount": 1, "runningCount": 1,
         "loadBalancers": [{"targetGroupArn": "\#(Self.targetGroupArn(of: name))", "containerName": "app", "containerPort": 8080}],
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0aaa"], "securityGroups": ["sg-0task"], "assignPublicIp": "DISABLED"}},
         "deployments": [{"id": "ecs-svc/1", "status": "PRIMARY", "taskDefinition": "\#(Self.definition)", "rolloutState": "COMPLETED"}], "events": []}
        """#
    }

    /// One result per query: the service `web`'s memory at its limit, everything else at 10.
    private func metricData(_ call: AWSCall) -> String {
        guard case let .list(queries) = call.parameter("MetricDataQueries") else { return #"{"MetricDataResults": []}"# }
        let results = queries.compactMap { query -> String? in
            guard case let .structure(members) = query, case let .string(id)? = members.first(where: { $0.name == "Id" })?.value,
                  case let .string(label)? = members.first(where: { $0.name == "Label" })?.value else { return nil }
            let value = label.hasPrefix("ecs-triage AWS/ECS MemoryUtilization") && label.hasSuffix("ServiceName=web") ? 100 : 10
            return #"{"Id": "\#(id)", "Label": "\#(label)", "Timestamps": [1714557540, 1714557480], "Values": [\#(value), 10], "StatusCode": "Complete"}"#
        }
        return #"{"MetricDataResults": [\#(results.joined(separator: ","))], "Messages": []}"#
    }

    private func task(_ arn: String) -> String {
        let stopped = arn.contains("/stopped")
        let index = Int(arn.suffix(3)) ?? 0
        return #"""
        {"taskArn": "\#(arn)", "clusterArn": "\#(Self.cluster)", "taskDefinitionArn": "\#(Self.definition)",
         "group": "service:web", "launchType": "FARGATE", "lastStatus": "\#(stopped ? "STOPPED" : "RUNNING")",
         "desiredStatus": "\#(stopped ? "STOPPED" : "RUNNING")",
         \#(stopped ? #""stopCode": "TaskFailedToStart", "stoppedReason": "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post \"https://api.ecr.us-east-1.amazonaws.com/\": dial tcp 52.46.145.140:443: i/o timeout","#: "")
         "attachments": [{"type": "ElasticNetworkInterface", "status": "ATTACHED", "details": [
           {"name": "subnetId", "value": "subnet-0aaa"}, {"name": "networkInterfaceId", "value": "eni-\#(stopped ? "s" : "r")\#(String(format: "%08d", index))"}]}],
         "containers": [{"name": "app", "lastStatus": "\#(stopped ? "STOPPED" : "RUNNING")"}]}
        """#
    }

    private func answer(_ call: AWSCall) -> String {
        switch call.operation {
        case .stsGetCallerIdentity:
            return #"{"Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/tester", "UserId": "AIDAEXAMPLE"}"#
        case .ecsDescribeClusters:
            return #"{"clusters": [{"clusterArn": "\#(Self.cluster)", "clusterName": "prod", "status": "ACTIVE", "registeredContainerInstancesCount": 0, "settings": [{"name": "containerInsights", "value": "enabled"}]}], "failures": []}"#
        case .ecsListServices:
            let arns = (0..<serviceCount).map { "\"arn:aws:ecs:us-east-1:111122223333:service/prod/\(Self.serviceName($0))\"" }
            return #"{"serviceArns": [\#(arns.joined(separator: ","))]}"#
        case .ecsDescribeServices where call.strings("services") != ["web"]:
            let services = call.strings("services").map { $0 == "web" ? webService : otherService($0) }
            return #"{"services": [\#(services.joined(separator: ","))], "failures": []}"#
        case .ecsDescribeServices:
            return #"{"services": [\#(webService)], "failures": []}"#
        case .cloudwatchGetMetricData:
            return metricData(call)
        case .ecsListTasks:
            let stopped = call.strings("desiredStatus") == ["STOPPED"]
            let arns = (0..<(stopped ? stoppedTasks : runningTasks)).map { taskArn(stopped ? "STOPPED" : "RUNNING", $0) }
            return #"{"taskArns": [\#(arns.map { "\"\($0)\"" }.joined(separator: ","))]}"#
        case .ecsDescribeTasks:
            return #"{"tasks": [\#(call.strings("tasks").map(task).joined(separator: ","))], "failures": []}"#
        case .ecsDescribeTaskDefinition:
            return #"""
            {"taskDefinition": {"taskDefinitionArn": "\#(Self.definition)", "family": "web", "revision": 3, "networkMode": "awsvpc",
              "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
              "executionRoleArn": "arn:aws:iam::111122223333:role/web-execution", "taskRoleArn": "arn:aws:iam::111122223333:role/service/web-app",
              "containerDefinitions": [{"name": "app", "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:3", "essential": true,
                "portMappings": [{"containerPort": 8080}],
                "environment": [{"name": "DB_PASSWORD", "value": "Planted-Env-Secret-7f3a9c"}],
                "secrets": [{"name": "DB", "valueFrom": "/prod/db"}, {"name": "API", "valueFrom": "\#(Self.secret):key::"},
                            {"name": "GONE", "valueFrom": "arn:aws:ssm:us-east-1:111122223333:parameter/prod/gone"}],
                "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1"\#(streamPrefix.map { #", "awslogs-stream-prefix": "\#($0)""# } ?? "")}}}]}}
            """#
        case .ecsListContainerInstances, .ecsDescribeContainerInstances, .ec2DescribeInstances:
            return #"{"containerInstanceArns": [], "containerInstances": [], "Reservations": []}"#
        case .ec2DescribeSubnets:
            return #"{"Subnets": [{"SubnetId": "subnet-0aaa", "VpcId": "vpc-0one", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a", "MapPublicIpOnLaunch": false}]}"#
        case .ec2DescribeVpcs:
            return #"{"Vpcs": [{"VpcId": "vpc-0one", "CidrBlock": "10.0.0.0/16"}]}"#
        case .ec2DescribeVpcAttribute:
            let attribute = call.strings("Attribute").first ?? ""
            let key = attribute.prefix(1).uppercased() + attribute.dropFirst()
            return #"{"VpcId": "\#(call.strings("VpcId")[0])", "\#(key)": {"Value": true}}"#
        case .ec2DescribeRouteTables:
            return #"""
            {"RouteTables": [{"RouteTableId": "rtb-0main", "VpcId": "vpc-0one", "Associations": [{"Main": true, "RouteTableId": "rtb-0main"}],
              "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
                         {"DestinationPrefixListId": "pl-0s3", "GatewayId": "vpce-0s3", "State": "active"}]}]}
            """#
        case .ec2DescribeInternetGateways: return #"{"InternetGateways": []}"#
        case .ec2DescribeNatGateways: return #"{"NatGateways": []}"#
        case .ec2DescribeVpcEndpoints:
            return #"""
            {"VpcEndpoints": [{"VpcEndpointId": "vpce-0s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-0one", "ServiceName": "com.amazonaws.us-east-1.s3",
               "State": "available", "RouteTableIds": ["rtb-0main"]},
              {"VpcEndpointId": "vpce-0api", "VpcEndpointType": "Interface", "VpcId": "vpc-0one", "ServiceName": "com.amazonaws.us-east-1.ecr.api",
               "State": "available", "SubnetIds": ["subnet-0aaa"], "Groups": [{"GroupId": "sg-0endpoint"}], "PrivateDnsEnabled": true}]}
            """#
        case .ec2DescribePrefixLists:
            return #"{"PrefixLists": [{"PrefixListId": "pl-0s3", "PrefixListName": "com.amazonaws.us-east-1.s3"}]}"#
        case .ec2DescribeSecurityGroups:
            let groups = filterValues(call).map { id in
                #"{"GroupId": "\#(id)", "VpcId": "vpc-0one", "IpPermissions": [], "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}"#
            }
            return #"{"SecurityGroups": [\#(groups.joined(separator: ","))]}"#
        case .ec2DescribeNetworkAcls:
            return #"{"NetworkAcls": []}"#
        case .ec2DescribeNetworkInterfaces:
            let interfaces = filterValues(call).map { #"{"NetworkInterfaceId": "\#($0)", "SubnetId": "subnet-0aaa", "Groups": [{"GroupId": "sg-0task"}]}"# }
            return #"{"NetworkInterfaces": [\#(interfaces.joined(separator: ","))]}"#
        case .elbv2DescribeTargetGroups:
            let groups = call.strings("TargetGroupArns").map { arn in
                #"""
                {"TargetGroupArn": "\#(arn)", "TargetGroupName": "\#(ARN.targetGroupName(arn))", "TargetType": "ip", "Protocol": "HTTP", "Port": 8080,
                 "VpcId": "vpc-0one", "HealthCheckPath": "/health", "LoadBalancerArns": ["\#(Self.loadBalancer)"]}
                """#
            }
            return #"{"TargetGroups": [\#(groups.joined(separator: ","))]}"#
        case .elbv2DescribeTargetHealth: return #"{"TargetHealthDescriptions": []}"#
        case .elbv2DescribeTargetGroupAttributes: return #"{"Attributes": [{"Key": "slow_start.duration_seconds", "Value": "0"}]}"#
        case .elbv2DescribeLoadBalancers:
            return #"{"LoadBalancers": [{"LoadBalancerArn": "\#(Self.loadBalancer)", "LoadBalancerName": "web", "Type": "application", "SecurityGroups": ["sg-0lb"], "VpcId": "vpc-0one"}]}"#
        case .elbv2DescribeListeners:
            return #"{"Listeners": [{"ListenerArn": "\#(Self.loadBalancer)/listener", "LoadBalancerArn": "\#(Self.loadBalancer)", "Port": 80, "Protocol": "HTTP"}]}"#
        case .elbDescribeLoadBalancers: return #"{"LoadBalancerDescriptions": []}"#
        case .iamGetRole:
            let name = call.strings("RoleName")[0]
            return #"""
            {"Role": {"RoleName": "\#(name)", "Arn": "arn:aws:iam::111122223333:role/\#(name)",
              "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}}
            """#
        case .iamListRolePolicies:
            return call.strings("RoleName") == ["web-execution"] ? #"{"PolicyNames": ["read-secrets"]}"# : #"{"PolicyNames": []}"#
        case .iamGetRolePolicy:
            return #"""
            {"RoleName": "web-execution", "PolicyName": "read-secrets", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["ssm:GetParameters", "secretsmanager:GetSecretValue"], "Resource": "*"}]}}
            """#
        case .iamListAttachedRolePolicies:
            return call.strings("RoleName") == ["web-execution"]
                ? #"{"AttachedPolicies": [{"PolicyName": "AmazonECSTaskExecutionRolePolicy", "PolicyArn": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"}, {"PolicyName": "web-extra", "PolicyArn": "\#(Self.customerPolicy)"}]}"#
                : #"{"AttachedPolicies": []}"#
        case .iamGetPolicy:
            return #"{"Policy": {"PolicyName": "web-extra", "Arn": "\#(Self.customerPolicy)", "DefaultVersionId": "v2"}}"#
        case .iamGetPolicyVersion:
            return #"{"PolicyVersion": {"VersionId": "v2", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}}}"#
        case .logsDescribeLogGroups:
            return #"{"logGroups": [{"logGroupName": "/ecs/web", "arn": "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:*"}]}"#
        case .logsGetLogEvents:
            // A Python service that cannot reach its database, with a password on its command line.
            return #"""
            {"events": [{"timestamp": 1714557600000, "message": "starting web --db-password PlantedLogPass-51", "ingestionTime": 1714557600100},
              {"timestamp": 1714557601000, "message": "Traceback (most recent call last):", "ingestionTime": 1714557601100},
              {"timestamp": 1714557601000, "message": "  File \"/app/main.py\", line 3, in <module>", "ingestionTime": 1714557601100},
              {"timestamp": 1714557601000, "message": "ModuleNotFoundError: No module named 'psycopg2'", "ingestionTime": 1714557601100}],
             "nextForwardToken": "f/1", "nextBackwardToken": "b/1"}
            """#
        case .secretsManagerDescribeSecret:
            return #"{"ARN": "\#(Self.secret)", "Name": "prod/api"}"#
        case .ssmDescribeParameters:
            return #"{"Parameters": [{"Name": "/prod/db", "Type": "SecureString"}]}"#
        case .ecrDescribeRepositories:
            return #"{"repositories": [{"repositoryName": "web", "registryId": "111122223333", "repositoryUri": "111122223333.dkr.ecr.us-east-1.amazonaws.com/web"}]}"#
        case .ecrDescribeImages:
            return #"{"imageDetails": [{"repositoryName": "web", "imageDigest": "sha256:0123", "imageTags": ["3"]}]}"#
        case .efsDescribeMountTargets:
            return #"{"MountTargets": []}"#
        case .ecsListAccountSettings:
            return #"{"settings": [{"name": "awsvpcTrunking", "value": "enabled", "principalArn": "arn:aws:iam::111122223333:root", "type": "user"}]}"#
        }
    }
}
