/// VPC endpoints a fix creates, as commands that run top to bottom and the
/// matching Terraform: the security group the interface endpoints need first
/// (created, with its 443 ingress from the callers, unless an existing one
/// already admits them), the VPC DNS attributes private DNS needs, then one
/// interface endpoint per service in one subnet per Availability Zone, and
/// gateway endpoints (S3) on the callers' route tables.
struct VpcEndpointCreation {
    var vpcId: String
    var region: String
    /// Endpoint short names: `ecr.api`, `logs`, `s3`...
    var services: [String]
    /// One subnet per Availability Zone (an interface endpoint takes at most one per zone).
    var subnetIds: [String]
    var routeTableIds: [String]
    /// The interface endpoints' security group.
    var securityGroup: FixValue
    /// The group to create first, and the ingress it needs, when no existing group fits.
    var groupCreation: SecurityGroupCreation?
    var groupIngress: SecurityGroupRule?
    /// `--enable-dns-support` / `--enable-dns-hostnames` to turn on first: private DNS needs both.
    var dnsAttributesToEnable: [String] = []

    var interfaceServices: [String] { services.filter { !Self.gatewayServices.contains($0) } }
    var gatewayServices: [String] { services.filter { Self.gatewayServices.contains($0) } }

    /// Services AWS offers as gateway endpoints; ECR's layers come from S3 through one.
    // Source: https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html (S3 and DynamoDB).
    static let gatewayServices: Set<String> = ["s3", "dynamodb"]

    var commands: [String] {
        var commands: [String] = []
        for attribute in dnsAttributesToEnable {
            commands.append("aws ec2 modify-vpc-attribute --vpc-id \(ShellWord.quoted(vpcId)) \(attribute) '{\"Value\":true}'")
        }
        if !interfaceServices.isEmpty {
            if let groupCreation { commands.append(groupCreation.command) }
            commands += groupIngress?.commands ?? []
        }
        for service in interfaceServices {
            commands.append("aws ec2 create-vpc-endpoint --vpc-id \(ShellWord.quoted(vpcId)) --vpc-endpoint-type Interface "
                + "--service-name \(AWSEndpointName.serviceName(service, region: region)) "
                + "--subnet-ids \(subnetIds.map(ShellWord.quoted).joined(separator: " ")) "
                + "--security-group-ids \(securityGroup.shell) --private-dns-enabled")
        }
        for service in gatewayServices {
            commands.append("aws ec2 create-vpc-endpoint --vpc-id \(ShellWord.quoted(vpcId)) --vpc-endpoint-type Gateway "
                + "--service-name \(AWSEndpointName.serviceName(service, region: region)) "
                + "--route-table-ids \(routeTableIds.map(ShellWord.quoted).joined(separator: " "))")
        }
        return commands
    }

    var terraform: String {
        var blocks: [String] = []
        if !interfaceServices.isEmpty {
            if let groupCreation { blocks.append(groupCreation.terraform) }
            if let groupIngress { blocks.append(groupIngress.terraform) }
        }
        for service in interfaceServices {
            blocks.append("""
            resource "aws_vpc_endpoint" "\(TerraformName.label(service))" {
              vpc_id              = "\(vpcId)"
              service_name        = "\(AWSEndpointName.serviceName(service, region: region))"
              vpc_endpoint_type   = "Interface"
              subnet_ids          = [\(subnetIds.map { "\"\($0)\"" }.joined(separator: ", "))]
              security_group_ids  = [\(securityGroup.terraform)]
              private_dns_enabled = true
            }
            """)
        }
        for service in gatewayServices {
            blocks.append("""
            resource "aws_vpc_endpoint" "\(TerraformName.label(service))" {
              vpc_id            = "\(vpcId)"
              service_name      = "\(AWSEndpointName.serviceName(service, region: region))"
              vpc_endpoint_type = "Gateway"
              route_table_ids   = [\(routeTableIds.map { "\"\($0)\"" }.joined(separator: ", "))]
            }
            """)
        }
        return blocks.joined(separator: "\n\n")
    }
}
