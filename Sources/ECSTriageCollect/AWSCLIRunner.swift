import ECSTriage
import Foundation

/// Runs one call; the `Collector` runs several at once.
public protocol AWSCommandRunner: Sendable {
    func run(_ call: AWSCall) -> CallOutcome
}

/// Runs the user's own `aws` CLI, v1 or v2, so that every credential setup
/// (profiles, SSO, environment, instance roles) works unchanged and
/// `AWS_ENDPOINT_URL` is honoured the way the CLI honours it.
public struct AWSCLIRunner: AWSCommandRunner {
    public let executable: URL
    public let region: String?
    public let profile: String?
    public let environment: [String: String]
    /// A call still running after this is stopped and recorded as failed.
    public let timeout: TimeInterval

    public init(executable: URL, region: String? = nil, profile: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment, timeout: TimeInterval = 120) {
        self.executable = executable
        self.region = region
        self.profile = profile
        self.environment = environment
        self.timeout = timeout
    }

    /// The `aws` executable on `PATH`, if any.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        for directory in (environment["PATH"] ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("aws")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// `aws <service> <operation> --option=value... --output json [--region=R] [--profile=P]`.
    /// Every value is joined to its option, so none is read as an option
    /// (`AWSCall.arguments`). Both CLI versions accept these; `--no-cli-pager`
    /// is v2 only, so the pager is turned off through `AWS_PAGER` instead.
    public func commandArguments(for call: AWSCall) -> [String] {
        var arguments = [call.operation.service, call.operation.name] + call.arguments + ["--output", "json"]
        if let region = call.region ?? region { arguments.append("--region=" + region) }
        if let profile { arguments.append("--profile=" + profile) }
        return arguments
    }

    public func run(_ call: AWSCall) -> CallOutcome {
        if let refusal = call.refusal { return .failed(CallFailure(message: refusal)) }
        let process = Process()
        process.executableURL = executable
        process.arguments = commandArguments(for: call)
        var environment = self.environment
        environment["AWS_PAGER"] = ""
        environment["AWS_CLI_AUTO_PROMPT"] = "off"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failed(CallFailure(message: "cannot run \(executable.path): \(error.localizedDescription)"))
        }
        // Standard error is drained on its own thread so that neither pipe fills up.
        let errorText = DataBox()
        let drained = DispatchGroup()
        drained.enter()
        DispatchQueue.global().async {
            errorText.set(errors.fileHandleForReading.readDataToEndOfFile())
            drained.leave()
        }
        let watchdog = DispatchWorkItem { [process] in
            if process.isRunning { process.terminate() }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        watchdog.cancel()

        if process.terminationReason == .uncaughtSignal {
            return .failed(CallFailure(message: "no answer within \(Int(timeout)) s; stopped"))
        }
        guard process.terminationStatus == 0 else {
            var message = String(decoding: errorText.get(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if message.isEmpty { message = String(decoding: outputData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
            if message.isEmpty { message = "exit status \(process.terminationStatus)" }
            return .failed(CallFailure(message: message))
        }
        let bytes = [UInt8](outputData)
        guard bytes.contains(where: { !$0.isWhitespaceByte }) else { return .output(.object([])) }
        do {
            return .output(try JSONParser.parse(bytes))
        } catch {
            return .failed(CallFailure(message: "the CLI printed something that is not JSON (line \(error.line), column \(error.column): \(error.message))"))
        }
    }
}

private final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ value: Data) {
        lock.lock()
        data = value
        lock.unlock()
    }

    func get() -> Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}

private extension UInt8 {
    var isWhitespaceByte: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}
