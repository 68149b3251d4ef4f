extension AnalysisContext {
    /// Network failures observed on the workload that the blocked
    /// dependencies explain: those naming one of them, those naming no
    /// service, image pulls when the image's registry is blocked, and an empty
    /// cluster when the container agent's own endpoints are.
    public func networkSymptoms(on workload: Workload, blocked: [Dependency]) -> [Symptom] {
        let targets = Set(blocked.map(\.target))
        let blocksRegistry = blocked.contains { $0.kind == .internetHost || $0.target == "ecr.api" || $0.target == "ecr.dkr" || $0.target == "s3" }
        let blocksAgent = blocked.contains { $0.target == "ecs" || $0.target == "ecs-agent" }
        return symptoms(of: [.awsServiceUnreachable, .imagePullFailed, .noContainerInstances], on: workload).filter { symptom in
            switch symptom.kind {
            case .awsServiceUnreachable:
                guard let service = symptom.facts.service else { return true }
                return targets.contains(service)
            case .imagePullFailed:
                return blocksRegistry
            case .noContainerInstances:
                return blocksAgent
            default:
                return false
            }
        }
    }
}

/// What several network rules say and build the same way.
enum NetworkFixes {
    static func evidence(of routing: SubnetRouting) -> Evidence {
        let association = routing.usesMainTable ? "uses its VPC's main route table" : "is explicitly associated with"
        let routes = routing.table.routes.map { "\($0.destinationDescription) -> \($0.targetDescription)\($0.isBlackhole ? " (blackhole)" : "")" }
        return Evidence(routing.table.location + "/Routes",
                        "\(routing.subnetId) \(association) \(routing.table.routeTableId): \(routes.joined(separator: ", "))")
    }

    static func dependencyEvidence(_ dependencies: [Dependency]) -> [Evidence] {
        dependencies.map { Evidence($0.location, "needs \($0.displayName): \($0.reason)") }
    }

    /// Why the origin's instances are taken as the workload's, when that is a premise.
    static func premiseEvidence(_ origin: NetworkOrigin) -> [Evidence] {
        origin.premise.map { [Evidence(origin.location ?? "", "\(origin.noun): \($0)")] } ?? []
    }

    /// Subnets in the given order, the first of each Availability Zone: an interface endpoint takes one subnet per zone.
    static func onePerZone(_ subnetIds: [String], index: SnapshotIndex) -> [String] {
        var zones = Set<String>()
        return subnetIds.filter { subnetId in
            guard let zone = index.subnet(subnetId)?.availabilityZone else { return true }
            return zones.insert(zone).inserted
        }
    }

    /// The endpoints to create for `services` in `vpcId`, reachable from the callers (their groups, or
    /// else their subnets' blocks): an existing endpoint group that admits them on 443 is reused,
    /// otherwise a group is created first with that ingress, and its id passed on.
    static func endpointCreation(services: [String], vpcId: String, callerSubnets: [String], callerGroups: [String], routeTableIds: [String],
                                 groupName: String, context: AnalysisContext) -> (creation: VpcEndpointCreation, missing: [MissingEvidence]) {
        let index = context.index
        let subnets = onePerZone(callerSubnets, index: index)
        var missing: [MissingEvidence] = []
        var creation = VpcEndpointCreation(vpcId: vpcId, region: context.region, services: services, subnetIds: subnets, routeTableIds: routeTableIds,
                                           securityGroup: .literal(""))
        if let vpc = index.vpc(vpcId) {
            if vpc.enableDnsSupport == false { creation.dnsAttributesToEnable.append("--enable-dns-support") }
            if vpc.enableDnsHostnames == false { creation.dnsAttributesToEnable.append("--enable-dns-hostnames") }
        }
        if let reusable = reusableEndpointGroup(vpcId: vpcId, callerSubnets: callerSubnets, callerGroups: callerGroups, index: index) {
            creation.securityGroup = .literal(reusable)
            return (creation, missing)
        }
        let group = SecurityGroupCreation(variable: "endpoint_sg", name: groupName, description: "HTTPS from ECS tasks and instances to the VPC endpoints",
                                          vpcId: vpcId, terraformLabel: "endpoints")
        var peers: [SecurityGroupRule.Peer] = callerGroups.map { .group(.literal($0)) }
        if peers.isEmpty {
            let blocks = callerSubnets.compactMap { index.subnet($0)?.cidrBlock }
            if blocks.count == callerSubnets.count, !blocks.isEmpty {
                peers = blocks.map(SecurityGroupRule.Peer.cidr)
            } else if let block = index.vpc(vpcId)?.cidrBlock {
                peers = [.cidr(block)]
            } else {
                peers = [.cidr("<task-subnet-cidr>")]
                missing.append(MissingEvidence(why: "the callers' address ranges, for the endpoints' security group",
                                               command: "aws ec2 describe-subnets --subnet-ids \(callerSubnets.map(ShellWord.quoted).joined(separator: " "))"))
            }
        }
        creation.securityGroup = group.value
        creation.groupCreation = group
        creation.groupIngress = SecurityGroupRule(group: group.value, direction: .ingress, ports: 443...443, peers: peers, label: "endpoints_https_in")
        return (creation, missing)
    }

    /// A security group of an existing interface endpoint in the VPC that already admits the callers on 443.
    static func reusableEndpointGroup(vpcId: String, callerSubnets: [String], callerGroups: [String], index: SnapshotIndex) -> String? {
        let blocks = callerSubnets.compactMap { index.subnet($0)?.cidrBlock.flatMap(CIDR.init) }
        guard blocks.count == callerSubnets.count, !blocks.isEmpty else { return nil }
        for endpoint in index.endpoints(inVpc: vpcId) where endpoint.isInterface {
            for groupId in endpoint.securityGroupIds {
                guard let group = index.securityGroup(groupId) else { continue }
                let admits = blocks.allSatisfy { block in
                    SecurityGroupEvaluator.ingress([group], port: 443, from: .block(block), peerGroupIds: callerGroups).isAllowed
                }
                if admits { return groupId }
            }
        }
        return nil
    }

    /// Steps that start a new deployment of each service once the network is fixed (new tasks take the new path).
    static func redeployStep(_ workloads: [Workload]) -> [String] {
        workloads.compactMap { workload in
            guard let service = workload.service else { return nil }
            return "Start a new deployment of \(service.serviceName): aws ecs update-service --cluster \(ShellWord.quoted(workload.clusterName)) "
                + "--service \(ShellWord.quoted(service.serviceName)) --force-new-deployment"
        }
    }
}
