/// The one indexed view of a snapshot that every rule shares. Built once in
/// time linear in the snapshot; rules ask it instead of scanning raw lists.
/// A class: every rule context and workload network holds it, and copying
/// a struct of thirty dictionaries retained each of them.
///
/// The only way rules see the snapshot: its lists are private here, and
/// `IndexBoundaryTests` fails if a rule reaches past the index.
public final class SnapshotIndex: Sendable {
    private let snapshot: Snapshot
    public let workloads: [Workload]
    /// Every task definition once, with the workloads that run it.
    public let definitionUses: [DefinitionUse]
    /// Every target-group attachment of every service, in snapshot order.
    public let serviceTargets: [ServiceTarget]

    private let taskDefinitionsByKey: [String: TaskDefinition]
    private let subnetsById: [String: Subnet]
    private let routeTablesById: [String: RouteTable]
    private let routeTableIdBySubnet: [String: String]
    private let mainRouteTableIdByVpc: [String: String]
    private let internetGatewayIdsByVpc: [String: [String]]
    private let natGatewaysById: [String: NatGateway]
    private let endpointsByVpc: [String: [VpcEndpoint]]
    private let vpcsById: [String: Vpc]
    private let securityGroupsById: [String: SecurityGroup]
    private let networkInterfacesById: [String: NetworkInterface]
    private let prefixListsById: [String: PrefixList]
    private let targetGroupsByArn: [String: TargetGroup]
    private let targetHealthByTargetGroup: [String: [TargetHealthDescription]]
    private let loadBalancersByArn: [String: LoadBalancer]
    private let rolesByArn: [String: IAMRole]
    private let rolesByName: [String: IAMRole]
    private let managedPoliciesByArn: [String: ManagedPolicy]
    private let rolesByInstanceProfile: [String: IAMRole]
    private let instancesById: [String: EC2Instance]
    private let secretsByArn: [String: SecretMetadata]
    private let secretsByPartialArn: [String: SecretMetadata]
    private let executionRoleNames: Set<String>
    private let taskRoleNames: Set<String>
    /// Role name → what proves it absent (a `get-role` NoSuchEntity that `collect` recorded).
    private let roleNotFoundErrors: [String: CollectError]
    private let workloadPositionsByDefinition: [String: [Int]]
    private let workloadIndexByResource: [String: Int]
    private let workloadPositionsByTargetGroup: [String: [Int]]
    private let workloadPositionsByServiceName: [String: [Int]]
    private let networkAclIdBySubnet: [String: String]
    private let defaultNetworkAclIdByVpc: [String: String]
    private let networkAclsById: [String: NetworkAcl]
    private let logGroupNames: Set<String>
    private let containerInstancesByArn: [String: ContainerInstance]
    /// `describe-clusters` entries by ARN and by name.
    private let clustersByKey: [String: Cluster]
    private let containerInstancesByEC2Id: [String: ContainerInstance]
    private let containerInstancesByCluster: [String: [ContainerInstance]]
    private let containerInstancesOfUnknownCluster: [ContainerInstance]
    private let accountSettingsByName: [String: [AccountSetting]]
    private let instancesByProfile: [String: [EC2Instance]]
    private let definitionUseByArn: [String: DefinitionUse]
    private let mountTargetsByFileSystem: [String: [EFSMountTarget]]
    private let mountTargetSecurityGroupsById: [String: MountTargetSecurityGroups]
    private let subnetsByVpc: [String: [Subnet]]
    private let natGatewaysByVpc: [String: [NatGateway]]
    private let ecrRepositoryNames: Set<String>
    private let ecrImagesByRepository: [String: [ECRImageDetail]]
    private let ecrListedRegistries: Set<String>
    private let ecrUnreadRepositories: Set<String>
    private let classicLoadBalancersByName: [String: ClassicLoadBalancer]
    private let listenersByLoadBalancer: [String: [Listener]]
    private let loadBalancersByVpc: [String: [LoadBalancer]]
    private let listenersByTargetGroup: [String: [Listener]]
    private let subnetsByVpcAndZone: [String: [Subnet]]
    private let invalidParameterNames: Set<String>
    private let prefixListIdsByName: [String: String]
    private let tasksByArn: [String: ECSTask]
    /// CloudWatch series by what they measure (`MetricSubject.key`).
    private let metricsBySubject: [String: [MetricSeries]]

