import ECSTriage

/// What `collect` is asked for: a cluster, and optionally services and tasks in it.
public struct CollectRequest: Sendable, Equatable {
    public var cluster: String
    /// Service names or ARNs. None and no tasks: every service of the cluster.
    public var services: [String]
    /// Task ids or ARNs, described whether or not a service owns them.
    public var tasks: [String]
    /// `--region`, when given; the snapshot records it.
    public var region: String?
    /// How many of the last lines of each stopped task's container log to read (`--log-lines`); 0 reads none.
    public var logLines: Int
    /// Whether to read the services' and target groups' CloudWatch metrics (`--no-metrics` does not).
    public var readsMetrics: Bool

    public static let defaultLogLines = 100

    public init(cluster: String, services: [String] = [], tasks: [String] = [], region: String? = nil, logLines: Int = defaultLogLines,
                readsMetrics: Bool = true) {
        self.cluster = cluster
        self.services = services
        self.tasks = tasks
        self.region = region
        self.logLines = logLines
        self.readsMetrics = readsMetrics
    }
}

public struct CallRecord: Sendable {
    public let call: AWSCall
    public let outcome: CallOutcome
}

/// Decides what to call next from what was collected: services give tasks,
/// tasks give definitions, definitions give roles, log groups, secrets and
/// images; subnets give VPCs, whose route tables give prefix lists, and so
/// on. Every call filters by id or VPC; none lists the whole account.
///
/// Pure: the `Collector` runs the calls and records the outcomes; the
/// planner is asked again until it has nothing left to call.
public struct CollectPlanner: Sendable {
    public let request: CollectRequest
    /// When the collection started (seconds since the epoch): the end of the metrics' window.
    public let now: Double
    /// Every call made so far with its outcome, in the order issued.
    public private(set) var records: [CallRecord] = []
    private var issued: Set<AWSCall> = []
    /// Ids already asked for, per batched lookup.
    private var requested: [BatchLookup: Set<String>] = [:]
    /// Whether the one metrics call was planned (it may have had nothing to ask).
    private var metricsPlanned = false

    /// Batch sizes of the APIs (describe-services takes 10, describe-tasks 100...).
    static let servicesPerCall = 10
    static let tasksPerCall = 100
    static let loadBalancersPerCall = 20
    static let parametersPerCall = 50
    static let filterValuesPerCall = 100

    public init(request: CollectRequest, now: Double) {
        self.request = request
        self.now = now
    }

    /// The calls that what was collected so far makes possible and that were
    /// not made yet; empty when the collection is complete. The identity
    /// call comes first, alone: without credentials nothing else can work.
    public mutating func nextCalls() -> [AWSCall] {
        guard issued.contains(where: { $0.operation == .stsGetCallerIdentity }) else {
            return issue([AWSCall(.stsGetCallerIdentity)])
        }
        var calls = singleCalls() + logCalls()
        for lookup in BatchLookup.allCases {
            let new = wantedIds(lookup).filter { !requested[lookup, default: []].contains($0) }
            guard !new.isEmpty else { continue }
            requested[lookup, default: []].formUnion(new)
            calls += batchCalls(lookup, new)
        }
        let planned = issue(calls)
        // Metrics last, in one call, when every service, cluster, task and target group is known.
        guard planned.isEmpty, request.readsMetrics, !metricsPlanned else { return planned }
        metricsPlanned = true
        return issue(metricsPlan?.call.map { [$0] } ?? [])
    }

    /// The metrics call's plan for what was collected.
    var metricsPlan: MetricQueryPlan? {
        MetricQueryPlan.plan(clusters: collected(.ecsDescribeClusters, "clusters.*"), services: services, tasks: tasks,
                             targetGroups: collected(.elbv2DescribeTargetGroups, "TargetGroups.*"), now: now)
    }

    public mutating func record(_ call: AWSCall, _ outcome: CallOutcome) {
        records.append(CallRecord(call: call, outcome: outcome))
    }

    private mutating func issue(_ calls: [AWSCall]) -> [AWSCall] {
        calls.filter { issued.insert($0).inserted }
    }

    // MARK: What was collected

    func outputs(_ operation: AWSOperation) -> [(call: AWSCall, output: JSONValue)] {
        records.compactMap { record in
            guard record.call.operation == operation, let output = record.outcome.output else { return nil }
            return (record.call, output)
        }
    }

    func collected(_ operation: AWSOperation, _ path: String) -> [JSONValue] {
        outputs(operation).flatMap { $0.output.values(path) }
    }

