import Foundation
import Testing
@testable import ECSTriage

/// The documented corpus (docs/failure-sources.md): every family of failure
/// text the ECS agent writes or AWS documents, in both wordings, each
/// message analysed alone as pasted text.
struct DocumentedCorpusTests {
    struct Entry: Sendable, CustomTestStringConvertible {
        var id: String
        var family: String
        var message: String
        var expectTop1: [String]
        var testDescription: String { id }
    }

    static let corpusURL = TestSupport.packageRoot.appendingPathComponent("Tests/ECSTriageTests/Fixtures/corpus/documented.jsonl")

    static let entries: [Entry] = {
        guard let text = try? String(contentsOf: corpusURL, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let value = try? JSONParser.parse(Array(line.utf8)) else { return nil }
            return Entry(id: value["id"]?.stringValue ?? "?", family: value["family"]?.stringValue ?? "?",
                         message: value["message"]?.stringValue ?? "",
                         expectTop1: value["expectTop1"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
    }()

    static var failures: [Entry] { entries.filter { !$0.expectTop1.isEmpty } }

    @Test func ranksAnExpectedRuleFirst() throws {
        #expect(Self.failures.count > 250, "corpus not found")
        var misses: [String] = []
        for entry in Self.failures {
            let top = try TestSupport.analyze(entry.message).findings.first?.ruleId
            if !(top.map(entry.expectTop1.contains) ?? false) {
                misses.append("\(entry.id) (\(entry.family)): got \(top ?? "no finding"), expected one of \(entry.expectTop1)")
            }
        }
        let passed = Self.failures.count - misses.count
        print("documented corpus: \(passed)/\(Self.failures.count) rank an expected rule first (\(passed * 1000 / Self.failures.count / 10)%)")
        for miss in misses { print("documented corpus miss: \(miss)") }
        #expect(passed * 100 >= Self.failures.count * 98, "below 98%: \(misses)")
    }

    @Test func routineMessagesStayQuiet() throws {
        let routine = Self.entries.filter { $0.expectTop1.isEmpty }
        #expect(routine.count >= 20)
        for entry in routine {
            let findings = try TestSupport.analyze(entry.message).findings
            #expect(findings.isEmpty, "\(entry.id): \(findings.map(\.ruleId))")
        }
    }

    @Test func proseWithoutFailureWordsStaysQuiet() throws {
        let prose = """
        Hi team,

        the checkout service has been restarting since this morning after we moved it to the new cluster.
        We deployed revision 57 at 09:10 and scaled it to 4 tasks; the dashboard shows 0 errors and no failures.
        Could someone have a look? Thanks!
        """
        #expect(try TestSupport.analyze(prose, name: "ticket.txt").findings.isEmpty)
    }

    /// Every family the survey found is matched by a pattern of the table
    /// (or is the routine set), and every pattern says where its wording was read.
    @Test func everyFamilyHasAPatternWithSources() throws {
        let covered = Set(SymptomPatterns.all.flatMap(\.families))
        let corpusFamilies = Set(Self.entries.map(\.family)).subtracting(["routine"])
        #expect(corpusFamilies.subtracting(covered).isEmpty, "families without a pattern: \(corpusFamilies.subtracting(covered).sorted())")
        let table = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/failure-sources.md"), encoding: .utf8)
        // Rows of the families table: `| \`family\` | surfaces | ...`, after its "## Families" heading.
        let families = table.components(separatedBy: "## Families").last?.components(separatedBy: "\n## ").first ?? ""
        let documented = families.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
            return String(line.dropFirst(3)[..<end])
        }
        #expect(documented.count > 100)
        #expect(Set(documented).subtracting(covered).subtracting(["routine"]).isEmpty,
                "docs/failure-sources.md families without a pattern: \(Set(documented).subtracting(covered).subtracting(["routine"]).sorted())")
        for pattern in SymptomPatterns.all {
            #expect(!pattern.sources.isEmpty && !pattern.families.isEmpty, "\(pattern.name) names no source or family")
        }
        for pattern in SymptomPatterns.routine {
            #expect(!pattern.sources.isEmpty, "\(pattern.name) names no source")
            #expect(MessageClassifier.classify(bytes: MessageClassifier.normalizedBytes(pattern.example), message: pattern.example).isRoutine,
                    "routine example of \(pattern.name) is not routine")
        }
    }

    /// Never silent: every failure message, cut short at a random point and
    /// with random words replaced, still gets a finding and fails the run.
    /// Seeded, so the variants are the same on every run.
    @Test func mutatedFailuresAreNeverSilent() throws {
        var generator = SeededGenerator(seed: 19)
        let vocabulary = ["banana", "quartz", "lorem", "widget", "zebra", "orbit", "parcel", "meadow"]
        var variants = 0, kept = 0
        var silent: [String] = []
        for entry in Self.failures {
            for _ in 0..<4 {
                let mutated = Self.mutate(entry.message, vocabulary: vocabulary, using: &generator)
                let report = try TestSupport.analyze(mutated)
                variants += 1
                // Spot interruptions and task retirement are info by design: a finding, exit 0.
                if report.findings.isEmpty || !(report.fails(at: .low) || report.findings.allSatisfy { $0.severity == .info }) {
                    silent.append("\(entry.id): \(mutated)")
                } else if report.findings.contains(where: { entry.expectTop1.contains($0.ruleId) || $0.ruleId == "unrecognized-failure" }) {
                    kept += 1
                }
            }
        }
        print("mutated documented failures: \(variants) variants, \(variants - silent.count) with a finding, \(kept) with an expected rule or unrecognized-failure")
        #expect(silent.isEmpty, "silent variants: \(silent)")
        #expect(kept * 100 >= variants * 90, "only \(kept) of \(variants) variants keep an expected rule or unrecognized-failure")
    }

    /// A message longer than 100 characters cut at a random point in its
    /// last fifth (as ECS cuts a long reason, or a paste loses its end), and,
    /// for messages of eight words or more, up to one word in eight replaced.
    /// Harsher mutations remove what made the message a failure at all.
    static func mutate(_ message: String, vocabulary: [String], using generator: inout SeededGenerator) -> String {
        var characters = Array(message)
        if characters.count > 100 {
            let cut = Int.random(in: (characters.count * 4 + 4) / 5...characters.count, using: &generator)
            characters = Array(characters[..<cut])
        }
        var words = String(characters).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words.count >= 8 {
            for _ in 0..<Int.random(in: 1...(words.count / 8), using: &generator) {
                words[Int.random(in: 0..<words.count, using: &generator)] = vocabulary.randomElement(using: &generator)!
            }
        }
        return words.joined(separator: " ")
    }
}

/// SplitMix64: a small deterministic generator for reproducible test inputs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension MessageClassifier.Classification {
    var isRoutine: Bool {
        if case .routine = self { return true }
        return false
    }
}
