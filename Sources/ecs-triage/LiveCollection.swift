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

// A live collection, shared by `collect` and `analyze --cluster`: the
// options that describe it, and calling AWS (natively, or through the
// user's `aws` CLI) with progress and failed calls reported on stderr.

/// What to collect and how.
struct LiveOptions {
    var cluster: String?
    var services: [String] = []
    var tasks: [String] = []
    var region: String?
    var profile: String?
    var concurrency = 4
    var viaCLI = false
    var logLines = CollectRequest.defaultLogLines
    var readsMetrics = true
    var verbose = false

    var isRequested: Bool { cluster != nil || !services.isEmpty || !tasks.isEmpty }

    /// The option rows, for the command whose settings hold them at `keyPath`.
    static func options<Settings>(_ keyPath: WritableKeyPath<Settings, LiveOptions> & Sendable, clusterRequired: Bool,
                                  clusterHelp: String) -> [Option<Settings>] {
        [
            .option("--cluster", value: "cluster", required: clusterRequired, help: clusterHelp) { $0[keyPath: keyPath].cluster = $1 },
            .option("--service", value: "service", repeatable: true,
                    help: "service name or ARN (repeatable, or comma-separated); none and no --task: every service of the cluster") {
                $0[keyPath: keyPath].services += commaSeparated($1)
            },
            .option("--task", value: "task", repeatable: true, help: "task id or ARN (repeatable, or comma-separated)") {
                $0[keyPath: keyPath].tasks += commaSeparated($1)
            },
            .option("--region", value: "region", help: "region of the cluster (default: AWS_REGION, AWS_DEFAULT_REGION, or the profile's region)") {
                $0[keyPath: keyPath].region = $1
            },
            .option("--profile", value: "profile", help: "profile of the shared config and credentials files") { $0[keyPath: keyPath].profile = $1 },
            .option("--log-lines", value: "n", help: "last lines read from each stopped task's container log, 0 to 10000 (default 100; 0: none)") { settings, text in
                guard let number = Int(text), (0...10_000).contains(number) else {
                    throw UsageError("the value '\(text)' is invalid for '--log-lines': use a number from 0 to 10000")
                }
                settings[keyPath: keyPath].logLines = number
            },
            .flag("--no-metrics", help: "skip the services' and target groups' CloudWatch metrics (one get-metric-data call)") {
                $0[keyPath: keyPath].readsMetrics = false
            },
            .flag("--via-cli", help: "make every call through the `aws` CLI") { $0[keyPath: keyPath].viaCLI = true },
            .flag("--verbose", help: "say how calls are made and which credentials are used") { $0[keyPath: keyPath].verbose = true },
            .option("--concurrency", value: "n", help: "calls at once, 1 to 32 (default 4)") { settings, text in
                guard let number = Int(text), (1...32).contains(number) else {
                    throw UsageError("the value '\(text)' is invalid for '--concurrency': use a number from 1 to 32")
                }
                settings[keyPath: keyPath].concurrency = number
            },
        ]
    }

    func request() throws -> CollectRequest {
        guard let cluster, !cluster.isEmpty else {
            throw UsageError("missing '--cluster': name the cluster of the services or tasks")
        }
        return CollectRequest(cluster: cluster, services: services, tasks: tasks, region: region, logLines: logLines,
                              readsMetrics: readsMetrics)
    }
}

private func commaSeparated(_ text: String) -> [String] {
    text.split(separator: ",").map(String.init).filter { !$0.isEmpty }
}

extension RedactionRequest {
    /// `--redact`, `--no-redact`, `--redact-accounts`, for the command whose settings hold them at `keyPath`.
    static func options<Settings>(_ keyPath: WritableKeyPath<Settings, RedactionRequest> & Sendable,
                                  byDefault: String) -> [Option<Settings>] {
        [
            .flag("--redact", help: "hide environment values and secret-looking strings \(byDefault)") { $0[keyPath: keyPath].redact = true },
            .flag("--no-redact", help: "show them") { $0[keyPath: keyPath].redact = false },
            .flag("--redact-accounts", help: "also map account ids to ACCOUNT-1, ACCOUNT-2... (implies --redact)") {
                $0[keyPath: keyPath].accounts = true
            },
        ]
    }
}

/// Collects, showing progress on a terminal and listing failed calls.
/// Throws `CollectUnavailable` when there is no region or no working credentials.
func collectLive(_ options: LiveOptions) throws -> (result: Collector.Result, verdict: CollectVerdict) {
    let request = try options.request()
    let session: CollectSession
    do {
        session = try CollectSetup.session(.init(profile: options.profile, region: options.region, viaCLI: options.viaCLI,
                                                 concurrency: options.concurrency))
    } catch {
        throw CollectUnavailable(error)
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
        switch error {
        case let .identity(failure): throw CollectUnavailable(identityFailure: failure, profile: options.profile, session: session)
        }
    }
    if onTerminal { printError("\r\u{1B}[K") }
    let verdict = CollectVerdict(result, request: request)
    printError(verdict.summary + "\n")
    for warning in verdict.warnings { printError("warning: \(warning)\n") }
    return (result, verdict)
}
