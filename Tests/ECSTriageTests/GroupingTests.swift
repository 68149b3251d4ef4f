@testable import ECSTriage
import Testing

/// Twenty tasks of one service stopped for one reason are one finding that
/// names every task, not twenty findings (issue 14, "grouping").
struct GroupingTests {
    static func snapshot(reason: String, tasks: Int = 20) -> String {
        let stopped = (0..<tasks).map { Fixture.stoppedTask(String(format: "t%02d", $0), reason: reason) }
        return Fixture.snapshot(Fixture.array("services", Fixture.service("web")), "\"tasks\": [" + stopped.joined(separator: ", ") + "]",
                                Fixture.array("taskDefinitions", Fixture.taskDefinition()))
    }

    @Test(arguments: [
        ("registry-rate-limited", "CannotPullContainerError: pull image manifest has been retried 5 time(s): toomanyrequests: You have reached your pull rate limit."),
        ("aws-service-unreachable", Fixture.ecrTimeout),
    ])
    func twentyTasksOneReasonAreOneFinding(ruleId: String, reason: String) throws {
        let report = Analyzer.analyze(try SnapshotLoader.load(text: Self.snapshot(reason: reason)))
        let findings = report.findings.filter { $0.ruleId == ruleId }
        #expect(findings.count == 1, "\(report.findings.map(\.ruleId))")
        let tasks = Set(findings.first?.resources.filter { $0.id.contains(":task/") }.map(\.id) ?? [])
        #expect(tasks.count == 20)
        #expect(findings.first?.explains.count == 20)
    }
}
