import ECSTriage
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The CLI owns all I/O: it reads inputs, calls the library, prints, exits.

enum ExitCode {
    static let ok: Int32 = 0
    static let findings: Int32 = 1
    static let usage: Int32 = 64
    static let input: Int32 = 65
    /// `collect`: the `aws` CLI is missing or has no working credentials (EX_UNAVAILABLE).
    static let unavailable: Int32 = 69
    static let internalError: Int32 = 70
}

struct UsageError: Error {
    var message: String
    var usage: String
}

let mainUsage = "ecs-triage <command> [options]"
let analyzeUsage = "ecs-triage analyze [FILE... | --cluster CLUSTER [--service SERVICE ...] [--task TASK ...]] [--format text|json|markdown|sarif] [--fail-on SEVERITY] [--ignore RULE_ID[,...]] [--redact | --no-redact] [--redact-accounts] [--max-input-size SIZE]"
let explainUsage = "ecs-triage explain RULE_ID"
let rulesUsage = "ecs-triage rules"

let mainHelp = """
OVERVIEW: Tell why an Amazon ECS task or service is failing, and how to fix it.

USAGE: \(mainUsage)

COMMANDS:
  analyze     Analyse AWS CLI JSON output, EventBridge events or pasted messages
  collect     Snapshot a live cluster, service or task with your `aws` CLI
  rules       List every rule: id, category, severity
  explain     Print the playbook of a rule

OPTIONS:
  --version   Print the version
  -h, --help  Show help; `ecs-triage <command> --help` for a command

EXAMPLES:
  aws ecs describe-tasks --cluster prod --tasks 0f3c... | ecs-triage analyze
  ecs-triage analyze tasks.json subnets.json route-tables.json --format json
  echo 'CannotPullContainerError: ...' | ecs-triage analyze
  ecs-triage collect --cluster prod --service web -o web.json
  ecs-triage analyze --cluster prod --service web --format markdown

"""

let analyzeHelp = """
OVERVIEW: Analyse a snapshot of an ECS deployment and rank the root causes.

USAGE: \(analyzeUsage)

ARGUMENTS:
  FILE                   AWS CLI JSON output (one document, several, a JSON array
                         or JSON Lines), a merged snapshot, an EventBridge event,
                         or plain text. `-` or no FILE reads standard input.

OPTIONS:
  --format <format>      text (default), json, markdown or sarif (SARIF 2.1.0)
  --fail-on <severity>   exit 1 when a finding is at or above it: critical, high,
                         medium, low (default) or info (any finding fails)
  --ignore <ids>         comma-separated rule ids to leave out (repeatable)
  --redact               hide environment values and secret-looking strings
                         (the default for --format markdown)
  --no-redact            show them, even in Markdown
  --redact-accounts      also map account ids to ACCOUNT-1, ACCOUNT-2... (implies --redact)
  --max-input-size <size>
                         stop with exit 65 when an input (file, FIFO or standard
                         input) is larger: bytes, or 512K, 10M, 2G (default 1G)
  -h, --help             Show this help

LIVE (collect first, then analyse; see `ecs-triage collect --help`):
  --cluster <cluster>    --service <service>   --task <task>
  --region <region>      --profile <profile>   --concurrency <n>
  --via-cli              --verbose

EXIT STATUS:
  0 no finding at or above --fail-on; 1 found something (a finding at or
  above --fail-on); 64 usage error;
  65 input error (file, line and column or JSON pointer named; or nothing
  collected); 69 no working credentials (or `aws` needed and missing); 70 internal error

"""

let rulesHelp = """
OVERVIEW: List every rule ecs-triage runs.

USAGE: \(rulesUsage)

"""

let explainHelp = """
OVERVIEW: Print the playbook of a rule: what it means, how it shows up, how to
confirm it, how to fix it.

USAGE: \(explainUsage)

"""

func printError(_ text: String) {
    write(text, to: STDERR_FILENO)
}

/// Everything for standard output goes through here, unbuffered: `print`
/// buffers in stdio, and a process ended without stdio's exit handlers (a
/// sanitizer's leak report, a signal) lost the whole report.
func writeOutput(_ text: String) {
    write(text, to: STDOUT_FILENO)
}

func write(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { write($0, to: descriptor) }
}

/// Writes straight from the buffer: a whole account's JSON report is tens of
/// megabytes, and wrapping it in `Data` first copied it.
func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            return  // the reader is gone (a closed pipe, with SIGPIPE ignored)
        }
        offset += written
    }
}

/// Default of `--max-input-size`: far above any snapshot (a 20,000-task
/// account is tens of MB), far below what exhausts a laptop's memory.
let defaultMaximumInputSize = 1 << 30

