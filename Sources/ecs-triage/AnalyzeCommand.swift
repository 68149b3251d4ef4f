import ECSTriage
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

struct AnalyzeCommand: Command {
    static let name = "analyze"
    static let abstract = "Analyse AWS CLI output, events or pasted messages."
    static let discussion = """
        Ranks the root causes of a failing ECS task or service, each with its evidence,
        the commands that fix it and the commands that would settle what the input
        cannot. A live cluster can be collected first (--cluster, see 'ecs-triage
        collect --help').
        """
    static let arguments: Arguments<Self>? = .list("file", help: """
        AWS CLI JSON output (one document, several, a JSON array or JSON Lines), a merged snapshot, an \
        EventBridge event, or plain text. `-` or no file reads standard input.
        """) { $0.files.append($1) }

    static let options: [Option<Self>] = [
        .choice("--format", value: "format", help: "text (default), json, markdown or sarif (SARIF 2.1.0)", \.format),
        .choice("--fail-on", value: "severity",
                help: "exit 1 when a finding is at or above it: critical, high, medium, low (default) or info (any finding fails)", \.failOn),
        .option("--ignore", value: "ids", repeatable: true, help: "comma-separated rule ids to leave out (repeatable)") { settings, text in
            for id in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty {
                guard RuleRegistry.rule(id) != nil else {
                    throw UsageError("unknown rule id '\(id)' for '--ignore' (see 'ecs-triage rules')")
                }
                settings.ignored.insert(id)
            }
        },
        .option("--parameter", value: "key=value", repeatable: true,
                help: "a CloudFormation template's parameter value (repeatable); parameters without one keep their Default") { settings, text in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw UsageError("the value '\(text)' is invalid for '--parameter': use Key=Value")
            }
            settings.parameters[String(text[..<equals])] = String(text[text.index(after: equals)...])
        },
    ] + RedactionRequest.options(\.redaction, byDefault: "(the default for --format markdown)") + [
        .option("--max-input-size", value: "size", help: """
            stop with exit 65 when an input (file, FIFO or standard input) is larger: bytes, or 512K, 10M, 2G \
            (default 1G)
            """) { settings, text in
            guard let size = parseSize(text) else {
                throw UsageError("the value '\(text)' is invalid for '--max-input-size': use bytes, or a size like 10M or 2G")
            }
            settings.maximumInputSize = size
        },
    ] + LiveOptions.options(\.live, clusterRequired: false,
                            clusterHelp: "collect from this cluster first, then analyse (see 'ecs-triage collect --help'); instead of files")

    static let epilogue = """
        EXIT STATUS:
          0 no finding at or above --fail-on; 1 found something (a finding at or
          above --fail-on); 64 usage error; 65 input error (file, line and column or
          JSON pointer named; or nothing collected); 69 no working credentials (or
          `aws` needed and missing); 70 internal error
        """

    var files: [String] = []
    var format = OutputFormat.text
    var failOn = Severity.low
    var ignored = Set<String>()
    var parameters: [String: String] = [:]
    var redaction = RedactionRequest()
    var maximumInputSize = defaultMaximumInputSize
    var live = LiveOptions()

    func run() throws -> Int32 {
        let snapshot: Snapshot
        if live.isRequested {
            guard files.isEmpty else { throw UsageError("give either files or --cluster (to collect first), not both", command: Self.self) }
            let (result, verdict) = try collectLive(live)
            if let reason = verdict.nothingUseful {
                printError("Error: \(reason)\n")
                return ExitCode.input
            }
            snapshot = try SnapshotLoader.load(collected: result.snapshot, name: "collect")
        } else {
            snapshot = try loadFiles()
        }
        var report = Analyzer.analyze(snapshot, ignoring: ignored)
        if redaction.appliesToReport(in: format) {
            var redactor = Redactor(accounts: redaction.accounts, knownSecrets: Redactor.knownSecrets(in: snapshot))
            report = redactor.redact(report)
        }
        switch format {
        case .json: JSONReporter.renderBytes(report).withUnsafeBufferPointer { write($0, to: STDOUT_FILENO) }
        case .markdown: writeOutput(MarkdownReporter.render(report))
        case .sarif: writeOutput(SARIFReporter.render(report, inputs: live.isRequested ? ["collect"] : files.isEmpty ? ["-"] : files))
        case .text:
            // NO_COLOR counts when set and not empty (no-color.org).
            let color = isatty(STDOUT_FILENO) != 0 && (getenv("NO_COLOR").map { $0.pointee == 0 } ?? true)
            writeOutput(TextReporter.render(report, color: color))
        }
        // End the process here, with the snapshot and report still alive:
        // freeing a whole account's models object by object took a tenth of the
        // run, and the operating system reclaims the memory at once.
        exit(report.fails(at: failOn) ? ExitCode.findings : ExitCode.ok)
    }

    func loadFiles() throws -> Snapshot {
        var paths = files
        if paths.isEmpty {
            guard isatty(STDIN_FILENO) == 0 else {
                throw UsageError("no input: give a file, or pipe AWS CLI output or a stopped reason into standard input", command: Self.self)
            }
            paths = ["-"]
        }
        return try SnapshotLoader.load(paths.map { try readInput($0, limit: maximumInputSize) }, parameters: parameters)
    }
}
