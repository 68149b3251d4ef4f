/// Turns the user's inputs (AWS CLI outputs, merged snapshots, EventBridge
/// events, plain text) into one `Snapshot`, recognising each JSON document
/// by its keys.
public enum SnapshotLoader {
    /// `files` is consumed: each input's bytes are released once parsed,
    /// before its documents are decoded (a whole account's input is tens of
    /// megabytes that peak memory need not hold twice).
    public static func load(_ files: consuming [InputFile]) throws -> Snapshot {
        let names = files.map(\.name)
        var builder = Builder()
        do {
            for position in files.indices {
                let documents = try builder.read(files[position], several: names.count > 1)
                files[position].bytes = []
                try builder.add(documents)
            }
            return try builder.finish(fileNames: names)
        } catch let error as InputError where names.count == 1 {
            // Pointers into the only input carry no file name, which keeps
            // reports short; an error message must still start with it.
            throw error.naming(file: displayName(names[0]))
        }
    }

    /// How an input is named in messages: standard input is `stdin`.
    public static func displayName(_ name: String) -> String {
        name == "-" ? "stdin" : name
    }

    public static func load(text: String, name: String = "-") throws -> Snapshot {
        try load([InputFile(name: name, bytes: Array(text.utf8))])
    }

    /// Top-level keys and how each is decoded into the snapshot.
    private static let sectionKeys: [String: SnapshotSection] = [
        "tasks": .tasks, "services": .services,
        "taskDefinition": .taskDefinitions, "taskDefinitions": .taskDefinitions,
        "Vpcs": .vpcs, "VpcAttributes": .vpcAttributes,
        "Subnets": .subnets, "RouteTables": .routeTables,
        "InternetGateways": .internetGateways, "NatGateways": .natGateways, "VpcEndpoints": .vpcEndpoints,
        "SecurityGroups": .securityGroups, "NetworkAcls": .networkAcls,
        "NetworkInterfaces": .networkInterfaces, "PrefixLists": .prefixLists,
        "LoadBalancers": .loadBalancers, "TargetGroups": .targetGroups,
        "TargetHealthDescriptions": .targetHealth, "TargetHealth": .targetHealth,
        "RoleDetailList": .roles, "Role": .roles, "Policies": .managedPolicies,
        "clusters": .clusters, "containerInstances": .containerInstances, "Reservations": .instances,
        "Listeners": .listeners, "LoadBalancerDescriptions": .classicLoadBalancers,
        "logGroups": .logGroups, "SecretList": .secrets, "Parameters": .parameters, "InvalidParameters": .parameters,
        "repositories": .ecrRepositories, "imageDetails": .ecrImages, "MountTargets": .mountTargets,
    ]

    /// Keys we know and deliberately do not analyse yet, or that only
    /// describe the snapshot: not "ignored", not an unknown shape.
    private static let acknowledgedKeys: Set<String> = [
        "snapshotVersion", "region", "accountId", "failures", "tags",
        "EnableDnsSupport", "EnableDnsHostnames", "VpcId", "TargetGroupAttributes",
        "FileSystems", "UserDetailList", "GroupDetailList",
        "collectedAt", "tool", "collectErrors",
    ]

    private static let paginationKeys: Set<String> = ["NextToken", "nextToken", "Marker", "NextMarker", "IsTruncated"]

    private struct Builder {
        var snapshot = Snapshot()
        var recognized: Set<String> = []
        var ignored: Set<String> = []
        var bareTargetHealth: [JSONNode] = []
        var taskDefinitionNodes: [JSONNode] = []
        // Per section, decoded items keyed by id, in first-seen order.
        var order: [SnapshotSection: [String]] = [:]

        /// The JSON documents of one input, parsed, with how their pointers are prefixed.
        struct ParsedInput {
            var displayName: String
            var several: Bool
            var values: [(line: Int, value: JSONValue)]
        }

