// Typed views of `aws ecs describe-*` output, named after botocore's ECS
// model. Only the members the analysis reads are decoded; the rest is ignored.

/// A class (immutable, shared): workloads, indexes and rules hold the same
/// tasks, and copying a struct of twenty fields retained each of them.
public final class ECSTask: Sendable {
    public let location: String
    public let taskArn: String
    public let clusterArn: String?
    public let taskDefinitionArn: String?
    public let group: String?
    /// Who started the task: a service's deployment id (`ecs-svc/...`), a rule, a user.
    public let startedBy: String?
    public let launchType: String?
    public let capacityProviderName: String?
    public let lastStatus: String?
    public let desiredStatus: String?
    public let stopCode: String?
    public let stoppedReason: String?
    public let createdAt: Double?
    public let startedAt: Double?
    public let stoppingAt: Double?
    public let stoppedAt: Double?
    public let availabilityZone: String?
    /// EC2 launch type: the container instance the task was placed on.
    public let containerInstanceArn: String?
    public let enableExecuteCommand: Bool?
    public let containers: [ContainerState]
    public let attachments: [TaskAttachment]

    init(_ node: JSONNode) throws {
        location = node.location
        taskArn = try node.string("taskArn") ?? "task at \(node.location)"
        clusterArn = try node.string("clusterArn")
        taskDefinitionArn = try node.string("taskDefinitionArn")
        group = try node.string("group")
        startedBy = try node.string("startedBy")
        launchType = try node.string("launchType")
        capacityProviderName = try node.string("capacityProviderName")
        lastStatus = try node.string("lastStatus")
        desiredStatus = try node.string("desiredStatus")
        stopCode = try node.string("stopCode")
        stoppedReason = try node.string("stoppedReason")
        createdAt = try node.timestamp("createdAt")
        startedAt = try node.timestamp("startedAt")
        stoppingAt = try node.timestamp("stoppingAt")
        stoppedAt = try node.timestamp("stoppedAt")
        availabilityZone = try node.string("availabilityZone")
        containerInstanceArn = try node.string("containerInstanceArn")
        enableExecuteCommand = try node.bool("enableExecuteCommand")
        containers = try node.decodeArray("containers", ContainerState.init)
        attachments = try node.decodeArray("attachments", TaskAttachment.init)
    }

    /// The service that started the task, from its `group` (`service:web`).
    public var serviceName: String? {
        guard let group, group.hasPrefix("service:") else { return nil }
        return String(group.dropFirst("service:".count))
    }

    /// The short task id, the last component of the ARN.
    public var taskId: String { ARN.lastComponent(taskArn) }

    /// The task's network interface: `ElasticNetworkInterface` in describe-tasks,
    /// `eni` in EventBridge task state change events (ecs_cwe_events.md, guide@49232cf2).
    public var elasticNetworkInterface: TaskAttachment? {
        attachments.first { ["elasticnetworkinterface", "eni"].contains($0.type?.lowercased()) }
    }
}

public struct ContainerState: Sendable {
    public var location: String
    public var name: String?
    public var image: String?
    public var lastStatus: String?
    public var exitCode: Int?
    public var reason: String?
    /// `HEALTHY`, `UNHEALTHY` or `UNKNOWN`: the container's own health check.
    public var healthStatus: String?
    /// The digest the container runs (`sha256:...`): what the tag resolved to when the task started.
    public var imageDigest: String?

    init(_ node: JSONNode) throws {
        location = node.location
        name = try node.string("name")
        image = try node.string("image")
        healthStatus = try node.string("healthStatus")
        imageDigest = try node.string("imageDigest")
        lastStatus = try node.string("lastStatus")
        exitCode = try node.int("exitCode")
        reason = try node.string("reason")
    }
}

public struct TaskAttachment: Sendable {
    public var location: String
    public var type: String?
    public var status: String?
    /// `details` name/value pairs in document order.
    public var details: [(name: String, value: String)]

