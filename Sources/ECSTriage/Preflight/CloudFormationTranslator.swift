/// Translates a CloudFormation template in JSON (hand-written or CDK synth
/// output) into the snapshot shapes. Every link is an intrinsic: a resource's
/// id is `cfn:<LogicalId>` (what `Ref` gives until deployed), a value the
/// template cannot decide is `cfn-unresolved:<LogicalId>.<Property>` and is
/// listed in `unresolved`. CloudFormation's own defaults apply, which differ
/// from Terraform's (see PreflightDefaults).
public enum CloudFormationTranslator {
    public struct Options: Sendable {
        /// Parameter values, as `--parameter Key=Value` gives them; others take their defaults.
        public var parameters: [String: String]
        /// `AWS::Region` / `AWS::AccountId`; CDK output carries them in manifest.json (`CDKAssembly`).
        public var region: String?
        public var accountId: String?

        public init(parameters: [String: String] = [:], region: String? = nil, accountId: String? = nil) {
            self.parameters = parameters
            self.region = region
            self.accountId = accountId
        }
    }

    public static func translate(_ template: JSONValue, options: Options = Options()) -> PreflightTranslation {
        var translation = CloudFormationTranslation(template, options: options)
        translation.run()
        return PreflightTranslation(snapshot: translation.draft.snapshot(), origins: translation.origins,
                                    unresolved: translation.unresolved, inferred: [])
    }
}

/// A CDK cloud assembly's manifest (`cdk.out/manifest.json`): its stacks.
public enum CDKAssembly {
    public struct Stack: Sendable, Equatable {
        public var name: String
        /// The template file, relative to the manifest.
        public var templateFile: String
        public var region: String?
        public var accountId: String?
    }

    /// Whether a JSON object is a cloud assembly manifest.
    public static func isManifest(_ document: JSONValue) -> Bool {
        document["artifacts"]?.objectMembers?.contains { $0.value["type"]?.stringValue == "aws:cloudformation:stack" } == true
    }

    /// The stacks, with the environment CDK resolved (`aws://<account>/<region>`;
    /// `unknown-account` / `unknown-region` for environment-agnostic stacks).
    public static func stacks(_ manifest: JSONValue) -> [Stack] {
        (manifest["artifacts"]?.objectMembers ?? []).compactMap { name, artifact in
            guard artifact["type"]?.stringValue == "aws:cloudformation:stack",
                  let file = artifact["properties"]?["templateFile"]?.stringValue else { return nil }
            var region: String?
            var account: String?
            if let environment = artifact["environment"]?.stringValue, environment.hasPrefix("aws://") {
                let parts = environment.dropFirst("aws://".count).split(separator: "/", maxSplits: 1).map(String.init)
                if parts.count == 2 {
                    account = parts[0].hasPrefix("unknown-") ? nil : parts[0]
                    region = parts[1].hasPrefix("unknown-") ? nil : parts[1]
                }
            }
            return Stack(name: name, templateFile: file, region: region, accountId: account)
        }
    }
}

private struct CloudFormationTranslation {
    static let unresolvedPrefix = StandInID.cloudFormationUnresolved

    let template: JSONValue
    var intrinsics: CloudFormationIntrinsics
    var draft = SnapshotDraft()
    var origins: [PreflightOrigin] = []
    var unresolved: [UnresolvedLink] = []
    /// Resolved properties by logical id, for resources whose condition holds.
    var properties: [(logicalId: String, type: String, properties: JSONValue)] = []
    var subnetVpc: [String: String] = [:]
    var subnetZone: [String: String] = [:]
    var listenerLoadBalancer: [String: String] = [:]

    init(_ template: JSONValue, options: CloudFormationTranslator.Options) {
        self.template = template
        let region = options.region ?? "unknown-region"
        let account = options.accountId ?? "unknown-account"
        intrinsics = CloudFormationIntrinsics(template: template, given: options.parameters, region: region, accountId: account)
        draft.region = region
        draft.accountId = options.accountId
        if options.region == nil {
            unresolved.append(UnresolvedLink(resource: "template", attribute: "AWS::Region",
                                             reason: "the region is where the stack is deployed: give it (CDK output carries it in manifest.json)",
                                             standIn: region))
        }
        if let transform = template["Transform"] {
            let names = transform.stringValue.map { [$0] } ?? transform.arrayValue?.compactMap(\.stringValue) ?? []
            unresolved.append(UnresolvedLink(resource: "template", attribute: "Transform",
                                             reason: "macros (\(names.joined(separator: ", "))) expand at deploy: translate the processed template (`aws cloudformation get-template --template-stage Processed`)",
                                             standIn: nil))
        }
    }

