/// Translates a Terraform JSON plan or state into the snapshot shapes, so
/// the rules run on configuration before (or right after) it is applied.
///
/// Identities: a value the plan knows (an existing resource's id, anything in
/// a state) is kept, so the result joins a `collect` snapshot of the same
/// account; a resource the plan creates is named `tf:<address>`, which no
/// AWS id looks like. Links unknown until apply are followed through the
/// configuration's references; one that cannot be pinned is named
/// `tf-unresolved:<address>.<attribute>` and listed in `unresolved`, so every
/// rule that needs it finds nothing to judge instead of guessing.
enum TerraformTranslator {
    static func translate(_ document: JSONValue) throws(PreflightError) -> PreflightTranslation {
        let kind = PreflightDocumentKind.recognize(document)
        guard kind == .terraformPlan || kind == .terraformState else { throw .notAPreflightDocument }
        var translation = TerraformTranslation(try TerraformDocument(document, kind: kind!))
        translation.run()
        return PreflightTranslation(snapshot: translation.draft.snapshot(), origins: translation.origins,
                                    unresolved: translation.unresolved, inferred: translation.inferred)
    }
}

/// The state of one translation: the draft snapshot and the side tables.
private struct TerraformTranslation {
    let document: TerraformDocument
    let resolver: TerraformReferenceResolver
    var draft = SnapshotDraft()
    var origins: [PreflightOrigin] = []
    var unresolved: [UnresolvedLink] = []
    /// `resource attribute` of every unresolved link, so each is listed once.
    var unresolvedKeys: Set<String> = []
    var inferred: [InferredContainer] = []
    /// Ids of the `aws_default_*` resources, which are their VPC's implicit ones.
    var defaultIds: [String: String] = [:]
    var subnetVpc: [String: String] = [:]
    var subnetZone: [String: String] = [:]
    var listenerLoadBalancer: [String: String] = [:]
    /// Per task definition ARN, the containers and ports services send load balancer traffic to.
    var serviceContainers: [String: [(name: String, port: Int?)]] = [:]

    init(_ document: TerraformDocument) {
        self.document = document
        resolver = TerraformReferenceResolver(document: document)
    }

    // MARK: Identities

    static let standInPrefix = StandInID.terraform
    static let unresolvedPrefix = StandInID.terraformUnresolved

    /// Types whose Terraform `id` is their ARN (the provider sets it so).
    static let arnIdentified: Set<String> = ["aws_ecs_service", "aws_ecs_cluster", "aws_lb", "aws_alb", "aws_lb_target_group",
                                             "aws_alb_target_group", "aws_lb_listener", "aws_alb_listener", "aws_lb_listener_rule", "aws_iam_policy"]

    func standIn(_ instance: TerraformInstance) -> String { Self.standInPrefix + instance.address }

    func id(_ instance: TerraformInstance) -> String {
        defaultIds[instance.address] ?? instance.string("id") ?? standIn(instance)
    }

    func arn(_ instance: TerraformInstance) -> String {
        instance.string("arn") ?? (Self.arnIdentified.contains(instance.type) ? instance.string("id") : nil) ?? standIn(instance)
    }

    /// The name a role (or log group, repository, parameter) is known by; a stand-in when unknown (`name_prefix`).
    func name(_ instance: TerraformInstance) -> String {
        instance.string("name") ?? standIn(instance)
    }

    enum Use { case id, arn, name }

    func identity(_ instance: TerraformInstance, _ use: Use) -> String {
        switch use {
        case .id: return id(instance)
        case .arn: return arn(instance)
        case .name: return name(instance)
        }
    }

    mutating func origin(_ instance: TerraformInstance, _ id: String) {
        origins.append(PreflightOrigin(id: id, resourceType: instance.mode == "data" ? "data.\(instance.type)" : instance.type,
                                       address: instance.address, constructPath: nil, pointer: instance.pointer))
    }

    // MARK: Links

    static func typeKey(_ instance: TerraformInstance) -> String {
        instance.mode == "data" ? "data.\(instance.type)" : instance.type
    }

    func expression(_ instance: TerraformInstance, _ path: [PathStep]) -> JSONValue? {
        let resource = document.moduleConfiguration(instance.moduleAddress)?.resources[instance.configAddress]
        return TerraformModuleConfiguration.expression(resource?["expressions"], path)
    }

    /// Records a link that could not be pinned and returns the id that stands in for it.
    mutating func unresolvedLink(_ instance: TerraformInstance, _ path: [PathStep], _ reason: String) -> String {
        let attribute = PathStep.render(path)
        let standIn = "\(Self.unresolvedPrefix)\(instance.address).\(attribute)"
        if unresolvedKeys.insert(instance.address + " " + attribute).inserted {
            unresolved.append(UnresolvedLink(resource: instance.address, attribute: attribute, reason: reason, standIn: standIn))
        }
        return standIn
    }

    /// Whether the configuration writes the block holding `path` but not the
    /// attribute itself: an unknown value is then the provider's computed default,
    /// not a link. (A block the configuration does not record at all, such as a
    /// `dynamic` one, says nothing about its attributes.)
    func isUnset(_ instance: TerraformInstance, _ path: [PathStep]) -> Bool {
        guard case let .key(attribute)? = path.last,
              let resource = document.moduleConfiguration(instance.moduleAddress)?.resources[instance.configAddress] else { return false }
        let parent = Array(path.dropLast())
        let holder = parent.isEmpty ? resource["expressions"] : TerraformModuleConfiguration.expression(resource["expressions"], parent)
        guard let holder, case .object = holder, !TerraformModuleConfiguration.isExpression(holder) else { return false }
        return holder[attribute] == nil
    }

    /// The instances of `types` an unknown attribute's expression names, or why there are none.
    func candidates(_ instance: TerraformInstance, _ path: [PathStep], _ types: Set<String>) -> (instances: [TerraformInstance], why: String) {
        guard let expression = expression(instance, path) else {
            return ([], "the configuration records no expression for it (a dynamic block, or set inside a module the plan does not expand)")
        }
        let found = resolver.resolve(expression, from: instance)
        let matching = found.instances.filter { types.contains(Self.typeKey($0)) }
        if !matching.isEmpty { return (matching, "") }
        if !found.opaque.isEmpty {
            return ([], "it comes from \(found.opaque.joined(separator: ", ")), which the plan does not record (locals, root variables and functions of them are not in the JSON)")
        }
        return ([], "its expression names no resource of type \(types.sorted().joined(separator: " or "))")
    }

    /// A single link: the known value, the one instance the configuration names, or a stand-in.
    mutating func link(_ instance: TerraformInstance, _ path: [PathStep], _ types: Set<String>, use: Use = .id) -> String? {
        switch instance.lookup(path) {
        case let .known(.string(value)): return value.isEmpty ? nil : value
        case .known, .absent: return nil
        case .unknown:
            if isUnset(instance, path) { return nil }
            let found = candidates(instance, path, types)
            if found.instances.count == 1 { return identity(found.instances[0], use) }
            let why = found.instances.isEmpty ? found.why
                : "it could be any of \(found.instances.map(\.address).joined(separator: ", "))"
            return unresolvedLink(instance, path, why)
        }
    }

