/// How one kind of data enters the snapshot: the top-level keys (AWS CLI
/// output members) that carry it, how each decodes, how duplicates merge,
/// and which `collect` calls fill it. The loader, its merge step, the collect
/// planner (what a failed call leaves unknown) and the tests all read
/// `SectionRecord.all`: adding an AWS document type is one record here plus
/// its model.
struct SectionRecord: Sendable {
    let section: SnapshotSection
    /// Keys that carry the section; the first is the one `collect` writes.
    let keys: [String]
    /// `collect` calls (`service operation`, as `AWSOperation` names them) whose output fills it.
    let operations: [String]
    /// Decodes one key of one document.
    let decode: @Sendable (_ key: String, _ document: JSONNode, _ builder: inout SnapshotBuilder) throws -> Void
    /// Runs once every input is read: duplicates merge, the later one winning.
    let merge: @Sendable (inout SnapshotBuilder) throws -> Void

    /// A section that is an array of items under each of its keys.
    static func list<Item>(_ section: SnapshotSection, keys: [String], operations: [String],
                           into list: WritableKeyPath<Snapshot, [Item]> & Sendable, id: @escaping @Sendable (Item) -> String,
                           merge: (@Sendable (Item, Item) -> Item)? = nil,
                           decode: @escaping @Sendable (JSONNode) throws -> Item) -> SectionRecord {
        SectionRecord(
            section: section, keys: keys, operations: operations,
            decode: { key, document, builder in builder.snapshot[keyPath: list] += try document.decodeArray(key, decode) },
            merge: { builder in builder.snapshot[keyPath: list] = mergeByKey(builder.snapshot[keyPath: list], key: id, merge: merge) })
    }

    /// The target group a bare describe-target-health output (which names
    /// none) belongs to, and why: the snapshot's only target group, else,
    /// when the snapshot lists none, the only one its services name.
    static func bareTargetHealthOwner(_ snapshot: Snapshot) -> (arn: String, attribution: String)? {
        let listed = Set(snapshot.targetGroups.map(\.targetGroupArn))
        if listed.count == 1, let arn = listed.first {
            return (arn, "the only target group in the input")
        }
        guard listed.isEmpty else { return nil }
        let named = snapshot.services.flatMap { service in service.loadBalancers.compactMap(\.targetGroupArn).map { (arn: $0, service: service.serviceName) } }
        guard let first = named.first, named.allSatisfy({ $0.arn == first.arn }) else { return nil }
        let services = Array(Set(named.map(\.service))).sorted()
        return (first.arn, "the only target group service\(services.count == 1 ? "" : "s") \(services.joined(separator: ", ")) name\(services.count == 1 ? "s" : "")")
    }

