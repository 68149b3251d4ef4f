@testable import ECSTriage
import ECSTriageCollect
import Testing

/// The section records are the one table of what the snapshot holds: every
/// key loads into its section, and `collect`'s operations and the records
/// name each other.
struct SectionRecordTests {
    /// The smallest document of each key: an empty list, or the object the key holds.
    static func emptyDocument(_ key: String) -> String {
        switch key {
        case "TargetHealth": return #"{"TargetHealth": {}}"#
        case "MountTargetSecurityGroups": return #"{"MountTargetSecurityGroups": {}}"#
        case "taskDefinition": return #"{"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "containerDefinitions": []}}"#
        case "Role": return #"{"Role": {"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r"}}"#
        default: return "{\"\(key)\": []}"
        }
    }

    @Test(arguments: SectionRecord.all.flatMap(\.keys))
    func everyKeyLoadsIntoItsSection(key: String) throws {
        let snapshot = try SnapshotLoader.load(text: Self.emptyDocument(key))
        let section = try #require(SnapshotSection(key: key))
        #expect(snapshot.has(section), "\(key) did not mark \(section) as present")
        #expect(snapshot.recognizedKeys == [key])
        #expect(SectionRecord.byKey[key]?.section == section)
    }

    @Test func everySectionHasOneRecordAndNoKeyIsClaimedTwice() {
        #expect(SectionRecord.all.map(\.section) == SnapshotSection.allCases)
        let keys = SectionRecord.all.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
    }

    /// A failed call must say what the snapshot lacks: every collected
    /// section is filled by an allowed operation, and every operation a record
    /// names is one `collect` may call.
    @Test func recordsAndCollectOperationsNameEachOther() {
        let allowed = Set(AWSOperation.allCases.map(\.rawValue))
        for record in SectionRecord.all {
            for operation in record.operations {
                #expect(allowed.contains(operation), "\(record.section) names \(operation), which collect cannot call")
            }
        }
        let unfilled: Set<AWSOperation> = [.stsGetCallerIdentity, .elbv2DescribeTargetGroupAttributes]
        for operation in AWSOperation.allCases where !unfilled.contains(operation) {
            #expect(!operation.keys.isEmpty, "\(operation.rawValue) fills no section")
            for key in operation.keys {
                #expect(SnapshotSection(key: key) != nil, "\(operation.rawValue) lacks \(key), which no record reads")
            }
        }
    }

    /// `analyze --cluster` hands the collected value over directly; it must
    /// read exactly as the same snapshot written to a file.
    @Test func collectedValueLoadsAsItsText() throws {
        let text = #"{"snapshotVersion": 1, "region": "us-east-1", "Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1"}], "collectErrors": [{"operation": "ec2 describe-route-tables", "arguments": [], "error": "AccessDenied", "lacks": ["RouteTables"]}]}"#
        let value = try JSONParser.parse(Array(text.utf8))
        let direct = try SnapshotLoader.load(collected: value, name: "collect")
        let parsed = try SnapshotLoader.load([InputFile(name: "collect", bytes: Array(text.utf8))])
        #expect(direct.subnets.map(\.location) == parsed.subnets.map(\.location))
        #expect(direct.sections == parsed.sections && direct.recognizedKeys == parsed.recognizedKeys)
        #expect(direct.collectErrors == parsed.collectErrors && direct.collectErrors.first?.lacks == [.routeTables])
    }
}
