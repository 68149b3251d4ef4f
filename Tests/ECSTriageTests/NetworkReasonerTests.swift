import Testing
@testable import ECSTriage

/// The near misses of the network issue: configurations that work and must
/// produce no network finding, and the reasoner's own hop evaluators.
struct NetworkReasonerTests {
    static let publicNat = [Fixture.routeTable("rtb-public", subnets: ["subnet-public"], defaultTarget: "igw-1")]
    static let sgAllowAll = #"{"GroupId": "sg-task", "VpcId": "vpc-1", "IpPermissions": [], "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}"#
    static let endpointGroup = #"{"GroupId": "sg-endpoint", "VpcId": "vpc-1", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "UserIdGroupPairs": [{"GroupId": "sg-task"}]}], "IpPermissionsEgress": []}"#

    static let nearMisses: [(String, String)] = [
        ("private subnet with a NAT gateway in a public subnet", Fixture.snapshot(
            Fixture.array("services", Fixture.service("web")), Fixture.array("taskDefinitions", Fixture.taskDefinition()),
            Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-public", cidr: "10.0.0.0/24")),
            Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "nat-1"), publicNat[0]),
            Fixture.array("NatGateways", Fixture.natGateway()), Fixture.array("InternetGateways", Fixture.internetGateway()),
            Fixture.array("SecurityGroups", sgAllowAll), "\"VpcEndpoints\": []")),
        ("all endpoints, private DNS, S3 gateway on the table, SGs allowing 443", Fixture.snapshot(
            Fixture.array("services", Fixture.service("web")), Fixture.array("taskDefinitions", Fixture.taskDefinition()),
            Fixture.array("Subnets", Fixture.subnet()), Fixture.array("RouteTables", Fixture.routeTable()),
            Fixture.array("VpcAttributes", #"{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}, "EnableDnsHostnames": {"Value": true}}"#),
            Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]),
            Fixture.array("SecurityGroups", sgAllowAll, endpointGroup))),
        ("egress limited to the S3 prefix list and the endpoint security group", Fixture.snapshot(
            Fixture.array("services", Fixture.service("web")), Fixture.array("taskDefinitions", Fixture.taskDefinition()),
            Fixture.array("Subnets", Fixture.subnet()),
            Fixture.array("RouteTables", #"{"RouteTableId": "rtb-a", "VpcId": "vpc-1", "Associations": [{"Main": false, "SubnetId": "subnet-a"}], "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}, {"DestinationPrefixListId": "pl-63a5400a", "GatewayId": "vpce-s3"}]}"#),
            Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]),
            Fixture.array("SecurityGroups", #"{"GroupId": "sg-task", "VpcId": "vpc-1", "IpPermissionsEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "PrefixListIds": [{"PrefixListId": "pl-63a5400a"}], "UserIdGroupPairs": [{"GroupId": "sg-endpoint"}]}]}"#, endpointGroup))),
        ("subnet implicitly on a main table with a NAT route", Fixture.snapshot(
            Fixture.array("services", Fixture.service("web")), Fixture.array("taskDefinitions", Fixture.taskDefinition()),
            Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-public", cidr: "10.0.0.0/24")),
            Fixture.array("RouteTables", Fixture.routeTable("rtb-main", subnets: [], main: true, defaultTarget: "nat-1"), publicNat[0]),
            Fixture.array("NatGateways", Fixture.natGateway()), Fixture.array("InternetGateways", Fixture.internetGateway()))),
        ("no secrets, so no Secrets Manager endpoint needed", Fixture.snapshot(
            Fixture.array("services", Fixture.service("web")), Fixture.array("taskDefinitions", Fixture.taskDefinition()),
            Fixture.array("Subnets", Fixture.subnet()), Fixture.array("RouteTables", Fixture.routeTable()),
            Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]))),
        ("Docker Hub image with a NAT route", Fixture.snapshot(
            Fixture.array("services", Fixture.service("web")), Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "nginx:1.27")),
            Fixture.array("Subnets", Fixture.subnet(), Fixture.subnet("subnet-public", cidr: "10.0.0.0/24")),
            Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "nat-1"), publicNat[0]),
            Fixture.array("NatGateways", Fixture.natGateway()), Fixture.array("InternetGateways", Fixture.internetGateway()),
            Fixture.array("SecurityGroups", sgAllowAll))),
        ("NACL allowing ephemeral return traffic, deny numbered after the allow", Fixture.snapshot(
            Fixture.array("services", Fixture.service("web", publicIp: "ENABLED")), Fixture.array("taskDefinitions", Fixture.taskDefinition()),
            Fixture.array("Subnets", Fixture.subnet()), Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "igw-1")),
            Fixture.array("InternetGateways", Fixture.internetGateway()),
            Fixture.array("NetworkAcls", #"{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-a"}], "Entries": [{"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": true, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 443, "To": 443}}, {"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 1024, "To": 65535}}, {"RuleNumber": 120, "Protocol": "-1", "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0"}, {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": true, "CidrBlock": "0.0.0.0/0"}]}"#))),
    ]

    @Test(arguments: nearMisses.map(\.0))
    func nearMissHasNoNetworkFinding(_ name: String) throws {
        let input = Self.nearMisses.first { $0.0 == name }!.1
        let report = try TestSupport.analyze(input)
        #expect(report.findings.filter { $0.category == .network }.map(\.ruleId) == [])
        #expect(!report.paths.isEmpty && report.paths.allSatisfy { $0.verdict == "reachable" }, "\(report.paths)")
    }

    @Test func cidrParsing() {
        #expect(CIDR("10.0.4.0/24") == CIDR("10.0.4.77/24"))
        #expect(CIDR("10.0.4.0/24")?.prefixLength == 24)
        #expect(CIDR("192.168.1.7")?.prefixLength == 32)
        #expect(CIDR("0.0.0.0/0") == CIDR.everything)
        #expect(CIDR("10.0.0.0/8")!.contains(CIDR("10.1.2.0/24")!))
        #expect(CIDR("10.1.2.3")!.isPrivate && !CIDR("52.94.1.1")!.isPrivate)
        for invalid in ["", "/", "10.0.0.0/", "10.0.0/24", "10.0.0.0.0/8", "256.0.0.0/8", "10.0.0.0/33", "10.0.0.0/8/8",
                        "10..0.0/8", "1000.0.0.0/8", "10.0.0.0/123", "a.b.c.d/8", "10.0.0.0/ 8", "::/0", "10.0.0.0/-1"] {
            #expect(CIDR(invalid) == nil, "\(invalid)")
        }
    }

    @Test func networkAclFirstMatchingRuleDecides() throws {
        let acl = try SnapshotLoader.load(text: #"{"NetworkAcls": [{"NetworkAclId": "acl-1", "Entries": [{"RuleNumber": 90, "Protocol": "6", "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 2000, "To": 2100}}, {"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0"}]}]}"#).networkAcls[0]
        #expect(NetworkAclEvaluator.evaluate(acl, egress: false, ports: 1024...65535, peer: .publicAddress).isBlocked)
        #expect(NetworkAclEvaluator.evaluate(acl, egress: false, ports: 443...443, peer: .publicAddress).isAllowed)
        #expect(NetworkAclEvaluator.evaluate(acl, egress: true, ports: 443...443, peer: .publicAddress).isBlocked)
    }

    @Test func securityGroupRulesByPeer() throws {
        let groups = try SnapshotLoader.load(text: #"{"SecurityGroups": [{"GroupId": "sg-1", "IpPermissionsEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}]}]}"#).securityGroups
        #expect(SecurityGroupEvaluator.egress(groups, port: 443, to: .block(CIDR("10.0.4.0/24")!), peerGroupIds: []).isAllowed)
        #expect(SecurityGroupEvaluator.egress(groups, port: 443, to: .publicAddress, peerGroupIds: []).isBlocked)
        #expect(SecurityGroupEvaluator.egress(groups, port: 2049, to: .block(CIDR("10.0.4.0/24")!), peerGroupIds: []).isBlocked)
        #expect(SecurityGroupEvaluator.egress(groups, port: 443, to: .prefixList("pl-1"), peerGroupIds: []).isBlocked)
    }

    @Test func routeThroughTransitGatewayIsUndetermined() throws {
        let report = try TestSupport.analyze(Fixture.snapshot(
            Fixture.array("services", Fixture.service("web")), Fixture.array("taskDefinitions", Fixture.taskDefinition()),
            Fixture.array("Subnets", Fixture.subnet()), Fixture.array("RouteTables", Fixture.routeTable(defaultTarget: "tgw-1")),
            "\"VpcEndpoints\": []"))
        #expect(report.findings.filter { $0.category == .network }.isEmpty)
        #expect(report.paths.allSatisfy { $0.verdict == "undetermined" })
    }

    /// Protocol -1 means every port, whatever PortRange says: Terraform writes 0-0 for it and the API echoes it.
    @Test func networkAclProtocolAllIgnoresPortRange() throws {
        let acl = try SnapshotLoader.load(text: #"{"NetworkAcls": [{"NetworkAclId": "acl-1", "Entries": [{"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": true, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 0, "To": 0}}, {"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 0, "To": 0}}, {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": true, "CidrBlock": "0.0.0.0/0"}]}]}"#).networkAcls[0]
        #expect(NetworkAclEvaluator.evaluate(acl, egress: true, ports: 443...443, peer: .publicAddress).isAllowed)
        #expect(NetworkAclEvaluator.evaluate(acl, egress: false, ports: 1024...65535, peer: .publicAddress).isAllowed)
    }

    /// Every hop is walked: a path blocked at its route still has its security group judged, and one
    /// blocked at DNS still has the endpoint's group judged; each blocked hop is its own finding.
    @Test func everyDefectOnThePathIsReported() throws {
        let report = try TestSupport.analyze(Fixture.snapshot(
            Fixture.array("services", Fixture.service("web")),
            Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout)),
            Fixture.array("taskDefinitions", Fixture.taskDefinition()),
            Fixture.array("Subnets", Fixture.subnet()), Fixture.array("RouteTables", Fixture.routeTable()),
            Fixture.endpoints(["ecr.api", "ecr.dkr"]),
            Fixture.array("SecurityGroups", #"{"GroupId": "sg-task", "VpcId": "vpc-1", "IpPermissions": [], "IpPermissionsEgress": []}"#,
                          #"{"GroupId": "sg-endpoint", "VpcId": "vpc-1", "IpPermissions": [], "IpPermissionsEgress": []}"#)))
        let rules = Set(report.findings.map(\.ruleId))
        #expect(rules.isSuperset(of: ["task-sg-blocks-egress", "endpoint-sg-blocks-https", "missing-vpc-endpoint"]), "\(rules)")
        // The one the traffic meets first explains the timeout; the one behind it is latent.
        #expect(report.findings.first { $0.ruleId == "task-sg-blocks-egress" }?.confidence == .confirmed)
        let latent = try #require(report.findings.first { $0.ruleId == "endpoint-sg-blocks-https" })
        #expect(latent.explains.isEmpty && latent.evidence.contains { $0.text.hasPrefix("latent for ECR API") })
        // The paths table keeps the decisive hop.
        let ecrApi = try #require(report.paths.first { $0.dependency == "ecr.api" })
        #expect(ecrApi.detail?.contains("no egress rule of sg-task") == true, "\(ecrApi)")
    }

    /// On EC2 the agent's own endpoints and the tasks' dependencies go through the instance's subnet and groups.
    @Test func containerInstancesAreTheOriginOnEC2() throws {
        let snapshot = try SnapshotLoader.load(text: Fixture.snapshot(
            Fixture.array("services", Fixture.service("web", launchType: "EC2")),
            #""tasks": [{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/t1", "clusterArn": "\#(Fixture.cluster)", "group": "service:web", "launchType": "EC2", "lastStatus": "RUNNING", "containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/ci-1", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"}]"#,
            #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/ci-1", "ec2InstanceId": "i-1", "status": "ACTIVE", "agentConnected": true}]"#,
            Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"])),
            Fixture.instances((id: "i-1", subnet: "subnet-a", publicIp: nil)),
            Fixture.array("Subnets", Fixture.subnet()), Fixture.array("RouteTables", Fixture.routeTable()), "\"VpcEndpoints\": []"))
        let index = SnapshotIndex(snapshot)
        let network = try #require(WorkloadNetwork.build(index, parallel: false).first)
        let origin = try #require(network.subnets.first?.origin)
        #expect(origin.isInstance && origin.instanceIds == ["i-1"] && origin.securityGroupIds == ["sg-instance"])
        let paths = network.subnets[0].paths
        // ECS says the agent is connected: its own endpoints are reachable whatever the routes say.
        #expect(paths.filter(\.dependency.isAgentEndpoint).allSatisfy { $0.verdict == .reachable })
        #expect(paths.first { $0.dependency.target == "ecr.api" }?.verdict == .unreachable)
    }

    /// describe-mount-target-security-groups names no mount target: identical outputs, one per mount
    /// target, are attributed; different ones are left out with a warning.
    @Test func bareMountTargetSecurityGroupsAreAttributedOnlyWhenUnambiguous() throws {
        let targets = #"{"MountTargets": [{"MountTargetId": "fsmt-1", "FileSystemId": "fs-1", "SubnetId": "subnet-a"}, {"MountTargetId": "fsmt-2", "FileSystemId": "fs-1", "SubnetId": "subnet-b"}]}"#
        func load(_ outputs: [String]) throws -> Snapshot {
            try SnapshotLoader.load(([targets] + outputs).enumerated().map { InputFile(name: "f\($0.offset).json", bytes: Array($0.element.utf8)) })
        }
        let same = try load([#"{"SecurityGroups": ["sg-efs"]}"#, #"{"SecurityGroups": ["sg-efs"]}"#])
        #expect(same.mountTargetSecurityGroups.map(\.mountTargetId) == ["fsmt-1", "fsmt-2"])
        #expect(!same.has(.securityGroups) && same.has(.mountTargetSecurityGroups))
        let different = try load([#"{"SecurityGroups": ["sg-efs"]}"#, #"{"SecurityGroups": ["sg-other"]}"#])
        #expect(different.mountTargetSecurityGroups.isEmpty && different.warnings.contains { $0.contains("MountTargetSecurityGroups") })
        let tooFew = try load([#"{"SecurityGroups": ["sg-efs"]}"#])
        #expect(tooFew.mountTargetSecurityGroups.isEmpty)
        let keyed = try load([#"{"MountTargetSecurityGroups": {"fsmt-2": ["sg-b"]}}"#, #"{"SecurityGroups": ["sg-a"]}"#])
        #expect(keyed.mountTargetSecurityGroups.map { "\($0.mountTargetId):\($0.securityGroupIds)" }.sorted() == ["fsmt-1:[\"sg-a\"]", "fsmt-2:[\"sg-b\"]"])
    }
}
