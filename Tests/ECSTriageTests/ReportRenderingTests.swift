import Foundation
import Testing
@testable import ECSTriage

/// The text and Markdown reports: the answer first, evidence grouped and cut
/// at render time, and text from the account kept inert. Every sample's
/// reports are goldens in SampleReportTests; the inert-text fixture's are here.
struct ReportRenderingTests {
    static let inertFixture = "Tests/ECSTriageTests/Fixtures/inert-text"

    // MARK: The answer first

    @Test func theFirstLinesNameTheCauseAndTheFirstCommand() throws {
        let report = try SampleReportTests.report("private-subnet-no-nat-no-endpoints.json")
        let top = try #require(report.findings.first)
        let lines = TextReporter.render(report).split(separator: "\n")
        #expect(lines[0].hasPrefix("Do this first: " + top.title.prefix(40)))
        #expect(lines.prefix(4).contains { $0 == "  $ " + top.fix.commands[0] })
        let markdown = MarkdownReporter.render(report)
        #expect(markdown.hasPrefix("## ecs-triage report\n\n**Do this first:**"))
        #expect(markdown.components(separatedBy: "```sh\n" + top.fix.commands[0] + "\n```").count >= 2)
        let json = try JSONParser.parse(Array(JSONReporter.render(report).utf8))
        #expect(json["doFirst"]?["ruleId"] == .string(top.ruleId))
        #expect(json["doFirst"]?["command"] == .string(top.fix.commands[0]))
        #expect(json["doFirst"]?["cause"] == .string(top.title))
        #expect(json["doFirst"]?["rank"] == .number(1))
    }

    @Test func withoutACommandTheFirstLinesSayWhatToChange() throws {
        let report = try SampleReportTests.report("fargate-invalid-cpu-memory.json")
        var top = try #require(report.findings.first)
        top.fix.commands = []
        let changed = Report(input: report.input, symptoms: report.symptoms, findings: [top])
        let text = TextReporter.render(changed)
        #expect(text.hasPrefix("Do this first: "))
        #expect(text.components(separatedBy: "\n\n")[0].contains("\n  Change: " + top.fix.summary.prefix(20)), "\(text.prefix(300))")
        #expect(try JSONParser.parse(Array(JSONReporter.render(changed).utf8))["doFirst"]?["command"] == nil)
    }

    @Test func aHealthyReportHasNothingToDoFirst() throws {
        let report = try SampleReportTests.report("healthy-public-igw.json")
        #expect(report.doFirst == nil)
        #expect(!TextReporter.render(report).contains("Do this first"))
        #expect(try JSONParser.parse(Array(JSONReporter.render(report).utf8))["doFirst"] == .null)
    }

    // MARK: Exit status

    @Test func failOnInfoFailsOnAnInfoFinding() throws {
        let cli = CLITests()
        let sample = "samples/spot-interruption.json"
        #expect(try SampleReportTests.report("spot-interruption.json").findings.map(\.severity) == [.info])
        #expect(try cli.run(["analyze", sample]).status == 0, "the default threshold (low) does not fail on info")
        #expect(try cli.run(["analyze", "--fail-on", "info", sample]).status == 1)
        #expect(try cli.run(["analyze", "--fail-on", "info", "samples/healthy-public-igw.json"]).status == 0)
    }

    // MARK: Evidence