    public init(_ snapshot: Snapshot) {
        self.snapshot = snapshot
        var definitions: [String: TaskDefinition] = [:]
        for definition in snapshot.taskDefinitions {
            definitions[definition.taskDefinitionArn] = definition
            definitions[definition.familyRevision] = definition
        }
        taskDefinitionsByKey = definitions
        subnetsById = SnapshotIndex.unique(snapshot.subnets, \.subnetId)
        routeTablesById = SnapshotIndex.unique(snapshot.routeTables, \.routeTableId)
        var explicit: [String: String] = [:]
        var main: [String: String] = [:]
        for table in snapshot.routeTables {
            for association in table.associations {
                if let subnetId = association.subnetId { explicit[subnetId] = table.routeTableId }
                if association.main, let vpcId = table.vpcId { main[vpcId] = table.routeTableId }
            }
        }
        routeTableIdBySubnet = explicit
        mainRouteTableIdByVpc = main
        var gateways: [String: [String]] = [:]
        for gateway in snapshot.internetGateways {
            for vpcId in gateway.attachedVpcIds { gateways[vpcId, default: []].append(gateway.internetGatewayId) }
        }
        internetGatewayIdsByVpc = gateways
        natGatewaysById = SnapshotIndex.unique(snapshot.natGateways, \.natGatewayId)
        endpointsByVpc = Dictionary(grouping: snapshot.vpcEndpoints.filter { $0.vpcId != nil }, by: { $0.vpcId! })
        vpcsById = SnapshotIndex.unique(snapshot.vpcs, \.vpcId)
        securityGroupsById = SnapshotIndex.unique(snapshot.securityGroups, \.groupId)
        networkInterfacesById = SnapshotIndex.unique(snapshot.networkInterfaces, \.networkInterfaceId)
        prefixListsById = SnapshotIndex.unique(snapshot.prefixLists, \.prefixListId)
        targetGroupsByArn = SnapshotIndex.unique(snapshot.targetGroups, \.targetGroupArn)
        targetHealthByTargetGroup = Dictionary(grouping: snapshot.targetHealth.filter { $0.targetGroupArn != nil }, by: { $0.targetGroupArn! })
        loadBalancersByArn = SnapshotIndex.unique(snapshot.loadBalancers, \.loadBalancerArn)
        rolesByArn = SnapshotIndex.unique(snapshot.roles, \.arn)
        rolesByName = SnapshotIndex.unique(snapshot.roles, \.roleName)
        managedPoliciesByArn = SnapshotIndex.unique(snapshot.managedPolicies, \.arn)
        containerInstancesByArn = SnapshotIndex.unique(snapshot.containerInstances, \.containerInstanceArn)
        var clusters: [String: Cluster] = [:]
        for cluster in snapshot.clusters {
            clusters[cluster.clusterArn] = cluster
            clusters[cluster.name] = cluster
        }
        clustersByKey = clusters
        var byProfile: [String: IAMRole] = [:]
        for role in snapshot.roles {
            for profile in role.instanceProfileArns { byProfile[profile] = role }
        }
        rolesByInstanceProfile = byProfile
        instancesById = SnapshotIndex.unique(snapshot.instances, \.instanceId)
        secretsByArn = SnapshotIndex.unique(snapshot.secrets, \.arn)
        var partial: [String: SecretMetadata] = [:]
        for secret in snapshot.secrets where secret.arn.count > 7 { partial[String(secret.arn.dropLast(7))] = secret }
        secretsByPartialArn = partial
        executionRoleNames = Set(snapshot.taskDefinitions.compactMap(\.executionRoleArn).map(ARN.roleName))
        taskRoleNames = Set(snapshot.taskDefinitions.compactMap(\.taskRoleArn).map(ARN.roleName))
        var notFound: [String: CollectError] = [:]
        for error in snapshot.collectErrors {
            if let name = error.roleNotFound { notFound[name] = error }
        }
        roleNotFoundErrors = notFound
        let workloads = SnapshotIndex.buildWorkloads(snapshot, definitions: definitions, interfaces: SnapshotIndex.unique(snapshot.networkInterfaces, \.networkInterfaceId))
        self.workloads = workloads
        var byResource: [String: Int] = [:]
        for (position, workload) in workloads.enumerated() {
            for id in workload.resourceIds { byResource[id] = position }
        }
        workloadIndexByResource = byResource
        var byTargetGroup: [String: [Int]] = [:]
        for (position, workload) in workloads.enumerated() {
            for arn in Set(workload.service?.loadBalancers.compactMap(\.targetGroupArn) ?? []) { byTargetGroup[arn, default: []].append(position) }
        }
        workloadPositionsByTargetGroup = byTargetGroup
        var byServiceName: [String: [Int]] = [:]
        for (position, workload) in workloads.enumerated() {
            if let name = workload.service?.serviceName { byServiceName[name, default: []].append(position) }
        }
        workloadPositionsByServiceName = byServiceName
        metricsBySubject = Dictionary(grouping: snapshot.metrics.filter { $0.notRead == nil && !$0.points.isEmpty }) { MetricSubject.key(of: $0) }
        var byDefinition: [String: [Int]] = [:]
        for (position, workload) in workloads.enumerated() {
            if let arn = workload.taskDefinition?.taskDefinitionArn { byDefinition[arn, default: []].append(position) }
        }
        workloadPositionsByDefinition = byDefinition
        let positionsByDefinition = byDefinition
        logGroupNames = Set(snapshot.logGroups.map(\.logGroupName))
        var aclBySubnet: [String: String] = [:]
        var defaultAcl: [String: String] = [:]
        for acl in snapshot.networkAcls {
            for subnetId in acl.subnetIds { aclBySubnet[subnetId] = acl.networkAclId }
            if acl.isDefault, let vpcId = acl.vpcId { defaultAcl[vpcId] = acl.networkAclId }
        }
        networkAclIdBySubnet = aclBySubnet
        defaultNetworkAclIdByVpc = defaultAcl
        networkAclsById = SnapshotIndex.unique(snapshot.networkAcls, \.networkAclId)
        var byEC2Id: [String: ContainerInstance] = [:]
        for instance in snapshot.containerInstances {
            if let id = instance.ec2InstanceId { byEC2Id[id] = instance }
        }
        containerInstancesByEC2Id = byEC2Id
        containerInstancesByCluster = Dictionary(grouping: snapshot.containerInstances.filter { $0.clusterName != nil }, by: { $0.clusterName! })
        containerInstancesOfUnknownCluster = snapshot.containerInstances.filter { $0.clusterName == nil }
        accountSettingsByName = Dictionary(grouping: snapshot.accountSettings, by: \.name)
        instancesByProfile = Dictionary(grouping: snapshot.instances.filter { $0.instanceProfileArn != nil }, by: { $0.instanceProfileArn! })
        mountTargetsByFileSystem = Dictionary(grouping: snapshot.mountTargets.filter { $0.fileSystemId != nil }, by: { $0.fileSystemId! })
        mountTargetSecurityGroupsById = SnapshotIndex.unique(snapshot.mountTargetSecurityGroups, \.mountTargetId)
        subnetsByVpc = Dictionary(grouping: snapshot.subnets.filter { $0.vpcId != nil }, by: { $0.vpcId! })
        natGatewaysByVpc = Dictionary(grouping: snapshot.natGateways.filter { $0.vpcId != nil }, by: { $0.vpcId! })
        ecrRepositoryNames = Set(snapshot.ecrRepositories.map(\.repositoryName))
        ecrImagesByRepository = Dictionary(grouping: snapshot.ecrImages.filter { $0.repositoryName != nil }, by: { $0.repositoryName! })
        ecrListedRegistries = Set(snapshot.ecrRepositories.compactMap(\.registryId) + snapshot.ecrImages.compactMap(\.registryId))
        ecrUnreadRepositories = SnapshotIndex.unreadRepositories(snapshot.collectErrors)
        classicLoadBalancersByName = SnapshotIndex.unique(snapshot.classicLoadBalancers, \.loadBalancerName)
        listenersByLoadBalancer = Dictionary(grouping: snapshot.listeners.filter { $0.loadBalancerArn != nil }, by: { $0.loadBalancerArn! })
        loadBalancersByVpc = Dictionary(grouping: snapshot.loadBalancers.filter { $0.vpcId != nil }, by: { $0.vpcId! })
        var listenersByGroup: [String: [Listener]] = [:]
        for listener in SnapshotIndex.unique(snapshot.listeners, \.listenerArn).values.sorted(by: { $0.listenerArn < $1.listenerArn }) {
            for arn in Set(listener.targetGroupArns) { listenersByGroup[arn, default: []].append(listener) }
        }
        listenersByTargetGroup = listenersByGroup
        subnetsByVpcAndZone = Dictionary(grouping: snapshot.subnets.filter { $0.vpcId != nil && $0.availabilityZone != nil },
                                         by: { $0.vpcId! + " " + $0.availabilityZone! })
        invalidParameterNames = Set(snapshot.invalidParameters)
        var prefixLists: [String: String] = [:]
        for list in snapshot.prefixLists {
            if let name = list.prefixListName { prefixLists[name] = list.prefixListId }
        }
        prefixListIdsByName = prefixLists
        tasksByArn = SnapshotIndex.unique(snapshot.tasks, \.taskArn)
        var seenDefinitions = Set<String>()
        definitionUses = snapshot.taskDefinitions.compactMap { definition in
            guard seenDefinitions.insert(definition.taskDefinitionArn).inserted else { return nil }
            return DefinitionUse(definition: definition, workloads: (positionsByDefinition[definition.taskDefinitionArn] ?? []).map { workloads[$0] })
        }
        definitionUseByArn = SnapshotIndex.unique(definitionUses) { $0.definition.taskDefinitionArn }
        serviceTargets = ServiceTarget.all(in: workloads, targetGroups: SnapshotIndex.unique(snapshot.targetGroups, \.targetGroupArn),
                                           loadBalancers: SnapshotIndex.unique(snapshot.loadBalancers, \.loadBalancerArn))
    }

