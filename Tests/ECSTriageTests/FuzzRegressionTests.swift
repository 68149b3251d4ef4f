import Foundation
import Testing
@testable import ECSTriage

/// Inputs the fuzzer once crashed on (scripts/fuzz), each with the outcome
/// it must have now: a report (whose first finding is named), or a specific
/// input error. Every report also renders in every format.
struct FuzzRegressionTests {
    enum Outcome: Equatable, CustomStringConvertible {
        /// Analysed; the rule of the first finding, nil for none.
        case report(firstRule: String?)
        case rejected(InputError)

        var description: String {
            switch self {
            case let .report(rule): return "a report, first finding \(rule ?? "none")"
            case let .rejected(error): return "rejected: \(error.message)"
            }
        }
    }

    static let folder = TestSupport.packageRoot.appendingPathComponent("Tests/ECSTriageTests/Fixtures/fuzz-regressions")
    static let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()

    /// Add a minimised crasher's expected outcome here when copying it to the folder.
    static let expected: [String: Outcome] = [
        // Since invalid UTF-8 became an error, the loader stops at the bytes the fuzzer wrote into a key...
        "empty-cidr-in-security-group.json": .rejected(.syntax(file: "empty-cidr-in-security-group.json", line: 33, column: 56,
                                                               message: "invalid UTF-8 (byte 0xf9) in string; save the file as UTF-8")),
        // ...so the same input without them keeps the security group with an empty CIDR reaching the analysis.
        "empty-cidr-in-security-group-valid-utf8.json": .report(firstRule: "execution-role-trust"),
    ]

    static func outcome(name: String, bytes: [UInt8]) throws -> Outcome {
        do {
            let report = Analyzer.analyze(try SnapshotLoader.load([InputFile(name: name, bytes: bytes)]))
            #expect(!JSONReporter.renderBytes(report).isEmpty)
            #expect(!TextReporter.render(report).isEmpty)
            #expect(!MarkdownReporter.render(report).isEmpty)
            return .report(firstRule: report.findings.first?.ruleId)
        } catch let error as InputError {
            return .rejected(error)
        }
    }

    @Test func everyRegressionHasAnExpectedOutcome() {
        #expect(!Self.inputs.isEmpty, "no inputs in \(Self.folder.path)")
        #expect(Self.inputs == Self.expected.keys.sorted())
    }

    @Test(arguments: inputs)
    func replay(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let outcome = try Self.outcome(name: name, bytes: bytes)
        #expect(outcome == Self.expected[name], "\(name): \(outcome)")
    }

    /// Hostile shapes written out, each with its outcome.
    @Test(arguments: [
        ("100,000 open brackets", String(repeating: "[", count: 100_000),
         Outcome.rejected(.syntax(file: "hostile.json", line: 1, column: 513, message: "nesting deeper than 512 levels"))),
        ("50,001 empty tasks", "{\"tasks\": [" + String(repeating: "{}, ", count: 50_000) + "{}]}", .report(firstRule: nil)),
        ("a lone surrogate escape", "{\"Subnets\": [{\"SubnetId\": \"\\ud800\"}]}", .report(firstRule: nil)),
        ("empty, bare and out-of-range CIDRs",
         "{\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"IpPermissionsEgress\": [{\"IpProtocol\": \"tcp\", \"IpRanges\": [{\"CidrIp\": \"\"}, {\"CidrIp\": \"/\"}, {\"CidrIp\": \"1.2.3.4/99\"}]}]}]}",
         .report(firstRule: nil)),
        ("1,000 NUL bytes", String(repeating: "\u{0}", count: 1000), .rejected(.binary(file: "hostile.json", line: 1, column: 1))),
    ])
    func hostileInputHasItsOutcome(_ name: String, _ input: String, _ expected: Outcome) throws {
        let outcome = try Self.outcome(name: "hostile.json", bytes: Array(input.utf8))
        #expect(outcome == expected, "\(name): \(outcome)")
    }
}