    /// Twenty tasks of a service stopped with the same reason: one finding,
    /// and one evidence line that counts them and names the first few.
    @Test func twentyIdenticalStoppedTasksAreOneLine() throws {
        let url = SampleReportTests.samplesFolder.appendingPathComponent("private-subnet-no-nat-no-endpoints.json")
        guard case var .object(members) = try JSONParser.parse(Array(try Data(contentsOf: url))),
              let position = members.firstIndex(where: { $0.key == "tasks" }),
              case let .object(task)? = members[position].value.arrayValue?.first else {
            Issue.record("the sample has no task")
            return
        }
        members[position].value = .array((0..<20).map { index in
            .object(task.map { member in
                member.key == "taskArn" ? (member.key, .string("arn:aws:ecs:us-east-1:111122223333:task/prod/" + String(format: "%032x", index + 1))) : member
            })
        })
        let report = Analyzer.analyze(try SnapshotLoader.load([InputFile(name: "-", bytes: Array(JSONWriter.write(.object(members)).utf8))]))
        #expect(report.findings.count == 1, "\(report.findings.map(\.ruleId))")
        // Wrapped lines joined: the assertions read the report as one line per item.
        let text = TextReporter.render(report).replacingOccurrences(of: "\n       ", with: " ")
        #expect(text.components(separatedBy: "i/o timeout").count == 2, "the message once:\n\(text)")
        #expect(text.contains("observed in 20 tasks (00000000000000000000000000000001,"))
        #expect(text.contains("and 17 more)"))
        #expect(text.contains("[/tasks/0/stoppedReason and 19 more]"))
        let markdown = MarkdownReporter.render(report)
        #expect(markdown.components(separatedBy: "i/o timeout").count == 2)
        // JSON keeps every occurrence.
        let evidence = try JSONParser.parse(Array(JSONReporter.render(report).utf8))["findings"]?.arrayValue?.first?["evidence"]?.arrayValue
        #expect(evidence?.filter { $0["text"]?.stringValue?.hasSuffix("i/o timeout") == true }.count == 20)
        #expect(report.findings.first?.explains.count == 20)
    }

    @Test func aCutMessageKeepsItsHeadAndItsDecisiveTail() {
        let message = "observed: ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. operation error ECR: GetAuthorizationToken, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post \"https://api.ecr.us-east-1.amazonaws.com/\": dial tcp 52.119.220.175:443: i/o timeout"
        let cut = EvidenceGroup.cut(message, limit: 300)
        #expect(cut.count < message.count)
        #expect(cut.hasPrefix("observed: ResourceInitializationError: unable to pull secrets"))
        #expect(cut.hasSuffix("dial tcp 52.119.220.175:443: i/o timeout"))
        #expect(cut.contains(" ... "))
        #expect(EvidenceGroup.cut("short", limit: 300) == "short")
    }

    @Test func theModelKeepsTheWholeMessage() throws {
        let report = try SampleReportTests.report("private-subnet-no-nat-no-endpoints.json")
        let observed = try #require(report.findings.first?.evidence.first { $0.text.hasPrefix("observed: ") })
        #expect(observed.text.hasSuffix("i/o timeout"))
        #expect(!observed.text.contains("..."))
    }

    @Test func noRouteIsNotCalledVia() throws {
        let text = TextReporter.render(try SampleReportTests.report("private-subnet-no-nat-no-endpoints.json"))
            .replacingOccurrences(of: "\n    ", with: " ")
        #expect(!text.contains("via none"))
        #expect(text.contains("-> ecr.api: unreachable (no endpoint for ecr.api"))
    }

    // MARK: Inert text

    /// Every scalar a hostile input may use to take over a terminal or rearrange a line.
    static func rawControls(in text: String) -> [String] {
        text.unicodeScalars.compactMap { scalar in
            let value = scalar.value
            let isControl = (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value)
            let isBidiOrSeparator = [0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            return isControl || isBidiOrSeparator ? String(format: "U+%04X", value) : nil
        }
    }

    static func inertReport() throws -> Report {
        let bytes = try [UInt8](Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("\(inertFixture)/snapshot.json")))
        return Analyzer.analyze(try SnapshotLoader.load([InputFile(name: "snapshot.json", bytes: bytes)]))
    }

