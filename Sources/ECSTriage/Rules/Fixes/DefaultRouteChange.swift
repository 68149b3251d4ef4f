/// A subnet's way to the internet, as the commands that create what is
/// missing and point the route table's 0.0.0.0/0 at it, and the matching
/// Terraform: every rule that fixes a default route builds its fix here.
struct DefaultRouteChange {
    enum Target {
        case internetGateway(FixValue)
        case natGateway(FixValue)
    }

    var routeTableId: String
    var target: Target
    /// The table already has a 0.0.0.0/0 route (to a deleted or unusable target): replace it.
    var replacesExisting: Bool

    var command: String {
        let verb = replacesExisting ? "replace-route" : "create-route"
        let option: String
        switch target {
        case let .internetGateway(value): option = "--gateway-id \(value.shell)"
        case let .natGateway(value): option = "--nat-gateway-id \(value.shell)"
        }
        return "aws ec2 \(verb) --route-table-id \(ShellWord.quoted(routeTableId)) --destination-cidr-block 0.0.0.0/0 \(option)"
    }

    var terraform: String {
        let attribute: String
        switch target {
        case let .internetGateway(value): attribute = "gateway_id             = \(value.terraform)"
        case let .natGateway(value): attribute = "nat_gateway_id         = \(value.terraform)"
        }
        return """
        resource "aws_route" "\(TerraformName.label(routeTableId + "_default"))" {
          route_table_id         = "\(routeTableId)"
          destination_cidr_block = "0.0.0.0/0"
          \(attribute)
        }
        """
    }
}

/// A public NAT gateway created in a subnet that routes to an internet gateway:
/// an Elastic IP, the gateway, and a wait until it is available, its id passed on.
struct NatGatewayCreation {
    var publicSubnetId: String

    var value: FixValue { .variable(name: "nat", terraform: "aws_nat_gateway.tasks.id") }

    var commands: [String] {
        ["eip=$(aws ec2 allocate-address --domain vpc --query AllocationId --output text)",
         "nat=$(aws ec2 create-nat-gateway --subnet-id \(ShellWord.quoted(publicSubnetId)) --allocation-id \"$eip\" "
             + "--query NatGateway.NatGatewayId --output text)",
         "aws ec2 wait nat-gateway-available --nat-gateway-ids \"$nat\""]
    }

    var terraform: String {
        """
        resource "aws_eip" "nat" {
          domain = "vpc"
        }

        resource "aws_nat_gateway" "tasks" {
          subnet_id     = "\(publicSubnetId)"
          allocation_id = aws_eip.nat.id
        }
        """
    }
}

/// An internet gateway created and attached to a VPC, its id passed on.
struct InternetGatewayCreation {
    var vpcId: String

    var value: FixValue { .variable(name: "igw", terraform: "aws_internet_gateway.main.id") }

    var commands: [String] {
        ["igw=$(aws ec2 create-internet-gateway --query InternetGateway.InternetGatewayId --output text)",
         "aws ec2 attach-internet-gateway --internet-gateway-id \"$igw\" --vpc-id \(ShellWord.quoted(vpcId))"]
    }

    var terraform: String {
        """
        resource "aws_internet_gateway" "main" {
          vpc_id = "\(vpcId)"
        }
        """
    }
}
