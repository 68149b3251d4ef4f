import Foundation
import Testing
@testable import ECSTriage

/// The shared corpus of real failure messages, each analysed as plain text.
struct CorpusTests {
    struct Entry: Sendable, CustomTestStringConvertible {
        var id: String
        var message: String
        var expectTop1: [String]
        var category: String
        var testDescription: String { id }
    }

    static let entries: [Entry] = {
        guard let text = try? String(contentsOf: TestSupport.corpusURL(), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let value = try? JSONParser.parse(Array(line.utf8)) else { return nil }
            return Entry(id: value["id"]?.stringValue ?? "?", message: value["message"]?.stringValue ?? "",
                         expectTop1: value["expectTop1"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                         category: value["expectCategory"]?.stringValue ?? "")
        }
    }()

    /// Categories whose rules exist; the others arrive with later work.
    static let coveredCategories: Set<String> = ["network", "iam", "load-balancing", "task-definition"]

    static func topRule(_ entry: Entry) -> String? {
        (try? TestSupport.analyze(entry.message))?.findings.first?.ruleId
    }

    @Test(arguments: entries.filter { coveredCategories.contains($0.category) })
    func coveredMessageRanksAnExpectedRuleFirst(_ entry: Entry) {
        let top = Self.topRule(entry)
        #expect(top.map(entry.expectTop1.contains) == true, "\(entry.id): first finding \(top ?? "none"), expected one of \(entry.expectTop1)")
    }

    @Test func overallPassRate() {
        #expect(Self.entries.count > 0, "corpus not found")
        var misses: [String] = []
        for entry in Self.entries where !(Self.topRule(entry).map(entry.expectTop1.contains) ?? false) {
            misses.append("\(entry.id) (\(entry.category)): got \(Self.topRule(entry) ?? "none")")
        }
        let passed = Self.entries.count - misses.count
        print("corpus: \(passed)/\(Self.entries.count) messages rank an expected rule first (\(passed * 100 / max(1, Self.entries.count))%)")
        for miss in misses { print("corpus miss: \(miss)") }
    }
}
