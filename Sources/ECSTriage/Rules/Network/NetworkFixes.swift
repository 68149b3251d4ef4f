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
        return "aws ec2 create-vpc-endpoint --vpc-id \(vpcId) --vpc-endpoint-type Interface --service-name \(name) --subnet-ids " +
               "\(subnetIds.joined(separator: " ")) --security-group-ids <sg-allowing-443-from-the-tasks> --private-dns-enabled"
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