    mutating func run() {
        for (logicalId, resource) in template["Resources"]?.objectMembers ?? [] {
            let type = resource["Type"]?.stringValue ?? ""
            if let condition = resource["Condition"]?.stringValue {
                switch intrinsics.condition(condition) {
                case false?: continue
                case nil:
                    unresolved.append(UnresolvedLink(resource: logicalId, attribute: "Condition",
                                                     reason: "whether it is created depends on condition \(condition), unknown before deploy", standIn: nil))
                    continue
                case true?: break
                }
            }
            if type.hasPrefix("Custom::") || type == "AWS::CloudFormation::CustomResource" || type == "AWS::CloudFormation::Stack" {
                unresolved.append(UnresolvedLink(resource: logicalId, attribute: "Type",
                                                 reason: "\(type) is not translated: its resources and values exist only after deploy", standIn: nil))
            }
            let resolved = resolve(resource["Properties"] ?? .object([]), logicalId: logicalId, path: "")
            properties.append((logicalId, type, resolved))
            origins.append(PreflightOrigin(id: identity(logicalId), resourceType: type, address: logicalId,
                                           constructPath: resource["Metadata"]?["aws:cdk:path"]?.stringValue,
                                           pointer: "/Resources/" + JSONNode.escape(logicalId)))
        }
        for item in properties where item.type == "AWS::EC2::Subnet" { subnet(item.logicalId, item.properties) }
        for item in properties { container(item.logicalId, item.type, item.properties) }
        for item in properties { attachment(item.logicalId, item.type, item.properties) }
        for item in properties { workload(item.logicalId, item.type, item.properties) }
    }

    /// The id a resource has in the snapshot.
    func identity(_ logicalId: String) -> String {
        if case let .value(.string(id)) = intrinsics.reference(logicalId) { return id }
        return CloudFormationIntrinsics.standIn(logicalId)
    }

    /// Properties with every intrinsic evaluated; what cannot be is a stand-in, recorded.
    mutating func resolve(_ value: JSONValue, logicalId: String, path: String) -> JSONValue {
        switch value {
        case let .object(members):
            if members.count == 1, let key = members.first?.key, key == "Ref" || key.hasPrefix("Fn::") {
                return evaluated(value, logicalId: logicalId, path: path)
            }
            return .object(members.compactMap { member in
                if isNoValue(member.value) { return nil }
                return (member.key, resolve(member.value, logicalId: logicalId, path: path.isEmpty ? member.key : path + "." + member.key))
            })
        case let .array(items):
            return .array(items.enumerated().compactMap { position, item in
                if isNoValue(item) { return nil }
                return resolve(item, logicalId: logicalId, path: "\(path)[\(position)]")
            })
        case .string:
            return evaluated(value, logicalId: logicalId, path: path)
        default:
            return value
        }
    }

    /// `Ref: AWS::NoValue`, directly or as the branch an `Fn::If` takes: the property is left out.
    func isNoValue(_ value: JSONValue) -> Bool {
        guard let key = value.objectMembers?.first?.key, value.objectMembers?.count == 1, key == "Ref" || key == "Fn::If" else { return false }
        var copy = intrinsics
        if case .noValue = copy.evaluate(value) { return true }
        return false
    }

    mutating func evaluated(_ value: JSONValue, logicalId: String, path: String) -> JSONValue {
        switch intrinsics.evaluate(value) {
        case let .value(result): return result
        case .noValue: return .null
        case let .unresolved(why):
            let standIn = "\(Self.unresolvedPrefix)\(logicalId).\(path)"
            unresolved.append(UnresolvedLink(resource: logicalId, attribute: path, reason: why, standIn: standIn))
            return .string(standIn)
        }
    }

    // MARK: Reading resolved properties