    /// A list of links: known elements kept; unknown ones replaced by the
    /// instances the configuration names when they are exactly as many.
    mutating func links(_ instance: TerraformInstance, _ path: [PathStep], _ types: Set<String>, use: Use = .id) -> [String] {
        var known: [String] = []
        var unknownCount = 0
        switch instance.lookup(path) {
        case .absent: return []
        case let .known(.array(elements)):
            for (position, element) in elements.enumerated() {
                if let value = element.stringValue, !value.isEmpty { known.append(value) } else if instance.isUnknown(path + [.index(position)]) { unknownCount += 1 }
            }
            if unknownCount == 0 { return known }
        case .known: return []
        case .unknown:
            if isUnset(instance, path) { return [] }
            unknownCount = -1
        }
        let found = candidates(instance, path, types)
        let ids = found.instances.map { identity($0, use) }.filter { !known.contains($0) }
        if !ids.isEmpty && (unknownCount == -1 || ids.count == unknownCount) { return known + ids }
        let why = ids.isEmpty ? found.why
            : "\(unknownCount) unknown elements but the expression names \(found.instances.map(\.address).joined(separator: ", "))"
        return known + [unresolvedLink(instance, path, why)]
    }

    // MARK: The translation

    static let vpcTypes: Set<String> = ["aws_vpc", "data.aws_vpc", "aws_default_vpc"]
    static let subnetTypes: Set<String> = ["aws_subnet", "data.aws_subnet", "aws_default_subnet"]
    static let routeTableTypes: Set<String> = ["aws_route_table", "aws_default_route_table", "data.aws_route_table"]
    static let securityGroupTypes: Set<String> = ["aws_security_group", "aws_default_security_group", "data.aws_security_group"]
    static let targetGroupTypes: Set<String> = ["aws_lb_target_group", "aws_alb_target_group", "data.aws_lb_target_group"]
    static let loadBalancerTypes: Set<String> = ["aws_lb", "aws_alb", "data.aws_lb"]
    static let roleTypes: Set<String> = ["aws_iam_role", "data.aws_iam_role"]

    /// Route targets: the field, its `describe-route-tables` key, and the types it names.
    static let routeTargets: [(field: String, key: String, types: Set<String>)] = [
        ("gateway_id", "GatewayId", ["aws_internet_gateway", "data.aws_internet_gateway", "aws_vpn_gateway", "aws_vpc_endpoint"]),
        ("nat_gateway_id", "NatGatewayId", ["aws_nat_gateway", "data.aws_nat_gateway"]),
        ("vpc_endpoint_id", "GatewayId", ["aws_vpc_endpoint"]),
        ("transit_gateway_id", "TransitGatewayId", ["aws_ec2_transit_gateway", "data.aws_ec2_transit_gateway"]),
        ("network_interface_id", "NetworkInterfaceId", ["aws_network_interface"]),
        ("vpc_peering_connection_id", "VpcPeeringConnectionId", ["aws_vpc_peering_connection"]),
        ("egress_only_gateway_id", "EgressOnlyInternetGatewayId", ["aws_egress_only_internet_gateway"]),
        ("local_gateway_id", "LocalGatewayId", []),
        ("carrier_gateway_id", "CarrierGatewayId", ["aws_ec2_carrier_gateway"]),
        ("core_network_arn", "CoreNetworkArn", []),
    ]

    mutating func run() {
        draft.region = region()
        draft.accountId = account()
        resolveDefaultIds()
        // Load balancers, NAT gateways and mount targets read their subnets' VPC and zone.
        for instance in document.instances where Self.subnetTypes.contains(Self.typeKey(instance)) { subnet(instance) }
        // Containers first (VPCs, groups, tables, endpoints, roles, target groups...),
        // then what attaches to them (routes, associations, rules, listeners,
        // policies), then the ECS resources that name all of those.
        for instance in document.instances { translateContainer(instance) }
        for instance in document.instances { translateAttachment(instance) }
        collectServiceContainers()
        for instance in document.instances { translateWorkload(instance) }
    }

    /// What services say about their task definitions' containers: the names and
    /// ports of their load balancer attachments (known even when the containers are not).
    mutating func collectServiceContainers() {
        for instance in document.instances where Self.typeKey(instance) == "aws_ecs_service" {
            guard let definition = link(instance, ["task_definition"], ["aws_ecs_task_definition"], use: .arn) else { continue }
            for position in 0..<instance.count("load_balancer") {
                guard let name = instance.string("load_balancer", .index(position), "container_name") else { continue }
                serviceContainers[definition, default: []].append((name, instance.int("load_balancer", .index(position), "container_port")))
            }
        }
    }

    mutating func translateWorkload(_ instance: TerraformInstance) {
        switch Self.typeKey(instance) {
        case "aws_ecs_cluster": cluster(instance)
        case "aws_ecs_task_definition": taskDefinition(instance)
        case "aws_ecs_service": service(instance)
        case "aws_efs_mount_target": mountTarget(instance)
        default: break
        }
    }

    func region() -> String? {
        if let region = document.providerRegion { return region }
        for instance in document.instances {
            if let arn = instance.string("arn"), let region = ARN.region(arn) { return region }
        }
        return nil
    }

    func account() -> String? {
        for instance in document.instances where instance.type == "aws_caller_identity" {
            if let account = instance.string("account_id") { return account }
        }
        for instance in document.instances {
            if let arn = instance.string("arn"), let account = ARN.account(arn), account.count == 12, account.allSatisfy(\.isNumber) {
                return account
            }
        }
        return nil
    }

    /// `aws_default_route_table`, `aws_default_network_acl` and `aws_default_security_group`
    /// adopt their VPC's implicit resources: they take the ids the VPC gives them.
    mutating func resolveDefaultIds() {
        let implicit: [(type: String, field: String, vpcAttribute: String)] = [
            ("aws_default_route_table", "default_route_table_id", "main_route_table_id"),
            ("aws_default_network_acl", "default_network_acl_id", "default_network_acl_id"),
            ("aws_default_security_group", "vpc_id", "default_security_group_id"),
        ]
        for instance in document.instances {
            guard let entry = implicit.first(where: { $0.type == instance.type }), instance.string("id") == nil else { continue }
            let found = candidates(instance, [.key(entry.field)], ["aws_vpc"])
            if found.instances.count == 1 {
                defaultIds[instance.address] = implicitId(of: found.instances[0], entry.vpcAttribute)
            }
        }
    }

    /// A VPC's implicit resource id: known, or `tf:<vpc address>.<attribute>`.
    func implicitId(of vpc: TerraformInstance, _ attribute: String) -> String {
        vpc.string(.key(attribute)) ?? standIn(vpc) + "." + attribute
    }

