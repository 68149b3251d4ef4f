import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the moto AWS emulator (`moto_server`, from PyPI `moto[server]`) on a
/// free loopback port for end-to-end tests, and the `aws` CLI and
/// `ecs-triage` against it. Refuses any endpoint that is not loopback, gives
/// the CLI dummy credentials and no config file, and stops only the server
/// it started.
final class MotoServer: @unchecked Sendable {
    /// Why the moto tests cannot run here, or nil when they can.
    static let unavailableReason: String? = {
        guard let python = ProcessRunner.executable("python3") else {
            return "python3 not found: install Python 3, then `python3 -m pip install 'moto[server]' awscli`"
        }
        guard (try? ProcessRunner.run(python, ["-c", "import moto.server"], environment: ProcessInfo.processInfo.environment, timeout: 60).status) == 0 else {
            return "moto is not installed: `python3 -m pip install 'moto[server]' awscli`"
        }
        guard ProcessRunner.executable("aws") != nil else { return "the aws CLI is not on PATH: `python3 -m pip install awscli`" }
        return nil
    }()

    /// CI sets ECS_TRIAGE_REQUIRE_MOTO=1: there a missing emulator fails the tests instead of skipping them.
    static let required = ProcessInfo.processInfo.environment["ECS_TRIAGE_REQUIRE_MOTO"] == "1"

    static var shouldRun: Bool {
        if let reason = unavailableReason {
            FileHandle.standardError.write(Data("moto end-to-end tests \(required ? "cannot run" : "skipped"): \(reason)\n".utf8))
            return required
        }
        return true
    }

    let port: UInt16
    let endpoint: String
    let directory: URL
    private let process: Process

    /// Starts the server and waits until it accepts connections.
    static func start() throws -> MotoServer {
        var lastError: Error?
        for _ in 0..<3 {
            do { return try MotoServer() } catch { lastError = error }
        }
        throw lastError!
    }

    private init() throws {
        guard let python = ProcessRunner.executable("python3") else { throw HarnessError("python3 not found") }
        port = try Self.freePort()
        endpoint = "http://127.0.0.1:\(port)"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-triage-moto-\(port)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("moto.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = python
        process.arguments = ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !Self.accepts(port: port) {
            guard process.isRunning, Date() < deadline else {
                let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                stop()
                throw HarnessError("moto_server did not start on port \(port): \(output.suffix(2000))")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Stops the server this harness started, and only it, and removes its files.
    func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    /// The environment of the `aws` CLI and `ecs-triage` in the tests.
    func environment(credentials: Bool = true) throws -> [String: String] {
        try Self.environment(endpoint: endpoint, credentials: credentials)
    }

    /// The caller's environment without any AWS_ setting, pointed at a
    /// loopback emulator with dummy credentials. Throws for any other endpoint.
    static func environment(endpoint: String, credentials: Bool = true,
                            base: [String: String] = ProcessInfo.processInfo.environment) throws -> [String: String] {
        guard let url = URL(string: endpoint), url.scheme == "http", let host = url.host,
              ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) else {
            throw HarnessError("refusing to run the tests against \(endpoint): only a loopback emulator is allowed")
        }
        var environment = base.filter { !$0.key.hasPrefix("AWS_") }
        environment["AWS_ENDPOINT_URL"] = endpoint
        if credentials {
            environment["AWS_ACCESS_KEY_ID"] = "testing"
            environment["AWS_SECRET_ACCESS_KEY"] = "testing"
        }
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment["AWS_MAX_ATTEMPTS"] = "1"
        environment["AWS_PAGER"] = ""
        return environment
    }

    // MARK: Sockets

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static func tcpSocket() -> Int32 {
        #if canImport(Glibc)
        return socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        return socket(AF_INET, SOCK_STREAM, 0)
        #endif
    }

    /// A port the kernel just gave out on 127.0.0.1 (bound, then released).
    static func freePort() throws -> UInt16 {
        let descriptor = tcpSocket()
        guard descriptor >= 0 else { throw HarnessError("socket() failed") }
        defer { close(descriptor) }
        var address = loopback(port: 0)
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        guard bound == 0 else { throw HarnessError("bind() failed") }
        var actual = sockaddr_in()
        var actualLength = length
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &actualLength) } }
        return UInt16(bigEndian: actual.sin_port)
    }

    static func accepts(port: UInt16) -> Bool {
        let descriptor = tcpSocket()
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