    @Test func hostileTextIsInertInTextAndMarkdown() throws {
        let report = try Self.inertReport()
        // The control: the input does reach the report.
        #expect(report.symptoms.contains { $0.message.contains("\u{1B}]0;owned\u{07}") })
        #expect(report.symptoms.contains { $0.message.contains("\u{202E}") })
        let text = TextReporter.render(report)
        let markdown = MarkdownReporter.render(report)
        #expect(Self.rawControls(in: text).isEmpty, "raw in the text report: \(Self.rawControls(in: text))")
        #expect(Self.rawControls(in: markdown).isEmpty, "raw in the Markdown report: \(Self.rawControls(in: markdown))")
        for escaped in [#"\e]0;owned\a\e[2J"#, #"\rALL CLEAR \u202e"#, #"\u009b31m"#, #"\b\b\bok\u0085next line\u2028sep"#] {
            #expect(text.contains(escaped), "text lacks \(escaped)")
        }
        // A newline inside a message never starts a report line.
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("rm -rf") })
        #expect(!markdown.split(separator: "\n").contains { $0.hasPrefix("rm -rf") || $0.hasPrefix("``` &") })
        // Markdown: no HTML, link, image, autolink or entity survives.
        for live in [" <img", " [link](", " ![img](", " &#x202E;", " www.evil", " user@evil"] {
            #expect(!markdown.contains(live), "Markdown keeps \(live)")
        }
        #expect(markdown.contains(#"\<img src=x onerror=alert(1)\>"#))
        #expect(markdown.contains("`www.evil.example`") && markdown.contains("`[link](http://evil.example)`"))
        #expect(markdown.contains(##"\&\#x202E;"##))
        try Golden.check(text, "\(Self.inertFixture)/report.text")
        try Golden.check(markdown, "\(Self.inertFixture)/report.md")
    }

    @Test func hostileTextIsExactAndEscapedInJSON() throws {
        let report = try Self.inertReport()
        let json = JSONReporter.render(report)
        #expect(Self.rawControls(in: json).isEmpty, "raw in the JSON report: \(Self.rawControls(in: json))")
        for escaped in [#"\u001b]0;owned\u0007\u001b[2J"#, #"\rALL CLEAR \u202e"#, #"\u009b31m"#, #"\b\b\bok\u0085next line\u2028sep"#] {
            #expect(json.contains(escaped), "JSON lacks \(escaped)")
        }
        // Parsed back, the text is exactly the input's.
        let messages = try JSONParser.parse(Array(json.utf8))["symptoms"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
        #expect(messages == report.symptoms.map(\.message))
        try Golden.check(json, "\(Self.inertFixture)/report.json")
    }

    @Test func colourIsTheOnlyEscapeTheTextReportPrints() throws {
        let report = try Self.inertReport()
        let coloured = TextReporter.render(report, color: true)
        let escapes = coloured.components(separatedBy: "\u{1B}[").dropFirst().map { $0.prefix(while: { $0 != "m" }) }
        #expect(!escapes.isEmpty)
        #expect(escapes.allSatisfy { ["0", "1", "1;31", "31", "33", "36", "2"].contains(String($0)) }, "\(Set(escapes))")
        #expect(!coloured.contains("\u{1B}]") && !coloured.contains("\u{07}"))
    }

    @Test func inputErrorsQuoteTheInputInertly() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-triage-escape-key-\(UUID().uuidString).json")
        try Data(#"{"\u001b]0;owned\u0007key": 1}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLITests().run(["analyze", file.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains(#"\e]0;owned\akey"#), "\(result.stderr)")
        #expect(Self.rawControls(in: result.stderr).isEmpty, "raw on stderr: \(Self.rawControls(in: result.stderr))")
    }

    @Test func visibleEscapes() {
        #expect(InertText.plain("a\u{1B}[2Jb") == #"a\e[2Jb"#)
        #expect(InertText.plain("x\ry\nz\tw\u{07}\u{08}") == #"x\ry\nz\tw\a\b"#)
        #expect(InertText.plain("\u{00}\u{7F}\u{85}\u{9B}") == #"\u0000\u007f\u0085\u009b"#)
        #expect(InertText.plain("\u{202E}\u{2066}\u{2069}\u{200F}\u{061C}\u{2028}") == #"\u202e\u2066\u2069\u200f\u061c\u2028"#)
        let ordinary = "ResourceInitializationError — dial tcp 10.0.0.1:443: i/o timeout → é 日本"
        #expect(InertText.plain(ordinary) == ordinary)
    }

    @Test func markdownCannotStartMarkup() {
        #expect(InertText.markdown("<b>x</b>") == #"\<b\>x\</b\>"#)
        #expect(InertText.markdown("[a](b) ![c](d)") == #"\[a\](b) !\[c\](d)"#)
        #expect(InertText.markdown("see https://x.example/a_b") == "see `https://x.example/a_b`")
        #expect(InertText.markdown("a|b", inTable: true) == #"a\|b"#)
        #expect(InertText.markdown("http://a|b", inTable: true) == #"`http://a\|b`"#)
        #expect(InertText.markdown("&amp; #1 *x* _y_ ~z~") == ##"\&amp; \#1 \*x\* \_y\_ \~z\~"##)
        #expect(InertText.codeSpan("a`b") == "``a`b``")
        #expect(InertText.codeSpan("`a") == "`` `a ``")
    }
}
