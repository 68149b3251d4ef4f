/// The synthetic snapshot a pre-deploy translation assembles, in the AWS CLI
/// shapes `collect` writes. Configuration splits what one CLI object holds
/// over several resources (a route table, its routes, its associations, the
/// endpoints routed through it), so tables are built up by id and written
/// out at the end, in the order each id was first seen.
struct SnapshotDraft {
    var region: String?
    var accountId: String?

    struct Vpc {
        var id: String
        var cidr: String?
        var dnsSupport = PreflightDefaults.vpcDnsSupport
        var dnsHostnames = PreflightDefaults.vpcDnsHostnames
        /// The implicit resources every VPC has, for VPCs the input creates
        /// (a VPC that already exists gets them from `collect`).
        var mainRouteTableId: String?
        var defaultNetworkAclId: String?
        var defaultSecurityGroupId: String?
    }

    struct RouteTable {
        var id: String
        var vpcId: String?
        var routes: [JSONValue] = []
        var subnetIds: [String] = []
        var isMain = false
    }

    struct SecurityGroup {
        var id: String
        var name: String?
        var vpcId: String?
        var ingress: [JSONValue] = []
        var egress: [JSONValue] = []
    }

    struct NetworkAcl {
        var id: String
        var vpcId: String?
        var isDefault = false
        var entries: [JSONValue] = []
        var subnetIds: [String] = []
    }

    struct Endpoint {
        var id: String
        var vpcId: String?
        var serviceName: String
        var type: String
        var routeTableIds: [String] = []
        var subnetIds: [String] = []
        var groupIds: [String] = []
        var privateDns: Bool?
        /// A JSON string, as `describe-vpc-endpoints` prints it.
        var policy: String?
    }

    struct Role {
        var name: String
        var arn: String
        var trust: JSONValue?
        var inline: [(name: String, document: JSONValue)] = []
        var attached: [String] = []
        var instanceProfiles: [String] = []
        var boundary: String?
    }

    private(set) var vpcs = OrderedTable<Vpc>()
    private(set) var routeTables = OrderedTable<RouteTable>()
    private(set) var securityGroups = OrderedTable<SecurityGroup>()
    private(set) var networkAcls = OrderedTable<NetworkAcl>()
    private(set) var endpoints = OrderedTable<Endpoint>()
    private(set) var roles = OrderedTable<Role>()
    /// Internet gateways and the VPCs they are attached to.
    private(set) var internetGateways = OrderedTable<[String]>()
    /// Target group objects by ARN, and the load balancers listeners forward from.
    private(set) var targetGroups = OrderedTable<(object: [(key: String, value: JSONValue)], loadBalancerArns: [String])>()
    /// False when a listener's target could not be pinned: a target group with
    /// no load balancer then gets no `LoadBalancerArns` (unknown, not empty).
    var loadBalancerLinksComplete = true
    /// Sections written as given, one object per resource.
    private var plain: [String: [JSONValue]] = [:]

    mutating func add(_ key: String, _ members: [(key: String, value: JSONValue)]) {
        plain[key, default: []].append(.object(members))
    }

    mutating func vpc(_ id: String, _ update: (inout Vpc) -> Void) {
        vpcs.update(id, default: Vpc(id: id), update)
    }

    mutating func internetGateway(_ id: String, attachedTo vpcId: String?) {
        internetGateways.update(id, default: []) { vpcIds in
            if let vpcId, !vpcIds.contains(vpcId) { vpcIds.append(vpcId) }
        }
    }

    mutating func routeTable(_ id: String, _ update: (inout RouteTable) -> Void) {
        routeTables.update(id, default: RouteTable(id: id), update)
    }

    mutating func securityGroup(_ id: String, _ update: (inout SecurityGroup) -> Void) {
        securityGroups.update(id, default: SecurityGroup(id: id), update)
    }

    mutating func networkAcl(_ id: String, _ update: (inout NetworkAcl) -> Void) {
        networkAcls.update(id, default: NetworkAcl(id: id), update)
    }

    mutating func endpoint(_ id: String, serviceName: String, type: String, _ update: (inout Endpoint) -> Void) {
        endpoints.update(id, default: Endpoint(id: id, serviceName: serviceName, type: type), update)
    }

    /// Updates an endpoint created elsewhere (association resources); ignored when unknown.
    mutating func existingEndpoint(_ id: String, _ update: (inout Endpoint) -> Void) {
        guard let endpoint = endpoints[id] else { return }
        endpoints.update(id, default: endpoint, update)
    }

    /// Role ARNs by role name and by the name in their ARN.
    private var roleArnsByName: [String: String] = [:]

