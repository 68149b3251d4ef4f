import ECSTriage
import ECSTriageCollect
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// `collect`, and `analyze --cluster`: call AWS (natively, or through the
// user's `aws` CLI), report progress and failed calls on stderr.

let collectUsage = "ecs-triage collect --cluster CLUSTER [--service SERVICE ...] [--task TASK ...] [--region REGION] [--profile PROFILE] [--via-cli] [--verbose] [-o FILE] [--redact] [--redact-accounts]"

let collectHelp = """
OVERVIEW: Take a read-only snapshot of a live cluster, service or task, for
`ecs-triage analyze` to read anywhere, later. Calls AWS itself with your
credentials (environment, profile, container or instance role), or through
your `aws` CLI with --via-cli.

Stopped tasks vanish from the ECS API about an hour after they stop: collect
them while they are there. Only describe, list and get calls are made (see
samples/collect-iam-policy.json for the permissions); secret and parameter
values are never read. A call that fails is recorded in the snapshot under
`collectErrors` and the collection goes on.

USAGE: \(collectUsage)

OPTIONS:
  --cluster <cluster>    cluster name or ARN (required)
  --service <service>    service name or ARN (repeatable); none and no --task:
                         every service of the cluster
  --task <task>          task id or ARN (repeatable)
  --region <region>      region of the cluster (default: AWS_REGION,
                         AWS_DEFAULT_REGION, or the profile's region)
  --profile <profile>    profile of the shared config and credentials files
  --via-cli              make every call through the `aws` CLI
  --verbose              say how calls are made and which credentials are used
  -o, --output <file>    write the snapshot there (default: standard output)
  --concurrency <n>      calls at once (default 4)
  --redact               replace environment values and secret-looking strings
  --redact-accounts      also map account ids to ACCOUNT-1, ACCOUNT-2... (implies --redact)
  -h, --help             Show this help

EXIT STATUS:
  0 snapshot written (failed calls, if any, are listed as warnings);
  64 usage error; 65 nothing useful collected (cluster or service not found,
  or every ECS call failed); 69 no working credentials (each source tried is
  listed), or the `aws` CLI is needed and missing

"""

/// Options of a live collection, shared by `collect` and `analyze --cluster`.
struct LiveOptions {
    var cluster: String?
    var services: [String] = []
    var tasks: [String] = []
    var region: String?
    var profile: String?
    var concurrency = 4
    var viaCLI = false
    var verbose = false

    var isRequested: Bool { cluster != nil || !services.isEmpty || !tasks.isEmpty }

    /// Consumes `option` when it is one of ours.
    mutating func parse(_ option: String, value: () throws -> String, usage: String) throws -> Bool {
        switch option {
        case "--cluster": cluster = try value()
        case "--service": services += try value().split(separator: ",").map(String.init).filter { !$0.isEmpty }
        case "--task": tasks += try value().split(separator: ",").map(String.init).filter { !$0.isEmpty }
        case "--region": region = try value()
        case "--profile": profile = try value()
        case "--via-cli": viaCLI = true
        case "--verbose": verbose = true
        case "--concurrency":
            let text = try value()
            guard let number = Int(text), (1...32).contains(number) else {
                throw UsageError(message: "the value '\(text)' is invalid for '--concurrency': use a number from 1 to 32", usage: usage)
            }
            concurrency = number
        default: return false
        }
        return true
    }

    func request(usage: String) throws -> CollectRequest {
        guard let cluster, !cluster.isEmpty else {
            throw UsageError(message: "missing '--cluster': name the cluster of the services or tasks", usage: usage)
        }
        return CollectRequest(cluster: cluster, services: services, tasks: tasks, region: region)
    }
}

/// `--redact`, `--no-redact`, `--redact-accounts`.
struct RedactionOptions {
    var explicit: Bool?
    var accounts = false

    mutating func parse(_ option: String) -> Bool {
        switch option {
        case "--redact": explicit = true
        case "--no-redact": explicit = false
        case "--redact-accounts": accounts = true
        default: return false
        }
        return true
    }

    func isOn(byDefault: Bool) -> Bool { accounts || (explicit ?? byDefault) }
}

/// No working credentials, or the `aws` CLI is needed and missing (exit 69, EX_UNAVAILABLE).
struct CollectUnavailable: Error {
    var message: String
}