    // MARK: The snapshot as a whole

    /// Whether the snapshot holds a kind of data, even empty: an empty
    /// `VpcEndpoints` means "no endpoints", a missing one "unknown".
    public func has(_ section: SnapshotSection) -> Bool { snapshot.has(section) }

    /// The region the snapshot was taken in, when it says or its ARNs do.
    public var region: String? { snapshot.region }

    /// The account, from the snapshot or, failing that, its roles' ARNs.
    public var accountId: String? { snapshot.accountId ?? snapshot.roles.lazy.compactMap { ARN.account($0.arn) }.first }

    /// Services and tasks together: how big the workload part of the snapshot is.
    public var workloadResourceCount: Int { snapshot.tasks.count + snapshot.services.count }

    private static func unique<T>(_ items: [T], _ key: (T) -> String) -> [String: T] {
        var result: [String: T] = [:]
        result.reserveCapacity(items.count)
        for item in items {
            let id = key(item)
            if !id.isEmpty { result[id] = item }
        }
        return result
    }

    // MARK: ECS

    /// A definition by ARN, `family:revision`, or a family alone (latest in the snapshot).
    public func taskDefinition(_ reference: String?) -> TaskDefinition? {
        guard let reference else { return nil }
        if let found = taskDefinitionsByKey[reference] { return found }
        return taskDefinitionsByKey[ARN.lastComponent(reference)]
    }