    var services: [JSONValue] { collected(.ecsDescribeServices, "services.*") }
    var tasks: [JSONValue] { collected(.ecsDescribeTasks, "tasks.*") }
    var taskDefinitions: [JSONValue] { collected(.ecsDescribeTaskDefinition, "taskDefinition") }
    var containerDefinitions: [JSONValue] { taskDefinitions.flatMap { $0.values("containerDefinitions.*") } }

    /// Subnets and security groups of the services and their deployments.
    var serviceNetwork: [JSONValue] {
        services.flatMap { $0.values("networkConfiguration.awsvpcConfiguration") + $0.values("deployments.*.networkConfiguration.awsvpcConfiguration") }
    }

    /// A value of the tasks' ENI attachments (`subnetId`, `networkInterfaceId`).
    func taskENIDetail(_ name: String) -> [String] {
        tasks.flatMap { $0.values("attachments.*") }
            .filter { $0["type"]?.stringValue == "ElasticNetworkInterface" }
            .flatMap { $0.values("details.*") }
            .filter { $0["name"]?.stringValue == name }
            .compactMap { $0["value"]?.stringValue }
    }

    private func regionOverride(_ region: String?) -> String? {
        guard let region, !region.isEmpty, region != request.region else { return nil }
        return region
    }

    // MARK: Calls for one resource each

    private func singleCalls() -> [AWSCall] {
        let cluster = request.cluster
        var calls = [AWSCall(.ecsDescribeClusters, ["clusters": .strings([cluster])])]
        if !request.services.isEmpty {
            for service in request.services.map(Self.lastComponent).uniqued() {
                for status in ["RUNNING", "STOPPED"] {
                    calls.append(AWSCall(.ecsListTasks, ["cluster": .string(cluster), "serviceName": .string(service), "desiredStatus": .string(status)]))
                }
            }
        } else if request.tasks.isEmpty {
            calls.append(AWSCall(.ecsListServices, ["cluster": .string(cluster)]))
            for status in ["RUNNING", "STOPPED"] {
                calls.append(AWSCall(.ecsListTasks, ["cluster": .string(cluster), "desiredStatus": .string(status)]))
            }
        }
        let definitions = services.flatMap { $0.strings("taskDefinition") + $0.strings("deployments.*.taskDefinition") }
            + tasks.flatMap { $0.strings("taskDefinitionArn") }
        for definition in definitions.uniqued() {
            calls.append(AWSCall(.ecsDescribeTaskDefinition, ["taskDefinition": .string(definition)]))
        }
        let registered = collected(.ecsDescribeClusters, "clusters.*.registeredContainerInstancesCount").compactMap { value -> Double? in
            if case let .number(count) = value { return count } else { return nil }
        }
        if registered.contains(where: { $0 > 0 }) {
            calls.append(AWSCall(.ecsListContainerInstances, ["cluster": .string(cluster)]))
            // Whether container instances launched from now on get a trunk interface (more awsvpc tasks per instance).
            calls.append(AWSCall(.ecsListAccountSettings, ["name": .string("awsvpcTrunking"), "effectiveSettings": .boolean(true)]))
        } else if registered.contains(0), Self.lastComponent(cluster) != "default", services.contains(where: Self.runsOnContainerInstances) {
            // An EC2 service's cluster with no instance: instances launched without ECS_CLUSTER joined `default` instead.
            calls.append(AWSCall(.ecsListContainerInstances, ["cluster": .string("default")]))
        }

        for arn in services.flatMap({ $0.strings("loadBalancers.*.targetGroupArn") }).uniqued() {
            calls.append(AWSCall(.elbv2DescribeTargetGroups, ["TargetGroupArns": .strings([arn])], subjects: [arn]))
            calls.append(AWSCall(.elbv2DescribeTargetHealth, ["TargetGroupArn": .string(arn)], subjects: [arn]))
            calls.append(AWSCall(.elbv2DescribeTargetGroupAttributes, ["TargetGroupArn": .string(arn)], subjects: [arn]))
        }
        for arn in collected(.elbv2DescribeLoadBalancers, "LoadBalancers.*.LoadBalancerArn").compactMap(\.stringValue).uniqued() {
            calls.append(AWSCall(.elbv2DescribeListeners, ["LoadBalancerArn": .string(arn)]))
        }
        for name in services.flatMap({ $0.strings("loadBalancers.*.loadBalancerName") }).uniqued() {
            calls.append(AWSCall(.elbDescribeLoadBalancers, ["LoadBalancerNames": .strings([name])]))
        }

        let roles = taskDefinitions.flatMap { $0.strings("executionRoleArn") + $0.strings("taskRoleArn") }.map(Self.roleName)
        for role in roles.uniqued() {
            calls.append(AWSCall(.iamGetRole, ["RoleName": .string(role)], subjects: [role]))
            calls.append(AWSCall(.iamListRolePolicies, ["RoleName": .string(role)], subjects: [role]))
            calls.append(AWSCall(.iamListAttachedRolePolicies, ["RoleName": .string(role)], subjects: [role]))
        }
        for (call, output) in outputs(.iamListRolePolicies) {
            for policy in output.strings("PolicyNames.*") {
                calls.append(AWSCall(.iamGetRolePolicy, ["RoleName": .string(call.subjects[0]), "PolicyName": .string(policy)], subjects: [call.subjects[0], policy]))
            }
        }
        let customerManaged = collected(.iamListAttachedRolePolicies, "AttachedPolicies.*.PolicyArn").compactMap(\.stringValue)
            .filter { ARN.account($0) != "aws" }
        for arn in customerManaged.uniqued() {
            calls.append(AWSCall(.iamGetPolicy, ["PolicyArn": .string(arn)]))
        }
        for policy in collected(.iamGetPolicy, "Policy") {
            guard let arn = policy["Arn"]?.stringValue, let version = policy["DefaultVersionId"]?.stringValue else { continue }
            calls.append(AWSCall(.iamGetPolicyVersion, ["PolicyArn": .string(arn), "VersionId": .string(version)], subjects: [arn]))
        }

        for container in containerDefinitions where container["logConfiguration"]?["logDriver"]?.stringValue == "awslogs" {
            guard let group = container["logConfiguration"]?["options"]?["awslogs-group"]?.stringValue else { continue }
            let region = container["logConfiguration"]?["options"]?["awslogs-region"]?.stringValue
            calls.append(AWSCall(.logsDescribeLogGroups, ["logGroupNamePrefix": .string(group)], region: regionOverride(region)))
        }
        let references = containerDefinitions.flatMap { $0.strings("secrets.*.valueFrom") + $0.strings("repositoryCredentials.credentialsParameter") }
        for reference in references where reference.hasPrefix("arn:") && ARN.field(reference, 2) == "secretsmanager" {
            let base = reference.split(separator: ":", omittingEmptySubsequences: false).prefix(7).joined(separator: ":")
            calls.append(AWSCall(.secretsManagerDescribeSecret, ["SecretId": .string(base)], region: regionOverride(ARN.region(base))))
        }
        for image in containerDefinitions.flatMap({ $0.strings("image") }).compactMap(ECRReference.init) {
            let region = regionOverride(image.region)
            calls.append(AWSCall(.ecrDescribeRepositories, ["registryId": .string(image.registry), "repositoryNames": .strings([image.repository])], region: region))
            calls.append(AWSCall(.ecrDescribeImages, ["registryId": .string(image.registry), "repositoryName": .string(image.repository),
                                                     "imageIds": .list([.structure([image.imageId])])], region: region))
        }
        for fileSystem in taskDefinitions.flatMap({ $0.strings("volumes.*.efsVolumeConfiguration.fileSystemId") }).uniqued() {
            calls.append(AWSCall(.efsDescribeMountTargets, ["FileSystemId": .string(fileSystem)]))
        }
        return calls
    }

