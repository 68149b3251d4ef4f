/// One call a role must be allowed for a task to start, and why.
struct PermissionNeed {
    var request: PermissionRequest
    /// What the task reads: "image ... of container web".
    var reason: String
    /// Where the task definition references it.
    var location: String
    /// What the role's own policies cannot settle (a cross-account repository policy),
    /// and the command that shows it.
    var note: String?
    var noteEvidence: MissingEvidence?
}

/// What ECS does with a task definition's roles before the containers run,
/// as IAM requests. On Fargate the execution role pulls ECR images and
/// creates awslogs streams; on EC2 the container instance role does that
/// when there is no execution role. Secrets, repositoryCredentials and
/// environmentFiles always use the execution role.
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
            let note = crossAccount ? "cross-account image: repository \(image.repository) is in account \(image.account), not \(place.account), so its repository policy must also allow this role" : nil
            let command = crossAccount ? MissingEvidence(why: "the repository policy in account \(image.account) must allow the execution role too",
                                                         command: "aws ecr get-repository-policy --repository-name \(image.repository) --registry-id \(image.account) --region \(image.region)") : nil
            for action in ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] {
                needs.append(PermissionNeed(request: PermissionRequest(action, on: .exact(image.repositoryArn)),
                                            reason: "image \(uri) of container \(container.name)", location: location, note: note, noteEvidence: command))
            }
        }
        return needs
    }

    /// awslogs: the stream (and the group with `awslogs-create-group`).
    static func logs(_ definition: TaskDefinition, place: Place) -> [PermissionNeed] {
        var needs: [PermissionNeed] = []
        for container in definition.containerDefinitions where container.logDriver == "awslogs" {
            guard let group = container.logOption("awslogs-group") else { continue }
            let region = container.logOption("awslogs-region") ?? place.region
            let location = container.logConfigurationLocation ?? container.location
            let reason = "awslogs group \(group) of container \(container.name)"
            if container.logOption("awslogs-create-group")?.lowercased() == "true" {
                needs.append(PermissionNeed(request: PermissionRequest("logs:CreateLogGroup", on: ResourceARNs.logGroupForCreate(group: group, region: region, account: place.account)),
                                            reason: reason + " (awslogs-create-group is true)", location: location))
            }
            let stream = ResourceARNs.logStream(group: group, region: region, account: place.account,
                                                streamPrefix: container.logOption("awslogs-stream-prefix"), container: container.name)
            for action in ["logs:CreateLogStream", "logs:PutLogEvents"] {
                needs.append(PermissionNeed(request: PermissionRequest(action, on: stream), reason: reason, location: location))
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
                                                reason: reference.reason, location: reference.location))
                    if let secret = known, !ResourceARNs.isAWSManagedKey(secret.kmsKeyId), let keyId = secret.kmsKeyId {
                        let region = ARN.region(secret.arn) ?? place.region
                        let context = ConditionContext(["kms:ViaService": .exact("secretsmanager.\(region).amazonaws.com")])
                        needs.append(PermissionNeed(request: PermissionRequest("kms:Decrypt", on: ResourceARNs.kmsKey(keyId, region: region, account: ARN.account(secret.arn) ?? place.account), context: context),
                                                    reason: "\(reference.reason): secret \(secret.name ?? secret.arn) is encrypted with the customer managed key \(keyId)",
                                                    location: secret.location))
                    }
                } else if !reference.valueFrom.hasPrefix("arn:") || ARN.field(reference.valueFrom, 2) == "ssm" {
                    let arn = ResourceARNs.parameterArn(reference.valueFrom, region: place.region, account: place.account)
                    needs.append(PermissionNeed(request: PermissionRequest("ssm:GetParameters", on: .exact(arn)),
                                                reason: reference.reason, location: reference.location))
                }
            }
        }
        return needs
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
