import ECSTriage
@testable import ECSTriageCollect
import Foundation
import Testing

/// Values found in the account reach the `aws` CLI only as option values
/// (issue 12, part 5): a task definition whose role, log group, secret,
/// parameter and image names begin with `--endpoint-url=` and `--profile`,
/// collected through a fake `aws` that records its argv; then the real CLI,
/// pointed at a closed loopback port, parses the same arguments.
struct HostileArgumentsTests {
    static let evilEndpoint = "--endpoint-url=https://evil.example"
    static let account = "111122223333"
    static let cluster = "arn:aws:ecs:us-east-1:111122223333:cluster/prod"
    static let definition = "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"

    /// Canned answers by `service.operation`.
    static let answers: [String: String] = [
        "sts.get-caller-identity": #"{"Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/t", "UserId": "AIDA"}"#,
        "ecs.describe-clusters": #"{"clusters": [{"clusterArn": "\#(cluster)", "clusterName": "prod", "registeredContainerInstancesCount": 0}], "failures": []}"#,
        "ecs.list-tasks": #"{"taskArns": []}"#,
        "ecs.describe-services": #"""
            {"services": [{"serviceArn": "arn:aws:ecs:us-east-1:111122223333:service/prod/web", "serviceName": "web", "clusterArn": "\#(cluster)",
              "taskDefinition": "--profile", "deployments": [{"id": "ecs-svc/1", "status": "PRIMARY", "taskDefinition": "\#(definition)"}]}], "failures": []}
            """#,
        "ecs.describe-task-definition": #"""
            {"taskDefinition": {"taskDefinitionArn": "\#(definition)", "family": "web", "revision": 1, "networkMode": "awsvpc",
              "executionRoleArn": "arn:aws:iam::111122223333:role/--profile",
              "taskRoleArn": "arn:aws:iam::111122223333:role/--endpoint-url=evil",
              "containerDefinitions": [
                {"name": "app", "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/--endpoint-url=x:--profile",
                 "secrets": [{"name": "A", "valueFrom": "--profile"},
                             {"name": "B", "valueFrom": "arn:aws:secretsmanager:us-east-1:111122223333:secret:--endpoint-url=https://evil.example"}],
                 "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "\#(evilEndpoint)", "awslogs-region": "us-east-1"}}},
                {"name": "sidecar", "image": "busybox",
                 "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web\u001b]0;owned\u0007", "awslogs-region": "us-east-1"}}},
                {"name": "other", "image": "busybox",
                 "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/other", "awslogs-region": "--profile"}}}]}}
            """#,
        "iam.list-role-policies": #"{"PolicyNames": []}"#,
        "iam.list-attached-role-policies": #"{"AttachedPolicies": []}"#,
    ]

    /// Writes `bin/aws`: records its arguments (NUL-separated, one invocation
    /// per record) and prints the canned answer for `service.operation`.
    func installFakeAWS(in directory: URL) throws -> (bin: URL, log: URL) {
        let bin = directory.appendingPathComponent("bin"), answers = directory.appendingPathComponent("answers")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: answers, withIntermediateDirectories: true)
        for (name, json) in Self.answers { try Data(json.utf8).write(to: answers.appendingPathComponent(name + ".json")) }
        // One file per invocation: collect runs calls concurrently, and
        // appends from several processes to one file interleave.
        let log = directory.appendingPathComponent("argv")
        try FileManager.default.createDirectory(at: log, withIntermediateDirectories: true)
        let script = """
            #!/bin/sh
            record='\(log.path)'/$$
            for argument in "$@"; do printf '%s\\036' "$argument"; done > "$record"
            cat '\(answers.path)/'"$1.$2.json" 2>/dev/null || echo '{}'
            """
        let aws = bin.appendingPathComponent("aws")
        try Data(script.utf8).write(to: aws)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: aws.path)
        return (aws, log)
    }

    @Test func hostileValuesReachTheCLIOnlyAsOptionValues() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-triage-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (aws, log) = try installFakeAWS(in: directory)
        let runner = AWSCLIRunner(executable: aws, region: "us-east-1", environment: ["PATH": "/usr/bin:/bin"])
        let result = try Collector(runner: runner).collect(CollectRequest(cluster: "prod", services: ["web"], region: "us-east-1"))

        let records = try FileManager.default.contentsOfDirectory(atPath: log.path).sorted()
        let texts = try records.map { try String(contentsOf: log.appendingPathComponent($0), encoding: .utf8) }
        let invocations = texts.map { $0.split(separator: "\u{1E}", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
        #expect(invocations.count == result.records.filter { $0.outcome.failure?.message.hasPrefix("refused") != true }.count)
        for argv in invocations {
            let operation = try #require(AWSModels.operation(argv[0] + " " + argv[1]), "\(argv)")
            let options = Set(operation.cliOptions.values).union(["region", "profile"])
            var rest = argv.dropFirst(2)
            #expect(Array(rest.suffix(3)) == ["--output", "json", "--region=us-east-1"])
            rest = rest.dropLast(3)
            for argument in rest {
                // Each argument is `--option=value` for an option of this operation: a value never stands alone.
                let option = argument.hasPrefix("--") ? String(argument.dropFirst(2).prefix { $0 != "=" }) : ""
                #expect(argument.contains("=") && options.contains(option), "\(argv[0]) \(argv[1]): \(argument) is not an option=value of the operation")
            }
        }
        let all = invocations.flatMap { $0 }
        // The planted values did reach the CLI, inside their options.
        for expected in ["--role-name=--profile", "--log-group-name-prefix=\(Self.evilEndpoint)", "--task-definition=--profile",
                         "--parameter-filters=Key=Name,Option=Equals,Values=--profile", "--repository-names=--endpoint-url=x",
                         "--image-ids=imageTag=--profile", "--secret-id=arn:aws:secretsmanager:us-east-1:111122223333:secret:--endpoint-url=https"] {
            #expect(all.contains(expected), "\(expected) was not passed")
        }
        #expect(!all.contains("--profile") && !all.contains { $0.hasPrefix("--endpoint-url") })
        // A control character or a region that is not one: refused, recorded, never run.
        let refused = (result.snapshot["collectErrors"]?.arrayValue ?? []).filter { $0["error"]?.stringValue?.hasPrefix("refused before calling AWS") == true }
        #expect(refused.count == 2, "\(refused)")
        #expect(refused.contains { $0["error"]?.stringValue?.contains("U+001B") == true })
        #expect(refused.contains { $0["error"]?.stringValue?.contains("is not a region name") == true })
        #expect(!texts.joined().contains("\u{1B}"))
        // collectErrors still hold a command a user can paste.
        let report = Analyzer.analyze(try SnapshotLoader.load([InputFile(name: "hostile", bytes: Array(JSONWriter.write(result.snapshot).utf8))]))
        #expect(report.input.missingEvidence.contains { $0.command.hasPrefix("aws logs describe-log-groups '--log-group-name-prefix=/ecs/web") })
    }

    /// The real CLI reads the same arguments as values: with `--debug` it
    /// logs the parameters it sends, to a closed port on loopback.
    @Test(.enabled(if: ProcessRunner.executable("aws") != nil, "needs the aws CLI"))
    func theRealCLIParsesThemAsValues() throws {
        let aws = try #require(ProcessRunner.executable("aws"))
        let environment = try MotoServer.environment(endpoint: "http://127.0.0.1:9")
        let cases: [(AWSCall, String)] = [
            (AWSCall(.iamGetRole, ["RoleName": "--profile"]), "'RoleName': '--profile'"),
            (AWSCall(.logsDescribeLogGroups, ["logGroupNamePrefix": .string(Self.evilEndpoint)]), #""logGroupNamePrefix": "--endpoint-url=https://evil.example""#),
            (AWSCall(.ecsDescribeServices, ["cluster": "c", "services": ["--profile", "--endpoint-url=x"]]), #""services": ["--profile", "--endpoint-url=x"]"#),
            (AWSCall(.ecrDescribeImages, ["repositoryName": "--endpoint-url=x", "imageIds": .list([.structure([AWSParameter("imageTag", "--profile")])])]),
             #""imageIds": [{"imageTag": "--profile"}]"#),
        ]
        let runner = AWSCLIRunner(executable: aws, region: "us-east-1")
        for (call, sent) in cases {
            let result = try ProcessRunner.run(aws, runner.commandArguments(for: call) + ["--debug"], environment: environment, timeout: 60)
            #expect(result.stderr.contains("Could not connect to the endpoint URL: \"http://127.0.0.1:9/"), "\(call.arguments): \(result.stderr.suffix(400))")
            #expect(result.stderr.contains(sent), "\(call.arguments) was not sent as \(sent)")
            #expect(!result.stderr.contains("evil.example/") && !result.stderr.contains("usage:"))
        }
    }
}
