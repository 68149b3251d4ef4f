import ECSTriage
@testable import ECSTriageCollect
import Foundation
import Testing

/// `ecs-triage collect` and `analyze` against a real peer: moto, with
/// deployments built by the `aws` CLI (Fixtures/moto/*.sh). Skipped, with the
/// reason printed, when Python, moto or the aws CLI is missing.
@Suite(.serialized)
struct MotoEndToEndTests {
    static let scripts = TestSupport.packageRoot.appendingPathComponent("Tests/ECSTriageTests/Fixtures/moto")

    /// The planted defects of broken-fargate.sh, by rule.
    static let plantedDefects: Set<String> = ["missing-vpc-endpoint", "target-type-mismatch", "health-check-path-mismatch", "execution-role-trust"]

    struct Collection {
        var status: Int32
        var snapshot: JSONValue
        var stderr: String
        /// `service operation` of every `aws` invocation, in order.
        var invocations: [String]
        var seconds: Double
    }

    /// `ecs-triage collect` through a logging `aws` wrapper first on PATH.
    func collect(_ arguments: [String], environment: [String: String], in directory: URL) throws -> Collection {
        let log = directory.appendingPathComponent("aws-\(UUID().uuidString).log")
        var environment = environment
        environment["ECS_TRIAGE_TEST_AWS_LOG"] = log.path
        environment["PATH"] = directory.appendingPathComponent("bin").path + ":" + (environment["PATH"] ?? "")
        let start = Date()
        let result = try ProcessRunner.run(CLI.binary, ["collect"] + arguments, environment: environment, timeout: 240)
        let seconds = Date().timeIntervalSince(start)
        let snapshot = result.stdout.isEmpty ? JSONValue.object([]) : try JSONParser.parse(Array(result.stdout.utf8))
        let invocations = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        return Collection(status: result.status, snapshot: snapshot, stderr: result.stderr, invocations: invocations, seconds: seconds)
    }

    func analyze(_ snapshot: JSONValue, _ options: [String] = [], environment: [String: String], in directory: URL) throws -> ProcessRunner.Result {
        let file = directory.appendingPathComponent("snapshot-\(UUID().uuidString).json")
        try Data(JSONWriter.write(snapshot).utf8).write(to: file)
        return try ProcessRunner.run(CLI.binary, ["analyze", file.path] + options, environment: environment, timeout: 60)
    }

    /// Writes `bin/aws`: logs `service operation`, then runs the real CLI.
    func installLoggingAWS(in directory: URL) throws {
        guard let aws = ProcessRunner.executable("aws") else { throw HarnessError("aws not on PATH") }
        let bin = directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let wrapper = bin.appendingPathComponent("aws")
        try Data("#!/bin/sh\nprintf '%s %s\\n' \"$1\" \"$2\" >> \"$ECS_TRIAGE_TEST_AWS_LOG\"\nexec '\(aws.path)' \"$@\"\n".utf8).write(to: wrapper)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
    }

    func deploy(_ scripts: [[String]], environment: [String: String]) throws {
        // Independent deployments are built at the same time.
        let results = try scripts.map { arguments -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [Self.scripts.appendingPathComponent(arguments[0]).path] + arguments.dropFirst()
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        let deadline = Date().addingTimeInterval(300)
        for (process, arguments) in zip(results, scripts) {
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw HarnessError("\(arguments.joined(separator: " ")) failed with status \(process.terminationStatus)") }
        }
    }

