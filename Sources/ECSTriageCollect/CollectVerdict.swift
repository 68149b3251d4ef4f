import ECSTriage
import Foundation

/// Nothing can be collected at all: no region or no working credentials,
/// the `aws` CLI needed and missing, or `sts get-caller-identity` failed.
/// The CLI exits 69 (EX_UNAVAILABLE) with `message`.
public struct CollectUnavailable: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// `CollectSetup` found no region, no credentials, or no `aws` where one is needed.
        case setup
        /// AWS said the credentials do not work (missing, expired, invalid).
        case noCredentials
        /// The identity call failed otherwise (endpoint, network, region).
        case identityCheckFailed
    }

    public var reason: Reason
    /// What happened and what to do, for the user.
    public var message: String

    public init(_ setup: CollectSetup.Unavailable) {
        self.init(reason: .setup, message: setup.message)
    }

    /// Why the identity call failed, told apart by what AWS (or the CLI) said.
    public init(identityFailure failure: CallFailure, profile: String?, session: CollectSession) {
        let said = failure.message.trimmingCharacters(in: .whitespacesAndNewlines)
        let source = session.usesCLI ? "the AWS CLI has" : "ecs-triage has (\(session.description.last ?? ""))"
        let speaker = session.usesCLI ? "The CLI" : "AWS"
        let credentialProblems = ["Unable to locate credentials", "could not be found", "Token has expired", "ExpiredToken",
                                  "InvalidClientTokenId", "SSO", "SignatureDoesNotMatch", "UnrecognizedClient"]
        if credentialProblems.contains(where: said.contains) {
            self.init(reason: .noCredentials, message: """
                \(source) no working credentials\(profile.map { " for profile \($0)" } ?? ""): configure them
                (`aws configure`, `aws sso login`, AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), check with
                `aws sts get-caller-identity`, then retry. \(speaker) said: \(said)
                """)
        } else {
            self.init(reason: .identityCheckFailed, message: """
                `aws sts get-caller-identity` failed, so nothing can be collected. Check --profile, --region and network
                access (AWS_ENDPOINT_URL when you use an emulator). \(speaker) said: \(said)
                """)
        }
    }

    init(reason: Reason, message: String) {
        self.reason = reason
        self.message = message
    }
}

/// How a collection that ran ended: failed calls are warnings (the snapshot
/// records them under `collectErrors` and the analysis names what they
/// hide); a snapshot without any service, task or task definition means
/// nothing useful was collected (a wrong cluster, service or region), and
/// the CLI exits 65 with the reason.
public struct CollectVerdict: Sendable, Equatable {
    /// "collected 32 calls in 4.1 s", and how many failed.
    public var summary: String
    /// One line per failed call: the command, the first line of its error,
    /// and what the snapshot lacks because of it.
    public var warnings: [String]
    /// Set when nothing useful was collected.
    public var nothingUseful: String?

    public init(_ result: Collector.Result, request: CollectRequest) {
        let failures = result.failures
        summary = "collected \(result.records.count) calls in \(String(format: "%.1f", result.seconds)) s"
            + (failures.isEmpty ? "" : ", \(failures.count) failed (recorded under collectErrors):")
        warnings = failures.map { record in
            let failure = record.outcome.failure!
            let call = record.call
            let command = (["aws", call.operation.rawValue] + call.recordedArguments).joined(separator: " ")
            let answered = failure.isNotFound && call.operation.notFoundIsAnAnswer
            return "\(command): \(Self.firstLine(failure.message))"
                + (answered ? " (recorded: it does not exist)" : " (the snapshot lacks \(call.operation.keys.joined(separator: ", ")))")
        }
        nothingUseful = result.isUseful ? nil : Self.nothingUsefulReason(result, request: request)
    }

    static func nothingUsefulReason(_ result: Collector.Result, request: CollectRequest) -> String {
        var reasons = (result.snapshot["failures"]?.arrayValue ?? []).compactMap { failure -> String? in
            guard let arn = failure["arn"]?.stringValue else { return nil }
            return "\(arn): \(failure["reason"]?.stringValue ?? "failed")"
        }
        reasons += result.failures.filter { $0.call.operation.service == "ecs" }.map { record in
            "aws \(record.call.operation.rawValue): " + firstLine(record.outcome.failure!.message)
        }
        let target = (["cluster \(request.cluster)"] + request.services.map { "service \($0)" } + request.tasks.map { "task \($0)" })
            .joined(separator: ", ")
        return "nothing useful was collected for \(target)\(request.region.map { " in \($0)" } ?? ""): no service, task or task definition"
            + (reasons.isEmpty ? "; check the names and the region" : " (" + Array(Set(reasons)).sorted().joined(separator: "; ") + ")")
    }

    static func firstLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline).first.map(String.init) ?? message
    }
}
