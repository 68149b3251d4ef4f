import Foundation
import Testing
@testable import ECSTriage

/// `Sources/ECSTriage/IAM/AWSManagedPolicyData.swift` is generated from
/// `data/aws-managed-policies/*.json`; this test regenerates it in memory
/// and fails when the checked-in file is stale. Regenerate with
/// `RECORD_MANAGED_POLICIES=1 swift test --filter AWSManagedPolicyDataTests`
/// (or `scripts/refresh-managed-policies`, which first re-copies the JSON).
struct AWSManagedPolicyDataTests {
    static let dataFolder = TestSupport.packageRoot.appendingPathComponent("data/aws-managed-policies")
    static let generatedFile = TestSupport.packageRoot.appendingPathComponent("Sources/ECSTriage/IAM/AWSManagedPolicyData.swift")

    static func generate() throws -> String {
        let files = try FileManager.default.contentsOfDirectory(atPath: dataFolder.path).filter { $0.hasSuffix(".json") }.sorted()
        var text = """
        // GENERATED from data/aws-managed-policies/*.json: do not edit. Regenerate with
        // `RECORD_MANAGED_POLICIES=1 swift test --filter AWSManagedPolicyDataTests`.

        enum AWSManagedPolicyData {
            static let files: [(name: String, json: String)] = [

        """
        for file in files {
            let json = try String(contentsOf: dataFolder.appendingPathComponent(file), encoding: .utf8)
            precondition(!json.contains("\"\"\"#"), "\(file) contains the raw-string delimiter")
            text += "        (\"\(file)\", #\"\"\"\n\(json.hasSuffix("\n") ? String(json.dropLast()) : json)\n\"\"\"#),\n"
        }
        text += "    ]\n}\n"
        return text
    }

    @Test func generatedFileIsFresh() throws {
        let expected = try Self.generate()
        if ProcessInfo.processInfo.environment["RECORD_MANAGED_POLICIES"] != nil {
            try expected.write(to: Self.generatedFile, atomically: true, encoding: .utf8)
            return
        }
        let actual = try String(contentsOf: Self.generatedFile, encoding: .utf8)
        #expect(actual == expected, "AWSManagedPolicyData.swift is stale: run `RECORD_MANAGED_POLICIES=1 swift test --filter AWSManagedPolicyDataTests`")
    }

    @Test func everyCopyDecodesWithItsVersionAndSource() {
        let required = ["AmazonECSTaskExecutionRolePolicy", "AmazonEC2ContainerServiceforEC2Role", "AmazonEC2ContainerRegistryReadOnly",
                        "AmazonEC2ContainerRegistryPowerUser", "AmazonEC2ContainerRegistryFullAccess", "CloudWatchLogsFullAccess",
                        "CloudWatchAgentServerPolicy", "SecretsManagerReadWrite", "AmazonSSMReadOnlyAccess", "AmazonSSMFullAccess",
                        "AmazonSSMManagedInstanceCore", "AmazonS3ReadOnlyAccess", "AmazonS3FullAccess", "AdministratorAccess",
                        "PowerUserAccess", "ReadOnlyAccess"]
        let names = Set(AWSManagedPolicies.all.map(\.name))
        for name in required { #expect(names.contains(name), "missing copy of \(name)") }
        for policy in AWSManagedPolicies.all {
            #expect(policy.arn.hasPrefix("arn:aws:iam::aws:policy/") && policy.arn.hasSuffix("/" + policy.name))
            #expect(policy.versionId.hasPrefix("v") && !policy.source.isEmpty && !policy.document.statements.isEmpty)
        }
        #expect(AWSManagedPolicies.policy("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")?.versionId == "v1")
        #expect(AWSManagedPolicies.policy("arn:aws-cn:iam::aws:policy/AdministratorAccess") != nil)
        #expect(AWSManagedPolicies.policy("arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy") == nil, "wrong path is another ARN")
    }
}
