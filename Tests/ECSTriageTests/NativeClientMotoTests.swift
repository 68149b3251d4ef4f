import ECSTriage
@testable import ECSTriageCollect
import Foundation
import Testing

/// The native client against the `aws` CLI, on one moto server with two
/// deployments (healthy-fargate.sh and coverage.sh, which together make
/// `collect` call every allowed operation; MotoEndToEndTests collects
/// broken-fargate.sh through the CLI):
/// 1. every call `collect` makes, made by both: the same JSON (keys sorted)
///    or the same error message;
/// 2. whole snapshots from `collect` and `collect --via-cli`: byte-identical
///    but for `collectedAt`;
/// 3. STS AssumeRole (a profile's `role_arn`) and `credential_process`
///    against the emulator, with no `aws` on PATH.
@Suite(.serialized)
struct NativeClientMotoTests {
    /// Runs each call through both runners; the collector goes on with the native outcome.
    final class DualRunner: AWSCommandRunner, @unchecked Sendable {
        let native: any AWSCommandRunner
        let cli: any AWSCommandRunner
        private let lock = NSLock()
        private var pairs: [(call: AWSCall, native: CallOutcome, cli: CallOutcome)] = []

        init(native: any AWSCommandRunner, cli: any AWSCommandRunner) {
            self.native = native
            self.cli = cli
        }

        var compared: [(call: AWSCall, native: CallOutcome, cli: CallOutcome)] {
            lock.lock()
            defer { lock.unlock() }
            return pairs
        }

        func run(_ call: AWSCall) -> CallOutcome {
            let nativeOutcome = native.run(call), cliOutcome = cli.run(call)
            lock.lock()
            pairs.append((call, nativeOutcome, cliOutcome))
            lock.unlock()
            return nativeOutcome
        }
    }

    static func text(_ outcome: CallOutcome) -> String {
        switch outcome {
        case let .output(value): return JSONWriter.write(value)
        case let .failed(failure): return "error: " + failure.message
        }
    }

    static func withoutCollectedAt(_ snapshot: String) throws -> String {
        guard case let .object(members) = try JSONParser.parse(Array(snapshot.utf8)) else { return snapshot }
        return JSONWriter.write(.object(members.filter { $0.key != "collectedAt" }))
    }

    @Test(.enabled(if: MotoServer.shouldRun, "needs python3 with moto[server] and the aws CLI"), .timeLimit(.minutes(15)))
    func nativeClientEqualsTheCLI() throws {
        if let reason = MotoServer.unavailableReason { Issue.record("ECS_TRIAGE_REQUIRE_MOTO=1 but \(reason)"); return }
        let server = try MotoServer.start()
        defer { server.stop() }
        let environment = try server.environment()
        try server.freezeTaskStates()
        try MotoEndToEndTests().deploy([["healthy-fargate.sh"], ["coverage.sh"]], environment: environment)
        let aws = try #require(ProcessRunner.executable("aws"))

        // 1. Every call of two collections, made by both.
        let native = try CollectSetup.session(.init(profile: nil, region: "us-east-1", viaCLI: false, concurrency: 4,
                                                    environment: environment, awsExecutable: nil))
        #expect(!native.usesCLI)
        let dual = DualRunner(native: native.runner, cli: AWSCLIRunner(executable: aws, region: "us-east-1", environment: environment))
        for request in [CollectRequest(cluster: "healthy", region: "us-east-1"), CollectRequest(cluster: "coverage", region: "us-east-1")] {
            _ = try Collector(runner: dual, concurrency: 4).collect(request)
        }
        let compared = dual.compared
        for (call, nativeOutcome, cliOutcome) in compared {
            #expect(Self.text(nativeOutcome) == Self.text(cliOutcome), "aws \(call.operation.rawValue) \(call.arguments.joined(separator: " "))")
        }
        let exercised = Set(compared.map(\.call.operation))
        #expect(exercised == Set(AWSOperation.allCases), "not exercised: \(Set(AWSOperation.allCases).subtracting(exercised).map(\.rawValue).sorted())")
        #expect(compared.contains { $0.native.failure?.isNotFound == true }, "a not-found error is compared too")
        FileHandle.standardError.write(Data("native client vs aws CLI against moto: \(compared.count) calls of \(exercised.count) operations compared\n".utf8))

        // 2. A whole snapshot through the binary, and the time each way takes.
        for arguments in [["--cluster", "healthy", "--service", "web", "--region", "us-east-1"]] {
            let start = Date()
            let nativeRun = try ProcessRunner.run(CLI.binary, ["collect"] + arguments, environment: environment, timeout: 240)
            let nativeSeconds = Date().timeIntervalSince(start)
            let cliRun = try ProcessRunner.run(CLI.binary, ["collect", "--via-cli"] + arguments, environment: environment, timeout: 240)
            let cliSeconds = Date().timeIntervalSince(start) - nativeSeconds
            #expect(nativeRun.status == 0 && cliRun.status == 0, "\(nativeRun.stderr)\(cliRun.stderr)")
            #expect(try Self.withoutCollectedAt(nativeRun.stdout) == Self.withoutCollectedAt(cliRun.stdout), "collect \(arguments.joined(separator: " "))")
            FileHandle.standardError.write(Data("collect \(arguments.joined(separator: " ")) against moto: native \(String(format: "%.2f", nativeSeconds)) s, --via-cli \(String(format: "%.2f", cliSeconds)) s\n".utf8))
        }

        try collectWithProfilesWithoutTheCLI(server)
    }