/// Collects, showing progress on a terminal and listing failed calls.
func collectLive(_ options: LiveOptions, usage: String) throws -> Collector.Result {
    let request = try options.request(usage: usage)
    let session: CollectSession
    do {
        session = try CollectSetup.session(.init(profile: options.profile, region: options.region, viaCLI: options.viaCLI,
                                                 concurrency: options.concurrency))
    } catch {
        throw CollectUnavailable(message: error.message)
    }
    if options.verbose {
        for line in session.description { printError("collect: \(line)\n") }
    }
    let onTerminal = isatty(STDERR_FILENO) != 0
    let collector = Collector(runner: session.runner, concurrency: options.concurrency)
    let result: Collector.Result
    do {
        result = try collector.collect(request) { progress in
            guard onTerminal else { return }
            printError("\r\u{1B}[Kcollecting \(progress.completed)/\(progress.total): \(progress.call.operation.rawValue)")
        }
    } catch {
        if onTerminal { printError("\r\u{1B}[K") }
        guard case let .identity(failure) = error else { throw error }
        throw CollectUnavailable(message: identityAdvice(failure, options: options, session: session))
    }
    if onTerminal { printError("\r\u{1B}[K") }
    let failures = result.failures
    printError("collected \(result.records.count) calls in \(String(format: "%.1f", result.seconds)) s"
               + (failures.isEmpty ? "\n" : ", \(failures.count) failed (recorded under collectErrors):\n"))
    for record in failures {
        let failure = record.outcome.failure!
        let call = record.call
        let answered = failure.isNotFound && call.operation.notFoundIsAnAnswer
        let command = (["aws", call.operation.rawValue] + call.recordedArguments).joined(separator: " ")
        let firstLine = failure.message.split(whereSeparator: \.isNewline).first.map(String.init) ?? failure.message
        printError("warning: \(command): \(firstLine)"
                   + (answered ? " (recorded: it does not exist)\n" : " (the snapshot lacks \(call.operation.keys.joined(separator: ", ")))\n"))
    }
    return result
}

func identityAdvice(_ failure: CallFailure, options: LiveOptions, session: CollectSession) -> String {
    let said = failure.message.trimmingCharacters(in: .whitespacesAndNewlines)
    let source = session.usesCLI ? "the AWS CLI has" : "ecs-triage has (\(session.description.last ?? ""))"
    let speaker = session.usesCLI ? "The CLI" : "AWS"
    if said.contains("Unable to locate credentials") || said.contains("could not be found") || said.contains("Token has expired")
        || said.contains("ExpiredToken") || said.contains("InvalidClientTokenId") || said.contains("SSO")
        || said.contains("SignatureDoesNotMatch") || said.contains("UnrecognizedClient") {
        return """
            \(source) no working credentials\(options.profile.map { " for profile \($0)" } ?? ""): configure them
            (`aws configure`, `aws sso login`, AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), check with
            `aws sts get-caller-identity`, then retry. \(speaker) said: \(said)
            """
    }
    return """
        `aws sts get-caller-identity` failed, so nothing can be collected. Check --profile, --region and network
        access (AWS_ENDPOINT_URL when you use an emulator). \(speaker) said: \(said)
        """
}

/// Why a collection gave nothing to analyse, for exit 65.
func nothingCollectedMessage(_ result: Collector.Result, _ options: LiveOptions) -> String {
    var reasons = (result.snapshot["failures"]?.arrayValue ?? []).compactMap { failure -> String? in
        guard let arn = failure["arn"]?.stringValue else { return nil }
        return "\(arn): \(failure["reason"]?.stringValue ?? "failed")"
    }
    reasons += result.failures.filter { $0.call.operation.service == "ecs" }.map { record in
        "aws \(record.call.operation.rawValue): " + (record.outcome.failure!.message.split(whereSeparator: \.isNewline).first.map(String.init) ?? "")
    }
    let target = ([options.cluster.map { "cluster \($0)" }] + options.services.map { "service \($0)" } + options.tasks.map { "task \($0)" })
        .compactMap { $0 }.joined(separator: ", ")
    return "nothing useful was collected for \(target)\(options.region.map { " in \($0)" } ?? ""): no service, task or task definition"
        + (reasons.isEmpty ? "; check the names and the region" : " (" + Array(Set(reasons)).sorted().joined(separator: "; ") + ")")
}

func runCollect(_ arguments: [String]) throws -> Int32 {
    var live = LiveOptions()
    var redaction = RedactionOptions()
    var outputPath: String?
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        var option = argument
        var inlineValue: String?
        if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
            option = String(argument[..<equals])
            inlineValue = String(argument[argument.index(after: equals)...])
        }
        func value() throws -> String {
            if let inlineValue { return inlineValue }
            index += 1
            guard index < arguments.count else { throw UsageError(message: "missing value for '\(option)'", usage: collectUsage) }
            return arguments[index]
        }
        switch option {
        case "-h", "--help":
            writeOutput(collectHelp)
            return ExitCode.ok
        case "-o", "--output":
            outputPath = try value()
        default:
            guard try live.parse(option, value: value, usage: collectUsage) || redaction.parse(option) else {
                throw UsageError(message: argument.hasPrefix("-") ? "unknown option '\(argument)'" : "unexpected argument '\(argument)'", usage: collectUsage)
            }
        }
        index += 1
    }
    let result = try collectLive(live, usage: collectUsage)
    var snapshot = result.snapshot
    if redaction.isOn(byDefault: false) {
        var redactor = Redactor(accounts: redaction.accounts)
        snapshot = redactor.redact(snapshot)
    }
    let text = JSONWriter.write(snapshot)
    if let outputPath, outputPath != "-" {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
        } catch {
            throw InputError.unreadable(file: outputPath, reason: "cannot write: \(error.localizedDescription)")
        }
        printError("wrote \(outputPath)\n")
    } else {
        writeOutput(text)
    }
    guard result.isUseful else {
        printError("Error: \(nothingCollectedMessage(result, live))\n")
        return ExitCode.input
    }
    return ExitCode.ok
}
