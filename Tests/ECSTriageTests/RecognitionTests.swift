import Foundation
import Testing
@testable import ECSTriage

/// Failures inside snapshots get an answer as pasted text does (stopped
/// reasons, container reasons, service events, target health), while a
/// healthy snapshot stays quiet; EventBridge events are read as delivered.
struct RecognitionTests {
    static let unknownReason = "SomeNewError: the runtime refused the request"

    static func report(_ members: String...) throws -> Report {
        try TestSupport.analyze("{\"region\": \"us-east-1\", " + members.joined(separator: ", ") + "}")
    }

    @Test func unknownStoppedReasonAndContainerReason() throws {
        let task = #"{"taskArn": "\#(Fixture.taskArn("7a1b"))", "clusterArn": "\#(Fixture.cluster)", "lastStatus": "STOPPED", "stopCode": "TaskFailedToStart", "stoppedReason": "\#(Self.unknownReason)", "containers": [{"name": "web", "reason": "VolumeMountError: the mount helper exited with code 3"}]}"#
        let report = try Self.report(Fixture.array("tasks", task))
        let finding = try #require(report.findings.first { $0.ruleId == "unrecognized-failure" })
        #expect(finding.resources.map(\.id) == [Fixture.taskArn("7a1b")])
        #expect(finding.evidence.map(\.field).contains("/tasks/0/stoppedReason"))
        #expect(finding.evidence.map(\.field).contains("/tasks/0/containers/0/reason"))
        #expect(finding.fix.commands.first?.hasPrefix("aws ecs describe-tasks --cluster prod --tasks 7a1b ") == true)
        #expect(report.fails(at: .low))
    }

    @Test func serviceEventsOlderThanTheLastSteadyStateAreHistory() throws {
        let failure = "(service web) failed to launch a task: SomeNewError: the runtime refused the request"
        let current = try Self.report(Fixture.array("services", Fixture.service("web", events: [failure, "(service web) has reached a steady state."])))
        #expect(current.findings.map(\.ruleId) == ["unrecognized-failure"])
        let resolved = try Self.report(Fixture.array("services", Fixture.service("web", events: ["(service web) has reached a steady state.", failure])))
        #expect(resolved.findings.isEmpty, "\(resolved.findings.map(\.ruleId))")
    }

    @Test func targetHealthReasons() throws {
        let unusable = try Self.report(Fixture.targetHealth("web-tg", state: "unused", reason: "Target.IpUnusable",
                                                            description: "The IP address cannot be used as a target, as it is in use by a load balancer"))
        #expect(unusable.findings.map(\.ruleId) == ["unrecognized-failure"])
        for (state, reason, description) in [("unused", "Target.InvalidState", "Target is in an invalid state"),
                                             ("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress"),
                                             ("initial", "Elb.RegistrationInProgress", "Target registration is in progress")] {
            let quiet = try Self.report(Fixture.targetHealth("web-tg", state: state, reason: reason, description: description))
            #expect(quiet.findings.isEmpty, "\(reason): \(quiet.findings.map(\.ruleId))")
        }
    }

