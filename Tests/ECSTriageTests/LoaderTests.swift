import Foundation
import Testing
@testable import ECSTriage

struct LoaderTests {
    let describeTasks = #"{"tasks": [{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/abc", "launchType": "FARGATE", "stoppedReason": "Essential container in task exited", "containers": []}], "failures": []}"#
    let describeSubnets = #"{"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1a"}]}"#

    func load(_ files: [(String, String)]) throws -> Snapshot {
        try SnapshotLoader.load(files.map { InputFile(name: $0.0, bytes: Array($0.1.utf8)) })
    }

    func inputError(_ files: [(String, String)]) -> InputError? {
        do {
            _ = try load(files)
            return nil
        } catch let error as InputError {
            return error
        } catch {
            return nil
        }
    }

    @Test func oneDocument() throws {
        let snapshot = try load([("tasks.json", describeTasks)])
        #expect(snapshot.tasks.count == 1)
        #expect(snapshot.recognizedKeys == ["tasks"])
        #expect(snapshot.region == "us-east-1")
    }

    @Test func severalFilesPrefixPointersWithTheFileName() throws {
        let snapshot = try load([("tasks.json", describeTasks), ("subnets.json", describeSubnets)])
        #expect(snapshot.subnets.first?.location == "subnets.json#/Subnets/0")
        #expect(snapshot.tasks.first?.location == "tasks.json#/tasks/0")
    }

    @Test func arrayOfDocumentsAndJSONLines() throws {
        let array = try load([("all.json", "[\(describeTasks), \(describeSubnets)]")])
        #expect(array.tasks.count == 1 && array.subnets.count == 1)
        let lines = try load([("all.jsonl", describeTasks + "\n" + describeSubnets + "\n")])
        #expect(lines.subnets.first?.location == "all.jsonl:2#/Subnets/0")
    }

    @Test func duplicatesMergeLaterWins() throws {
        let later = #"{"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-2"}]}"#
        let snapshot = try load([("a.json", describeSubnets), ("b.json", later)])
        #expect(snapshot.subnets.count == 1)
        #expect(snapshot.subnets.first?.vpcId == "vpc-2")
    }

    @Test func eventBridgeTaskStateChange() throws {
        let event = #"{"version": "0", "detail-type": "ECS Task State Change", "source": "aws.ecs", "account": "111122223333", "region": "eu-west-1", "resources": [], "detail": {"taskArn": "arn:aws:ecs:eu-west-1:111122223333:task/c/1", "lastStatus": "STOPPED", "stoppedReason": "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/abc)"}}"#
        let snapshot = try load([("event.json", event)])
        #expect(snapshot.tasks.first?.location == "/detail")
        #expect(snapshot.region == "eu-west-1")
        let report = Analyzer.analyze(snapshot)
        #expect(report.findings.first?.ruleId == "target-health-failing")
        #expect(report.symptoms.first?.location == "/detail/stoppedReason")
    }

    @Test func eventBridgeServiceActionAndDeploymentEvents() throws {
        let events = #"[{"detail-type": "ECS Service Action", "source": "aws.ecs", "region": "us-east-1", "resources": ["arn:aws:ecs:us-east-1:111122223333:service/prod/web"], "detail": {"eventType": "WARN", "eventName": "SERVICE_TASK_START_IMPAIRED", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod"}}, {"detail-type": "ECS Deployment State Change", "source": "aws.ecs", "region": "us-east-1", "resources": ["arn:aws:ecs:us-east-1:111122223333:service/prod/web"], "detail": {"eventType": "ERROR", "eventName": "SERVICE_DEPLOYMENT_FAILED", "deploymentId": "ecs-svc/123", "reason": "ECS deployment circuit breaker: task failed to start."}}]"#
        let snapshot = try load([("events.json", events)])
        #expect(snapshot.events.map(\.eventName) == ["SERVICE_TASK_START_IMPAIRED", "SERVICE_DEPLOYMENT_FAILED"])
        #expect(snapshot.events.last?.location == "/1/detail")
    }

    @Test func mergedSnapshotWithVpcAttributeDocuments() throws {
        let merged = #"{"snapshotVersion": 1, "region": "us-east-1", "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}], "VpcAttributes": [{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}}]}"#
        let attribute = #"{"VpcId": "vpc-1", "EnableDnsHostnames": {"Value": false}}"#
        let snapshot = try load([("snapshot.json", merged), ("dns.json", attribute)])
        #expect(snapshot.vpcs.count == 1)
        #expect(snapshot.vpcs.first?.enableDnsSupport == true)
        #expect(snapshot.vpcs.first?.enableDnsHostnames == false)
    }

