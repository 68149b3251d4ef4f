import ECSTriage
import Foundation
import Testing

/// The data of issue 14: healthy stacks built the way public tools build them
/// (Fixtures/near-miss) and the scenarios of the field notes (Fixtures/field-notes).
/// Each list of known failures is Fixtures/*/BASELINE.md: when a fix makes one pass,
/// its known issue is no longer recorded and the test fails until the name leaves the list.
enum FieldFixtures {
    static let root = TestSupport.packageRoot.appendingPathComponent("Tests/ECSTriageTests/Fixtures")

    static func names(in folder: String, directories: Bool) -> [String] {
        let directory = root.appendingPathComponent(folder)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return entries.filter { entry in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: directory.appendingPathComponent(entry).path, isDirectory: &isDirectory)
            return directories ? isDirectory.boolValue : entry.hasSuffix(".json")
        }.sorted()
    }

    /// The report, and every string in its JSON form (what a phrase is searched in).
    static func report(of files: [URL]) throws -> (report: Report, text: String) {
        let inputs = try files.map { InputFile(name: $0.lastPathComponent, bytes: Array(try Data(contentsOf: $0))) }
        let report = Analyzer.analyze(try SnapshotLoader.load(inputs))
        let json = try JSONSerialization.jsonObject(with: Data(JSONReporter.render(report).utf8))
        // What an operator reads (the text report) and what automation reads (every string of the JSON).
        return (report, (strings(in: json) + [TextReporter.render(report)]).joined(separator: "\n"))
    }

    private static func strings(in value: Any) -> [String] {
        switch value {
        case let text as String: return [text]
        case let object as [String: Any]: return object.keys.sorted().flatMap { strings(in: object[$0]!) }
        case let array as [Any]: return array.flatMap(strings)
        default: return []
        }
    }
}

struct NearMissSnapshotTests {
    static let snapshots = FieldFixtures.names(in: "near-miss", directories: false)

    /// Snapshots that raise a false alarm today, with the class of issue 14 it belongs to.
    static let knownFalseAlarms: [String: String] = [:]

    @Test("a healthy stack yields no finding of severity low or above", arguments: snapshots)
    func staysQuiet(_ file: String) throws {
        let name = String(file.dropLast(".json".count))
        let (report, _) = try FieldFixtures.report(of: [FieldFixtures.root.appendingPathComponent("near-miss/\(file)")])
        let alarms = report.findings.filter { $0.severity >= .low }.map { "\($0.ruleId) (\($0.severity.rawValue)) \($0.primaryResource)" }
        if let known = Self.knownFalseAlarms[name] {
            withKnownIssue(Comment(rawValue: known)) { #expect(alarms.isEmpty, "\(name): \(alarms)") }
        } else {
            #expect(alarms.isEmpty, "\(name): \(alarms)")
        }
    }
}

struct FieldNoteScenarioTests {
    static let scenarios = FieldFixtures.names(in: "field-notes", directories: true)

    /// Scenarios not answered right today (field-notes/BASELINE.md).
    static let knownWrong: Set<String> = []

    struct Expected: Decodable {
        var expectFirst: [String]
        var expectResources: [String]
        var mustMention: [String]
        var mustNotMention: [String]
        var expectAlso: [String]
        var maxFindingsOfRule: [String: Int]?
    }

    @Test("the report answers as an operator would", arguments: scenarios)
    func answers(_ name: String) throws {
        if Self.knownWrong.contains(name) {
            withKnownIssue { try check(name) }
        } else {
            try check(name)
        }
    }

    private func check(_ name: String) throws {
        let folder = FieldFixtures.root.appendingPathComponent("field-notes/\(name)")
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        let inputs = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent != "expected.json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let (report, text) = try FieldFixtures.report(of: inputs)
        let first = try #require(report.findings.first, "\(name): no finding")
        #expect(expected.expectFirst.contains(first.ruleId), "\(name): first finding \(first.ruleId)")
        for resource in expected.expectResources {
            let wanted = resource == "subnet" ? try subnetIds(in: folder) : [resource]
            #expect(first.resources.contains { found in wanted.contains { found.id.contains($0) } }, "\(name): first finding does not name \(resource)")
        }
        for phrase in expected.mustMention {
            let mentioned = text.contains(phrase)
            #expect(mentioned, "\(name): report does not mention \(phrase)")
        }
        let rules = report.findings.map(\.ruleId)
        for phrase in expected.mustNotMention {
            let mentioned = text.contains(phrase) || rules.contains(phrase)
            #expect(!mentioned, "\(name): report mentions \(phrase)")
        }
        for rule in expected.expectAlso {
            #expect(rules.contains(rule), "\(name): no \(rule) finding")
        }
        for (rule, most) in expected.maxFindingsOfRule ?? [:] {
            #expect(rules.filter { $0 == rule }.count <= most, "\(name): more than \(most) \(rule) findings")
        }
    }

    private func subnetIds(in folder: URL) throws -> [String] {
        let data = try Data(contentsOf: folder.appendingPathComponent("describe-subnets.json"))
        let document = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (document?["Subnets"] as? [[String: Any]] ?? []).compactMap { $0["SubnetId"] as? String }
    }
}
