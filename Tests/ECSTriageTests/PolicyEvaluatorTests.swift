import Foundation
import Testing
@testable import ECSTriage

/// The IAM evaluator, one semantic per row: the policies, the request, the
/// outcome and a phrase the explanation must contain.
struct PolicyEvaluatorTests {
    static func document(_ json: String, at pointer: String = "/doc") -> PolicyDocument {
        let value = try! JSONParser.parse(Array(json.utf8))
        return try! PolicyDocument(JSONNode(value: value, pointer: pointer, origin: DocumentOrigin(prefix: "")))
    }

    static func allow(_ action: String, _ resource: String, condition: String? = nil, sid: String = "S") -> String {
        #"{"Sid": "\#(sid)", "Effect": "Allow", "Action": \#(action), "Resource": \#(resource)\#(condition.map { ", \"Condition\": \($0)" } ?? "")}"#
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var statements: [String]
        var boundary: String? = nil
        var request: PermissionRequest
        var outcome: PolicyDecision.Outcome
        var explanationContains: String
        var testDescription: String { name }
    }

    static let secret = "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf"
    static let repository = "arn:aws:ecr:us-east-1:111122223333:repository/web"
    static let viaSecretsManager = ConditionContext(["kms:ViaService": .exact("secretsmanager.us-east-1.amazonaws.com")])
    static let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    static let cases: [Case] = [
        Case(name: "exact action and resource", statements: [allow(#""secretsmanager:GetSecretValue""#, "\"\(secret)\"")],
             request: .init("secretsmanager:GetSecretValue", on: .exact(secret)), outcome: .allowed, explanationContains: #"statement "S" allows"#),
        Case(name: "actions compare case-insensitively", statements: [allow(#""SecretsManager:getsecretvalue""#, #""*""#)],
             request: .init("secretsmanager:GetSecretValue", on: .exact(secret)), outcome: .allowed, explanationContains: "allows"),
        Case(name: "action wildcard", statements: [allow(#"["ecr:Get*", "ecr:Batch*"]"#, #""*""#)],
             request: .init("ecr:BatchGetImage", on: .exact(repository)), outcome: .allowed, explanationContains: "allows"),
        Case(name: "ARNs compare case-sensitively", statements: [allow(#""secretsmanager:GetSecretValue""#, #""arn:aws:secretsmanager:us-east-1:111122223333:secret:App/*""#)],
             request: .init("secretsmanager:GetSecretValue", on: .exact(secret)), outcome: .denied, explanationContains: "no statement"),
        Case(name: "wildcard resource", statements: [allow(#""secretsmanager:GetSecretValue""#, #""arn:aws:secretsmanager:us-east-1:111122223333:secret:app/*""#)],
             request: .init("secretsmanager:GetSecretValue", on: .exact(secret)), outcome: .allowed, explanationContains: "allows"),
        Case(name: "question-mark wildcard", statements: [allow(#""secretsmanager:GetSecretValue""#, #""arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-??????""#)],
             request: .init("secretsmanager:GetSecretValue", on: .exact(secret)), outcome: .allowed, explanationContains: "allows"),
        Case(name: "resource in another region", statements: [allow(#""secretsmanager:GetSecretValue""#, #""arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/*""#)],
             request: .init("secretsmanager:GetSecretValue", on: .exact(secret)), outcome: .denied, explanationContains: "is not allowed"),
        Case(name: "no statement allows", statements: [allow(#""logs:PutLogEvents""#, #""*""#)],
             request: .init("ecr:GetAuthorizationToken", on: .exact("*")), outcome: .denied, explanationContains: "no statement allows it in the role's policies (policy)"),
        Case(name: "token call needs Resource *", statements: [allow(#""ecr:GetAuthorizationToken""#, "\"\(repository)\"")],
             request: .init("ecr:GetAuthorizationToken", on: .exact("*")), outcome: .denied, explanationContains: "no statement"),
        Case(name: "explicit Deny wins over Allow", statements: [allow(#""*""#, #""*""#), #"{"Sid": "NoSecrets", "Effect": "Deny", "Action": "secretsmanager:*", "Resource": "*"}"#],
             request: .init("secretsmanager:GetSecretValue", on: .exact(secret)), outcome: .denied, explanationContains: #"statement "NoSecrets" explicitly denies"#),
        Case(name: "NotAction with Deny denies everything else", statements: [allow(#""*""#, #""*""#), #"{"Sid": "OnlyLogs", "Effect": "Deny", "NotAction": ["logs:*"], "Resource": "*"}"#],
             request: .init("ecr:BatchGetImage", on: .exact(repository)), outcome: .denied, explanationContains: #""OnlyLogs" explicitly denies"#),
        Case(name: "NotAction with Deny spares what it names", statements: [allow(#""*""#, #""*""#), #"{"Sid": "OnlyLogs", "Effect": "Deny", "NotAction": ["logs:*"], "Resource": "*"}"#],
             request: .init("logs:PutLogEvents", on: .exact("arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:x")), outcome: .allowed, explanationContains: "allows"),
        Case(name: "NotResource Allow", statements: [#"{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret-bucket/*"}"#],
             request: .init("s3:GetObject", on: .exact("arn:aws:s3:::config/app.env")), outcome: .allowed, explanationContains: "statement 1 allows"),
        Case(name: "NotResource excludes", statements: [#"{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::config/*"}"#],
             request: .init("s3:GetObject", on: .exact("arn:aws:s3:::config/app.env")), outcome: .denied, explanationContains: "no statement"),
        Case(name: "Deny with NotResource fences everything else off",
             statements: [allow(#""secretsmanager:GetSecretValue""#, #""*""#), #"{"Sid": "OnlyApp", "Effect": "Deny", "Action": "secretsmanager:*", "NotResource": "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/*"}"#],
             request: .init("secretsmanager:GetSecretValue", on: .exact("arn:aws:secretsmanager:us-east-1:111122223333:secret:billing/key-Zx81Qa")), outcome: .denied, explanationContains: #""OnlyApp" explicitly denies"#),
        Case(name: "Deny with NotResource spares what it names",
             statements: [allow(#""secretsmanager:GetSecretValue""#, #""*""#), #"{"Sid": "OnlyApp", "Effect": "Deny", "Action": "secretsmanager:*", "NotResource": "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/*"}"#],
             request: .init("secretsmanager:GetSecretValue", on: .exact(secret)), outcome: .allowed, explanationContains: "allows"),
        Case(name: "explicit Deny in the boundary", statements: [allow(#""*""#, #""*""#)],
             boundary: #"[{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "NoKms", "Effect": "Deny", "Action": "kms:*", "Resource": "*"}]"#,
             request: .init("kms:Decrypt", on: .exact(key), context: viaSecretsManager), outcome: .denied, explanationContains: #"boundary statement "NoKms" explicitly denies"#),
        Case(name: "statement without Action or Resource never applies", statements: [#"{"Effect": "Allow", "Action": "s3:GetObject"}"#],
             request: .init("s3:GetObject", on: .exact("arn:aws:s3:::config/app.env")), outcome: .denied, explanationContains: "no statement"),
        Case(name: "boundary intersects: identity allows, boundary does not", statements: [allow(#""s3:*""#, #""*""#)],
             boundary: allow(#""logs:*""#, #""*""#), request: .init("s3:GetObject", on: .exact("arn:aws:s3:::config/app.env")),
             outcome: .denied, explanationContains: "permissions boundary boundary does not allow"),
        Case(name: "boundary intersects: both allow", statements: [allow(#""s3:GetObject""#, #""*""#)],
             boundary: allow(#""s3:*""#, #""*""#), request: .init("s3:GetObject", on: .exact("arn:aws:s3:::config/app.env")),
             outcome: .allowed, explanationContains: "boundary's"),
        Case(name: "boundary alone grants nothing", statements: [allow(#""logs:*""#, #""*""#)],
             boundary: allow(#""s3:*""#, #""*""#), request: .init("s3:GetObject", on: .exact("arn:aws:s3:::config/app.env")),
             outcome: .denied, explanationContains: "no statement"),
        Case(name: "condition on a key the snapshot does not decide", statements: [allow(#""s3:GetObject""#, #""*""#, condition: #"{"Bool": {"aws:SecureTransport": "true"}}"#)],
             request: .init("s3:GetObject", on: .exact("arn:aws:s3:::config/app.env")), outcome: .undetermined, explanationContains: "aws:SecureTransport"),
        Case(name: "Deny under an undecided condition makes an Allow undetermined",
             statements: [allow(#""s3:GetObject""#, #""*""#), #"{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}"#],
             request: .init("s3:GetObject", on: .exact("arn:aws:s3:::config/app.env")), outcome: .undetermined, explanationContains: "might deny"),
        Case(name: "kms:ViaService decided by the region", statements: [allow(#""kms:Decrypt""#, #""*""#, condition: #"{"StringEquals": {"kms:ViaService": "secretsmanager.us-east-1.amazonaws.com"}}"#)],
             request: .init("kms:Decrypt", on: .exact(key), context: viaSecretsManager), outcome: .allowed, explanationContains: "allows"),
        Case(name: "kms:ViaService of another region", statements: [allow(#""kms:Decrypt""#, #""*""#, condition: #"{"StringEquals": {"kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com"}}"#)],
             request: .init("kms:Decrypt", on: .exact(key), context: viaSecretsManager), outcome: .denied, explanationContains: "no statement"),
        Case(name: "policy variable in a resource", statements: [allow(#""s3:GetObject""#, #""arn:aws:s3:::home/${aws:username}/*""#)],
             request: .init("s3:GetObject", on: .exact("arn:aws:s3:::home/app/x.env")), outcome: .undetermined, explanationContains: "policy variable"),
        Case(name: "resource known up to a prefix, pattern covers all of it",
             statements: [allow(#""logs:CreateLogStream""#, #""arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:*""#)],
             request: .init("logs:CreateLogStream", on: .prefix("arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:web/web/")),
             outcome: .allowed, explanationContains: "allows"),
        Case(name: "bare log group ARN does not cover its streams",
             statements: [allow(#""logs:CreateLogStream""#, #""arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web""#)],
             request: .init("logs:CreateLogStream", on: .prefix("arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:web/web/")),
             outcome: .denied, explanationContains: "no statement"),
        Case(name: "resource known up to a prefix, pattern names one completion",
             statements: [allow(#""logs:CreateLogStream""#, #""arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:web/web/0f3c""#)],
             request: .init("logs:CreateLogStream", on: .prefix("arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:web/web/")),
             outcome: .undetermined, explanationContains: "only as"),
    ]

    @Test(arguments: cases)
    func evaluates(_ testCase: Case) {
        let statements = "[" + testCase.statements.joined(separator: ", ") + "]"
        let policies = RolePolicies(
            roleName: "r", identity: [NamedPolicy(name: "policy", document: Self.document(#"{"Version": "2012-10-17", "Statement": \#(statements)}"#))],
            boundary: testCase.boundary.map { NamedPolicy(name: "boundary", document: Self.document(#"{"Statement": \#($0)}"#)) })
        let decision = PolicyEvaluator.evaluate(policies, testCase.request)
        #expect(decision.outcome == testCase.outcome, "\(decision.explanation)")
        #expect(decision.explanation.contains(testCase.explanationContains), "\(decision.explanation)")
    }

    @Test func missingDocumentIsUndeterminedNeverDenied() {
        let request = PermissionRequest("ecr:BatchGetImage", on: .exact(Self.repository))
        let unknown = RolePolicies(roleName: "r", identity: [NamedPolicy(name: "AWS managed policy AmazonECS_FullAccess", document: nil)])
        #expect(PolicyEvaluator.evaluate(unknown, request).outcome == .undetermined)
        let withAllow = RolePolicies(roleName: "r", identity: [NamedPolicy(name: "p", document: Self.document(#"{"Statement": \#(Self.allow(#""ecr:*""#, #""*""#))}"#)),
                                                               NamedPolicy(name: "customer managed policy x", document: nil)])
        let decision = PolicyEvaluator.evaluate(withAllow, request)
        #expect(decision.outcome == .undetermined && decision.explanation.contains("could deny"))
        let boundaryMissing = RolePolicies(roleName: "r", identity: withAllow.identity.prefix(1).map { $0 }, boundary: NamedPolicy(name: "b", document: nil))
        #expect(PolicyEvaluator.evaluate(boundaryMissing, request).outcome == .undetermined)
    }

    @Test func roleWithoutPoliciesIsDenied() {
        let decision = PolicyEvaluator.evaluate(RolePolicies(roleName: "r", identity: []), PermissionRequest("ecr:BatchGetImage", on: .exact(Self.repository)))
        #expect(decision.outcome == .denied && decision.explanation.contains("role r has no policies"))
    }

    @Test func prefixMatching() {
        #expect(Wildcard.matchesPrefix("arn:aws:logs:*", "arn:aws:logs:us-east-1:") == .all)
        #expect(Wildcard.matchesPrefix("arn:aws:logs:*:*:log-group:/ecs/web:*", "arn:aws:logs:us-east-1:1:log-group:/ecs/web:log-stream:") == .all)
        #expect(Wildcard.matchesPrefix("arn:aws:logs:*:*:log-group:/ecs/api:*", "arn:aws:logs:us-east-1:1:log-group:/ecs/web:log-stream:") == .none)
        #expect(Wildcard.matchesPrefix("arn:aws:kms:us-east-1:1:key/abc", "arn:aws:kms:us-east-1:1:key/") == .some)
        #expect(Wildcard.matchesPrefix("arn:aws:kms:us-east-1:1:key/", "arn:aws:kms:us-east-1:1:key/") == .none)
        #expect(Wildcard.matchesPrefix("*", "") == .all)
        #expect(Wildcard.matchesPrefix("arn:aws:kms:us-east-1:1:key/abc/def", "arn:aws:kms:us-east-1:1:key/") == .none)
        #expect(Wildcard.matchesPrefix("ARN:aws:kms:us-east-1:1:key/abc", "arn:aws:kms:us-east-1:1:key/", caseInsensitive: true) == .some)
        #expect(Wildcard.matchesPrefix("arn:aws:kms:us-east-1:2:key/abc", "arn:aws:kms:us-east-1:1:key/") == .none)
    }

    /// Literal patterns and `*` take a fast path; it must agree with the matcher.
    @Test func literalAndStarPatterns() {
        #expect(Wildcard.matches("*", ""))
        #expect(Wildcard.matches("ecr:GetAuthorizationToken", "ECR:getauthorizationtoken", caseInsensitive: true))
        #expect(!Wildcard.matches("ecr:GetAuthorizationToken", "ECR:getauthorizationtoken"))
        #expect(!Wildcard.matches("ecr:GetAuthorizationToken", "ecr:GetAuthorizationTokens"))
        #expect(Wildcard.matches("ecr:Get*", "ecr:GetAuthorizationToken"))
        #expect(Wildcard.matches("arn:aws:s3:::bucket/a?c", "arn:aws:s3:::bucket/abc"))
        #expect(!Wildcard.matches("arn:aws:s3:::bucket/abc", "arn:aws:s3:::bucket/ab"))
    }

    @Test func resourceARNsFromTaskDefinitionReferences() {
        let image = ResourceARNs.ecrImage("999988887777.dkr.ecr.eu-west-1.amazonaws.com/team/api@sha256:abc")
        #expect(image?.repositoryArn == "arn:aws:ecr:eu-west-1:999988887777:repository/team/api")
        #expect(ResourceARNs.ecrImage("111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2")?.repository == "web")
        #expect(ResourceARNs.ecrImage("111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/web")?.repositoryArn == "arn:aws-cn:ecr:cn-north-1:111122223333:repository/web")
        #expect(ResourceARNs.ecrImage("public.ecr.aws/nginx/nginx:latest") == nil)
        #expect(ResourceARNs.ecrImage("nginx:latest") == nil)
        #expect(ResourceARNs.secretArn("arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf:password:AWSCURRENT:") == Self.secret)
        #expect(ResourceARNs.isCompleteSecretArn(Self.secret))
        #expect(!ResourceARNs.isCompleteSecretArn("arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db"))
        #expect(ResourceARNs.parameterArn("prod/db", region: "us-east-1", account: "111122223333") == "arn:aws:ssm:us-east-1:111122223333:parameter/prod/db")
        #expect(ResourceARNs.parameterArn("/prod/db", region: "us-east-1", account: "111122223333") == "arn:aws:ssm:us-east-1:111122223333:parameter/prod/db")
        #expect(ResourceARNs.s3Object("arn:aws:s3:::config-bucket/web/app.env") == .init(bucket: "config-bucket", objectArn: "arn:aws:s3:::config-bucket/web/app.env", bucketArn: "arn:aws:s3:::config-bucket"))
        #expect(ResourceARNs.kmsKey("alias/app", region: "us-east-1", account: "111122223333") == .prefix("arn:aws:kms:us-east-1:111122223333:key/"))
        #expect(ResourceARNs.isAWSManagedKey(nil) && ResourceARNs.isAWSManagedKey("alias/aws/secretsmanager") && !ResourceARNs.isAWSManagedKey(Self.key))
    }
}

/// Trust policies: does the role let `ecs-tasks.amazonaws.com` assume it?
struct TrustPolicyEvaluatorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var statement: String
        var outcome: PolicyDecision.Outcome
        var explanationContains: String
        var testDescription: String { name }
    }

    static let request = TrustPolicyEvaluator.Request(servicePrincipal: "ecs-tasks.amazonaws.com", sourceAccount: "111122223333",
                                                      sourceArn: .prefix("arn:aws:ecs:us-east-1:111122223333:", continuationExcludes: ":"))

    static let cases: [Case] = [
        Case(name: "ecs-tasks trusted", statement: #"{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}"#,
             outcome: .allowed, explanationContains: "allows"),
        Case(name: "ec2 instead", statement: #"{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}"#,
             outcome: .denied, explanationContains: "trusts ec2.amazonaws.com, not ecs-tasks.amazonaws.com"),
        Case(name: "ecs instead", statement: #"{"Effect": "Allow", "Principal": {"Service": ["ecs.amazonaws.com"]}, "Action": "sts:AssumeRole"}"#,
             outcome: .denied, explanationContains: "trusts ecs.amazonaws.com"),
        Case(name: "SourceAccount of another account", statement: #"{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "999999999999"}}}"#,
             outcome: .denied, explanationContains: "conditions that do not match"),
        Case(name: "SourceAccount of this account", statement: #"{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}"#,
             outcome: .allowed, explanationContains: "allows"),
        Case(name: "SourceArn of another region", statement: #"{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:ecs:eu-west-1:111122223333:*"}}}"#,
             outcome: .denied, explanationContains: "aws:SourceArn"),
        Case(name: "SourceArn account-wide", statement: #"{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:ecs:us-east-1:111122223333:*"}}}"#,
             outcome: .allowed, explanationContains: "allows"),
        Case(name: "SourceArn naming one resource is undetermined", statement: #"{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod"}}}"#,
             outcome: .undetermined, explanationContains: "aws:SourceArn"),
        Case(name: "unknown condition key is undetermined", statement: #"{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "x"}}}"#,
             outcome: .undetermined, explanationContains: "sts:ExternalId"),
    ]

    @Test(arguments: cases)
    func evaluates(_ testCase: Case) {
        let document = PolicyEvaluatorTests.document(#"{"Statement": \#(testCase.statement)}"#)
        let decision = TrustPolicyEvaluator.evaluate(document, Self.request)
        #expect(decision.outcome == testCase.outcome, "\(decision.explanation)")
        #expect(decision.explanation.contains(testCase.explanationContains), "\(decision.explanation)")
    }
}

/// Decoding and resolving a role's policies from the snapshot.
struct RolePolicyResolutionTests {
    static let details = #"""
    {"RoleDetailList": [{"RoleName": "exec", "Arn": "arn:aws:iam::111122223333:role/exec",
       "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
       "RolePolicyList": [{"PolicyName": "encoded", "PolicyDocument": "%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22ssm%3AGetParameters%22%2C%22Resource%22%3A%22%2A%22%7D%7D"}],
       "AttachedManagedPolicies": [{"PolicyName": "AmazonECSTaskExecutionRolePolicy", "PolicyArn": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"},
                                   {"PolicyName": "secrets", "PolicyArn": "arn:aws:iam::111122223333:policy/secrets"},
                                   {"PolicyName": "AmazonECS_FullAccess", "PolicyArn": "arn:aws:iam::aws:policy/AmazonECS_FullAccess"}],
       "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "arn:aws:iam::aws:policy/PowerUserAccess"}},
      {"RoleName": "other", "Arn": "arn:aws:iam::111122223333:role/other"}],
     "Policies": [{"PolicyName": "secrets", "Arn": "arn:aws:iam::111122223333:policy/secrets", "DefaultVersionId": "v2",
       "PolicyVersionList": [
         {"VersionId": "v1", "IsDefaultVersion": false, "Document": {"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}},
         {"VersionId": "v2", "IsDefaultVersion": true, "Document": {"Statement": {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": "*"}}}]}]}
    """#

    @Test func onlyTheDefaultVersionCountsAndManagedCopiesFillIn() throws {
        let snapshot = try SnapshotLoader.load([InputFile(name: "-", bytes: Array(Self.details.utf8))])
        let index = SnapshotIndex(snapshot)
        let policies = try #require(index.role("arn:aws:iam::111122223333:role/exec").flatMap(index.policies))
        #expect(policies.identity.map(\.name) == [#"inline policy "encoded""#, "AWS managed policy AmazonECSTaskExecutionRolePolicy (ecs-triage's copy of v1)",
                                                  "managed policy secrets (default version v2)", "AWS managed policy AmazonECS_FullAccess (arn:aws:iam::aws:policy/AmazonECS_FullAccess)"])
        #expect(policies.identity[2].document?.statements.first?.actions == ["kms:Decrypt"], "v1 is not the default version")
        #expect(policies.identity[3].document == nil)
        #expect(policies.boundary?.name.contains("PowerUserAccess") == true)
        // The unknown AWS managed policy could allow: undetermined, never denied.
        let secret = PermissionRequest("secretsmanager:GetSecretValue", on: .exact("arn:aws:secretsmanager:us-east-1:111122223333:secret:x-AbCdEf"))
        #expect(PolicyEvaluator.evaluate(policies, secret).outcome == .undetermined)
        // A role known from get-role only has no policy set: never a denial.
        let getRole = #"{"Role": {"RoleName": "exec", "Arn": "arn:aws:iam::111122223333:role/exec", "AssumeRolePolicyDocument": {"Statement": []}}}"#
        let trustOnly = SnapshotIndex(try SnapshotLoader.load([InputFile(name: "-", bytes: Array(getRole.utf8))]))
        #expect(trustOnly.role("arn:aws:iam::111122223333:role/exec").flatMap(trustOnly.policies) == nil)
    }
}

/// Whole analyses of the configuration the IAM rules care most about.
struct IAMScenarioTests {
    @Test func managedPolicyByARNPlusInlineSecretsPolicyRaisesNoIAMFinding() throws {
        let input = Fixture.snapshot(
            Fixture.array("services", Fixture.service("web")),
            Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf"}]"#)),
            Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", inline: [(name: "secrets", statements: #"[{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/*"}]"#)])))
        let report = try TestSupport.analyze(input)
        #expect(report.findings.filter { $0.category == .iam }.isEmpty, "\(report.findings.map(\.ruleId))")
    }

    @Test func theSameRoleWithoutTheInlinePolicyIsDeniedTheSecret() throws {
        let input = Fixture.snapshot(
            Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf"}]"#)),
            Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole")))
        let finding = try #require(try TestSupport.analyze(input).findings.first { $0.ruleId == "execution-role-cannot-read-secrets" })
        #expect(finding.confidence == .likely)
        #expect(finding.evidence.contains { $0.text.contains("secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf is not allowed") })
    }

    @Test func undeterminedWithAnAccessDeniedIsPossibleWithWhatWouldSettleIt() throws {
        let denial = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf from secrets manager: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/0f3c is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf"
        let input = Fixture.snapshot(
            Fixture.array("services", Fixture.service("web")),
            Fixture.array("tasks", Fixture.stoppedTask("0f3c", reason: denial)),
            Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf"}]"#)),
            Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole", inline: [(name: "secrets", statements: #"[{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "web"}}}]"#)])))
        let finding = try #require(try TestSupport.analyze(input).findings.first { $0.ruleId == "execution-role-cannot-read-secrets" })
        #expect(finding.confidence == .possible)
        #expect(finding.evidence.contains { $0.text.contains("aws:ResourceTag/team") })
        #expect(finding.missingEvidence.first?.command.hasPrefix("aws iam simulate-principal-policy") == true)
    }
}