    /// Every section, in `SnapshotSection` order.
    static let all: [SectionRecord] = [
        .list(.tasks, keys: ["tasks"], operations: ["ecs list-tasks", "ecs describe-tasks"],
              into: \.tasks, id: \.taskArn, decode: ECSTask.init),
        .list(.services, keys: ["services"], operations: ["ecs list-services", "ecs describe-services"],
              into: \.services, id: \.serviceArn, decode: ECSService.init),
        SectionRecord(
            section: .taskDefinitions, keys: ["taskDefinitions", "taskDefinition"], operations: ["ecs describe-task-definition"],
            decode: { key, document, builder in
                if key == "taskDefinition" {
                    // One `describe-task-definition` output: the definition is an object, its tags beside it.
                    if let definition = try document.object(key) { builder.snapshot.taskDefinitions.append(try TaskDefinition(definition)) }
                } else {
                    builder.snapshot.taskDefinitions += try document.decodeArray(key, TaskDefinition.init)
                }
            },
            merge: { $0.snapshot.taskDefinitions = mergeByKey($0.snapshot.taskDefinitions, key: \.taskDefinitionArn) }),
        // EventBridge events carry no key of their own: the loader reads them as a document shape.
        SectionRecord(section: .events, keys: [], operations: [], decode: { _, _, _ in }, merge: { _ in }),
        .list(.vpcs, keys: ["Vpcs"], operations: ["ec2 describe-vpcs"], into: \.vpcs, id: \.vpcId, merge: { older, newer in
            // Entries from describe-vpc-attribute alone merge into describe-vpcs entries.
            var merged = newer
            merged.enableDnsSupport = newer.enableDnsSupport ?? older.enableDnsSupport
            merged.enableDnsHostnames = newer.enableDnsHostnames ?? older.enableDnsHostnames
            merged.cidrBlock = newer.cidrBlock ?? older.cidrBlock
            return merged
        }, decode: { try Vpc($0) }),
        // Extension key: merged `describe-vpc-attribute` outputs (a bare one is a document shape).
        SectionRecord(
            section: .vpcAttributes, keys: ["VpcAttributes"], operations: ["ec2 describe-vpc-attribute"],
            decode: { key, document, builder in
                for attributes in try document.decodeArray(key, { try Vpc(attributesOf: $0) }) { builder.mergeVpcAttributes(attributes) }
            },
            merge: { _ in }),
        .list(.subnets, keys: ["Subnets"], operations: ["ec2 describe-subnets"], into: \.subnets, id: \.subnetId, decode: Subnet.init),
        .list(.routeTables, keys: ["RouteTables"], operations: ["ec2 describe-route-tables"],
              into: \.routeTables, id: \.routeTableId, decode: RouteTable.init),
        .list(.internetGateways, keys: ["InternetGateways"], operations: ["ec2 describe-internet-gateways"],
              into: \.internetGateways, id: \.internetGatewayId, decode: InternetGateway.init),
        .list(.natGateways, keys: ["NatGateways"], operations: ["ec2 describe-nat-gateways"],
              into: \.natGateways, id: \.natGatewayId, decode: NatGateway.init),
        .list(.vpcEndpoints, keys: ["VpcEndpoints"], operations: ["ec2 describe-vpc-endpoints"],
              into: \.vpcEndpoints, id: \.vpcEndpointId, decode: VpcEndpoint.init),
        SectionRecord(
            section: .securityGroups, keys: ["SecurityGroups"], operations: ["ec2 describe-security-groups"],
            decode: { key, document, builder in
                // EFS's describe-mount-target-security-groups prints ids, EC2 prints objects.
                if let items = document.member(key)?.elements, items.contains(where: \.isString) {
                    builder.bareMountTargetSecurityGroups.append(document)
                    return
                }
                builder.sawSecurityGroupObjects = true
                builder.snapshot.securityGroups += try document.decodeArray(key, SecurityGroup.init)
            },
            merge: { builder in
                builder.snapshot.securityGroups = mergeByKey(builder.snapshot.securityGroups, key: \.groupId)
                // Only EFS's id lists: the groups themselves were not given.
                if !builder.sawSecurityGroupObjects && !builder.bareMountTargetSecurityGroups.isEmpty {
                    builder.snapshot.sections.remove(.securityGroups)
                }
            }),
        .list(.networkAcls, keys: ["NetworkAcls"], operations: ["ec2 describe-network-acls"],
              into: \.networkAcls, id: \.networkAclId, decode: NetworkAcl.init),
        .list(.networkInterfaces, keys: ["NetworkInterfaces"], operations: ["ec2 describe-network-interfaces"],
              into: \.networkInterfaces, id: \.networkInterfaceId, decode: NetworkInterface.init),
        .list(.prefixLists, keys: ["PrefixLists"], operations: ["ec2 describe-prefix-lists"],
              into: \.prefixLists, id: \.prefixListId, decode: PrefixList.init),
        .list(.loadBalancers, keys: ["LoadBalancers"], operations: ["elbv2 describe-load-balancers"],
              into: \.loadBalancers, id: \.loadBalancerArn, decode: LoadBalancer.init),
        .list(.targetGroups, keys: ["TargetGroups"], operations: ["elbv2 describe-target-groups"],
              into: \.targetGroups, id: \.targetGroupArn, decode: TargetGroup.init),
        SectionRecord(
            section: .targetHealth, keys: ["TargetHealth", "TargetHealthDescriptions"], operations: ["elbv2 describe-target-health"],
            decode: { key, document, builder in
                if key == "TargetHealthDescriptions" {
                    // A bare describe-target-health output does not name its target group: decided in `merge`.
                    builder.bareTargetHealth += try document.array(key) ?? []
                    return
                }
                // Extension: target-group ARN -> describe-target-health output.
                guard let map = try document.object(key) else { return }
                for member in map.members ?? [] {
                    guard let items = member.node.elements else {
                        throw InputError.wrongType(location: member.node.location, expected: "an array of TargetHealthDescription", found: member.node.typeDescription)
                    }
                    for item in items {
                        builder.snapshot.targetHealth.append(try TargetHealthDescription(item, targetGroupArn: member.key))
                    }
                }
            },
            merge: { builder in
                guard !builder.bareTargetHealth.isEmpty else { return }
                guard let (arn, attribution) = bareTargetHealthOwner(builder.snapshot) else {
                    builder.snapshot.sections.remove(.targetHealth)
                    let groups = Set(builder.snapshot.targetGroups.map(\.targetGroupArn)).count
                    builder.snapshot.warnings.append("TargetHealthDescriptions ignored: they do not name their target group and the snapshot has \(groups) target groups; give them as {\"TargetHealth\": {\"<target-group-arn>\": [...]}}")
                    return
                }
                for node in builder.bareTargetHealth {
                    builder.snapshot.targetHealth.append(try TargetHealthDescription(node, targetGroupArn: arn, attribution: attribution))
                }
            }),
        SectionRecord(
            section: .roles, keys: ["RoleDetailList", "Role"],
            operations: ["iam get-role", "iam list-role-policies", "iam get-role-policy", "iam list-attached-role-policies"],
            decode: { key, document, builder in
                if key == "RoleDetailList" {
                    builder.snapshot.roles += try document.decodeArray(key) { try IAMRole($0, hasPermissionDetails: true) }
                    if try IAMRole.isCompleteListing(document), let listing = document.member(key) {
                        builder.snapshot.completeRoleListings.append(listing.location)
                    }
                } else if document.member(key)?.isArray == true {
                    // Merged by collect: the Role objects of several get-role outputs.
                    builder.snapshot.roles += try document.decodeArray(key) { try IAMRole($0, hasPermissionDetails: false) }
                } else if let role = try document.object(key) {
                    builder.snapshot.roles.append(try IAMRole(role, hasPermissionDetails: false))
                }
            },
            merge: { builder in
                builder.snapshot.roles = mergeByKey(builder.snapshot.roles, key: \.arn) { older, newer in
                    // get-role (trust only) must not erase get-account-authorization-details' policies.
                    guard older.hasPermissionDetails && !newer.hasPermissionDetails else { return newer }
                    var merged = older
                    merged.trustPolicy = newer.trustPolicy ?? older.trustPolicy
                    return merged
                }
            }),
        .list(.managedPolicies, keys: ["Policies"], operations: ["iam get-policy", "iam get-policy-version"],
              into: \.managedPolicies, id: \.arn, decode: ManagedPolicy.init),
        .list(.clusters, keys: ["clusters"], operations: ["ecs describe-clusters"], into: \.clusters, id: \.clusterArn, decode: Cluster.init),
        .list(.containerInstances, keys: ["containerInstances"],
              operations: ["ecs list-container-instances", "ecs describe-container-instances"],
              into: \.containerInstances, id: \.containerInstanceArn, decode: ContainerInstance.init),
        SectionRecord(
            section: .instances, keys: ["Reservations"], operations: ["ec2 describe-instances"],
            decode: { key, document, builder in
                for reservation in try document.array(key) ?? [] {
                    builder.snapshot.instances += try reservation.decodeArray("Instances", EC2Instance.init)
                }
            },
            merge: { $0.snapshot.instances = mergeByKey($0.snapshot.instances, key: \.instanceId) }),
        .list(.listeners, keys: ["Listeners"], operations: ["elbv2 describe-listeners"], into: \.listeners, id: \.listenerArn, decode: Listener.init),
        .list(.classicLoadBalancers, keys: ["LoadBalancerDescriptions"], operations: ["elb describe-load-balancers"],
              into: \.classicLoadBalancers, id: \.loadBalancerName, decode: ClassicLoadBalancer.init),
        .list(.logGroups, keys: ["logGroups"], operations: ["logs describe-log-groups"], into: \.logGroups, id: \.logGroupName, decode: LogGroup.init),
        .list(.secrets, keys: ["SecretList"], operations: ["secretsmanager describe-secret"], into: \.secrets, id: \.arn, decode: SecretMetadata.init),
        SectionRecord(
            section: .parameters, keys: ["Parameters", "InvalidParameters"], operations: ["ssm describe-parameters"],
            decode: { key, document, builder in
                if key == "InvalidParameters" {
                    builder.snapshot.invalidParameters += try document.strings(key) ?? []
                } else {
                    builder.snapshot.parameters += try document.decodeArray(key, ParameterMetadata.init)
                }
            },
            merge: { $0.snapshot.parameters = mergeByKey($0.snapshot.parameters, key: \.name) }),
        .list(.ecrRepositories, keys: ["repositories"], operations: ["ecr describe-repositories"],
              into: \.ecrRepositories, id: \.repositoryName, decode: ECRRepository.init),
        // Image details have no single id: a digest may carry several tags, and two pushes of one tag differ.
        .list(.ecrImages, keys: ["imageDetails"], operations: ["ecr describe-images"], into: \.ecrImages, id: { _ in "" }, decode: ECRImageDetail.init),
        .list(.mountTargets, keys: ["MountTargets"], operations: ["efs describe-mount-targets"],
              into: \.mountTargets, id: \.mountTargetId, decode: EFSMountTarget.init),
        // Extension key: mount-target id -> describe-mount-target-security-groups' `SecurityGroups`.
        // The bare outputs (read by the security-group record) are attributed in `merge`.
        SectionRecord(
            section: .mountTargetSecurityGroups, keys: ["MountTargetSecurityGroups"], operations: [],
            decode: { key, document, builder in
                guard let map = try document.object(key) else { return }
                for member in map.members ?? [] {
                    guard let items = member.node.elements else {
                        throw InputError.wrongType(location: member.node.location, expected: "an array of security group ids", found: member.node.typeDescription)
                    }
                    builder.snapshot.mountTargetSecurityGroups.append(MountTargetSecurityGroups(
                        location: member.node.location, mountTargetId: member.key, securityGroupIds: items.compactMap(\.stringValue), attribution: nil))
                }
            },
            merge: { builder in
                builder.snapshot.mountTargetSecurityGroups = mergeByKey(builder.snapshot.mountTargetSecurityGroups, key: \.mountTargetId)
                try builder.attributeBareMountTargetSecurityGroups()
            }),
        .list(.accountSettings, keys: ["settings"], operations: ["ecs list-account-settings"],
              into: \.accountSettings, id: \.mergeKey, decode: AccountSetting.init),
        // Extension key: `logs get-log-events` outputs, one entry per task container, with the stream they came from.
        .list(.containerLogs, keys: ["containerLogs"], operations: ["logs get-log-events"],
              into: \.containerLogs, id: { $0.taskArn + "\t" + $0.containerName }, decode: ContainerLog.init),
        // Extension key: `cloudwatch get-metric-data`'s results, one entry per metric with what it measures.
        // A raw output (`MetricDataResults`) is read only where a label ecs-triage wrote says what each result is.
        SectionRecord(
            section: .metrics, keys: ["metrics", "MetricDataResults"], operations: ["cloudwatch get-metric-data"],
            decode: { key, document, builder in
                if key == "metrics" {
                    builder.snapshot.metrics += try document.decodeArray(key, MetricSeries.init)
                    return
                }
                let results = try document.array(key) ?? []
                let read = try results.compactMap { try MetricSeries(result: $0) }
                builder.snapshot.metrics += read
                if read.count < results.count {
                    builder.snapshot.warnings.append("\(results.count - read.count) of the \(results.count) MetricDataResults ignored: their labels do not say "
                                                     + "which metric and dimensions they hold (only the queries ecs-triage writes, labelled "
                                                     + "\"ecs-triage <namespace> <metric> <stat> <period> <Name>=<value>...\", can be attributed)")
                }
                // Results none of which could be attributed say nothing; no results at all is an answer.
                if read.isEmpty && !results.isEmpty && builder.snapshot.metrics.isEmpty { builder.snapshot.sections.remove(.metrics) }
            },
            merge: { _ in }),
    ]

