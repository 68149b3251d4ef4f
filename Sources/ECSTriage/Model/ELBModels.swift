// Typed views of `aws elbv2 describe-*` output.

public struct LoadBalancer: Sendable {
    public var location: String
    public var loadBalancerArn: String
    public var loadBalancerName: String?
    /// `application`, `network` or `gateway`.
    public var type: String?
    public var scheme: String?
    public var vpcId: String?
    public var securityGroupIds: [String]
    /// Enabled Availability Zones (`ZoneName`) and the load balancer's subnet in each.
    public var availabilityZones: [String]
    public var subnetIds: [String]

    init(_ node: JSONNode) throws {
        location = node.location
        loadBalancerArn = try node.string("LoadBalancerArn") ?? ""
        loadBalancerName = try node.string("LoadBalancerName")
        type = try node.string("Type")
        scheme = try node.string("Scheme")
        vpcId = try node.string("VpcId")
        securityGroupIds = try node.strings("SecurityGroups") ?? []
        availabilityZones = try node.decodeArray("AvailabilityZones") { try $0.string("ZoneName") ?? "" }
        subnetIds = try node.decodeArray("AvailabilityZones") { try $0.string("SubnetId") }.compactMap { $0 }
    }

    /// `web` for `...:loadbalancer/app/web/50dc6c495c0c9188`.
    public var name: String {
        if let loadBalancerName { return loadBalancerName }
        let parts = loadBalancerArn.split(separator: "/")
        return parts.count >= 3 ? String(parts[2]) : loadBalancerArn
    }
}

public struct TargetGroup: Sendable {
    public var location: String
    public var targetGroupArn: String
    public var targetGroupName: String?
    /// `instance`, `ip`, `lambda` or `alb`; `instance` when unset.
    public var targetType: String?
    public var protocolName: String?
    public var port: Int?
    public var vpcId: String?
    public var healthCheckProtocol: String?
    public var healthCheckPort: String?
    public var healthCheckPath: String?
    public var healthCheckEnabled: Bool?
    public var healthCheckIntervalSeconds: Int?
    public var unhealthyThresholdCount: Int?
    public var healthyThresholdCount: Int?
    public var healthCheckTimeoutSeconds: Int?
    public var matcherHttpCode: String?
    public var loadBalancerArns: [String]
    /// Whether the document lists `LoadBalancerArns` at all (the CLI always
    /// does; a hand-made fragment may not, and then it says nothing).
    public var listsLoadBalancerArns: Bool

    init(_ node: JSONNode) throws {
        location = node.location
        targetGroupArn = try node.string("TargetGroupArn") ?? ""
        targetGroupName = try node.string("TargetGroupName")
        targetType = try node.string("TargetType")
        protocolName = try node.string("Protocol")
        port = try node.int("Port")
        vpcId = try node.string("VpcId")
        healthCheckProtocol = try node.string("HealthCheckProtocol")
        healthCheckPort = try node.string("HealthCheckPort")
        healthCheckPath = try node.string("HealthCheckPath")
        healthCheckEnabled = try node.bool("HealthCheckEnabled")
        healthCheckIntervalSeconds = try node.int("HealthCheckIntervalSeconds")
        unhealthyThresholdCount = try node.int("UnhealthyThresholdCount")
        healthyThresholdCount = try node.int("HealthyThresholdCount")
        healthCheckTimeoutSeconds = try node.int("HealthCheckTimeoutSeconds")
        matcherHttpCode = try node.object("Matcher")?.string("HttpCode")
        let arns = try node.strings("LoadBalancerArns")
        loadBalancerArns = arns ?? []
        listsLoadBalancerArns = arns != nil
    }

    public var effectiveTargetType: String { targetType?.lowercased() ?? "instance" }
    public var name: String { targetGroupName ?? ARN.targetGroupName(targetGroupArn) }
}