    mutating func translateContainer(_ instance: TerraformInstance) {
        switch Self.typeKey(instance) {
        case "aws_vpc", "data.aws_vpc": vpc(instance)
        case "aws_route_table", "aws_default_route_table": routeTable(instance)
        case "aws_internet_gateway": internetGateway(instance)
        case "aws_nat_gateway": natGateway(instance)
        case "aws_vpc_endpoint": endpoint(instance)
        case "aws_security_group", "aws_default_security_group": securityGroup(instance)
        case "aws_network_acl", "aws_default_network_acl": networkAcl(instance)
        case "aws_lb", "aws_alb": loadBalancer(instance)
        case "aws_lb_target_group", "aws_alb_target_group", "data.aws_lb_target_group": targetGroup(instance)
        case "aws_iam_role", "data.aws_iam_role": role(instance)
        case "aws_iam_policy": managedPolicy(instance)
        default: break
        }
    }

    mutating func translateAttachment(_ instance: TerraformInstance) {
        switch Self.typeKey(instance) {
        case "aws_route": route(instance)
        case "aws_route_table_association": routeTableAssociation(instance)
        case "aws_main_route_table_association": mainRouteTableAssociation(instance)
        case "aws_internet_gateway_attachment": internetGatewayAttachment(instance)
        case "aws_vpc_endpoint_route_table_association", "aws_vpc_endpoint_subnet_association",
             "aws_vpc_endpoint_security_group_association", "aws_vpc_endpoint_policy", "aws_vpc_endpoint_private_dns":
            endpointAttachment(instance)
        case "aws_security_group_rule": securityGroupRule(instance)
        case "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule": securityGroupRuleResource(instance)
        case "aws_network_acl_rule": networkAclRule(instance)
        case "aws_network_acl_association": networkAclAssociation(instance)
        case "aws_lb_listener", "aws_alb_listener": listener(instance)
        case "aws_lb_listener_rule", "aws_alb_listener_rule": listenerRule(instance)
        case "aws_iam_role_policy": rolePolicy(instance)
        case "aws_iam_role_policy_attachment": rolePolicyAttachment(instance)
        case "aws_iam_instance_profile": instanceProfile(instance)
        default: break
        }
    }

    // MARK: EC2 network

    mutating func vpc(_ instance: TerraformInstance) {
        let id = id(instance)
        origin(instance, id)
        // A VPC that exists already has its implicit resources in `collect`, not here.
        let creates = instance.mode == "managed"
        let implicit = creates ? (implicitId(of: instance, "main_route_table_id"), implicitId(of: instance, "default_network_acl_id"),
                                  implicitId(of: instance, "default_security_group_id")) : nil
        if let implicit {
            for (attribute, id) in [("main_route_table_id", implicit.0), ("default_network_acl_id", implicit.1), ("default_security_group_id", implicit.2)] {
                origins.append(PreflightOrigin(id: id, resourceType: "aws_vpc." + attribute, address: instance.address + "." + attribute,
                                               constructPath: nil, pointer: instance.pointer))
            }
        }
        draft.vpc(id) { vpc in
            vpc.cidr = instance.string("cidr_block")
            vpc.dnsSupport = instance.bool("enable_dns_support") ?? PreflightDefaults.vpcDnsSupport
            vpc.dnsHostnames = instance.bool("enable_dns_hostnames") ?? PreflightDefaults.vpcDnsHostnames
            if let implicit {
                (vpc.mainRouteTableId, vpc.defaultNetworkAclId, vpc.defaultSecurityGroupId) = implicit
            }
        }
    }

    mutating func subnet(_ instance: TerraformInstance) {
        let id = id(instance)
        origin(instance, id)
        var members: [(key: String, value: JSONValue)] = [("SubnetId", .string(id))]
        if let vpcId = link(instance, ["vpc_id"], Self.vpcTypes) {
            members.append(("VpcId", .string(vpcId)))
            subnetVpc[id] = vpcId
        }
        if let cidr = instance.string("cidr_block") { members.append(("CidrBlock", .string(cidr))) }
        if let zone = instance.string("availability_zone") {
            members.append(("AvailabilityZone", .string(zone)))
            subnetZone[id] = zone
        }
        // Provider doc r/subnet: `map_public_ip_on_launch` "Default is `false`".
        members.append(("MapPublicIpOnLaunch", .bool(instance.bool("map_public_ip_on_launch") ?? false)))
        draft.add("Subnets", members)
    }

    mutating func routeTable(_ instance: TerraformInstance) {
        let id = id(instance)
        origin(instance, id)
        let vpcId = instance.type == "aws_route_table" ? link(instance, ["vpc_id"], Self.vpcTypes)
            : vpcOfDefault(instance, field: "default_route_table_id")
        var routes: [JSONValue] = []
        for position in 0..<instance.count("route") {
            let route: [PathStep] = ["route", .index(position)]
            var target: (key: String, id: String)?
            for candidate in Self.routeTargets {
                if let value = instance.string(route + [.key(candidate.field)]) {
                    target = (candidate.key, value)
                } else if instance.isUnknown(route + [.key(candidate.field)]),
                          let value = link(instance, route + [.key(candidate.field)], candidate.types) {
                    // Routes are one expression for the whole set: the target is
                    // pinned when it names exactly one resource of the field's type.
                    target = (candidate.key, value)
                }
                if target != nil { break }
            }
            routes.append(SnapshotDraft.route(destination: instance.string(route + ["cidr_block"]),
                                              ipv6Destination: instance.string(route + ["ipv6_cidr_block"]),
                                              prefixList: instance.string(route + ["destination_prefix_list_id"]), target: target))
        }
        draft.routeTable(id) { table in
            if table.vpcId == nil { table.vpcId = vpcId }
            table.routes += routes
            if instance.type == "aws_default_route_table" { table.isMain = true }
        }
    }

    /// The VPC of an `aws_default_*` resource, through the VPC attribute it names.
    mutating func vpcOfDefault(_ instance: TerraformInstance, field: String) -> String? {
        if let vpcId = instance.string("vpc_id") { return vpcId }
        let found = candidates(instance, [.key(field)], ["aws_vpc"])
        return found.instances.count == 1 ? id(found.instances[0]) : nil
    }

    mutating func route(_ instance: TerraformInstance) {
        origin(instance, id(instance))
        guard let tableId = link(instance, ["route_table_id"], Self.routeTableTypes) else { return }
        var target: (key: String, id: String)?
        for candidate in Self.routeTargets {
            if let value = link(instance, [.key(candidate.field)], candidate.types) {
                target = (candidate.key, value)
                break
            }
        }
        let route = SnapshotDraft.route(destination: instance.string("destination_cidr_block"),
                                        ipv6Destination: instance.string("destination_ipv6_cidr_block"),
                                        prefixList: instance.string("destination_prefix_list_id"), target: target)
        draft.routeTable(tableId) { $0.routes.append(route) }
    }

    mutating func routeTableAssociation(_ instance: TerraformInstance) {
        origin(instance, id(instance))
        guard let subnetId = link(instance, ["subnet_id"], Self.subnetTypes),
              let tableId = link(instance, ["route_table_id"], Self.routeTableTypes) else { return }
        draft.routeTable(tableId) { $0.subnetIds.append(subnetId) }
    }