    /// 3. STS AssumeRole and credential_process against the emulator, with no `aws` on PATH.
    func collectWithProfilesWithoutTheCLI(_ server: MotoServer) throws {
        var environment = try server.environment()
        let directory = server.directory
        let helper = directory.appendingPathComponent("credentials-helper")
        try Data("#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"testing\"}'\n".utf8).write(to: helper)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: helper.path)
        let config = directory.appendingPathComponent("config")
        try Data("""
            [profile base]
            aws_access_key_id = AKIDBASE
            aws_secret_access_key = testing
            region = us-east-1
            [profile reader]
            role_arn = arn:aws:iam::123456789012:role/reader
            source_profile = base
            region = us-east-1
            [profile process]
            credential_process = \(helper.path)
            region = us-east-1
            """.utf8).write(to: config)
        environment["AWS_CONFIG_FILE"] = config.path
        environment["AWS_ACCESS_KEY_ID"] = nil
        environment["AWS_SECRET_ACCESS_KEY"] = nil
        environment["AWS_DEFAULT_REGION"] = nil
        environment["PATH"] = "/usr/bin:/bin"
        #expect(ProcessRunner.executable("aws", path: environment["PATH"]) == nil, "the aws CLI must not be reachable here")

        let assumed = try ProcessRunner.run(CLI.binary, ["collect", "--cluster", "healthy", "--profile", "reader", "--verbose"], environment: environment, timeout: 120)
        #expect(assumed.status == 0, "\(assumed.stderr)")
        #expect(assumed.stderr.contains("credentials: profile reader: role arn:aws:iam::123456789012:role/reader assumed with profile base: static keys"),
                "\(assumed.stderr)")
        let snapshot = try JSONParser.parse(Array(assumed.stdout.utf8))
        #expect(snapshot["services"]?.arrayValue?.count == 1 && snapshot["collectErrors"] == nil)

        environment["AWS_PROFILE"] = "process"
        let processed = try ProcessRunner.run(CLI.binary, ["collect", "--cluster", "healthy", "--verbose"], environment: environment, timeout: 120)
        #expect(processed.status == 0 && processed.stderr.contains("credentials: profile process: credential_process"), "\(processed.stderr)")
    }
}

extension MotoServer {
    /// moto moves an ECS task one step through its lifecycle on every
    /// describe-tasks; held still, two collections of a running task agree.
    func freezeTaskStates() throws {
        let url = URL(string: endpoint + "/moto-api/state-manager/set-transition")!
        let body = #"{"model_name": "ecs::task", "transition": {"progression": "manual", "times": 1000000}}"#
        let result = URLSessionTransport().send(HTTPRequest(method: "POST", url: url, headers: [], body: Array(body.utf8)), timeout: 30)
        guard case let .success(response) = result, (200..<300).contains(response.status) else { throw HarnessError("moto did not accept the state-manager transition: \(result)") }
    }
}