    static func string(_ value: JSONValue?) -> String? {
        switch value {
        case let .string(text)?: return text.hasPrefix(unresolvedPrefix) || text.isEmpty ? nil : text
        case let .number(number)?: return JSONWriter.format(number)
        default: return nil
        }
    }

    /// A link: the id, or the stand-in that marks it unresolved.
    static func link(_ value: JSONValue?) -> String? {
        if case let .string(text)? = value, !text.isEmpty { return text }
        return nil
    }

    static func links(_ value: JSONValue?) -> [String] {
        value?.arrayValue?.compactMap { link($0) } ?? []
    }

    /// A boolean (CloudFormation accepts "true"/"false"); nil when unresolved, `absent` when not given.
    static func flag(_ value: JSONValue?, absent: Bool?) -> Bool? {
        switch value {
        case nil, .null?: return absent
        case let .bool(flag)?: return flag
        case let .string(text)? where text.lowercased() == "true": return true
        case let .string(text)? where text.lowercased() == "false": return false
        default: return nil
        }
    }

    static func int(_ value: JSONValue?) -> Int? {
        switch value {
        case let .number(number)? where number == number.rounded() && abs(number) < 1e9: return Int(number)
        case let .string(text)?: return Int(text)
        default: return nil
        }
    }

    // MARK: Resources

    mutating func subnet(_ logicalId: String, _ properties: JSONValue) {
        let id = identity(logicalId)
        var members: [(key: String, value: JSONValue)] = [("SubnetId", .string(id))]
        if let vpcId = Self.link(properties["VpcId"]) {
            members.append(("VpcId", .string(vpcId)))
            subnetVpc[id] = vpcId
        }
        if let cidr = Self.string(properties["CidrBlock"]) { members.append(("CidrBlock", .string(cidr))) }
        if let zone = Self.string(properties["AvailabilityZone"]) {
            members.append(("AvailabilityZone", .string(zone)))
            subnetZone[id] = zone
        }
        // AWS::EC2::Subnet `MapPublicIpOnLaunch`: default false.
        if let publicIp = Self.flag(properties["MapPublicIpOnLaunch"], absent: false) { members.append(("MapPublicIpOnLaunch", .bool(publicIp))) }
        draft.add("Subnets", members)
    }

    mutating func container(_ logicalId: String, _ type: String, _ properties: JSONValue) {
        let id = identity(logicalId)
        switch type {
        case "AWS::EC2::VPC":
            draft.vpc(id) { vpc in
                vpc.cidr = Self.string(properties["CidrBlock"])
                vpc.dnsSupport = Self.flag(properties["EnableDnsSupport"], absent: PreflightDefaults.vpcDnsSupport) ?? PreflightDefaults.vpcDnsSupport
                vpc.dnsHostnames = Self.flag(properties["EnableDnsHostnames"], absent: PreflightDefaults.vpcDnsHostnames) ?? PreflightDefaults.vpcDnsHostnames
                // CloudFormation cannot change the main route table: subnets without an association use this one.
                vpc.mainRouteTableId = id + ".MainRouteTable"
                vpc.defaultNetworkAclId = id + ".DefaultNetworkAcl"
                vpc.defaultSecurityGroupId = id + ".DefaultSecurityGroup"
            }
        case "AWS::EC2::RouteTable":
            let vpcId = Self.link(properties["VpcId"])
            draft.routeTable(id) { $0.vpcId = vpcId }
        case "AWS::EC2::InternetGateway":
            draft.internetGateway(id, attachedTo: nil)
        case "AWS::EC2::NatGateway":
            var members: [(key: String, value: JSONValue)] = [("NatGatewayId", .string(id)), ("State", .string("available"))]
            if let subnetId = Self.link(properties["SubnetId"]) {
                members.append(("SubnetId", .string(subnetId)))
                if let vpcId = subnetVpc[subnetId] { members.append(("VpcId", .string(vpcId))) }
            }
            // AWS::EC2::NatGateway `ConnectivityType`: default public.
            members.append(("ConnectivityType", .string(Self.string(properties["ConnectivityType"]) ?? "public")))
            draft.add("NatGateways", members)
        case "AWS::EC2::VPCEndpoint":
            endpoint(id, properties)
        case "AWS::EC2::SecurityGroup":
            securityGroup(id, properties)
        case "AWS::EC2::NetworkAcl":
            let vpcId = Self.link(properties["VpcId"])
            draft.networkAcl(id) { $0.vpcId = vpcId }
        case "AWS::ElasticLoadBalancingV2::LoadBalancer":
            loadBalancer(id, properties)
        case "AWS::ElasticLoadBalancingV2::TargetGroup":
            targetGroup(id, properties)
        case "AWS::IAM::Role":
            role(logicalId, id, properties)
        case "AWS::IAM::ManagedPolicy":
            guard let document = properties["PolicyDocument"] else { return }
            draft.add("Policies", [
                ("Arn", .string(id)), ("PolicyName", .string(Self.string(properties["ManagedPolicyName"]) ?? id)), ("DefaultVersionId", .string("v1")),
                ("PolicyVersionList", .array([.object([("Document", document), ("IsDefaultVersion", .bool(true)), ("VersionId", .string("v1"))])])),
            ])
        default:
            break
        }
    }