    /// The `get-log-events` calls not made yet, within the collection's cap:
    /// tasks described in a later round cannot raise the number of streams read.
    private func logCalls() -> [AWSCall] {
        let made = issued.filter { $0.operation == .logsGetLogEvents }
        let room = ContainerLogPlan.streamLimit - made.count
        guard room > 0 else { return [] }
        let calls = ContainerLogPlan.targets(tasks: tasks, definitions: taskDefinitions, lines: request.logLines).compactMap { target in
            ContainerLogPlan.call(target, lines: request.logLines, region: regionOverride(target.region))
        }
        return Array(calls.filter { !made.contains($0) }.prefix(room))
    }

    // MARK: Calls for many resources at once

    /// Lookups that take many ids per call; new ids found later get their own call.
    enum BatchLookup: CaseIterable, Sendable {
        case services, tasks, containerInstances, instances, subnets, vpcs, prefixLists
        case securityGroups, networkInterfaces, loadBalancers, parameters
    }

    private func wantedIds(_ lookup: BatchLookup) -> [String] {
        let ids: [String]
        switch lookup {
        case .services:
            // A task named alone (from an EventBridge event) brings its service: `group` is `service:<name>`.
            let owners = tasks.flatMap { $0.strings("group") }.filter { $0.hasPrefix("service:") }.map { String($0.dropFirst("service:".count)) }
            ids = (request.services + collected(.ecsListServices, "serviceArns.*").compactMap(\.stringValue) + owners).map(Self.lastComponent)
        case .tasks:
            ids = request.tasks + collected(.ecsListTasks, "taskArns.*").compactMap(\.stringValue)
        case .containerInstances:
            ids = tasks.flatMap { $0.strings("containerInstanceArn") }
                + collected(.ecsListContainerInstances, "containerInstanceArns.*").compactMap(\.stringValue)
        case .instances:
            ids = collected(.ecsDescribeContainerInstances, "containerInstances.*.ec2InstanceId").compactMap(\.stringValue)
        case .subnets:
            ids = serviceNetwork.flatMap { $0.strings("subnets.*") } + taskENIDetail("subnetId")
                + collected(.ec2DescribeInstances, "Reservations.*.Instances.*.SubnetId").compactMap(\.stringValue)
        case .vpcs:
            ids = collected(.ec2DescribeSubnets, "Subnets.*.VpcId").compactMap(\.stringValue)
        case .prefixLists:
            ids = collected(.ec2DescribeRouteTables, "RouteTables.*.Routes.*.DestinationPrefixListId").compactMap(\.stringValue)
        case .securityGroups:
            ids = serviceNetwork.flatMap { $0.strings("securityGroups.*") }
                + collected(.ec2DescribeNetworkInterfaces, "NetworkInterfaces.*.Groups.*.GroupId").compactMap(\.stringValue)
                + collected(.elbv2DescribeLoadBalancers, "LoadBalancers.*.SecurityGroups.*").compactMap(\.stringValue)
                + collected(.elbDescribeLoadBalancers, "LoadBalancerDescriptions.*.SecurityGroups.*").compactMap(\.stringValue)
                + collected(.ec2DescribeVpcEndpoints, "VpcEndpoints.*.Groups.*.GroupId").compactMap(\.stringValue)
                + collected(.ec2DescribeInstances, "Reservations.*.Instances.*.SecurityGroups.*.GroupId").compactMap(\.stringValue)
        case .networkInterfaces:
            ids = taskENIDetail("networkInterfaceId")
                + collected(.efsDescribeMountTargets, "MountTargets.*.NetworkInterfaceId").compactMap(\.stringValue)
        case .loadBalancers:
            ids = collected(.elbv2DescribeTargetGroups, "TargetGroups.*.LoadBalancerArns.*").compactMap(\.stringValue)
        case .parameters:
            // "region<TAB>name": parameters are described per region.
            ids = containerDefinitions.flatMap { $0.strings("secrets.*.valueFrom") }.compactMap { reference in
                guard let name = Self.parameterName(reference) else { return nil }
                return (reference.hasPrefix("arn:") ? regionOverride(ARN.region(reference)) ?? "" : "") + "\t" + name
            }
        }
        return ids.filter { !$0.isEmpty }.uniqued()
    }