    mutating func mainRouteTableAssociation(_ instance: TerraformInstance) {
        origin(instance, id(instance))
        guard let vpcId = link(instance, ["vpc_id"], Self.vpcTypes),
              let tableId = link(instance, ["route_table_id"], Self.routeTableTypes) else { return }
        draft.vpc(vpcId) { $0.mainRouteTableId = tableId }
    }

    mutating func internetGateway(_ instance: TerraformInstance) {
        let id = id(instance)
        origin(instance, id)
        let vpcId = link(instance, ["vpc_id"], Self.vpcTypes)
        draft.internetGateway(id, attachedTo: vpcId)
    }

    mutating func internetGatewayAttachment(_ instance: TerraformInstance) {
        origin(instance, id(instance))
        guard let gatewayId = link(instance, ["internet_gateway_id"], ["aws_internet_gateway"]),
              let vpcId = link(instance, ["vpc_id"], Self.vpcTypes) else { return }
        draft.internetGateway(gatewayId, attachedTo: vpcId)
    }

    mutating func natGateway(_ instance: TerraformInstance) {
        let id = id(instance)
        origin(instance, id)
        var members: [(key: String, value: JSONValue)] = [("NatGatewayId", .string(id)), ("State", .string("available"))]
        if let subnetId = link(instance, ["subnet_id"], Self.subnetTypes) {
            members.append(("SubnetId", .string(subnetId)))
            if let vpcId = subnetVpc[subnetId] { members.append(("VpcId", .string(vpcId))) }
        }
        // Provider doc r/nat_gateway: `connectivity_type` "Defaults to `public`".
        members.append(("ConnectivityType", .string(instance.string("connectivity_type") ?? "public")))
        draft.add("NatGateways", members)
    }

    mutating func endpoint(_ instance: TerraformInstance) {
        let id = id(instance)
        origin(instance, id)
        guard let serviceName = instance.string("service_name") else {
            _ = unresolvedLink(instance, ["service_name"], "the service name is unknown until apply")
            return
        }
        let type = instance.string("vpc_endpoint_type") ?? PreflightDefaults.endpointType
        let vpcId = link(instance, ["vpc_id"], Self.vpcTypes)
        let routeTableIds = links(instance, ["route_table_ids"], Self.routeTableTypes)
        let subnetIds = links(instance, ["subnet_ids"], Self.subnetTypes)
        var groupIds = links(instance, ["security_group_ids"], Self.securityGroupTypes)
        if groupIds.isEmpty, type.lowercased() == "interface", expression(instance, ["security_group_ids"]) == nil,
           let vpcId, let defaultGroup = draft.vpcs[vpcId]?.defaultSecurityGroupId {
            // Provider doc r/vpc_endpoint: "If no security groups are specified, the VPC's
            // default security group is associated with the endpoint."
            groupIds = [defaultGroup]
        }
        // Only interface endpoints have private DNS; AWS describes the others with false.
        let privateDns = instance.bool("private_dns_enabled")
            ?? (type.lowercased() == "interface" ? PreflightDefaults.terraformEndpointPrivateDns : false)
        var policy = instance.string("policy")
        if policy == nil, instance.isUnknown("policy"), expression(instance, ["policy"]) != nil {
            _ = unresolvedLink(instance, ["policy"], "the endpoint policy is unknown until apply")
            policy = nil
        }
        draft.endpoint(id, serviceName: serviceName, type: type.prefix(1).uppercased() + type.dropFirst()) { endpoint in
            endpoint.vpcId = vpcId
            endpoint.routeTableIds = routeTableIds
            endpoint.subnetIds = subnetIds
            endpoint.groupIds = groupIds
            endpoint.privateDns = privateDns
            endpoint.policy = policy
        }
    }

    mutating func endpointAttachment(_ instance: TerraformInstance) {
        origin(instance, id(instance))
        guard let endpointId = link(instance, ["vpc_endpoint_id"], ["aws_vpc_endpoint"]) else { return }
        switch instance.type {
        case "aws_vpc_endpoint_route_table_association":
            guard let tableId = link(instance, ["route_table_id"], Self.routeTableTypes) else { return }
            draft.existingEndpoint(endpointId) { $0.routeTableIds.append(tableId) }
        case "aws_vpc_endpoint_subnet_association":
            guard let subnetId = link(instance, ["subnet_id"], Self.subnetTypes) else { return }
            draft.existingEndpoint(endpointId) { $0.subnetIds.append(subnetId) }
        case "aws_vpc_endpoint_security_group_association":
            guard let groupId = link(instance, ["security_group_id"], Self.securityGroupTypes) else { return }
            draft.existingEndpoint(endpointId) { $0.groupIds.append(groupId) }
        case "aws_vpc_endpoint_policy":
            let policy = instance.string("policy")
            draft.existingEndpoint(endpointId) { $0.policy = policy }
        default:
            let enabled = instance.bool("private_dns_enabled")
            draft.existingEndpoint(endpointId) { $0.privateDns = enabled }
        }
    }

    // MARK: Security groups and network ACLs

    mutating func securityGroup(_ instance: TerraformInstance) {
        let id = id(instance)
        origin(instance, id)
        let vpcId = instance.type == "aws_default_security_group" ? vpcOfDefault(instance, field: "vpc_id")
            : link(instance, ["vpc_id"], Self.vpcTypes)
        let ingress = inlinePermissions(instance, "ingress", groupId: id)
        // A new group's egress: only what the configuration writes (see PreflightDefaults).
        let egress = inlinePermissions(instance, "egress", groupId: id)
        draft.securityGroup(id) { group in
            group.name = instance.string("name") ?? (instance.type == "aws_default_security_group" ? "default" : nil)
            if group.vpcId == nil { group.vpcId = vpcId }
            group.ingress += ingress
            group.egress += egress
        }
    }

    /// Inline `ingress` / `egress` blocks. All blocks share one expression, so
    /// an unknown source group is pinned only when it names a single group.
    mutating func inlinePermissions(_ instance: TerraformInstance, _ direction: String, groupId: String) -> [JSONValue] {
        if instance.isUnknown(.key(direction)) {
            if expression(instance, [.key(direction)]) != nil {
                _ = unresolvedLink(instance, [.key(direction)], "the rules are unknown until apply")
                return []
            }
            // Not written: no ingress (as AWS creates groups) and no egress (Terraform removes the default).
            return PreflightDefaults.terraformSecurityGroupEgress
        }
        var permissions: [JSONValue] = []
        for position in 0..<instance.count(.key(direction)) {
            let rule: [PathStep] = [.key(direction), .index(position)]
            var groups = links(instance, rule + ["security_groups"], Self.securityGroupTypes).filter { $0 != groupId || instance.bool(.key(direction), .index(position), "self") == true }
            if instance.bool(.key(direction), .index(position), "self") == true, !groups.contains(groupId) { groups.append(groupId) }
            permissions.append(SnapshotDraft.permission(
                protocol: instance.string(rule + ["protocol"]) ?? "-1",
                from: instance.int(.key(direction), .index(position), "from_port"), to: instance.int(.key(direction), .index(position), "to_port"),
                cidrs: instance.strings(.key(direction), .index(position), "cidr_blocks") ?? [],
                ipv6: instance.strings(.key(direction), .index(position), "ipv6_cidr_blocks") ?? [],
                prefixLists: links(instance, rule + ["prefix_list_ids"], ["data.aws_prefix_list", "aws_ec2_managed_prefix_list"]),
                groups: groups))
        }
        return permissions
    }

