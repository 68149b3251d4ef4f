import Foundation
import Testing
@testable import ECSTriage

/// Translation time against plan size (Benchmarks/generate-plan.py, run by
/// Benchmarks/run-plan): it must grow linearly. Skipped unless the benchmark
/// directory is given, since it times tens of megabytes.
struct PreflightScaleTests {
    static let directory = ProcessInfo.processInfo.environment["ECS_TRIAGE_PLAN_BENCH_DIR"]

    @Test(.enabled(if: directory != nil, "Benchmarks/run-plan sets ECS_TRIAGE_PLAN_BENCH_DIR to the generated plans"))
    func translationTimeGrowsLinearly() throws {
        let directory = URL(fileURLWithPath: try #require(Self.directory))
        var measured: [(bytes: Int, seconds: Double)] = []
        for size in ["small", "medium", "large"] {
            let file = directory.appendingPathComponent("plan-\(size).json")
            guard let bytes = FileManager.default.contents(atPath: file.path) else { continue }
            var best = Double.infinity
            var parsing = Double.infinity
            var resources = 0
            var unresolved = 0
            var snapshot: JSONValue = .null
            for _ in 0..<3 {
                let start = Date()
                let document = try JSONParser.parse(Array(bytes))
                parsing = min(parsing, Date().timeIntervalSince(start))
                let translation = try PreflightTranslator.translate(document)
                snapshot = translation.snapshot
                best = min(best, Date().timeIntervalSince(start))
                resources = translation.origins.count
                unresolved = translation.unresolved.count
            }
            let start = Date()
            let report = Analyzer.analyze(try SnapshotLoader.load(text: JSONWriter.write(snapshot)))
            let analysis = Date().timeIntervalSince(start)
            print(String(format: "plan-%@: %d bytes, %d resources, %d unresolved links: parse + translate %.2f s (parse %.2f s); load + analyse the result %.2f s (%d findings)",
                         size, bytes.count, resources, unresolved, best, parsing, analysis, report.findings.count))
            let rules = Dictionary(grouping: report.findings, by: \.ruleId).map { "\($0.key) \($0.value.count)" }.sorted()
            print("  findings: " + rules.joined(separator: ", "))
            measured.append((bytes.count, best))
        }
        try #require(measured.count >= 2, "generate at least two sizes")
        let first = measured.first!, last = measured.last!
        let exponent = log(last.seconds / first.seconds) / log(Double(last.bytes) / Double(first.bytes))
        print(String(format: "scaling exponent (time ~ size^k): k = %.2f", exponent))
        #expect(exponent < 1.2, "translation time grows faster than the plan")
    }
}
