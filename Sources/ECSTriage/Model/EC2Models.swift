// Typed views of `aws ec2 describe-*` output (botocore's EC2 model names).
import Foundation

public struct Vpc: Sendable {
    public var location: String
    public var vpcId: String
    public var cidrBlock: String?
    /// From `describe-vpc-attribute`; nil when not in the snapshot.
    public var enableDnsSupport: Bool?
    public var enableDnsHostnames: Bool?

    init(_ node: JSONNode) throws {
        location = node.location
        vpcId = try node.string("VpcId") ?? ""
        cidrBlock = try node.string("CidrBlock")
    }

    init(attributesOf node: JSONNode) throws {
        location = node.location
        vpcId = try node.string("VpcId") ?? ""
        enableDnsSupport = try node.object("EnableDnsSupport")?.bool("Value")
        enableDnsHostnames = try node.object("EnableDnsHostnames")?.bool("Value")
    }
}

public struct Subnet: Sendable {
    public var location: String
    public var subnetId: String
    public var vpcId: String?
    public var cidrBlock: String?
    public var availabilityZone: String?
    public var availabilityZoneId: String?
    public var mapPublicIpOnLaunch: Bool?
    public var availableIpAddressCount: Int?

    init(_ node: JSONNode) throws {
        location = node.location
        subnetId = try node.string("SubnetId") ?? ""
        vpcId = try node.string("VpcId")
        cidrBlock = try node.string("CidrBlock")
        availabilityZone = try node.string("AvailabilityZone")
        availabilityZoneId = try node.string("AvailabilityZoneId")
        mapPublicIpOnLaunch = try node.bool("MapPublicIpOnLaunch")
        availableIpAddressCount = try node.int("AvailableIpAddressCount")
    }
}

public struct RouteTable: Sendable {
    public var location: String
    public var routeTableId: String
    public var vpcId: String?
    public var associations: [Association]
    public var routes: [Route]

    public struct Association: Sendable {
        public var main: Bool
        public var subnetId: String?
    }

    init(_ node: JSONNode) throws {
        location = node.location
        routeTableId = try node.string("RouteTableId") ?? ""
        vpcId = try node.string("VpcId")
        associations = try node.decodeArray("Associations") { association in
            Association(main: try association.bool("Main") ?? false, subnetId: try association.string("SubnetId"))
        }
        routes = try node.decodeArray("Routes", Route.init)
    }

    public var isMain: Bool { associations.contains { $0.main } }
}

public struct Route: Sendable {
    public var location: String
    public var destinationCidrBlock: String?
    public var destinationIpv6CidrBlock: String?
    public var destinationPrefixListId: String?
    public var gatewayId: String?
    public var natGatewayId: String?
    public var transitGatewayId: String?
    public var vpcPeeringConnectionId: String?
    public var networkInterfaceId: String?
    public var instanceId: String?
    public var egressOnlyInternetGatewayId: String?
    public var localGatewayId: String?
    public var carrierGatewayId: String?
    public var coreNetworkArn: String?
    /// `active` or `blackhole`.
    public var state: String?

    init(_ node: JSONNode) throws {
        location = node.location
        destinationCidrBlock = try node.string("DestinationCidrBlock")
        destinationIpv6CidrBlock = try node.string("DestinationIpv6CidrBlock")
        destinationPrefixListId = try node.string("DestinationPrefixListId")
        gatewayId = try node.string("GatewayId")
        natGatewayId = try node.string("NatGatewayId")
        transitGatewayId = try node.string("TransitGatewayId")
        vpcPeeringConnectionId = try node.string("VpcPeeringConnectionId")
        networkInterfaceId = try node.string("NetworkInterfaceId")
        instanceId = try node.string("InstanceId")
        egressOnlyInternetGatewayId = try node.string("EgressOnlyInternetGatewayId")
        localGatewayId = try node.string("LocalGatewayId")
        carrierGatewayId = try node.string("CarrierGatewayId")
        coreNetworkArn = try node.string("CoreNetworkArn")
        state = try node.string("State")
    }

    public var isBlackhole: Bool { state?.lowercased() == "blackhole" }

    /// The route's target as written, for evidence.
    public var targetDescription: String {
        natGatewayId ?? gatewayId ?? transitGatewayId ?? vpcPeeringConnectionId ?? networkInterfaceId
            ?? instanceId ?? egressOnlyInternetGatewayId ?? localGatewayId ?? carrierGatewayId ?? coreNetworkArn ?? "no target"
    }

    public var destinationDescription: String {
        destinationCidrBlock ?? destinationPrefixListId ?? destinationIpv6CidrBlock ?? "?"
    }
}

public struct InternetGateway: Sendable {
    public var location: String
    public var internetGatewayId: String
    public var attachedVpcIds: [String]

