import Foundation
@testable import ECSTriage

/// The pre-deploy scenarios under Fixtures/preflight and the end-to-end path
/// the lead will wire into the loader: translate, load, analyse.
enum PreflightSupport {
    static let fixtures = TestSupport.packageRoot.appendingPathComponent("Tests/ECSTriageTests/Fixtures/preflight")

    static func document(_ scenario: String, _ file: String) throws -> JSONValue {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(scenario).appendingPathComponent(file))
        return try JSONParser.parse(Array(data))
    }

    /// The translation's snapshot, loaded as the `collect` snapshot would be, and analysed.
    static func analyze(_ translation: PreflightTranslation) throws -> Report {
        let snapshot = try SnapshotLoader.load(text: JSONWriter.write(translation.snapshot))
        return Analyzer.analyze(snapshot)
    }

    static func analyze(_ scenario: String, _ file: String) throws -> Report {
        let snapshot = try SnapshotLoader.load(text: JSONWriter.write(try document(scenario, file)))
        return Analyzer.analyze(snapshot)
    }

    /// `rule-id on resource` for every finding.
    static func summary(_ report: Report) -> [String] {
        report.findings.map { "\($0.ruleId) \($0.resources.map(\.id).joined(separator: " "))" }
    }
}
