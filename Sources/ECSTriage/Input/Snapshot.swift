/// Everything the analysis knows, decoded from the user's inputs. Arrays are
/// in input order with duplicates (same id) merged, the later one winning.
public struct Snapshot: Sendable {
    public var region: String?
    public var accountId: String?

    public var tasks: [ECSTask] = []
    public var services: [ECSService] = []
    public var taskDefinitions: [TaskDefinition] = []
    public var events: [ECSEvent] = []
    public var vpcs: [Vpc] = []
    public var subnets: [Subnet] = []
    public var routeTables: [RouteTable] = []
    public var internetGateways: [InternetGateway] = []
    public var natGateways: [NatGateway] = []
    public var vpcEndpoints: [VpcEndpoint] = []
    public var securityGroups: [SecurityGroup] = []
    public var networkAcls: [NetworkAcl] = []
    public var networkInterfaces: [NetworkInterface] = []
    public var prefixLists: [PrefixList] = []
    public var loadBalancers: [LoadBalancer] = []
    public var targetGroups: [TargetGroup] = []
    public var targetHealth: [TargetHealthDescription] = []
    public var roles: [IAMRole] = []
    /// Where a listing of every role of the account was read: a
    /// `get-account-authorization-details` output neither filtered by
    /// `--query` nor cut short (`IsTruncated`, `NextToken`, `Marker`). Only
    /// such a listing proves a role absent by not holding it.
    public var completeRoleListings: [String] = []
    public var managedPolicies: [ManagedPolicy] = []
    public var clusters: [Cluster] = []
    public var containerInstances: [ContainerInstance] = []
    public var instances: [EC2Instance] = []
    public var listeners: [Listener] = []
    public var classicLoadBalancers: [ClassicLoadBalancer] = []
    public var logGroups: [LogGroup] = []
    public var secrets: [SecretMetadata] = []
    public var parameters: [ParameterMetadata] = []
    /// Names from `get-parameters`' `InvalidParameters`: parameters that do not exist.
    public var invalidParameters: [String] = []
    public var ecrRepositories: [ECRRepository] = []
    public var ecrImages: [ECRImageDetail] = []
    public var mountTargets: [EFSMountTarget] = []
    public var mountTargetSecurityGroups: [MountTargetSecurityGroups] = []
    public var accountSettings: [AccountSetting] = []
    /// The last lines of stopped tasks' containers, or where they went when `collect` could not read them.
    public var containerLogs: [ContainerLog] = []
    /// Services' CPU and memory and target groups' 5XX responses and unhealthy hosts over the failure window.
    public var metrics: [MetricSeries] = []
    /// Configuration not deployed yet (a Terraform plan or state, a
    /// CloudFormation template) among the inputs, translated into the sections above.
    public var configurationSources: [ConfigurationSource] = []
    /// Plain-text inputs: stopped reasons, events, tickets.
    public var texts: [TextInput] = []
    /// Calls `ecs-triage collect` could not make, and the sections they leave out.
    public var collectErrors: [CollectError] = []

    /// Which kinds of data were collected, even when empty: an empty
    /// `VpcEndpoints` means "no endpoints", a missing one means "unknown".
    public var sections: Set<SnapshotSection> = []

    /// What the loader saw, for the report's `input` member.
    public var documentCount = 0
    public var recognizedKeys: [String] = []
    public var ignoredKeys: [String] = []
    public var warnings: [String] = []

    public init() {}

    public func has(_ section: SnapshotSection) -> Bool { sections.contains(section) }
}

/// A kind of data in the snapshot, named after the `aws` command that gives it.
public enum SnapshotSection: String, Sendable, CaseIterable, Comparable {
    case tasks, services, taskDefinitions, events
    case vpcs, vpcAttributes, subnets, routeTables, internetGateways, natGateways, vpcEndpoints
    case securityGroups, networkAcls, networkInterfaces, prefixLists
    case loadBalancers, targetGroups, targetHealth
    case roles, managedPolicies
    case clusters, containerInstances, instances, listeners, classicLoadBalancers
    case logGroups, secrets, parameters, ecrRepositories, ecrImages, mountTargets, mountTargetSecurityGroups
    case accountSettings, containerLogs, metrics

    public static func < (lhs: SnapshotSection, rhs: SnapshotSection) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One failed call recorded by `ecs-triage collect` (extension key `collectErrors`).
public struct CollectError: Sendable, Equatable {
    public var location: String
    /// `service operation`, e.g. `ec2 describe-route-tables`.
    public var operation: String
    public var arguments: [String]
    public var error: String
    /// The sections the snapshot lacks because of it.
    public var lacks: [SnapshotSection]

    /// The command a user can run to get what is missing.
    public var command: String {
        (["aws", operation] + arguments.map(CollectError.shellQuoted)).joined(separator: " ")
    }

    /// The role a failed `iam get-role` looked for, when IAM answered that it does not exist.
    var roleNotFound: String? {
        guard operation == "iam get-role", error.contains("NoSuchEntity") else { return nil }
        for (position, argument) in arguments.enumerated() {
            if argument.hasPrefix("--role-name=") { return String(argument.dropFirst("--role-name=".count)) }
            if argument == "--role-name", position + 1 < arguments.count { return arguments[position + 1] }
        }
        return nil
    }

    static func shellQuoted(_ argument: String) -> String {
        let plain = argument.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || "-_./:=,@+%".unicodeScalars.contains(scalar)
        }
        return plain && !argument.isEmpty ? argument : "'" + argument.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

public struct TextInput: Sendable {
    /// Pointer prefix naming the input (`ticket.txt`), empty for a single input.
    public var origin: DocumentOrigin
    public var text: String
}

/// One input as the CLI read it.
public struct InputFile: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}