    @Test func policyDocumentsAsObjectsOrURLEncodedStrings() throws {
        let encoded = #"{"Role": {"RoleName": "r", "Arn": "arn:aws:iam::1:role/r", "AssumeRolePolicyDocument": "%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%7D"}}"#
        let snapshot = try load([("role.json", encoded)])
        #expect(snapshot.roles.first?.trustPolicy?.statements.first?.principal?.values(ofType: "Service") == ["ec2.amazonaws.com"])
    }

    @Test func plainTextIsASymptomSource() throws {
        let snapshot = try load([("reason.txt", "CannotPullContainerError: context canceled")])
        #expect(snapshot.texts.count == 1)
    }

    @Test func epochAndISOTimestamps() throws {
        let snapshot = try load([("t.json", #"{"tasks": [{"taskArn": "a", "startedAt": 1700000000.5, "stoppedAt": "2023-11-14T22:13:20.500000+00:00", "stoppingAt": 1700000000500}]}"#)])
        #expect(snapshot.tasks.first?.startedAt == 1_700_000_000.5)
        #expect(snapshot.tasks.first?.stoppedAt == 1_700_000_000.5)
        #expect(snapshot.tasks.first?.stoppingAt == 1_700_000_000.5)
    }

    @Test func invalidJSONNamesLineAndColumn() {
        #expect(inputError([("bad.json", "{\n  \"tasks\": [\n    {\"taskArn\": \"a\",}\n  ]\n}")]) ==
                .syntax(file: "bad.json", line: 3, column: 21, message: "unexpected '}', expected a member name in double quotes"))
    }

    @Test func emptyInput() {
        #expect(inputError([("empty.json", " \n")]) == .empty(file: "empty.json"))
    }

    @Test func documentOfNoKnownShape() {
        guard case let .unknownShape(location, keys)? = inputError([("other.json", #"{"Buckets": [], "Owner": {}}"#)]) else {
            Issue.record("expected an unknown-shape error")
            return
        }
        #expect(location == "other.json")
        #expect(keys == ["Buckets", "Owner"])
    }

    @Test func wrongTypeNamesThePointer() {
        #expect(inputError([("t.json", #"{"tasks": [{"taskArn": "a", "containers": "none"}]}"#)]) ==
                .wrongType(location: "t.json#/tasks/0/containers", expected: "an array", found: "a string"))
        #expect(inputError([("a.json", describeSubnets), ("b.json", #"{"Subnets": [{"SubnetId": 7}]}"#)]) ==
                .wrongType(location: "b.json#/Subnets/0/SubnetId", expected: "a string", found: "a number"))
    }

    @Test func emptyObjectIsNoKnownShape() throws {
        // Alone it is unusable; beside a usable document it is skipped with a warning.
        #expect(inputError([("a.json", "{}")]) == .unknownShape(location: "a.json", keys: []))
        let snapshot = try load([("a.json", "{}"), ("b.json", describeSubnets)])
        #expect(snapshot.subnets.count == 1)
        #expect(snapshot.warnings == ["a.json: skipped, not a document ecs-triage reads (no keys)"])
    }

    @Test func unknownDocumentsAmongSeveralAreWarningsNamingFileAndKeys() throws {
        let listTasks = #"{"taskArns": ["arn:aws:ecs:us-east-1:111122223333:task/prod/abc"]}"#
        let callerIdentity = #"{"UserId": "AIDA1", "Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/alice"}"#
        let snapshot = try load([("list-tasks.json", listTasks), ("tasks.json", describeTasks), ("whoami.json", callerIdentity)])
        #expect(snapshot.tasks.count == 1)
        #expect(snapshot.warnings == ["list-tasks.json: skipped, not a document ecs-triage reads (keys: taskArns)",
                                      "whoami.json: skipped, not a document ecs-triage reads (keys: UserId, Account, Arn)"])
        // No usable input at all: the first unknown document is the error (exit 65).
        #expect(inputError([("list-tasks.json", listTasks), ("whoami.json", callerIdentity)]) == .unknownShape(location: "list-tasks.json", keys: ["taskArns"]))
    }

