import Foundation
import Testing
@testable import ECSTriage

/// Every rule's examples are its tests: triggering examples must produce
/// exactly the listed findings of the rule, non-triggering ones none, both
/// through the whole analyzer and from the rule alone; and rewriting the
/// input without changing its meaning must not change that.
struct RuleExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var ruleId: String
        var example: RuleExample
        var testDescription: String { "\(ruleId): \(example.name)" }
    }

    static let cases: [Case] = RuleRegistry.descriptions.flatMap { description in
        description.examples.map { Case(ruleId: description.id, example: $0) }
    }

    static func resources(of ruleId: String, in input: String) throws -> (resources: [String], first: Finding?) {
        let findings = try TestSupport.analyze(input).findings.filter { $0.ruleId == ruleId }
        return (findings.map(\.primaryResource).sorted(), findings.first)
    }

    /// The rule evaluated on its own, on the context the analyzer would give
    /// it: a symptom rule sees the symptoms `report`'s cause findings explain.
    static func isolatedFindings(of ruleId: String, in input: String, report: Report) throws -> [Finding] {
        let rule = try #require(RuleRegistry.rule(ruleId))
        let snapshot = try SnapshotLoader.load(text: input)
        let index = SnapshotIndex(snapshot)
        var context = AnalysisContext(index: index, symptoms: SymptomExtractor.extract(from: snapshot),
                                      network: WorkloadNetwork.build(index, parallel: false))
        if rule.description.kind == .symptom {
            context = context.explaining(Set(report.findings.filter { $0.kind == .cause }.flatMap(\.explains)))
        }
        return Ranking.sorted(rule.init().evaluate(context))
    }

    func record(_ message: String, _ example: RuleExample) {
        Issue.record(Comment(rawValue: message),
                     sourceLocation: SourceLocation(fileID: "ECSTriage/\(URL(fileURLWithPath: example.file).lastPathComponent)",
                                                    filePath: example.file, line: example.line, column: 1))
    }

    @Test(arguments: cases)
    func example(_ testCase: Case) throws {
        let example = testCase.example
        let report = try TestSupport.analyze(example.input)
        let findings = report.findings.filter { $0.ruleId == testCase.ruleId }
        let (resources, first) = (findings.map(\.primaryResource).sorted(), findings.first)
        if resources != example.expectedResources.sorted() {
            record("\(testCase.ruleId) produced findings for \(resources), expected \(example.expectedResources.sorted())", example)
        }
        if let confidence = example.expectedConfidence, let first, first.confidence != confidence {
            record("\(testCase.ruleId) was \(first.confidence.rawValue), expected \(confidence.rawValue)", example)
        }
        let isolated = try Self.isolatedFindings(of: testCase.ruleId, in: example.input, report: report)
        if isolated.map(\.primaryResource).sorted() != example.expectedResources.sorted() {
            record("\(testCase.ruleId) alone produced findings for \(isolated.map(\.primaryResource).sorted()), expected \(example.expectedResources.sorted())", example)
        }
        if isolated.contains(where: { $0.ruleId != testCase.ruleId }) {
            record("\(testCase.ruleId) produced findings of other rules: \(Set(isolated.map(\.ruleId)).sorted())", example)
        }
        if let confidence = example.expectedConfidence, let first = isolated.first, first.confidence != confidence {
            record("\(testCase.ruleId) alone was \(first.confidence.rawValue), expected \(confidence.rawValue)", example)
        }
    }

    @Test(arguments: cases.filter { $0.example.input.hasPrefix("{") })
    func exampleSurvivesRewriting(_ testCase: Case) throws {
        let example = testCase.example
        let original = try JSONParser.parse(Array(example.input.utf8))
        let expected = try Self.resources(of: testCase.ruleId, in: example.input).resources
        let variants: [(String, JSONValue)] = [
            ("keys reordered", TestSupport.reversingKeys(original)),
            ("unknown fields added", TestSupport.addingUnknownFields(original)),
            ("unrelated resources added", TestSupport.addingUnrelatedResources(original)),
        ]
        for (name, variant) in variants {
            let resources = try Self.resources(of: testCase.ruleId, in: JSONWriter.write(variant)).resources
            if resources != expected {
                record("\(testCase.ruleId) with \(name): findings for \(resources), expected \(expected)", example)
            }
        }
    }

    @Test func everyRuleHasTriggeringAndQuietExamples() {
        for description in RuleRegistry.descriptions {
            #expect(description.examples.contains { $0.isTriggering }, "\(description.id) has no triggering example")
            #expect(description.examples.contains(where: { !$0.isTriggering }), "\(description.id) has no non-triggering example")
        }
    }

    @Test func ruleIdsAreUnique() {
        let ids = RuleRegistry.descriptions.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    /// The catalogue's ids are a public contract: each stays registered. (A
    /// new rule needs no entry to pass; docs/rules.md lists every rule.)
    @Test func everyCatalogueIdIsRegistered() throws {
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/rule-catalogue.md"), encoding: .utf8)
        let catalogued = text.split(separator: "\n").filter { $0.hasPrefix("| `") }.compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) }
        #expect(catalogued.count >= 70, "docs/rule-catalogue.md lists only \(catalogued.count) ids")
        let registered = Set(RuleRegistry.descriptions.map(\.id))
        for id in catalogued {
            #expect(registered.contains(id), "\(id) is in docs/rule-catalogue.md but no rule has it: a released id is never removed or renamed")
        }
    }

    @Test func symptomPatternExamplesMatchTheirOwnPattern() {
        for pattern in SymptomPatterns.all {
            let matched = MessageClassifier.match(MessageClassifier.normalize(pattern.example))
            #expect(matched?.pattern.name == pattern.name, "example of '\(pattern.name)' matched '\(matched?.pattern.name ?? "nothing")'")
        }
    }
}