/// Reads a file, standard input (`-`) or a FIFO in chunks, failing as soon as
/// more than `limit` bytes have arrived: a FIFO or pipe that never ends, or a
/// huge file, stops with an input error instead of exhausting memory.
func readInput(_ path: String, limit: Int) throws -> InputFile {
    let name = SnapshotLoader.displayName(path)
    let descriptor: Int32
    if path == "-" {
        descriptor = STDIN_FILENO
    } else {
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputError.unreadable(file: path, reason: systemErrorText()) }
    }
    defer { if descriptor != STDIN_FILENO { close(descriptor) } }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw InputError.unreadable(file: name, reason: systemErrorText()) }
    let kind = status.st_mode & S_IFMT
    if kind == S_IFDIR { throw InputError.unreadable(file: name, reason: "is a directory") }
    var bytes: [UInt8] = []
    if kind == S_IFREG {
        // A regular file's size is known: refuse before reading any of it.
        guard Int(status.st_size) <= limit else { throw InputError.tooLarge(file: name, limit: limit) }
        bytes.reserveCapacity(Int(status.st_size))
    }
    let chunkSize = 1 << 20
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
        if count == 0 { break }
        if count < 0 {
            if errno == EINTR { continue }
            throw InputError.unreadable(file: name, reason: systemErrorText())
        }
        guard bytes.count + count <= limit else { throw InputError.tooLarge(file: name, limit: limit) }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return InputFile(name: path, bytes: bytes)
}

/// `errno` as a message reads it: "no such file or directory".
func systemErrorText() -> String {
    let text = String(cString: strerror(errno))
    return text.prefix(1).lowercased() + text.dropFirst()
}

/// Bytes from `1048576`, `512K`, `10M`, `1G` (powers of 1024; `KB`, `MiB`... also read).
func parseSize(_ text: String) -> Int? {
    let upper = text.uppercased()
    var digits = Substring(upper)
    var factor = 1
    for (suffixes, size) in [(["KIB", "KB", "K"], 1 << 10), (["MIB", "MB", "M"], 1 << 20), (["GIB", "GB", "G"], 1 << 30)] {
        if let suffix = suffixes.first(where: { upper.hasSuffix($0) }) {
            digits = upper.dropLast(suffix.count)
            factor = size
            break
        }
    }
    if digits.hasSuffix("B") && factor == 1 { digits = digits.dropLast() }
    guard let number = Int(digits.trimmingCharacters(in: .whitespaces)), number > 0 else { return nil }
    let (bytes, overflow) = number.multipliedReportingOverflow(by: factor)
    return overflow ? nil : bytes
}

func runAnalyze(_ arguments: [String]) throws -> Int32 {
    var paths: [String] = []
    var format = "text"
    var failOn = Severity.low
    var ignored = Set<String>()
    var live = LiveOptions()
    var redaction = RedactionOptions()
    var maximumInputSize = defaultMaximumInputSize
    var index = 0
    func value(for option: String) throws -> String {
        index += 1
        guard index < arguments.count else { throw UsageError(message: "missing value for '\(option)'", usage: analyzeUsage) }
        return arguments[index]
    }
    while index < arguments.count {
        let argument = arguments[index]
        var option = argument
        var inlineValue: String?
        if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
            option = String(argument[..<equals])
            inlineValue = String(argument[argument.index(after: equals)...])
        }
        switch option {
        case "-h", "--help":
            writeOutput(analyzeHelp)
            return ExitCode.ok
        case "--format":
            format = try inlineValue ?? value(for: option)
            guard ["text", "json", "markdown", "sarif"].contains(format) else {
                throw UsageError(message: "the value '\(format)' is invalid for '--format': use text, json, markdown or sarif", usage: analyzeUsage)
            }
        case "--fail-on":
            let text = try inlineValue ?? value(for: option)
            guard let severity = Severity(rawValue: text.lowercased()) else {
                throw UsageError(message: "the value '\(text)' is invalid for '--fail-on': use critical, high, medium, low or info", usage: analyzeUsage)
            }
            failOn = severity
        case "--ignore":
            let text = try inlineValue ?? value(for: option)
            for id in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty {
                guard RuleRegistry.rule(id) != nil else {
                    throw UsageError(message: "unknown rule id '\(id)' for '--ignore' (see 'ecs-triage rules')", usage: analyzeUsage)
                }
                ignored.insert(id)
            }
        case "--max-input-size":
            let text = try inlineValue ?? value(for: option)
            guard let size = parseSize(text) else {
                throw UsageError(message: "the value '\(text)' is invalid for '--max-input-size': use bytes, or a size like 10M or 2G", usage: analyzeUsage)
            }
            maximumInputSize = size
        default:
            if try live.parse(option, value: { try inlineValue ?? value(for: option) }, usage: analyzeUsage) || redaction.parse(option) { break }
            if argument.hasPrefix("-") && argument != "-" {
                throw UsageError(message: "unknown option '\(argument)'", usage: analyzeUsage)
            }
            paths.append(argument)
        }
        index += 1
    }
    let snapshot: Snapshot
    if live.isRequested {
        guard paths.isEmpty else {
            throw UsageError(message: "give either FILEs or --cluster (to collect first), not both", usage: analyzeUsage)
        }
        let result = try collectLive(live, usage: analyzeUsage)
        guard result.isUseful else {
            printError("Error: \(nothingCollectedMessage(result, live))\n")
            return ExitCode.input
        }
        snapshot = try SnapshotLoader.load(collected: result.snapshot, name: "collect")
    } else {
        snapshot = try loadFiles(paths, maximumSize: maximumInputSize)
    }
    var report = Analyzer.analyze(snapshot, ignoring: ignored)
    if redaction.isOn(byDefault: format == "markdown") {
        var redactor = Redactor(accounts: redaction.accounts, knownSecrets: Redactor.environmentValues(in: snapshot))
        report = redactor.redact(report)
    }
    switch format {
    case "json": JSONReporter.renderBytes(report).withUnsafeBufferPointer { write($0, to: STDOUT_FILENO) }
    case "markdown": writeOutput(MarkdownReporter.render(report))
    case "sarif": writeOutput(SARIFReporter.render(report, inputs: live.isRequested ? ["collect"] : paths.isEmpty ? ["-"] : paths))
    default:
        // NO_COLOR counts when set and not empty (no-color.org).
        let color = isatty(STDOUT_FILENO) != 0 && (getenv("NO_COLOR").map { $0.pointee == 0 } ?? true)
        writeOutput(TextReporter.render(report, color: color))
    }
    // End the process here, with the snapshot and report still alive:
    // freeing a whole account's models object by object took a tenth of the
    // run, and the operating system reclaims the memory at once.
    exit(report.fails(at: failOn) ? ExitCode.findings : ExitCode.ok)
}