    mutating func attachment(_ logicalId: String, _ type: String, _ properties: JSONValue) {
        let id = identity(logicalId)
        switch type {
        case "AWS::EC2::Route":
            guard let tableId = Self.link(properties["RouteTableId"]) else { return }
            let targets: [(property: String, key: String)] = [
                ("GatewayId", "GatewayId"), ("NatGatewayId", "NatGatewayId"), ("VpcEndpointId", "GatewayId"),
                ("TransitGatewayId", "TransitGatewayId"), ("NetworkInterfaceId", "NetworkInterfaceId"),
                ("VpcPeeringConnectionId", "VpcPeeringConnectionId"), ("EgressOnlyInternetGatewayId", "EgressOnlyInternetGatewayId"),
                ("CarrierGatewayId", "CarrierGatewayId"), ("LocalGatewayId", "LocalGatewayId"), ("CoreNetworkArn", "CoreNetworkArn"),
            ]
            let target = targets.lazy.compactMap { candidate in Self.link(properties[candidate.property]).map { (candidate.key, $0) } }.first
            let route = SnapshotDraft.route(destination: Self.string(properties["DestinationCidrBlock"]),
                                            ipv6Destination: Self.string(properties["DestinationIpv6CidrBlock"]),
                                            prefixList: Self.string(properties["DestinationPrefixListId"]), target: target)
            draft.routeTable(tableId) { $0.routes.append(route) }
        case "AWS::EC2::SubnetRouteTableAssociation":
            guard let tableId = Self.link(properties["RouteTableId"]), let subnetId = Self.link(properties["SubnetId"]) else { return }
            draft.routeTable(tableId) { $0.subnetIds.append(subnetId) }
        case "AWS::EC2::VPCGatewayAttachment":
            guard let gatewayId = Self.link(properties["InternetGatewayId"]), let vpcId = Self.link(properties["VpcId"]) else { return }
            draft.internetGateway(gatewayId, attachedTo: vpcId)
        case "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress":
            let egress = type == "AWS::EC2::SecurityGroupEgress"
            guard let groupId = Self.link(properties["GroupId"]), draft.securityGroups[groupId] != nil else { return }
            let permission = Self.permission(properties, egress: egress)
            draft.securityGroup(groupId) { group in
                if egress { group.egress.append(permission) } else { group.ingress.append(permission) }
            }
        case "AWS::EC2::NetworkAclEntry":
            guard let aclId = Self.link(properties["NetworkAclId"]), draft.networkAcls[aclId] != nil else { return }
            let entry = SnapshotDraft.aclEntry(
                rule: Self.int(properties["RuleNumber"]) ?? 32767, protocol: Self.string(properties["Protocol"]) ?? "-1",
                allow: Self.string(properties["RuleAction"])?.lowercased() == "allow",
                egress: Self.flag(properties["Egress"], absent: false) ?? false,
                cidr: Self.string(properties["CidrBlock"]), ipv6: Self.string(properties["Ipv6CidrBlock"]),
                from: Self.int(properties["PortRange"]?["From"]), to: Self.int(properties["PortRange"]?["To"]))
            draft.networkAcl(aclId) { $0.entries.append(entry) }
        case "AWS::EC2::SubnetNetworkAclAssociation":
            guard let aclId = Self.link(properties["NetworkAclId"]), let subnetId = Self.link(properties["SubnetId"]) else { return }
            draft.networkAcl(aclId) { $0.subnetIds.append(subnetId) }
        case "AWS::ElasticLoadBalancingV2::Listener":
            guard let balancer = Self.link(properties["LoadBalancerArn"]) else { return }
            listenerLoadBalancer[id] = balancer
            var actions: [JSONValue] = []
            for action in properties["DefaultActions"]?.arrayValue ?? [] {
                let groups = Self.forwardedGroups(action)
                for group in groups { forward(from: balancer, to: group) }
                var members: [(key: String, value: JSONValue)] = [("Type", .string(Self.string(action["Type"]) ?? "forward"))]
                if groups.count == 1 { members.append(("TargetGroupArn", .string(groups[0]))) }
                actions.append(.object(members))
            }
            var members: [(key: String, value: JSONValue)] = [("ListenerArn", .string(id)), ("LoadBalancerArn", .string(balancer))]
            if let port = Self.int(properties["Port"]) { members.append(("Port", .number(Double(port)))) }
            if let value = Self.string(properties["Protocol"]) { members.append(("Protocol", .string(value))) }
            members.append(("DefaultActions", .array(actions)))
            draft.add("Listeners", members)
        case "AWS::ElasticLoadBalancingV2::ListenerRule":
            guard let listener = Self.link(properties["ListenerArn"]), let balancer = listenerLoadBalancer[listener] else {
                draft.loadBalancerLinksComplete = false
                return
            }
            for action in properties["Actions"]?.arrayValue ?? [] {
                for group in Self.forwardedGroups(action) { forward(from: balancer, to: group) }
            }
        case "AWS::IAM::Policy", "AWS::IAM::RolePolicy":
            guard let document = properties["PolicyDocument"] else { return }
            let name = Self.string(properties["PolicyName"]) ?? logicalId
            let roles = type == "AWS::IAM::Policy" ? Self.links(properties["Roles"]) : Self.link(properties["RoleName"]).map { [$0] } ?? []
            for role in roles {
                guard let key = draft.roleKey(role) else { continue }
                draft.updateRole(key) { $0.inline.append((name, document)) }
            }
        case "AWS::IAM::ManagedPolicy":
            for role in Self.links(properties["Roles"]) {
                guard let key = draft.roleKey(role) else { continue }
                draft.updateRole(key) { if !$0.attached.contains(id) { $0.attached.append(id) } }
            }
        case "AWS::IAM::InstanceProfile":
            for role in Self.links(properties["Roles"]) {
                guard let key = draft.roleKey(role) else { continue }
                draft.updateRole(key) { $0.instanceProfiles.append(id) }
            }
        default:
            break
        }
    }

