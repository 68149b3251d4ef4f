import Foundation
import Testing
@testable import ECSTriage

/// The Terraform snippets of the reports (`fix.terraform`), checked against
/// the hashicorp/aws provider's schema with `terraform validate`
/// (scripts/check-terraform-snippets: one configuration, one init from the
/// local provider mirror). Without Terraform the script parses the HCL with
/// python-hcl2 and says so; without either the tests skip, saying why.
@Suite(.serialized)
struct TerraformSnippetTests {
    static let script = TestSupport.packageRoot.appendingPathComponent("scripts/check-terraform-snippets")

    struct Row {
        var sample: String
        var rule: String
        var kind: String
        var detail: String
    }

    /// The rows, the method used, or nil with why the check cannot run (exit 2).
    static func check(_ arguments: [String]) throws -> (rows: [Row], method: String)? {
        guard let python = ProcessRunner.executable("python3") else {
            FileHandle.standardError.write(Data("Terraform snippet check skipped: python3 not found\n".utf8))
            return nil
        }
        let result = try ProcessRunner.run(python, [script.path, "--json", "--ecs-triage", CLI.binary.path] + arguments,
                                        environment: ProcessInfo.processInfo.environment, timeout: 600)
        if result.status == 2 {
            FileHandle.standardError.write(Data("Terraform snippet check skipped: \(result.stderr)".utf8))
            return nil
        }
        guard result.status == 0 || result.status == 1 else { throw HarnessError("check-terraform-snippets exited \(result.status): \(result.stderr)") }
        let output = try JSONParser.parse(Array(result.stdout.utf8))
        let rows = (output["snippets"]?.arrayValue ?? []).map {
            Row(sample: $0["sample"]?.stringValue ?? "", rule: $0["rule"]?.stringValue ?? "", kind: $0["class"]?.stringValue ?? "", detail: $0["detail"]?.stringValue ?? "")
        }
        return (rows, output["summary"]?["method"]?.stringValue ?? "")
    }

    /// No snippet is invalid against the provider's schema. Partial blocks
    /// (a change to an existing resource, without its required arguments)
    /// and fragments are listed, not failed.
    @Test func everySnippetIsValidTerraform() throws {
        guard let (rows, method) = try Self.check([]) else { return }
        FileHandle.standardError.write(Data("Terraform snippets: \(rows.count) checked by \(method): \(Dictionary(grouping: rows, by: \.kind).mapValues(\.count).sorted { $0.key < $1.key })\n".utf8))
        #expect(!rows.isEmpty)
        let invalid = rows.filter { $0.kind == "invalid" }
        #expect(invalid.isEmpty, "\(invalid.map { "\($0.sample) [\($0.rule)]: \($0.detail)" }.joined(separator: "\n"))")
    }

    /// The control: the check tells a wrong argument, a missing one and a fragment apart.
    @Test func theCheckTellsValidPartialInvalidAndFragmentApart() throws {
        let snippets = [
            #"resource "aws_vpc_endpoint" "s3" {\#n  vpc_id            = "vpc-0a1"\#n  service_name      = "com.amazonaws.us-east-1.s3"\#n  vpc_endpoint_type = "Gateway"\#n  route_table_ids   = [aws_route_table.private.id]\#n}"#,
            #"resource "aws_vpc_endpoint" "ecr_api" {\#n  private_dns_enabled = true\#n}"#,
            #"resource "aws_lb_target_group" "web" {\#n  health_check {\#n    pathh = "/health"\#n  }\#n}"#,
            #"healthCheck = {\#n  command = ["CMD-SHELL", "true"]\#n}"#,
        ]
        let report: JSONValue = .object([("findings", .array(snippets.enumerated().map { index, snippet in
            .object([("ruleId", .string("example-\(index)")), ("fix", .object([("commands", .array([])), ("terraform", .string(snippet))]))])
        }))])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-triage-known-snippets-\(UUID().uuidString).json")
        try Data(JSONWriter.write(report).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        guard let (rows, method) = try Self.check(["--report", file.path]) else { return }
        if method.hasPrefix("python-hcl2") {
            #expect(rows.allSatisfy { $0.kind == "parsed" }, "\(rows.map(\.kind))")
            return
        }
        #expect(rows.map(\.kind) == ["valid", "partial", "invalid", "fragment"], "\(rows.map { "\($0.kind): \($0.detail)" })")
        #expect(rows.count == 4 && rows[2].detail.contains("pathh"))
    }
}
