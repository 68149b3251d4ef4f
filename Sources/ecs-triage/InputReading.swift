import ECSTriage
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
