/// What AWS (through Terraform's provider or CloudFormation) does with an
/// attribute the configuration leaves unset, where that decides whether a
/// task starts. A pre-deploy translation applies these instead of leaving the
/// attribute unknown: the defaults are exactly the defects people ship.
enum PreflightDefaults {
    /// VPC `enableDnsSupport`: true. EC2 API reference, ModifyVpcAttribute /
    /// CreateVpc ("enabled by default"); provider doc r/vpc `enable_dns_support` "Defaults to true";
    /// CloudFormation AWS::EC2::VPC `EnableDnsSupport` "Default: true".
    static let vpcDnsSupport = true

    /// VPC `enableDnsHostnames`: false for VPCs other than the default VPC.
    /// Provider doc r/vpc `enable_dns_hostnames` "Defaults false"; CloudFormation
    /// AWS::EC2::VPC `EnableDnsHostnames` "Default: false"; observed false in moto after
    /// `terraform apply` of a VPC without it (preflight-notes §3.3).
    static let vpcDnsHostnames = false

    /// Interface endpoint private DNS, Terraform: false. Provider doc
    /// website/docs/r/vpc_endpoint.html.markdown (hashicorp/terraform-provider-aws at
    /// 088e0878): `private_dns_enabled` "Defaults to `false`" (the raw EC2 API's default is true).
    static let terraformEndpointPrivateDns = false

    /// Interface endpoint private DNS, CloudFormation: false. AWS::EC2::VPCEndpoint
    /// `PrivateDnsEnabled` "Default: false"
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html).
    static let cloudFormationEndpointPrivateDns = false

    /// Endpoint type: Gateway. EC2 API CreateVpcEndpoint `VpcEndpointType` "Default: Gateway";
    /// provider doc r/vpc_endpoint "Defaults to `Gateway`".
    static let endpointType = "Gateway"

    /// Target type: instance. ELBv2 API CreateTargetGroup `TargetType`
    /// "instance - Register targets by instance ID. This is the default value." (botocore elbv2 2015-12-01).
    static let targetType = "instance"

    /// Load balancer type application, scheme internet-facing. ELBv2 API CreateLoadBalancer
    /// `Type` "The default is application"; `Scheme` "The default is an Internet-facing load balancer".
    static let loadBalancerType = "application"
    static let loadBalancerScheme = "internet-facing"

    /// Task network mode: bridge. ECS API RegisterTaskDefinition `networkMode`
    /// "If no network mode is specified, the default is bridge" (botocore ecs 2014-11-13).
    static let networkMode = "bridge"

    /// `assignPublicIp`: DISABLED. ECS API AwsVpcConfiguration `assignPublicIp`
    /// "The default value is DISABLED"; provider r/ecs_service `assign_public_ip` "Default false".
    static let assignPublicIp = "DISABLED"

    /// A security group Terraform creates has no egress unless the configuration
    /// writes some: "By default, AWS creates an ALLOW ALL egress rule when creating a new
    /// Security Group inside of a VPC. When creating a new Security Group inside a VPC,
    /// Terraform will remove this default rule" (provider doc r/security_group, NOTE on
    /// Egress rules); observed `IpPermissionsEgress: []` in moto after apply.
    static let terraformSecurityGroupEgress: [JSONValue] = []

    /// CloudFormation keeps the allow-all egress when `SecurityGroupEgress` is not
    /// given: "If you do not specify an egress rule, we add egress rules that allow IPv4
    /// and IPv6 traffic on all ports and protocols" (AWS::EC2::SecurityGroup reference).
    /// The IPv4 rule is what matters to a task's path; an IPv6 one needs an IPv6 VPC.
    static var cloudFormationSecurityGroupEgress: [JSONValue] {
        [SnapshotDraft.permission(protocol: "-1", from: nil, to: nil, cidrs: ["0.0.0.0/0"])]
    }

    /// A VPC's default security group: all traffic from itself in, everything out
    /// (VPC user guide, "Default security groups for your VPCs").
    static func defaultSecurityGroupIngress(groupId: String) -> [JSONValue] {
        [SnapshotDraft.permission(protocol: "-1", from: nil, to: nil, groups: [groupId])]
    }

    static var defaultSecurityGroupEgress: [JSONValue] {
        [SnapshotDraft.permission(protocol: "-1", from: nil, to: nil, cidrs: ["0.0.0.0/0"])]
    }

    /// A VPC's default network ACL allows all IPv4 traffic in and out (rule 100),
    /// before the implicit deny (VPC user guide, "Default network ACL").
    static var defaultNetworkAclEntries: [JSONValue] {
        [SnapshotDraft.aclEntry(rule: 100, protocol: "-1", allow: true, egress: false, cidr: "0.0.0.0/0", from: nil, to: nil),
         SnapshotDraft.aclEntry(rule: 100, protocol: "-1", allow: true, egress: true, cidr: "0.0.0.0/0", from: nil, to: nil)]
    }

    /// Every network ACL ends with rule `*` (32767) denying what no rule allowed.
    static var implicitDenyEntries: [JSONValue] {
        [SnapshotDraft.aclEntry(rule: 32767, protocol: "-1", allow: false, egress: false, cidr: "0.0.0.0/0", from: nil, to: nil),
         SnapshotDraft.aclEntry(rule: 32767, protocol: "-1", allow: false, egress: true, cidr: "0.0.0.0/0", from: nil, to: nil)]
    }

    /// Network ACL ports apply to TCP (6) and UDP (17) only: "If you specify "-1" or a
    /// protocol number other than "6" (TCP), "17" (UDP), or "1" (ICMP), traffic on all
    /// ports is allowed, regardless of any ports ... that you specify" (EC2 API
    /// CreateNetworkAclEntry `Protocol`), so such entries carry no port range.
    static func aclEntryHasPorts(_ protocolNumber: String) -> Bool {
        ["6", "17", "tcp", "udp"].contains(protocolNumber.lowercased())
    }
}