    private static func buildWorkloads(_ snapshot: Snapshot, definitions: [String: TaskDefinition],
                                       interfaces: [String: NetworkInterface]) -> [Workload] {
        func definition(_ reference: String?) -> TaskDefinition? {
            guard let reference else { return nil }
            return definitions[reference] ?? definitions[ARN.lastComponent(reference)]
        }
        // Tasks are grouped under their service by cluster and service name.
        var tasksByService: [String: [ECSTask]] = [:]
        var serviceKeys = Set<String>()
        for service in snapshot.services {
            serviceKeys.insert(serviceKey(cluster: service.clusterArn, name: service.serviceName))
        }
        var standalone: [ECSTask] = []
        for task in snapshot.tasks {
            if let name = task.serviceName, serviceKeys.contains(serviceKey(cluster: task.clusterArn, name: name)) {
                tasksByService[serviceKey(cluster: task.clusterArn, name: name), default: []].append(task)
            } else if let name = task.serviceName, serviceKeys.contains(serviceKey(cluster: nil, name: name)) {
                tasksByService[serviceKey(cluster: nil, name: name), default: []].append(task)
            } else {
                standalone.append(task)
            }
        }
        var workloads: [Workload] = []
        for service in snapshot.services {
            let key = serviceKey(cluster: service.clusterArn, name: service.serviceName)
            let tasks = tasksByService[key] ?? tasksByService[serviceKey(cluster: nil, name: service.serviceName)] ?? []
            let primaryDeployment = service.deployments.first { $0.status?.uppercased() == "PRIMARY" }
            let definitionReference = primaryDeployment?.taskDefinition ?? service.taskDefinition ?? tasks.first?.taskDefinitionArn
            let network = primaryDeployment?.networkConfiguration ?? service.networkConfiguration
            let isFargate = service.launchType?.uppercased() == "FARGATE"
                || service.capacityProviders.contains { $0.uppercased().hasPrefix("FARGATE") }
                || tasks.contains { $0.launchType?.uppercased() == "FARGATE" }
            var subnets = uniqueStrings(tasks.compactMap { $0.elasticNetworkInterface?.detail("subnetId") })
            if subnets.isEmpty { subnets = network?.subnets ?? [] }
            let publicIp: PublicIpAssignment
            switch network?.assignPublicIp?.uppercased() {
            case "ENABLED": publicIp = .enabled
            case "DISABLED": publicIp = .disabled
            case nil: publicIp = network == nil ? publicIpFromInterfaces(tasks, interfaces) : .disabled
            default: publicIp = .unknown
            }
            workloads.append(Workload(
                name: service.serviceName, service: service, tasks: tasks,
                taskDefinition: definition(definitionReference), clusterArn: service.clusterArn ?? tasks.first?.clusterArn,
                isFargate: isFargate, subnetIds: subnets, securityGroupIds: network?.securityGroups ?? [],
                publicIp: publicIp, networkLocation: network?.location))
        }
        for task in standalone {
            let subnet = task.elasticNetworkInterface?.detail("subnetId")
            var groups: [String] = []
            if let eniId = task.elasticNetworkInterface?.detail("networkInterfaceId"), let eni = interfaces[eniId] {
                groups = eni.securityGroupIds
            }
            workloads.append(Workload(
                name: task.taskId, service: nil, tasks: [task],
                taskDefinition: definition(task.taskDefinitionArn), clusterArn: task.clusterArn,
                isFargate: task.launchType?.uppercased() == "FARGATE" || task.capacityProviderName?.uppercased().hasPrefix("FARGATE") == true,
                subnetIds: subnet.map { [$0] } ?? [], securityGroupIds: groups,
                publicIp: publicIpFromInterfaces([task], interfaces), networkLocation: task.elasticNetworkInterface?.location))
        }
        return workloads
    }

