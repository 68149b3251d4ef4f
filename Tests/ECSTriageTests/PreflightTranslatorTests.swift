import Foundation
import Testing
@testable import ECSTriage

/// The translators on small hand-made documents: recognition, reference
/// resolution, defaults, deletions, intrinsics, inferred container definitions.
struct PreflightTranslatorTests {
    static func json(_ text: String) -> JSONValue { try! JSONParser.parse(Array(text.utf8)) }

    /// A plan of `changes` (resource_changes elements) and `configuration` (the root module).
    static func plan(_ changes: String, configuration: String = #"{"resources": []}"#, prior: String? = nil) -> JSONValue {
        let priorState = prior.map { #", "prior_state": {"format_version": "1.0", "values": {"root_module": \#($0)}}"# } ?? ""
        return json(#"""
        {"format_version": "1.2", "terraform_version": "1.11.4", "unknown_future_key": {"x": 1},
         "resource_changes": [\#(changes)],
         "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}},
                           "root_module": \#(configuration)}\#(priorState)}
        """#)
    }

    /// A created resource: its after values and which of them are unknown.
    static func created(_ address: String, after: String = "{}", unknown: String = #"{"id": true}"#, module: String? = nil,
                        index: String? = nil, actions: String = #"["create"]"#) -> String {
        let parts = address.split(separator: ".").suffix(2)
        let type = String(parts.first!)
        let name = String(parts.last!.split(separator: "[").first!)
        let moduleField = module.map { #""module_address": "\#($0)", "# } ?? ""
        let indexField = index.map { #""index": \#($0), "# } ?? ""
        return #"{"address": "\#(address.replacingOccurrences(of: "\"", with: "\\\""))", \#(moduleField)\#(indexField)"mode": "managed", "type": "\#(type)", "name": "\#(name)", "change": {"actions": \#(actions), "after": \#(after), "after_unknown": \#(unknown)}}"#
    }

    static func translate(_ document: JSONValue) throws -> PreflightTranslation {
        try PreflightTranslator.translate(document)
    }

    static func section(_ translation: PreflightTranslation, _ key: String) -> [JSONValue] {
        translation.snapshot[key]?.arrayValue ?? []
    }

    // MARK: Recognition and versions

    @Test func recognisesDocumentsByTheirKeys() {
        #expect(PreflightDocumentKind.recognize(Self.json(#"{"format_version": "1.2", "planned_values": {}}"#)) == .terraformPlan)
        #expect(PreflightDocumentKind.recognize(Self.json(#"{"format_version": "1.0", "resource_changes": []}"#)) == .terraformPlan)
        #expect(PreflightDocumentKind.recognize(Self.json(#"{"format_version": "1.0", "terraform_version": "1.11.4", "values": {}}"#)) == .terraformState)
        #expect(PreflightDocumentKind.recognize(Self.json(#"{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC"}}}"#)) == .cloudFormationTemplate)
        #expect(PreflightDocumentKind.recognize(Self.json(#"{"Resources": {"Thing": {"Type": "Custom::Thing"}}}"#)) == nil)
        #expect(PreflightDocumentKind.recognize(Self.json(#"{"Subnets": []}"#)) == nil)
        #expect(PreflightDocumentKind.recognize(Self.json(#"{"format_version": "1.0"}"#)) == nil)
        #expect(PreflightDocumentKind.recognize(Self.json("[]")) == nil)
    }

    @Test func rejectsAnUnknownMajorFormatVersionNamingThePointer() {
        #expect(throws: PreflightError.unsupportedFormatVersion(pointer: "/format_version", found: "\"2.0\"")) {
            try PreflightTranslator.translate(Self.json(#"{"format_version": "2.0", "resource_changes": []}"#))
        }
        let message = PreflightError.unsupportedFormatVersion(pointer: "/format_version", found: "\"2.0\"").message
        #expect(message.hasPrefix("/format_version: ") && message.contains("1.x"))
        #expect(throws: PreflightError.notAPreflightDocument) { try PreflightTranslator.translate(Self.json(#"{"Subnets": []}"#)) }
    }

    @Test func saysHowToConvertYAMLTemplates() {
        #expect(PreflightDocumentKind.looksLikeYAMLTemplate("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n"))
        #expect(PreflightDocumentKind.looksLikeYAMLTemplate("Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Ref Cidr\n"))
        #expect(!PreflightDocumentKind.looksLikeYAMLTemplate("ResourceInitializationError: unable to pull secrets or registry auth"))
        #expect(PreflightError.yamlTemplate.message.contains("cfn-flip") && PreflightError.yamlTemplate.message.contains("rain fmt --json"))
    }

    // MARK: Identities and references

    @Test func standInsAreAddressesAndKnownIdsStay() throws {
        let translation = try Self.translate(Self.plan([
            Self.created("aws_vpc.main", after: #"{"cidr_block": "10.0.0.0/16"}"#),
            Self.created("aws_subnet.existing", after: #"{"id": "subnet-0abc", "vpc_id": "vpc-0def", "cidr_block": "10.0.1.0/24"}"#, unknown: "{}", actions: #"["no-op"]"#),
        ].joined(separator: ",")))
        let subnets = Self.section(translation, "Subnets")
        #expect(subnets.first?["SubnetId"] == .string("subnet-0abc") && subnets.first?["VpcId"] == .string("vpc-0def"))
        #expect(Self.section(translation, "Vpcs").first?["VpcId"] == .string("tf:aws_vpc.main"))
        #expect(translation.origins.contains(PreflightOrigin(id: "tf:aws_vpc.main", resourceType: "aws_vpc", address: "aws_vpc.main",
                                                            constructPath: nil, pointer: "/resource_changes/0/change/after")))
        #expect(translation.snapshot["region"] == .string("eu-west-1"))
    }

    @Test func countIndexPinsTheInstanceWithTheSameIndex() throws {
        let configuration = #"""
        {"resources": [
          {"address": "aws_subnet.private", "mode": "managed", "type": "aws_subnet", "name": "private", "count_expression": {"constant_value": 2}, "expressions": {}},
          {"address": "aws_route_table.private", "mode": "managed", "type": "aws_route_table", "name": "private", "expressions": {}},
          {"address": "aws_route_table_association.private", "mode": "managed", "type": "aws_route_table_association", "name": "private",
           "count_expression": {"constant_value": 2},
           "expressions": {"subnet_id": {"references": ["aws_subnet.private", "count.index"]},
                           "route_table_id": {"references": ["aws_route_table.private.id", "aws_route_table.private"]}}}]}
        """#
        let translation = try Self.translate(Self.plan([
            Self.created("aws_subnet.private[0]", index: "0"), Self.created("aws_subnet.private[1]", index: "1"),
            Self.created("aws_route_table.private"),
            Self.created("aws_route_table_association.private[0]", unknown: #"{"id": true, "subnet_id": true, "route_table_id": true}"#, index: "0"),
            Self.created("aws_route_table_association.private[1]", unknown: #"{"id": true, "subnet_id": true, "route_table_id": true}"#, index: "1"),
        ].joined(separator: ","), configuration: configuration))
        let table = Self.section(translation, "RouteTables").first
        #expect(table?["Associations"]?.arrayValue?.compactMap { $0["SubnetId"]?.stringValue } == ["tf:aws_subnet.private[0]", "tf:aws_subnet.private[1]"])
        #expect(translation.unresolved.isEmpty)
    }

    @Test func eachValueOverAResourcePinsTheInstanceWithTheSameKey() throws {
        let configuration = #"""
        {"resources": [
          {"address": "aws_subnet.public", "mode": "managed", "type": "aws_subnet", "name": "public", "for_each_expression": {"constant_value": {"a": 0, "b": 1}}, "expressions": {}},
          {"address": "aws_route_table.public", "mode": "managed", "type": "aws_route_table", "name": "public", "expressions": {}},
          {"address": "aws_route_table_association.public", "mode": "managed", "type": "aws_route_table_association", "name": "public",
           "for_each_expression": {"references": ["aws_subnet.public"]},
           "expressions": {"subnet_id": {"references": ["each.value.id", "each.value"]}, "route_table_id": {"references": ["aws_route_table.public.id", "aws_route_table.public"]}}}]}
        """#
        let unknown = #"{"id": true, "subnet_id": true, "route_table_id": true}"#
        let translation = try Self.translate(Self.plan([
            Self.created(#"aws_subnet.public["a"]"#, index: #""a""#), Self.created(#"aws_subnet.public["b"]"#, index: #""b""#),
            Self.created("aws_route_table.public"),
            Self.created(#"aws_route_table_association.public["b"]"#, unknown: unknown, index: #""b""#),
        ].joined(separator: ","), configuration: configuration))
        let associations = Self.section(translation, "RouteTables").first?["Associations"]?.arrayValue ?? []
        #expect(associations.compactMap { $0["SubnetId"]?.stringValue } == [#"tf:aws_subnet.public["b"]"#])
    }

    /// A module whose output is its subnets, called by a root resource through `module.network.subnet_ids`,
    /// and whose subnets take the VPC id from a module input.
    static let moduleConfiguration = #"""
    {"resources": [
       {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "expressions": {}},
       {"address": "aws_ecs_service.web", "mode": "managed", "type": "aws_ecs_service", "name": "web",
        "expressions": {"network_configuration": [{"subnets": {"references": ["module.network.subnet_ids", "module.network"]}}]}}],
     "module_calls": {"network": {"source": "./network",
        "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}},
        "module": {"resources": [
          {"address": "aws_subnet.this", "mode": "managed", "type": "aws_subnet", "name": "this", "count_expression": {"constant_value": 2},
           "expressions": {"vpc_id": {"references": ["var.vpc_id"]}}}],
          "outputs": {"subnet_ids": {"expression": {"references": ["aws_subnet.this"]}}}}}}}
    """#

    @Test func moduleOutputsAndInputsAreFollowed() throws {
        let translation = try Self.translate(Self.plan([
            Self.created("aws_vpc.main"),
            Self.created("module.network.aws_subnet.this[0]", unknown: #"{"id": true, "vpc_id": true}"#, module: "module.network", index: "0"),
            Self.created("module.network.aws_subnet.this[1]", unknown: #"{"id": true, "vpc_id": true}"#, module: "module.network", index: "1"),
            Self.created("aws_ecs_service.web", after: #"{"name": "web", "network_configuration": [{"assign_public_ip": false}]}"#,
                         unknown: #"{"id": true, "network_configuration": [{"subnets": true, "security_groups": true}]}"#),
        ].joined(separator: ","), configuration: Self.moduleConfiguration))
        #expect(Self.section(translation, "Subnets").map { $0["VpcId"] } == [.string("tf:aws_vpc.main"), .string("tf:aws_vpc.main")])
        let awsvpc = Self.section(translation, "services").first?["networkConfiguration"]?["awsvpcConfiguration"]
        #expect(awsvpc?["subnets"] == .array([.string("tf:module.network.aws_subnet.this[0]"), .string("tf:module.network.aws_subnet.this[1]")]))
        #expect(awsvpc?["assignPublicIp"] == .string("DISABLED"))
        // Security groups were not written in the block: computed, not a link.
        #expect(awsvpc?["securityGroups"] == .array([]))
        #expect(translation.unresolved.isEmpty, "\(translation.unresolved)")
    }

    @Test func dataSourcesInThePriorStateGiveRealIds() throws {
        let configuration = #"""
        {"resources": [
          {"address": "data.aws_vpc.shared", "mode": "data", "type": "aws_vpc", "name": "shared", "expressions": {}},
          {"address": "aws_subnet.app", "mode": "managed", "type": "aws_subnet", "name": "app", "expressions": {"vpc_id": {"references": ["data.aws_vpc.shared.id", "data.aws_vpc.shared"]}}}]}
        """#
        let prior = #"{"resources": [{"address": "data.aws_vpc.shared", "mode": "data", "type": "aws_vpc", "name": "shared", "values": {"id": "vpc-0shared", "cidr_block": "10.9.0.0/16", "enable_dns_hostnames": true, "enable_dns_support": true, "arn": "arn:aws:ec2:eu-west-1:444455556666:vpc/vpc-0shared"}}]}"#
        let translation = try Self.translate(Self.plan(Self.created("aws_subnet.app", unknown: #"{"id": true, "vpc_id": true}"#),
                                                       configuration: configuration, prior: prior))
        #expect(Self.section(translation, "Subnets").first?["VpcId"] == .string("vpc-0shared"))
        // An existing VPC: no implicit main table or default ACL stand-ins (collect has the real ones).
        #expect(Self.section(translation, "RouteTables").isEmpty && Self.section(translation, "NetworkAcls").isEmpty)
        #expect(translation.snapshot["accountId"] == .string("444455556666"))
    }

    @Test func ambiguousLinksAndLocalsAreUnresolvedNeverGuessed() throws {
        let configuration = #"""
        {"resources": [
          {"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a", "expressions": {}},
          {"address": "aws_vpc.b", "mode": "managed", "type": "aws_vpc", "name": "b", "expressions": {}},
          {"address": "aws_subnet.either", "mode": "managed", "type": "aws_subnet", "name": "either",
           "expressions": {"vpc_id": {"references": ["aws_vpc.a.id", "aws_vpc.a", "aws_vpc.b.id", "aws_vpc.b", "var.use_b"]}}},
          {"address": "aws_subnet.local", "mode": "managed", "type": "aws_subnet", "name": "local", "expressions": {"vpc_id": {"references": ["local.vpc_id"]}}}]}
        """#
        let unknown = #"{"id": true, "vpc_id": true}"#
        let translation = try Self.translate(Self.plan([
            Self.created("aws_vpc.a"), Self.created("aws_vpc.b"),
            Self.created("aws_subnet.either", unknown: unknown), Self.created("aws_subnet.local", unknown: unknown),
        ].joined(separator: ","), configuration: configuration))
        #expect(Self.section(translation, "Subnets").map { $0["VpcId"] } == [
            .string("tf-unresolved:aws_subnet.either.vpc_id"), .string("tf-unresolved:aws_subnet.local.vpc_id"),
        ])
        #expect(translation.unresolved.map(\.resource) == ["aws_subnet.either", "aws_subnet.local"])
        #expect(translation.unresolved[0].reason.contains("aws_vpc.a, aws_vpc.b"))
        #expect(translation.unresolved[1].reason.contains("local.vpc_id"))
    }

    @Test func dynamicBlocksLeaveTheirLinksUnresolved() throws {
        let configuration = #"{"resources": [{"address": "aws_ecs_service.web", "mode": "managed", "type": "aws_ecs_service", "name": "web", "expressions": {"name": {"constant_value": "web"}}}]}"#
        let translation = try Self.translate(Self.plan(
            Self.created("aws_ecs_service.web", after: #"{"name": "web", "network_configuration": [{"assign_public_ip": false}], "load_balancer": [{"container_name": "web", "container_port": 80}]}"#,
                         unknown: #"{"id": true, "network_configuration": [{"subnets": true, "security_groups": true}], "load_balancer": [{"target_group_arn": true}]}"#),
            configuration: configuration))
        let service = Self.section(translation, "services").first
        #expect(service?["networkConfiguration"]?["awsvpcConfiguration"]?["subnets"] == .array([.string("tf-unresolved:aws_ecs_service.web.network_configuration[0].subnets")]))
        // An unpinned target group is left out, so no rule reports it missing.
        #expect(service?["loadBalancers"] == .array([.object([("containerName", .string("web")), ("containerPort", .number(80))])]))
        #expect(Set(translation.unresolved.map(\.attribute)) == ["network_configuration[0].subnets", "network_configuration[0].security_groups",
                                                                 "load_balancer[0].target_group_arn"])
    }

    // MARK: Deletions

    @Test func deletedResourcesAreGoneAndReplacementsStay() throws {
        let translation = try Self.translate(Self.plan([
            Self.created("aws_nat_gateway.old", after: "null", unknown: "{}", actions: #"["delete"]"#),
            Self.created("aws_nat_gateway.new", after: #"{"subnet_id": "subnet-0a"}"#, actions: #"["delete", "create"]"#),
            Self.created("aws_route.internet", after: #"{"route_table_id": "rtb-0a", "destination_cidr_block": "0.0.0.0/0", "nat_gateway_id": "nat-0old"}"#,
                         unknown: "{}", actions: #"["delete"]"#),
        ].joined(separator: ",")))
        #expect(Self.section(translation, "NatGateways").map { $0["NatGatewayId"] } == [.string("tf:aws_nat_gateway.new")])
        #expect(Self.section(translation, "RouteTables").isEmpty)
    }

    // MARK: Defaults

    @Test func terraformDefaultsDecideWhatTheConfigurationLeavesUnset() throws {
        let configuration = #"""
        {"resources": [
          {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "expressions": {"cidr_block": {"constant_value": "10.0.0.0/16"}}},
          {"address": "aws_security_group.task", "mode": "managed", "type": "aws_security_group", "name": "task", "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}},
          {"address": "aws_vpc_endpoint.ecr", "mode": "managed", "type": "aws_vpc_endpoint", "name": "ecr",
           "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}, "service_name": {"constant_value": "com.amazonaws.eu-west-1.ecr.api"},
                           "vpc_endpoint_type": {"constant_value": "Interface"}}},
          {"address": "aws_lb_target_group.web", "mode": "managed", "type": "aws_lb_target_group", "name": "web", "expressions": {}},
          {"address": "aws_ecs_task_definition.web", "mode": "managed", "type": "aws_ecs_task_definition", "name": "web", "expressions": {}}]}
        """#
        let translation = try Self.translate(Self.plan([
            Self.created("aws_vpc.main", after: #"{"cidr_block": "10.0.0.0/16"}"#,
                         unknown: #"{"id": true, "enable_dns_hostnames": true, "main_route_table_id": true, "default_network_acl_id": true, "default_security_group_id": true}"#),
            Self.created("aws_security_group.task", after: #"{"name": "task"}"#, unknown: #"{"id": true, "vpc_id": true, "egress": true, "ingress": true}"#),
            Self.created("aws_vpc_endpoint.ecr", after: #"{"service_name": "com.amazonaws.eu-west-1.ecr.api", "vpc_endpoint_type": "Interface"}"#,
                         unknown: #"{"id": true, "vpc_id": true, "private_dns_enabled": true, "security_group_ids": true, "subnet_ids": true, "route_table_ids": true, "policy": true}"#),
            Self.created("aws_lb_target_group.web", after: #"{"name": "web", "port": 80, "protocol": "HTTP"}"#, unknown: #"{"id": true, "arn": true, "target_type": true}"#),
            Self.created("aws_ecs_task_definition.web", after: #"{"family": "web", "container_definitions": "[{\"name\":\"web\",\"image\":\"nginx:1.27\",\"essential\":true}]"}"#,
                         unknown: #"{"arn": true, "network_mode": true}"#),
        ].joined(separator: ","), configuration: configuration))
        let attributes = Self.section(translation, "VpcAttributes").first
        #expect(attributes?["EnableDnsHostnames"]?["Value"] == .bool(false) && attributes?["EnableDnsSupport"]?["Value"] == .bool(true))
        let group = Self.section(translation, "SecurityGroups").first { $0["GroupId"] == .string("tf:aws_security_group.task") }
        #expect(group?["IpPermissionsEgress"] == .array([]), "Terraform removes the default egress")
        let endpoint = Self.section(translation, "VpcEndpoints").first
        #expect(endpoint?["PrivateDnsEnabled"] == .bool(false))
        #expect(endpoint?["Groups"] == .array([.object([("GroupId", .string("tf:aws_vpc.main.default_security_group_id"))])]), "the VPC's default group")
        #expect(endpoint?["PolicyDocument"] == nil, "full access")
        #expect(Self.section(translation, "TargetGroups").first?["TargetType"] == .string("instance"))
        #expect(Self.section(translation, "taskDefinitions").first?["networkMode"] == .string("bridge"))
        // The VPC's implicit resources: main route table with the local route, default ACL allowing all, default group.
        let main = Self.section(translation, "RouteTables").first
        #expect(main?["RouteTableId"] == .string("tf:aws_vpc.main.main_route_table_id"))
        #expect(main?["Routes"]?.arrayValue?.first?["GatewayId"] == .string("local"))
        let acl = Self.section(translation, "NetworkAcls").first
        #expect(acl?["IsDefault"] == .bool(true) && acl?["Entries"]?.arrayValue?.count == 4)
        #expect(translation.unresolved.isEmpty, "\(translation.unresolved)")
    }

    @Test func aclEntriesForAllProtocolsCarryNoPorts() {
        let entry = SnapshotDraft.aclEntry(rule: 100, protocol: "-1", allow: true, egress: true, cidr: "0.0.0.0/0", from: 0, to: 0)
        #expect(entry["PortRange"] == nil)
        let tcp = SnapshotDraft.aclEntry(rule: 110, protocol: "tcp", allow: true, egress: true, cidr: "0.0.0.0/0", from: 443, to: 443)
        #expect(tcp["Protocol"] == .string("6") && tcp["PortRange"]?["From"] == .number(443))
    }

    // MARK: Inferred container definitions

    @Test func unknownContainerDefinitionsAreInferredFromTheirReferences() throws {
        let configuration = #"""
        {"resources": [
          {"address": "aws_ecs_task_definition.app", "mode": "managed", "type": "aws_ecs_task_definition", "name": "app",
           "expressions": {"container_definitions": {"references": ["aws_ecr_repository.app.repository_url", "aws_ecr_repository.app",
                                                                    "aws_cloudwatch_log_group.app.name", "aws_cloudwatch_log_group.app",
                                                                    "aws_secretsmanager_secret.db.arn", "aws_secretsmanager_secret.db", "local.tag"]},
                           "network_mode": {"constant_value": "awsvpc"}}}]}
        """#
        let translation = try Self.translate(Self.plan([
            Self.created("aws_ecr_repository.app", after: #"{"name": "app"}"#, unknown: #"{"id": true, "repository_url": true, "arn": true}"#),
            Self.created("aws_cloudwatch_log_group.app", after: #"{"name": "/ecs/app"}"#, unknown: #"{"id": true, "arn": true}"#),
            Self.created("aws_secretsmanager_secret.db", after: #"{"name": "db"}"#, unknown: #"{"id": true, "arn": true}"#),
            Self.created("aws_ecs_task_definition.app", after: #"{"family": "app", "network_mode": "awsvpc"}"#, unknown: #"{"arn": true, "container_definitions": true}"#),
        ].joined(separator: ","), configuration: configuration))
        let container = Self.section(translation, "taskDefinitions").first?["containerDefinitions"]?.arrayValue?.first
        #expect(container?["image"] == .string("unknown-account.dkr.ecr.eu-west-1.amazonaws.com/app:unknown-until-apply"))
        #expect(container?["logConfiguration"]?["options"]?["awslogs-group"] == .string("/ecs/app"))
        #expect(container?["secrets"]?.arrayValue?.first?["valueFrom"] == .string("arn:aws:secretsmanager:eu-west-1:unknown-account:secret:db"))
        #expect(container?["essential"] == .bool(true) && container?["inferredFrom"] != nil)
        #expect(translation.inferred == [InferredContainer(taskDefinition: "aws_ecs_task_definition.app", references: [
            "aws_ecr_repository.app.repository_url", "aws_ecr_repository.app", "aws_cloudwatch_log_group.app.name", "aws_cloudwatch_log_group.app",
            "aws_secretsmanager_secret.db.arn", "aws_secretsmanager_secret.db", "local.tag",
        ])])
        #expect(translation.unresolved.first?.attribute == "container_definitions" && translation.unresolved.first?.reason.contains("local.tag") == true)
        // The dependency resolver sees a private ECR image, awslogs and a Secrets Manager secret.
        let snapshot = try SnapshotLoader.load(text: JSONWriter.write(translation.snapshot))
        let needs = Set(DependencyResolver.dependencies(of: try #require(snapshot.taskDefinitions.first), region: "eu-west-1").map(\.target))
        #expect(needs.isSuperset(of: ["ecr.api", "ecr.dkr", "s3", "logs", "secretsmanager"]), "\(needs)")
    }

    // MARK: CloudFormation

    static func template(_ resources: String, extra: String = "") -> JSONValue {
        json(#"{"AWSTemplateFormatVersion": "2010-09-09", \#(extra) "Resources": {\#(resources)}}"#)
    }

    static func evaluate(_ expression: String, template: JSONValue = json(#"{"Resources": {}}"#), parameters: [String: String] = [:]) -> CloudFormationIntrinsics.Value {
        var intrinsics = CloudFormationIntrinsics(template: template, given: parameters, region: "eu-west-1", accountId: "111122223333")
        return intrinsics.evaluate(json(expression))
    }

    static func value(_ evaluated: CloudFormationIntrinsics.Value) -> JSONValue? {
        if case let .value(value) = evaluated { return value }
        return nil
    }

    @Test func intrinsicsEvaluateWhatTheTemplateDecides() {
        let template = Self.json(#"""
        {"Parameters": {"Env": {"Type": "String", "Default": "prod"}, "Zones": {"Type": "CommaDelimitedList", "Default": "a,b"},
                        "Image": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/app/image"}},
         "Mappings": {"Sizes": {"prod": {"Cpu": "1024"}, "dev": {"Cpu": "256"}}},
         "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}, "IsDev": {"Fn::Not": [{"Condition": "IsProd"}]},
                        "Both": {"Fn::And": [{"Condition": "IsProd"}, {"Fn::Or": [{"Condition": "IsDev"}, true]}]}},
         "Resources": {"Repo": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryName": "app"}},
                       "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.1.0.0/16"}},
                       "Waiter": {"Type": "Custom::Waiter", "Properties": {}}}}
        """#)
        #expect(Self.value(Self.evaluate(#"{"Ref": "Env"}"#, template: template)) == .string("prod"))
        #expect(Self.value(Self.evaluate(#"{"Ref": "Env"}"#, template: template, parameters: ["Env": "dev"])) == .string("dev"))
        #expect(Self.value(Self.evaluate(#"{"Fn::Select": [1, {"Ref": "Zones"}]}"#, template: template)) == .string("b"))
        #expect(Self.value(Self.evaluate(#"{"Fn::Sub": "${Repo.RepositoryUri}:${Env}-${!Literal}"}"#, template: template))
                == .string("111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:prod-${Literal}"))
        #expect(Self.value(Self.evaluate(#"{"Fn::Sub": ["${Name}.${AWS::Region}", {"Name": {"Ref": "Env"}}]}"#, template: template)) == .string("prod.eu-west-1"))
        #expect(Self.value(Self.evaluate(#"{"Fn::Join": ["-", ["a", {"Ref": "AWS::AccountId"}]]}"#)) == .string("a-111122223333"))
        #expect(Self.value(Self.evaluate(#"{"Fn::Select": [3, {"Fn::Split": [":", {"Fn::GetAtt": ["Repo", "Arn"]}]}]}"#, template: template)) == .string("eu-west-1"))
        #expect(Self.value(Self.evaluate(#"{"Fn::FindInMap": ["Sizes", {"Ref": "Env"}, "Cpu"]}"#, template: template)) == .string("1024"))
        #expect(Self.value(Self.evaluate(#"{"Fn::If": ["IsDev", "small", "large"]}"#, template: template)) == .string("large"))
        #expect(Self.value(Self.evaluate(#"{"Fn::If": ["Both", "yes", "no"]}"#, template: template)) == .string("yes"))
        #expect(Self.value(Self.evaluate(#"{"Fn::Cidr": [{"Fn::GetAtt": ["Vpc", "CidrBlock"]}, 3, 8]}"#, template: template))
                == .array([.string("10.1.0.0/24"), .string("10.1.1.0/24"), .string("10.1.2.0/24")]))
        #expect(Self.value(Self.evaluate(#"{"a": {"Ref": "AWS::NoValue"}, "b": 1}"#)) == .object([("b", .number(1))]))
        #expect(Self.value(Self.evaluate(#"{"Ref": "Vpc"}"#, template: template)) == .string("cfn:Vpc"))
    }

    @Test func whatNeedsTheAccountIsUnresolvedAndNamed() {
        let template = Self.json(#"""
        {"Parameters": {"Image": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/app/image"}, "NoDefault": {"Type": "String"}},
         "Conditions": {"FromParameter": {"Fn::Equals": [{"Ref": "NoDefault"}, "x"]}},
         "Resources": {"Waiter": {"Type": "Custom::Waiter", "Properties": {}}}}
        """#)
        func why(_ expression: String) -> String? {
            if case let .unresolved(reason) = Self.evaluate(expression, template: template) { return reason }
            return nil
        }
        #expect(why(#"{"Fn::ImportValue": "network-VpcId"}"#)?.contains("list-exports") == true)
        #expect(why(#"{"Ref": "Image"}"#)?.contains("SSM Parameter Store") == true)
        #expect(why(#"{"Ref": "NoDefault"}"#)?.contains("no default") == true)
        #expect(why(#""{{resolve:secretsmanager:db:SecretString:password}}""#)?.contains("dynamic reference") == true)
        #expect(why(#"{"Fn::GetAtt": ["Waiter", "Result"]}"#)?.contains("Custom::Waiter") == true)
        #expect(why(#"{"Fn::If": ["FromParameter", 1, 2]}"#)?.contains("FromParameter") == true)
        #expect(why(#"{"Fn::ForEach::Subnets": []}"#)?.contains("transform") == true)
    }

    @Test func cloudFormationDefaultsDifferFromTerraforms() {
        let translation = CloudFormationTranslator.translate(Self.template(#"""
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
        "Open": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x", "VpcId": {"Ref": "Vpc"}}},
        "Closed": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x", "VpcId": {"Ref": "Vpc"},
                   "SecurityGroupEgress": [{"CidrIp": "255.255.255.255/32", "Description": "Disallow all traffic", "FromPort": 252, "IpProtocol": "icmp", "ToPort": 86}]}},
        "Endpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "VpcEndpointType": "Interface",
                     "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.logs"}}},
        "Group": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {"Port": 80, "Protocol": "HTTP", "VpcId": {"Ref": "Vpc"}}}
        """#, extra: #""Transform": "AWS::Serverless-2016-10-31","#), options: .init(region: "eu-west-1"))
        let groups = translation.snapshot["SecurityGroups"]?.arrayValue ?? []
        let open = groups.first { $0["GroupId"] == .string("cfn:Open") }
        #expect(open?["IpPermissionsEgress"]?.arrayValue?.first?["IpRanges"]?.arrayValue?.first?["CidrIp"] == .string("0.0.0.0/0"))
        #expect(groups.first { $0["GroupId"] == .string("cfn:Closed") }?["IpPermissionsEgress"] == .array([]))
        let endpoint = translation.snapshot["VpcEndpoints"]?.arrayValue?.first
        #expect(endpoint?["PrivateDnsEnabled"] == .bool(false) && endpoint?["ServiceName"] == .string("com.amazonaws.eu-west-1.logs"))
        #expect(endpoint?["Groups"] == .array([.object([("GroupId", .string("cfn:Vpc.DefaultSecurityGroup"))])]))
        #expect(translation.snapshot["VpcAttributes"]?.arrayValue?.first?["EnableDnsHostnames"]?["Value"] == .bool(false))
        #expect(translation.snapshot["TargetGroups"]?.arrayValue?.first?["TargetType"] == .string("instance"))
        #expect(translation.unresolved.contains { $0.attribute == "Transform" && $0.reason.contains("Processed") })
    }

    @Test func resourcesUnderAFalseConditionAreNotCreated() {
        let translation = CloudFormationTranslator.translate(Self.template(#"""
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
        "Nat": {"Type": "AWS::EC2::NatGateway", "Condition": "WithNat", "Properties": {"SubnetId": "subnet-0a"}}
        """#, extra: #""Parameters": {"Nat": {"Type": "String", "Default": "no"}}, "Conditions": {"WithNat": {"Fn::Equals": [{"Ref": "Nat"}, "yes"]}},"#),
            options: .init(region: "eu-west-1"))
        #expect(translation.snapshot["NatGateways"] == .array([]), "the VPC the template creates has no NAT gateway")
        let withNat = CloudFormationTranslator.translate(Self.template(#"""
        "Nat": {"Type": "AWS::EC2::NatGateway", "Condition": "WithNat", "Properties": {"SubnetId": "subnet-0a"}}
        """#, extra: #""Parameters": {"Nat": {"Type": "String", "Default": "no"}}, "Conditions": {"WithNat": {"Fn::Equals": [{"Ref": "Nat"}, "yes"]}},"#),
            options: .init(parameters: ["Nat": "yes"], region: "eu-west-1"))
        #expect(withNat.snapshot["NatGateways"]?.arrayValue?.count == 1)
    }

    @Test func unresolvedPropertiesBecomeNamedStandIns() {
        let translation = CloudFormationTranslator.translate(Self.template(#"""
        "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Fn::ImportValue": "network-VpcId"}, "CidrBlock": "10.0.1.0/24"}}
        """#), options: .init(region: "eu-west-1"))
        #expect(translation.snapshot["Subnets"]?.arrayValue?.first?["VpcId"] == .string("cfn-unresolved:Subnet.VpcId"))
        #expect(translation.unresolved == [UnresolvedLink(resource: "Subnet", attribute: "VpcId",
                                                          reason: "Fn::ImportValue reads another stack's export (`aws cloudformation list-exports`)",
                                                          standIn: "cfn-unresolved:Subnet.VpcId")])
        let noRegion = CloudFormationTranslator.translate(Self.template(#""Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}"#))
        #expect(noRegion.unresolved.first?.attribute == "AWS::Region")
    }
}
