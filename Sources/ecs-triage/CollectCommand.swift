import ECSTriage
import ECSTriageCollect
import Foundation

struct CollectCommand: Command {
    static let name = "collect"
    static let abstract = "Snapshot a live cluster, service or task, read-only."
    static let discussion = """
        A read-only snapshot for `ecs-triage analyze` to read anywhere, later. Calls AWS
        itself with your credentials (environment, profile, container or instance
        role), or through your `aws` CLI with --via-cli.

        Stopped tasks vanish from the ECS API about an hour after they stop: collect
        them while they are there. Only describe, list and get calls are made (see
        docs/collect-iam-policy.json for the permissions); secret and parameter
        values are never read. A call that fails is recorded in the snapshot under
        `collectErrors` and the collection goes on.
        """

    static let options: [Option<Self>] = LiveOptions.options(\.live, clusterRequired: true, clusterHelp: "cluster name or ARN (required)") + [
        .option("-o", "--output", value: "file", help: "write the snapshot there (default: standard output)") { $0.outputPath = $1 },
    ] + RedactionRequest.options(\.redaction, byDefault: "(off by default: the snapshot is your evidence)")

    static let epilogue = """
        EXIT STATUS:
          0 snapshot written (failed calls, if any, are listed as warnings);
          64 usage error; 65 nothing useful collected (cluster or service not found,
          or every ECS call failed); 69 no working credentials (each source tried is
          listed), or the `aws` CLI is needed and missing
        """

    var live = LiveOptions()
    var redaction = RedactionRequest()
    var outputPath: String?

    func run() throws -> Int32 {
        let (result, verdict) = try collectLive(live)
        var snapshot = result.snapshot
        if redaction.appliesToSnapshot {
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
        if let reason = verdict.nothingUseful {
            printError("Error: \(reason)\n")
            return ExitCode.input
        }
        return ExitCode.ok
    }
}
