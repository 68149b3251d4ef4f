import ECSTriage
import Foundation
import Testing

/// The fixes proven against the emulator: for each broken deployment of
/// Fixtures/moto/roundtrip.py, `collect`, `analyze`, then run the report's
/// fix commands exactly as printed against moto, `collect` and `analyze`
/// again: the planted finding must be gone and no new finding appear.
/// One server, one cluster, one collect before and one after for every
/// scenario. Skipped, with the reason printed, without Python, moto or the aws CLI.
@Suite(.serialized)
struct MotoRoundTripTests {
    static let deployment = MotoEndToEndTests.scripts.appendingPathComponent("roundtrip.py")

    /// Round trips that do not pass today, and why. Each is run and checked
    /// all the same (inside `withKnownIssue`): when its fix is repaired the
    /// test says so, and the entry goes.
    ///
    /// Every other fix, run as printed, is one moto 5.2.1 carries out (the
    /// missing endpoints' fix creates their security group first and passes
    /// its id on; the instance target type's fix creates a new `ip` group and
    /// passes its ARN to modify-listener and update-service).
    ///
    /// instance-target-type: moto does not add the load balancer to a target
    /// group's `LoadBalancerArns` when a listener is modified to forward to
    /// it, as AWS does; the new `ip` group passes because
    /// target-group-without-load-balancer also reads the listeners.
    static let knownFailures: [String: String] = [
        // The task-definition sequence (describe, jq, register, update-service) runs as printed in moto, but moto's
        // update-service keeps the service's deployment on the old revision (it stores --task-definition as given and
        // starts no deployment), and collect reads the deployment's revision again; on AWS the new deployment replaces it.
        "container-memory-exceeds-task": "moto 5.2.1's update-service leaves the deployment on the old revision, which collect reads again",
        "awsvpc-host-port-mismatch": "moto 5.2.1's update-service leaves the deployment on the old revision, which collect reads again",
    ]

    struct Scenario {
        var name: String
        var rules: [String]
        var resources: Set<String>
    }

    struct Outcome {
        var scenario: String
        var passed: Bool
        var why: String
    }

    static func scenarios(_ manifest: JSONValue) -> [Scenario] {
        (manifest.objectMembers ?? []).map { member in
            Scenario(name: member.key, rules: (member.value["rules"]?.arrayValue ?? []).compactMap(\.stringValue),
                     resources: Set((member.value["resources"]?.arrayValue ?? []).compactMap(\.stringValue)))
        }.sorted { $0.name < $1.name }
    }

    /// The findings of a report, each with the scenario that owns one of its resources.
    static func attribute(_ report: JSONValue, to scenarios: [Scenario]) -> [(scenario: String?, finding: JSONValue)] {
        (report["findings"]?.arrayValue ?? []).map { finding in
            let resources = (finding["resources"]?.arrayValue ?? []).compactMap(\.stringValue)
            let owner = scenarios.first { scenario in
                resources.contains { resource in
                    scenario.resources.contains(resource) || scenario.resources.contains { resource.hasSuffix(":role/" + $0) }
                }
            }
            return (owner?.name, finding)
        }
    }

    /// A refusal, or nil: the commands may only ever reach the emulator the environment points at.
    static func refusal(_ command: String) -> String? {
        for option in ["--endpoint-url", "--profile"] where command.contains(option) {
            return "refused to run a command that sets \(option): \(command)"
        }
        return nil
    }