    private func batchCalls(_ lookup: BatchLookup, _ ids: [String]) -> [AWSCall] {
        let cluster = request.cluster
        func filtered(_ operation: AWSOperation, _ filter: String, parameter: String = "Filters") -> [AWSCall] {
            ids.chunked(Self.filterValuesPerCall).map { AWSCall(operation, [parameter: .filter(filter, $0)]) }
        }
        switch lookup {
        case .services:
            return ids.chunked(Self.servicesPerCall).map { AWSCall(.ecsDescribeServices, ["cluster": .string(cluster), "services": .strings($0)]) }
        case .tasks:
            return ids.chunked(Self.tasksPerCall).map { AWSCall(.ecsDescribeTasks, ["cluster": .string(cluster), "tasks": .strings($0)]) }
        case .containerInstances:
            // Each is described in the cluster its ARN names (`container-instance/<cluster>/<id>`): those found in `default` there.
            let byCluster = Dictionary(grouping: ids) { id in
                Self.clusterOfContainerInstance(id).flatMap { $0 == Self.lastComponent(cluster) ? nil : $0 } ?? cluster
            }
            return byCluster.keys.sorted().flatMap { name in
                byCluster[name]!.chunked(Self.tasksPerCall).map { AWSCall(.ecsDescribeContainerInstances, ["cluster": .string(name), "containerInstances": .strings($0)]) }
            }
        case .instances:
            return filtered(.ec2DescribeInstances, "instance-id")
        case .subnets:
            return filtered(.ec2DescribeSubnets, "subnet-id")
        case .vpcs:
            var calls = filtered(.ec2DescribeVpcs, "vpc-id")
            for vpc in ids {
                for attribute in ["enableDnsSupport", "enableDnsHostnames"] {
                    calls.append(AWSCall(.ec2DescribeVpcAttribute, ["VpcId": .string(vpc), "Attribute": .string(attribute)]))
                }
            }
            return calls + filtered(.ec2DescribeRouteTables, "vpc-id") + filtered(.ec2DescribeInternetGateways, "attachment.vpc-id")
                + filtered(.ec2DescribeNatGateways, "vpc-id", parameter: "Filter") + filtered(.ec2DescribeVpcEndpoints, "vpc-id")
                + filtered(.ec2DescribeNetworkAcls, "vpc-id")
        case .prefixLists:
            return filtered(.ec2DescribePrefixLists, "prefix-list-id")
        case .securityGroups:
            return filtered(.ec2DescribeSecurityGroups, "group-id")
        case .networkInterfaces:
            return filtered(.ec2DescribeNetworkInterfaces, "network-interface-id")
        case .loadBalancers:
            return ids.chunked(Self.loadBalancersPerCall).map { AWSCall(.elbv2DescribeLoadBalancers, ["LoadBalancerArns": .strings($0)]) }
        case .parameters:
            let byRegion = Dictionary(grouping: ids) { String($0.prefix { $0 != "\t" }) }
            return byRegion.keys.sorted().flatMap { region in
                let names = byRegion[region]!.map { String($0.drop { $0 != "\t" }.dropFirst()) }
                return names.chunked(Self.parametersPerCall).map { chunk in
                    let filter = AWSValue.structure([AWSParameter("Key", "Name"), AWSParameter("Option", "Equals"), AWSParameter("Values", .strings(chunk))])
                    return AWSCall(.ssmDescribeParameters, ["ParameterFilters": .list([filter])], region: regionOverride(region), subjects: chunk)
                }
            }
        }
    }