    mutating func securityGroupRule(_ instance: TerraformInstance) {
        origin(instance, id(instance))
        guard let groupId = link(instance, ["security_group_id"], Self.securityGroupTypes), draft.securityGroups[groupId] != nil else { return }
        var groups: [String] = []
        if instance.bool("self") == true { groups.append(groupId) }
        if let source = link(instance, ["source_security_group_id"], Self.securityGroupTypes) { groups.append(source) }
        let permission = SnapshotDraft.permission(
            protocol: instance.string("protocol") ?? "-1", from: instance.int("from_port"), to: instance.int("to_port"),
            cidrs: instance.strings("cidr_blocks") ?? [], ipv6: instance.strings("ipv6_cidr_blocks") ?? [],
            prefixLists: links(instance, ["prefix_list_ids"], ["data.aws_prefix_list", "aws_ec2_managed_prefix_list"]), groups: groups)
        let egress = instance.string("type") == "egress"
        draft.securityGroup(groupId) { group in
            if egress { group.egress.append(permission) } else { group.ingress.append(permission) }
        }
    }

    mutating func securityGroupRuleResource(_ instance: TerraformInstance) {
        origin(instance, id(instance))
        guard let groupId = link(instance, ["security_group_id"], Self.securityGroupTypes), draft.securityGroups[groupId] != nil else { return }
        let referenced = link(instance, ["referenced_security_group_id"], Self.securityGroupTypes)
        let prefixList = link(instance, ["prefix_list_id"], ["data.aws_prefix_list", "aws_ec2_managed_prefix_list"])
        let permission = SnapshotDraft.permission(
            protocol: instance.string("ip_protocol") ?? "-1", from: instance.int("from_port"), to: instance.int("to_port"),
            cidrs: instance.string("cidr_ipv4").map { [$0] } ?? [], ipv6: instance.string("cidr_ipv6").map { [$0] } ?? [],
            prefixLists: prefixList.map { [$0] } ?? [], groups: referenced.map { [$0] } ?? [])
        let egress = instance.type == "aws_vpc_security_group_egress_rule"
        draft.securityGroup(groupId) { group in
            if egress { group.egress.append(permission) } else { group.ingress.append(permission) }
        }
    }

    mutating func networkAcl(_ instance: TerraformInstance) {
        let id = id(instance)
        origin(instance, id)
        let vpcId = instance.type == "aws_default_network_acl" ? vpcOfDefault(instance, field: "default_network_acl_id")
            : link(instance, ["vpc_id"], Self.vpcTypes)
        var entries: [JSONValue] = []
        for (direction, egress) in [("ingress", false), ("egress", true)] {
            for position in 0..<instance.count(.key(direction)) {
                let rule: [PathStep] = [.key(direction), .index(position)]
                entries.append(SnapshotDraft.aclEntry(
                    rule: instance.int(.key(direction), .index(position), "rule_no") ?? 32767,
                    protocol: instance.string(rule + ["protocol"]) ?? "-1",
                    allow: instance.string(rule + ["action"])?.lowercased() == "allow", egress: egress,
                    cidr: instance.string(rule + ["cidr_block"]), ipv6: instance.string(rule + ["ipv6_cidr_block"]),
                    from: instance.int(.key(direction), .index(position), "from_port"), to: instance.int(.key(direction), .index(position), "to_port")))
            }
        }
        let subnetIds = links(instance, ["subnet_ids"], Self.subnetTypes)
        draft.networkAcl(id) { acl in
            if acl.vpcId == nil { acl.vpcId = vpcId }
            acl.isDefault = instance.type == "aws_default_network_acl"
            acl.entries = entries
            acl.subnetIds += subnetIds
        }
    }

    mutating func networkAclRule(_ instance: TerraformInstance) {
        origin(instance, id(instance))
        guard let aclId = link(instance, ["network_acl_id"], ["aws_network_acl", "aws_default_network_acl"]), draft.networkAcls[aclId] != nil else { return }
        let entry = SnapshotDraft.aclEntry(
            rule: instance.int("rule_number") ?? 32767, protocol: instance.string("protocol") ?? "-1",
            allow: instance.string("rule_action")?.lowercased() == "allow", egress: instance.bool("egress") ?? false,
            cidr: instance.string("cidr_block"), ipv6: instance.string("ipv6_cidr_block"),
            from: instance.int("from_port"), to: instance.int("to_port"))
        draft.networkAcl(aclId) { $0.entries.append(entry) }
    }

    mutating func networkAclAssociation(_ instance: TerraformInstance) {
        origin(instance, id(instance))
        guard let aclId = link(instance, ["network_acl_id"], ["aws_network_acl", "aws_default_network_acl"]),
              let subnetId = link(instance, ["subnet_id"], Self.subnetTypes) else { return }
        draft.networkAcl(aclId) { $0.subnetIds.append(subnetId) }
    }

    // MARK: Load balancing

    mutating func loadBalancer(_ instance: TerraformInstance) {
        let arn = arn(instance)
        origin(instance, arn)
        var subnetIds = links(instance, ["subnets"], Self.subnetTypes)
        for position in 0..<instance.count("subnet_mapping") {
            if let subnetId = link(instance, ["subnet_mapping", .index(position), "subnet_id"], Self.subnetTypes), !subnetIds.contains(subnetId) {
                subnetIds.append(subnetId)
            }
        }
        var members: [(key: String, value: JSONValue)] = [
            ("LoadBalancerArn", .string(arn)),
            ("Type", .string(instance.string("load_balancer_type") ?? PreflightDefaults.loadBalancerType)),
            ("Scheme", .string(instance.bool("internal") == true ? "internal" : PreflightDefaults.loadBalancerScheme)),
            ("SecurityGroups", .array(links(instance, ["security_groups"], Self.securityGroupTypes).map(JSONValue.string))),
            ("AvailabilityZones", .array(subnetIds.map { subnetId in
                var zone: [(key: String, value: JSONValue)] = [("SubnetId", .string(subnetId))]
                if let name = subnetZone[subnetId] { zone.append(("ZoneName", .string(name))) }
                return .object(zone)
            })),
        ]
        if let name = instance.string("name") { members.append(("LoadBalancerName", .string(name))) }
        if let vpcId = subnetIds.compactMap({ subnetVpc[$0] }).first { members.append(("VpcId", .string(vpcId))) }
        draft.add("LoadBalancers", members)
    }

