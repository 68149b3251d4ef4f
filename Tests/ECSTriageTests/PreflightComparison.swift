@testable import ECSTriageCollect
@testable import ECSTriage

/// Compares two snapshots resource by resource, on the fields the rules read,
/// in a normal form (sets where order means nothing), so a translated plan or
/// state can be checked against what `collect` took after the apply.
enum PreflightComparison {
    /// The normal form of one resource: field name → comparable text.
    typealias Fields = [String: String]

    /// Per section, resources by id.
    static func resources(_ snapshot: JSONValue) -> [String: [String: Fields]] {
        var result: [String: [String: Fields]] = [:]
        func add(_ section: String, _ key: String, _ fields: Fields) { result[section, default: [:]][key] = fields }
        func list(_ values: [String]) -> String { values.sorted().joined(separator: ",") }
        func strings(_ value: JSONValue?, _ path: String) -> [String] { value?.values(path).compactMap(\.stringValue) ?? [] }
        func text(_ value: JSONValue?) -> String {
            switch value {
            case let .string(text)?: return text
            case let .number(number)?: return JSONWriter.format(number)
            case let .bool(flag)?: return flag ? "true" : "false"
            case nil, .null?: return "-"
            default: return JSONWriter.write(value!).filter { !$0.isWhitespace }
            }
        }
        for subnet in snapshot["Subnets"]?.arrayValue ?? [] {
            add("Subnets", text(subnet["SubnetId"]), ["VpcId": text(subnet["VpcId"]), "CidrBlock": text(subnet["CidrBlock"]),
                                                      "AvailabilityZone": text(subnet["AvailabilityZone"]), "MapPublicIpOnLaunch": text(subnet["MapPublicIpOnLaunch"])])
        }
        for table in snapshot["RouteTables"]?.arrayValue ?? [] {
            // Gateway endpoint routes (to a prefix list) are compared through the endpoint's RouteTableIds.
            let routes = (table["Routes"]?.arrayValue ?? []).filter { $0["DestinationPrefixListId"] == nil }.map { route in
                let target = ["GatewayId", "NatGatewayId", "TransitGatewayId", "NetworkInterfaceId", "VpcPeeringConnectionId"]
                    .compactMap { key in route[key]?.stringValue.map { "\(key)=\($0)" } }.first ?? "-"
                return "\(text(route["DestinationCidrBlock"]))>\(target)"
            }
            let associations = table["Associations"]?.arrayValue ?? []
            add("RouteTables", text(table["RouteTableId"]), [
                "VpcId": text(table["VpcId"]), "Routes": list(routes),
                "Subnets": list(associations.compactMap { $0["SubnetId"]?.stringValue }),
                "Main": associations.contains { $0["Main"] == .bool(true) } ? "true" : "false",
            ])
        }
        func permissions(_ value: JSONValue?) -> String {
            list((value?.arrayValue ?? []).flatMap { permission -> [String] in
                let protocolName = text(permission["IpProtocol"])
                let ports = protocolName == "-1" ? "all" : "\(text(permission["FromPort"]))-\(text(permission["ToPort"]))"
                let peers = strings(permission, "IpRanges.*.CidrIp") + strings(permission, "Ipv6Ranges.*.CidrIpv6")
                    + strings(permission, "PrefixListIds.*.PrefixListId") + strings(permission, "UserIdGroupPairs.*.GroupId")
                return peers.map { "\(protocolName):\(ports):\($0)" }
            })
        }
        for group in snapshot["SecurityGroups"]?.arrayValue ?? [] where group["GroupId"] != nil {
            add("SecurityGroups", text(group["GroupId"]), ["VpcId": text(group["VpcId"]), "Ingress": permissions(group["IpPermissions"]),
                                                           "Egress": permissions(group["IpPermissionsEgress"])])
        }
        for acl in snapshot["NetworkAcls"]?.arrayValue ?? [] {
            // The implicit deny (32767) is every ACL's last rule; moto lists it for default ACLs only.
            let entries = (acl["Entries"]?.arrayValue ?? []).filter { $0["RuleNumber"] != .number(32767) }.map { entry -> String in
                let protocolNumber = text(entry["Protocol"])
                // Ports mean nothing for protocols other than TCP and UDP (see PreflightDefaults).
                let ports = ["6", "17"].contains(protocolNumber) ? "\(text(entry["PortRange"]?["From"]))-\(text(entry["PortRange"]?["To"]))" : "all"
                return "\(text(entry["RuleNumber"])):\(text(entry["Egress"])):\(protocolNumber):\(ports):\(text(entry["RuleAction"])):\(text(entry["CidrBlock"] ?? entry["Ipv6CidrBlock"]))"
            }
            var fields: Fields = ["VpcId": text(acl["VpcId"]), "IsDefault": text(acl["IsDefault"]), "Entries": list(entries)]
            // A default ACL lists every subnet without an explicit one; only explicit associations are configuration.
            if acl["IsDefault"] != .bool(true) { fields["Subnets"] = list(strings(acl, "Associations.*.SubnetId")) }
            add("NetworkAcls", text(acl["NetworkAclId"]), fields)
        }
        for endpoint in snapshot["VpcEndpoints"]?.arrayValue ?? [] {
            add("VpcEndpoints", text(endpoint["VpcEndpointId"]), [
                "ServiceName": text(endpoint["ServiceName"]), "VpcEndpointType": text(endpoint["VpcEndpointType"]).lowercased(),
                "VpcId": text(endpoint["VpcId"]), "RouteTableIds": list(strings(endpoint, "RouteTableIds.*")),
                "SubnetIds": list(strings(endpoint, "SubnetIds.*")), "Groups": list(strings(endpoint, "Groups.*.GroupId")),
                "PrivateDnsEnabled": text(endpoint["PrivateDnsEnabled"]),
            ])
        }
        for gateway in snapshot["InternetGateways"]?.arrayValue ?? [] {
            add("InternetGateways", text(gateway["InternetGatewayId"]), ["Vpcs": list(strings(gateway, "Attachments.*.VpcId"))])
        }
        for gateway in snapshot["NatGateways"]?.arrayValue ?? [] {
            add("NatGateways", text(gateway["NatGatewayId"]), ["SubnetId": text(gateway["SubnetId"])])
        }
        for balancer in snapshot["LoadBalancers"]?.arrayValue ?? [] {
            add("LoadBalancers", text(balancer["LoadBalancerArn"]), [
                "Type": text(balancer["Type"]), "Scheme": text(balancer["Scheme"]), "SecurityGroups": list(strings(balancer, "SecurityGroups.*")),
                "Subnets": list(strings(balancer, "AvailabilityZones.*.SubnetId")),
            ])
        }
        for group in snapshot["TargetGroups"]?.arrayValue ?? [] {
            add("TargetGroups", text(group["TargetGroupArn"]), [
                "TargetType": text(group["TargetType"]), "Port": text(group["Port"]), "Protocol": text(group["Protocol"]),
                "VpcId": text(group["VpcId"]), "HealthCheckPath": text(group["HealthCheckPath"]), "Matcher": text(group["Matcher"]?["HttpCode"]),
                "LoadBalancerArns": list(strings(group, "LoadBalancerArns.*")),
            ])
        }
        for service in snapshot["services"]?.arrayValue ?? [] {
            let awsvpc = service["networkConfiguration"]?["awsvpcConfiguration"]
            add("services", text(service["serviceArn"]), [
                // `family:revision` and the ARN name the same definition (ECS answers with the ARN).
                "taskDefinition": service["taskDefinition"]?.stringValue.map(ARN.lastComponent) ?? "-", "launchType": text(service["launchType"]),
                "subnets": list(strings(awsvpc, "subnets.*")), "securityGroups": list(strings(awsvpc, "securityGroups.*")),
                "assignPublicIp": text(awsvpc?["assignPublicIp"]),
                "loadBalancers": list((service["loadBalancers"]?.arrayValue ?? []).map {
                    "\(text($0["targetGroupArn"])):\(text($0["containerName"])):\(text($0["containerPort"]))"
                }),
            ])
        }
        for definition in snapshot["taskDefinitions"]?.arrayValue ?? [] {
            add("taskDefinitions", text(definition["taskDefinitionArn"]), [
                "networkMode": text(definition["networkMode"]), "cpu": text(definition["cpu"]), "memory": text(definition["memory"]),
                "requiresCompatibilities": list(strings(definition, "requiresCompatibilities.*")),
                "executionRoleArn": text(definition["executionRoleArn"]), "taskRoleArn": text(definition["taskRoleArn"]),
                "containers": list((definition["containerDefinitions"]?.arrayValue ?? []).map { container in
                    let ports = (container["portMappings"]?.arrayValue ?? []).map { "\(text($0["containerPort"]))/\(text($0["hostPort"]))" }
                    let logGroup = text(container["logConfiguration"]?["options"]?["awslogs-group"])
                    let secrets = strings(container, "secrets.*.valueFrom")
                    return "\(text(container["name"])):\(text(container["image"])):ports=\(list(ports)):logs=\(logGroup):secrets=\(list(secrets))"
                }),
            ])
        }
        for role in snapshot["RoleDetailList"]?.arrayValue ?? [] {
            add("RoleDetailList", text(role["Arn"]), [
                "RoleName": text(role["RoleName"]),
                "Trusts": list(strings(role["AssumeRolePolicyDocument"], "Statement.*.Principal.Service")),
                "AttachedManagedPolicies": list(strings(role, "AttachedManagedPolicies.*.PolicyArn")),
                "InlinePolicies": list(strings(role, "RolePolicyList.*.PolicyName")),
            ])
        }
        return result
    }