    init(_ node: JSONNode) throws {
        location = node.location
        type = try node.string("type")
        status = try node.string("status")
        details = try node.decodeArray("details") { (detail) throws in
            (try detail.string("name") ?? "", try detail.string("value") ?? "")
        }
    }

    public func detail(_ name: String) -> String? {
        details.last { $0.name == name }?.value
    }
}

/// A class (immutable, shared), like `ECSTask`: workloads and service
/// targets hold the same service.
public final class ECSService: Sendable {
    public let location: String
    public let serviceArn: String
    public let serviceName: String
    public let clusterArn: String?
    public let taskDefinition: String?
    public let launchType: String?
    public let capacityProviders: [String]
    public let desiredCount: Int?
    public let runningCount: Int?
    public let pendingCount: Int?
    /// `ACTIVE`, `DRAINING` or `INACTIVE`.
    public let status: String?
    public let schedulingStrategy: String?
    public let healthCheckGracePeriodSeconds: Int?
    public let enableExecuteCommand: Bool?
    public let networkConfiguration: AwsVpcConfiguration?
    public let loadBalancers: [ServiceLoadBalancer]
    public let events: [ServiceEvent]
    public let deployments: [Deployment]
    public let minimumHealthyPercent: Int?
    public let maximumPercent: Int?
    public let circuitBreakerEnabled: Bool?
    public let circuitBreakerRollback: Bool?
    public let deploymentControllerType: String?
    public let platformVersion: String?
    public let deploymentConfigurationLocation: String?

    init(_ node: JSONNode) throws {
        location = node.location
        let deploymentConfiguration = try node.object("deploymentConfiguration")
        deploymentConfigurationLocation = deploymentConfiguration?.location
        minimumHealthyPercent = try deploymentConfiguration?.int("minimumHealthyPercent")
        maximumPercent = try deploymentConfiguration?.int("maximumPercent")
        circuitBreakerEnabled = try deploymentConfiguration?.object("deploymentCircuitBreaker")?.bool("enable")
        circuitBreakerRollback = try deploymentConfiguration?.object("deploymentCircuitBreaker")?.bool("rollback")
        deploymentControllerType = try node.object("deploymentController")?.string("type")
        platformVersion = try node.string("platformVersion")
        let name = try node.string("serviceName")
        let arn = try node.string("serviceArn")
        serviceArn = arn ?? name ?? "service at \(node.location)"
        serviceName = name ?? arn.map(ARN.lastComponent) ?? serviceArn
        // `cluster` is create-service's request member (a name or an ARN).
        clusterArn = try node.string("clusterArn") ?? node.string("cluster")
        taskDefinition = try node.string("taskDefinition")
        launchType = try node.string("launchType")
        capacityProviders = try node.decodeArray("capacityProviderStrategy") { (item) throws in
            try item.string("capacityProvider") ?? ""
        }
        desiredCount = try node.int("desiredCount")
        runningCount = try node.int("runningCount")
        pendingCount = try node.int("pendingCount")
        status = try node.string("status")
        schedulingStrategy = try node.string("schedulingStrategy")
        healthCheckGracePeriodSeconds = try node.int("healthCheckGracePeriodSeconds")
        enableExecuteCommand = try node.bool("enableExecuteCommand")
        networkConfiguration = try AwsVpcConfiguration(networkConfigurationOf: node)
        loadBalancers = try node.decodeArray("loadBalancers", ServiceLoadBalancer.init)
        events = try node.decodeArray("events", ServiceEvent.init)
        deployments = try node.decodeArray("deployments", Deployment.init)
    }
}

public struct AwsVpcConfiguration: Sendable {
    public var location: String
    public var subnets: [String]
    public var securityGroups: [String]
    /// `ENABLED` or `DISABLED`; nil when not given (ECS then uses DISABLED).
    public var assignPublicIp: String?

    init?(networkConfigurationOf node: JSONNode) throws {
        guard let configuration = try node.object("networkConfiguration"),
              let awsvpc = try configuration.object("awsvpcConfiguration") else { return nil }
        location = awsvpc.location
        subnets = try awsvpc.strings("subnets") ?? []
        securityGroups = try awsvpc.strings("securityGroups") ?? []
        assignPublicIp = try awsvpc.string("assignPublicIp")
    }
}