    /// Runs `commands` in order in one bash session against the emulator;
    /// the failures, each with its command and its error.
    static func run(_ commands: [String], environment: [String: String], in directory: URL) throws -> [String] {
        let work = directory.appendingPathComponent("fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        var script = "cd \(shellQuoted(work.path))\n"
        for (index, command) in commands.enumerated() {
            script += "eval -- \(shellQuoted(command)) > out.\(index) 2> err.\(index); echo $? > status.\(index)\n"
        }
        let file = work.appendingPathComponent("fix.sh")
        try Data(script.utf8).write(to: file)
        _ = try ProcessRunner.run(URL(fileURLWithPath: "/bin/bash"), [file.path], environment: environment, timeout: 300)
        var failures: [String] = []
        for (index, command) in commands.enumerated() {
            let status = (try? String(contentsOf: work.appendingPathComponent("status.\(index)"), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            if status != "0" {
                let error = ((try? String(contentsOf: work.appendingPathComponent("err.\(index)"), encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                failures.append("`\(command)` exited \(status ?? "?"): \(error.split(separator: "\n").last.map(String.init) ?? "")")
            }
        }
        return failures
    }

    static func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @Test(.enabled(if: MotoServer.shouldRun, "needs python3 with moto[server] and the aws CLI"), .timeLimit(.minutes(15)))
    func fixesAsPrintedClearTheirFindings() throws {
        if let reason = MotoServer.unavailableReason { Issue.record("ECS_TRIAGE_REQUIRE_MOTO=1 but \(reason)"); return }
        let server = try MotoServer.start()
        defer { server.stop() }
        let environment = try server.environment()
        let directory = server.directory
        let endToEnd = MotoEndToEndTests()
        try endToEnd.installLoggingAWS(in: directory)
        guard let python = ProcessRunner.executable("python3") else { return }
        let deployed = try ProcessRunner.run(python, [Self.deployment.path], environment: environment, timeout: 300)
        try #require(deployed.status == 0, "roundtrip.py failed: \(deployed.stderr)")
        let scenarios = Self.scenarios(try JSONParser.parse(Array(deployed.stdout.utf8)))

        func findings() throws -> [(scenario: String?, finding: JSONValue)] {
            let collected = try endToEnd.collect(["--cluster", "roundtrip", "--region", "us-east-1"], environment: environment, in: directory)
            #expect(collected.status == 0 && collected.snapshot["collectErrors"] == nil, "\(collected.stderr)")
            let report = try endToEnd.analyze(collected.snapshot, ["--format", "json"], environment: environment, in: directory)
            return Self.attribute(try JSONParser.parse(Array(report.stdout.utf8)), to: scenarios)
        }

        let before = try findings()
        for (owner, finding) in before where owner == nil {
            Issue.record("a finding of no scenario: \(finding["ruleId"]?.stringValue ?? "") on \(finding["resources"].map { JSONWriter.write($0) } ?? "")")
        }
        // Run each scenario's fixes, as printed.
        var notRun: [String: String] = [:]
        for scenario in scenarios {
            let planted = before.filter { $0.scenario == scenario.name && scenario.rules.contains($0.finding["ruleId"]?.stringValue ?? "") }
            #expect(Set(planted.compactMap { $0.finding["ruleId"]?.stringValue }) == Set(scenario.rules), "\(scenario.name): the deployment must produce its planted findings")
            let commands = planted.flatMap { ($0.finding["fix"]?["commands"]?.arrayValue ?? []).compactMap(\.stringValue) }
            if let refused = commands.lazy.compactMap(Self.refusal).first {
                notRun[scenario.name] = refused
                continue
            }
            let placeholders = commands.flatMap { command in
                command.matches(of: /<[^<>\s][^<>]*>/).map { String(command[$0.range]) }
            }
            if !placeholders.isEmpty {
                notRun[scenario.name] = "not runnable as printed: \(Set(placeholders).sorted().joined(separator: ", "))"
                continue
            }
            if commands.isEmpty {
                notRun[scenario.name] = "the fix prints no command"
                continue
            }
            let failures = try Self.run(commands, environment: environment, in: directory)
            if !failures.isEmpty { notRun[scenario.name] = failures.joined(separator: "; ") }
        }
        let after = try findings()

        var outcomes: [Outcome] = []
        for scenario in scenarios {
            let rulesBefore = Set(before.filter { $0.scenario == scenario.name }.compactMap { $0.finding["ruleId"]?.stringValue })
            let rulesAfter = Set(after.filter { $0.scenario == scenario.name }.compactMap { $0.finding["ruleId"]?.stringValue })
            var problems: [String] = []
            if let why = notRun[scenario.name] { problems.append(why) }
            let remaining = rulesAfter.intersection(scenario.rules)
            if !remaining.isEmpty { problems.append("still found: \(remaining.sorted().joined(separator: ", "))") }
            let new = rulesAfter.subtracting(rulesBefore)
            if !new.isEmpty { problems.append("new findings: \(new.sorted().joined(separator: ", "))") }
            outcomes.append(Outcome(scenario: scenario.name, passed: problems.isEmpty, why: problems.joined(separator: "; ")))
        }
        for (owner, finding) in after where owner == nil {
            Issue.record("after the fixes, a finding of no scenario: \(finding["ruleId"]?.stringValue ?? "")")
        }
        FileHandle.standardError.write(Data(("round trips against moto:\n" + outcomes.map {
            "  \($0.passed ? "pass" : "FAIL") \($0.scenario)" + ($0.why.isEmpty ? "" : ": \($0.why)")
        }.joined(separator: "\n") + "\n").utf8))
        for outcome in outcomes {
            if let known = Self.knownFailures[outcome.scenario] {
                withKnownIssue(Comment(rawValue: known)) {
                    #expect(outcome.passed, "\(outcome.scenario): \(outcome.why)")
                }
            } else {
                #expect(outcome.passed, "\(outcome.scenario): \(outcome.why)")
            }
        }
    }

    @Test func theHarnessRefusesCommandsThatLeaveTheEmulator() {
        #expect(Self.refusal("aws ec2 describe-vpcs --endpoint-url https://ec2.us-east-1.amazonaws.com") != nil)
        #expect(Self.refusal("aws iam get-role --role-name x --profile prod") != nil)
        #expect(Self.refusal("aws ec2 describe-vpcs --vpc-ids vpc-1") == nil)
    }
}
