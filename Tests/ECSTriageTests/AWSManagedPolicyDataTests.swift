import Foundation
import Testing
@testable import ECSTriage

/// The copies of the AWS managed policies compiled in
/// (`data/aws-managed-policies/*.json`, through the generated
/// `AWSManagedPolicyData.swift`, see GeneratedFilesTests).
struct AWSManagedPolicyDataTests {
    static let dataFolder = TestSupport.packageRoot.appendingPathComponent("data/aws-managed-policies")

    @Test func compiledCopiesEqualTheFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.dataFolder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(AWSManagedPolicyData.files.map(\.name) == files)
        for (name, json) in AWSManagedPolicyData.files {
            let file = try String(contentsOf: Self.dataFolder.appendingPathComponent(name), encoding: .utf8)
            let same = json == file
            #expect(same, "\(name): the compiled copy differs from the file (\(TestSupport.firstDifference(json, file)))")
        }
    }

    @Test func everyCopyDecodesWithItsVersionAndSource() {
        #expect(AWSManagedPolicies.all.count == AWSManagedPolicyData.files.count)
        for policy in AWSManagedPolicies.all {
            #expect(policy.arn.hasPrefix("arn:aws:iam::aws:policy/") && policy.arn.hasSuffix("/" + policy.name))
            #expect(policy.versionId.hasPrefix("v") && !policy.source.isEmpty && !policy.document.statements.isEmpty)
        }
        #expect(AWSManagedPolicies.policy("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")?.versionId == "v1")
        #expect(AWSManagedPolicies.policy("arn:aws-cn:iam::aws:policy/AdministratorAccess") != nil)
        #expect(AWSManagedPolicies.policy("arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy") == nil, "wrong path is another ARN")
    }
}

/// What the copies of the AWS managed policies answer for the calls ECS makes.
struct AWSManagedPolicyDecisionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var policy: String
        var action: String
        var resource: String
        var outcome: PolicyDecision.Outcome
        var testDescription: String { "\(policy): \(action)" }
    }

    static let repository = "arn:aws:ecr:us-east-1:111122223333:repository/web"
    static let cases: [Case] = [
        Case(policy: "service-role/AmazonECSTaskExecutionRolePolicy", action: "ecr:GetAuthorizationToken", resource: "*", outcome: .allowed),
        Case(policy: "service-role/AmazonECSTaskExecutionRolePolicy", action: "logs:CreateLogGroup", resource: "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:", outcome: .denied),
        Case(policy: "service-role/AmazonECSTaskExecutionRolePolicy", action: "secretsmanager:GetSecretValue", resource: "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf", outcome: .denied),
        Case(policy: "service-role/AmazonEC2ContainerServiceforEC2Role", action: "ecs:RegisterContainerInstance", resource: "arn:aws:ecs:us-east-1:111122223333:cluster/prod", outcome: .allowed),
        Case(policy: "AmazonEC2ContainerRegistryReadOnly", action: "ecr:BatchGetImage", resource: repository, outcome: .allowed),
        Case(policy: "AmazonEC2ContainerRegistryPowerUser", action: "ecr:GetDownloadUrlForLayer", resource: repository, outcome: .allowed),
        Case(policy: "AmazonEC2ContainerRegistryFullAccess", action: "ecr:BatchGetImage", resource: repository, outcome: .allowed),
        Case(policy: "CloudWatchLogsFullAccess", action: "logs:CreateLogGroup", resource: "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:", outcome: .allowed),
        Case(policy: "SecretsManagerReadWrite", action: "secretsmanager:GetSecretValue", resource: "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf", outcome: .allowed),
        Case(policy: "AmazonSSMReadOnlyAccess", action: "ssm:GetParameters", resource: "arn:aws:ssm:us-east-1:111122223333:parameter/prod/db", outcome: .allowed),
        Case(policy: "AmazonSSMManagedInstanceCore", action: "ssmmessages:OpenDataChannel", resource: "*", outcome: .allowed),
        Case(policy: "AmazonSSMManagedInstanceCore", action: "ecs:RegisterContainerInstance", resource: "arn:aws:ecs:us-east-1:111122223333:cluster/prod", outcome: .denied),
        Case(policy: "AmazonS3ReadOnlyAccess", action: "s3:GetObject", resource: "arn:aws:s3:::config/app.env", outcome: .allowed),
        Case(policy: "AmazonS3FullAccess", action: "s3:GetBucketLocation", resource: "arn:aws:s3:::config", outcome: .allowed),
        Case(policy: "AdministratorAccess", action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:111122223333:key/1234", outcome: .allowed),
        Case(policy: "PowerUserAccess", action: "ecr:BatchGetImage", resource: repository, outcome: .allowed),
        Case(policy: "PowerUserAccess", action: "iam:CreateRole", resource: "arn:aws:iam::111122223333:role/x", outcome: .denied),
        Case(policy: "ReadOnlyAccess", action: "ecr:BatchGetImage", resource: repository, outcome: .allowed),
    ]

    @Test(arguments: cases)
    func decides(_ testCase: Case) throws {
        let policy = try #require(AWSManagedPolicies.policy("arn:aws:iam::aws:policy/" + testCase.policy))
        let policies = RolePolicies(roleName: "r", identity: [NamedPolicy(name: policy.name, document: policy.document)])
        let decision = PolicyEvaluator.evaluate(policies, PermissionRequest(testCase.action, on: .exact(testCase.resource)))
        #expect(decision.outcome == testCase.outcome, "\(decision.explanation)")
    }
}