    @Test(.enabled(if: MotoServer.shouldRun, "needs python3 with moto[server] and the aws CLI"), .timeLimit(.minutes(10)))
    func collectAndAnalyzeAgainstMoto() throws {
        if let reason = MotoServer.unavailableReason { Issue.record("ECS_TRIAGE_REQUIRE_MOTO=1 but \(reason)"); return }
        let server = try MotoServer.start()
        defer { server.stop() }
        let environment = try server.environment()
        let directory = server.directory
        try installLoggingAWS(in: directory)
        try deploy([["broken-fargate.sh"], ["healthy-fargate.sh"], ["stray-default-instance.sh"]], environment: environment)

        // The broken deployment: every section, then every planted defect. Through
        // the CLI (--via-cli), so that its invocations can be counted; the native
        // client's snapshots equal these (NativeClientMotoTests).
        let broken = try collect(["--cluster", "broken", "--service", "web", "--region", "us-east-1", "--via-cli"], environment: environment, in: directory)
        FileHandle.standardError.write(Data("collect against moto (broken service, 1 task): \(broken.invocations.count) aws calls in \(String(format: "%.1f", broken.seconds)) s\n".utf8))
        #expect(broken.status == 0, "\(broken.stderr)")
        let snapshot = broken.snapshot
        // The stopped task's log stream was never written: missing evidence, not a failure.
        let collectErrors = snapshot["collectErrors"]?.arrayValue ?? []
        let logErrors = collectErrors.filter { $0["operation"] == .string("logs get-log-events") }
        let otherErrors = collectErrors.filter { $0["operation"] != .string("logs get-log-events") }
        #expect(otherErrors.isEmpty, "moto could not answer: \(otherErrors.map { JSONWriter.write($0) })")
        #expect(logErrors.count == 1 && logErrors[0]["error"]?.stringValue?.contains("ResourceNotFoundException") == true)
        #expect(snapshot["snapshotVersion"] == .number(1) && snapshot["region"] == .string("us-east-1") && snapshot["accountId"] == .string("123456789012"))
        let task = snapshot["tasks"]?.arrayValue?.first
        #expect(snapshot["tasks"]?.arrayValue?.count == 1 && task?["lastStatus"] == .string("STOPPED"))
        #expect(task?["stoppedReason"]?.stringValue?.hasSuffix("i/o timeout") == true)
        #expect(snapshot["services"]?.arrayValue?.first?["serviceName"] == .string("web"))
        #expect(snapshot["taskDefinitions"]?.arrayValue?.count == 1)
        for key in ["Subnets", "Vpcs", "RouteTables", "SecurityGroups", "NetworkAcls", "NetworkInterfaces", "TargetGroups",
                    "LoadBalancers", "Listeners", "RoleDetailList", "logGroups", "Parameters", "repositories", "imageDetails", "clusters"] {
            let count = snapshot[key]?.arrayValue?.count ?? 0
            #expect(count > 0, "\(key) is missing or empty")
        }
        for key in ["NatGateways", "InternetGateways", "VpcEndpoints", "InvalidParameters"] {
            #expect(snapshot[key] == .array([]), "\(key) must be collected, and empty")
        }
        #expect(snapshot["VpcAttributes"]?.arrayValue?.first?["EnableDnsHostnames"]?["Value"] == .bool(true))
        #expect(snapshot["TargetGroups"]?.arrayValue?.first?["TargetType"] == .string("instance"))
        #expect(snapshot["TargetHealth"]?.objectMembers?.count == 1 && snapshot["TargetGroupAttributes"]?.objectMembers?.count == 1)
        #expect(snapshot["SecurityGroups"]?.arrayValue?.count == 2, "the task's and the load balancer's")
        let trusted = snapshot["RoleDetailList"]?.arrayValue?.first?["AssumeRolePolicyDocument"]?.values("Statement.*.Principal.Service")
        #expect(trusted == [.string("ec2.amazonaws.com")])
        // Parameter and secret values are never read.
        let written = JSONWriter.write(snapshot)
        #expect(!written.contains("Planted-Parameter-Value"))

        let brokenReport = try analyze(snapshot, ["--format", "json"], environment: environment, in: directory)
        #expect(brokenReport.status == 1)
        let findings = try JSONParser.parse(Array(brokenReport.stdout.utf8))["findings"]?.arrayValue ?? []
        #expect(Set(findings.compactMap { $0["ruleId"]?.stringValue }) == Self.plantedDefects)
        #expect(findings.first?["ruleId"] == .string("missing-vpc-endpoint") && findings.first?["confidence"] == .string("confirmed"))

        // Only allowed operations reached the CLI.
        let allowed = Set(AWSOperation.allCases.map(\.rawValue))
        for invocation in broken.invocations { #expect(allowed.contains(invocation), "\(invocation) is not in the allowed table") }

        // Five more stopped tasks: the same calls, no more. Collected
        // redacted for sharing: the planted environment secrets and the
        // account id stay home, and the analysis still finds every defect.
        try deploy([["add-stopped-tasks.sh", "broken", "web", "5"]], environment: environment)
        let crowded = try collect(["--cluster", "broken", "--service", "web", "--region", "us-east-1", "--redact-accounts", "--via-cli"], environment: environment, in: directory)
        FileHandle.standardError.write(Data("collect against moto (broken service, 6 tasks): \(crowded.invocations.count) aws calls in \(String(format: "%.1f", crowded.seconds)) s\n".utf8))
        #expect(crowded.snapshot["tasks"]?.arrayValue?.count == 6)
        // One more call each: the new stopped task's log stream.
        #expect(crowded.invocations.sorted() == (broken.invocations + Array(repeating: "logs get-log-events", count: 5)).sorted())
        #expect(Set(broken.invocations).count >= broken.invocations.count - 12, "calls repeat per resource kind, not per task")
        #expect(crowded.invocations.filter { $0 == "logs get-log-events" }.count == 6, "one per stopped container")
        let redactedText = JSONWriter.write(crowded.snapshot)
        #expect(written.contains("Planted-Env-Secret-7f3a9c"), "the control: the unredacted snapshot has it")
        for secret in ["Planted-Env-Secret-7f3a9c", "Planted-Url-Password-51d2", "123456789012"] {
            #expect(!redactedText.contains(secret), "\(secret) leaked from collect --redact-accounts")
        }
        let redactedReport = try analyze(crowded.snapshot, ["--format", "json"], environment: environment, in: directory)
        #expect(Set((try JSONParser.parse(Array(redactedReport.stdout.utf8))["findings"]?.arrayValue ?? []).compactMap { $0["ruleId"]?.stringValue }) == Self.plantedDefects)

        // The healthy deployment: nothing to report, through the one-step shortcut too.
        let healthy = try collect(["--cluster", "healthy", "--service", "web"], environment: environment, in: directory)
        #expect(healthy.status == 0 && healthy.snapshot["collectErrors"] == nil, "\(healthy.stderr)")
        let healthyReport = try analyze(healthy.snapshot, ["--format", "json"], environment: environment, in: directory)
        #expect(healthyReport.status == 0)
        #expect(try JSONParser.parse(Array(healthyReport.stdout.utf8))["findings"] == .array([]), "\(healthyReport.stdout)")
        let shortcut = try ProcessRunner.run(CLI.binary, ["analyze", "--cluster", "healthy", "--service", "web"], environment: environment, timeout: 240)
        #expect(shortcut.status == 0 && shortcut.stdout.hasPrefix("No problems found."), "\(shortcut.stdout)\(shortcut.stderr)")

        // An EC2 service whose cluster has no instance: the instance joined `default` (no ECS_CLUSTER).
        // collect looks there, and the finding names that instance.
        let strays = try collect(["--cluster", "strays", "--region", "us-east-1"], environment: environment, in: directory)
        #expect(strays.status == 0 && strays.snapshot["collectErrors"] == nil, "\(strays.stderr)")
        let stray = strays.snapshot["containerInstances"]?.arrayValue?.first
        #expect(stray?["containerInstanceArn"]?.stringValue?.contains(":container-instance/default/") == true)
        let straysReport = try JSONParser.parse(Array(try analyze(strays.snapshot, ["--format", "json"], environment: environment, in: directory).stdout.utf8))
        let first = straysReport["findings"]?.arrayValue?.first
        #expect(first?["ruleId"] == .string("no-container-instances"))
        #expect(first?["resources"]?.arrayValue?.contains { $0 == stray?["ec2InstanceId"] } == true, "\(first.map { JSONWriter.write($0) } ?? "no finding")")

        // A missing cluster: exit 65 and why.
        let missing = try collect(["--cluster", "no-such-cluster", "--service", "web"], environment: environment, in: directory)
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("nothing useful was collected") && missing.stderr.contains("MISSING"), "\(missing.stderr)")
    }