    mutating func targetGroup(_ instance: TerraformInstance) {
        let arn = arn(instance)
        origin(instance, arn)
        var members: [(key: String, value: JSONValue)] = [
            ("TargetGroupArn", .string(arn)),
            ("TargetType", .string(instance.string("target_type") ?? PreflightDefaults.targetType)),
        ]
        if let name = instance.string("name") { members.append(("TargetGroupName", .string(name))) }
        if let value = instance.string("protocol") { members.append(("Protocol", .string(value))) }
        if let port = instance.int("port") { members.append(("Port", .number(Double(port)))) }
        if let vpcId = link(instance, ["vpc_id"], Self.vpcTypes) { members.append(("VpcId", .string(vpcId))) }
        let check: [PathStep] = ["health_check", 0]
        if instance.count("health_check") > 0 {
            if let enabled = instance.bool("health_check", 0, "enabled") { members.append(("HealthCheckEnabled", .bool(enabled))) }
            if let path = instance.string(check + ["path"]) { members.append(("HealthCheckPath", .string(path))) }
            if let port = instance.string(check + ["port"]) { members.append(("HealthCheckPort", .string(port))) }
            if let value = instance.string(check + ["protocol"]) { members.append(("HealthCheckProtocol", .string(value))) }
            if let matcher = instance.string(check + ["matcher"]) { members.append(("Matcher", .object([("HttpCode", .string(matcher))]))) }
            for (field, key) in [("interval", "HealthCheckIntervalSeconds"), ("timeout", "HealthCheckTimeoutSeconds"),
                                 ("healthy_threshold", "HealthyThresholdCount"), ("unhealthy_threshold", "UnhealthyThresholdCount")] {
                if let value = instance.int("health_check", 0, .key(field)) { members.append((key, .number(Double(value)))) }
            }
        }
        draft.targetGroup(arn, members)
    }

    mutating func listener(_ instance: TerraformInstance) {
        let arn = arn(instance)
        origin(instance, arn)
        guard let loadBalancerArn = link(instance, ["load_balancer_arn"], Self.loadBalancerTypes, use: .arn) else { return }
        listenerLoadBalancer[arn] = loadBalancerArn
        var actions: [JSONValue] = []
        for position in 0..<instance.count("default_action") {
            let groups = forwardedGroups(instance, ["default_action", .index(position)])
            for group in groups { draft.forward(from: loadBalancerArn, to: group) }
            var action: [(key: String, value: JSONValue)] = [("Type", .string(instance.string("default_action", .index(position), "type") ?? "forward"))]
            if groups.count == 1 { action.append(("TargetGroupArn", .string(groups[0]))) }
            if groups.count > 1 {
                action.append(("ForwardConfig", .object([("TargetGroups", .array(groups.map { .object([("TargetGroupArn", .string($0))]) }))])))
            }
            actions.append(.object(action))
        }
        var members: [(key: String, value: JSONValue)] = [("ListenerArn", .string(arn)), ("LoadBalancerArn", .string(loadBalancerArn))]
        if let port = instance.int("port") { members.append(("Port", .number(Double(port)))) }
        if let value = instance.string("protocol") { members.append(("Protocol", .string(value))) }
        members.append(("DefaultActions", .array(actions)))
        draft.add("Listeners", members)
    }

    /// The target groups an action forwards to: `target_group_arn`, or the weighted `forward` block.
    mutating func forwardedGroups(_ instance: TerraformInstance, _ action: [PathStep]) -> [String] {
        let unresolvedBefore = unresolved.count
        defer { if unresolved.count > unresolvedBefore { draft.loadBalancerLinksComplete = false } }
        var groups: [String] = []
        if let group = link(instance, action + ["target_group_arn"], Self.targetGroupTypes, use: .arn) { groups.append(group) }
        let forward = action + ["forward", 0, "target_group"]
        if case let .known(.array(targets)) = instance.lookup(forward) {
            for position in targets.indices {
                if let group = link(instance, forward + [.index(position), "arn"], Self.targetGroupTypes, use: .arn), !groups.contains(group) {
                    groups.append(group)
                }
            }
        }
        return groups
    }

    mutating func listenerRule(_ instance: TerraformInstance) {
        origin(instance, arn(instance))
        guard let listenerArn = link(instance, ["listener_arn"], ["aws_lb_listener", "aws_alb_listener", "data.aws_lb_listener"], use: .arn),
              let loadBalancerArn = listenerLoadBalancer[listenerArn] else { return }
        for position in 0..<instance.count("action") {
            for group in forwardedGroups(instance, ["action", .index(position)]) { draft.forward(from: loadBalancerArn, to: group) }
        }
    }

    // MARK: IAM

    /// A policy document from a JSON string; unknown until apply, a statement
    /// whose condition nothing decides, so every permission it could grant is undetermined.
    mutating func policyDocument(_ instance: TerraformInstance, _ path: [PathStep]) -> JSONValue? {
        if case let .known(.string(text)) = instance.lookup(path) {
            if let document = try? JSONParser.parse(Array(text.utf8)), case .object = document { return document }
            return nil
        }
        guard instance.isUnknown(path) else { return nil }
        let standIn = unresolvedLink(instance, path, "the policy document is unknown until apply: every permission it could grant is undetermined")
        return SnapshotDraft.undeterminedPolicy(standIn, principal: path.last == .key("assume_role_policy"))
    }

    mutating func role(_ instance: TerraformInstance) {
        let arn = arn(instance)
        let name = name(instance)
        origin(instance, arn)
        let trust = policyDocument(instance, ["assume_role_policy"])
        var inline: [(name: String, document: JSONValue)] = []
        for position in 0..<instance.count("inline_policy") {
            let path: [PathStep] = ["inline_policy", .index(position)]
            if let document = policyDocument(instance, path + ["policy"]) {
                inline.append((instance.string(path + ["name"]) ?? "inline-\(position)", document))
            }
        }
        if instance.mode == "data" {
            // A role read from the account: its trust policy is known, its policies are not.
            inline.append(("unknown-until-apply", SnapshotDraft.undeterminedPolicy(arn, principal: false)))
        }
        let attached = instance.strings("managed_policy_arns") ?? []
        let boundary = instance.string("permissions_boundary")
        draft.role(arn, name: name) { role in
            role.trust = trust
            role.inline += inline
            role.attached += attached.filter { !role.attached.contains($0) }
            role.boundary = boundary
        }
    }

    mutating func managedPolicy(_ instance: TerraformInstance) {
        let arn = arn(instance)
        origin(instance, arn)
        guard let document = policyDocument(instance, ["policy"]) else { return }
        draft.add("Policies", [
            ("Arn", .string(arn)), ("PolicyName", .string(name(instance))), ("DefaultVersionId", .string("v1")),
            ("PolicyVersionList", .array([.object([("Document", document), ("IsDefaultVersion", .bool(true)), ("VersionId", .string("v1"))])])),
        ])
    }

    /// The role an attachment names: by name (`role`) or ARN, linked through the configuration.
    mutating func attachedRole(_ instance: TerraformInstance) -> String? {
        guard let reference = link(instance, ["role"], Self.roleTypes, use: .name) else { return nil }
        return draft.roleKey(reference)
    }

