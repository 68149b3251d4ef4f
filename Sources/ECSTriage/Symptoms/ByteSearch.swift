extension StringProtocol {
    /// The first occurrence of `needle`, compared byte for byte (exact case).
    /// Foundation's `range(of:)` goes through NSString and UTF-16 and was the
    /// largest single cost of reading account-scale snapshots; every marker
    /// we look for is ASCII, where byte and character equality agree.
    func byteRange(of needle: String) -> Range<String.Index>? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty,
              let offset = utf8.withContiguousStorageIfAvailable({ firstOffset(of: pattern, in: $0) })
                ?? Array(utf8).withUnsafeBufferPointer({ firstOffset(of: pattern, in: $0) })
        else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: pattern.count)
    }

    /// The last occurrence of `needle`, compared byte for byte.
    func lastByteRange(of needle: String) -> Range<String.Index>? {
        var result: Range<String.Index>?
        var rest = self[...]
        while let found = rest.byteRange(of: needle) {
            result = found
            rest = rest[found.upperBound...]
        }
        return result
    }
}

private func firstOffset(of pattern: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Int? {
    guard text.count >= pattern.count else { return nil }
    let first = pattern[0]
    var start = 0
    while start <= text.count - pattern.count {
        if text[start] == first {
            var offset = 1
            while offset < pattern.count, text[start + offset] == pattern[offset] { offset += 1 }
            if offset == pattern.count { return start }
        }
        start += 1
    }
    return nil
}

extension StringProtocol {
    /// Whether `needle` occurs, compared byte for byte (see `byteRange(of:)`).
    func containsBytes(of needle: String) -> Bool { byteRange(of: needle) != nil }
}
