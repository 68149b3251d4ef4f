/// Something a task must reach before its containers run, derived from its
/// definition (and, on EC2, from the container agent itself): an AWS service
/// endpoint, a host on the internet, or an EFS file system's mount target.
public struct Dependency: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Reached through an interface or gateway endpoint, or the internet.
        case awsService
        /// Only the internet serves it (a public registry).
        case internetHost
        /// NFS to the file system's mount target in the caller's Availability Zone: VPC-local.
        case fileSystem
    }

    /// Endpoint short name (`ecr.api`, `s3`, `logs`...), a registry host (`docker.io`), or `elasticfilesystem`.
    public var target: String
    public var kind: Kind
    /// The file system, for `.fileSystem`.
    public var fileSystemId: String?
    /// Why the task needs it, for evidence.
    public var reason: String
    public var location: String

    public init(target: String, kind: Kind, fileSystemId: String? = nil, reason: String, location: String) {
        self.target = target
        self.kind = kind
        self.fileSystemId = fileSystemId
        self.reason = reason
        self.location = location
    }

    public var isAWSService: Bool { kind == .awsService }

    /// What distinguishes it from the other dependencies of the same workload.
    public var key: String { fileSystemId.map { "\(target):\($0)" } ?? target }

    /// TCP port of the connection: NFS for EFS, HTTPS for everything else.
    public var port: Int { kind == .fileSystem ? 2049 : 443 }

    public var displayName: String {
        switch kind {
        case .awsService: return AWSEndpointName.displayName(target)
        case .internetHost: return target
        case .fileSystem: return "EFS \(fileSystemId ?? "file system")"
        }
    }

    /// One of the container agent's own endpoints (EC2 launch type).
    public var isAgentEndpoint: Bool { isAWSService && DependencyResolver.agentEndpoints.contains(target) }
}

public enum DependencyResolver {
    /// What a task of this definition reaches, one entry per target, in a fixed
    /// order: on Fargate through its own ENI; on EC2 the container agent and the
    /// Docker daemon do it through the instance.
    public static func dependencies(of definition: TaskDefinition, region: String?) -> [Dependency] {
        var found: [Dependency] = []
        func add(_ dependency: Dependency) {
            if !found.contains(where: { $0.key == dependency.key }) { found.append(dependency) }
        }
        func add(_ target: String, aws: Bool, _ reason: String, _ location: String) {
            add(Dependency(target: target, kind: aws ? .awsService : .internetHost, reason: reason, location: location))
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
        for volume in definition.efsVolumes where !volume.fileSystemId.isEmpty {
            add(Dependency(target: "elasticfilesystem", kind: .fileSystem, fileSystemId: volume.fileSystemId,
                           reason: "volume \(volume.name) mounts \(volume.fileSystemId) over NFS (TCP 2049)", location: volume.location))
        }
        return found
    }

    /// The endpoints an ECS container agent calls from its instance: the ECS API (register the
    /// instance, report state), the control channel and the telemetry channel that
    /// DiscoverPollEndpoint hands out (`ecs-a-*` and `ecs-t-*` hosts). Interface endpoints for all
    /// three are needed where there is no internet path.
    // Sources: aws/amazon-ecs-agent@8dfceca ecs-agent/api/ecs/client/ecs_client.go (RegisterContainerInstance,
    // DiscoverPollEndpoint: endpoint and telemetryEndpoint), ecs-agent/acs/session/session.go;
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html (ecs-agent, ecs-telemetry, ecs).
    public static let agentEndpoints = ["ecs", "ecs-agent", "ecs-telemetry"]

    public static func agentDependencies(location: String) -> [Dependency] {
        [
            Dependency(target: "ecs", kind: .awsService, reason: "the container agent registers the instance and reports task state (ECS API)",
                       location: location),
            Dependency(target: "ecs-agent", kind: .awsService, reason: "the container agent's control channel (the endpoint DiscoverPollEndpoint returns)",
                       location: location),
            Dependency(target: "ecs-telemetry", kind: .awsService, reason: "the container agent's telemetry channel (metrics and health)", location: location),
        ]
    }
}