    @Test func finishedBatchTaskIsQuietAServiceTaskIsNot() throws {
        let batch = #"{"taskArn": "\#(Fixture.taskArn("9a1c"))", "clusterArn": "\#(Fixture.cluster)", "lastStatus": "STOPPED", "stopCode": "EssentialContainerExited", "stoppedReason": "Essential container in task exited", "containers": [{"name": "job", "exitCode": 0}]}"#
        #expect(try Self.report(Fixture.array("tasks", batch)).findings.isEmpty)
        let serviceTask = batch.replacingOccurrences(of: #""lastStatus""#, with: #""group": "service:web", "lastStatus""#)
        #expect(try Self.report(Fixture.array("tasks", serviceTask)).findings.map(\.ruleId) == ["container-exited"])
    }

    @Test func healthyServiceEventsStayQuiet() throws {
        let events = ["(service web) has reached a steady state.",
                      "(service web) (deployment ecs-svc/1627467345577822460) deployment completed.",
                      "(service web) registered 1 targets in (target-group \(Fixture.targetGroupArn("web-tg")))",
                      "(service web) has started 1 tasks: (task 628b49d96dcde97a430dd4f597705899).",
                      "(service web) has stopped 1 running tasks: (task cece8a9cecfb6c7e7ee4f3346d5e2544).",
                      "(service web) has begun draining connections on 1 tasks."]
        let report = try Self.report(Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", events: events)))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.ruleId))")
    }

    // MARK: EventBridge

    static let eventFolder = TestSupport.packageRoot.appendingPathComponent("Tests/ECSTriageTests/Fixtures/eventbridge")

    static func event(_ name: String) throws -> Report {
        let bytes = try [UInt8](Data(contentsOf: eventFolder.appendingPathComponent(name)))
        return Analyzer.analyze(try SnapshotLoader.load([InputFile(name: name, bytes: bytes)]))
    }

    @Test func stoppedTaskEventNamesItsSubnetAndInterface() throws {
        let report = try Self.event("task-state-change-stopped.json")
        let finding = try #require(report.findings.first)
        #expect(finding.ruleId == "aws-service-unreachable")
        let commands = finding.fix.commands + finding.missingEvidence.map(\.command)
        #expect(commands.contains { $0.contains("subnet-0f3b6a1c9d2e4a857") }, "\(commands)")
    }

    /// Container Insights' ECS lifecycle events, read back with `aws logs filter-log-events`:
    /// each message is an event as delivered, so the stopped reason outlives the task.
    @Test func eventsKeptInCloudWatchLogs() throws {
        let event = try String(contentsOf: Self.eventFolder.appendingPathComponent("task-state-change-stopped.json"), encoding: .utf8)
        let compact = JSONWriter.write(try JSONParser.parse(Array(event.utf8)))
        let output = JSONWriter.write(.object([("events", .array([
            .object([("logStreamName", .string("prod")), ("timestamp", .number(1_795_000_000_000)), ("message", .string("plain application line")),
                     ("eventId", .string("1"))]),
            .object([("logStreamName", .string("prod")), ("timestamp", .number(1_795_000_000_001)), ("message", .string(compact)),
                     ("eventId", .string("2"))]),
        ])), ("searchedLogStreams", .array([]))]))
        let report = try TestSupport.analyze(output, name: "lifecycle.json")
        let finding = try #require(report.findings.first)
        #expect(finding.ruleId == "aws-service-unreachable")
        #expect(finding.evidence.first?.field == "/events/1/message#/detail/stoppedReason")
        #expect((finding.fix.commands + finding.missingEvidence.map(\.command)).contains { $0.contains("subnet-0f3b6a1c9d2e4a857") })
    }

    @Test(arguments: [
        ("task-state-change-running.json", [String]()),
        ("service-action-steady-state.json", []),
        ("service-action-capacity-provider-steady-state.json", []),
        ("service-action-placement-failure-ec2.json", ["insufficient-cluster-resources"]),
        ("service-action-placement-failure-fargate-spot.json", ["fargate-quota-or-capacity"]),
        ("service-action-task-start-impaired.json", ["deployment-failing"]),
        ("deployment-state-change-in-progress.json", []),
        ("deployment-state-change-completed.json", []),
        ("deployment-state-change-rollback.json", ["deployment-failing"]),
        ("deployment-state-change-failed.json", ["deployment-failing"]),
        ("container-instance-state-change.json", []),
    ])
    func documentedEvents(_ name: String, _ rules: [String]) throws {
        #expect(try Self.event(name).findings.map(\.ruleId) == rules)
    }

    @Test func unknownDocumentAmongSeveralThroughTheCLI() throws {
        let directory = try TemporaryDirectory()
        let listTasks = directory.url.appendingPathComponent("list-tasks.json")
        try Data(#"{"taskArns": ["arn:aws:ecs:us-east-1:111122223333:task/prod/7a1b"]}"#.utf8).write(to: listTasks)
        let tasks = directory.url.appendingPathComponent("tasks.json")
        try Data(("{\"tasks\": [" + Fixture.stoppedTask("7a1b", reason: "OutOfMemoryError: Container killed due to memory usage") + "]}").utf8).write(to: tasks)
        let result = try CLI.run(["analyze", "--format", "json", listTasks.path, tasks.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("list-tasks.json: skipped, not a document ecs-triage reads (keys: taskArns)"))
        #expect(result.stdout.contains("container-out-of-memory"))
        let alone = try CLI.run(["analyze", listTasks.path])
        #expect(alone.status == 65)
    }

    @Test func ciLogThroughTheCLI() throws {
        let log = "[ERROR] FAILED. failed to register task definition: operation error ECS: RegisterTaskDefinition, https response error StatusCode: 400, ClientException: ...\n"
        let result = try CLI.run(["analyze"], stdin: log)
        #expect(result.status == 1)
        #expect(result.stdout.contains("unrecognized-failure"))
    }
}