public struct ServiceLoadBalancer: Sendable {
    public var location: String
    public var targetGroupArn: String?
    public var loadBalancerName: String?
    public var containerName: String?
    public var containerPort: Int?

    init(_ node: JSONNode) throws {
        location = node.location
        targetGroupArn = try node.string("targetGroupArn")
        loadBalancerName = try node.string("loadBalancerName")
        containerName = try node.string("containerName")
        containerPort = try node.int("containerPort")
    }
}

public struct ServiceEvent: Sendable {
    public var location: String
    public var id: String?
    public var createdAt: Double?
    public var message: String

    init(_ node: JSONNode) throws {
        location = node.location
        id = try node.string("id")
        createdAt = try node.timestamp("createdAt")
        message = try node.string("message") ?? ""
    }
}

public struct Deployment: Sendable {
    public var location: String
    public var id: String?
    public var status: String?
    public var taskDefinition: String?
    public var rolloutState: String?
    public var rolloutStateReason: String?
    public var failedTasks: Int?
    public var createdAt: Double?
    public var updatedAt: Double?
    public var networkConfiguration: AwsVpcConfiguration?

    init(_ node: JSONNode) throws {
        location = node.location
        id = try node.string("id")
        status = try node.string("status")
        taskDefinition = try node.string("taskDefinition")
        rolloutState = try node.string("rolloutState")
        rolloutStateReason = try node.string("rolloutStateReason")
        failedTasks = try node.int("failedTasks")
        createdAt = try node.timestamp("createdAt")
        updatedAt = try node.timestamp("updatedAt")
        networkConfiguration = try AwsVpcConfiguration(networkConfigurationOf: node)
    }
}

/// A class (immutable, shared), like `ECSTask`: every workload and rule
/// reading a definition holds the same one.
public final class TaskDefinition: Sendable {
    public let location: String
    public let taskDefinitionArn: String
    public let family: String?
    public let revision: Int?
    public let networkMode: String?
    public let requiresCompatibilities: [String]
    public let compatibilities: [String]
    public let cpu: String?
    public let memory: String?
    public let executionRoleArn: String?
    public let taskRoleArn: String?
    public let containerDefinitions: [ContainerDefinition]
    /// `X86_64` or `ARM64`; nil means X86_64.
    public let cpuArchitecture: String?
    public let operatingSystemFamily: String?
    /// `task` (the task's containers share one process namespace), `host`, or nil (one per container).
    public let pidMode: String?
    /// Fargate's `ephemeralStorage.sizeInGiB`; nil means the default 20 GiB.
    public let ephemeralStorageGiB: Int?
    /// EFS volumes: volume name and file system id.
    public let efsVolumes: [(name: String, fileSystemId: String, location: String)]
    /// Container instance attributes ECS derived from the definition
    /// (`requiresAttributes`); placement needs an instance with each.
    public let requiresAttributes: [(name: String, value: String?)]

    init(_ node: JSONNode) throws {
        location = node.location
        requiresAttributes = try node.decodeArray("requiresAttributes") { (try $0.string("name") ?? "", try $0.string("value")) }
        let platform = try node.object("runtimePlatform")
        cpuArchitecture = try platform?.string("cpuArchitecture")
        operatingSystemFamily = try platform?.string("operatingSystemFamily")
        ephemeralStorageGiB = try node.object("ephemeralStorage")?.int("sizeInGiB")
        efsVolumes = try node.decodeArray("volumes") { volume -> (name: String, fileSystemId: String, location: String)? in
            guard let efs = try volume.object("efsVolumeConfiguration") else { return nil }
            return (try volume.string("name") ?? "", try efs.string("fileSystemId") ?? "", efs.location)
        }.compactMap { $0 }
        let family = try node.string("family")
        let revision = try node.int("revision")
        self.family = family
        self.revision = revision
        taskDefinitionArn = try node.string("taskDefinitionArn")
            ?? family.map { f in revision.map { "\(f):\($0)" } ?? f }
            ?? "task definition at \(node.location)"
        networkMode = try node.string("networkMode")
        pidMode = try node.string("pidMode")
        requiresCompatibilities = try node.strings("requiresCompatibilities") ?? []
        compatibilities = try node.strings("compatibilities") ?? []
        cpu = try TaskDefinition.numberOrString(node, "cpu")
        memory = try TaskDefinition.numberOrString(node, "memory")
        executionRoleArn = try node.string("executionRoleArn")
        taskRoleArn = try node.string("taskRoleArn")
        containerDefinitions = try node.decodeArray("containerDefinitions", ContainerDefinition.init)
    }