func loadFiles(_ givenPaths: [String], maximumSize: Int) throws -> Snapshot {
    var paths = givenPaths
    if paths.isEmpty {
        guard isatty(STDIN_FILENO) == 0 else {
            throw UsageError(message: "no input: give a FILE, or pipe AWS CLI output or a stopped reason into standard input", usage: analyzeUsage)
        }
        paths = ["-"]
    }
    return try SnapshotLoader.load(paths.map { try readInput($0, limit: maximumSize) })
}

func padded(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
}

func runRules(_ arguments: [String]) throws -> Int32 {
    if arguments.contains("-h") || arguments.contains("--help") {
        writeOutput(rulesHelp)
        return ExitCode.ok
    }
    if let extra = arguments.first { throw UsageError(message: "unexpected argument '\(extra)'", usage: rulesUsage) }
    let rules = RuleRegistry.descriptions.sorted { (a: RuleDescription, b: RuleDescription) -> Bool in
        if a.category.rawValue != b.category.rawValue { return a.category.rawValue < b.category.rawValue }
        return a.id < b.id
    }
    let idWidth = rules.map { $0.id.count }.max() ?? 2
    let categoryWidth = max(8, rules.map { $0.category.rawValue.count }.max() ?? 8)
    let header: [String] = [padded("ID", idWidth), padded("CATEGORY", categoryWidth), padded("SEVERITY", 8), "KIND"]
    writeOutput(header.joined(separator: "  ") + "\n")
    for rule in rules {
        let row: [String] = [padded(rule.id, idWidth), padded(rule.category.rawValue, categoryWidth), padded(rule.severity.rawValue, 8), rule.kind.rawValue]
        writeOutput(row.joined(separator: "  ") + "\n")
    }
    return ExitCode.ok
}

func runExplain(_ arguments: [String]) throws -> Int32 {
    if arguments.contains("-h") || arguments.contains("--help") {
        writeOutput(explainHelp)
        return ExitCode.ok
    }
    guard arguments.count == 1 else {
        throw UsageError(message: arguments.isEmpty ? "missing RULE_ID" : "expected one RULE_ID", usage: explainUsage)
    }
    guard let text = Playbooks.text(for: arguments[0]) else {
        throw UsageError(message: "unknown rule id '\(arguments[0])' (see 'ecs-triage rules')", usage: explainUsage)
    }
    writeOutput(text.hasSuffix("\n") ? text : text + "\n")
    return ExitCode.ok
}

func run(_ arguments: [String]) -> Int32 {
    do {
        guard let command = arguments.first else {
            throw UsageError(message: "missing command", usage: mainUsage)
        }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "analyze": return try runAnalyze(rest)
        case "rules": return try runRules(rest)
        case "explain": return try runExplain(rest)
        case "collect": return try runCollect(rest)
        case "-h", "--help", "help":
            writeOutput(mainHelp)
            return ExitCode.ok
        case "--version", "version":
            writeOutput("\(ToolInfo.name) \(ToolInfo.version)\n")
            return ExitCode.ok
        default:
            throw UsageError(message: "unknown command '\(command)'", usage: mainUsage)
        }
    } catch let error as UsageError {
        printError("Error: \(error.message)\nUsage: \(error.usage)\n  See 'ecs-triage --help'.\n")
        return ExitCode.usage
    } catch let error as InputError {
        // It quotes the input (file names, keys): an escape sequence in it must not reach the terminal.
        printError("Error: \(InertText.plain(error.message))\n")
        return ExitCode.input
    } catch let error as CollectUnavailable {
        printError("Error: \(error.message)\n")
        return ExitCode.unavailable
    } catch {
        printError("Internal error: \(error)\nThis is a bug in ecs-triage; please report it with the input that caused it.\n")
        return ExitCode.internalError
    }
}

let status = run(Array(CommandLine.arguments.dropFirst()))
exit(status)