    mutating func rolePolicy(_ instance: TerraformInstance) {
        origin(instance, id(instance))
        guard let key = attachedRole(instance), let document = policyDocument(instance, ["policy"]) else { return }
        let policyName = instance.string("name") ?? standIn(instance)
        // A refreshed state lists the same policy in the role's `inline_policy` too.
        draft.updateRole(key) { role in
            if !role.inline.contains(where: { $0.name == policyName }) { role.inline.append((policyName, document)) }
        }
    }

    mutating func rolePolicyAttachment(_ instance: TerraformInstance) {
        origin(instance, id(instance))
        guard let key = attachedRole(instance),
              let policyArn = link(instance, ["policy_arn"], ["aws_iam_policy", "data.aws_iam_policy"], use: .arn) else { return }
        draft.updateRole(key) { role in
            if !role.attached.contains(policyArn) { role.attached.append(policyArn) }
        }
    }

    mutating func instanceProfile(_ instance: TerraformInstance) {
        let arn = arn(instance)
        origin(instance, arn)
        guard let key = attachedRole(instance) else { return }
        draft.updateRole(key) { $0.instanceProfiles.append(arn) }
    }

    // MARK: ECS

    mutating func cluster(_ instance: TerraformInstance) {
        let arn = arn(instance)
        origin(instance, arn)
        // No registeredContainerInstancesCount: nothing has registered before apply.
        draft.add("clusters", [("clusterArn", .string(arn)), ("clusterName", .string(name(instance))), ("status", .string("ACTIVE"))])
    }

    mutating func taskDefinition(_ instance: TerraformInstance) {
        let arn = arn(instance)
        origin(instance, arn)
        var members: [(key: String, value: JSONValue)] = [("taskDefinitionArn", .string(arn))]
        if let family = instance.string("family") { members.append(("family", .string(family))) }
        if let revision = instance.int("revision") { members.append(("revision", .number(Double(revision)))) }
        if let mode = instance.string("network_mode") {
            members.append(("networkMode", .string(mode)))
        } else if !instance.isUnknown("network_mode") || expression(instance, ["network_mode"]) == nil {
            members.append(("networkMode", .string(PreflightDefaults.networkMode)))
        } else {
            _ = unresolvedLink(instance, ["network_mode"], "the network mode is unknown until apply")
        }
        if let compatibilities = instance.strings("requires_compatibilities") {
            members.append(("requiresCompatibilities", .array(compatibilities.map(JSONValue.string))))
        }
        if let cpu = instance.string("cpu") { members.append(("cpu", .string(cpu))) }
        if let memory = instance.string("memory") { members.append(("memory", .string(memory))) }
        for (field, key) in [("execution_role_arn", "executionRoleArn"), ("task_role_arn", "taskRoleArn")] {
            guard let role = link(instance, [.key(field)], Self.roleTypes, use: .arn) else { continue }
            members.append((key, .string(role)))
            if draft.roleKey(role) == nil {
                // A role the translation does not describe: its trust and permissions are
                // undetermined, not missing (which would read as "the role does not exist").
                if !role.hasPrefix(Self.unresolvedPrefix) {
                    _ = unresolvedLink(instance, [.key(field)], "\(role) is not created by this configuration: its trust and permissions are decided by the account (add a `collect` snapshot)")
                }
                draft.role(role, name: ARN.roleName(role)) { undetermined in
                    undetermined.trust = SnapshotDraft.undeterminedPolicy(role, principal: true)
                    undetermined.inline = [("unknown-until-apply", SnapshotDraft.undeterminedPolicy(role, principal: false))]
                }
            }
        }
        if instance.count("runtime_platform") > 0 {
            var platform: [(key: String, value: JSONValue)] = []
            if let value = instance.string("runtime_platform", 0, "cpu_architecture") { platform.append(("cpuArchitecture", .string(value))) }
            if let value = instance.string("runtime_platform", 0, "operating_system_family") { platform.append(("operatingSystemFamily", .string(value))) }
            members.append(("runtimePlatform", .object(platform)))
        }
        var volumes: [JSONValue] = []
        for position in 0..<instance.count("volume") {
            var volume: [(key: String, value: JSONValue)] = [("name", .string(instance.string("volume", .index(position), "name") ?? ""))]
            let efs: [PathStep] = ["volume", .index(position), "efs_volume_configuration"]
            if instance.count(.key("volume"), .index(position), "efs_volume_configuration") > 0,
               let fileSystem = link(instance, efs + [0, "file_system_id"], ["aws_efs_file_system", "data.aws_efs_file_system"]) {
                volume.append(("efsVolumeConfiguration", .object([("fileSystemId", .string(fileSystem))])))
            }
            volumes.append(.object(volume))
        }
        members.append(("volumes", .array(volumes)))
        members.append(("containerDefinitions", .array(containerDefinitions(instance))))
        draft.add("taskDefinitions", members)
    }

    /// The container definitions: the JSON string when known; when unknown
    /// until apply, one stand-in container built from what the expression references.
    mutating func containerDefinitions(_ instance: TerraformInstance) -> [JSONValue] {
        if let text = instance.string("container_definitions"),
           let parsed = try? JSONParser.parse(Array(text.utf8)), let containers = parsed.arrayValue {
            return containers
        }
        guard instance.isUnknown("container_definitions") else { return [] }
        let expression = expression(instance, ["container_definitions"])
        let references = resolver.references(expression)
        let found = expression.map { resolver.resolve($0, from: instance) } ?? TerraformReferenceResolver.Candidates()
        // Named as the service's load balancer names it, with the port it sends to, so no
        // rule reads the unknown definition as lacking that container or port.
        let attached = serviceContainers[arn(instance)] ?? []
        var names: [String] = []
        for entry in attached where !names.contains(entry.name) { names.append(entry.name) }
        func ports(_ name: String) -> JSONValue {
            .array(attached.filter { $0.name == name }.compactMap(\.port).map { .object([("containerPort", .number(Double($0)))]) })
        }
        var container: [(key: String, value: JSONValue)] = [("name", .string(names.first ?? "unknown-until-apply")), ("essential", .bool(true))]
        if let first = names.first { container.append(("portMappings", ports(first))) }
        var secrets: [JSONValue] = []
        let region = draft.region ?? "unknown-region"
        let account = draft.accountId ?? "unknown-account"
        for resource in found.instances {
            switch resource.type {
            case "aws_ecr_repository":
                // The tag is unknown too: a marker that is not `latest`, so no rule reads a tag the configuration may not use.
                let repository = resource.string("repository_url") ?? "\(account).dkr.ecr.\(region).amazonaws.com/\(name(resource))"
                container.append(("image", .string(repository + ":unknown-until-apply")))
            case "aws_cloudwatch_log_group":
                container.append(("logConfiguration", .object([
                    ("logDriver", .string("awslogs")),
                    ("options", .object([("awslogs-group", .string(name(resource))), ("awslogs-region", .string(region))])),
                ])))
            case "aws_ssm_parameter":
                let parameter = name(resource)
                let arn = resource.string("arn") ?? "arn:aws:ssm:\(region):\(account):parameter\(parameter.hasPrefix("/") ? "" : "/")\(parameter)"
                secrets.append(.object([("name", .string("unknown-until-apply-\(secrets.count)")), ("valueFrom", .string(arn))]))
            case "aws_secretsmanager_secret":
                let arn = resource.string("arn") ?? "arn:aws:secretsmanager:\(region):\(account):secret:\(name(resource))"
                secrets.append(.object([("name", .string("unknown-until-apply-\(secrets.count)")), ("valueFrom", .string(arn))]))
            default: continue
            }
        }
        if !secrets.isEmpty { container.append(("secrets", .array(secrets))) }
        container.append(("inferredFrom", .array(references.map(JSONValue.string))))
        if !found.opaque.isEmpty {
            _ = unresolvedLink(instance, ["container_definitions"],
                               "unknown until apply; inferred from the resources it references, not from \(found.opaque.joined(separator: ", "))")
        }
        inferred.append(InferredContainer(taskDefinition: instance.address, references: references))
        return [.object(container)] + names.dropFirst().map { name in
            .object([("name", .string(name)), ("essential", .bool(false)), ("portMappings", ports(name)),
                     ("inferredFrom", .array([.string("load_balancer of the service")]))])
        }
    }