    /// Differences, as `section id field: expected ≠ found`, for resources of
    /// `expected` (the reference, e.g. what `collect` saw) in the sections given.
    static func differences(expected: JSONValue, found: JSONValue, sections: [String], ignoring: Set<String> = []) -> [String] {
        let reference = resources(expected)
        let translated = resources(found)
        var differences: [String] = []
        for section in sections {
            for (id, fields) in (reference[section] ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let other = translated[section]?[id] else {
                    differences.append("\(section) \(id): missing")
                    continue
                }
                for (field, value) in fields.sorted(by: { $0.key < $1.key }) where !ignoring.contains("\(section).\(field)") && other[field] != value {
                    differences.append("\(section) \(id) \(field): \(value) ≠ \(other[field] ?? "-")")
                }
            }
        }
        return differences
    }

    /// The value with every string equal to a key of `names` replaced (plan stand-ins → applied ids).
    static func renaming(_ value: JSONValue, _ names: [String: String]) -> JSONValue {
        switch value {
        case let .string(text): return .string(names[text] ?? text)
        case let .array(items): return .array(items.map { renaming($0, names) })
        case let .object(members): return .object(members.map { ($0.key, renaming($0.value, names)) })
        default: return value
        }
    }

    /// Plan ids → state ids, joined on the Terraform address both translations record.
    static func identities(plan: PreflightTranslation, state: PreflightTranslation) -> [String: String] {
        var byAddress: [String: String] = [:]
        for origin in state.origins { byAddress[origin.address] = origin.id }
        var names: [String: String] = [:]
        for origin in plan.origins {
            if let id = byAddress[origin.address], id != origin.id { names[origin.id] = id }
        }
        return names
    }
}
