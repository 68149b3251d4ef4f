import ECSTriage
@testable import ECSTriageCollect
import Foundation
import Testing

/// The collector against `FakeAWS`: what it calls, how often, and the snapshot it builds.
struct CollectTests {
    static let request = CollectRequest(cluster: "prod", services: ["web"], region: "us-east-1")

    func collect(_ aws: FakeAWS, _ request: CollectRequest = CollectTests.request, concurrency: Int = 4) throws -> Collector.Result {
        try Collector(runner: aws, concurrency: concurrency).collect(request)
    }

    func analyze(_ snapshot: JSONValue) throws -> Report {
        Analyzer.analyze(try SnapshotLoader.load([InputFile(name: "collect", bytes: Array(JSONWriter.write(snapshot).utf8))]))
    }

    @Test func everyAllowedOperationIsReadOnly() {
        for operation in AWSOperation.allCases {
            #expect(["describe-", "list-", "get-"].contains { operation.name.hasPrefix($0) }, "\(operation.rawValue) is not read-only")
            #expect(!operation.name.contains("secret-value") && operation.rawValue != "ssm get-parameters" && operation.rawValue != "ssm get-parameter",
                    "\(operation.rawValue) would read a secret value")
        }
    }

    /// The policy users attach is the allowed-operations table, as IAM actions.
    @Test func iamPolicyDocumentMatchesTheAllowedOperations() throws {
        let url = TestSupport.packageRoot.appendingPathComponent("docs/collect-iam-policy.json")
        let policy = try JSONParser.parse([UInt8](try Data(contentsOf: url)))
        let actions = policy.values("Statement.*.Action.*").compactMap(\.stringValue)
        #expect(Set(actions) == Set(AWSOperation.allCases.map(\.iamAction)),
                "docs/collect-iam-policy.json must list exactly the IAM actions of AWSOperation (add or remove the difference)")
        #expect(actions == actions.sorted() && Set(actions).count == actions.count)
        #expect(!actions.contains { $0.contains("*") || $0 == "secretsmanager:GetSecretValue" || $0 == "ssm:GetParameters" })
    }

    @Test func onlyAllowedOperationsReachTheCLI() throws {
        let aws = FakeAWS()
        _ = try collect(aws)
        let runner = AWSCLIRunner(executable: URL(fileURLWithPath: "/usr/bin/aws"), region: "us-east-1", profile: "prod")
        let allowed = Set(AWSOperation.allCases.map(\.rawValue))
        for call in aws.recordedCalls {
            let command = runner.commandArguments(for: call)
            #expect(allowed.contains(command[0] + " " + command[1]), "not in the allowed table: \(command)")
            #expect(command.last == "--profile=prod")
            #expect(command.dropFirst(2).allSatisfy { $0.hasPrefix("--") || $0 == "json" }, "a value is not joined to its option: \(command)")
            #expect(command.contains("--output") && !command.contains("--no-cli-pager"))
        }
    }

    @Test func collectsEverySectionTheAnalyzerUses() throws {
        let result = try collect(FakeAWS())
        let snapshot = result.snapshot
        for key in ["clusters", "services", "tasks", "taskDefinitions", "Subnets", "Vpcs", "VpcAttributes", "RouteTables",
                    "InternetGateways", "NatGateways", "VpcEndpoints", "PrefixLists", "SecurityGroups", "NetworkAcls",
                    "NetworkInterfaces", "TargetGroups", "TargetHealth", "TargetGroupAttributes", "LoadBalancers", "Listeners",
                    "RoleDetailList", "Policies", "logGroups", "SecretList", "Parameters", "InvalidParameters",
                    "repositories", "imageDetails"] {
            #expect(snapshot[key] != nil, "missing \(key)")
        }
        #expect(snapshot["snapshotVersion"] == .number(1))
        #expect(snapshot["accountId"] == .string(FakeAWS.account))
        #expect(snapshot["region"] == .string("us-east-1"))
        #expect(snapshot["tool"]?["version"] == .string(ToolInfo.version))
        #expect(snapshot["collectedAt"]?.stringValue?.hasSuffix("Z") == true)
        #expect(snapshot["collectErrors"] == nil)
        #expect(snapshot["tasks"]?.arrayValue?.count == 2)
        // Security groups of the tasks, the endpoint and the load balancer.
        let groups = Set(snapshot["SecurityGroups"]?.arrayValue?.compactMap { $0["GroupId"]?.stringValue } ?? [])
        #expect(groups == ["sg-0task", "sg-0endpoint", "sg-0lb"])
        // VPC attributes: both, merged into one entry.
        #expect(snapshot["VpcAttributes"] == (try JSONParser.parse(Array(#"[{"VpcId": "vpc-0one", "EnableDnsSupport": {"Value": true}, "EnableDnsHostnames": {"Value": true}}]"#.utf8))))
        // Parameters: described, never read; the missing one is listed as invalid.
        #expect(snapshot["InvalidParameters"] == .array([.string("/prod/gone")]))
        // The execution role with its inline and attached policies; the customer managed policy's default version.
        let execution = snapshot["RoleDetailList"]?.arrayValue?.first { $0["RoleName"] == .string("web-execution") }
        #expect(execution?["RolePolicyList"]?.arrayValue?.first?["PolicyName"] == .string("read-secrets"))
        #expect(execution?["AttachedManagedPolicies"]?.arrayValue?.count == 2)
        #expect(snapshot["Policies"]?.arrayValue?.first?["PolicyVersionList"]?.arrayValue?.first?["VersionId"] == .string("v2"))
        #expect(snapshot["TargetHealth"]?[FakeAWS.targetGroup] == .array([]))

        let loaded = try SnapshotLoader.load([InputFile(name: "collect", bytes: Array(JSONWriter.write(snapshot).utf8))])
        #expect(loaded.ignoredKeys.isEmpty)
        #expect(loaded.roles.count == 2 && loaded.roles.allSatisfy(\.hasPermissionDetails))
        #expect(loaded.taskDefinitions.count == 1 && loaded.vpcs.first?.enableDnsHostnames == true)
    }

    @Test func derivedCallsFilterByIdOrVpc() throws {
        let aws = FakeAWS()
        _ = try collect(aws)
        let calls = aws.recordedCalls
        #expect(calls.first?.operation == .stsGetCallerIdentity)
        for call in calls where call.operation.service == "ec2" && call.operation != .ec2DescribeVpcAttribute {
            #expect(call.parameters.first?.name == "Filters" || call.parameters.first?.name == "Filter", "\(call) lists the whole account")
        }
        let routeTables = calls.first { $0.operation == .ec2DescribeRouteTables }
        #expect(routeTables?.parameters == [AWSParameter("Filters", .filter("vpc-id", ["vpc-0one"]))])
        #expect(routeTables?.arguments == ["--filters=Name=vpc-id,Values=vpc-0one"])
        #expect(calls.contains { $0.operation == .secretsManagerDescribeSecret && $0.arguments == ["--secret-id=" + FakeAWS.secret] })
        #expect(calls.contains { $0.operation == .iamGetRole && $0.arguments == ["--role-name=web-app"] })
        #expect(!calls.contains { $0.operation == .iamGetPolicy && $0.strings("PolicyArn").contains { $0.contains(":aws:policy/") } })
    }

    /// The number of `aws` invocations grows with the kinds of resources, not
    /// with the number of tasks: describe-tasks takes 100 at a time.
    @Test func invocationsDoNotGrowWithTasks() throws {
        let few = FakeAWS(runningTasks: 1, stoppedTasks: 1)
        let many = FakeAWS(runningTasks: 40, stoppedTasks: 60)
        let more = FakeAWS(runningTasks: 150, stoppedTasks: 100)
        _ = try collect(few)
        let manyResult = try collect(many)
        let moreResult = try collect(more)
        #expect(manyResult.snapshot["tasks"]?.arrayValue?.count == 100)
        #expect(moreResult.snapshot["tasks"]?.arrayValue?.count == 250)
        func counts(_ aws: FakeAWS) -> [String: Int] {
            Dictionary(aws.recordedCalls.map { ($0.operation.rawValue, 1) }, uniquingKeysWith: +)
        }
        #expect(counts(few) == counts(many))
        var expected = counts(few)
        expected["ecs describe-tasks"]! += 1   // 150 running: one more batch of 100
        expected["ecs describe-tasks"]! += 1   // 100 stopped listed in the same round: 250 in three batches
        expected["ec2 describe-network-interfaces"]! += 2  // 250 ENIs: 100 per filter
        #expect(counts(more) == expected)
        #expect(few.recordedCalls.count <= AWSOperation.allCases.count + 12)
    }

    @Test func concurrencyIsBounded() throws {
        let aws = FakeAWS(delay: 0.02)
        _ = try collect(aws, concurrency: 3)
        #expect(aws.maxConcurrent <= 3)
        #expect(aws.maxConcurrent > 1)
        let serial = FakeAWS()
        _ = try collect(serial, concurrency: 1)
        #expect(serial.maxConcurrent == 1)
    }

    @Test func snapshotIsDeterministic() throws {
        func withoutTime(_ value: JSONValue) -> String {
            guard case let .object(members) = value else { return "" }
            return JSONWriter.write(.object(members.filter { $0.key != "collectedAt" }))
        }
        let a = try collect(FakeAWS(delay: 0.001))
        let b = try collect(FakeAWS(), concurrency: 1)
        #expect(withoutTime(a.snapshot) == withoutTime(b.snapshot))
    }

    @Test func aFailedCallIsRecordedAndReportedAsMissingEvidence() throws {
        let denied = "An error occurred (UnauthorizedOperation) when calling the DescribeRouteTables operation: You are not authorized to perform this operation."
        let result = try collect(FakeAWS(failing: [.ec2DescribeRouteTables: denied], streamPrefix: "web"))
        #expect(result.isUseful)
        #expect(result.snapshot["RouteTables"] == nil)
        #expect(result.snapshot["PrefixLists"] == nil, "prefix lists come from route tables")
        let errors = result.snapshot["collectErrors"]?.arrayValue ?? []
        #expect(errors.count == 1)
        #expect(errors.first?["operation"] == .string("ec2 describe-route-tables"))
        #expect(errors.first?["arguments"] == .array([.string("--filters=Name=vpc-id,Values=vpc-0one")]))
        #expect(errors.first?["error"] == .string(denied))
        #expect(errors.first?["lacks"] == .array([.string("RouteTables")]))

        let report = try analyze(result.snapshot)
        let missing = report.input.missingEvidence
        #expect(missing.count == 1)
        #expect(missing.first?.command == "aws ec2 describe-route-tables --filters=Name=vpc-id,Values=vpc-0one")
        #expect(missing.first?.why.contains("routeTables") == true && missing.first?.why.contains("UnauthorizedOperation") == true)
        #expect(JSONReporter.render(report).contains("\"missingEvidence\""))
        #expect(TextReporter.render(report).contains("$ aws ec2 describe-route-tables --filters=Name=vpc-id,Values=vpc-0one"))
        #expect(MarkdownReporter.render(report).contains("### Missing evidence"))
        // A finding whose rule reads route tables says it lacks them.
        let network = report.findings.filter { RuleRegistry.rule($0.ruleId)?.description.needs.contains(.routeTables) == true }
        for finding in network {
            #expect(finding.missingEvidence.contains { $0.command.hasPrefix("aws ec2 describe-route-tables") })
        }
    }

    @Test func notFoundIsAnAnswerForSecrets() throws {
        let missing = "An error occurred (ResourceNotFoundException) when calling the DescribeSecret operation: Secrets Manager can't find the specified secret."
        let result = try collect(FakeAWS(failing: [.secretsManagerDescribeSecret: missing], streamPrefix: "web"))
        #expect(result.snapshot["SecretList"] == .array([]))
        #expect(result.snapshot["collectErrors"]?.arrayValue?.first?["lacks"] == .array([]))
        let report = try analyze(result.snapshot)
        #expect(report.findings.contains { $0.ruleId == "secret-not-found" && $0.primaryResource == FakeAWS.secret })
        #expect(report.input.missingEvidence.isEmpty)
    }

    @Test func aRoleWhosePoliciesCannotBeListedKeepsItsTrustPolicyOnly() throws {
        let denied = "An error occurred (AccessDenied) when calling the ListRolePolicies operation: denied"
        let result = try collect(FakeAWS(failing: [.iamListRolePolicies: denied]))
        #expect(result.snapshot["RoleDetailList"] == nil)
        #expect(result.snapshot["Role"]?.arrayValue?.count == 2)
        let loaded = try SnapshotLoader.load([InputFile(name: "collect", bytes: Array(JSONWriter.write(result.snapshot).utf8))])
        #expect(loaded.roles.count == 2 && loaded.roles.allSatisfy { !$0.hasPermissionDetails && $0.trustPolicy != nil })
    }

    @Test func identityFailureStopsTheCollection() {
        let aws = FakeAWS(failing: [.stsGetCallerIdentity: "Unable to locate credentials. You can configure credentials by running \"aws configure\"."])
        #expect(throws: Collector.Failure.self) { try collect(aws) }
        #expect(aws.recordedCalls.count == 1)
    }

    @Test func nothingUsefulWhenTheServiceIsMissing() throws {
        let failing: [AWSOperation: String] = [.ecsDescribeServices: "An error occurred (ClusterNotFoundException) when calling the DescribeServices operation: Cluster not found.",
                                               .ecsListTasks: "An error occurred (ClusterNotFoundException) when calling the ListTasks operation: Cluster not found."]
        let result = try collect(FakeAWS(failing: failing))
        #expect(!result.isUseful)
    }

    @Test func clusterOnlyListsItsServicesAndTasks() throws {
        let aws = FakeAWS()
        _ = try collect(aws, CollectRequest(cluster: "prod"))
        let listing = aws.recordedCalls.filter { $0.operation == .ecsListServices || $0.operation == .ecsListTasks }
        // The listings run concurrently: their order is not part of the contract.
        #expect(listing.map { $0.arguments.joined(separator: " ") }.sorted()
                 == ["--cluster=prod", "--cluster=prod --desired-status=RUNNING", "--cluster=prod --desired-status=STOPPED"])
        #expect(aws.recordedCalls.filter { $0.operation == .ecsDescribeServices }.map(\.arguments) == [["--cluster=prod", "--services=web"]])
    }

    @Test func aTaskAloneIsDescribedWithItsServiceWithoutListing() throws {
        let aws = FakeAWS()
        let task = aws.taskArn("STOPPED", 7)
        let result = try collect(aws, CollectRequest(cluster: "prod", tasks: [task]))
        #expect(!aws.recordedCalls.contains { $0.operation == .ecsListTasks || $0.operation == .ecsListServices })
        #expect(aws.recordedCalls.contains { $0.operation == .ecsDescribeServices && $0.arguments == ["--cluster=prod", "--services=web"] })
        #expect(result.snapshot["tasks"]?.arrayValue?.count == 1)
        #expect(result.snapshot["taskDefinitions"]?.arrayValue?.count == 1)
        #expect(result.snapshot["TargetGroups"] != nil)
    }

    @Test func batchesFollowTheAPILimits() throws {
        let services = (0..<23).map { "svc-\($0)" }
        var planner = CollectPlanner(request: CollectRequest(cluster: "c", services: services), now: 0)
        _ = planner.nextCalls()
        planner.record(AWSCall(.stsGetCallerIdentity), .output(.object([("Account", .string("1"))])))
        let calls = planner.nextCalls()
        #expect(calls.filter { $0.operation == .ecsDescribeServices }.map { $0.strings("services").count } == [10, 10, 3])
        #expect(calls.filter { $0.operation == .ecsListTasks }.count == 46)
        #expect(planner.nextCalls().isEmpty, "nothing new until outcomes are recorded")
    }

    @Test func namesFromReferences() {
        #expect(ECRReference("111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/web:1.2") == ECRReference(registry: "111122223333", region: "eu-west-1", repository: "team/web", imageId: AWSParameter("imageTag", "1.2")))
        #expect(ECRReference("111122223333.dkr.ecr.eu-west-1.amazonaws.com/web@sha256:abc")?.imageId == AWSParameter("imageDigest", "sha256:abc"))
        #expect(ECRReference("111122223333.dkr.ecr.eu-west-1.amazonaws.com/web")?.imageId == AWSParameter("imageTag", "latest"))
        #expect(ECRReference("public.ecr.aws/nginx/nginx:latest") == nil)
        #expect(ECRReference("nginx:1.25") == nil)
        #expect(CollectPlanner.parameterName("/prod/db") == "/prod/db")
        #expect(CollectPlanner.parameterName("arn:aws:ssm:us-east-1:1:parameter/prod/db") == "/prod/db")
        #expect(CollectPlanner.parameterName("arn:aws:ssm:us-east-1:1:parameter/db") == "db")
        #expect(CollectPlanner.parameterName("arn:aws:secretsmanager:us-east-1:1:secret:db-AbCdEf") == nil)
    }

    @Test func errorCodes() {
        let failure = CallFailure(message: "\nAn error occurred (RepositoryNotFoundException) when calling the DescribeRepositories operation: missing")
        #expect(failure.code == "RepositoryNotFoundException" && failure.isNotFound)
        #expect(CallFailure(message: "An error occurred (NoSuchEntity) when calling the GetRole operation: Role x not found").isNotFound)
        #expect(!CallFailure(message: "An error occurred (AccessDeniedException) when calling the DescribeSecret operation: no").isNotFound)
        #expect(CallFailure(message: "Unable to locate credentials.").code == nil)
    }

    // MARK: Container logs

    func logCalls(_ aws: FakeAWS) -> [AWSCall] { aws.recordedCalls.filter { $0.operation == .logsGetLogEvents } }

    /// One call per stopped container's stream, capped: 20 stopped tasks cost 19 more calls than 1, and 60 no more than 20.
    @Test func logCallsAreBounded() throws {
        let one = FakeAWS(stoppedTasks: 1, streamPrefix: "web")
        let twenty = FakeAWS(stoppedTasks: 20, streamPrefix: "web")
        let sixty = FakeAWS(stoppedTasks: 60, streamPrefix: "web")
        for aws in [one, twenty, sixty] { _ = try collect(aws) }
        #expect(logCalls(one).count == 1 && logCalls(twenty).count == 20 && logCalls(sixty).count == ContainerLogPlan.streamLimit)
        #expect(twenty.recordedCalls.count == one.recordedCalls.count + 19)
        #expect(sixty.recordedCalls.count == twenty.recordedCalls.count)
        #expect(Set(logCalls(sixty)).count == 20)

        let runner = AWSCLIRunner(executable: URL(fileURLWithPath: "/usr/bin/aws"), region: "us-east-1", profile: nil)
        let command = runner.commandArguments(for: logCalls(one)[0])
        #expect(Array(command.prefix(6)) == ["logs", "get-log-events", "--log-group-name=/ecs/web",
                                             "--log-stream-name=web/app/\(CollectPlanner.lastComponent(one.taskArn("STOPPED", 0)))",
                                             "--no-start-from-head", "--limit=100"])
    }

    @Test func logLinesZeroReadsNoLogAndNBecomesTheLimit() throws {
        let none = FakeAWS(stoppedTasks: 3, streamPrefix: "web")
        _ = try collect(none, CollectRequest(cluster: "prod", services: ["web"], region: "us-east-1", logLines: 0))
        #expect(logCalls(none).isEmpty)
        let few = FakeAWS(stoppedTasks: 1, streamPrefix: "web")
        _ = try collect(few, CollectRequest(cluster: "prod", services: ["web"], region: "us-east-1", logLines: 7))
        #expect(logCalls(few).map { $0.parameter("limit") } == [.integer(7)])
    }

    @Test func collectedLinesBecomeTheTasksCrash() throws {
        let aws = FakeAWS(stoppedTasks: 1, streamPrefix: "web")
        let result = try collect(aws)
        let logs = result.snapshot["containerLogs"]?.arrayValue ?? []
        #expect(logs.count == 1 && logs.first?["events"]?.arrayValue?.count == 4)
        let report = try analyze(result.snapshot)
        let crash = report.symptoms.first { $0.kind == .applicationCrash }
        #expect(crash?.resource == aws.taskArn("STOPPED", 0) && crash?.facts.containerName == "app")
        #expect(crash?.message == "ModuleNotFoundError: No module named 'psycopg2'")
        #expect(crash?.location == "/containerLogs/0/events/3/message")

        // The planted password of the logged command line leaves neither the redacted snapshot nor the report.
        var redactor = Redactor()
        #expect(!JSONWriter.write(redactor.redact(result.snapshot)).contains("PlantedLogPass-51"))
        #expect(JSONWriter.write(result.snapshot).contains("PlantedLogPass-51"))
    }

    @Test func aStreamWithoutPrefixIsMissingEvidenceWithTheCommand() throws {
        let result = try collect(FakeAWS(stoppedTasks: 1))
        let logs = result.snapshot["containerLogs"]?.arrayValue ?? []
        #expect(logs.count == 1 && logs.first?["notRead"]?.stringValue?.contains("awslogs-stream-prefix") == true)
        let missing = try analyze(result.snapshot).input.missingEvidence
        #expect(missing.contains { $0.command == "aws logs describe-log-streams --log-group-name /ecs/web --order-by LastEventTime --descending --max-items 5 --region us-east-1" })
    }

    @Test func aDeniedOrMissingStreamIsMissingEvidenceNotAFailure() throws {
        for error in ["An error occurred (AccessDeniedException) when calling the GetLogEvents operation: User is not authorized to perform: logs:GetLogEvents",
                      "An error occurred (ResourceNotFoundException) when calling the GetLogEvents operation: The specified log stream does not exist."] {
            let result = try collect(FakeAWS(stoppedTasks: 1, failing: [.logsGetLogEvents: error], streamPrefix: "web"))
            #expect(result.isUseful)
            let errors = result.snapshot["collectErrors"]?.arrayValue ?? []
            #expect(errors.count == 1 && errors.first?["lacks"] == .array([.string("containerLogs")]))
            let report = try analyze(result.snapshot)
            #expect(report.input.missingEvidence.contains { $0.command.hasPrefix("aws logs get-log-events --log-group-name=/ecs/web --log-stream-name=web/app/") })
        }
    }

    // MARK: Metrics

    func metricCalls(_ aws: FakeAWS) -> [AWSCall] { aws.recordedCalls.filter { $0.operation == .cloudwatchGetMetricData } }

    func queryCount(_ call: AWSCall?) -> Int {
        guard case let .list(queries)? = call?.parameter("MetricDataQueries") else { return 0 }
        return queries.count
    }

    /// One metrics call whatever the number of services, last, and at most 20 services and 20 target groups in it.
    @Test func oneMetricsCallForOneOrTwentyServices() throws {
        let everyService = CollectRequest(cluster: "prod", region: "us-east-1")
        let one = FakeAWS(services: 1), twenty = FakeAWS(services: 20), thirty = FakeAWS(services: 30)
        let results = try [one, twenty, thirty].map { try collect($0, everyService) }
        #expect(metricCalls(one).count == 1 && metricCalls(twenty).count == 1 && metricCalls(thirty).count == 1)
        #expect(one.recordedCalls.last?.operation == .cloudwatchGetMetricData)
        // Per service CPU, memory and Container Insights' two (on for this cluster); per target group 5XX and unhealthy hosts.
        #expect(queryCount(metricCalls(one).first) == 6)
        #expect(queryCount(metricCalls(twenty).first) == 120 && queryCount(metricCalls(thirty).first) == 120)
        #expect(queryCount(metricCalls(thirty).first) <= 500, "GetMetricData takes at most 500 queries")
        let leftOut = results[2].snapshot["metrics"]?.arrayValue?.filter { $0["notRead"] != nil } ?? []
        #expect(leftOut.count == 20, "10 services and their 10 target groups")
        #expect(leftOut.first?["notRead"] == .string("collect reads the metrics of at most 20 services"))
        #expect(results[1].snapshot["metrics"]?.arrayValue?.allSatisfy { $0["notRead"] == nil } == true)

        let call = try #require(metricCalls(one).first)
        let runner = AWSCLIRunner(executable: URL(fileURLWithPath: "/usr/bin/aws"), region: "us-east-1", profile: nil)
        let command = runner.commandArguments(for: call)
        #expect(Array(command.prefix(2)) == ["cloudwatch", "get-metric-data"])
        #expect(command.contains { $0.hasPrefix("--metric-data-queries=[{\"Id\":\"q0\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"AWS/ECS\",\"MetricName\":\"CPUUtilization\",\"Dimensions\":[{\"Name\":\"ClusterName\",\"Value\":\"prod\"},{\"Name\":\"ServiceName\",\"Value\":\"web\"}]},\"Period\":60,\"Stat\":\"Maximum\"},\"Label\":\"ecs-triage AWS/ECS CPUUtilization Maximum 60 ClusterName=prod ServiceName=web\",\"ReturnData\":true}") })
        let labels = MetricQueryPlan.queries(of: call).values.map(\.label.text).sorted()
        #expect(labels.contains("ecs-triage AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum 60 TargetGroup=targetgroup/web/0123456789abcdef LoadBalancer=app/web/fedcba9876543210"))
        #expect(labels.contains("ecs-triage ECS/ContainerInsights MemoryUtilized Maximum 60 ClusterName=prod ServiceName=web"))
    }

    @Test func collectedMetricsNameWhatTheyMeasure() throws {
        let result = try collect(FakeAWS())
        let metrics = result.snapshot["metrics"]?.arrayValue ?? []
        #expect(metrics.count == 6)
        let memory = metrics.first { $0["metricName"] == .string("MemoryUtilization") }
        #expect(memory?["resource"] == .string("arn:aws:ecs:us-east-1:111122223333:service/prod/web"))
        #expect(memory?["values"] == .array([.number(100), .number(10)]) && memory?["stat"] == .string("Maximum") && memory?["period"] == .number(60))
        let loaded = try SnapshotLoader.load([InputFile(name: "collect", bytes: Array(JSONWriter.write(result.snapshot).utf8))])
        #expect(loaded.metrics.count == 6 && loaded.metrics.allSatisfy { $0.points.count == 2 })
        #expect(loaded.metrics.first { $0.metricName == "MemoryUtilization" }?.peak?.time == "2024-05-01T09:59:00Z")
    }

    @Test func noMetricsMakesNoMetricsCall() throws {
        let aws = FakeAWS()
        let result = try collect(aws, CollectRequest(cluster: "prod", services: ["web"], region: "us-east-1", readsMetrics: false))
        #expect(metricCalls(aws).isEmpty && result.snapshot["metrics"] == nil)
    }

    @Test func deniedMetricsAreMissingEvidenceNotAFailure() throws {
        let error = "An error occurred (AccessDenied) when calling the GetMetricData operation: User is not authorized to perform: cloudwatch:GetMetricData"
        let result = try collect(FakeAWS(failing: [.cloudwatchGetMetricData: error]))
        #expect(result.isUseful && result.snapshot["metrics"] == nil)
        let errors = result.snapshot["collectErrors"]?.arrayValue ?? []
        #expect(errors.count == 1 && errors.first?["lacks"] == .array([.string("metrics")]))
        let report = try analyze(result.snapshot)
        #expect(report.input.missingEvidence.contains { $0.command.hasPrefix("aws cloudwatch get-metric-data '--metric-data-queries=[{") })
    }

    /// From the first stop less 15 minutes (at least an hour, at most a day) to the collection; 3 hours when nothing dates it.
    @Test func metricsWindow() {
        let now = 1_714_557_600.0
        func task(_ stoppedAt: JSONValue) -> JSONValue { .object([("stoppedAt", stoppedAt)]) }
        #expect(MetricQueryPlan.window(services: [], tasks: [], now: now) == (Int(now) - 3 * 3600, Int(now)))
        #expect(MetricQueryPlan.window(services: [], tasks: [task(.number(now - 600))], now: now) == (Int(now) - 3600, Int(now)))
        #expect(MetricQueryPlan.window(services: [], tasks: [task(.string("2024-05-01T06:00:00.000000+00:00"))], now: now)
                == (Int(now) - 4 * 3600 - 900, Int(now)))
        #expect(MetricQueryPlan.window(services: [], tasks: [task(.number((now - 3 * 86_400) * 1000))], now: now) == (Int(now) - 86_400, Int(now)))
        let failed = JSONValue.object([("deployments", .array([.object([("rolloutState", .string("FAILED")), ("updatedAt", .number(now - 7200))])]))])
        #expect(MetricQueryPlan.window(services: [failed], tasks: [], now: now) == (Int(now) - 7200 - 900, Int(now)))
    }
}
