import Foundation
@testable import ECSTriage

enum TestSupport {
    /// The package root, found from this file.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func analyze(_ input: String, name: String = "-", ignoring: Set<String> = []) throws -> Report {
        let snapshot = try SnapshotLoader.load([InputFile(name: name, bytes: Array(input.utf8))])
        return Analyzer.analyze(snapshot, ignoring: ignoring)
    }

    /// Where two texts first differ, for failure messages that would
    /// otherwise print both in full: "line 12: ... / ...".
    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, (a, e)) in zip(actualLines, expectedLines).enumerated() where a != e {
            return "line \(number + 1): \(String(reflecting: String(a.prefix(200)))), expected \(String(reflecting: String(e.prefix(200))))"
        }
        if actualLines.count == expectedLines.count { return "equal" }
        return "\(actualLines.count) lines, expected \(expectedLines.count)"
    }

    /// Real failure messages (Fixtures/failure-messages.md says what each field means).
    static let corpusURL = packageRoot.appendingPathComponent("Tests/ECSTriageTests/Fixtures/failure-messages.jsonl")

    /// Rewrites a JSON document: every object's members reversed.
    static func reversingKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .object(members): return .object(members.reversed().map { ($0.key, reversingKeys($0.value)) })
        case let .array(items): return .array(items.map(reversingKeys))
        default: return value
        }
    }

    /// Adds an unknown member to every object that is an element of an array
    /// (the AWS resource objects), as newer CLI versions do.
    static func addingUnknownFields(_ value: JSONValue, inArray: Bool = false) -> JSONValue {
        switch value {
        case let .object(members):
            var result = members.map { ($0.key, addingUnknownFields($0.value)) }
            if inArray { result.append(("XEcsTriageUnknownField", .object([("nested", .array([.number(1)]))]))) }
            return .object(result)
        case let .array(items): return .array(items.map { addingUnknownFields($0, inArray: true) })
        default: return value
        }
    }

    /// Appends resources that belong to nothing in the example to the arrays it already has.
    static func addingUnrelatedResources(_ value: JSONValue) -> JSONValue {
        guard case let .object(members) = value else { return value }
        let unrelated: [String: String] = [
            "Subnets": #"{"SubnetId": "subnet-unrelated", "VpcId": "vpc-unrelated", "CidrBlock": "172.31.0.0/20", "AvailabilityZone": "us-east-1f"}"#,
            "RouteTables": #"{"RouteTableId": "rtb-unrelated", "VpcId": "vpc-unrelated", "Associations": [{"Main": true}], "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-unrelated", "State": "blackhole"}]}"#,
            "VpcEndpoints": #"{"VpcEndpointId": "vpce-unrelated", "VpcEndpointType": "Interface", "VpcId": "vpc-unrelated", "ServiceName": "com.amazonaws.us-east-1.ecr.api", "State": "available"}"#,
            "TargetGroups": #"{"TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/unrelated/ffffffffffffffff", "TargetType": "instance", "HealthCheckPath": "/x/"}"#,
            "RoleDetailList": #"{"RoleName": "unrelated", "Arn": "arn:aws:iam::111122223333:role/unrelated", "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}"#,
            "InternetGateways": #"{"InternetGatewayId": "igw-unrelated", "Attachments": [{"State": "available", "VpcId": "vpc-unrelated"}]}"#,
            "NatGateways": #"{"NatGatewayId": "nat-unrelated2", "SubnetId": "subnet-unrelated", "VpcId": "vpc-unrelated", "State": "failed"}"#,
        ]
        return .object(members.map { member in
            guard case let .array(items) = member.value, let extra = unrelated[member.key],
                  let parsed = try? JSONParser.parse(Array(extra.utf8)) else { return member }
            return (member.key, .array(items + [parsed]))
        })
    }
}
