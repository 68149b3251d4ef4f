import Foundation
import Testing
@testable import ECSTriage

/// The translator against the Terraform on this machine, not only the committed
/// fixtures: plan the field note's configuration afresh (no refresh, no state,
/// the AWS endpoint pointed at a closed loopback port so nothing can be called)
/// and find its defect before anything is deployed. Skipped, saying why, without
/// Terraform or the hashicorp/aws provider in a filesystem mirror.
struct PreflightTerraformTests {
    static let mirror = ProcessInfo.processInfo.environment["TF_PLUGIN_MIRROR"] ?? "/opt/tf-plugins"

    static let unavailableReason: String? = {
        guard ProcessRunner.executable("terraform") != nil else { return "terraform is not on PATH" }
        guard FileManager.default.fileExists(atPath: mirror + "/registry.terraform.io/hashicorp/aws") else {
            return "no hashicorp/aws provider in the filesystem mirror \(mirror) (set TF_PLUGIN_MIRROR)"
        }
        return nil
    }()

    static var shouldRun: Bool {
        if let reason = unavailableReason {
            FileHandle.standardError.write(Data("Terraform preflight test skipped: \(reason)\n".utf8))
            return false
        }
        return true
    }

    @Test(.enabled(if: shouldRun, "needs terraform and the hashicorp/aws provider in a filesystem mirror"), .timeLimit(.minutes(5)))
    func freshPlanOfTheFieldNoteReportsTheMissingWayOut() throws {
        let terraform = try #require(ProcessRunner.executable("terraform"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-triage-terraform-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: PreflightSupport.fixtures.appendingPathComponent("field-note-003/main.tf"),
                                         to: directory.appendingPathComponent("main.tf"))
        try Data("""
        provider "aws" {
          skip_credentials_validation = true
          skip_metadata_api_check     = true
          skip_region_validation      = true
          skip_requesting_account_id  = true
        }
        """.utf8).write(to: directory.appendingPathComponent("offline_override.tf"))
        let configuration = directory.appendingPathComponent("terraformrc")
        try Data("provider_installation {\n  filesystem_mirror {\n    path = \"\(Self.mirror)\"\n  }\n}\n".utf8).write(to: configuration)
        var environment = try MotoServer.environment(endpoint: "http://127.0.0.1:9")
        environment["TF_CLI_CONFIG_FILE"] = configuration.path
        environment["TF_IN_AUTOMATION"] = "1"
        environment["CHECKPOINT_DISABLE"] = "1"
        func run(_ arguments: [String]) throws -> ProcessRunner.Result {
            let result = try ProcessRunner.run(terraform, ["-chdir=\(directory.path)"] + arguments, environment: environment, timeout: 240)
            guard result.status == 0 else { throw HarnessError("terraform \(arguments[0]) failed: \(result.stderr.suffix(2000))") }
            return result
        }
        _ = try run(["init", "-input=false", "-no-color"])
        _ = try run(["plan", "-input=false", "-no-color", "-refresh=false", "-out", "plan.out"])
        let shown = try run(["show", "-json", "plan.out"])
        let translation = try PreflightTranslator.translate(try JSONParser.parse(Array(shown.stdout.utf8)))
        let report = try PreflightSupport.analyze(translation)
        // The container has no log configuration: latent, ranked after the missing way out.
        #expect(report.findings.map(\.ruleId) == ["public-ip-without-igw", "essential-container-without-logs"])
        #expect(report.findings.first?.resources.first?.id == "tf:aws_subnet.golang-ecs-app-subnet")
        #expect(translation.inferred.map(\.taskDefinition) == ["aws_ecs_task_definition.golang-ecs-app"])
    }
}
