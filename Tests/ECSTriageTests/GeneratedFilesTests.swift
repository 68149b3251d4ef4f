import Foundation
import Testing
@testable import ecs_triage_generate

/// Every generated file equals what `swift run ecs-triage-generate` would
/// write now: a playbook or a policy copy changed without regenerating fails here.
struct GeneratedFilesTests {
    static let files: [GeneratedFile] = (try? GeneratedFile.all(root: TestSupport.packageRoot)) ?? []

    /// The parameterized test below runs nothing when generation fails: this one says why.
    @Test func generatorRuns() throws {
        #expect(try !GeneratedFile.all(root: TestSupport.packageRoot).isEmpty)
    }

    @Test(arguments: files.map(\.path))
    func isFresh(_ path: String) throws {
        let expected = try #require(Self.files.first { $0.path == path }).content
        let actual = (try? String(contentsOf: TestSupport.packageRoot.appendingPathComponent(path), encoding: .utf8)) ?? ""
        let fresh = actual == expected
        #expect(fresh, "\(path) is stale (\(TestSupport.firstDifference(actual, expected))): run `\(GeneratedFile.command)`")
    }
}
