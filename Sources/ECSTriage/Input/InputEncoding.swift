/// Turns input bytes in the encodings people's tools write into the UTF-8
/// the loader and the JSON parser read.
///
/// Windows PowerShell 5's `>` and `Out-File` write UTF-16 LE with a byte
/// order mark, so `aws ecs describe-tasks ... > tasks.json` there gives a
/// file that is not UTF-8; decoding it is kinder than an error at 1:1.
public enum InputEncoding {
    public enum Detected: Equatable, Sendable {
        case utf8
        case utf16LittleEndian
        case utf16BigEndian
    }

    /// The encoding of `bytes`, from a byte order mark or, without one, from
    /// the NUL bytes of ASCII characters (RFC 4627 section 3): JSON and the
    /// messages we read start with ASCII, which UTF-16 writes as `xx 00` (LE)
    /// or `00 xx` (BE). Anything else is read as UTF-8.
    public static func detect(_ bytes: [UInt8]) -> Detected {
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LittleEndian }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BigEndian }
        // The first two code units (or the only one) must both look like ASCII,
        // so UTF-8 text holding a stray NUL is not taken for UTF-16.
        let units = min(bytes.count / 2, 2)
        guard units > 0 else { return .utf8 }
        let looksLittleEndian = (0..<units).allSatisfy { bytes[2 * $0] != 0 && bytes[2 * $0] < 0x80 && bytes[2 * $0 + 1] == 0 }
        if looksLittleEndian { return .utf16LittleEndian }
        let looksBigEndian = (0..<units).allSatisfy { bytes[2 * $0] == 0 && bytes[2 * $0 + 1] != 0 && bytes[2 * $0 + 1] < 0x80 }
        if looksBigEndian { return .utf16BigEndian }
        return .utf8
    }

    /// `bytes` as UTF-8 without a byte order mark. UTF-16 is transcoded;
    /// unpaired surrogates and an odd last byte become U+FFFD, so a damaged
    /// file still shows where it is damaged. UTF-8 is returned as it is
    /// (the JSON parser reports invalid sequences with their line and column).
    public static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        switch detect(bytes) {
        case .utf8:
            return bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        case .utf16LittleEndian:
            return transcodeUTF16(bytes, littleEndian: true)
        case .utf16BigEndian:
            return transcodeUTF16(bytes, littleEndian: false)
        }
    }

    private static func transcodeUTF16(_ bytes: [UInt8], littleEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 0
        while index + 1 < bytes.count {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        if units.first == 0xFEFF { units.removeFirst() }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(units.count + units.count / 2)
        _ = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false) { utf8.append($0) }
        if bytes.count % 2 == 1 { utf8.append(contentsOf: [0xEF, 0xBF, 0xBD]) }
        return utf8
    }
}
