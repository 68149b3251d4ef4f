import Foundation

/// Runs a program to completion: the one runner of every test that starts a
/// process (the built `ecs-triage` above all, through `CLI`). Its output goes
/// to files, so no pipe fills up whatever it prints on either stream; a
/// watchdog stops it after `timeout` seconds.
enum ProcessRunner {
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdoutBytes: [UInt8]
        var stderr: String
        /// The watchdog stopped the process.
        var timedOut = false

        var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
        var description: String { "exit \(status)\(timedOut ? " (timed out)" : "")\nstdout: \(stdout)\nstderr: \(stderr)" }
    }

    /// - Parameters:
    ///   - input: written to standard input once the process runs; else
    ///     `standardInput` (a file handle or pipe), else nothing.
    ///   - environment: the whole environment of the process.
    static func run(_ executable: URL, _ arguments: [String], input: Data? = nil, standardInput: Any? = nil,
                    environment: [String: String], currentDirectory: URL = TestSupport.packageRoot,
                    timeout: TimeInterval) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-triage-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("stdout"), err = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = currentDirectory
        let stdoutHandle = try FileHandle(forWritingTo: out), stderrHandle = try FileHandle(forWritingTo: err)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        let inputPipe = Pipe()
        process.standardInput = input != nil ? inputPipe : (standardInput ?? FileHandle.nullDevice)
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(input)
            try inputPipe.fileHandleForWriting.close()
        }
        let timedOut = Flag()
        let watchdog = DispatchWorkItem { [process] in
            if process.isRunning {
                timedOut.raise()
                process.terminate()
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        return Result(status: process.terminationStatus, stdoutBytes: [UInt8]((try? Data(contentsOf: out)) ?? Data()),
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "", timedOut: timedOut.isRaised)
    }

    /// Set by the watchdog's thread, read by the test's.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var raised = false

        func raise() {
            lock.lock()
            defer { lock.unlock() }
            raised = true
        }

        var isRaised: Bool {
            lock.lock()
            defer { lock.unlock() }
            return raised
        }
    }

    /// The program `name` on `PATH`, if any.
    static func executable(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        for directory in (path ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// The built `ecs-triage`, run from the package root with the test's
/// environment plus `environment`.
enum CLI {
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ecs-triage")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return TestSupport.packageRoot.appendingPathComponent(".build/debug/ecs-triage")
    }()

    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    static func run(_ arguments: [String], stdin: String? = nil, standardInput: Any? = nil, environment: [String: String] = [:],
                    currentDirectory: URL = TestSupport.packageRoot, timeout: TimeInterval = 120) throws -> ProcessRunner.Result {
        try ProcessRunner.run(binary, arguments, input: stdin.map { Data($0.utf8) }, standardInput: standardInput,
                              environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                              currentDirectory: currentDirectory, timeout: timeout)
    }
}
