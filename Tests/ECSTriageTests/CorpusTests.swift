import Foundation
import Testing
@testable import ECSTriage

/// The corpus of real failure messages, each analysed as plain text.
struct CorpusTests {
    struct Entry: Sendable, CustomTestStringConvertible {
        var id: String
        var message: String
        var expectTop1: [String]
        var category: String
        var testDescription: String { id }
    }

    static let entries: [Entry] = {
        guard let text = try? String(contentsOf: TestSupport.corpusURL, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let value = try? JSONParser.parse(Array(line.utf8)) else { return nil }
            return Entry(id: value["id"]?.stringValue ?? "?", message: value["message"]?.stringValue ?? "",
                         expectTop1: value["expectTop1"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                         category: value["expectCategory"]?.stringValue ?? "")
        }
    }()

    static func topRule(_ entry: Entry) -> String? {
        (try? TestSupport.analyze(entry.message))?.findings.first?.ruleId
    }

    /// Every category of the catalogue has messages in the corpus, and only those. (Messages no
    /// rule recognises, category `unknown`, are in the documented corpus: DocumentedCorpusTests.)
    @Test func everyCategoryIsCovered() {
        let categories = RuleCategory.allCases.filter { $0 != .unknown }.map(\.rawValue)
        #expect(Set(Self.entries.map(\.category)) == Set(categories))
    }

    @Test(arguments: entries)
    func messageRanksAnExpectedRuleFirst(_ entry: Entry) {
        let top = Self.topRule(entry)
        #expect(top.map(entry.expectTop1.contains) == true, "\(entry.id): first finding \(top ?? "none"), expected one of \(entry.expectTop1)")
    }

    @Test func overallPassRate() {
        #expect(Self.entries.count > 0, "corpus not found")
        var misses: [String] = []
        for entry in Self.entries where !(Self.topRule(entry).map(entry.expectTop1.contains) ?? false) {
            misses.append("\(entry.id) (\(entry.category)): got \(Self.topRule(entry) ?? "none")")
        }
        let passed = Self.entries.count - misses.count
        print("corpus: \(passed)/\(Self.entries.count) messages rank an expected rule first (\(passed * 100 / max(1, Self.entries.count))%)")
        for miss in misses { print("corpus miss: \(miss)") }
        #expect(passed * 100 >= Self.entries.count * 95, "corpus pass rate below 95%: \(misses)")
    }
}

/// Pasted text: every symptom found, in order, repeats once, each with its line.
struct TextInputTests {
    @Test func ticketWithProseAndSeveralErrors() throws {
        let ticket = """
        Hi team,

        our checkout service keeps restarting since this morning. Here is what we see:

        2026-11-20T10:01:02Z task 1 stopped: OutOfMemoryError: Container killed due to memory usage
        2026-11-20T10:03:00Z INFO all good here
        ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed
          caused by: Post "https://api.ecr.eu-west-1.amazonaws.com/": dial tcp 52.1.1.1:443: i/o timeout
        2026-11-20T10:05:02Z task 2 stopped: OutOfMemoryError: Container killed due to memory usage

        Thanks!
        """
        let report = try TestSupport.analyze(ticket, name: "ticket.txt")
        #expect(report.symptoms.map(\.kind) == [.containerOutOfMemory, .awsServiceUnreachable])
        #expect(report.symptoms.map(\.location) == ["line 5", "line 7"])
        #expect(report.symptoms[1].facts.service == "ecr.api")
        #expect(report.symptoms[1].facts.region == "eu-west-1")
        #expect(Set(report.findings.map(\.ruleId)) == ["container-out-of-memory", "aws-service-unreachable"])
    }

    @Test func truncatedMessageIsReadAndFlagged() throws {
        let report = try TestSupport.analyze("CannotStartContainerError: Error response from daemon: failed to initialize logging driver: failed to create Cloudwatch log stream: RequestError: send request failed caused by: Post https://logs.us-east-2.amazonaws.com/: dial tcp 10.20.10.16:443: i/o time")
        #expect(report.symptoms.first?.kind == .awsServiceUnreachable)
        #expect(report.symptoms.first?.facts.truncated == true)
        #expect(report.symptoms.first?.facts.service == "logs")
    }
}
