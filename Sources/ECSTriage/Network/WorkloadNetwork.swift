/// A Fargate workload's dependencies and, per task subnet, the path to each.
/// Only Fargate: on EC2 the container agent pulls images, secrets and logs
/// through the instance's network, not the task's ENI.
///
/// A class: built once per analysis and walked by every network rule.
public final class WorkloadNetwork: Sendable {
    public let workload: Workload
    public let dependencies: [Dependency]
    /// Subnets whose route table is in the snapshot.
    public let subnets: [DependencyPaths]
    /// Task subnets the snapshot cannot route (no subnet or route table data).
    public let unroutedSubnetIds: [String]

    init(workload: Workload, dependencies: [Dependency], subnets: [DependencyPaths], unroutedSubnetIds: [String]) {
        self.workload = workload
        self.dependencies = dependencies
        self.subnets = subnets
        self.unroutedSubnetIds = unroutedSubnetIds
    }

    public static func build(_ index: SnapshotIndex, parallel: Bool = true) -> [WorkloadNetwork] {
        Parallel.map(index.workloads.count, minimumCount: parallel ? Parallel.minimumCount : Int.max) { position -> WorkloadNetwork? in
            let workload = index.workloads[position]
            guard workload.isFargate, let definition = workload.taskDefinition else { return nil }
            let dependencies = DependencyResolver.dependencies(of: definition, region: index.region)
            var paths: [DependencyPaths] = []
            var unrouted: [String] = []
            for subnetId in workload.subnetIds {
                if let path = DependencyPaths(workload: workload, subnetId: subnetId, dependencies: dependencies, index: index) {
                    paths.append(path)
                } else {
                    unrouted.append(subnetId)
                }
            }
            return WorkloadNetwork(workload: workload, dependencies: dependencies, subnets: paths, unroutedSubnetIds: unrouted)
        }.compactMap { $0 }
    }
}

extension AnalysisContext {
    /// Network failures observed on the workload that the blocked
    /// dependencies explain: those naming one of them, those naming no
    /// service, and image pulls when the image's registry is blocked.
    public func networkSymptoms(on workload: Workload, blocked: [Dependency]) -> [Symptom] {
        let targets = Set(blocked.map(\.target))
        let blocksRegistry = blocked.contains { !$0.isAWSService || $0.target == "ecr.api" || $0.target == "ecr.dkr" || $0.target == "s3" }
        return symptoms(of: [.awsServiceUnreachable, .imagePullFailed], on: workload).filter { symptom in
            switch symptom.kind {
            case .awsServiceUnreachable:
                guard let service = symptom.facts.service else { return true }
                return targets.contains(service)
            case .imagePullFailed:
                return blocksRegistry
            default:
                return false
            }
        }
    }
}

/// Ready-to-run commands and Terraform for network fixes.
enum NetworkFixes {
    static func createEndpoint(_ service: String, vpcId: String, subnetIds: [String], routeTableId: String, region: String) -> String {
        let name = AWSEndpointName.serviceName(service, region: region)
        if service == "s3" {
            return "aws ec2 create-vpc-endpoint --vpc-id \(vpcId) --vpc-endpoint-type Gateway --service-name \(name) --route-table-ids \(routeTableId)"
        }
        return "aws ec2 create-vpc-endpoint --vpc-id \(vpcId) --vpc-endpoint-type Interface --service-name \(name) --subnet-ids \(subnetIds.joined(separator: " ")) --security-group-ids <sg-allowing-443-from-the-tasks> --private-dns-enabled"
    }

    static func terraformEndpoint(_ service: String, vpcId: String, subnetIds: [String], routeTableId: String, region: String) -> String {
        let name = AWSEndpointName.serviceName(service, region: region)
        let label = service.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "-", with: "_")
        if service == "s3" {
            return """
            resource "aws_vpc_endpoint" "\(label)" {
              vpc_id            = "\(vpcId)"
              service_name      = "\(name)"
              vpc_endpoint_type = "Gateway"
              route_table_ids   = ["\(routeTableId)"]
            }
            """
        }
        return """
        resource "aws_vpc_endpoint" "\(label)" {
          vpc_id              = "\(vpcId)"
          service_name        = "\(name)"
          vpc_endpoint_type   = "Interface"
          subnet_ids          = [\(subnetIds.map { "\"\($0)\"" }.joined(separator: ", "))]
          security_group_ids  = [aws_security_group.endpoints.id] # allows 443 from the task security group
          private_dns_enabled = true
        }
        """
    }

    static func evidence(of routing: SubnetRouting) -> Evidence {
        let association = routing.usesMainTable ? "uses its VPC's main route table" : "is explicitly associated with"
        let routes = routing.table.routes.map { "\($0.destinationDescription) -> \($0.targetDescription)\($0.isBlackhole ? " (blackhole)" : "")" }
        return Evidence(routing.table.location + "/Routes",
                        "\(routing.subnetId) \(association) \(routing.table.routeTableId): \(routes.joined(separator: ", "))")
    }

    static func dependencyEvidence(_ dependencies: [Dependency]) -> [Evidence] {
        dependencies.map { Evidence($0.location, "needs \($0.displayName): \($0.reason)") }
    }
}

import Foundation
