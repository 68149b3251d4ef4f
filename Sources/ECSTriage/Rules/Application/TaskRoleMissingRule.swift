/// The application's AWS SDK found no credentials. In a task, credentials
/// come from the task role (taskRoleArn): the agent serves them at the URI
/// in AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, set only when the task has a
/// role (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html).
/// The execution role is for ECS itself (pull, logs, secrets) and never
/// reaches the application; on Fargate there is no instance metadata to fall back to.
struct TaskRoleMissingRule: Rule {
    static let description = RuleDescription(
        id: "task-role-missing", title: "The application found no AWS credentials (no task role)", category: .iam,
        severity: .high, explains: [.applicationCrash],
        examples: [
            .triggers("boto3 without credentials", "botocore.exceptions.NoCredentialsError: Unable to locate credentials", resources: [""], confidence: .likely),
            .triggers("SDK for JavaScript v3", "CredentialsProviderError: Could not load credentials from any providers", resources: [""], confidence: .likely),
            .quiet("access denied has credentials", "botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.crashFindings(context) { symptom, signature, _ in
            NamedCauseDetail(title: "The application's AWS SDK found no credentials: the task has no task role" + CrashWording.printedBy(signature),
                             resources: symptom.resourceList, fix: Self.fix,
                             missingEvidence: [MissingEvidence(why: "whether the task definition has a task role",
                                                               command: "aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition.taskRoleArn")])
        }
    }
}

// MARK: Messages and fixes

extension TaskRoleMissingRule {
    static let fix = Fix(
        summary: "Set taskRoleArn on the task definition to a role the application's calls are allowed by",
        steps: ["Create a role trusted by ecs-tasks.amazonaws.com with the permissions the application uses, and set it as the task "
                + "definition's taskRoleArn (not executionRoleArn: the execution role is for ECS, the application never gets it).",
                "Register the revision and deploy it. The SDK then finds credentials through AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, "
                + "which ECS sets only for tasks with a task role.",
                "On Fargate there is no instance metadata (169.254.169.254): a client that reads it, or an old SDK that "
                + "only knows instance profiles, needs the container credentials provider."])
}
