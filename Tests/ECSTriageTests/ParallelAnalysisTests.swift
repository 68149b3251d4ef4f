import Testing
@testable import ECSTriage

/// Big snapshots run rules and network paths on several threads; the report
/// must be the same bytes as a single-threaded run (and under
/// `swift test --sanitize=thread`, free of races).
struct ParallelAnalysisTests {
    @Test func parallelMapKeepsIndexOrder() {
        let squares = Parallel.map(1000, minimumCount: 1) { $0 * $0 }
        #expect(squares == (0..<1000).map { $0 * $0 })
        #expect(Parallel.map(0, minimumCount: 1) { $0 }.isEmpty)
        #expect(Parallel.map(3) { String($0) } == ["0", "1", "2"])
    }

    /// Long arrays decode in parallel; the error must still be the first in document order.
    @Test func longArraysReportTheFirstBadElement() throws {
        var tasks = (0..<600).map { Fixture.stoppedTask("t\($0)", reason: "Essential container in task exited") }
        tasks[100] = "42"
        tasks[400] = "\"text\""
        let input = Fixture.snapshot(Fixture.array("tasks", tasks.joined(separator: ", ")))
        #expect(throws: InputError.wrongType(location: "big.json#/tasks/100", expected: "an object", found: "a number")) {
            try SnapshotLoader.load(text: input, name: "big.json")
        }
        tasks[100] = Fixture.stoppedTask("t100", reason: "Essential container in task exited")
        let loaded = try SnapshotLoader.load(text: Fixture.snapshot(Fixture.array("tasks", tasks.enumerated().filter { $0.offset != 400 }.map(\.element).joined(separator: ", "))))
        #expect(loaded.tasks.map(\.taskArn) == (0..<600).filter { $0 != 400 }.map { Fixture.taskArn("t\($0)") })
    }

    /// 240 services over four subnet layouts, each with a stopped task whose
    /// reason cycles through failures several rules explain.
    static let accountSnapshot: String = {
        let reasons = [
            Fixture.ecrTimeout,
            "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 111122223333.dkr.ecr.us-east-1.amazonaws.com/web:9.9.9: not found",
            "OutOfMemoryError: Container killed due to memory usage",
            "Essential container in task exited",
            "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist.",
        ]
        let layouts = ["subnet-private", "subnet-nat", "subnet-public", "subnet-unknown"]
        var services: [String] = []
        var tasks: [String] = []
        var definitions: [String] = []
        var groups: [String] = []
        for index in 0..<240 {
            let name = "svc\(index)"
            let subnet = layouts[index % layouts.count]
            services.append(Fixture.service(name, subnets: [subnet], publicIp: index % 3 == 0 ? "ENABLED" : "DISABLED",
                                            taskDefinition: "\(name):1", targetGroup: index % 5 == 0 ? name : nil))
            tasks.append(Fixture.stoppedTask("task\(index)", service: name, subnet: subnet, reason: reasons[index % reasons.count],
                                             taskDefinition: "\(name):1"))
            definitions.append(Fixture.taskDefinition("\(name):1", networkMode: index % 7 == 0 ? "bridge" : "awsvpc",
                                                      memory: index % 11 == 0 ? "100" : "512"))
            if index % 5 == 0 {
                groups.append(Fixture.targetGroup(name, targetType: index % 10 == 0 ? "instance" : "ip", healthCheckPath: "/health"))
            }
        }
        return Fixture.snapshot(
            Fixture.array("services", services.joined(separator: ", ")),
            Fixture.array("tasks", tasks.joined(separator: ", ")),
            Fixture.array("taskDefinitions", definitions.joined(separator: ", ")),
            Fixture.array("Subnets", Fixture.subnet("subnet-private"), Fixture.subnet("subnet-nat", cidr: "10.0.2.0/24"),
                          Fixture.subnet("subnet-public", cidr: "10.0.3.0/24"), Fixture.subnet("subnet-unknown", cidr: "10.0.4.0/24")),
            Fixture.array("RouteTables", Fixture.routeTable("rtb-private", subnets: ["subnet-private"]),
                          Fixture.routeTable("rtb-nat", subnets: ["subnet-nat"], defaultTarget: "nat-1"),
                          Fixture.routeTable("rtb-public", subnets: ["subnet-public"], defaultTarget: "igw-1"),
                          Fixture.routeTable("rtb-other", subnets: ["subnet-unknown"], defaultTarget: "tgw-1")),
            Fixture.array("InternetGateways", Fixture.internetGateway()),
            Fixture.array("NatGateways", Fixture.natGateway(subnet: "subnet-public")),
            Fixture.array("SecurityGroups", Fixture.securityGroup("sg-task", allowing: 8080...8080)),
            Fixture.array("TargetGroups", groups.joined(separator: ", ")))
    }()

    @Test func parallelAndSequentialReportsAreTheSameBytes() throws {
        let snapshot = try SnapshotLoader.load(text: Self.accountSnapshot, name: "account.json")
        #expect(snapshot.services.count == 240)
        let parallel = Analyzer.analyze(snapshot, ignoring: [], parallel: true)
        let sequential = Analyzer.analyze(snapshot, ignoring: [], parallel: false)
        // The snapshot is varied enough that many rules report on it.
        #expect(Set(parallel.findings.map(\.ruleId)).count >= 5)
        #expect(JSONReporter.renderBytes(parallel) == JSONReporter.renderBytes(sequential))
        #expect(JSONReporter.renderBytes(Analyzer.analyze(snapshot)) == JSONReporter.renderBytes(sequential))
    }
}
