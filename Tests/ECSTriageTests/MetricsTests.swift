import Foundation
import Testing
@testable import ECSTriage

/// The `metrics` section (collect's form and a raw `get-metric-data` output)
/// and what the analysis makes of it: evidence on the findings it supports, nothing alone.
struct MetricsTests {
    static let memoryLabel = "ecs-triage AWS/ECS MemoryUtilization Maximum 60 ClusterName=prod ServiceName=web"

    /// A collected series of service `web` (cluster prod), values at 10:00, 10:01...
    static func series(_ metric: String, _ values: [Double], namespace: String = "AWS/ECS", stat: String = "Maximum",
                       dimensions: String = #"[{"Name": "ClusterName", "Value": "prod"}, {"Name": "ServiceName", "Value": "web"}]"#) -> String {
        let times = values.indices.map { "\"2026-11-20T10:\($0 < 10 ? "0" : "")\($0):00Z\"" }.joined(separator: ", ")
        let numbers = values.map { String($0) }.joined(separator: ", ")
        return #"{"resource": "\#(Fixture.serviceArn("web"))", "namespace": "\#(namespace)", "metricName": "\#(metric)", "dimensions": \#(dimensions), "stat": "\#(stat)", "period": 60, "statusCode": "Complete", "timestamps": [\#(times)], "values": [\#(numbers)]}"#
    }

