/// The VPC has DNS support or DNS hostnames off while tasks rely on names only
/// it resolves: interface endpoints' private DNS names, and EFS file systems'
/// `fs-....efs.<region>.amazonaws.com`, which the mount helper resolves.
struct VpcDnsDisabledRule: Rule {
    static let description = RuleDescription(
        id: "vpc-dns-disabled", title: "VPC DNS support or hostnames disabled", category: .network,
        severity: .critical, explains: [.awsServiceUnreachable, .imagePullFailed], needs: [.vpcAttributes],
        examples: [
            .triggers("enableDnsHostnames off", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.array("Vpcs", #"{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}"#),
                Fixture.array("VpcAttributes", #"{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}, "EnableDnsHostnames": {"Value": false}}"#),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"])),
                resources: ["vpc-1"], confidence: .likely),
            .quiet("both on", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.array("VpcAttributes", #"{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}, "EnableDnsHostnames": {"Value": true}}"#),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]))),
            .triggers("EFS mount target in the task's zone, enableDnsHostnames off", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraJSON: Self.efsVolume)),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("Vpcs", #"{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}"#),
                Fixture.array("VpcAttributes", #"{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}, "EnableDnsHostnames": {"Value": false}}"#),
                #""MountTargets": [{"MountTargetId": "fsmt-1", "FileSystemId": "fs-0a1b2c3d", "SubnetId": "subnet-a", "AvailabilityZoneName": "us-east-1a", "LifeCycleState": "available"}]"#),
                resources: ["vpc-1"], confidence: .likely),
            .quiet("EFS with VPC DNS on", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraJSON: Self.efsVolume)),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("VpcAttributes", #"{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}, "EnableDnsHostnames": {"Value": true}}"#),
                #""MountTargets": [{"MountTargetId": "fsmt-1", "FileSystemId": "fs-0a1b2c3d", "SubnetId": "subnet-a", "AvailabilityZoneName": "us-east-1a", "LifeCycleState": "available"}]"#)),
            .quiet("hostnames off but a NAT route: the public endpoints resolve", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-public")),
                Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "nat-1"), Fixture.routeTable("rtb-public", subnets: ["subnet-public"], defaultTarget: "igw-1")),
                Fixture.array("NatGateways", Fixture.natGateway()),
                Fixture.array("VpcAttributes", #"{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}, "EnableDnsHostnames": {"Value": false}}"#),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]))),
        ])

    static let efsVolume = #", "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0a1b2c3d", "transitEncryption": "ENABLED"}}]"#

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        // Private DNS off on the endpoint itself is endpoint-private-dns-disabled's.
        let check = BlockedHopCheck(description: Self.description, kinds: [.dns], accepts: { path, _ in path.endpoint?.privateDnsEnabled != false },
                                    groupKey: { $0.location })
        return check.blocked(context).compactMap { blocked in
            guard let vpc = Self.vpc(of: blocked, context) else { return nil }
            return check.finding(blocked, context, title: Self.title(vpc, blocked), resources: [.vpc(vpc.vpcId)], fix: Self.fix(vpc))
        }
    }
}

// MARK: Messages and fixes

extension VpcDnsDisabledRule {
    static func vpc(of blocked: BlockedHopCheck.Blocked, _ context: AnalysisContext) -> Vpc? {
        let vpcId = context.index.subnet(blocked.origin.subnetId)?.vpcId ?? blocked.network.subnets.first?.routing.vpcId
        return vpcId.flatMap(context.index.vpc)
    }

    static func title(_ vpc: Vpc, _ blocked: BlockedHopCheck.Blocked) -> String {
        let fileSystems = blocked.paths.contains { $0.dependency.kind == .fileSystem }
        let endpoints = blocked.paths.contains { $0.endpoint != nil }
        let names = fileSystems && endpoints ? "the endpoints' and file systems' names" : fileSystems ? "file system names" : "the endpoints' private names"
        return "\(vpc.vpcId) has \(DependencyPathAnalysis.Text.dnsAttributesOff(vpc)) off, so \(names) do not resolve for \(blocked.dependencyNames)"
    }

    static func fix(_ vpc: Vpc) -> Fix {
        var commands: [String] = []
        let attribute = "aws ec2 modify-vpc-attribute --vpc-id \(ShellWord.quoted(vpc.vpcId))"
        if vpc.enableDnsSupport == false { commands.append("\(attribute) --enable-dns-support '{\"Value\":true}'") }
        if vpc.enableDnsHostnames == false { commands.append("\(attribute) --enable-dns-hostnames '{\"Value\":true}'") }
        let cidr = vpc.cidrBlock.map { "  cidr_block           = \"\($0)\"\n" } ?? ""
        return Fix(summary: "Turn on enableDnsSupport and enableDnsHostnames on \(vpc.vpcId)",
                   steps: ["Interface endpoints' private DNS names and EFS file system names resolve only when the VPC resolves DNS (enableDnsSupport) "
                           + "and gives DNS hostnames (enableDnsHostnames).",
                           "AWS applies the change at once; start a new deployment so the tasks retry."],
                   commands: commands,
                   terraform: """
                   resource "aws_vpc" "\(TerraformName.label(vpc.vpcId))" {
                   \(cidr)  enable_dns_support   = true
                     enable_dns_hostnames = true
                   }
                   """)
    }
}
