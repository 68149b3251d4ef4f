import Foundation

/// Evaluates CloudFormation intrinsic functions as far as a template alone
/// allows: parameters (given or default), pseudo parameters, mappings,
/// conditions, `Ref` / `Fn::GetAtt` to resources (their ids in the snapshot),
/// `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::FindInMap`, `Fn::If`,
/// `Fn::Cidr`, `Fn::Base64`, `Fn::GetAZs`. What needs the account
/// (`Fn::ImportValue`, SSM parameter types, `{{resolve:...}}` dynamic
/// references, macros, custom resource attributes) is unresolved, with why.
struct CloudFormationIntrinsics {
    enum Value {
        case value(JSONValue)
        /// `Ref: AWS::NoValue`: the property is removed.
        case noValue
        case unresolved(String)
    }

    let resources: [String: JSONValue]
    let parameters: [String: JSONValue]
    let mappings: JSONValue?
    let conditions: JSONValue?
    let region: String
    let accountId: String
    let partition = "aws"
    let urlSuffix = "amazonaws.com"
    /// Why each parameter that cannot be read from the template has no value.
    private var unresolvedParameters: [String: String] = [:]

    init(template: JSONValue, given: [String: String], region: String, accountId: String) {
        var resources: [String: JSONValue] = [:]
        for (logicalId, resource) in template["Resources"]?.objectMembers ?? [] { resources[logicalId] = resource }
        self.resources = resources
        var parameters: [String: JSONValue] = [:]
        var unresolvedParameters: [String: String] = [:]
        for (name, declaration) in template["Parameters"]?.objectMembers ?? [] {
            let type = declaration["Type"]?.stringValue ?? "String"
            if type.hasPrefix("AWS::SSM::Parameter::Value") {
                unresolvedParameters[name] = "parameter \(name) is read from SSM Parameter Store at deploy time"
                continue
            }
            guard let text = given[name] ?? Self.text(declaration["Default"]) else {
                unresolvedParameters[name] = "parameter \(name) has no default: give its value"
                continue
            }
            let isList = type.hasPrefix("List<") || type == "CommaDelimitedList"
            parameters[name] = isList ? .array(text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }) : .string(text)
        }
        self.parameters = parameters
        self.unresolvedParameters = unresolvedParameters
        mappings = template["Mappings"]
        conditions = template["Conditions"]
        self.region = region
        self.accountId = accountId
    }

    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case let .string(text)?: return text
        case let .number(number)?: return JSONWriter.format(number)
        case let .bool(flag)?: return flag ? "true" : "false"
        case let .array(items)?: return items.compactMap { text($0) }.joined(separator: ",")
        default: return nil
        }
    }

    // MARK: Identities of resources

    /// What `Ref` to a resource gives, as the snapshot names it: its id or ARN
    /// (`cfn:<LogicalId>` until deployed), or its name where Ref gives a name that is set.
    func reference(_ logicalId: String) -> Value {
        guard let resource = resources[logicalId] else { return .unresolved("Ref to \(logicalId), which is not in the template") }
        let type = resource["Type"]?.stringValue ?? ""
        if type.hasPrefix("Custom::") || type == "AWS::CloudFormation::CustomResource" {
            return .unresolved("\(logicalId) is a custom resource: its values exist only after deploy")
        }
        if let nameProperty = Self.nameReturnedByRef[type] {
            return .value(.string(name(logicalId, property: nameProperty)))
        }
        return .value(.string(Self.standIn(logicalId)))
    }

    static func standIn(_ logicalId: String) -> String { StandInID.cloudFormation + logicalId }

    /// Types whose `Ref` returns their name, and the property that sets it.
    static let nameReturnedByRef: [String: String] = [
        "AWS::IAM::Role": "RoleName", "AWS::IAM::InstanceProfile": "InstanceProfileName",
        "AWS::Logs::LogGroup": "LogGroupName", "AWS::ECR::Repository": "RepositoryName",
        "AWS::SSM::Parameter": "Name", "AWS::ECS::Cluster": "ClusterName",
    ]

    /// A resource's name: the property when the template sets it to a string,
    /// else a stand-in (CloudFormation generates one at deploy).
    func name(_ logicalId: String, property: String) -> String {
        if let value = resources[logicalId]?["Properties"]?[property], case let .value(.string(name)) = evaluateQuietly(value) {
            return name
        }
        return "cfn-" + logicalId
    }

    private func evaluateQuietly(_ value: JSONValue) -> Value {
        var copy = self
        return copy.evaluate(value)
    }

    func attribute(_ logicalId: String, _ attribute: String) -> Value {
        guard let resource = resources[logicalId] else { return .unresolved("Fn::GetAtt of \(logicalId), which is not in the template") }
        let type = resource["Type"]?.stringValue ?? ""
        if type.hasPrefix("Custom::") || type == "AWS::CloudFormation::CustomResource" || type == "AWS::CloudFormation::Stack" {
            return .unresolved("\(logicalId).\(attribute) is an output of \(type), known only after deploy")
        }
        let properties = resource["Properties"]
        switch (type, attribute) {
        case ("AWS::EC2::VPC", "CidrBlock"):
            return properties?["CidrBlock"].map { evaluateQuietly($0) } ?? .unresolved("the VPC's CIDR comes from IPAM")
        case ("AWS::EC2::SecurityGroup", "GroupId"), ("AWS::EC2::Subnet", "SubnetId"), ("AWS::EC2::VPCEndpoint", "Id"),
             ("AWS::EC2::NatGateway", "NatGatewayId"), ("AWS::EC2::InternetGateway", "InternetGatewayId"),
             ("AWS::EC2::RouteTable", "RouteTableId"), ("AWS::EC2::VPC", "VpcId"), ("AWS::ElasticLoadBalancingV2::LoadBalancer", "LoadBalancerArn"),
             ("AWS::ElasticLoadBalancingV2::TargetGroup", "TargetGroupArn"), ("AWS::ElasticLoadBalancingV2::Listener", "ListenerArn"),
             ("AWS::ECS::TaskDefinition", "TaskDefinitionArn"), ("AWS::ECS::Service", "ServiceArn"), ("AWS::EFS::FileSystem", "FileSystemId"):
            return .value(.string(Self.standIn(logicalId)))
        case ("AWS::IAM::Role", "Arn"), ("AWS::ECS::Cluster", "Arn"), ("AWS::IAM::InstanceProfile", "Arn"):
            // The ARN is how task definitions and services name these; the stand-in keeps them joined.
            return .value(.string(Self.standIn(logicalId)))
        case ("AWS::ECR::Repository", "Arn"):
            return .value(.string("arn:\(partition):ecr:\(region):\(accountId):repository/\(name(logicalId, property: "RepositoryName"))"))
        case ("AWS::ECR::Repository", "RepositoryUri"):
            return .value(.string("\(accountId).dkr.ecr.\(region).\(urlSuffix)/\(name(logicalId, property: "RepositoryName"))"))
        case ("AWS::Logs::LogGroup", "Arn"):
            return .value(.string("arn:\(partition):logs:\(region):\(accountId):log-group:\(name(logicalId, property: "LogGroupName")):*"))
        case ("AWS::SecretsManager::Secret", "Id"):
            return reference(logicalId)
        default:
            return .value(.string("\(Self.standIn(logicalId)).\(attribute)"))
        }
    }

    // MARK: Evaluation

    /// Deeper than any template nests functions; bounds hostile input.
    private static let maximumDepth = 64

    mutating func evaluate(_ value: JSONValue, depth: Int = 0) -> Value {
        guard depth < Self.maximumDepth else { return .unresolved("functions nested too deeply") }
        switch value {
        case let .string(text):
            if text.contains("{{resolve:") { return .unresolved("a dynamic reference (\(text.prefix(60))) is read at deploy time") }
            return .value(value)
        case let .array(items):
            var result: [JSONValue] = []
            for item in items {
                switch evaluate(item, depth: depth + 1) {
                case let .value(evaluated): result.append(evaluated)
                case .noValue: continue
                case let .unresolved(why): return .unresolved(why)
                }
            }
            return .value(.array(result))
        case let .object(members):
            if members.count == 1, let function = members.first, function.key == "Ref" || function.key.hasPrefix("Fn::") || function.key == "Condition" {
                return call(function.key, function.value, depth: depth + 1)
            }
            var result: [(key: String, value: JSONValue)] = []
            for member in members {
                switch evaluate(member.value, depth: depth + 1) {
                case let .value(evaluated): result.append((member.key, evaluated))
                case .noValue: continue
                case let .unresolved(why): return .unresolved(why)
                }
            }
            return .value(.object(result))
        default:
            return .value(value)
        }
    }

    private mutating func call(_ function: String, _ argument: JSONValue, depth: Int) -> Value {
        func strings(_ value: Value) -> [String]? {
            guard case let .value(.array(items)) = value else { return nil }
            let texts = items.compactMap(Self.text)
            return texts.count == items.count ? texts : nil
        }
        switch function {
        case "Ref":
            guard let name = argument.stringValue else { return .unresolved("Ref of a non-string") }
            return ref(name)
        case "Fn::GetAtt":
            let parts: [String]
            if let text = argument.stringValue {
                parts = text.split(separator: ".", maxSplits: 1).map(String.init)
            } else if case let .value(.array(items)) = evaluate(argument, depth: depth) {
                parts = items.compactMap(\.stringValue)
            } else {
                return .unresolved("Fn::GetAtt with an argument that does not evaluate")
            }
            guard parts.count == 2 else { return .unresolved("Fn::GetAtt needs a logical id and an attribute") }
            return attribute(parts[0], parts[1])
        case "Fn::Sub":
            return substitute(argument, depth: depth)
        case "Fn::Join":
            guard let items = argument.arrayValue, items.count == 2, let delimiter = items[0].stringValue else { return .unresolved("malformed Fn::Join") }
            let list = evaluate(items[1], depth: depth)
            if case .unresolved = list { return list }
            guard let parts = strings(list) else { return .unresolved("Fn::Join of a list that is not all strings") }
            return .value(.string(parts.joined(separator: delimiter)))
        case "Fn::Select":
            guard let items = argument.arrayValue, items.count == 2 else { return .unresolved("malformed Fn::Select") }
            let index = evaluate(items[0], depth: depth)
            let list = evaluate(items[1], depth: depth)
            if case .unresolved = list { return list }
            guard case let .value(indexValue) = index, let position = Self.text(indexValue).flatMap({ Int($0) }),
                  case let .value(.array(elements)) = list, elements.indices.contains(position) else { return .unresolved("Fn::Select out of range") }
            return .value(elements[position])
        case "Fn::Split":
            guard let items = argument.arrayValue, items.count == 2, let delimiter = items[0].stringValue, !delimiter.isEmpty else {
                return .unresolved("malformed Fn::Split")
            }
            let source = evaluate(items[1], depth: depth)
            guard case let .value(.string(text)) = source else { return source.isUnresolved ? source : .unresolved("Fn::Split of a non-string") }
            return .value(.array(text.components(separatedBy: delimiter).map(JSONValue.string)))
        case "Fn::FindInMap":
            guard case let .value(.array(keys)) = evaluate(argument, depth: depth), keys.count >= 3,
                  let map = keys[0].stringValue, let top = Self.text(keys[1]), let second = Self.text(keys[2]) else {
                return .unresolved("Fn::FindInMap with keys that do not evaluate")
            }
            guard let found = mappings?[map]?[top]?[second] else { return .unresolved("Fn::FindInMap: no \(map).\(top).\(second)") }
            return .value(found)
        case "Fn::If":
            guard let items = argument.arrayValue, items.count == 3, let name = items[0].stringValue else { return .unresolved("malformed Fn::If") }
            switch condition(name, depth: depth) {
            case true?: return evaluate(items[1], depth: depth)
            case false?: return evaluate(items[2], depth: depth)
            case nil: return .unresolved("condition \(name) depends on values known only at deploy")
            }
        case "Fn::Base64":
            return evaluate(argument, depth: depth)
        case "Fn::GetAZs":
            // The region's zones are not in the template: placeholders in the region's naming shape.
            return .value(.array((0..<3).map { .string("\(region)-unknown-az-\($0)") }))
        case "Fn::Cidr":
            guard case let .value(.array(items)) = evaluate(argument, depth: depth), items.count == 3,
                  let block = items[0].stringValue, let count = Self.text(items[1]).flatMap({ Int($0) }),
                  let bits = Self.text(items[2]).flatMap({ Int($0) }), let blocks = Self.cidrs(block, count: count, hostBits: bits) else {
                return .unresolved("Fn::Cidr with arguments that do not evaluate")
            }
            return .value(.array(blocks.map(JSONValue.string)))
        case "Fn::ImportValue":
            return .unresolved("Fn::ImportValue reads another stack's export (`aws cloudformation list-exports`)")
        case "Condition":
            guard let name = argument.stringValue, let holds = condition(name, depth: depth) else { return .unresolved("condition unknown before deploy") }
            return .value(.bool(holds))
        default:
            return .unresolved("\(function) is expanded by a transform at deploy time")
        }
    }

    private mutating func ref(_ name: String) -> Value {
        switch name {
        case "AWS::Region": return .value(.string(region))
        case "AWS::AccountId": return .value(.string(accountId))
        case "AWS::Partition": return .value(.string(partition))
        case "AWS::URLSuffix": return .value(.string(urlSuffix))
        case "AWS::NoValue": return .noValue
        case "AWS::StackName": return .value(.string("cfn-stack"))
        case "AWS::StackId": return .value(.string("cfn:stack"))
        case "AWS::NotificationARNs": return .value(.array([]))
        default: break
        }
        if let value = parameters[name] { return .value(value) }
        if let why = unresolvedParameters[name] { return .unresolved(why) }
        return reference(name)
    }

    /// `Fn::Sub`: `${Name}`, `${Resource.Attribute}`, `${!Literal}`, with an optional variable map.
    private mutating func substitute(_ argument: JSONValue, depth: Int) -> Value {
        var template: String
        var variables: [String: JSONValue] = [:]
        if let text = argument.stringValue {
            template = text
        } else if let items = argument.arrayValue, items.count == 2, let text = items[0].stringValue {
            template = text
            for (name, value) in items[1].objectMembers ?? [] {
                switch evaluate(value, depth: depth) {
                case let .value(evaluated): variables[name] = evaluated
                case let .unresolved(why): return .unresolved(why)
                case .noValue: continue
                }
            }
        } else {
            return .unresolved("malformed Fn::Sub")
        }
        if template.contains("{{resolve:") { return .unresolved("a dynamic reference is read at deploy time") }
        var output = ""
        while let start = template.range(of: "${") {
            output += template[..<start.lowerBound]
            guard let end = template[start.upperBound...].firstIndex(of: "}") else { break }
            let name = String(template[start.upperBound..<end])
            template = String(template[template.index(after: end)...])
            if name.hasPrefix("!") {
                output += "${" + name.dropFirst() + "}"
                continue
            }
            let value: Value
            if let variable = variables[name] {
                value = .value(variable)
            } else if name.contains("."), !name.hasPrefix("AWS::") {
                let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
                value = attribute(parts[0], parts[1])
            } else {
                value = ref(name)
            }
            switch value {
            case let .value(evaluated):
                guard let text = Self.text(evaluated) else { return .unresolved("Fn::Sub of \(name), not a string") }
                output += text
            case .noValue: continue
            case let .unresolved(why): return .unresolved(why)
            }
        }
        return .value(.string(output + template))
    }

    /// A named condition: true, false, or nil when it depends on something unknown.
    mutating func condition(_ name: String, depth: Int = 0) -> Bool? {
        guard let definition = conditions?[name], depth < Self.maximumDepth else { return nil }
        return conditionValue(definition, depth: depth + 1)
    }

    private mutating func conditionValue(_ value: JSONValue, depth: Int) -> Bool? {
        guard depth < Self.maximumDepth else { return nil }
        if case let .bool(flag) = value { return flag }
        guard let members = value.objectMembers, members.count == 1, let function = members.first else { return nil }
        switch function.key {
        case "Fn::Equals":
            guard let items = function.value.arrayValue, items.count == 2,
                  case let .value(left) = evaluate(items[0], depth: depth), case let .value(right) = evaluate(items[1], depth: depth) else { return nil }
            return Self.text(left) == Self.text(right)
        case "Fn::And", "Fn::Or":
            guard let items = function.value.arrayValue else { return nil }
            let values = items.map { conditionValue($0, depth: depth + 1) }
            if function.key == "Fn::And" {
                if values.contains(false) { return false }
                return values.contains(nil) ? nil : true
            }
            if values.contains(true) { return true }
            return values.contains(nil) ? nil : false
        case "Fn::Not":
            guard let item = function.value.arrayValue?.first, let inner = conditionValue(item, depth: depth + 1) else { return nil }
            return !inner
        case "Condition":
            guard let name = function.value.stringValue else { return nil }
            return condition(name, depth: depth + 1)
        default:
            return nil
        }
    }

    /// `Fn::Cidr`: `count` consecutive blocks of 2^`hostBits` addresses from the start of an IPv4 `block`.
    static func cidrs(_ block: String, count: Int, hostBits: Int) -> [String]? {
        let parts = block.split(separator: "/")
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix), (0...32).contains(hostBits), 32 - hostBits >= prefix,
              (1...256).contains(count) else { return nil }
        let octets = parts[0].split(separator: ".").compactMap { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 < 256 }) else { return nil }
        let base = octets.reduce(UInt32(0)) { $0 << 8 | $1 }
        let size = UInt64(1) << UInt64(hostBits)
        guard UInt64(count) * size <= UInt64(1) << UInt64(32 - prefix) else { return nil }
        return (0..<count).map { position in
            let address = UInt32(truncatingIfNeeded: UInt64(base) + UInt64(position) * size)
            return "\(address >> 24).\(address >> 16 & 255).\(address >> 8 & 255).\(address & 255)/\(32 - hostBits)"
        }
    }
}

extension CloudFormationIntrinsics.Value {
    var isUnresolved: Bool {
        if case .unresolved = self { return true }
        return false
    }
}