    // MARK: Names

    static func lastComponent(_ nameOrArn: String) -> String {
        nameOrArn.split(separator: "/").last.map(String.init) ?? nameOrArn
    }

    /// The cluster a container instance ARN names (`...:container-instance/<cluster>/<id>`); nil for an id or the old ARN format.
    static func clusterOfContainerInstance(_ arn: String) -> String? {
        guard let marker = arn.range(of: ":container-instance/") else { return nil }
        let path = arn[marker.upperBound...].split(separator: "/", omittingEmptySubsequences: false)
        return path.count == 2 && !path[0].isEmpty ? String(path[0]) : nil
    }

    /// A described service placed on container instances: the EC2 launch type, or a strategy without Fargate providers.
    static func runsOnContainerInstances(_ service: JSONValue) -> Bool {
        if let launchType = service["launchType"]?.stringValue { return launchType == "EC2" }
        let providers = service.strings("capacityProviderStrategy.*.capacityProvider")
        return !providers.isEmpty && !providers.contains { $0.hasPrefix("FARGATE") }
    }

    /// `arn:aws:iam::1:role/path/name` and `name` both give `name`.
    static func roleName(_ reference: String) -> String { lastComponent(reference) }

    /// The SSM parameter a `valueFrom` names, or nil for a Secrets Manager secret.
    static func parameterName(_ valueFrom: String) -> String? {
        guard valueFrom.hasPrefix("arn:") else { return valueFrom }
        guard ARN.field(valueFrom, 2) == "ssm", let range = valueFrom.range(of: ":parameter/") else { return nil }
        let path = String(valueFrom[range.upperBound...])
        // arn:...:parameter/prod/db is "/prod/db"; arn:...:parameter/db is "db".
        return path.contains("/") ? "/" + path : path
    }
}

/// An Amazon ECR image URI: `<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag][@digest]`.
struct ECRReference: Equatable {
    var registry: String
    var region: String
    var repository: String
    /// The image id: the digest when pinned, else the tag (ECS pulls `latest` without one).
    var imageId: AWSParameter

    init(registry: String, region: String, repository: String, imageId: AWSParameter) {
        self.registry = registry
        self.region = region
        self.repository = repository
        self.imageId = imageId
    }

    /// Read through the analysis's one image-reference parser.
    init?(_ uri: String) {
        let image = ImageReference(uri)
        guard image.isECR, let account = image.account, let region = image.region,
              account.count == 12, account.allSatisfy(\.isNumber), !image.repository.isEmpty else { return nil }
        let imageId = image.digest.map { AWSParameter("imageDigest", .string($0)) } ?? AWSParameter("imageTag", .string(image.tag ?? "latest"))
        self.init(registry: account, region: region, repository: image.repository, imageId: imageId)
    }
}