    static func killed(exitCode: Int = 137, metrics: [String]) -> String {
        Fixture.snapshot(
            Fixture.array("services", Fixture.service("web")),
            Fixture.array("tasks", #"{"taskArn": "\#(Fixture.taskArn("0f3c9d"))", "clusterArn": "\#(Fixture.cluster)", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "launchType": "FARGATE", "lastStatus": "STOPPED", "stoppedReason": "Essential container in task exited", "containers": [{"name": "web", "exitCode": \#(exitCode)}]}"#),
            Fixture.array("taskDefinitions", Fixture.taskDefinition()),
            #""metrics": [\#(metrics.joined(separator: ", "))]"#)
    }

    @Test func collectedSeriesDecodeOldestFirstWithEitherTimestampForm() throws {
        let input = Fixture.snapshot(#""metrics": [{"namespace": "AWS/ECS", "metricName": "CPUUtilization", "dimensions": [{"Name": "ClusterName", "Value": "prod"}, {"Name": "ServiceName", "Value": "web"}], "stat": "Maximum", "period": 300, "timestamps": [1795168860, "2026-11-20T10:00:00Z"], "values": [97.5, 12]}, {"resource": "arn:aws:ecs:us-east-1:111122223333:service/prod/api", "notRead": "collect reads the metrics of at most 20 services"}]"#)
        let snapshot = try SnapshotLoader.load([InputFile(name: "-", bytes: Array(input.utf8))])
        #expect(snapshot.has(.metrics) && snapshot.metrics.count == 2)
        let cpu = snapshot.metrics[0]
        #expect(cpu.points.map(\.value) == [12, 97.5] && cpu.points.map(\.time) == ["2026-11-20T10:00:00Z", "2026-11-20T10:01:00Z"])
        #expect(cpu.peak?.location == "/metrics/0/values/0" && cpu.name == "AWS/ECS CPUUtilization (Maximum per 300 s)")
        #expect(cpu.dimension("ServiceName") == "web" && snapshot.metrics[1].notRead != nil)
        let report = Analyzer.analyze(snapshot)
        #expect(report.findings.isEmpty, "metrics alone are no finding")
        #expect(report.input.warnings.contains("the metrics of arn:aws:ecs:us-east-1:111122223333:service/prod/api were not read: collect reads the metrics of at most 20 services"))
    }

    @Test func rawOutputIsReadOnlyThroughOurLabels() throws {
        let raw = #"{"MetricDataResults": [{"Id": "q1", "Label": "\#(Self.memoryLabel)", "Timestamps": ["2026-11-20T10:01:00+00:00", "2026-11-20T10:00:00+00:00"], "Values": [100.0, 40.0], "StatusCode": "Complete"}, {"Id": "m1", "Label": "MemoryUtilization", "Timestamps": [], "Values": [], "StatusCode": "Complete"}], "Messages": []}"#
        let snapshot = try SnapshotLoader.load([InputFile(name: "-", bytes: Array(raw.utf8))])
        #expect(snapshot.metrics.count == 1 && snapshot.has(.metrics))
        let memory = snapshot.metrics[0]
        #expect(memory.namespace == "AWS/ECS" && memory.metricName == "MemoryUtilization" && memory.stat == "Maximum" && memory.period == 60)
        #expect(memory.dimensions == [MetricDimension(name: "ClusterName", value: "prod"), MetricDimension(name: "ServiceName", value: "web")])
        #expect(memory.peak?.value == 100 && memory.peak?.location == "/MetricDataResults/0/Values/0")
        #expect(snapshot.warnings.contains { $0.hasPrefix("1 of the 2 MetricDataResults ignored") })

        let foreign = #"{"MetricDataResults": [{"Id": "m1", "Label": "MemoryUtilization", "Timestamps": [1795168800], "Values": [100.0]}], "services": [\#(Fixture.service("web"))]}"#
        let unread = try SnapshotLoader.load([InputFile(name: "-", bytes: Array(foreign.utf8))])
        #expect(unread.metrics.isEmpty && !unread.has(.metrics) && unread.warnings.count == 1)
    }

    @Test func labelsRoundTrip() {
        let label = MetricQueryLabel(namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount", stat: "Maximum", period: 300,
                                     dimensions: [MetricDimension(name: "TargetGroup", value: "targetgroup/web/0123"), MetricDimension(name: "LoadBalancer", value: "app/web/4567")])
        #expect(label.text == "ecs-triage AWS/ApplicationELB UnHealthyHostCount Maximum 300 TargetGroup=targetgroup/web/0123 LoadBalancer=app/web/4567")
        #expect(MetricQueryLabel(parsing: label.text) == label)
        #expect(MetricQueryLabel(parsing: "UnHealthyHostCount") == nil && MetricQueryLabel(parsing: "ecs-triage AWS/ECS CPUUtilization Maximum x") == nil)
    }

    /// Exit 137 alone is possible; with the service's memory at its limit, likely, and the metric is quoted.
    @Test func memoryAtItsLimitMakesAnExit137ALikelyKillForMemory() throws {
        let plain = try TestSupport.analyze(Self.killed(metrics: [Self.series("MemoryUtilization", [40, 52])]))
        let possible = plain.findings.first { $0.ruleId == "container-out-of-memory" }
        #expect(possible?.confidence == .possible && possible?.evidence.contains { $0.text.contains("MemoryUtilization") } == false)

        let full = try TestSupport.analyze(Self.killed(metrics: [Self.series("MemoryUtilization", [61, 98.4, 70])]))
        let first = try #require(full.findings.first)
        #expect(first.ruleId == "container-out-of-memory" && first.confidence == .likely)
        #expect(first.evidence.contains(Evidence("/metrics/0/values/1", "AWS/ECS MemoryUtilization (Maximum per 60 s) of service web reached 98.4 % at 2026-11-20T10:01:00Z")))
        #expect(!full.findings.contains { $0.ruleId == "container-exited" }, "the kill explains the exit")

        // Container Insights: MemoryUtilized against MemoryReserved at the same minute.
        let insights = try TestSupport.analyze(Self.killed(metrics: [
            Self.series("MemoryUtilized", [300, 509], namespace: "ECS/ContainerInsights"), Self.series("MemoryReserved", [512, 512], namespace: "ECS/ContainerInsights"),
        ]))
        #expect(insights.findings.first?.evidence.contains { $0.text == "ECS/ContainerInsights MemoryUtilized (Maximum per 60 s) of service web reached 509 MB, 99.4 % of MemoryReserved (512 MB), at 2026-11-20T10:01:00Z" } == true)

        // Exit 1 is not memory, whatever the metric.
        let crashed = try TestSupport.analyze(Self.killed(exitCode: 1, metrics: [Self.series("MemoryUtilization", [100])]))
        #expect(!crashed.findings.contains { $0.ruleId == "container-out-of-memory" })
    }

    /// Service `web` behind `web-tg`, whose targets time out, with its CPU, 5XX and unhealthy-host series.
    static func timingOut(cpu: [Double], errors: [Double], unhealthy: [Double]) -> String {
        let group = #"[{"Name": "TargetGroup", "Value": "targetgroup/web-tg/0123456789abcdef"}, {"Name": "LoadBalancer", "Value": "app/web/50dc6c495c0c9188"}]"#
        return Fixture.snapshot(
            Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", events: [
                "(service web) (port 8080) is unhealthy in (target-group \(Fixture.targetGroupArn("web-tg"))) due to (reason Request timed out)."])),
            Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPath: "/health")),
            #""metrics": [\#(series("CPUUtilization", cpu)), \#(series("HTTPCode_Target_5XX_Count", errors, namespace: "AWS/ApplicationELB", stat: "Sum", dimensions: group)), \#(series("UnHealthyHostCount", unhealthy, namespace: "AWS/ApplicationELB", dimensions: group))]"#)
    }

    @Test func targetMetricsAndSustainedCPUAreEvidenceOnHealthCheckFindings() throws {
        let report = try TestSupport.analyze(Self.timingOut(cpu: [99, 100, 100, 98, 20], errors: [0, 3, 17, 0], unhealthy: [0, 1, 2]))
        let finding = try #require(report.findings.first { $0.ruleId == "target-health-failing" })
        let texts = finding.evidence.map(\.text)
        #expect(texts.contains("AWS/ApplicationELB HTTPCode_Target_5XX_Count (Sum per 60 s) of target group web-tg: 20 in the window, the most (17) at 2026-11-20T10:02:00Z"))
        #expect(texts.contains("AWS/ApplicationELB UnHealthyHostCount (Maximum per 60 s) of target group web-tg reached 2 at 2026-11-20T10:02:00Z"))
        #expect(texts.contains("AWS/ECS CPUUtilization (Maximum per 60 s) of service web stayed at or above 95 % for 4 consecutive periods, "
                               + "from 2026-11-20T10:00:00Z to 2026-11-20T10:03:00Z, peaking at 100 %"))

        // Healthy metrics, or a CPU spike that does not last, add nothing.
        let calm = try TestSupport.analyze(Self.timingOut(cpu: [20, 100, 30, 99, 99], errors: [0, 0], unhealthy: [0, 0]))
        let calmFinding = try #require(calm.findings.first { $0.ruleId == "target-health-failing" })
        #expect(!calmFinding.evidence.contains { $0.field.hasPrefix("/metrics/") }, "\(calmFinding.evidence)")
    }

    @Test func sustainedCPUIsEvidenceOnAFailingContainerCheck() throws {
        let input = Fixture.snapshot(
            Fixture.array("services", Fixture.service("web")),
            Fixture.array("tasks", #"{"taskArn": "\#(Fixture.taskArn("0f3c9d"))", "clusterArn": "\#(Fixture.cluster)", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "launchType": "FARGATE", "lastStatus": "STOPPED", "stoppedReason": "Task failed container health checks", "containers": [{"name": "web", "exitCode": 143, "healthStatus": "UNHEALTHY"}]}"#),
            Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "healthCheck": {"command": ["CMD-SHELL", "wget -qO- http://localhost:8080/health || exit 1"], "timeout": 2}"#)),
            #""metrics": [\#(Self.series("CPUUtilization", [97, 100, 100]))]"#)
        let finding = try #require(try TestSupport.analyze(input).findings.first { $0.ruleId == "container-health-check-failing" })
        #expect(finding.confidence == .likely, "supporting evidence does not confirm the cause")
        #expect(finding.evidence.contains { $0.field == "/metrics/0/values/0" && $0.text.hasSuffix("for 3 consecutive periods, from 2026-11-20T10:00:00Z to 2026-11-20T10:02:00Z, peaking at 100 %") })
    }

    @Test func aSilentServiceIsMissingEvidenceWhenSomethingFailed() throws {
        let silent = Self.killed(metrics: [Self.series("MemoryUtilization", []), Self.series("CPUUtilization", [])])
        let report = try TestSupport.analyze(silent)
        #expect(report.input.missingEvidence.contains {
            $0.command == "aws cloudwatch list-metrics --namespace AWS/ECS --dimensions Name=ClusterName,Value=prod Name=ServiceName,Value=web"
                && $0.why.hasPrefix("CloudWatch returned no datapoint of MemoryUtilization, CPUUtilization for service web")
        })
        let idle = Fixture.snapshot(#""metrics": [\#(Self.series("MemoryUtilization", []))]"#)
        #expect(try TestSupport.analyze(idle).input.missingEvidence.isEmpty)
    }
}