    /// Crashes seeded in CloudWatch Logs (crashing-fargate.sh): collect reads
    /// each stopped task's last lines and the crash, quoted from the log,
    /// is the first finding, naming the task; the same lines pasted as text
    /// give the same rule. Secrets the application logged stay out of
    /// Markdown and --redact output.
    @Test(.enabled(if: MotoServer.shouldRun, "needs python3 with moto[server] and the aws CLI"), .timeLimit(.minutes(10)))
    func crashLogsCollectedFromCloudWatch() throws {
        if let reason = MotoServer.unavailableReason { Issue.record("ECS_TRIAGE_REQUIRE_MOTO=1 but \(reason)"); return }
        let server = try MotoServer.start()
        defer { server.stop() }
        let environment = try server.environment()
        let directory = server.directory
        try installLoggingAWS(in: directory)
        try deploy([["crashing-fargate.sh"]], environment: environment)

        let expected: [(cluster: String, rule: String, line: String)] = [
            ("crashing-py", "container-exited", "ModuleNotFoundError: No module named 'flask_sqlalchemy'"),
            ("crashing-node", "app-dependency-unreachable", "Error: connect ECONNREFUSED 127.0.0.1:5432"),
            ("crashing-jvm", "app-heap-exhausted", #"Exception in thread "main" java.lang.OutOfMemoryError: Java heap space"#),
        ]
        var pythonSnapshot = JSONValue.null
        for (cluster, rule, line) in expected {
            let collected = try collect(["--cluster", cluster, "--service", "web", "--region", "us-east-1"], environment: environment, in: directory)
            #expect(collected.status == 0 && collected.snapshot["collectErrors"] == nil, "\(collected.stderr)")
            let logs = collected.snapshot["containerLogs"]?.arrayValue ?? []
            #expect(logs.count == 1 && logs.first?["containerName"] == .string("app"))
            let task = collected.snapshot["tasks"]?.arrayValue?.first?["taskArn"]
            if cluster == "crashing-py" { pythonSnapshot = collected.snapshot }

            let report = try JSONParser.parse(Array(try analyze(collected.snapshot, ["--format", "json"], environment: environment, in: directory).stdout.utf8))
            let first = report["findings"]?.arrayValue?.first
            #expect(first?["ruleId"] == .string(rule), "\(cluster): \(first.map { JSONWriter.write($0) } ?? "no finding")")
            let quoted = first?["evidence"]?.values("*.text").compactMap(\.stringValue).contains {
                $0.hasPrefix("last words of container app's log, line ") && $0.hasSuffix(" read: " + line)
            }
            #expect(quoted == true, "\(cluster): the crash line is not quoted with its container and position")
            #expect(first?["resources"]?.arrayValue?.contains { $0 == task } == true, "\(cluster): the finding does not name the task")
            #expect(first?["evidence"]?.values("*.text").contains(.string("a consequence of this failure: Essential container in task exited")) == true)

            // The same lines, pasted.
            let pasted = directory.appendingPathComponent("\(cluster).txt")
            let lines = logs.first?.values("events.*.message").compactMap(\.stringValue) ?? []
            try Data(lines.joined(separator: "\n").utf8).write(to: pasted)
            let pastedReport = try ProcessRunner.run(CLI.binary, ["analyze", pasted.path, "--format", "json"], environment: environment, timeout: 60)
            let pastedFirst = try JSONParser.parse(Array(pastedReport.stdout.utf8))["findings"]?.arrayValue?.first
            #expect(pastedFirst?["ruleId"] == .string(rule) && pastedFirst?["title"] == first?["title"], "\(cluster) pasted")
        }

        let secrets = ["Planted-Log-Password-3c1e", "Planted-Log-Url-Password-8d2f"]
        let written = JSONWriter.write(pythonSnapshot)
        for secret in secrets { #expect(written.contains(secret), "the control: the unredacted snapshot has \(secret)") }
        let redacted = try collect(["--cluster", "crashing-py", "--service", "web", "--region", "us-east-1", "--redact"], environment: environment, in: directory)
        #expect(redacted.snapshot["containerLogs"]?.arrayValue?.count == 1)
        for secret in secrets { #expect(!JSONWriter.write(redacted.snapshot).contains(secret), "\(secret) leaked from collect --redact") }
        for options in [["--format", "markdown"], ["--format", "json", "--redact"], ["--format", "text", "--redact"]] {
            let output = try analyze(pythonSnapshot, options, environment: environment, in: directory).stdout
            for secret in secrets { #expect(!output.contains(secret), "\(secret) leaked with \(options)") }
        }
    }

    /// A service whose memory was at 100 % in CloudWatch (oom-fargate.sh) and
    /// whose task stopped: collect reads the metric in its one get-metric-data
    /// call, natively and through the CLI, and with exit 137 (which the
    /// emulator cannot record: set in the snapshot) the kill for memory is the
    /// first finding, likely, quoting the metric.
    @Test(.enabled(if: MotoServer.shouldRun, "needs python3 with moto[server] and the aws CLI"), .timeLimit(.minutes(10)))
    func memoryMetricsFromCloudWatch() throws {
        if let reason = MotoServer.unavailableReason { Issue.record("ECS_TRIAGE_REQUIRE_MOTO=1 but \(reason)"); return }
        let server = try MotoServer.start()
        defer { server.stop() }
        let environment = try server.environment()
        let directory = server.directory
        try installLoggingAWS(in: directory)
        try deploy([["oom-fargate.sh"]], environment: environment)

        let viaCLI = try collect(["--cluster", "oom", "--service", "web", "--region", "us-east-1", "--via-cli"], environment: environment, in: directory)
        #expect(viaCLI.invocations.filter { $0 == "cloudwatch get-metric-data" }.count == 1 && viaCLI.invocations.last == "cloudwatch get-metric-data")
        let native = try collect(["--cluster", "oom", "--service", "web", "--region", "us-east-1"], environment: environment, in: directory)
        for collected in [viaCLI, native] {
            #expect(collected.status == 0, "\(collected.stderr)")
            let metrics = collected.snapshot["metrics"]?.arrayValue ?? []
            #expect(Set(metrics.compactMap { $0["metricName"]?.stringValue }) == ["CPUUtilization", "MemoryUtilization"], "\(metrics)")
            let memory = metrics.first { $0["metricName"] == .string("MemoryUtilization") }
            #expect(memory?["values"] == .array([.number(100)]) && memory?["resource"]?.stringValue?.hasSuffix(":service/oom/web") == true)
        }

        guard case var .object(members) = native.snapshot, let position = members.firstIndex(where: { $0.key == "tasks" }),
              case var .array(tasks) = members[position].value, case var .object(task) = tasks.first,
              let containersAt = task.firstIndex(where: { $0.key == "containers" }), case var .array(containers) = task[containersAt].value,
              case var .object(container) = containers.first else {
            Issue.record("no stopped task with a container in \(JSONWriter.write(native.snapshot))")
            return
        }
        container.removeAll { $0.key == "exitCode" }
        container.append(("exitCode", .number(137)))
        containers[0] = .object(container)
        task[containersAt].value = .array(containers)
        tasks[0] = .object(task)
        members[position].value = .array(tasks)
        let report = try JSONParser.parse(Array(try analyze(.object(members), ["--format", "json"], environment: environment, in: directory).stdout.utf8))
        let first = report["findings"]?.arrayValue?.first
        #expect(first?["ruleId"] == .string("container-out-of-memory") && first?["confidence"] == .string("likely"), "\(first.map { JSONWriter.write($0) } ?? "no finding")")
        #expect(first?["evidence"]?.values("*.text").contains { $0.stringValue?.hasPrefix("AWS/ECS MemoryUtilization (Maximum per 60 s) of service web reached 100 % at ") == true } == true)
    }

    @Test func noCredentialsIsAClearError() throws {
        // Dummy endpoint on loopback, no credentials at all: nothing is sent, and every source tried is named.
        let environment = try MotoServer.environment(endpoint: "http://127.0.0.1:9", credentials: false)
        let result = try ProcessRunner.run(CLI.binary, ["collect", "--cluster", "prod", "--service", "web"], environment: environment, timeout: 60)
        #expect(result.status == 69)
        #expect(result.stderr.contains("no working AWS credentials") && result.stderr.contains("aws configure"), "\(result.stderr)")
        #expect(result.stderr.contains("environment variables:") && result.stderr.contains("disabled by AWS_EC2_METADATA_DISABLED"), "\(result.stderr)")
        if ProcessRunner.executable("aws") != nil {
            // Through the CLI, the CLI fails before sending anything.
            let viaCLI = try ProcessRunner.run(CLI.binary, ["collect", "--cluster", "prod", "--service", "web", "--via-cli"], environment: environment, timeout: 60)
            #expect(viaCLI.status == 69)
            #expect(viaCLI.stderr.contains("no working credentials") && viaCLI.stderr.contains("aws configure"), "\(viaCLI.stderr)")
        }
    }

    @Test func collectNeedsNoAWSCLIButViaCLIDoes() throws {
        var environment = try MotoServer.environment(endpoint: "http://127.0.0.1:9")
        environment["PATH"] = "/nonexistent"
        // Native: credentials from the environment; the closed port is the only failure.
        let native = try ProcessRunner.run(CLI.binary, ["collect", "--cluster", "prod", "--verbose"], environment: environment, timeout: 60)
        #expect(native.status == 69)
        #expect(native.stderr.contains("credentials: environment variables") && native.stderr.contains("Could not connect to the endpoint URL: \"http://127.0.0.1:9/"),
                "\(native.stderr)")
        let viaCLI = try ProcessRunner.run(CLI.binary, ["collect", "--cluster", "prod", "--via-cli"], environment: environment, timeout: 60)
        #expect(viaCLI.status == 69)
        #expect(viaCLI.stderr.contains("`aws`) was not found on PATH") && viaCLI.stderr.contains("install"))
    }

    @Test func theHarnessRefusesEndpointsOffLoopback() {
        #expect(throws: HarnessError.self) { try MotoServer.environment(endpoint: "https://ecs.us-east-1.amazonaws.com") }
        #expect(throws: HarnessError.self) { try MotoServer.environment(endpoint: "http://10.0.0.5:5000") }
        let environment = try? MotoServer.environment(endpoint: "http://127.0.0.1:5000", base: ["AWS_PROFILE": "prod", "AWS_SESSION_TOKEN": "x", "PATH": "/bin"])
        #expect(environment?["AWS_PROFILE"] == nil && environment?["AWS_SESSION_TOKEN"] == nil)
        #expect(environment?["AWS_CONFIG_FILE"] == "/dev/null" && environment?["AWS_MAX_ATTEMPTS"] == "1" && environment?["AWS_EC2_METADATA_DISABLED"] == "true")
    }

    @Test func collectUsageErrors() throws {
        let cli = CLITests()
        #expect(try cli.run(["collect"]).status == 64)
        #expect(try cli.run(["collect", "--cluster", "prod", "--concurrency", "0"]).status == 64)
        #expect(try cli.run(["analyze", "x.json", "--cluster", "prod"]).status == 64)
        let help = try cli.run(["collect", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: ecs-triage collect"))
    }
}
