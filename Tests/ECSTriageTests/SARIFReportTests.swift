import Foundation
import Testing
@testable import ECSTriage

/// `--format sarif`: every sample's log validates against the SARIF 2.1.0
/// schema (committed in Fixtures/sarif, checked by scripts/validate-sarif
/// with Python's `jsonschema`), and carries one result per finding.
struct SARIFReportTests {
    static let validator = TestSupport.packageRoot.appendingPathComponent("scripts/validate-sarif")

    /// Why the schema check cannot run here, or nil.
    static let validatorUnavailableReason: String? = {
        guard let python = ProcessRunner.executable("python3") else { return "python3 not found" }
        let probe = try? ProcessRunner.run(python, ["-c", "import jsonschema"], environment: ProcessInfo.processInfo.environment, timeout: 60)
        return probe?.status == 0 ? nil : "the jsonschema package is missing: python3 -m pip install jsonschema"
    }()

    /// CI installs jsonschema (.ci/run): there a missing validator fails instead of skipping.
    static var shouldValidate: Bool {
        if let reason = validatorUnavailableReason {
            FileHandle.standardError.write(Data("SARIF schema validation \(MotoServer.required ? "cannot run" : "skipped"): \(reason)\n".utf8))
            return MotoServer.required
        }
        return true
    }

    static func sarif(_ sample: String) throws -> String {
        SARIFReporter.render(try SampleReportTests.report(sample), inputs: ["samples/" + sample])
    }

