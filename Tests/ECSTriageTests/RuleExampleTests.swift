import Foundation
import Testing
@testable import ECSTriage

/// Every rule's examples are its tests: triggering examples must produce
/// exactly the listed findings of the rule, non-triggering ones none; and
/// rewriting the input without changing its meaning must not change that.
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

    func record(_ message: String, _ example: RuleExample) {
        Issue.record(Comment(rawValue: message),
                     sourceLocation: SourceLocation(fileID: "ECSTriage/\(URL(fileURLWithPath: example.file).lastPathComponent)",
                                                    filePath: example.file, line: example.line, column: 1))
    }

    @Test(arguments: cases)
    func example(_ testCase: Case) throws {
        let example = testCase.example
        let (resources, first) = try Self.resources(of: testCase.ruleId, in: example.input)
        if resources != example.expectedResources.sorted() {
            record("\(testCase.ruleId) produced findings for \(resources), expected \(example.expectedResources.sorted())", example)
        }
        if let confidence = example.expectedConfidence, let first, first.confidence != confidence {
            record("\(testCase.ruleId) was \(first.confidence.rawValue), expected \(confidence.rawValue)", example)
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

    @Test func ruleIdsAreUniqueSortedAndInTheCatalogue() throws {
        let ids = RuleRegistry.descriptions.map(\.id)
        #expect(Set(ids).count == ids.count)
        let catalogue = TestSupport.packageRoot.appendingPathComponent("docs/rule-catalogue.md")
        let text = try String(contentsOf: catalogue, encoding: .utf8)
        for id in ids {
            #expect(text.contains("`\(id)`"), "\(id) is not in rule-catalogue.md")
        }
    }

    @Test func symptomPatternExamplesMatchTheirOwnPattern() {
        for pattern in SymptomPatterns.all {
            let matched = MessageClassifier.match(MessageClassifier.normalize(pattern.example))
            #expect(matched?.pattern.name == pattern.name, "example of '\(pattern.name)' matched '\(matched?.pattern.name ?? "nothing")'")
        }
    }
}
