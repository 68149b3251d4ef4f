/// Something a task must reach before its containers run, derived from its
/// definition: an AWS service endpoint or a host on the internet.
public struct Dependency: Sendable, Equatable {
    /// Endpoint short name (`ecr.api`, `s3`, `logs`...) or a registry host (`docker.io`).
    public var target: String
    public var isAWSService: Bool
    /// Why the task needs it, for evidence.
    public var reason: String
    public var location: String

    public var displayName: String { isAWSService ? AWSEndpointName.displayName(target) : target }
}

public enum DependencyResolver {
    /// What a Fargate task of this definition reaches through its own ENI,
    /// one entry per target, in a fixed order.
    public static func dependencies(of definition: TaskDefinition, region: String?) -> [Dependency] {
        var found: [Dependency] = []
        func add(_ target: String, aws: Bool, _ reason: String, _ location: String) {
            if !found.contains(where: { $0.target == target }) {
                found.append(Dependency(target: target, isAWSService: aws, reason: reason, location: location))
            }
        }
        for container in definition.containerDefinitions {
            if let image = container.image {
                let reference = ImageReference(image)
                let imageLocation = container.location + "/image"
                if reference.isECR && (region == nil || reference.region == nil || reference.region == region) {
                    add("ecr.api", aws: true, "ECR image \(image) (registry auth)", imageLocation)
                    add("ecr.dkr", aws: true, "ECR image \(image) (manifest)", imageLocation)
                    add("s3", aws: true, "ECR image \(image) (layers from prod-\(reference.region ?? "<region>")-starport-layer-bucket)", imageLocation)
                } else {
                    add(reference.registryHost, aws: false, "image \(image) from \(reference.registryHost)", imageLocation)
                }
            }
            if container.logDriver == "awslogs", let location = container.logConfigurationLocation {
                add("logs", aws: true, "awslogs log driver of container \(container.name)", location)
            }
            for secret in container.secrets {
                let service = secret.valueFrom.hasPrefix("arn:") && ARN.field(secret.valueFrom, 2) == "secretsmanager" ? "secretsmanager" : "ssm"
                add(service, aws: true, "secret \(secret.name) of container \(container.name)", secret.location)
            }
            if let credentials = container.repositoryCredentialsParameter {
                add("secretsmanager", aws: true, "repositoryCredentials \(credentials)", container.location + "/repositoryCredentials")
            }
            for file in container.environmentFiles {
                add("s3", aws: true, "environment file \(file.value)", file.location)
            }
        }
        return found
    }
}
