/// An AccessDenied no cause rule explains: say which principal needs which
/// action on which resource.
struct IAMAccessDeniedRule: Rule {
    static let description = RuleDescription(
        id: "iam-access-denied", title: "An AWS call was denied", category: .iam, kind: .symptom, severity: .critical,
        explains: [.accessDenied],
        examples: [
            .triggers("S3 env file denied", "ResourceInitializationError: failed to download env files: file download command: non-empty error stream: failed to download file 1.env: failed to write to a temporary file: AccessDenied: Access Denied",
                      resources: ["s3"]),
            .triggers("the app's own call denied", "botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the PutItem operation: User: arn:aws:sts::111122223333:assumed-role/app-task-role/4f1c is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                      resources: ["app-task-role"]),
            .quiet("a timeout is not a denial", "CannotPullContainerError: API error (500): Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.unexplainedSymptoms(of: [.accessDenied]).map { symptom in
            let facts = symptom.facts
            let principal = facts.roleName.map { "role \($0)" } ?? "the calling role"
            let action = facts.action ?? "the action"
            let resource = facts.resourceArn ?? facts.service.map { "the \(AWSEndpointName.displayName($0)) resource" } ?? "the resource"
            var steps = ["Grant \(principal) \(action) on \(resource) (for failures before the container starts this is the task execution role; for calls your code makes, the task role)."]
            if facts.service == "ecr.dkr" {
                steps = ["The image is in ECR: check the repository and tag exist (aws ecr describe-images), then that the execution role may ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on it.",
                         "For a repository in another account, its repository policy must also allow the execution role."]
            }
            if facts.service == "s3" {
                steps.append("For environment files: s3:GetObject on the object and s3:GetBucketLocation on the bucket; a missing object also answers 403.")
            }
            steps.append("Look for an explicit Deny, a permissions boundary, an SCP or a resource policy: they deny even when an identity policy allows.")
            return Self.description.finding(
                title: "\(principal.prefix(1).uppercased() + principal.dropFirst()) was denied \(action)\(facts.resourceArn.map { " on \($0)" } ?? "")",
                confidence: .likely, explains: [symptom],
                resources: [facts.service ?? facts.roleName ?? "iam"] + (symptom.resource.map { [$0] } ?? []),
                evidence: [symptom.evidence],
                fix: Fix(summary: "Allow \(principal) \(action) on \(resource)", steps: steps),
                missingEvidence: [MissingEvidence(why: "the role's policies decide which statement is missing or denies",
                                                  command: "aws iam get-account-authorization-details --filter Role" + (facts.roleName.map { " --query \"RoleDetailList[?RoleName=='\($0)']\"" } ?? ""))])
        }
    }
}