    mutating func forward(from balancer: String, to group: String) {
        if group.hasPrefix(Self.unresolvedPrefix) { draft.loadBalancerLinksComplete = false }
        draft.forward(from: balancer, to: group)
    }

    static func forwardedGroups(_ action: JSONValue) -> [String] {
        var groups: [String] = []
        if let group = link(action["TargetGroupArn"]) { groups.append(group) }
        for target in action["ForwardConfig"]?["TargetGroups"]?.arrayValue ?? [] {
            if let group = link(target["TargetGroupArn"]), !groups.contains(group) { groups.append(group) }
        }
        return groups
    }

    mutating func endpoint(_ id: String, _ properties: JSONValue) {
        guard let serviceName = Self.string(properties["ServiceName"]) else { return }
        let type = Self.string(properties["VpcEndpointType"]) ?? PreflightDefaults.endpointType
        let vpcId = Self.link(properties["VpcId"])
        var groups = Self.links(properties["SecurityGroupIds"])
        if groups.isEmpty, properties["SecurityGroupIds"] == nil, type.lowercased() == "interface", let vpcId,
           let defaultGroup = draft.vpcs[vpcId]?.defaultSecurityGroupId {
            // EC2 API CreateVpcEndpoint: without security groups, the VPC's default one is used.
            groups = [defaultGroup]
        }
        // Only interface endpoints have private DNS; AWS describes the others with false.
        let privateDns = type.lowercased() == "interface"
            ? Self.flag(properties["PrivateDnsEnabled"], absent: PreflightDefaults.cloudFormationEndpointPrivateDns) : false
        let policy = properties["PolicyDocument"].map { document -> String in
            if case let .string(text) = document { return text }
            return JSONWriter.write(document)
        }
        draft.endpoint(id, serviceName: serviceName, type: type) { endpoint in
            endpoint.vpcId = vpcId
            endpoint.routeTableIds = Self.links(properties["RouteTableIds"])
            endpoint.subnetIds = Self.links(properties["SubnetIds"])
            endpoint.groupIds = groups
            endpoint.privateDns = privateDns
            endpoint.policy = policy
        }
    }

