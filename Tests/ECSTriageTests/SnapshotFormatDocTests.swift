import Foundation
import Testing
@testable import ECSTriage

/// docs/snapshot-format.md names every key the loader reads, accepts or
/// skips: a section record added without documenting its keys fails here.
struct SnapshotFormatDocTests {
    @Test func everyKeyTheLoaderKnowsIsDocumented() throws {
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/snapshot-format.md"), encoding: .utf8)
        let keys = SectionRecord.all.flatMap(\.keys) + SnapshotLoader.acknowledgedKeys.sorted() + SnapshotLoader.paginationKeys.sorted()
        #expect(!keys.isEmpty)
        for key in keys {
            #expect(text.contains("`\(key)`"), "docs/snapshot-format.md does not name `\(key)`")
        }
    }
}