    mutating func service(_ instance: TerraformInstance) {
        let arn = arn(instance)
        origin(instance, arn)
        var members: [(key: String, value: JSONValue)] = [("serviceArn", .string(arn)), ("serviceName", .string(name(instance))), ("status", .string("ACTIVE"))]
        if let cluster = link(instance, ["cluster"], ["aws_ecs_cluster", "data.aws_ecs_cluster"], use: .arn) { members.append(("clusterArn", .string(cluster))) }
        if let definition = link(instance, ["task_definition"], ["aws_ecs_task_definition", "data.aws_ecs_task_definition"], use: .arn) {
            members.append(("taskDefinition", .string(definition)))
        }
        if let launchType = instance.string("launch_type") { members.append(("launchType", .string(launchType))) }
        var strategy: [JSONValue] = []
        for position in 0..<instance.count("capacity_provider_strategy") {
            var item: [(key: String, value: JSONValue)] = [("capacityProvider", .string(instance.string("capacity_provider_strategy", .index(position), "capacity_provider") ?? ""))]
            if let weight = instance.int("capacity_provider_strategy", .index(position), "weight") { item.append(("weight", .number(Double(weight)))) }
            if let base = instance.int("capacity_provider_strategy", .index(position), "base") { item.append(("base", .number(Double(base)))) }
            strategy.append(.object(item))
        }
        if !strategy.isEmpty { members.append(("capacityProviderStrategy", .array(strategy))) }
        for (field, key) in [("desired_count", "desiredCount"), ("health_check_grace_period_seconds", "healthCheckGracePeriodSeconds")] {
            if let value = instance.int(.key(field)) { members.append((key, .number(Double(value)))) }
        }
        if let strategyName = instance.string("scheduling_strategy") { members.append(("schedulingStrategy", .string(strategyName))) }
        if let execute = instance.bool("enable_execute_command") { members.append(("enableExecuteCommand", .bool(execute))) }
        if let version = instance.string("platform_version") { members.append(("platformVersion", .string(version))) }
        var deployment: [(key: String, value: JSONValue)] = []
        if let value = instance.int("deployment_minimum_healthy_percent") { deployment.append(("minimumHealthyPercent", .number(Double(value)))) }
        if let value = instance.int("deployment_maximum_percent") { deployment.append(("maximumPercent", .number(Double(value)))) }
        if let enabled = instance.bool("deployment_circuit_breaker", 0, "enable") {
            deployment.append(("deploymentCircuitBreaker", .object([("enable", .bool(enabled)), ("rollback", .bool(instance.bool("deployment_circuit_breaker", 0, "rollback") ?? false))])))
        }
        if !deployment.isEmpty { members.append(("deploymentConfiguration", .object(deployment))) }
        if instance.count("network_configuration") > 0 {
            let configuration: [PathStep] = ["network_configuration", 0]
            let publicIp = instance.bool("network_configuration", 0, "assign_public_ip").map { $0 ? "ENABLED" : "DISABLED" } ?? PreflightDefaults.assignPublicIp
            members.append(("networkConfiguration", .object([("awsvpcConfiguration", .object([
                ("subnets", .array(links(instance, configuration + ["subnets"], Self.subnetTypes).map(JSONValue.string))),
                ("securityGroups", .array(links(instance, configuration + ["security_groups"], Self.securityGroupTypes).map(JSONValue.string))),
                ("assignPublicIp", .string(publicIp)),
            ]))])))
        } else if instance.isUnknown("network_configuration") {
            _ = unresolvedLink(instance, ["network_configuration"], "the network configuration is unknown until apply")
        }
        var balancers: [JSONValue] = []
        for position in 0..<instance.count("load_balancer") {
            let path: [PathStep] = ["load_balancer", .index(position)]
            var balancer: [(key: String, value: JSONValue)] = []
            if let group = link(instance, path + ["target_group_arn"], Self.targetGroupTypes, use: .arn) {
                // A target group the translation does not hold is left out rather than
                // reported missing: it is unresolved, or it exists outside this configuration.
                if draft.targetGroups[group] != nil {
                    balancer.append(("targetGroupArn", .string(group)))
                } else if !group.hasPrefix(Self.unresolvedPrefix) {
                    _ = unresolvedLink(instance, path + ["target_group_arn"], "\(group) is not created by this configuration: whether it exists is decided by the account (add a `collect` snapshot)")
                }
            }
            if let name = instance.string(path + ["elb_name"]) { balancer.append(("loadBalancerName", .string(name))) }
            if let name = instance.string(path + ["container_name"]) { balancer.append(("containerName", .string(name))) }
            if let port = instance.int("load_balancer", .index(position), "container_port") { balancer.append(("containerPort", .number(Double(port)))) }
            balancers.append(.object(balancer))
        }
        members.append(("loadBalancers", .array(balancers)))
        draft.add("services", members)
    }

    mutating func mountTarget(_ instance: TerraformInstance) {
        let id = id(instance)
        origin(instance, id)
        var members: [(key: String, value: JSONValue)] = [("MountTargetId", .string(id)), ("LifeCycleState", .string("available"))]
        if let fileSystem = link(instance, ["file_system_id"], ["aws_efs_file_system", "data.aws_efs_file_system"]) {
            members.append(("FileSystemId", .string(fileSystem)))
        }
        if let subnetId = link(instance, ["subnet_id"], Self.subnetTypes) {
            members.append(("SubnetId", .string(subnetId)))
            if let zone = subnetZone[subnetId] { members.append(("AvailabilityZoneName", .string(zone))) }
        }
        draft.add("MountTargets", members)
    }
}