    /// An inline or separate rule; `Source…` / `Destination…` name the peer.
    static func permission(_ rule: JSONValue, egress: Bool) -> JSONValue {
        let peerGroup = link(rule[egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId"])
        let prefixList = link(rule[egress ? "DestinationPrefixListId" : "SourcePrefixListId"])
        return SnapshotDraft.permission(protocol: string(rule["IpProtocol"]) ?? "-1", from: int(rule["FromPort"]), to: int(rule["ToPort"]),
                                        cidrs: string(rule["CidrIp"]).map { [$0] } ?? [], ipv6: string(rule["CidrIpv6"]).map { [$0] } ?? [],
                                        prefixLists: prefixList.map { [$0] } ?? [], groups: peerGroup.map { [$0] } ?? [])
    }

    /// CDK's `allowAllOutbound: false` writes this rule, which matches nothing, so that
    /// CloudFormation does not add its allow-all egress (aws-cdk-lib aws-ec2 SecurityGroup).
    static func isDisallowAllMarker(_ rule: JSONValue) -> Bool {
        string(rule["CidrIp"]) == "255.255.255.255/32" && string(rule["IpProtocol"]) == "icmp"
            && int(rule["FromPort"]) == 252 && int(rule["ToPort"]) == 86
    }

    mutating func securityGroup(_ id: String, _ properties: JSONValue) {
        let ingress = (properties["SecurityGroupIngress"]?.arrayValue ?? []).map { Self.permission($0, egress: false) }
        let egress: [JSONValue]
        if let rules = properties["SecurityGroupEgress"]?.arrayValue {
            egress = rules.filter { !Self.isDisallowAllMarker($0) }.map { Self.permission($0, egress: true) }
        } else {
            egress = PreflightDefaults.cloudFormationSecurityGroupEgress
        }
        draft.securityGroup(id) { group in
            group.name = Self.string(properties["GroupName"])
            group.vpcId = Self.link(properties["VpcId"])
            group.ingress += ingress
            group.egress += egress
        }
    }

    mutating func loadBalancer(_ id: String, _ properties: JSONValue) {
        var subnetIds = Self.links(properties["Subnets"])
        for mapping in properties["SubnetMappings"]?.arrayValue ?? [] {
            if let subnetId = Self.link(mapping["SubnetId"]), !subnetIds.contains(subnetId) { subnetIds.append(subnetId) }
        }
        var members: [(key: String, value: JSONValue)] = [
            ("LoadBalancerArn", .string(id)),
            ("Type", .string(Self.string(properties["Type"]) ?? PreflightDefaults.loadBalancerType)),
            ("Scheme", .string(Self.string(properties["Scheme"]) ?? PreflightDefaults.loadBalancerScheme)),
            ("SecurityGroups", .array(Self.links(properties["SecurityGroups"]).map(JSONValue.string))),
            ("AvailabilityZones", .array(subnetIds.map { subnetId in
                var zone: [(key: String, value: JSONValue)] = [("SubnetId", .string(subnetId))]
                if let name = subnetZone[subnetId] { zone.append(("ZoneName", .string(name))) }
                return .object(zone)
            })),
        ]
        if let name = Self.string(properties["Name"]) { members.append(("LoadBalancerName", .string(name))) }
        if let vpcId = subnetIds.compactMap({ subnetVpc[$0] }).first { members.append(("VpcId", .string(vpcId))) }
        draft.add("LoadBalancers", members)
    }

    mutating func targetGroup(_ id: String, _ properties: JSONValue) {
        var members: [(key: String, value: JSONValue)] = [
            ("TargetGroupArn", .string(id)),
            ("TargetType", .string(Self.string(properties["TargetType"]) ?? PreflightDefaults.targetType)),
        ]
        if let name = Self.string(properties["Name"]) { members.append(("TargetGroupName", .string(name))) }
        if let value = Self.string(properties["Protocol"]) { members.append(("Protocol", .string(value))) }
        if let port = Self.int(properties["Port"]) { members.append(("Port", .number(Double(port)))) }
        if let vpcId = Self.link(properties["VpcId"]) { members.append(("VpcId", .string(vpcId))) }
        if let enabled = Self.flag(properties["HealthCheckEnabled"], absent: nil) { members.append(("HealthCheckEnabled", .bool(enabled))) }
        for key in ["HealthCheckPath", "HealthCheckPort", "HealthCheckProtocol"] {
            if let value = Self.string(properties[key]) { members.append((key, .string(value))) }
        }
        for key in ["HealthCheckIntervalSeconds", "HealthCheckTimeoutSeconds", "HealthyThresholdCount", "UnhealthyThresholdCount"] {
            if let value = Self.int(properties[key]) { members.append((key, .number(Double(value)))) }
        }
        if let code = Self.string(properties["Matcher"]?["HttpCode"]) { members.append(("Matcher", .object([("HttpCode", .string(code))]))) }
        draft.targetGroup(id, members)
    }

    mutating func role(_ logicalId: String, _ name: String, _ properties: JSONValue) {
        let arn = CloudFormationIntrinsics.standIn(logicalId)
        let inline: [(name: String, document: JSONValue)] = (properties["Policies"]?.arrayValue ?? []).compactMap { policy in
            guard let document = policy["PolicyDocument"] else { return nil }
            return (Self.string(policy["PolicyName"]) ?? "inline", document)
        }
        draft.role(arn, name: name) { role in
            role.trust = properties["AssumeRolePolicyDocument"]
            role.inline += inline
            role.attached += Self.links(properties["ManagedPolicyArns"])
            role.boundary = Self.link(properties["PermissionsBoundary"])
        }
    }

    // MARK: ECS

    mutating func workload(_ logicalId: String, _ type: String, _ properties: JSONValue) {
        let id = identity(logicalId)
        switch type {
        case "AWS::ECS::Cluster":
            draft.add("clusters", [("clusterArn", .string(CloudFormationIntrinsics.standIn(logicalId))), ("clusterName", .string(id)),
                                   ("status", .string("ACTIVE"))])
        case "AWS::ECS::TaskDefinition":
            taskDefinition(id, properties)
        case "AWS::ECS::Service":
            service(id, properties)
        case "AWS::EFS::MountTarget":
            var members: [(key: String, value: JSONValue)] = [("MountTargetId", .string(id)), ("LifeCycleState", .string("available"))]
            if let fileSystem = Self.link(properties["FileSystemId"]) { members.append(("FileSystemId", .string(fileSystem))) }
            if let subnetId = Self.link(properties["SubnetId"]) {
                members.append(("SubnetId", .string(subnetId)))
                if let zone = subnetZone[subnetId] { members.append(("AvailabilityZoneName", .string(zone))) }
            }
            draft.add("MountTargets", members)
        default:
            break
        }
    }

    /// Keys whose values are maps of the user's own keys, kept as written.
    static let mapKeys: Set<String> = ["Options", "DockerLabels", "DriverOpts", "Labels"]

    /// The API's camelCase for a CloudFormation ECS structure (`PortMappings` → `portMappings`).
    static func camelCased(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .object(members):
            return .object(members.map { key, member in
                let camel = key.prefix(1).lowercased() + key.dropFirst()
                return (camel, mapKeys.contains(key) ? member : camelCased(member))
            })
        case let .array(items): return .array(items.map(camelCased))
        default: return value
        }
    }

    mutating func taskDefinition(_ arn: String, _ properties: JSONValue) {
        var members: [(key: String, value: JSONValue)] = [("taskDefinitionArn", .string(arn))]
        if let family = Self.string(properties["Family"]) { members.append(("family", .string(family))) }
        members.append(("networkMode", .string(Self.string(properties["NetworkMode"]) ?? PreflightDefaults.networkMode)))
        if let compatibilities = properties["RequiresCompatibilities"]?.arrayValue {
            members.append(("requiresCompatibilities", .array(compatibilities)))
        }
        if let cpu = Self.string(properties["Cpu"]) { members.append(("cpu", .string(cpu))) }
        if let memory = Self.string(properties["Memory"]) { members.append(("memory", .string(memory))) }
        for (property, key) in [("ExecutionRoleArn", "executionRoleArn"), ("TaskRoleArn", "taskRoleArn")] {
            guard let role = Self.link(properties[property]) else { continue }
            members.append((key, .string(role)))
            if draft.roleKey(role) == nil {
                draft.role(role, name: ARN.roleName(role)) { undetermined in
                    undetermined.trust = SnapshotDraft.undeterminedPolicy(role, principal: true)
                    undetermined.inline = [("unknown-until-deploy", SnapshotDraft.undeterminedPolicy(role, principal: false))]
                }
            }
        }
        if let platform = properties["RuntimePlatform"] { members.append(("runtimePlatform", Self.camelCased(platform))) }
        members.append(("volumes", .array((properties["Volumes"]?.arrayValue ?? []).map { volume in
            var item: [(key: String, value: JSONValue)] = [("name", .string(Self.string(volume["Name"]) ?? ""))]
            if let fileSystem = Self.link(volume["EFSVolumeConfiguration"]?["FilesystemId"]) {
                item.append(("efsVolumeConfiguration", .object([("fileSystemId", .string(fileSystem))])))
            }
            return .object(item)
        })))
        members.append(("containerDefinitions", Self.camelCased(properties["ContainerDefinitions"] ?? .array([]))))
        draft.add("taskDefinitions", members)
    }

    mutating func service(_ arn: String, _ properties: JSONValue) {
        var members: [(key: String, value: JSONValue)] = [("serviceArn", .string(arn)), ("status", .string("ACTIVE"))]
        members.append(("serviceName", .string(Self.string(properties["ServiceName"]) ?? arn)))
        if let cluster = Self.link(properties["Cluster"]) { members.append(("clusterArn", .string(cluster))) }
        if let definition = Self.link(properties["TaskDefinition"]) { members.append(("taskDefinition", .string(definition))) }
        if let launchType = Self.string(properties["LaunchType"]) { members.append(("launchType", .string(launchType))) }
        if let strategy = properties["CapacityProviderStrategy"] { members.append(("capacityProviderStrategy", Self.camelCased(strategy))) }
        for (property, key) in [("DesiredCount", "desiredCount"), ("HealthCheckGracePeriodSeconds", "healthCheckGracePeriodSeconds")] {
            if let value = Self.int(properties[property]) { members.append((key, .number(Double(value)))) }
        }
        if let value = Self.string(properties["SchedulingStrategy"]) { members.append(("schedulingStrategy", .string(value))) }
        if let execute = Self.flag(properties["EnableExecuteCommand"], absent: nil) { members.append(("enableExecuteCommand", .bool(execute))) }
        if let deployment = properties["DeploymentConfiguration"] { members.append(("deploymentConfiguration", Self.camelCased(deployment))) }
        if let awsvpc = properties["NetworkConfiguration"]?["AwsvpcConfiguration"] {
            members.append(("networkConfiguration", .object([("awsvpcConfiguration", .object([
                ("subnets", .array(Self.links(awsvpc["Subnets"]).map(JSONValue.string))),
                ("securityGroups", .array(Self.links(awsvpc["SecurityGroups"]).map(JSONValue.string))),
                ("assignPublicIp", .string(Self.string(awsvpc["AssignPublicIp"]) ?? PreflightDefaults.assignPublicIp)),
            ]))])))
        }
        members.append(("loadBalancers", .array((properties["LoadBalancers"]?.arrayValue ?? []).map { balancer in
            var item: [(key: String, value: JSONValue)] = []
            if let group = Self.link(balancer["TargetGroupArn"]), draft.targetGroups[group] != nil { item.append(("targetGroupArn", .string(group))) }
            if let name = Self.string(balancer["LoadBalancerName"]) { item.append(("loadBalancerName", .string(name))) }
            if let name = Self.string(balancer["ContainerName"]) { item.append(("containerName", .string(name))) }
            if let port = Self.int(balancer["ContainerPort"]) { item.append(("containerPort", .number(Double(port)))) }
            return .object(item)
        })))
        draft.add("services", members)
    }
}
