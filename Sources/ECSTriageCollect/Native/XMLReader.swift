/// An element of an AWS XML response, read the way botocore's parsers see
/// it through ElementTree: the tag without its namespace, the child
/// elements, and `text`, the character data before the first child (all of
/// it for a leaf).
struct XMLElement: Sendable, Equatable {
    var name: String
    var text: String
    var children: [XMLElement]

    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }
}

struct XMLSyntaxError: Error, Equatable {
    var message: String
}

/// A small XML reader for AWS query and EC2 responses: elements, attributes
/// (skipped), character and entity references, CDATA, comments, processing
/// instructions and a DOCTYPE-free prolog. Written here instead of
/// FoundationXML, which would link libxml2 into the static binary.
enum XMLReader {
    static let maximumDepth = 256

    static func parse(_ bytes: [UInt8]) throws(XMLSyntaxError) -> XMLElement {
        var reader = Cursor(bytes: bytes)
        try reader.skipProlog()
        guard let root = try reader.element(depth: 0) else { throw XMLSyntaxError(message: "no root element") }
        try reader.skipMisc()
        guard reader.atEnd else { throw XMLSyntaxError(message: "content after the root element at byte \(reader.position)") }
        return root
    }

    private struct Cursor {
        let bytes: [UInt8]
        var position = 0

        var atEnd: Bool { position >= bytes.count }

        func peek(_ text: String) -> Bool {
            let pattern = Array(text.utf8)
            guard position + pattern.count <= bytes.count else { return false }
            return Array(bytes[position..<position + pattern.count]) == pattern
        }

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func skip(past terminator: String) throws(XMLSyntaxError) {
            while !atEnd && !peek(terminator) { position += 1 }
            guard !atEnd else { throw XMLSyntaxError(message: "unterminated construct: no \(terminator)") }
            position += terminator.utf8.count
        }

        /// Whitespace, comments and processing instructions outside the root.
        mutating func skipMisc() throws(XMLSyntaxError) {
            while true {
                skipWhitespace()
                if peek("<?") { try skip(past: "?>") } else if peek("<!--") { try skip(past: "-->") } else { return }
            }
        }

        mutating func skipProlog() throws(XMLSyntaxError) {
            if peek("\u{FEFF}") { position += 3 }
            try skipMisc()
            if peek("<!DOCTYPE") { throw XMLSyntaxError(message: "a DOCTYPE is not expected in an AWS response") }
        }

        mutating func name() throws(XMLSyntaxError) -> String {
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "=")].contains(byte) { break }
                position += 1
            }
            guard position > start else { throw XMLSyntaxError(message: "a name was expected at byte \(start)") }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        /// The element starting here, or nil at a closing tag.
        mutating func element(depth: Int) throws(XMLSyntaxError) -> XMLElement? {
            guard depth < XMLReader.maximumDepth else { throw XMLSyntaxError(message: "elements nested deeper than \(XMLReader.maximumDepth)") }
            guard peek("<"), !peek("</") else { return nil }
            position += 1
            let tag = try name()
            // Attributes: namespaces and the like, not members of any output we read.
            while true {
                skipWhitespace()
                guard !atEnd else { throw XMLSyntaxError(message: "unterminated tag <\(tag)") }
                if peek("/>") {
                    position += 2
                    return XMLElement(name: XMLReader.localName(tag), text: "", children: [])
                }
                if peek(">") { position += 1; break }
                _ = try name()
                skipWhitespace()
                guard peek("=") else { throw XMLSyntaxError(message: "an attribute of <\(tag)> has no value") }
                position += 1
                skipWhitespace()
                guard !atEnd, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                    throw XMLSyntaxError(message: "an attribute value of <\(tag)> is not quoted")
                }
                let quote = bytes[position]
                position += 1
                while !atEnd && bytes[position] != quote { position += 1 }
                guard !atEnd else { throw XMLSyntaxError(message: "unterminated attribute value in <\(tag)>") }
                position += 1
            }
            var text = [UInt8]()
            var children: [XMLElement] = []
            while true {
                guard !atEnd else { throw XMLSyntaxError(message: "<\(tag)> is not closed") }
                if peek("</") {
                    position += 2
                    let closing = try name()
                    guard closing == tag else { throw XMLSyntaxError(message: "</\(closing)> closes <\(tag)>") }
                    skipWhitespace()
                    guard peek(">") else { throw XMLSyntaxError(message: "unterminated closing tag </\(closing)") }
                    position += 1
                    return XMLElement(name: XMLReader.localName(tag), text: String(decoding: text, as: UTF8.self), children: children)
                } else if peek("<!--") {
                    try skip(past: "-->")
                } else if peek("<![CDATA[") {
                    position += 9
                    let start = position
                    try skip(past: "]]>")
                    if children.isEmpty { text += bytes[start..<(position - 3)] }
                } else if peek("<?") {
                    try skip(past: "?>")
                } else if peek("<") {
                    if let child = try element(depth: depth + 1) { children.append(child) }
                } else if bytes[position] == UInt8(ascii: "&") {
                    let decoded = try reference()
                    if children.isEmpty { text += decoded }
                } else {
                    // Text after a child (ElementTree's `tail`) is not part of `text`.
                    if children.isEmpty {
                        // XML normalises CR LF and lone CR to LF.
                        if bytes[position] == 0x0D {
                            text.append(0x0A)
                            if position + 1 < bytes.count, bytes[position + 1] == 0x0A { position += 1 }
                        } else {
                            text.append(bytes[position])
                        }
                    }
                    position += 1
                }
            }
        }

        /// `&amp;`, `&#233;`, `&#xE9;`...
        mutating func reference() throws(XMLSyntaxError) -> [UInt8] {
            let start = position
            while !atEnd && bytes[position] != UInt8(ascii: ";") && position - start < 12 { position += 1 }
            guard !atEnd, bytes[position] == UInt8(ascii: ";") else { throw XMLSyntaxError(message: "unterminated reference at byte \(start)") }
            let body = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
            position += 1
            switch body {
            case "amp": return Array("&".utf8)
            case "lt": return Array("<".utf8)
            case "gt": return Array(">".utf8)
            case "quot": return Array("\"".utf8)
            case "apos": return Array("'".utf8)
            default:
                var scalar: UInt32?
                if body.hasPrefix("#x") || body.hasPrefix("#X") { scalar = UInt32(body.dropFirst(2), radix: 16) } else if body.hasPrefix("#") { scalar = UInt32(body.dropFirst(), radix: 10) }
                guard let value = scalar, let unicode = Unicode.Scalar(value) else {
                    throw XMLSyntaxError(message: "unknown reference &\(body);")
                }
                return Array(String(Character(unicode)).utf8)
            }
        }
    }

    /// `ns:Tag` → `Tag`: botocore strips the namespace.
    static func localName(_ tag: String) -> String {
        guard let colon = tag.lastIndex(of: ":") else { return tag }
        return String(tag[tag.index(after: colon)...])
    }
}