    @Test func logLinesStartingWithABracketAreText() throws {
        for text in ["[ERROR] FAILED. failed to register task definition: operation error ECS: RegisterTaskDefinition, https response error StatusCode: 400, ClientException: ...",
                     "[2026-11-03T10:00:00Z] CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/nginx:1.27: not found",
                     "[12:00:01] task stopped", "{ts} worker failed", "[ INFO ] started", "[-] failed", "[null pointer] in worker",
                     // An Erlang term as the BEAM prints it when a release fails to boot.
                     #"{"Kernel pid terminated",application_controller,"{application_start_failure,app,{listen_error,http,eaddrinuse}}"}"#] {
            let snapshot = try load([("ci.log", text)])
            #expect(snapshot.texts.count == 1, "\(text)")
        }
        let report = try TestSupport.analyze("[ERROR] FAILED. failed to register task definition: operation error ECS: RegisterTaskDefinition, https response error StatusCode: 400, ClientException: ...")
        #expect(report.findings.map(\.ruleId) == ["unrecognized-failure"])
        #expect(report.findings.first?.evidence.contains { $0.text.contains("error type ClientException") } == true)
    }

    @Test func clearlyJSONButBrokenIsASyntaxError() {
        for text in ["{\"tasks\": [", "[", "[1, 2", "[tr", "[{\"tasks\": []}", "{", "[\n  {\"Subnets\": [] ", "[[[", "[null]x", "[-3",
                     "{\"tasks\" [", "{\"tas", "{\"tasks\"", "{\"a\\\",\": 1,"] {
            guard case .syntax? = inputError([("cut.json", text)]) else {
                Issue.record("\(text.debugDescription) was not a syntax error")
                continue
            }
        }
    }

    @Test func unknownKeysAreIgnoredAndReported() throws {
        let snapshot = try load([("t.json", #"{"tasks": [], "SomethingNew": 1}"#)])
        #expect(snapshot.ignoredKeys == ["SomethingNew"])
    }

    /// `aws logs get-log-events` of an application's stream is a pasted log; of a log group holding ECS events, those events.
    @Test func getLogEventsOutputIsReadAsLogLinesUnlessItHoldsECSEvents() throws {
        let application = #"{"events": [{"timestamp": 1714557600000, "message": "Traceback (most recent call last):", "ingestionTime": 1714557600100}, {"timestamp": 1714557600000, "message": "ModuleNotFoundError: No module named 'flask'", "ingestionTime": 1714557600100}], "nextForwardToken": "f/1", "nextBackwardToken": "b/1"}"#
        let logs = try load([("logs.json", application)])
        #expect(logs.texts.map(\.text) == ["Traceback (most recent call last):\nModuleNotFoundError: No module named 'flask'"])
        #expect(logs.recognizedKeys == ["events (CloudWatch Logs messages, read as log lines)"])
        let crash = Analyzer.analyze(logs).findings.first
        #expect(crash?.ruleId == "container-exited" && crash?.evidence.first?.field == "line 2")

        let event = #"{\"detail-type\": \"ECS Task State Change\", \"source\": \"aws.ecs\", \"region\": \"us-east-1\", \"resources\": [], \"detail\": {\"taskArn\": \"arn:aws:ecs:us-east-1:111122223333:task/c/1\", \"lastStatus\": \"STOPPED\", \"stoppedReason\": \"Essential container in task exited\"}}"#
        let insights = try load([("insights.json", #"{"events": [{"timestamp": 1714557600000, "message": "\#(event)"}], "nextForwardToken": "f/1"}"#)])
        #expect(insights.texts.isEmpty && insights.tasks.count == 1)
    }
}

struct JSONParserTests {
    @Test func parsesEscapesAndSurrogates() throws {
        let value = try JSONParser.parse(Array(#"{"a": "x\"\\\/\n\u00e9\ud83d\ude00", "n": -1.5e2, "t": [true, false, null]}"#.utf8))
        #expect(value["a"] == .string("x\"\\/\né😀"))
        #expect(value["n"] == .number(-150))
    }

    @Test func rejectsHostileNesting() {
        let deep = String(repeating: "[", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(deep.utf8)) }
    }

    @Test func rejectsTrailingGarbageAndLeadingZeros() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array("{} x".utf8)) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array("01".utf8)) }
    }

    @Test func writerSortsKeysDeterministically() {
        let value = JSONValue.object([("b", .number(1)), ("a", .array([.string("é\u{1}")])), ("A", .null)])
        #expect(JSONWriter.write(value) == "{\n  \"A\": null,\n  \"a\": [\n    \"é\\u0001\"\n  ],\n  \"b\": 1\n}\n")
    }

    @Test func writerKeepsTheLastOfDuplicateKeys() {
        let value = JSONValue.object([("b", .number(1)), ("a", .number(2)), ("b", .number(3)), ("c", .number(4)), ("b", .number(5))])
        #expect(JSONWriter.write(value) == "{\n  \"a\": 2,\n  \"b\": 5,\n  \"c\": 4\n}\n")
        #expect(JSONWriter.write(.object([("a", .number(1)), ("a", .number(2))])) == "{\n  \"a\": 2\n}\n")
    }
}
