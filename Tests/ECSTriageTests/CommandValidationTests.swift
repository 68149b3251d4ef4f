import Foundation
import Testing
@testable import ECSTriage

/// The `aws` commands the reports print, run through the real aws CLI's
/// parsing and parameter validation against a closed loopback port
/// (scripts/check-fix-commands; nothing is sent anywhere).
@Suite(.serialized)
struct CommandValidationTests {
    static let script = TestSupport.packageRoot.appendingPathComponent("scripts/check-fix-commands")

    /// Why the check cannot run here, or nil: it needs the aws CLI v1 as a Python package.
    static let unavailableReason: String? = {
        guard let python = ProcessRunner.executable("python3") else { return "python3 not found" }
        let probe = try? ProcessRunner.run(python, ["-c", "import awscli, jmespath"], environment: ProcessInfo.processInfo.environment, timeout: 60)
        return probe?.status == 0 ? nil : "the aws CLI is not importable from python3: python3 -m pip install awscli"
    }()

    static var shouldRun: Bool {
        if let reason = unavailableReason {
            FileHandle.standardError.write(Data("aws command validation \(MotoServer.required ? "cannot run" : "skipped"): \(reason)\n".utf8))
            return MotoServer.required
        }
        return true
    }

    struct Row: Equatable {
        var sample: String
        var rule: String
        var command: String
        var kind: String
        var detail: String
    }

    static func check(_ arguments: [String]) throws -> (rows: [Row], summary: JSONValue) {
        guard let python = ProcessRunner.executable("python3") else { throw HarnessError("python3 not found") }
        let result = try ProcessRunner.run(python, [script.path, "--json", "--ecs-triage", CLI.binary.path] + arguments,
                                        environment: ProcessInfo.processInfo.environment, timeout: 600)
        guard result.status == 0 || result.status == 1 else { throw HarnessError("check-fix-commands exited \(result.status): \(result.stderr)") }
        let output = try JSONParser.parse(Array(result.stdout.utf8))
        let rows = (output["commands"]?.arrayValue ?? []).map { row in
            Row(sample: row["sample"]?.stringValue ?? "", rule: row["rule"]?.stringValue ?? "", command: row["command"]?.stringValue ?? "",
                kind: row["class"]?.stringValue ?? "", detail: row["detail"]?.stringValue ?? "")
        }
        return (rows, output["summary"] ?? .null)
    }

    /// The harness itself, on a report of known commands: each lands in its class.
    @Test(.enabled(if: shouldRun, "needs python3 with the awscli package"))
    func theHarnessClassifiesEachKindOfCommand() throws {
        if let reason = Self.unavailableReason { Issue.record("ECS_TRIAGE_REQUIRE_MOTO=1 but \(reason)"); return }
        let fix: [String] = [
            "aws ec2 describe-subnets --subnet-ids subnet-0a1",
            "aws elbv2 modify-target-group --target-group-arn arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/tg/0123456789abcdef --matcher HttpCode=200,302",
            "aws ec2 describe-subnets --no-such-option",
            "aws ecs update-service --cluster <cluster> --service web --force-new-deployment",
            "sg=$(aws ec2 create-security-group --group-name endpoints --description endpoints --vpc-id vpc-0a1 --query GroupId --output text)",
            #"aws ec2 authorize-security-group-ingress --group-id "$sg" --protocol tcp --port 443 --cidr 10.0.0.0/16"#,
            "aws ecr get-login-password | docker login --username AWS --password-stdin 111122223333.dkr.ecr.us-east-1.amazonaws.com",
            "aws logs tail /ecs/web --since 1h",
            "aws logs filter-log-events --log-group-name /ecs/web",
            "aws ecs describe-task-definition --task-definition web:3 --query taskDefinition > web.json",
            "jq 'del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy)' web.json > web-new.json",
            "aws ecs register-task-definition --cli-input-json file://web-new.json",
            "aws ecs register-task-definition --cli-input-json file://web.json",
            "aws ecs register-task-definition --cli-input-json file://written-by-nobody.json",
        ]
        let report: JSONValue = .object([
            ("findings", .array([.object([
                ("ruleId", .string("example")),
                ("fix", .object([("commands", .array(fix.map(JSONValue.string)))])),
                ("missingEvidence", .array([.object([("why", .string("alone")), ("command", .string(#"aws ec2 describe-security-groups --group-ids "$sg""#))])])),
            ])])),
        ])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-triage-known-commands-\(UUID().uuidString).json")
        try Data(JSONWriter.write(report).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let rows = try Self.check(["--report", file.path]).rows
        let kinds = rows.map(\.kind)
        let jq = ProcessRunner.executable("jq") != nil
        #expect(kinds == ["pass", "validation-error", "usage-error", "placeholder", "pass", "pass", "shell", "v2-only", "pass", "pass",
                          jq ? "pass" : "shell", "validation-error", "shell", "shell"], "\(rows.map { "\($0.kind): \($0.command)\n  \($0.detail)" }.joined(separator: "\n"))")
        guard rows.count == 14 else { return }
        #expect(rows[1].detail.contains("Matcher.HttpCode"))
        #expect(rows[3].detail.contains("<cluster>") && rows[3].detail.contains("the rest passes"))
        #expect(rows[6].detail.contains("docker"))
        #expect(rows[7].detail.contains("v1 alternative in the same fix: yes"))
        #expect(rows[11].detail.contains(#"Unknown parameter in input: "taskDefinitionArn""#), "what describe-task-definition writes is refused as is")
        #expect(rows[12].detail.contains("which no earlier command writes"))
        #expect(rows[13].detail.contains("$sg"), "a value from another command cannot be used alone")
    }

    /// Issue 12's bar for every sample's report: none of the printed
    /// commands is rejected by the aws CLI, and of those printed for snapshot
    /// samples (where the input can hold every value) at least 90 % pass as
    /// printed (measured 2026-12-03: 121 of 133; the rest hold a value only
    /// the user has: a secret's value, which subnet to add, an Auto Scaling
    /// group the snapshot does not name). Pasted-text samples are counted but
    /// not held to the ratio: a message that names no cluster leaves
    /// `<cluster>` in every command (21 of 61 pass). Issue 12 asks for 95 %
    /// over all samples; this test is the floor, not the goal.
    /// `scripts/check-fix-commands` prints the same classification for a human.
    @Test(.enabled(if: shouldRun, "needs python3 with the awscli package"))
    func printedCommandsPassTheAWSCLI() throws {
        let (rows, summary) = try Self.check([])
        let exceptions = rows.filter { $0.kind != "pass" }
        let listing = exceptions.map { "\($0.kind) [\($0.rule)] \($0.sample): \($0.command)\n    \($0.detail)" }.joined(separator: "\n")
        FileHandle.standardError.write(Data("\(JSONWriter.write(summary))\(listing)\n".utf8))
        let snapshotRows = rows.filter { $0.sample.hasSuffix(".json") }
        let passed = snapshotRows.filter { $0.kind == "pass" }.count
        #expect(!snapshotRows.isEmpty)
        #expect(Double(passed) >= 0.90 * Double(snapshotRows.count), "\(passed) of \(snapshotRows.count) commands pass:\n\(listing)")
        #expect(!rows.contains { ["usage-error", "validation-error"].contains($0.kind) }, "rejected by the aws CLI:\n\(listing)")
        #expect(!rows.contains { $0.kind == "v2-only" && $0.detail.hasSuffix("no") }, "aws logs tail without a v1 alternative:\n\(listing)")
    }
}