    mutating func role(_ arn: String, name: String, _ update: (inout Role) -> Void) {
        roles.update(arn, default: Role(name: name, arn: arn), update)
        for key in [name, ARN.roleName(arn)] where roleArnsByName[key] == nil { roleArnsByName[key] = arn }
    }

    /// The role whose ARN or name is `reference` (attachments name roles by name).
    func roleKey(_ reference: String) -> String? {
        if roles[reference] != nil { return reference }
        return roleArnsByName[reference]
    }

    mutating func updateRole(_ key: String, _ update: (inout Role) -> Void) {
        guard let role = roles[key] else { return }
        roles.update(key, default: role, update)
    }

    mutating func targetGroup(_ arn: String, _ members: [(key: String, value: JSONValue)]) {
        targetGroups.update(arn, default: (object: members, loadBalancerArns: [])) { $0.object = members }
    }

    mutating func forward(from loadBalancerArn: String, to targetGroupArn: String) {
        guard let group = targetGroups[targetGroupArn], !group.loadBalancerArns.contains(loadBalancerArn) else { return }
        targetGroups.update(targetGroupArn, default: group) { $0.loadBalancerArns.append(loadBalancerArn) }
    }

    // MARK: Shapes shared by the translators

    /// An `IpPermissions` element; no ports means all (protocol -1).
    static func permission(protocol ipProtocol: String, from: Int?, to: Int?, cidrs: [String] = [], ipv6: [String] = [],
                           prefixLists: [String] = [], groups: [String] = []) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("IpProtocol", .string(normalizedProtocol(ipProtocol)))]
        if normalizedProtocol(ipProtocol) != "-1" {
            if let from { members.append(("FromPort", .number(Double(from)))) }
            if let to { members.append(("ToPort", .number(Double(to)))) }
        }
        members.append(("IpRanges", .array(cidrs.map { .object([("CidrIp", .string($0))]) })))
        members.append(("Ipv6Ranges", .array(ipv6.map { .object([("CidrIpv6", .string($0))]) })))
        members.append(("PrefixListIds", .array(prefixLists.map { .object([("PrefixListId", .string($0))]) })))
        members.append(("UserIdGroupPairs", .array(groups.map { .object([("GroupId", .string($0))]) })))
        return .object(members)
    }

    /// Security group protocols as `describe-security-groups` prints them:
    /// names for tcp/udp/icmp, "-1" for all (Terraform accepts "all" and numbers).
    static func normalizedProtocol(_ value: String) -> String {
        switch value.lowercased() {
        case "-1", "all": return "-1"
        case "6": return "tcp"
        case "17": return "udp"
        case "1": return "icmp"
        default: return value.lowercased()
        }
    }

    /// A network ACL entry; ports only for TCP and UDP (see `PreflightDefaults.aclEntryHasPorts`).
    static func aclEntry(rule: Int, protocol ruleProtocol: String, allow: Bool, egress: Bool, cidr: String?, ipv6: String? = nil,
                         from: Int?, to: Int?) -> JSONValue {
        let number = aclProtocolNumber(ruleProtocol)
        var members: [(key: String, value: JSONValue)] = [
            ("RuleNumber", .number(Double(rule))), ("Protocol", .string(number)),
            ("RuleAction", .string(allow ? "allow" : "deny")), ("Egress", .bool(egress)),
        ]
        if let cidr { members.append(("CidrBlock", .string(cidr))) }
        if let ipv6 { members.append(("Ipv6CidrBlock", .string(ipv6))) }
        if PreflightDefaults.aclEntryHasPorts(number), let from, let to {
            members.append(("PortRange", .object([("From", .number(Double(from))), ("To", .number(Double(to)))])))
        }
        return .object(members)
    }

    /// Network ACL protocols are numbers in `describe-network-acls` ("6", "-1").
    static func aclProtocolNumber(_ value: String) -> String {
        switch value.lowercased() {
        case "all": return "-1"
        case "tcp": return "6"
        case "udp": return "17"
        case "icmp": return "1"
        default: return value
        }
    }

    static func route(destination: String?, ipv6Destination: String? = nil, prefixList: String? = nil,
                      target: (key: String, id: String)?) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let destination { members.append(("DestinationCidrBlock", .string(destination))) }
        if let ipv6Destination { members.append(("DestinationIpv6CidrBlock", .string(ipv6Destination))) }
        if let prefixList { members.append(("DestinationPrefixListId", .string(prefixList))) }
        if let target { members.append((target.key, .string(target.id))) }
        members.append(("State", .string("active")))
        return .object(members)
    }

    /// A policy for a document unknown before deploy: one statement allowing
    /// everything under a condition nothing decides, so every permission (or
    /// trust) it could give is undetermined rather than granted or denied.
    static func undeterminedPolicy(_ reference: String, principal: Bool) -> JSONValue {
        var statement: [(key: String, value: JSONValue)] = [
            ("Effect", .string("Allow")), ("Action", .string("*")),
            ("Condition", .object([("StringEquals", .object([("ecs-triage:UnknownUntilApply", .string(reference))]))])),
        ]
        statement.append(principal ? ("Principal", .string("*")) : ("Resource", .string("*")))
        return .object([("Version", .string("2012-10-17")), ("Statement", .array([.object(statement)]))])
    }

    // MARK: Writing

    /// The merged snapshot: implicit resources of the VPCs the input creates,
    /// local routes, and every section in first-seen order.
    func snapshot() -> JSONValue {
        var routeTables = self.routeTables
        var networkAcls = self.networkAcls
        var securityGroups = self.securityGroups
        var vpcObjects: [JSONValue] = []
        var attributes: [JSONValue] = []
        for vpc in vpcs.values {
            var members: [(key: String, value: JSONValue)] = [("VpcId", .string(vpc.id))]
            if let cidr = vpc.cidr { members.append(("CidrBlock", .string(cidr))) }
            vpcObjects.append(.object(members))
            attributes.append(.object([("VpcId", .string(vpc.id)),
                                       ("EnableDnsSupport", .object([("Value", .bool(vpc.dnsSupport))])),
                                       ("EnableDnsHostnames", .object([("Value", .bool(vpc.dnsHostnames))]))]))
            if let id = vpc.mainRouteTableId {
                routeTables.update(id, default: RouteTable(id: id, vpcId: vpc.id)) { table in
                    table.isMain = true
                    if table.vpcId == nil { table.vpcId = vpc.id }
                }
            }
            if let id = vpc.defaultNetworkAclId {
                let isNew = networkAcls[id] == nil
                networkAcls.update(id, default: NetworkAcl(id: id, vpcId: vpc.id)) { acl in
                    acl.isDefault = true
                    if acl.vpcId == nil { acl.vpcId = vpc.id }
                    if isNew { acl.entries = PreflightDefaults.defaultNetworkAclEntries }
                }
            }
            if let id = vpc.defaultSecurityGroupId, securityGroups[id] == nil {
                securityGroups.update(id, default: SecurityGroup(id: id, name: "default", vpcId: vpc.id,
                                                                 ingress: PreflightDefaults.defaultSecurityGroupIngress(groupId: id),
                                                                 egress: PreflightDefaults.defaultSecurityGroupEgress)) { _ in }
            }
        }
        var sections: [(key: String, value: JSONValue)] = [("snapshotVersion", .number(1))]
        if let region { sections.append(("region", .string(region))) }
        if let accountId { sections.append(("accountId", .string(accountId))) }
        if !vpcs.isEmpty {
            sections.append(("Vpcs", .array(vpcObjects)))
            sections.append(("VpcAttributes", .array(attributes)))
        }
        if !routeTables.isEmpty {
            sections.append(("RouteTables", .array(routeTables.values.map { table in
                var routes = table.routes
                if let cidr = table.vpcId.flatMap({ vpcs[$0]?.cidr }) {
                    routes.insert(Self.route(destination: cidr, target: ("GatewayId", "local")), at: 0)
                }
                var associations: [JSONValue] = table.subnetIds.map {
                    .object([("Main", .bool(false)), ("RouteTableId", .string(table.id)), ("SubnetId", .string($0))])
                }
                if table.isMain { associations.insert(.object([("Main", .bool(true)), ("RouteTableId", .string(table.id))]), at: 0) }
                var members: [(key: String, value: JSONValue)] = [("RouteTableId", .string(table.id))]
                if let vpcId = table.vpcId { members.append(("VpcId", .string(vpcId))) }
                members.append(("Associations", .array(associations)))
                members.append(("Routes", .array(routes)))
                return .object(members)
            })))
        }
        // For a VPC the input creates, the input is the whole truth: no gateway or
        // endpoint it does not create exists. (An existing VPC's come from `collect`.)
        let createsVpc = vpcs.values.contains { $0.mainRouteTableId != nil }
        if !internetGateways.isEmpty || createsVpc {
            sections.append(("InternetGateways", .array(internetGateways.keys.map { id in
                .object([("InternetGatewayId", .string(id)), ("Attachments", .array(internetGateways[id]!.map {
                    .object([("State", .string("available")), ("VpcId", .string($0))])
                }))])
            })))
        }
        if !securityGroups.isEmpty {
            sections.append(("SecurityGroups", .array(securityGroups.values.map { group in
                var members: [(key: String, value: JSONValue)] = [("GroupId", .string(group.id))]
                if let name = group.name { members.append(("GroupName", .string(name))) }
                if let vpcId = group.vpcId { members.append(("VpcId", .string(vpcId))) }
                members.append(("IpPermissions", .array(group.ingress)))
                members.append(("IpPermissionsEgress", .array(group.egress)))
                return .object(members)
            })))
        }
        if !networkAcls.isEmpty {
            sections.append(("NetworkAcls", .array(networkAcls.values.map { acl in
                var members: [(key: String, value: JSONValue)] = [("NetworkAclId", .string(acl.id))]
                if let vpcId = acl.vpcId { members.append(("VpcId", .string(vpcId))) }
                members.append(("IsDefault", .bool(acl.isDefault)))
                members.append(("Entries", .array(acl.entries + PreflightDefaults.implicitDenyEntries)))
                members.append(("Associations", .array(acl.subnetIds.map {
                    .object([("NetworkAclId", .string(acl.id)), ("SubnetId", .string($0))])
                })))
                return .object(members)
            })))
        }
        if !endpoints.isEmpty || createsVpc {
            sections.append(("VpcEndpoints", .array(endpoints.values.map { endpoint in
                var members: [(key: String, value: JSONValue)] = [
                    ("VpcEndpointId", .string(endpoint.id)), ("ServiceName", .string(endpoint.serviceName)),
                    ("VpcEndpointType", .string(endpoint.type)), ("State", .string("available")),
                ]
                if let vpcId = endpoint.vpcId { members.append(("VpcId", .string(vpcId))) }
                members.append(("RouteTableIds", .array(endpoint.routeTableIds.map(JSONValue.string))))
                members.append(("SubnetIds", .array(endpoint.subnetIds.map(JSONValue.string))))
                members.append(("Groups", .array(endpoint.groupIds.map { .object([("GroupId", .string($0))]) })))
                if let privateDns = endpoint.privateDns { members.append(("PrivateDnsEnabled", .bool(privateDns))) }
                if let policy = endpoint.policy { members.append(("PolicyDocument", .string(policy))) }
                return .object(members)
            })))
        }
        if !roles.isEmpty {
            sections.append(("RoleDetailList", .array(roles.values.map { role in
                var members: [(key: String, value: JSONValue)] = [("RoleName", .string(role.name)), ("Arn", .string(role.arn))]
                if let trust = role.trust { members.append(("AssumeRolePolicyDocument", trust)) }
                members.append(("RolePolicyList", .array(role.inline.map {
                    .object([("PolicyName", .string($0.name)), ("PolicyDocument", $0.document)])
                })))
                members.append(("AttachedManagedPolicies", .array(role.attached.map {
                    .object([("PolicyArn", .string($0)), ("PolicyName", .string(ARN.lastComponent($0)))])
                })))
                members.append(("InstanceProfileList", .array(role.instanceProfiles.map { .object([("Arn", .string($0))]) })))
                if let boundary = role.boundary {
                    members.append(("PermissionsBoundary", .object([("PermissionsBoundaryArn", .string(boundary)),
                                                                     ("PermissionsBoundaryType", .string("Policy"))])))
                }
                return .object(members)
            })))
        }
        if !targetGroups.isEmpty {
            sections.append(("TargetGroups", .array(targetGroups.values.map { group in
                guard loadBalancerLinksComplete || !group.loadBalancerArns.isEmpty else { return .object(group.object) }
                return .object(group.object + [("LoadBalancerArns", .array(group.loadBalancerArns.map(JSONValue.string)))])
            })))
        }
        var plain = self.plain
        if createsVpc, plain["NatGateways"] == nil { plain["NatGateways"] = [] }
        for key in plain.keys.sorted() { sections.append((key, .array(plain[key]!))) }
        return .object(sections)
    }
}

/// A table of values by id that remembers the order ids were first seen.
struct OrderedTable<Value> {
    private var order: [String] = []
    private var items: [String: Value] = [:]

    subscript(id: String) -> Value? { items[id] }

    var isEmpty: Bool { order.isEmpty }

    var values: [Value] { order.map { items[$0]! } }

    var keys: [String] { order }

    mutating func update(_ id: String, default value: @autoclosure () -> Value, _ change: (inout Value) -> Void) {
        if items[id] == nil {
            order.append(id)
            items[id] = value()
        }
        change(&items[id]!)
    }
}