    init(_ node: JSONNode) throws {
        location = node.location
        internetGatewayId = try node.string("InternetGatewayId") ?? ""
        attachedVpcIds = try node.decodeArray("Attachments") { attachment -> String? in
            // `available` is what describe-internet-gateways prints for an attached gateway.
            let state = try attachment.string("State")?.lowercased()
            guard state == nil || state == "available" || state == "attached" else { return nil }
            return try attachment.string("VpcId")
        }.compactMap { $0 }
    }
}

public struct NatGateway: Sendable {
    public var location: String
    public var natGatewayId: String
    public var subnetId: String?
    public var vpcId: String?
    public var state: String?
    /// `public` (default) or `private`; a private NAT gateway gives no internet access.
    public var connectivityType: String?

    init(_ node: JSONNode) throws {
        location = node.location
        natGatewayId = try node.string("NatGatewayId") ?? ""
        subnetId = try node.string("SubnetId")
        vpcId = try node.string("VpcId")
        state = try node.string("State")
        connectivityType = try node.string("ConnectivityType")
    }
}

public struct VpcEndpoint: Sendable {
    public var location: String
    public var vpcEndpointId: String
    public var vpcId: String?
    public var serviceName: String
    /// `Interface`, `Gateway` or `GatewayLoadBalancer`.
    public var vpcEndpointType: String?
    public var state: String?
    public var routeTableIds: [String]
    public var subnetIds: [String]
    public var securityGroupIds: [String]
    public var privateDnsEnabled: Bool?
    public var policyDocument: PolicyDocument?
    /// The policy as given (a fix that adds a statement must keep every other one).
    public var policyValue: JSONValue?
    /// `ecr.api` for `com.amazonaws.us-east-1.ecr.api`.
    public let shortServiceName: String

    init(_ node: JSONNode) throws {
        location = node.location
        shortServiceName = AWSEndpointName.shortName(ofServiceName: try node.string("ServiceName") ?? "")
        vpcEndpointId = try node.string("VpcEndpointId") ?? ""
        vpcId = try node.string("VpcId")
        serviceName = try node.string("ServiceName") ?? ""
        vpcEndpointType = try node.string("VpcEndpointType")
        state = try node.string("State")
        routeTableIds = try node.strings("RouteTableIds") ?? []
        subnetIds = try node.strings("SubnetIds") ?? []
        securityGroupIds = try node.decodeArray("Groups") { try $0.string("GroupId") ?? "" }
        privateDnsEnabled = try node.bool("PrivateDnsEnabled")
        policyDocument = try PolicyDocument.decode(node, "PolicyDocument")
        switch node.member("PolicyDocument")?.value {
        case let .string(text)?:
            let decoded = text.hasPrefix("%") || text.contains("%22") ? text.removingPercentEncoding ?? text : text
            policyValue = try? JSONParser.parse(Array(decoded.utf8))
        case let value?:
            policyValue = value
        case nil:
            policyValue = nil
        }
    }

    public var isGateway: Bool { vpcEndpointType?.lowercased() == "gateway" }
    public var isInterface: Bool { vpcEndpointType?.lowercased() == "interface" }
    public var isAvailable: Bool { state?.lowercased() == "available" }

}

public struct SecurityGroup: Sendable {
    public var location: String
    public var groupId: String
    public var groupName: String?
    public var vpcId: String?
    public var ingress: [IpPermission]
    public var egress: [IpPermission]

    init(_ node: JSONNode) throws {
        location = node.location
        groupId = try node.string("GroupId") ?? ""
        groupName = try node.string("GroupName")
        vpcId = try node.string("VpcId")
        ingress = try node.decodeArray("IpPermissions", IpPermission.init)
        egress = try node.decodeArray("IpPermissionsEgress", IpPermission.init)
    }
}

public struct IpPermission: Sendable {
    public var location: String
    /// `-1` for all protocols, else `tcp`, `udp`, `icmp` or a number.
    public var ipProtocol: String
    public var fromPort: Int?
    public var toPort: Int?
    public var cidrs: [String]
    public var ipv6Cidrs: [String]
    public var prefixListIds: [String]
    public var groupIds: [String]

    init(_ node: JSONNode) throws {
        location = node.location
        ipProtocol = try node.string("IpProtocol") ?? "-1"
        fromPort = try node.int("FromPort")
        toPort = try node.int("ToPort")
        cidrs = try node.decodeArray("IpRanges") { try $0.string("CidrIp") ?? "" }
        ipv6Cidrs = try node.decodeArray("Ipv6Ranges") { try $0.string("CidrIpv6") ?? "" }
        prefixListIds = try node.decodeArray("PrefixListIds") { try $0.string("PrefixListId") ?? "" }
        groupIds = try node.decodeArray("UserIdGroupPairs") { try $0.string("GroupId") ?? "" }
    }
}

public struct NetworkAcl: Sendable {
    public var location: String
    public var networkAclId: String
    public var vpcId: String?
    public var isDefault: Bool
    public var subnetIds: [String]
    /// Inbound then outbound, each by ascending rule number.
    public var entries: [Entry]

