import Foundation
import Testing
@testable import ECSTriage

/// The out-of-sample corpus (Fixtures/corpus/out-of-sample.md): failure
/// messages users reported in public threads, gathered after the patterns
/// were written and never used to tune them, each labelled from the cause
/// its thread established. Measures how the patterns generalise; the rates
/// measured when the corpus was gathered are floors, so a change can only
/// hold or raise them.
struct OutOfSampleCorpusTests {
    struct Entry: Sendable {
        var id: String
        var family: String
        var message: String
        var expectTop1: [String]
        var source: String
        var resolution: String
    }

    static func entries(_ file: String) -> [Entry] {
        let url = TestSupport.packageRoot.appendingPathComponent("Tests/ECSTriageTests/Fixtures/corpus/\(file)")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let value = try? JSONParser.parse(Array(line.utf8)) else { return nil }
            return Entry(id: value["id"]?.stringValue ?? "?", family: value["family"]?.stringValue ?? "?",
                         message: value["message"]?.stringValue ?? "",
                         expectTop1: value["expectTop1"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                         source: value["source"]?.stringValue ?? "", resolution: value["resolution"]?.stringValue ?? "")
        }
    }

    /// Each set with the rates measured on it (out-of-sample.md), as floor and ceiling.
    /// Set A, 2026-12-03: 30 of 43 ranked an expected rule first, 4 silent; after the second round,
    /// which set A informed (an in-sample rate now): 42 of 43, none silent.
    /// Set B (held out of the repository until then), measured after the second round: 36 of 42, 1 silent
    /// (the out-of-sample rate); after four family fixes it informed (in sample now): 39 of 42, none silent.
    /// Sets C and D (gathered 2026-12-03 in the third round, C and D split from one gathering with a fixed seed):
    /// C measured 41 of 47, 2 silent, before the fixes it informed (out of sample), 46 of 47 after; D measured
    /// 35 of 47 at the round's start and 34 of 47 after C's fixes (out of sample), 44 of 47 after its own, 43 since
    /// Node's `EACCES: permission denied, mkdir` reads as a permission error (container-exited), as app-read-only-filesystem's
    /// own example says it must, where one message's label wants the read-only root its thread found.
    /// Set E (53, gathered after all of the above and measured once, with the documented-corpus audit merged):
    /// 45 of 53, 4 silent (out of sample); 51 of 53 after the families it informed (in sample).
    /// Set F (49, gathered after E's families, measured once): 40 of 49, none silent (out of sample); 47 of 49 after its families.
    /// Set G (45, gathered after F's families, measured once): 36 of 45, 1 silent (out of sample); 40 of 45 after its families,
    /// the silent one left on purpose: `Host EC2 ... terminated` is a routine stop in the developer guide (documented.jsonl).
    static let sets: [(file: String, rankedFirstFloor: Int, silentCeiling: Int)] = [
        ("out-of-sample.jsonl", 42, 0),
        ("out-of-sample-b.jsonl", 39, 0),
        ("out-of-sample-c.jsonl", 46, 0),
        ("out-of-sample-d.jsonl", 43, 0),
        ("out-of-sample-e.jsonl", 51, 0),
        ("out-of-sample-f.jsonl", 47, 0),
        ("out-of-sample-g.jsonl", 40, 1),
    ]

    @Test(arguments: sets.map(\.file))
    func everyEntryIsLabelledAndSourced(_ file: String) {
        let entries = Self.entries(file)
        #expect(entries.count >= 40, "corpus not found or too small: \(entries.count)")
        #expect(Set(entries.map(\.id)).count == entries.count, "duplicate ids")
        for entry in entries {
            #expect(!entry.message.isEmpty && !entry.expectTop1.isEmpty, "\(entry.id): no message or no expected rule")
            #expect(!entry.source.isEmpty && !entry.resolution.isEmpty, "\(entry.id): no source or resolution")
        }
    }

    @Test(arguments: sets.map(\.file))
    func ranksAtLeastTheMeasuredShareFirst(_ file: String) throws {
        let entries = Self.entries(file)
        let set = try #require(Self.sets.first { $0.file == file })
        var misses: [String] = []
        var silent: [String] = []
        for entry in entries {
            let findings = try TestSupport.analyze(entry.message).findings
            let top = findings.first?.ruleId
            if findings.isEmpty { silent.append(entry.id) }
            if !(top.map(entry.expectTop1.contains) ?? false) {
                misses.append("\(entry.id) (\(entry.family)): got \(top ?? "no finding"), expected one of \(entry.expectTop1)")
            }
        }
        let passed = entries.count - misses.count
        print("\(file): \(passed)/\(entries.count) rank an expected rule first (\(passed * 1000 / max(entries.count, 1) / 10)%), \(silent.count) with no finding")
        for miss in misses { print("\(file) miss: \(miss)") }
        #expect(passed >= set.rankedFirstFloor, "fewer than the measured \(set.rankedFirstFloor) rank an expected rule first: \(misses)")
        #expect(silent.count <= set.silentCeiling, "more messages than the measured \(set.silentCeiling) get no finding: \(silent)")
    }
}
