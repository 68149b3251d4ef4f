import Foundation
import Testing

/// Rules see the snapshot only through `SnapshotIndex` (its lists are
/// private there). A rule that reads a raw list instead re-derives what the
/// index already holds, and scans it per workload: this test fails on the
/// first source line of a rule or reasoner that names the snapshot itself.
struct IndexBoundaryTests {
    @Test func rulesAndReasonersNeverNameTheSnapshot() throws {
        let sources = TestSupport.packageRoot.appendingPathComponent("Sources/ECSTriage")
        // `.snapshot` as a member (not the example fixtures' `Fixture.snapshot(`), or `Snapshot` as a type.
        let reach = try NSRegularExpression(pattern: #"(?<!Fixture)\.snapshot\b|[:>]\s*Snapshot\b|\bSnapshot\("#)
        var offenders: [String] = []
        for folder in ["Rules", "Network"] {
            let root = sources.appendingPathComponent(folder)
            let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
            #expect(!files.isEmpty, "no sources under \(root.path)")
            for file in files.sorted() {
                let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                    let codeText = String(code)
                    if reach.firstMatch(in: codeText, range: NSRange(codeText.startIndex..., in: codeText)) != nil {
                        offenders.append("\(folder)/\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                    }
                }
            }
        }
        #expect(offenders.isEmpty, "reach the snapshot through SnapshotIndex instead:\n\(offenders.joined(separator: "\n"))")
    }
}