        /// Reads one input: text is added at once (nil), JSON is parsed for `add`.
        mutating func read(_ file: InputFile, several: Bool) throws -> ParsedInput? {
            let bytes = InputEncoding.utf8(file.bytes)
            guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
                throw InputError.empty(file: file.name)
            }
            let displayName = SnapshotLoader.displayName(file.name)
            guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
                // No stopped reason or event message holds a NUL byte: this is a
                // binary file (a .gz, an image) given by mistake, and reading it
                // as text would report "no problems found" about nothing.
                if let nul = bytes.firstIndex(of: 0) {
                    let place = JSONParser.lineAndColumn(of: nul, in: bytes)
                    throw InputError.binary(file: displayName, line: place.line, column: place.column)
                }
                // Invalid UTF-8 in text becomes U+FFFD: a pasted message has no
                // structure to point into, and one stray byte from a terminal
                // should not hide the failure written around it.
                snapshot.texts.append(TextInput(origin: DocumentOrigin(prefix: several ? displayName + "#" : ""),
                                                text: String(decoding: bytes, as: UTF8.self)))
                snapshot.documentCount += 1
                return nil
            }
            do {
                return ParsedInput(displayName: displayName, several: several, values: try JSONParser.parseSequence(bytes))
            } catch {
                throw InputError.syntax(file: displayName, line: error.line, column: error.column, message: error.message)
            }
        }

        mutating func add(_ input: ParsedInput?) throws {
            guard let input else { return }
            let (displayName, several, values) = (input.displayName, input.several, input.values)
            for (line, value) in values {
                let prefix: String
                if values.count > 1 {
                    prefix = "\(displayName):\(line)#"
                } else {
                    prefix = several ? displayName + "#" : ""
                }
                let root = JSONNode(value: value, pointer: "", origin: DocumentOrigin(prefix: prefix))
                if case let .array(elements) = value {
                    // A JSON array of documents (or of EventBridge events).
                    for (index, element) in elements.enumerated() {
                        let node = root.element(index, element)
                        guard case .object = element else {
                            throw InputError.wrongType(location: node.location.isEmpty ? displayName : node.location,
                                                       expected: "an AWS CLI output document (a JSON object)", found: element.typeDescription)
                        }
                        try addDocument(node, fileName: displayName)
                    }
                } else {
                    try addDocument(root, fileName: displayName)
                }
            }
        }

        mutating func addDocument(_ node: JSONNode, fileName: String) throws {
            snapshot.documentCount += 1
            guard let members = node.value.objectMembers else { return }
            if let detailType = try node.string("detail-type"), let detail = try node.object("detail") {
                recognized.insert("detail-type: \(detailType)")
                if detailType == "ECS Task State Change" {
                    snapshot.sections.insert(.tasks)
                    snapshot.tasks.append(try ECSTask(detail))
                } else {
                    snapshot.sections.insert(.events)
                    snapshot.events.append(try ECSEvent(node, detail: detail))
                }
                if snapshot.region == nil { snapshot.region = try node.string("region") }
                if snapshot.accountId == nil { snapshot.accountId = try node.string("account") }
                return
            }
            var knownKeys = 0
            // A repeated key is read once: lookups give its last value, and reading
            // that again for each repetition would add its items twice.
            var seenKeys = Set<String>()
            for member in members where seenKeys.insert(member.key).inserted {
                let key = member.key
                if let section = SnapshotLoader.sectionKeys[key] {
                    knownKeys += 1
                    try addSection(section, key: key, node: node)
                } else if SnapshotLoader.acknowledgedKeys.contains(key) || SnapshotLoader.paginationKeys.contains(key) {
                    knownKeys += 1
                } else {
                    ignored.insert(key)
                }
            }
            if try node.string("VpcId") != nil, node.value["EnableDnsSupport"] != nil || node.value["EnableDnsHostnames"] != nil {
                // One `aws ec2 describe-vpc-attribute` output.
                recognized.insert("VpcAttributes")
                snapshot.sections.insert(.vpcAttributes)
                mergeVpcAttributes(try Vpc(attributesOf: node))
            }
            for error in try node.array("collectErrors") ?? [] {
                snapshot.collectErrors.append(CollectError(
                    location: error.location, operation: try error.string("operation") ?? "",
                    arguments: try error.strings("arguments") ?? [], error: try error.string("error") ?? "",
                    lacks: Array(Set((try error.strings("lacks") ?? []).compactMap { SnapshotLoader.sectionKeys[$0] })).sorted()))
            }
            if let region = try node.string("region") { snapshot.region = region }
            if let account = try node.string("accountId") { snapshot.accountId = account }
            if knownKeys == 0 {
                let keys = members.map(\.key)
                throw InputError.unknownShape(location: node.pointer.isEmpty ? node.origin.prefix.split(separator: "#").first.map(String.init) ?? fileName : node.location, keys: keys)
            }
        }

        mutating func addSection(_ section: SnapshotSection, key: String, node: JSONNode) throws {
            switch key {
            case "SecurityGroups":
                // EFS's describe-mount-target-security-groups prints ids, EC2 prints objects.
                if case let .array(items)? = node.value[key], items.contains(where: { $0.stringValue != nil }) {
                    recognized.insert(key)
                    return
                }
            case "TargetHealthDescriptions":
                bareTargetHealth.append(contentsOf: try node.array(key) ?? [])
                recognized.insert(key)
                snapshot.sections.insert(section)
                return
            case "taskDefinition":
                if let definition = try node.object(key) { taskDefinitionNodes.append(definition) }
                recognized.insert(key)
                snapshot.sections.insert(section)
                return
            default:
                break
            }
            recognized.insert(key)
            snapshot.sections.insert(section)
            switch section {
            case .tasks: snapshot.tasks += try node.decodeArray(key, ECSTask.init)
            case .services: snapshot.services += try node.decodeArray(key, ECSService.init)
            case .taskDefinitions: taskDefinitionNodes += try node.array(key) ?? []
            case .vpcs: snapshot.vpcs += try node.decodeArray(key) { try Vpc($0) }
            case .vpcAttributes:
                for attributes in try node.decodeArray(key, { try Vpc(attributesOf: $0) }) { mergeVpcAttributes(attributes) }
            case .subnets: snapshot.subnets += try node.decodeArray(key, Subnet.init)
            case .routeTables: snapshot.routeTables += try node.decodeArray(key, RouteTable.init)
            case .internetGateways: snapshot.internetGateways += try node.decodeArray(key, InternetGateway.init)
            case .natGateways: snapshot.natGateways += try node.decodeArray(key, NatGateway.init)
            case .vpcEndpoints: snapshot.vpcEndpoints += try node.decodeArray(key, VpcEndpoint.init)
            case .securityGroups: snapshot.securityGroups += try node.decodeArray(key, SecurityGroup.init)
            case .networkAcls: snapshot.networkAcls += try node.decodeArray(key, NetworkAcl.init)
            case .networkInterfaces: snapshot.networkInterfaces += try node.decodeArray(key, NetworkInterface.init)
            case .prefixLists: snapshot.prefixLists += try node.decodeArray(key, PrefixList.init)
            case .loadBalancers: snapshot.loadBalancers += try node.decodeArray(key, LoadBalancer.init)
            case .targetGroups: snapshot.targetGroups += try node.decodeArray(key, TargetGroup.init)
            case .targetHealth:
                // Extension: target-group ARN -> describe-target-health output.
                guard let map = try node.object(key) else { return }
                for member in map.value.objectMembers ?? [] {
                    let list = map.child(member.key, member.value)
                    guard case let .array(items) = member.value else {
                        throw InputError.wrongType(location: list.location, expected: "an array of TargetHealthDescription", found: member.value.typeDescription)
                    }
                    for (index, item) in items.enumerated() {
                        snapshot.targetHealth.append(try TargetHealthDescription(list.element(index, item), targetGroupArn: member.key))
                    }
                }
            case .roles:
                if key == "Role" {
                    // One get-role output, or (merged by collect) an array of their Role objects.
                    if case .array? = node.value[key] {
                        snapshot.roles += try node.decodeArray(key) { try IAMRole($0, hasPermissionDetails: false) }
                    } else if let role = try node.object(key) {
                        snapshot.roles.append(try IAMRole(role, hasPermissionDetails: false))
                    }
                } else {
                    snapshot.roles += try node.decodeArray(key) { try IAMRole($0, hasPermissionDetails: true) }
                }
            case .managedPolicies: snapshot.managedPolicies += try node.decodeArray(key, ManagedPolicy.init)
            case .clusters: snapshot.clusters += try node.decodeArray(key, Cluster.init)
            case .containerInstances: snapshot.containerInstances += try node.decodeArray(key, ContainerInstance.init)
            case .instances:
                for reservation in try node.array(key) ?? [] {
                    snapshot.instances += try reservation.decodeArray("Instances", EC2Instance.init)
                }
            case .listeners: snapshot.listeners += try node.decodeArray(key, Listener.init)
            case .classicLoadBalancers: snapshot.classicLoadBalancers += try node.decodeArray(key, ClassicLoadBalancer.init)
            case .logGroups: snapshot.logGroups += try node.decodeArray(key, LogGroup.init)
            case .secrets: snapshot.secrets += try node.decodeArray(key, SecretMetadata.init)
            case .parameters:
                if key == "InvalidParameters" {
                    snapshot.invalidParameters += try node.strings(key) ?? []
                } else {
                    snapshot.parameters += try node.decodeArray(key, ParameterMetadata.init)
                }
            case .ecrRepositories: snapshot.ecrRepositories += try node.decodeArray(key, ECRRepository.init)
            case .ecrImages: snapshot.ecrImages += try node.decodeArray(key, ECRImageDetail.init)
            case .mountTargets: snapshot.mountTargets += try node.decodeArray(key, EFSMountTarget.init)
            case .events: break
            }
        }

        mutating func mergeVpcAttributes(_ attributes: Vpc) {
            if let index = snapshot.vpcs.firstIndex(where: { $0.vpcId == attributes.vpcId }) {
                if let value = attributes.enableDnsSupport { snapshot.vpcs[index].enableDnsSupport = value }
                if let value = attributes.enableDnsHostnames { snapshot.vpcs[index].enableDnsHostnames = value }
            } else {
                snapshot.vpcs.append(attributes)
            }
        }

        mutating func finish(fileNames: [String]) throws -> Snapshot {
            for node in taskDefinitionNodes {
                guard case .object = node.value else {
                    throw InputError.wrongType(location: node.location, expected: "a task definition object", found: node.value.typeDescription)
                }
                snapshot.taskDefinitions.append(try TaskDefinition(node))
            }
            if !bareTargetHealth.isEmpty {
                let groups = Set(snapshot.targetGroups.map(\.targetGroupArn))
                if groups.count == 1 {
                    for node in bareTargetHealth {
                        snapshot.targetHealth.append(try TargetHealthDescription(node, targetGroupArn: groups.first))
                    }
                } else {
                    snapshot.sections.remove(.targetHealth)
                    snapshot.warnings.append("TargetHealthDescriptions ignored: they do not name their target group and the snapshot has \(groups.count) target groups; give them as {\"TargetHealth\": {\"<target-group-arn>\": [...]}}")
                }
            }
            // Vpc entries from attributes alone merge into later describe-vpcs entries.
            snapshot.vpcs = Builder.mergeByKey(snapshot.vpcs, key: \.vpcId) { older, newer in
                var merged = newer
                merged.enableDnsSupport = newer.enableDnsSupport ?? older.enableDnsSupport
                merged.enableDnsHostnames = newer.enableDnsHostnames ?? older.enableDnsHostnames
                merged.cidrBlock = newer.cidrBlock ?? older.cidrBlock
                return merged
            }
            snapshot.tasks = Builder.mergeByKey(snapshot.tasks, key: \.taskArn)
            snapshot.services = Builder.mergeByKey(snapshot.services, key: \.serviceArn)
            snapshot.taskDefinitions = Builder.mergeByKey(snapshot.taskDefinitions, key: \.taskDefinitionArn)
            snapshot.subnets = Builder.mergeByKey(snapshot.subnets, key: \.subnetId)
            snapshot.routeTables = Builder.mergeByKey(snapshot.routeTables, key: \.routeTableId)
            snapshot.internetGateways = Builder.mergeByKey(snapshot.internetGateways, key: \.internetGatewayId)
            snapshot.natGateways = Builder.mergeByKey(snapshot.natGateways, key: \.natGatewayId)
            snapshot.vpcEndpoints = Builder.mergeByKey(snapshot.vpcEndpoints, key: \.vpcEndpointId)
            snapshot.securityGroups = Builder.mergeByKey(snapshot.securityGroups, key: \.groupId)
            snapshot.networkAcls = Builder.mergeByKey(snapshot.networkAcls, key: \.networkAclId)
            snapshot.networkInterfaces = Builder.mergeByKey(snapshot.networkInterfaces, key: \.networkInterfaceId)
            snapshot.prefixLists = Builder.mergeByKey(snapshot.prefixLists, key: \.prefixListId)
            snapshot.loadBalancers = Builder.mergeByKey(snapshot.loadBalancers, key: \.loadBalancerArn)
            snapshot.targetGroups = Builder.mergeByKey(snapshot.targetGroups, key: \.targetGroupArn)
            snapshot.roles = Builder.mergeByKey(snapshot.roles, key: \.arn) { older, newer in
                // get-role (trust only) must not erase get-account-authorization-details' policies.
                if older.hasPermissionDetails && !newer.hasPermissionDetails {
                    var merged = older
                    merged.trustPolicy = newer.trustPolicy ?? older.trustPolicy
                    return merged
                }
                return newer
            }
            snapshot.managedPolicies = Builder.mergeByKey(snapshot.managedPolicies, key: \.arn)
            snapshot.clusters = Builder.mergeByKey(snapshot.clusters, key: \.clusterArn)
            snapshot.containerInstances = Builder.mergeByKey(snapshot.containerInstances, key: \.containerInstanceArn)
            snapshot.instances = Builder.mergeByKey(snapshot.instances, key: \.instanceId)
            snapshot.listeners = Builder.mergeByKey(snapshot.listeners, key: \.listenerArn)
            snapshot.classicLoadBalancers = Builder.mergeByKey(snapshot.classicLoadBalancers, key: \.loadBalancerName)
            snapshot.logGroups = Builder.mergeByKey(snapshot.logGroups, key: \.logGroupName)
            snapshot.secrets = Builder.mergeByKey(snapshot.secrets, key: \.arn)
            snapshot.parameters = Builder.mergeByKey(snapshot.parameters, key: \.name)
            snapshot.ecrRepositories = Builder.mergeByKey(snapshot.ecrRepositories, key: \.repositoryName)
            snapshot.mountTargets = Builder.mergeByKey(snapshot.mountTargets, key: \.mountTargetId)
            snapshot.recognizedKeys = recognized.sorted()
            snapshot.ignoredKeys = ignored.sorted()
            if snapshot.region == nil { snapshot.region = inferRegion() }
            if snapshot.accountId == nil { snapshot.accountId = inferAccount() }
            let hasData = !snapshot.sections.isEmpty || !snapshot.texts.isEmpty
            if !hasData { throw InputError.nothingToAnalyze(files: fileNames.map { $0 == "-" ? "stdin" : $0 }) }
            return snapshot
        }

        private func inferRegion() -> String? {
            let arns = snapshot.tasks.map(\.taskArn) + snapshot.services.map(\.serviceArn)
                + snapshot.taskDefinitions.map(\.taskDefinitionArn) + snapshot.targetGroups.map(\.targetGroupArn)
            if let region = arns.lazy.compactMap(ARN.region).first { return region }
            return snapshot.subnets.lazy.compactMap(\.availabilityZone).first.map { String($0.dropLast()) }
        }

        private func inferAccount() -> String? {
            let arns = snapshot.tasks.map(\.taskArn) + snapshot.services.map(\.serviceArn)
                + snapshot.taskDefinitions.map(\.taskDefinitionArn) + snapshot.roles.map(\.arn)
            return arns.lazy.compactMap(ARN.account).first
        }

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
}
