// Typed views of what tasks read at start: log groups, secrets, parameters,
// ECR repositories and images.

public struct LogGroup: Sendable {
    public var location: String
    public var logGroupName: String

    init(_ node: JSONNode) throws {
        location = node.location
        logGroupName = try node.string("logGroupName") ?? ""
    }
}

/// A Secrets Manager secret's metadata (`list-secrets` / `describe-secret`; never its value).
public struct SecretMetadata: Sendable {
    public var location: String
    public var arn: String
    public var name: String?
    public var kmsKeyId: String?

    init(_ node: JSONNode) throws {
        location = node.location
        arn = try node.string("ARN") ?? ""
        name = try node.string("Name")
        kmsKeyId = try node.string("KmsKeyId")
    }
}

/// An SSM parameter's metadata (`get-parameters` / `describe-parameters`).
public struct ParameterMetadata: Sendable {
    public var location: String
    public var name: String
    public var arn: String?
    public var type: String?

    init(_ node: JSONNode) throws {
        location = node.location
        name = try node.string("Name") ?? ""
        arn = try node.string("ARN")
        type = try node.string("Type")
    }
}

public struct ECRRepository: Sendable {
    public var location: String
    public var repositoryName: String
    public var repositoryUri: String?
    public var registryId: String?

    init(_ node: JSONNode) throws {
        location = node.location
        repositoryName = try node.string("repositoryName") ?? ""
        repositoryUri = try node.string("repositoryUri")
        registryId = try node.string("registryId")
    }
}

public struct ECRImageDetail: Sendable {
    public var location: String
    public var registryId: String?
    public var repositoryName: String?
    public var imageDigest: String?
    public var imageTags: [String]
    public var imagePushedAt: Double?

    init(_ node: JSONNode) throws {
        location = node.location
        registryId = try node.string("registryId")
        repositoryName = try node.string("repositoryName")
        imageDigest = try node.string("imageDigest")
        imageTags = try node.strings("imageTags") ?? []
        imagePushedAt = try node.timestamp("imagePushedAt")
    }
}

/// An EFS mount target (`aws efs describe-mount-targets`).
public struct EFSMountTarget: Sendable {
    public var location: String
    public var mountTargetId: String
    public var fileSystemId: String?
    public var subnetId: String?
    public var availabilityZoneName: String?
    public var networkInterfaceId: String?
    public var lifeCycleState: String?

    init(_ node: JSONNode) throws {
        location = node.location
        mountTargetId = try node.string("MountTargetId") ?? ""
        fileSystemId = try node.string("FileSystemId")
        subnetId = try node.string("SubnetId")
        availabilityZoneName = try node.string("AvailabilityZoneName")
        networkInterfaceId = try node.string("NetworkInterfaceId")
        lifeCycleState = try node.string("LifeCycleState")
    }

    public var isAvailable: Bool { lifeCycleState.map { $0.lowercased() == "available" } ?? true }
}

/// The security groups of one EFS mount target: `aws efs
/// describe-mount-target-security-groups` output, which does not name the
/// mount target, keyed by it (extension key `MountTargetSecurityGroups`), or
/// attributed by the loader when the bare outputs leave no doubt.
public struct MountTargetSecurityGroups: Sendable {
    public var location: String
    public var mountTargetId: String
    public var securityGroupIds: [String]
    /// Set when the loader attributed a bare output: why it may.
    public var attribution: String?
}

/// The last lines a task's container wrote to its log stream (`collect` reads
/// them with `logs get-log-events`), or, in `notRead`, why they were not read
/// and, in `destination`, where a driver other than awslogs sent them.
public struct ContainerLog: Sendable {
    public var location: String
    public var taskArn: String
    public var containerName: String
    public var logDriver: String?
    public var logGroupName: String?
    public var logStreamName: String?
    public var region: String?
    public var destination: String?
    public var notRead: String?
    public var events: [LogEvent]

    init(_ node: JSONNode) throws {
        location = node.location
        taskArn = try node.string("taskArn") ?? ""
        containerName = try node.string("containerName") ?? ""
        logDriver = try node.string("logDriver")
        logGroupName = try node.string("logGroupName")
        logStreamName = try node.string("logStreamName")
        region = try node.string("region")
        destination = try node.string("destination")
        notRead = try node.string("notRead")
        events = try node.decodeArray("events", LogEvent.init)
    }
}

/// One CloudWatch Logs event (`get-log-events`' `OutputLogEvent`: milliseconds since the epoch, and the message).
public struct LogEvent: Sendable {
    public var location: String
    public var timestamp: Double?
    public var message: String

    init(_ node: JSONNode) throws {
        location = node.location
        timestamp = try node.timestamp("timestamp")
        message = try node.string("message") ?? ""
    }
}
