/// Builders of small snapshot fragments for rule examples, in AWS CLI shapes.
/// Every example states its own defect; these only spare the boilerplate.
enum Fixture {
    static let region = "us-east-1"
    static let account = "111122223333"
    static let cluster = "arn:aws:ecs:us-east-1:111122223333:cluster/prod"
    static let ecrImage = "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2"
    static let ecrTimeout = #"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post \"https://api.ecr.us-east-1.amazonaws.com/\": dial tcp 52.46.145.142:443: i/o timeout"#

    static func serviceArn(_ name: String) -> String { "arn:aws:ecs:us-east-1:111122223333:service/prod/\(name)" }
    static func taskArn(_ id: String) -> String { "arn:aws:ecs:us-east-1:111122223333:task/prod/\(id)" }
    static func targetGroupArn(_ name: String) -> String { "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/\(name)/0123456789abcdef" }
    static func roleArn(_ name: String) -> String { "arn:aws:iam::111122223333:role/\(name)" }

    /// A merged snapshot with the given top-level members (`"Subnets": [...]`).
    static func snapshot(_ members: String...) -> String {
        "{\"region\": \"us-east-1\", " + members.joined(separator: ", ") + "}"
    }

    /// A service; `launchType` `EC2` drops the network configuration unless
    /// `awsvpc` is true, `extraJSON` adds members (`, "schedulingStrategy": "DAEMON"`).
    static func service(_ name: String, subnets: [String] = ["subnet-a"], publicIp: String = "DISABLED",
                               taskDefinition: String = "web:1", targetGroup: String? = nil, containerPort: Int = 8080,
                               events: [String] = [], launchType: String = "FARGATE", awsvpc: Bool? = nil,
                               securityGroups: [String] = ["sg-task"], classicLoadBalancer: String? = nil, extraJSON: String = "") -> String {
        let loadBalancers = targetGroup.map { #"[{"targetGroupArn": "\#(targetGroupArn($0))", "containerName": "web", "containerPort": \#(containerPort)}]"# }
            ?? classicLoadBalancer.map { #"[{"loadBalancerName": "\#($0)", "containerName": "web", "containerPort": \#(containerPort)}]"# } ?? "[]"
        let eventList = events.enumerated().map { #"{"id": "e\#($0.offset)", "createdAt": "2026-11-20T10:00:00Z", "message": "\#($0.element)"}"# }
        let network = awsvpc ?? (launchType == "FARGATE")
            ? #""networkConfiguration": {"awsvpcConfiguration": {"subnets": [\#(quoted(subnets))], "securityGroups": [\#(quoted(securityGroups))], "assignPublicIp": "\#(publicIp)"}}, "#
            : ""
        return #"{"serviceName": "\#(name)", "serviceArn": "\#(serviceArn(name))", "clusterArn": "\#(cluster)", "launchType": "\#(launchType)", "taskDefinition": "arn:aws:ecs:us-east-1:111122223333:task-definition/\#(taskDefinition)", "desiredCount": 1, \#(network)"loadBalancers": \#(loadBalancers), "events": [\#(eventList.joined(separator: ", "))]\#(extraJSON)}"#
    }

    static func stoppedTask(_ id: String, service: String = "web", subnet: String = "subnet-a", reason: String,
                                   taskDefinition: String = "web:1") -> String {
        #"{"taskArn": "\#(taskArn(id))", "clusterArn": "\#(cluster)", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/\#(taskDefinition)", "group": "service:\#(service)", "launchType": "FARGATE", "lastStatus": "STOPPED", "stopCode": "TaskFailedToStart", "stoppedReason": "\#(reason)", "attachments": [{"type": "ElasticNetworkInterface", "status": "DELETED", "details": [{"name": "subnetId", "value": "\#(subnet)"}]}]}"#
    }

    /// A definition with one container `web` on port 8080; nil `networkMode`,
    /// `cpu` or `memory` leave the member out, `extraJSON` adds top-level members.
    static func taskDefinition(_ familyRevision: String = "web:1", image: String = ecrImage, networkMode: String? = "awsvpc",
                                      executionRole: String? = "ecsTaskExecutionRole", taskRole: String? = nil,
                                      awslogsCreateGroup: Bool = false, extraContainerJSON: String = "", requiresCompatibilities: [String] = ["FARGATE"],
                                      cpu: String? = "256", memory: String? = "512",
                                      portMappings: String = #"[{"containerPort": 8080, "protocol": "tcp"}]"#,
                                      essential: Bool = true, extraJSON: String = "") -> String {
        let parts = familyRevision.split(separator: ":")
        let roles = [executionRole.map { #""executionRoleArn": "\#(roleArn($0))""# }, taskRole.map { #""taskRoleArn": "\#(roleArn($0))""# }]
            .compactMap { $0 }.map { $0 + ", " }.joined()
        let optional = [networkMode.map { #""networkMode": "\#($0)""# }, cpu.map { #""cpu": "\#($0)""# }, memory.map { #""memory": "\#($0)""# }]
            .compactMap { $0 }.map { $0 + ", " }.joined()
        return #"{"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/\#(familyRevision)", "family": "\#(parts[0])", "revision": \#(parts.count > 1 ? String(parts[1]) : "1"), \#(optional)"requiresCompatibilities": [\#(quoted(requiresCompatibilities))], \#(roles)"containerDefinitions": [{"name": "web", "image": "\#(image)", "essential": \#(essential), "portMappings": \#(portMappings), "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"\#(awslogsCreateGroup ? #", "awslogs-create-group": "true""# : "")}}\#(extraContainerJSON)}]\#(extraJSON)}"#
    }

    static func subnet(_ id: String = "subnet-a", vpc: String = "vpc-1", az: String = "us-east-1a", cidr: String = "10.0.1.0/24") -> String {
        #"{"SubnetId": "\#(id)", "VpcId": "\#(vpc)", "CidrBlock": "\#(cidr)", "AvailabilityZone": "\#(az)", "AvailableIpAddressCount": 250, "MapPublicIpOnLaunch": false}"#
    }

    /// A route table; `defaultTarget` is `igw-...`, `nat-...` or nil for local only.
    static func routeTable(_ id: String = "rtb-a", vpc: String = "vpc-1", subnets: [String] = ["subnet-a"], main: Bool = false,
                                  defaultTarget: String? = nil, defaultState: String = "active") -> String {
        var associations = subnets.map { #"{"Main": false, "SubnetId": "\#($0)", "RouteTableId": "\#(id)"}"# }
        if main { associations.append(#"{"Main": true, "RouteTableId": "\#(id)"}"#) }
        var routes = [#"{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}"#]
        if let target = defaultTarget {
            let key = target.hasPrefix("nat-") ? "NatGatewayId" : (target.hasPrefix("tgw-") ? "TransitGatewayId" : "GatewayId")
            routes.append(#"{"DestinationCidrBlock": "0.0.0.0/0", "\#(key)": "\#(target)", "State": "\#(defaultState)"}"#)
        }
        return #"{"RouteTableId": "\#(id)", "VpcId": "\#(vpc)", "Associations": [\#(associations.joined(separator: ", "))], "Routes": [\#(routes.joined(separator: ", "))]}"#
    }

    static func internetGateway(_ id: String = "igw-1", vpc: String = "vpc-1") -> String {
        #"{"InternetGatewayId": "\#(id)", "Attachments": [{"State": "available", "VpcId": "\#(vpc)"}]}"#
    }

    static func natGateway(_ id: String = "nat-1", subnet: String = "subnet-public", state: String = "available") -> String {
        #"{"NatGatewayId": "\#(id)", "SubnetId": "\#(subnet)", "VpcId": "vpc-1", "State": "\#(state)", "ConnectivityType": "public"}"#
    }

    /// Interface endpoints for `services` plus, when `s3RouteTables` is given, an S3 gateway endpoint on them.
    static func endpoints(_ services: [String], subnets: [String] = ["subnet-a"], s3RouteTables: [String]? = nil) -> String {
        var items = services.enumerated().map { index, service in
            #"{"VpcEndpointId": "vpce-\#(index)", "VpcEndpointType": "Interface", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.us-east-1.\#(service)", "State": "available", "SubnetIds": [\#(quoted(subnets))], "Groups": [{"GroupId": "sg-endpoint", "GroupName": "endpoints"}], "PrivateDnsEnabled": true, "RouteTableIds": []}"#
        }
        if let tables = s3RouteTables {
            items.append(#"{"VpcEndpointId": "vpce-s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.us-east-1.s3", "State": "available", "RouteTableIds": [\#(quoted(tables))], "SubnetIds": [], "Groups": []}"#)
        }
        return "\"VpcEndpoints\": [" + items.joined(separator: ", ") + "]"
    }

    static let loadBalancerArn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"

    static func targetGroup(_ name: String, targetType: String = "ip", healthCheckPath: String = "/", port: Int = 8080,
                                   loadBalancer: Bool = true, matcher: String = "200", healthCheckPort: String = "traffic-port") -> String {
        let lbs = loadBalancer ? "\"\(loadBalancerArn)\"" : ""
        return #"{"TargetGroupArn": "\#(targetGroupArn(name))", "TargetGroupName": "\#(name)", "Protocol": "HTTP", "Port": \#(port), "VpcId": "vpc-1", "HealthCheckProtocol": "HTTP", "HealthCheckPort": "\#(healthCheckPort)", "HealthCheckPath": "\#(healthCheckPath)", "HealthCheckIntervalSeconds": 30, "UnhealthyThresholdCount": 2, "Matcher": {"HttpCode": "\#(matcher)"}, "TargetType": "\#(targetType)", "LoadBalancerArns": [\#(lbs)]}"#
    }

    /// `"TargetHealth"` for one target of `group`.
    static func targetHealth(_ group: String, state: String = "unhealthy", reason: String? = nil, description: String? = nil,
                                    ip: String = "10.0.1.25", port: Int = 8080, zone: String = "us-east-1a") -> String {
        let details = [reason.map { #""Reason": "\#($0)""# }, description.map { #""Description": "\#($0)""# }].compactMap { $0 }
        let health = ([#""State": "\#(state)""#] + details).joined(separator: ", ")
        return #""TargetHealth": {"\#(targetGroupArn(group))": [{"Target": {"Id": "\#(ip)", "Port": \#(port), "AvailabilityZone": "\#(zone)"}, "HealthCheckPort": "\#(port)", "TargetHealth": {\#(health)}}]}"#
    }

    /// The application load balancer every fixture target group belongs to.
    static func loadBalancer(securityGroups: [String] = ["sg-alb"], zones: [(zone: String, subnet: String)] = [("us-east-1a", "subnet-lb-a"), ("us-east-1b", "subnet-lb-b")]) -> String {
        let azs = zones.map { #"{"ZoneName": "\#($0.zone)", "SubnetId": "\#($0.subnet)"}"# }.joined(separator: ", ")
        return #"{"LoadBalancerArn": "\#(loadBalancerArn)", "LoadBalancerName": "web", "Type": "application", "Scheme": "internet-facing", "VpcId": "vpc-1", "SecurityGroups": [\#(quoted(securityGroups))], "AvailabilityZones": [\#(azs)]}"#
    }

    /// A security group whose ingress allows TCP `ports` from `sourceGroup`.
    static func securityGroup(_ id: String, allowing ports: ClosedRange<Int>? = nil, from sourceGroup: String = "sg-alb") -> String {
        let ingress = ports.map { #"{"IpProtocol": "tcp", "FromPort": \#($0.lowerBound), "ToPort": \#($0.upperBound), "IpRanges": [], "UserIdGroupPairs": [{"GroupId": "\#(sourceGroup)"}]}"# } ?? ""
        return #"{"GroupId": "\#(id)", "GroupName": "\#(id)", "VpcId": "vpc-1", "IpPermissions": [\#(ingress)], "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}"#
    }

    static let executionRolePolicyArn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"

    /// A role as `get-account-authorization-details` prints it: trust policy,
    /// attached managed policy ARNs and inline policies (name, Statement array JSON).
    static func role(_ name: String, trustedService: String = "ecs-tasks.amazonaws.com", managed: [String] = [executionRolePolicyArn],
                            inline: [(name: String, statements: String)] = [], boundary: String? = nil, instanceProfile: String? = nil) -> String {
        let attached = managed.map { #"{"PolicyName": "\#(ARN.lastComponent($0))", "PolicyArn": "\#($0)"}"# }.joined(separator: ", ")
        let inlinePolicies = inline.map { #"{"PolicyName": "\#($0.name)", "PolicyDocument": {"Version": "2012-10-17", "Statement": \#($0.statements)}}"# }.joined(separator: ", ")
        let boundaryMember = boundary.map { #", "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "\#($0)"}"# } ?? ""
        let profiles = instanceProfile.map { #", "InstanceProfileList": [{"InstanceProfileName": "\#($0)", "Arn": "arn:aws:iam::111122223333:instance-profile/\#($0)", "Roles": []}]"# } ?? ""
        return #"{"RoleName": "\#(name)", "Arn": "\#(roleArn(name))", "Path": "/", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "\#(trustedService)"}, "Action": "sts:AssumeRole"}]}, "RolePolicyList": [\#(inlinePolicies)], "AttachedManagedPolicies": [\#(attached)]\#(boundaryMember)\#(profiles)}"#
    }

    /// `"Reservations"` of `describe-instances` with one running instance per entry.
    static func instances(_ instances: (id: String, subnet: String, publicIp: String?)..., securityGroup: String = "sg-instance") -> String {
        let items = instances.map { instance in
            let address = instance.publicIp.map { #", "PublicIpAddress": "\#($0)""# } ?? ""
            let association = instance.publicIp.map { #", "Association": {"PublicIp": "\#($0)"}"# } ?? ""
            let interface = #""NetworkInterfaces": [{"NetworkInterfaceId": "eni-\#(instance.id.dropFirst(2))", "SubnetId": "\#(instance.subnet)"\#(association)}]"#
            return #"{"InstanceId": "\#(instance.id)", "InstanceType": "t3.medium", "SubnetId": "\#(instance.subnet)", "VpcId": "vpc-1", "State": {"Code": 16, "Name": "running"}, "Placement": {"AvailabilityZone": "us-east-1a"}, "SecurityGroups": [{"GroupId": "\#(securityGroup)", "GroupName": "\#(securityGroup)"}], "IamInstanceProfile": {"Arn": "arn:aws:iam::111122223333:instance-profile/ecsInstanceRole"}, \#(interface)\#(address)}"#
        }
        return #""Reservations": [{"ReservationId": "r-1", "Instances": [\#(items.joined(separator: ", "))]}]"#
    }

    /// `"clusters"` of `describe-clusters`: the fixture cluster with `instances` registered.
    static func clusters(registeredInstances instances: Int) -> String {
        #""clusters": [{"clusterArn": "\#(cluster)", "clusterName": "prod", "status": "ACTIVE", "registeredContainerInstancesCount": \#(instances)}]"#
    }

    static func array(_ key: String, _ items: String...) -> String {
        "\"\(key)\": [" + items.joined(separator: ", ") + "]"
    }

    static func quoted(_ values: [String]) -> String {
        values.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
