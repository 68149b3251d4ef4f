#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The exit statuses of every command (README "Exit codes").
enum ExitCode {
    static let ok: Int32 = 0
    static let findings: Int32 = 1
    static let usage: Int32 = 64
    static let input: Int32 = 65
    /// `collect`: the `aws` CLI is missing or has no working credentials (EX_UNAVAILABLE).
    static let unavailable: Int32 = 69
    static let internalError: Int32 = 70
}

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
