import Foundation
import Testing

/// Golden files: what a reporter or the CLI prints, kept in the repository
/// and compared byte for byte, whitespace included (.gitattributes keeps git
/// from converting them). `RECORD_SAMPLES=1 swift test` re-records every one;
/// review the diff before committing it.
enum Golden {
    static let isRecording = ProcessInfo.processInfo.environment["RECORD_SAMPLES"] != nil

    /// Compares `actual` with the file at `path` (from the package root), or records it.
    static func check(_ actual: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = TestSupport.packageRoot.appendingPathComponent(path)
        if isRecording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("\(path) is missing: record it with RECORD_SAMPLES=1 swift test", sourceLocation: sourceLocation)
            return
        }
        let same = actual == expected
        #expect(same, "\(path) differs (\(TestSupport.firstDifference(actual, expected))): review the change, then RECORD_SAMPLES=1 swift test",
                sourceLocation: sourceLocation)
    }
}