    /// `cpu`/`memory` are strings in the API ("1024", "1 vCPU") but people
    /// write numbers in hand-made JSON.
    private static func numberOrString(_ node: JSONNode, _ key: String) throws -> String? {
        if let n = node.number(key) { return JSONWriter.format(n) }
        return try node.string(key)
    }

    /// `family:revision`, the name users see.
    public var familyRevision: String {
        if let family, let revision { return "\(family):\(revision)" }
        return ARN.lastComponent(taskDefinitionArn)
    }

    /// The network mode ECS applies: `bridge` on EC2 when unset, always
    /// `awsvpc` on Fargate.
    public var effectiveNetworkMode: String {
        networkMode?.lowercased() ?? "bridge"
    }
}

public struct ContainerDefinition: Sendable {
    public var location: String
    public var name: String
    public var image: String?
    public var essential: Bool
    public var portMappings: [PortMapping]
    public var healthCheckCommand: [String]
    public var healthCheckLocation: String?
    public var logDriver: String?
    public var logOptions: [(name: String, value: String)]
    public var logConfigurationLocation: String?
    public var secrets: [(name: String, valueFrom: String, location: String)]
    public var environment: [(name: String, value: String, location: String)]
    public var environmentFiles: [(value: String, location: String)]
    public var repositoryCredentialsParameter: String?
    public var cpu: Int?
    /// Hard limit in MiB.
    public var memory: Int?
    /// Soft limit in MiB.
    public var memoryReservation: Int?
    public var command: [String]
    public var entryPoint: [String]
    /// Health check timing in seconds, nil when unset (ECS defaults: 30, 5, 3 retries, 0).
    public var healthCheckInterval: Int?
    public var healthCheckTimeout: Int?
    public var healthCheckRetries: Int?
    public var healthCheckStartPeriod: Int?
    /// Containers this one waits for, and the condition (START, COMPLETE, SUCCESS, HEALTHY).
    public var dependsOn: [(containerName: String, condition: String, location: String)]

    init(_ node: JSONNode) throws {
        location = node.location
        cpu = try node.int("cpu")
        memory = try node.int("memory")
        memoryReservation = try node.int("memoryReservation")
        command = try node.strings("command") ?? []
        entryPoint = try node.strings("entryPoint") ?? []
        name = try node.string("name") ?? "container"
        image = try node.string("image")
        essential = try node.bool("essential") ?? true
        portMappings = try node.decodeArray("portMappings", PortMapping.init)
        if let healthCheck = try node.object("healthCheck") {
            healthCheckCommand = try healthCheck.strings("command") ?? []
            healthCheckLocation = healthCheck.location
            healthCheckInterval = try healthCheck.int("interval")
            healthCheckTimeout = try healthCheck.int("timeout")
            healthCheckRetries = try healthCheck.int("retries")
            healthCheckStartPeriod = try healthCheck.int("startPeriod")
        } else {
            healthCheckCommand = []
            healthCheckLocation = nil
        }
        if let logConfiguration = try node.object("logConfiguration") {
            logDriver = try logConfiguration.string("logDriver")
            logConfigurationLocation = logConfiguration.location
            var options: [(name: String, value: String)] = []
            for member in try logConfiguration.object("options")?.members ?? [] {
                if let value = member.node.stringValue { options.append((member.key, value)) }
            }
            logOptions = options
        } else {
            logDriver = nil
            logOptions = []
            logConfigurationLocation = nil
        }
        secrets = try node.decodeArray("secrets") { (secret) throws in
            (try secret.string("name") ?? "", try secret.string("valueFrom") ?? "", secret.location)
        }
        environment = try node.decodeArray("environment") { (variable) throws in
            (try variable.string("name") ?? "", try variable.string("value") ?? "", variable.location)
        }
        environmentFiles = try node.decodeArray("environmentFiles") { (file) throws in
            (try file.string("value") ?? "", file.location)
        }
        repositoryCredentialsParameter = try node.object("repositoryCredentials")?.string("credentialsParameter")
        dependsOn = try node.decodeArray("dependsOn") { (dependency) throws in
            (try dependency.string("containerName") ?? "", try dependency.string("condition") ?? "", dependency.location)
        }
    }