    static func validate(_ logs: [String: String]) throws -> ProcessRunner.Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-triage-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (name, log) in logs.sorted(by: { $0.key < $1.key }) {
            let file = directory.appendingPathComponent(name + ".sarif")
            try Data(log.utf8).write(to: file)
            paths.append(file.path)
        }
        guard let python = ProcessRunner.executable("python3") else { throw HarnessError("python3 not found") }
        return try ProcessRunner.run(python, [validator.path] + paths, environment: ProcessInfo.processInfo.environment, timeout: 300)
    }

    @Test(.enabled(if: shouldValidate, "needs python3 with jsonschema"))
    func everySampleValidatesAgainstTheSchema() throws {
        if let reason = Self.validatorUnavailableReason { Issue.record("ECS_TRIAGE_REQUIRE_MOTO=1 but \(reason)"); return }
        var logs: [String: String] = [:]
        for sample in SampleReportTests.samples { logs[sample] = try Self.sarif(sample) }
        // Several inputs, and the hostile text fixture.
        let several = Analyzer.analyze(try SnapshotLoader.load(["private-subnet-no-nat-no-endpoints.json", "healthy-public-igw.json"].map {
            InputFile(name: "samples/" + $0, bytes: try [UInt8](Data(contentsOf: SampleReportTests.samplesFolder.appendingPathComponent($0))))
        }))
        logs["several-inputs"] = SARIFReporter.render(several, inputs: ["samples/private-subnet-no-nat-no-endpoints.json", "samples/healthy-public-igw.json"])
        logs["inert-text"] = SARIFReporter.render(try ReportRenderingTests.inertReport(), inputs: ["snapshot.json"])
        let result = try Self.validate(logs)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// The control: the validator rejects a log the schema forbids.
    @Test(.enabled(if: shouldValidate, "needs python3 with jsonschema"))
    func theValidatorRejectsAnInvalidLog() throws {
        if let reason = Self.validatorUnavailableReason { Issue.record("ECS_TRIAGE_REQUIRE_MOTO=1 but \(reason)"); return }
        let invalid = try Self.sarif("private-subnet-no-nat-no-endpoints.json").replacingOccurrences(of: "\"level\": \"error\"", with: "\"level\": \"fatal\"")
        let result = try Self.validate(["invalid": invalid])
        #expect(result.status == 1 && result.stdout.contains("fatal"), "\(result.stdout)\(result.stderr)")
    }

    @Test func oneResultPerFindingWithTheRuleMetadata() throws {
        let report = try SampleReportTests.report("private-subnet-no-nat-no-endpoints.json")
        let log = try JSONParser.parse(Array(try Self.sarif("private-subnet-no-nat-no-endpoints.json").utf8))
        #expect(log["version"] == .string("2.1.0") && log["$schema"] == .string(SARIFReporter.schemaURI))
        let run = try #require(log["runs"]?.arrayValue?.first)
        let rules = run["tool"]?["driver"]?["rules"]?.arrayValue ?? []
        #expect(rules.count == RuleRegistry.all.count)
        let results = run["results"]?.arrayValue ?? []
        #expect(results.count == report.findings.count)
        for (result, finding) in zip(results, report.findings) {
            #expect(result["ruleId"] == .string(finding.ruleId))
            guard case let .number(position)? = result["ruleIndex"] else {
                Issue.record("no ruleIndex")
                continue
            }
            let index = Int(position)
            #expect(rules[index]["id"] == .string(finding.ruleId))
            #expect(rules[index]["helpUri"] == .string("playbooks/\(finding.ruleId).md"))
            #expect(rules[index]["help"]?["markdown"]?.stringValue?.hasPrefix("# \(finding.ruleId)") == true)
            #expect(rules[index]["fullDescription"]?["text"]?.stringValue?.isEmpty == false)
            #expect(result["message"]?["text"]?.stringValue?.hasPrefix(finding.title) == true)
        }
        let top = results[0]
        #expect(top["level"] == .string("error"))
        let location = top["locations"]?.arrayValue?.first
        #expect(location?["physicalLocation"]?["artifactLocation"]?["uri"] == .string("samples/private-subnet-no-nat-no-endpoints.json"))
        #expect(location?["properties"]?["jsonPointer"] == .string("/tasks/0/stoppedReason"))
    }

    @Test func levelsFollowSeverity() {
        #expect([Severity.critical, .high, .medium, .low, .info].map(SARIFReporter.level) == ["error", "error", "warning", "note", "note"])
    }

    @Test func locationsNameTheInputThePointerAndTheLine() {
        func finding(_ field: String) -> Finding {
            Finding(ruleId: "x", category: .network, kind: .cause, title: "t", severity: .high, confidence: .likely, explains: [],
                    resources: [], evidence: [Evidence(field, "e")], fix: Fix(summary: "s"), missingEvidence: [])
        }
        #expect(SARIFReporter.snapshotLocation(of: finding("/tasks/0/stoppedReason"), inputs: ["a.json"])
            == FindingLocation(file: "a.json", pointer: "/tasks/0/stoppedReason"))
        #expect(SARIFReporter.snapshotLocation(of: finding("b.json#/Subnets/1"), inputs: ["a.json", "b.json"])
            == FindingLocation(file: "b.json", pointer: "/Subnets/1"))
        #expect(SARIFReporter.snapshotLocation(of: finding("events.jsonl:3#/detail/stoppedReason"), inputs: ["events.jsonl", "b.json"])
            == FindingLocation(file: "events.jsonl", pointer: "/detail/stoppedReason", line: 3))
        #expect(SARIFReporter.snapshotLocation(of: finding("line 4"), inputs: ["-"]) == FindingLocation(file: "stdin", line: 4))
        #expect(SARIFReporter.uri("/tmp/my snapshot.json") == "file:///tmp/my%20snapshot.json")
        #expect(SARIFReporter.uri("samples/a.json") == "samples/a.json")
    }

    @Test func theCLIWritesSARIF() throws {
        let result = try CLITests().run(["analyze", "--format", "sarif", "samples/healthy-public-igw.json"])
        #expect(result.status == 0)
        let log = try JSONParser.parse(Array(result.stdout.utf8))
        #expect(log["runs"]?.arrayValue?.first?["results"] == .array([]))
    }
}
