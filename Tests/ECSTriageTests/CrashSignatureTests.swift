import Foundation
import Testing
@testable import ECSTriage

/// The crash signature table (Runtime/CrashSignatureTable.swift): every
/// signature matches the real line it was written from, every source line
/// gathered for it is recognised as evidence for the rule proposed for it,
/// and a pasted log, in the shapes people paste, gives its last words.
struct CrashSignatureTests {
    static let runtimes: Set<String> = ["python", "node", "jvm", "go", "ruby", "php", "dotnet", "nginx", "apache", "shell",
                                        "database", "cache", "dns", "tls", "disk", "aws-sdk", "erlang", "rust", "os", "app"]

    struct SourceLine: Decodable, Sendable, CustomTestStringConvertible {
        var id: String
        var kind: String
        var line: String
        var context: String?
        var suggestedRule: String
        var testDescription: String { id }
    }

    static let sourceLines: [SourceLine] = {
        let url = TestSupport.packageRoot.appendingPathComponent("Tests/ECSTriageTests/Fixtures/crash-signatures/sources.jsonl")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(SourceLine.self, from: Data($0.utf8)) }
    }()

    @Test func theTableIsLargeWellFormedAndNamesRulesThatExist() {
        #expect(CrashSignatures.all.count >= 60)
        #expect(Set(CrashSignatures.all.map(\.id)).count == CrashSignatures.all.count, "signature ids must be unique")
        let rules = Set(RuleRegistry.all.map { $0.description.id })
        for signature in CrashSignatures.all {
            #expect(rules.contains(signature.rule), "\(signature.id) names rule \(signature.rule), which does not exist")
            #expect(Self.runtimes.contains(signature.runtime), "\(signature.id): unknown runtime \(signature.runtime)")
            #expect(!signature.fragments.isEmpty && signature.fragments.allSatisfy { !$0.isEmpty })
            #expect(!signature.source.isEmpty)
        }
    }

    @Test(arguments: CrashSignatures.all.map(\.id))
    func everySignatureMatchesTheLineItWasWrittenFrom(_ id: String) throws {
        let signature = try #require(CrashSignatures.byId[id])
        #expect(signature.match(signature.example) != nil, "\(id) does not match its own example")
        let words = try #require(CrashSignatures.lastWords(lines: [signature.example]))
        #expect(words.signature.rule == signature.rule, "\(id): its example reads as \(words.signatureId)")
    }

    @Test func sourceMaterialIsThere() { #expect(Self.sourceLines.count == 133) }

    /// Proposed ids that shipped under another: task-role-permissions covers the SDK finding no credentials.
    static let shippedAs = ["task-role-missing": "task-role-permissions"]

    /// Every line of the material is evidence for its proposed rule, and that rule's finding comes first
    /// (Apache's ServerName warning excepted: it is never the cause).
    @Test(arguments: sourceLines.filter { $0.kind != "benign-warning" })
    func everySourceLineIsRecognised(_ original: SourceLine) throws {
        var source = original
        source.suggestedRule = Self.shippedAs[source.suggestedRule] ?? source.suggestedRule
        let alone = try #require(CrashSignatures.lastWords(lines: [source.line]), "\(source.id) not recognised")
        #expect(alone.signature.rule == source.suggestedRule, "\(source.id) reads as \(alone.signatureId) (\(alone.signature.rule))")
        let report = try TestSupport.analyze(source.line)
        #expect(report.findings.first?.ruleId == source.suggestedRule, "\(source.id): first finding \(report.findings.first?.ruleId ?? "none")")
    }

    @Test func aBenignWarningIsNoCause() {
        let warning = Self.sourceLines.first { $0.kind == "benign-warning" }!
        #expect(CrashSignatures.lastWords(lines: [warning.line]) == nil)
    }

    // MARK: Pasted logs

    static let traceback = [
        "Traceback (most recent call last):",
        "  File \"/app/app.py\", line 3, in <module>",
        "    from flask_sqlalchemy import SQLAlchemy",
        "ModuleNotFoundError: No module named 'flask_sqlalchemy'",
    ]

    /// The same crash in the shapes a log is pasted in: plain (kubectl logs, docker logs), `aws logs tail`
    /// (timestamp and stream), `docker logs --timestamps`, a CloudWatch console copy (tab-separated), CRLF line ends.
    @Test(arguments: ["plain", "aws logs tail", "docker logs --timestamps", "cloudwatch console", "crlf"])
    func pastedLogShapes(_ shape: String) throws {
        let lines: [String]
        switch shape {
        case "aws logs tail": lines = Self.traceback.map { "2026-12-03T12:01:45.118000+00:00 ecs/web/0f3c9d8e7b6a4c5d " + $0 }
        case "docker logs --timestamps": lines = Self.traceback.map { "2026-12-03T12:01:45.118311954Z " + $0 }
        case "cloudwatch console": lines = ["Timestamp\tMessage"] + Self.traceback.map { "2026-12-03T12:01:45.118Z\t" + $0 }
        default: lines = Self.traceback
        }
        let text = lines.joined(separator: shape == "crlf" ? "\r\n" : "\n") + "\n"
        let report = try TestSupport.analyze(text)
        let first = try #require(report.findings.first)
        #expect(first.ruleId == "container-exited")
        #expect(first.title.contains("module or package missing"))
        let count = lines.count
        #expect(first.evidence.contains { $0.text.hasPrefix("the log's last words, line \(count) of \(count): ") && $0.text.contains("flask_sqlalchemy") })
        #expect(report.findings.count == 1, "the traceback's other lines add nothing: \(report.findings.map(\.ruleId))")
    }

    @Test func theLastCauseWinsOverEarlierOnes() throws {
        let log = ["Error: connect ECONNREFUSED 10.0.1.12:5432", "retrying in 2s"] + Self.traceback + ["[INFO] Worker exiting (pid: 8)"]
        let words = try #require(CrashSignatures.lastWords(lines: log))
        #expect(words.signatureId == "python-module-not-found")
        #expect(words.lineNumber == 6 && words.lineCount == 7)
    }

    @Test func aCauseWinsOverALaterContextLine() throws {
        let log = ["Error: listen EADDRINUSE: address already in use :::3000",
                   "UnhandledPromiseRejectionWarning: Unhandled promise rejection. This error originated either by throwing inside of an async "
                       + "function without a catch block"]
        #expect(CrashSignatures.lastWords(lines: log)?.signatureId == "node-listen-eaddrinuse")
    }

    @Test func aTracebackNoSignatureNamesQuotesItsLastErrorLine() throws {
        let log = ["Traceback (most recent call last):", "  File \"/app/app.py\", line 9, in <module>",
                   "ValueError: invalid literal for int() with base 10: 'four'"]
        let words = try #require(CrashSignatures.lastWords(lines: log))
        #expect(words.signatureId == "python-traceback-header")
        #expect(words.lineNumber == 3 && words.line.hasPrefix("ValueError"))
        let report = try TestSupport.analyze(log.joined(separator: "\n"))
        #expect(report.findings.map(\.ruleId) == ["container-exited"])
    }

    @Test func ecsOwnErrorsAreNotTheApplicationsWords() throws {
        let reason = "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
            + "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:latest: dial tcp 10.0.2.15:443: i/o timeout"
        #expect(CrashSignatures.lastWords(lines: [reason]) == nil)
        #expect(try TestSupport.analyze(reason).findings.first?.ruleId != "app-dependency-unreachable")
    }

    @Test func keyErrorOnlyOnAVariableName() {
        #expect(CrashSignatures.lastWords(lines: ["KeyError: 'DATABASE_URL'"])?.signature.rule == "app-missing-configuration")
        #expect(CrashSignatures.lastWords(lines: ["KeyError: 'id'"]) == nil)
        #expect(CrashSignatures.lastWords(lines: ["KeyError: 'Content-Type'"]) == nil)
    }

    @Test func dnsFailuresNameTheNetworkRulesAsTheNextCheck() throws {
        let report = try TestSupport.analyze("Error: getaddrinfo ENOTFOUND postgres")
        let first = try #require(report.findings.first)
        #expect(first.ruleId == "app-dependency-unreachable")
        #expect(first.fix.steps.joined().contains("vpc-dns-disabled"))
        #expect(first.missingEvidence.contains { $0.why.contains("vpc-dns-disabled") })
    }

    @Test func aStoppedReasonPastedWithTheLogJoinsTheCrash() throws {
        let report = try TestSupport.analyze((["Essential container in task exited"] + Self.traceback).joined(separator: "\n"))
        #expect(report.findings.map(\.ruleId) == ["container-exited"])
        #expect(report.findings[0].evidence.contains { $0.text.hasPrefix("a consequence of this failure: Essential container") })
    }

    // MARK: Redaction

    static let plantedFolder = "Tests/ECSTriageTests/Fixtures/crash-signatures/planted-secrets"
    /// Secrets planted in the crash lines the reports quote: a password in a Redis URL with no user, in a
    /// PostgreSQL and a MongoDB URL, a token parameter, an access key id, a connection string in a JSON log record.
    static let planted = ["Crash-Redis-Pass-77", "Crash-Url-Pass-31", "Crash-Mongo-Pass-9", "Crash-Token-Value-55",
                          "AKIACRASHPLANTED0001", "Crash-Conn-Pass-12"]

    static func plantedInputs() throws -> [String] {
        let folder = TestSupport.packageRoot.appendingPathComponent(plantedFolder)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { plantedFolder + "/" + $0 }
    }

    @Test func withoutRedactionThePlantedSecretsReachTheReport() throws {
        let text = try CLITests().run(["analyze", "--format", "text"] + Self.plantedInputs()).stdout
        for secret in Self.planted { #expect(text.contains(secret), "\(secret) is not quoted: the test below would prove nothing") }
    }

    @Test(arguments: [["--format", "markdown"], ["--format", "json", "--redact"], ["--format", "text", "--redact"],
                      ["--format", "markdown", "--redact"]])
    func plantedSecretsInCrashLinesNeverAppear(options: [String]) throws {
        let result = try CLITests().run(["analyze"] + options + Self.plantedInputs())
        for secret in Self.planted {
            #expect(!result.stdout.contains(secret), "\(secret) leaked with \(options)")
        }
        #expect(result.stdout.contains("[REDACTED"))
    }

    @Test func aJSONLogRecordIsReadAsText() throws {
        let report = try TestSupport.analyze(#"{"level":50,"msg":"listen EADDRINUSE: address already in use :::3333","pid":7}"#)
        #expect(report.findings.first?.ruleId == "app-port-in-use")
    }

    @Test func aLargePasteStaysFast() throws {
        let noise = (0..<20_000).map { "2026-12-03T12:00:00Z INFO request \($0) served in 12 ms" }
        let start = Date()
        let words = CrashSignatures.lastWords(lines: noise + Self.traceback)
        #expect(words?.signatureId == "python-module-not-found")
        #expect(Date().timeIntervalSince(start) < 20)
    }
}
