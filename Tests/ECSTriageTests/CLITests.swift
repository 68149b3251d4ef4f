import Foundation
import Testing
@testable import ECSTriage

/// The built `ecs-triage` end to end: stdout, stderr, exit status.
struct CLITests {
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> ProcessRunner.Result {
        try CLI.run(arguments, stdin: stdin, environment: environment)
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
        #expect(try run(["explain", "missing-vpc-endpoint", "extra"]).status == 64)
    }

    /// A flag takes no value: `--redact=no` once turned redaction on.
    @Test func flagsRefuseValues() throws {
        for flag in ["--redact=no", "--no-redact=yes", "--redact-accounts=false"] {
            let result = try run(["analyze", flag, "samples/healthy-public-igw.json"])
            #expect(result.status == 64, "\(flag)")
            #expect(result.stderr.hasPrefix("Error: the flag '\(flag.split(separator: "=")[0])' takes no value"), "\(flag): \(result.stderr)")
        }
    }

    /// After `--` every argument is a file, even one that looks like an option.
    @Test func doubleDashEndsOptions() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("--format")
        try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("samples/healthy-public-igw.json")).write(to: file)
        let result = try CLI.run(["analyze", "--", "--format"], environment: [:], currentDirectory: directory.url)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("No problems found."))
        let help = try run(["analyze", "--", "-h"])
        #expect(help.status == 65 && help.stderr == "Error: -h: cannot read: no such file or directory\n")
    }

    /// Every help text, and `help <command>` equal to `<command> --help`.
    @Test(arguments: ["ecs-triage"] + ["analyze", "collect", "rules", "explain"])
    func helpIsGolden(_ command: String) throws {
        let invocations = command == "ecs-triage" ? [["--help"], ["-h"], ["help"]] : [[command, "--help"], [command, "-h"], ["help", command]]
        let first = try run(invocations[0])
        #expect(first.status == 0 && first.stderr.isEmpty)
        try Golden.check(first.stdout, "Tests/ECSTriageTests/Fixtures/help/\(command).txt")
        for invocation in invocations.dropFirst() {
            let other = try run(invocation)
            #expect(other.status == 0 && other.stdout == first.stdout, "ecs-triage \(invocation.joined(separator: " ")) differs from --help")
        }
        for line in first.stdout.split(separator: "\n") where !line.hasPrefix("USAGE:") {
            #expect(line.count <= 80, "\(command) help: a line over 80 columns: \(line)")
        }
    }

    /// What a usage error prints, for each kind of mistake.
    @Test(arguments: [
        ("unknown-command", ["frobnicate"]),
        ("missing-command", []),
        ("help-unknown-command", ["help", "frobnicate"]),
        ("unknown-option", ["analyze", "--colour"]),
        ("flag-with-value", ["analyze", "--redact=no"]),
        ("missing-value", ["analyze", "--format"]),
        ("invalid-value", ["analyze", "--fail-on", "severe"]),
        ("missing-required-option", ["collect"]),
        ("missing-argument", ["explain"]),
        ("unexpected-argument", ["rules", "extra"]),
    ])
    func usageErrorIsGolden(_ name: String, _ arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 64 && result.stdout.isEmpty)
        try Golden.check(result.stderr, "Tests/ECSTriageTests/Fixtures/usage-errors/\(name).txt")
    }

    @Test func rulesExplainVersion() throws {
        let rules = try run(["rules"])
        #expect(rules.status == 0)
        for description in RuleRegistry.descriptions { #expect(rules.stdout.contains(description.id)) }
        let explain = try run(["explain", "missing-vpc-endpoint"])
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("# missing-vpc-endpoint"))
        #expect(try run(["--version"]).stdout == "ecs-triage \(ToolInfo.version)\n")
    }

    /// docs/rules.md is what `ecs-triage rules --format markdown` prints.
    @Test func rulesReferenceIsFresh() throws {
        let printed = try run(["rules", "--format", "markdown"])
        #expect(printed.status == 0)
        let file = (try? String(contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)) ?? ""
        let same = printed.stdout == file
        #expect(same, "docs/rules.md is stale (\(TestSupport.firstDifference(file, printed.stdout))): run `swift run ecs-triage-generate`")
    }

    /// The README and every help text link only to files inside the repository.
    @Test func documentationNamesOnlyFilesInTheRepository() throws {
        var texts = [("README.md", try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8))]
        for command in ["analyze", "collect", "rules", "explain"] { texts.append(("\(command) --help", try run([command, "--help"]).stdout)) }
        let pathPattern = try NSRegularExpression(pattern: #"(?<![\w/.-])(?:\.\./[\w./-]+|(?:docs|samples|playbooks|scripts|data)/[\w.-]+(?:/[\w.-]+)*\.\w+)"#)
        for (name, text) in texts {
            for match in pathPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let path = String(text[Range(match.range, in: text)!])
                #expect(!path.hasPrefix("../") && FileManager.default.fileExists(atPath: TestSupport.packageRoot.appendingPathComponent(path).path),
                        "\(name) names \(path), which is not in the repository")
            }
        }
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
