import Foundation
import Testing
@testable import ECSTriage

/// Real crash logs gathered after the signature table was written
/// (Fixtures/crash-signatures/out-of-sample.jsonl, out-of-sample.md): each
/// is pasted as text and counts as recognised when the finding ranked first
/// is the rule its thread's cause belongs to. The measured rate is a floor.
struct OutOfSampleCrashLogTests {
    struct Excerpt: Decodable, Sendable {
        var id: String
        var source: String
        var expectedRule: String
        var log: String
    }

    static func excerpts(_ file: String) -> [Excerpt] {
        let url = TestSupport.packageRoot.appendingPathComponent("Tests/ECSTriageTests/Fixtures/crash-signatures/\(file)")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Excerpt.self, from: Data($0.utf8)) }
    }

    /// Each set with its measured floor and the misses left, and why (out-of-sample.md).
    /// The first set, 2026-12-03: 34 of 40 before the family fixes (out of sample), 39 of 40 after (in sample).
    /// Sets C and D (third round, one gathering split with a fixed seed): C 21 of 36 before its fixes
    /// (out of sample), 34 of 36 after; D 29 of 35 after C's fixes (out of sample), 34 of 35 after its own.
    /// Set E (47, gathered after all of the above, measured once): 36 of 47 (out of sample), 45 of 47 after its families.
    /// Set F (41, gathered after E's families, measured once): 31 of 41 (out of sample), 39 of 41 after its families.
    /// Set G (47, gathered after F's families, measured once): 36 of 47 (out of sample), 42 of 47 after its families
    /// (the five left are answered with a rule their labels accept as second best).
    /// The misses left name a rule the thread's label accepts as second best (container-exited for a Rust panic
    /// or a gunicorn boot failure whose cause was a missing variable; command-not-found for a shell's status 127).
    static let sets: [(file: String, floor: Int, knownMisses: Set<String>)] = [
        ("out-of-sample.jsonl", 39, ["node-econnrefused-json-form"]),
        ("out-of-sample-c.jsonl", 34, ["rust-unwrap-none-env-file-not-applied", "my-init-startup-script-status-127-no-shebang"]),
        ("out-of-sample-d.jsonl", 34, ["gunicorn-app-env-empty-module-dot-wsgi"]),
        ("out-of-sample-e.jsonl", 45, ["dotnet-npgsql-timeout-bot-db-recovering", "jvm-cannot-commit-heap-insufficient-memory-kibana"]),
        ("out-of-sample-f.jsonl", 39, ["rust-aoede-parseint-panic-discord-user-id", "dotnet-ddd-argumentnull-getbytes-missing-auth-secret"]),
        ("out-of-sample-g.jsonl", 42, ["node-listen-eai-again-quoted-localhost-host-var", "node-enotfound-undefined-host-env-missing",
                                       "erlang-rabbitmq-memory-watermark-zero-crash-report",
                                       "jvm-own-container-hostname-unknownhost-then-jetty-failed",
                                       "shell-nifi-chmod-read-only-then-permission-denied-kubectl"]),
    ]

    /// The rule ranked first for a pasted excerpt; nil when the input is refused or nothing is found.
    static func firstRule(_ excerpt: Excerpt) -> String? {
        (try? TestSupport.analyze(excerpt.log))?.findings.first?.ruleId
    }

    @Test(arguments: sets.map(\.file))
    func theSetIsLargeEnough(_ file: String) {
        let excerpts = Self.excerpts(file)
        #expect(excerpts.count >= 30)
        #expect(Set(excerpts.map(\.id)).count == excerpts.count)
    }

    @Test(arguments: sets.map(\.file))
    func recognisedRateStaysAtItsFloor(_ file: String) throws {
        let set = try #require(Self.sets.first { $0.file == file })
        let excerpts = Self.excerpts(file)
        var misses: [String] = []
        for excerpt in excerpts where Self.firstRule(excerpt) != excerpt.expectedRule {
            misses.append(excerpt.id)
        }
        let recognised = excerpts.count - misses.count
        #expect(recognised >= set.floor, "\(file): recognised \(recognised) of \(excerpts.count); misses: \(misses)")
        #expect(Set(misses).isSubset(of: set.knownMisses), "\(file): new misses: \(Set(misses).subtracting(set.knownMisses).sorted())")
    }

    @Test func excerptsComeFromThreadsTheTableWasNotWrittenFrom() {
        let sources = CrashSignatureTests.sourceLines.map(\.id)
        #expect(!sources.isEmpty)
        let material = (try? String(contentsOf: TestSupport.packageRoot.appendingPathComponent(
            "Tests/ECSTriageTests/Fixtures/crash-signatures/sources.jsonl"), encoding: .utf8)) ?? ""
        for excerpt in Self.sets.flatMap({ Self.excerpts($0.file) }) {
            #expect(!material.contains(excerpt.source + "\""), "\(excerpt.id): \(excerpt.source) is in sources.jsonl")
        }
    }
}