    public func logOption(_ name: String) -> String? {
        logOptions.last { $0.name == name }?.value
    }
}

public struct PortMapping: Sendable {
    public var containerPort: Int?
    /// `containerPortRange` (`"8000-8099"`): every port of the range is mapped;
    /// awsvpc maps each to the same host port, bridge to dynamic host ports
    /// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_portmappings).
    public var containerPortRange: ClosedRange<Int>?
    public var hostPort: Int?
    public var portProtocol: String?

    init(_ node: JSONNode) throws {
        containerPort = try node.int("containerPort")
        containerPortRange = try node.string("containerPortRange").flatMap(PortMapping.range)
        hostPort = try node.int("hostPort")
        portProtocol = try node.string("protocol")
    }

    /// Whether the mapping maps `port` of the container, alone or in its range.
    public func maps(_ port: Int) -> Bool {
        containerPort == port || containerPortRange?.contains(port) == true
    }

    /// `"1-65535"` as a range; nil for anything else.
    static func range(_ text: String) -> ClosedRange<Int>? {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low <= high else { return nil }
        return low...high
    }
}

/// An ECS event from EventBridge other than a task state change (those are
/// decoded as tasks): service actions and deployment state changes.
public struct ECSEvent: Sendable {
    public var location: String
    public var detailType: String
    public var eventName: String?
    /// `INFO`, `WARN` or `ERROR` (service action and deployment events).
    public var eventType: String?
    public var reason: String?
    public var resources: [String]

    init(_ node: JSONNode, detail: JSONNode) throws {
        location = detail.location
        detailType = try node.string("detail-type") ?? ""
        eventName = try detail.string("eventName")
        eventType = try detail.string("eventType")
        reason = try detail.string("reason")
        resources = try node.strings("resources") ?? []
    }
}

public struct Cluster: Sendable {
    public var location: String
    public var clusterArn: String
    public var clusterName: String?
    public var status: String?
    public var registeredContainerInstancesCount: Int?
    public var capacityProviders: [String]
    /// `defaultCapacityProviderStrategy` as (provider, weight, base), in order.
    public var defaultStrategy: [(provider: String, weight: Int?, base: Int?)]

    init(_ node: JSONNode) throws {
        location = node.location
        clusterArn = try node.string("clusterArn") ?? ""
        clusterName = try node.string("clusterName")
        status = try node.string("status")
        registeredContainerInstancesCount = try node.int("registeredContainerInstancesCount")
        capacityProviders = try node.strings("capacityProviders") ?? []
        defaultStrategy = try node.decodeArray("defaultCapacityProviderStrategy") { (item) throws in
            (try item.string("capacityProvider") ?? "", try item.int("weight"), try item.int("base"))
        }
    }

    /// The name `--cluster` takes.
    public var name: String { clusterName ?? ARN.clusterName(clusterArn) }
}

