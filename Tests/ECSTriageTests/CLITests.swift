import Foundation
import Testing
@testable import ECSTriage

/// Runs the built `ecs-triage` binary end to end: stdout, stderr, exit status.
struct CLITests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The watchdog stopped the process after `timeout` seconds.
        var timedOut = false
    }

    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ecs-triage")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return TestSupport.packageRoot.appendingPathComponent(".build/debug/ecs-triage")
    }()

    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try Self.run(arguments, input: stdin.map { Data($0.utf8) }, environment: environment)
    }

    /// Runs the binary from the package root. Standard input is `input`
    /// (written once it runs), else `standardInput` (a file handle or pipe),
    /// else empty; a watchdog stops it after `timeout` seconds.
    static func run(_ arguments: [String], input: Data? = nil, standardInput: Any? = nil,
                    environment: [String: String] = [:], timeout: TimeInterval = 120) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = TestSupport.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), inputPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input != nil ? inputPipe : (standardInput ?? FileHandle.nullDevice)
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(input)
            try inputPipe.fileHandleForWriting.close()
        }
        let timedOut = Flag()
        let watchdog = DispatchWorkItem { [process] in
            if process.isRunning {
                timedOut.raise()
                process.terminate()
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self), timedOut: timedOut.isRaised)
    }

    /// Set by the watchdog's thread, read by the test's.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var raised = false
        func raise() {
            lock.lock()
            defer { lock.unlock() }
            raised = true
        }

        var isRaised: Bool {
            lock.lock()
            defer { lock.unlock() }
            return raised
        }
    }

    @Test func stoppedReasonOnStandardInput() throws {
        let reason = #"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.ap-northeast-1.amazonaws.com/": dial tcp 99.77.62.61:443: i/o timeout"#
        let result = try run(["analyze", "--format", "json"], stdin: reason)
        #expect(result.status == 1)
        let report = try JSONParser.parse(Array(result.stdout.utf8))
        let first = report["findings"]?.arrayValue?.first
        #expect(first?["ruleId"] == .string("aws-service-unreachable"))
        let title = first?["title"]?.stringValue ?? ""
        #expect(title.contains("ECR API") && title.contains("ap-northeast-1"))
        let commands = first?["missingEvidence"]?.arrayValue?.compactMap { $0["command"]?.stringValue } ?? []
        #expect(commands.contains { $0.hasPrefix("aws ec2 describe-route-tables") })
        #expect(commands.contains { $0.hasPrefix("aws ec2 describe-vpc-endpoints") })
    }

    @Test func theSameMessageInsideASnapshotRanksTheCauseConfirmed() throws {
        let result = try run(["analyze", "--format", "json", "samples/private-subnet-no-nat-no-endpoints.json"])
        let report = try JSONParser.parse(Array(result.stdout.utf8))
        let findings = report["findings"]?.arrayValue ?? []
        #expect(findings.first?["ruleId"] == .string("missing-vpc-endpoint"))
        #expect(findings.first?["confidence"] == .string("confirmed"))
        #expect(!findings.contains { $0["ruleId"] == .string("aws-service-unreachable") })
    }

    @Test func healthySampleExitsZero() throws {
        let result = try run(["analyze", "samples/healthy-public-igw.json"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("No problems found."))
    }

    @Test func failOnThresholdAndIgnore() throws {
        #expect(try run(["analyze", "--fail-on", "critical", "samples/health-check-trailing-slash.json"]).status == 0)
        let ignored = try run(["analyze", "--format", "json", "--ignore", "health-check-path-mismatch,nat-gateway-unusable", "samples/health-check-trailing-slash.json"])
        #expect(!ignored.stdout.contains("\"ruleId\": \"health-check-path-mismatch\""))
        #expect(ignored.stdout.contains("--ignore nat-gateway-unusable: the rule matched nothing"))
    }

    @Test func usageErrorsExit64() throws {
        let result = try run(["analyze", "--format", "yaml", "x.json"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: the value 'yaml' is invalid for '--format'"))
        #expect(result.stderr.contains("Usage: ecs-triage analyze"))
        #expect(result.stderr.contains("See 'ecs-triage analyze --help'"))
        #expect(try run(["frobnicate"]).status == 64)
        #expect(try run(["analyze", "--ignore", "no-such-rule", "samples/healthy-public-igw.json"]).status == 64)
        #expect(try run(["explain"]).status == 64)
    }

    @Test func inputErrorsExit65WithThePlace() throws {
        let invalid = try run(["analyze", "-"], stdin: "{\"tasks\": [\n  {\"taskArn\": }\n]}")
        #expect(invalid.status == 65)
        #expect(invalid.stderr == "Error: stdin:2:15: invalid JSON: unexpected '}', expected a value\n")
        let missing = try run(["analyze", "no-such-file.json"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no-such-file.json"))
        let empty = try run(["analyze", "-"], stdin: "")
        #expect(empty.status == 65)
        let wrongShape = try run(["analyze", "-"], stdin: "{\"Buckets\": []}")
        #expect(wrongShape.status == 65)
        #expect(wrongShape.stderr.contains("not a document ecs-triage knows"))
    }

    @Test func rulesExplainHelpVersion() throws {
        let rules = try run(["rules"])
        #expect(rules.status == 0)
        for description in RuleRegistry.descriptions { #expect(rules.stdout.contains(description.id)) }
        let explain = try run(["explain", "missing-vpc-endpoint"])
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("# missing-vpc-endpoint"))
        for command in [["--help"], ["analyze", "--help"], ["rules", "--help"], ["explain", "--help"]] {
            let help = try run(command)
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE:"))
        }
        #expect(try run(["--version"]).stdout == "ecs-triage \(ToolInfo.version)\n")
    }

    @Test func markdownAndTextReports() throws {
        let markdown = try run(["analyze", "--format", "markdown", "samples/execution-role-trusts-ec2.json"])
        #expect(markdown.stdout.hasPrefix("## ecs-triage report"))
        #expect(markdown.stdout.contains("```sh"))
        let text = try run(["analyze", "samples/execution-role-trusts-ec2.json"], environment: ["NO_COLOR": "1"])
        #expect(!text.stdout.contains("\u{1B}["))
        #expect(text.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 || $0.contains("$ ") || !$0.contains(" ") || $0.hasPrefix("   Resources") || $0.contains("arn:") })
    }
}
