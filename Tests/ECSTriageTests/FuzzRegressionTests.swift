import Foundation
import Testing
@testable import ECSTriage

/// Inputs the fuzzer once crashed on (scripts/fuzz): each must now load and
/// analyse, or fail with an input error, and render in every format.
struct FuzzRegressionTests {
    static let folder = TestSupport.packageRoot.appendingPathComponent("Tests/ECSTriageTests/Fixtures/fuzz-regressions")
    static let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()

    @Test(arguments: inputs)
    func replay(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
        guard let snapshot = try? SnapshotLoader.load([InputFile(name: name, bytes: bytes)]) else { return }
        let report = Analyzer.analyze(snapshot)
        #expect(!JSONReporter.renderBytes(report).isEmpty)
        #expect(!TextReporter.render(report).isEmpty)
        #expect(!MarkdownReporter.render(report).isEmpty)
    }

    @Test func hostileInputsFailCleanly() {
        let hostile: [String] = [
            String(repeating: "[", count: 100_000),
            "{\"tasks\": [" + String(repeating: "{}, ", count: 50_000) + "{}]}",
            "{\"Subnets\": [{\"SubnetId\": \"\\ud800\"}]}",
            "{\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"IpPermissionsEgress\": [{\"IpProtocol\": \"tcp\", \"IpRanges\": [{\"CidrIp\": \"\"}, {\"CidrIp\": \"/\"}, {\"CidrIp\": \"1.2.3.4/99\"}]}]}]}",
            String(repeating: "\u{0}", count: 1000),
        ]
        for input in hostile {
            if let snapshot = try? SnapshotLoader.load(text: input) {
                _ = JSONReporter.renderBytes(Analyzer.analyze(snapshot))
            }
        }
    }
}