    private static func publicIpFromInterfaces(_ tasks: [ECSTask], _ interfaces: [String: NetworkInterface]) -> PublicIpAssignment {
        for task in tasks {
            if let eniId = task.elasticNetworkInterface?.detail("networkInterfaceId"), let eni = interfaces[eniId] {
                return eni.publicIp == nil ? .disabled : .enabled
            }
        }
        return .unknown
    }

    private static func serviceKey(cluster: String?, name: String) -> String {
        (cluster.map(ARN.clusterName) ?? "") + "/" + name
    }

    private static func uniqueStrings(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// The services and standalone tasks that run this definition.
    public func workloads(using definition: TaskDefinition) -> [Workload] {
        (workloadPositionsByDefinition[definition.taskDefinitionArn] ?? []).map { workloads[$0] }
    }

    /// Every task definition once, in snapshot order.
    public var taskDefinitions: [TaskDefinition] { definitionUses.map(\.definition) }

    /// The definition with the workloads that run it.
    public func definitionUse(_ definition: TaskDefinition) -> DefinitionUse {
        definitionUseByArn[definition.taskDefinitionArn] ?? DefinitionUse(definition: definition, workloads: workloads(using: definition))
    }

    /// The services attached to a target group.
    public func workloads(attachedTo targetGroupArn: String) -> [Workload] {
        (workloadPositionsByTargetGroup[targetGroupArn] ?? []).map { workloads[$0] }
    }

    /// The services of that name (in any cluster the snapshot holds).
    public func workloads(ofServiceNamed name: String) -> [Workload] {
        (workloadPositionsByServiceName[name] ?? []).map { workloads[$0] }
    }

    /// The workload a task or service ARN belongs to.
    /// A task by its ARN.
    public func task(_ arn: String?) -> ECSTask? { arn.flatMap { tasksByArn[$0] } }

    public func workload(for resource: String?) -> Workload? {
        guard let resource, let position = workloadIndexByResource[resource] else { return nil }
        return workloads[position]
    }

    // MARK: Dependencies

    public func logGroupExists(_ name: String) -> Bool { logGroupNames.contains(name) }

    public func networkInterface(_ id: String) -> NetworkInterface? { networkInterfacesById[id] }

    /// The EC2 instances a workload's tasks were placed on (EC2 launch type),
    /// through their container instances; empty when the snapshot cannot tell.
    public func hostInstances(of workload: Workload) -> [EC2Instance] {
        var seen = Set<String>()
        return workload.tasks.compactMap { task -> EC2Instance? in
            guard let arn = task.containerInstanceArn, let instanceId = containerInstancesByArn[arn]?.ec2InstanceId,
                  seen.insert(instanceId).inserted else { return nil }
            return instancesById[instanceId]
        }
    }

    // MARK: VPC

    public func subnet(_ id: String) -> Subnet? { subnetsById[id] }
    /// The subnets of a VPC in one Availability Zone, in snapshot order.
    public func subnets(inVpc vpcId: String, zone: String) -> [Subnet] { subnetsByVpcAndZone[vpcId + " " + zone] ?? [] }
    public func vpc(_ id: String) -> Vpc? { vpcsById[id] }
    public func routeTable(_ id: String) -> RouteTable? { routeTablesById[id] }
    public func natGateway(_ id: String) -> NatGateway? { natGatewaysById[id] }
    public func securityGroup(_ id: String) -> SecurityGroup? { securityGroupsById[id] }
    public func prefixList(_ id: String) -> PrefixList? { prefixListsById[id] }
    public func prefixListId(named name: String) -> String? { prefixListIdsByName[name] }

    /// The route table a subnet uses: its explicit association, else its VPC's main table.
    public func effectiveRouteTable(forSubnet subnetId: String) -> (table: RouteTable, isMain: Bool)? {
        if let id = routeTableIdBySubnet[subnetId], let table = routeTablesById[id] { return (table, false) }
        guard let vpcId = subnetsById[subnetId]?.vpcId, let id = mainRouteTableIdByVpc[vpcId],
              let table = routeTablesById[id] else { return nil }
        return (table, true)
    }

    /// The network ACL of a subnet: its association, else its VPC's default ACL.
    public func networkAcl(forSubnet subnetId: String) -> NetworkAcl? {
        if let id = networkAclIdBySubnet[subnetId] { return networkAclsById[id] }
        guard let vpcId = subnetsById[subnetId]?.vpcId, let id = defaultNetworkAclIdByVpc[vpcId] else { return nil }
        return networkAclsById[id]
    }

    public func internetGatewayIds(attachedTo vpcId: String) -> [String] { internetGatewayIdsByVpc[vpcId] ?? [] }
    /// The VPC's subnets and NAT gateways, in snapshot order.
    public func subnets(inVpc vpcId: String) -> [Subnet] { subnetsByVpc[vpcId] ?? [] }
    public func natGateways(inVpc vpcId: String) -> [NatGateway] { natGatewaysByVpc[vpcId] ?? [] }
    public func networkAcl(_ id: String) -> NetworkAcl? { networkAclsById[id] }
    public func endpoints(inVpc vpcId: String) -> [VpcEndpoint] { endpointsByVpc[vpcId] ?? [] }

    // MARK: Load balancing

    public func targetGroup(_ arn: String) -> TargetGroup? { targetGroupsByArn[arn] }
    /// The CloudWatch series with datapoints of a service (by its cluster and name) or a target group (by its ARN).
    public func metrics(of subject: MetricSubject) -> [MetricSeries] { metricsBySubject[subject.key] ?? [] }
    public func targetHealth(of targetGroupArn: String) -> [TargetHealthDescription] { targetHealthByTargetGroup[targetGroupArn] ?? [] }
    public func loadBalancer(_ arn: String) -> LoadBalancer? { loadBalancersByArn[arn] }
    public func loadBalancers(inVpc vpcId: String) -> [LoadBalancer] { loadBalancersByVpc[vpcId] ?? [] }
    public func listeners(of loadBalancerArn: String) -> [Listener] { listenersByLoadBalancer[loadBalancerArn] ?? [] }
    /// Listeners whose default action forwards to the target group, in ARN order.
    public func listeners(forwardingTo targetGroupArn: String) -> [Listener] { listenersByTargetGroup[targetGroupArn] ?? [] }
    public func classicLoadBalancer(named name: String) -> ClassicLoadBalancer? { classicLoadBalancersByName[name] }

    // MARK: IAM

    /// A role by ARN, falling back to its name (role paths are often dropped in task definitions).
    public func role(_ arn: String) -> IAMRole? {
        rolesByArn[arn] ?? rolesByName[ARN.roleName(arn)]
    }


    /// What proves that no role `arn` names exists, or nil when nothing
    /// does: a complete listing of the account's roles that lacks it, or
    /// `get-role`'s NoSuchEntity. A listing filtered by `--query` or cut
    /// short proves nothing, nor does a role merely missing from a snapshot.
    public func roleAbsence(_ arn: String) -> Evidence? {
        guard role(arn) == nil else { return nil }
        let name = ARN.roleName(arn)
        if let error = roleNotFoundErrors[name] {
            return Evidence(error.location, "\(error.command) answered NoSuchEntity: there is no role \(name)")
        }
        guard let listing = snapshot.completeRoleListings.first else { return nil }
        return Evidence(listing, "\(name) is not in the account's role listing (get-account-authorization-details, complete and unfiltered)")
    }

    /// The role an instance profile carries, from the roles' `InstanceProfileList`.
    public func role(forInstanceProfile arn: String) -> IAMRole? { rolesByInstanceProfile[arn] }

    /// Whether the role is carried by an instance profile (a container instance role).
    public func isInstanceRole(named name: String) -> Bool {
        !(rolesByName[name]?.instanceProfileArns.isEmpty ?? true)
    }

    /// Whether some task definition in the snapshot names this role as its execution role.
    public func isExecutionRole(named name: String) -> Bool { executionRoleNames.contains(name) }

    /// Whether some task definition in the snapshot names this role as its task role.
    public func isTaskRole(named name: String) -> Bool { taskRoleNames.contains(name) }

    /// The documents IAM evaluates for the role, or nil when the snapshot has
    /// only its trust policy (`get-role`): such a role is never found to lack
    /// a permission. A managed policy comes from the snapshot's `Policies`
    /// (its default version), else from ecs-triage's copy of the AWS managed
    /// policy; one in neither is a missing document.
    public func policies(of role: IAMRole) -> RolePolicies? {
        guard role.hasPermissionDetails else { return nil }
        var identity = role.inlinePolicies.map { NamedPolicy(name: "inline policy \"\($0.name)\"", document: $0.document) }
        identity += role.attachedPolicyArns.map(namedPolicy)
        return RolePolicies(roleName: role.roleName, identity: identity, boundary: role.permissionsBoundaryArn.map(namedPolicy))
    }

    private func namedPolicy(_ arn: String) -> NamedPolicy {
        let name = ARN.lastComponent(arn)
        if let policy = managedPoliciesByArn[arn] {
            let version = policy.defaultVersionId.map { " (default version \($0))" } ?? ""
            return NamedPolicy(name: "managed policy \(policy.policyName ?? name)\(version)", document: policy.defaultDocument)
        }
        if let copy = AWSManagedPolicies.policy(arn) {
            return NamedPolicy(name: "AWS managed policy \(copy.name) (ecs-triage's copy of \(copy.versionId))", document: copy.document)
        }
        let kind = AWSManagedPolicies.isAWSManaged(arn) ? "AWS managed policy" : "customer managed policy"
        return NamedPolicy(name: "\(kind) \(name) (\(arn))", document: nil)
    }

    // MARK: EC2 and secrets

    public func instance(_ id: String) -> EC2Instance? { instancesById[id] }

    /// The `describe-clusters` entry of a cluster ARN or name.
    public func cluster(_ arnOrName: String) -> Cluster? { clustersByKey[arnOrName] ?? clustersByKey[ARN.clusterName(arnOrName)] }

    /// Every EC2 instance in the snapshot (`describe-instances`).
    public var instances: [EC2Instance] { snapshot.instances }

    /// Every container instance in the snapshot.
    public var containerInstances: [ContainerInstance] { snapshot.containerInstances }

    /// The container instance an EC2 instance registered as, if any.
    public func containerInstance(onEC2Instance instanceId: String) -> ContainerInstance? { containerInstancesByEC2Id[instanceId] }

    /// Whether the snapshot shows the cluster without any registered container instance:
    /// `describe-clusters` counts none, or the container instances listed include none of it.
    public func clusterHasNoInstances(_ name: String) -> Bool {
        if let count = cluster(name)?.registeredContainerInstancesCount { return count == 0 }
        return has(.containerInstances) && containerInstances(inCluster: name).isEmpty
    }

    /// The container instances registered to a cluster (by name), plus those whose ARN names no cluster.
    public func containerInstances(inCluster name: String) -> [ContainerInstance] {
        containerInstances(mayBeIn: name)
    }

    /// The container instances that may be registered in a cluster: those
    /// whose ARN names it, and those whose ARN (old format) names no cluster.
    public func containerInstances(mayBeIn clusterName: String) -> [ContainerInstance] {
        (containerInstancesByCluster[clusterName] ?? []) + containerInstancesOfUnknownCluster
    }

    /// The container instances registered in other clusters than `clusterName`, by their ARNs.
    public func containerInstances(outside clusterName: String) -> [ContainerInstance] {
        containerInstancesByCluster.filter { $0.key != clusterName }.sorted { $0.key < $1.key }.flatMap(\.value)
    }

    /// The values of an ECS account setting (`list-account-settings`), one per principal listed.
    public func accountSettings(named name: String) -> [AccountSetting] { accountSettingsByName[name] ?? [] }

    /// The instances launched with an instance profile.
    public func instances(withProfile arn: String) -> [EC2Instance] { instancesByProfile[arn] ?? [] }

    /// Whether `get-parameters` named the parameter as not existing.
    public func isInvalidParameter(_ name: String) -> Bool { invalidParameterNames.contains(name) }

    // MARK: ECR and EFS

    public func ecrRepositoryExists(_ name: String) -> Bool { ecrRepositoryNames.contains(name) }
    public func ecrImages(inRepository name: String) -> [ECRImageDetail] { ecrImagesByRepository[name] ?? [] }

    /// Whether the snapshot's ECR listings speak for the image's registry, so
    /// that an image absent from them is absent: the registry is one the
    /// listings show (a repository or image of that registry id), or the
    /// snapshot's own account in its region; never when reading that
    /// repository failed (AccessDenied on another account's registry). A
    /// listing of one account says nothing about another's.
    public func ecrListingCovers(_ reference: ImageReference) -> Bool {
        guard reference.isECR, let account = reference.account else { return false }
        if ecrUnreadRepositories.contains(account + "/" + reference.repository) || ecrUnreadRepositories.contains("/" + reference.repository) {
            return false
        }
        if ecrListedRegistries.contains(account) { return true }
        return accountId == account && (region == nil || reference.region == nil || region == reference.region)
    }

    /// `registry/repository` (registry empty when the call named none) of every
    /// ECR call that failed other than with "not found", which is an answer.
    private static func unreadRepositories(_ errors: [CollectError]) -> Set<String> {
        var unread = Set<String>()
        for error in errors where error.operation.hasPrefix("ecr ") && !error.error.contains("NotFoundException") {
            func value(after option: String) -> String? {
                guard let position = error.arguments.firstIndex(of: option), position + 1 < error.arguments.count else { return nil }
                return error.arguments[position + 1]
            }
            guard let repository = value(after: "--repository-name") ?? value(after: "--repository-names") else { continue }
            unread.insert((value(after: "--registry-id") ?? "") + "/" + repository)
        }
        return unread
    }
    public func mountTargets(of fileSystemId: String) -> [EFSMountTarget] { mountTargetsByFileSystem[fileSystemId] ?? [] }

    /// A mount target's security groups: from its network interface when the snapshot holds it,
    /// else from `describe-mount-target-security-groups` (keyed, or attributed by the loader).
    public func securityGroups(ofMountTarget target: EFSMountTarget) -> (groupIds: [String], location: String, attribution: String?)? {
        if let eniId = target.networkInterfaceId, let eni = networkInterfacesById[eniId], !eni.securityGroupIds.isEmpty {
            return (eni.securityGroupIds, eni.location + "/Groups", nil)
        }
        guard let listed = mountTargetSecurityGroupsById[target.mountTargetId], !listed.securityGroupIds.isEmpty else { return nil }
        return (listed.securityGroupIds, listed.location, listed.attribution)
    }

    /// A secret by its full ARN, or by a partial ARN (without the random
    /// `-AbCdEf` suffix Secrets Manager appends to the name).
    public func secret(_ arn: String) -> SecretMetadata? {
        secretsByArn[arn] ?? secretsByPartialArn[arn]
    }
}

/// What a CloudWatch series measures, as the dimensions name it: a service
/// (`ClusterName`, `ServiceName`) or a target group (`TargetGroup`, the ARN's
/// `targetgroup/<name>/<id>` suffix).
public enum MetricSubject: Sendable, Equatable {
    case service(cluster: String, name: String)
    case targetGroup(arn: String)

    var key: String {
        switch self {
        case let .service(cluster, name): return "service\t" + ARN.lastComponent(cluster) + "\t" + name
        case let .targetGroup(arn): return "targetgroup\t" + Self.dimensionValue(targetGroupArn: arn)
        }
    }

    /// `arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/web/0123` gives `targetgroup/web/0123`.
    public static func dimensionValue(targetGroupArn arn: String) -> String {
        arn.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init) ?? arn
    }

    static func key(of series: MetricSeries) -> String {
        if let group = series.dimension("TargetGroup") { return "targetgroup\t" + group }
        return "service\t" + (series.dimension("ClusterName") ?? "") + "\t" + (series.dimension("ServiceName") ?? "")
    }
}