public struct ContainerInstance: Sendable {
    public var location: String
    public var containerInstanceArn: String
    public var ec2InstanceId: String?
    public var status: String?
    public var agentConnected: Bool?
    /// Remaining and registered CPU units and MiB of memory, when reported.
    public var remainingCpu: Int?
    public var remainingMemory: Int?
    public var registeredCpu: Int?
    public var registeredMemory: Int?
    /// Host ports in use (`PORTS` of remainingResources).
    public var usedPorts: [String]
    public var attributes: [(name: String, value: String?)]
    /// Whether the input listed the attributes (an absent attribute then means the instance lacks it).
    public var listsAttributes: Bool
    public var runningTasksCount: Int?

    init(_ node: JSONNode) throws {
        location = node.location
        containerInstanceArn = try node.string("containerInstanceArn") ?? ""
        ec2InstanceId = try node.string("ec2InstanceId")
        status = try node.string("status")
        agentConnected = try node.bool("agentConnected")
        runningTasksCount = try node.int("runningTasksCount")
        var remainingCpu: Int?, remainingMemory: Int?, registeredCpu: Int?, registeredMemory: Int?
        var ports: [String] = []
        for resource in try node.array("remainingResources") ?? [] {
            switch try resource.string("name") {
            case "CPU": remainingCpu = try resource.int("integerValue")
            case "MEMORY": remainingMemory = try resource.int("integerValue")
            case "PORTS": ports = try resource.strings("stringSetValue") ?? []
            default: break
            }
        }
        for resource in try node.array("registeredResources") ?? [] {
            switch try resource.string("name") {
            case "CPU": registeredCpu = try resource.int("integerValue")
            case "MEMORY": registeredMemory = try resource.int("integerValue")
            default: break
            }
        }
        self.remainingCpu = remainingCpu
        self.remainingMemory = remainingMemory
        self.registeredCpu = registeredCpu
        self.registeredMemory = registeredMemory
        usedPorts = ports
        attributes = try node.decodeArray("attributes") { (try $0.string("name") ?? "", try $0.string("value")) }
        listsAttributes = try node.array("attributes") != nil
    }

    /// The value of an attribute, or nil when the instance does not have it.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The cluster the instance is registered in, from its ARN
    /// (`container-instance/<cluster>/<id>`); nil for the old ARN format without it.
    public var clusterName: String? {
        guard let marker = containerInstanceArn.range(of: ":container-instance/") else { return nil }
        let path = containerInstanceArn[marker.upperBound...].split(separator: "/", omittingEmptySubsequences: false)
        return path.count == 2 && !path[0].isEmpty ? String(path[0]) : nil
    }

    /// The id ECS prints in placement messages (`container-instance 1a7e...`): the ARN's last component.
    public var shortId: String { ARN.lastComponent(containerInstanceArn) }

    /// The EC2 instance type ECS recorded at registration (`ecs.instance-type`).
    public var instanceType: String? { attribute("ecs.instance-type") }

    /// The trunk network interface ECS attached, when ENI trunking is on for
    /// this instance: "If this attribute exists, the instance has a trunk
    /// network interface" (ECS Developer Guide, Amazon ECS container instance
    /// attributes, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html#attributes).
    public var trunkInterfaceId: String? { attribute("ecs.awsvpc-trunk-id") }

    /// Whether the instance has the trunk attribute (its value may be absent in hand-made inputs).
    public var hasTrunkInterface: Bool { attributes.contains { $0.name == "ecs.awsvpc-trunk-id" } }
}

/// One ECS account setting (`aws ecs list-account-settings`): its value for
/// one principal. A setting of the account's root principal is the account
/// default (`put-account-setting-default`).
public struct AccountSetting: Sendable {
    public var location: String
    public var name: String
    public var value: String?
    public var principalArn: String?

    init(_ node: JSONNode) throws {
        location = node.location
        name = try node.string("name") ?? ""
        value = try node.string("value")
        principalArn = try node.string("principalArn")
    }

    public var isEnabled: Bool { value?.lowercased() == "enabled" || value?.lowercased() == "on" }

    /// Whether it is the account default (the root principal's setting).
    public var isAccountDefault: Bool { principalArn.map { $0.hasSuffix(":root") } ?? true }

    /// The key merging duplicates: one value per setting and principal.
    var mergeKey: String { name + "|" + (principalArn ?? "") }
}