    /// The record of each key.
    static let byKey: [String: SectionRecord] = {
        var result: [String: SectionRecord] = [:]
        for record in all {
            for key in record.keys { result[key] = record }
        }
        return result
    }()

    /// Keeps one item per key at its first position; the later item wins
    /// (through `merge` when given). Items with an empty key are kept as they are.
    static func mergeByKey<T>(_ items: [T], key: (T) -> String, merge: ((T, T) -> T)? = nil) -> [T] {
        var positions: [String: Int] = [:]
        var result: [T] = []
        result.reserveCapacity(items.count)
        for item in items {
            let id = key(item)
            if !id.isEmpty, let position = positions[id] {
                result[position] = merge?(result[position], item) ?? item
            } else {
                if !id.isEmpty { positions[id] = result.count }
                result.append(item)
            }
        }
        return result
    }
}

extension SnapshotSection {
    /// The top-level keys that carry the section; the first is the one `collect` writes.
    public var keys: [String] { SectionRecord.all.first { $0.section == self }?.keys ?? [] }

    /// The section a top-level key carries, if any.
    public init?(key: String) {
        guard let record = SectionRecord.byKey[key] else { return nil }
        self = record.section
    }

    /// The sections a `collect` call (`service operation`) fills: what the
    /// snapshot lacks when that call fails.
    public static func filled(byOperation operation: String) -> [SnapshotSection] {
        SectionRecord.all.filter { $0.operations.contains(operation) }.map(\.section)
    }
}