    public struct Entry: Sendable {
        public var location: String
        public var ruleNumber: Int
        public var ruleProtocol: String
        public var allows: Bool
        public var egress: Bool
        public var cidrBlock: String?
        public var ipv6CidrBlock: String?
        public var fromPort: Int?
        public var toPort: Int?
    }

    init(_ node: JSONNode) throws {
        location = node.location
        networkAclId = try node.string("NetworkAclId") ?? ""
        vpcId = try node.string("VpcId")
        isDefault = try node.bool("IsDefault") ?? false
        subnetIds = try node.decodeArray("Associations") { try $0.string("SubnetId") ?? "" }
        entries = try node.decodeArray("Entries") { entry in
            let range = try entry.object("PortRange")
            return Entry(
                location: entry.location,
                ruleNumber: try entry.int("RuleNumber") ?? 32767,
                ruleProtocol: try entry.string("Protocol") ?? "-1",
                allows: (try entry.string("RuleAction") ?? "deny").lowercased() == "allow",
                egress: try entry.bool("Egress") ?? false,
                cidrBlock: try entry.string("CidrBlock"),
                ipv6CidrBlock: try entry.string("Ipv6CidrBlock"),
                fromPort: try range?.int("From"),
                toPort: try range?.int("To"))
        }
        // In evaluation order (AWS applies the lowest rule number first), sorted
        // once here rather than on every path that crosses the ACL.
        entries.sort { ($0.egress ? 1 : 0, $0.ruleNumber) < ($1.egress ? 1 : 0, $1.ruleNumber) }
    }
}

public struct NetworkInterface: Sendable {
    public var location: String
    public var networkInterfaceId: String
    public var subnetId: String?
    public var publicIp: String?
    public var securityGroupIds: [String]

    init(_ node: JSONNode) throws {
        location = node.location
        networkInterfaceId = try node.string("NetworkInterfaceId") ?? ""
        subnetId = try node.string("SubnetId")
        publicIp = try node.object("Association")?.string("PublicIp")
        securityGroupIds = try node.decodeArray("Groups") { try $0.string("GroupId") ?? "" }
    }
}

public struct PrefixList: Sendable {
    public var location: String
    public var prefixListId: String
    public var prefixListName: String?

    init(_ node: JSONNode) throws {
        location = node.location
        prefixListId = try node.string("PrefixListId") ?? ""
        prefixListName = try node.string("PrefixListName")
    }
}

/// An EC2 instance from `aws ec2 describe-instances` (Reservations[].Instances[]).
public struct EC2Instance: Sendable {
    public var location: String
    public var instanceId: String
    public var instanceType: String?
    public var subnetId: String?
    public var securityGroupIds: [String]
    public var instanceProfileArn: String?
    public var vpcId: String?
    public var availabilityZone: String?
    /// The public IPv4 address, absent when the instance has none.
    public var publicIpAddress: String?
    /// `pending`, `running`, `stopping`, `stopped`, `shutting-down`, `terminated`.
    public var state: String?
    /// Whether the record lists its network interfaces, as `describe-instances` always does: only then does
    /// a missing `PublicIpAddress` mean the instance has none (a `--query`-trimmed record says nothing).
    public var listsNetworkInterfaces: Bool
    /// The launch template and Auto Scaling group that launched it, from the
    /// tags EC2 and Auto Scaling put on their instances
    /// (`aws:ec2launchtemplate:id`, `aws:autoscaling:groupName`).
    public var launchTemplateId: String?
    public var autoScalingGroupName: String?

    init(_ node: JSONNode) throws {
        location = node.location
        let tags = try node.decodeArray("Tags") { (try $0.string("Key") ?? "", try $0.string("Value")) }
        launchTemplateId = tags.first { $0.0 == "aws:ec2launchtemplate:id" }?.1
        autoScalingGroupName = tags.first { $0.0 == "aws:autoscaling:groupName" }?.1
        instanceId = try node.string("InstanceId") ?? ""
        instanceType = try node.string("InstanceType")
        subnetId = try node.string("SubnetId")
        securityGroupIds = try node.decodeArray("SecurityGroups") { try $0.string("GroupId") ?? "" }
        instanceProfileArn = try node.object("IamInstanceProfile")?.string("Arn")
        vpcId = try node.string("VpcId")
        availabilityZone = try node.object("Placement")?.string("AvailabilityZone")
        publicIpAddress = try node.string("PublicIpAddress")
        state = try node.object("State")?.string("Name")
        listsNetworkInterfaces = node.member("NetworkInterfaces") != nil
    }

    /// Whether the instance has a public IPv4 address, as far as the record tells.
    public var publicIp: PublicIpAssignment {
        if publicIpAddress != nil { return .enabled }
        return listsNetworkInterfaces ? .disabled : .unknown
    }

    /// Running or about to: an instance whose agent should be talking to ECS.
    public var isLive: Bool { state.map { ["pending", "running"].contains($0.lowercased()) } ?? true }
}