public struct TargetHealthDescription: Sendable {
    public var location: String
    public var targetGroupArn: String?
    public var targetId: String?
    public var targetPort: Int?
    public var availabilityZone: String?
    public var healthCheckPort: String?
    public var state: String?
    public var reason: String?
    public var description: String?
    /// Why `targetGroupArn` is this one when the document did not name it (a
    /// bare describe-target-health output), e.g. "the only target group service
    /// web names"; nil when the input named it.
    public var targetGroupAttribution: String?

    init(_ node: JSONNode, targetGroupArn: String?, attribution: String? = nil) throws {
        location = node.location
        self.targetGroupArn = targetGroupArn
        targetGroupAttribution = attribution
        let target = try node.object("Target")
        targetId = try target?.string("Id")
        targetPort = try target?.int("Port")
        availabilityZone = try target?.string("AvailabilityZone")
        healthCheckPort = try node.string("HealthCheckPort")
        let health = try node.object("TargetHealth")
        state = try health?.string("State")
        reason = try health?.string("Reason")
        description = try health?.string("Description")
    }

    public var isUnhealthy: Bool { state?.lowercased() == "unhealthy" }
    /// `unused` with `Target.NotInUse`: the target's Availability Zone is not
    /// enabled for the load balancer, or no load balancer uses the group.
    public var isNotInUse: Bool { reason?.lowercased() == "target.notinuse" }
}

public struct Listener: Sendable {
    public var location: String
    public var listenerArn: String
    public var loadBalancerArn: String?
    public var port: Int?
    public var protocolName: String?
    /// Target groups the default actions forward to.
    public var targetGroupArns: [String]

    init(_ node: JSONNode) throws {
        location = node.location
        listenerArn = try node.string("ListenerArn") ?? ""
        loadBalancerArn = try node.string("LoadBalancerArn")
        port = try node.int("Port")
        protocolName = try node.string("Protocol")
        var groups: [String] = []
        for action in try node.array("DefaultActions") ?? [] {
            if let arn = try action.string("TargetGroupArn") { groups.append(arn) }
            for group in try action.object("ForwardConfig")?.array("TargetGroups") ?? [] {
                if let arn = try group.string("TargetGroupArn") { groups.append(arn) }
            }
        }
        targetGroupArns = groups
    }
}

/// A Classic Load Balancer (`aws elb describe-load-balancers`).
public struct ClassicLoadBalancer: Sendable {
    public var location: String
    public var loadBalancerName: String
    public var scheme: String?
    public var vpcId: String?
    public var subnetIds: [String]
    public var securityGroupIds: [String]
    /// `HealthCheck.Target`, e.g. `HTTP:8080/health` or `TCP:8080`.
    public var healthCheckTarget: String?
    /// The listeners' front-end ports, protocols and certificates (`ListenerDescriptions[].Listener`).
    public var listeners: [(port: Int, protocolName: String, certificateId: String?)]

    init(_ node: JSONNode) throws {
        location = node.location
        loadBalancerName = try node.string("LoadBalancerName") ?? ""
        scheme = try node.string("Scheme")
        vpcId = try node.string("VPCId")
        subnetIds = try node.strings("Subnets") ?? []
        securityGroupIds = try node.strings("SecurityGroups") ?? []
        healthCheckTarget = try node.object("HealthCheck")?.string("Target")
        listeners = try node.decodeArray("ListenerDescriptions") { description in
            let listener = try description.object("Listener")
            return (try listener?.int("LoadBalancerPort") ?? 0, try listener?.string("Protocol")?.uppercased() ?? "", try listener?.string("SSLCertificateId"))
        }.filter { $0.port != 0 }
    }

    /// The path of an HTTP(S) health check target (`HTTP:8080/health` → `/health`).
    public var healthCheckPath: String? {
        guard let target = healthCheckTarget, target.uppercased().hasPrefix("HTTP"), let slash = target.firstIndex(of: "/") else { return nil }
        return String(target[slash...])
    }
}
