import ECSTriage
import Foundation

/// Turns a service's response body into the JSON the `aws` CLI (v1) prints
/// for it, following botocore 1.43.11's parsers (`botocore/parsers.py`) and
/// the CLI's customisations:
/// - only members of the output shape are kept, in any order (the snapshot
///   writer sorts keys); null members are dropped;
/// - XML scalars become JSON numbers and booleans by their shape's type;
///   list and map wrappers and flattened lists are unwrapped;
/// - timestamps and blobs are printed as they came over the wire: the CLI v1
///   replaces botocore's timestamp and blob parsers by the identity
///   (`awscli/customizations/scalarparse.py`, `cli_timestamp_format` = `wire`);
///   CLI v2 prints ISO 8601 instead, and the loader reads both;
/// - IAM policy documents (URL-encoded JSON) are decoded into objects, as
///   botocore's `json_decode_policies` handler does for every IAM response.
struct ResponseDecoder {
    let service: AWSModels.Service

    // MARK: JSON protocols

    func decodeJSON(_ value: JSONValue, _ reference: AWSModels.Reference) -> JSONValue {
        guard let shape = service.shapes[reference.shape] else { return value }
        switch shape.kind {
        case .structure:
            guard case let .object(raw) = value else { return value }
            var members: [(key: String, value: JSONValue)] = []
            for member in shape.members {
                let wireName = member.reference.name ?? member.name
                guard let found = raw.last(where: { $0.key == wireName })?.value, found != .null else { continue }
                members.append((member.name, decodeJSON(found, member.reference)))
            }
            return .object(members)
        case .list:
            guard case let .array(items) = value, let element = shape.listMember else { return value }
            return .array(items.map { $0 == .null ? .null : decodeJSON($0, element) })
        case .map:
            guard case let .object(entries) = value, let valueReference = shape.mapValue else { return value }
            return .object(entries.map { ($0.key, $0.value == .null ? .null : decodeJSON($0.value, valueReference)) })
        case .string where shape.isPolicyDocument:
            return policyDocument(value)
        default:
            // Scalars, documents, timestamps and blobs: as received.
            return value
        }
    }

    // MARK: XML protocols

    /// `node` is every element that matched the member's name: one, or
    /// several when a flattened list repeats it.
    func decodeXML(_ nodes: [XMLElement], _ reference: AWSModels.Reference) -> JSONValue {
        let node = nodes[0]
        guard let shape = service.shapes[reference.shape] else { return .string(node.text) }
        switch shape.kind {
        case .structure, .document:
            let byName = Dictionary(grouping: node.children, by: \.name)
            var members: [(key: String, value: JSONValue)] = []
            for member in shape.members where member.reference.location == nil {
                guard let matched = byName[xmlName(member)] else { continue }
                members.append((member.name, decodeXML(matched, member.reference)))
            }
            return .object(members)
        case .list:
            guard let element = shape.listMember else { return .array([]) }
            let items = reference.flattened ? nodes : node.children
            return .array(items.map { decodeXML([$0], element) })
        case .map:
            guard let key = shape.mapKey, let value = shape.mapValue else { return .object([]) }
            let entries = reference.flattened ? nodes : node.children
            let keyName = key.name ?? "key", valueName = value.name ?? "value"
            var pairs: [(key: String, value: JSONValue)] = []
            for entry in entries {
                guard let keyNode = entry.child(keyName) else { continue }
                let decodedValue = entry.child(valueName).map { decodeXML([$0], value) } ?? .null
                pairs.removeAll { $0.key == keyNode.text }
                pairs.append((keyNode.text, decodedValue))
            }
            return .object(pairs)
        case .boolean:
            return .bool(node.text == "true")
        case .integer, .long:
            return Int64(node.text).map { .number(Double($0)) } ?? .string(node.text)
        case .float, .double:
            return Double(node.text).map(JSONValue.number) ?? .string(node.text)
        case .string where shape.isPolicyDocument:
            return policyDocument(.string(node.text))
        case .string, .timestamp, .blob:
            return .string(node.text)
        }
    }

    /// The element name of a member: a flattened list with a named member
    /// repeats that name, others use the member's `locationName` or its name
    /// (botocore's `_member_key_name`).
    private func xmlName(_ member: AWSModels.Member) -> String {
        if member.reference.flattened, let shape = service.shapes[member.reference.shape], shape.kind == .list,
           let listName = shape.listMember?.name {
            return listName
        }
        return member.reference.name ?? member.name
    }

    /// A URL-encoded JSON document as an object; unchanged when it is not one.
    private func policyDocument(_ value: JSONValue) -> JSONValue {
        guard case let .string(text) = value else { return value }
        let decoded = Self.percentDecode(text)
        guard let parsed = try? JSONParser.parse(Array(decoded.utf8)) else { return value }
        return parsed
    }

    /// Python's `urllib.parse.unquote`: `%XX` sequences decoded as UTF-8
    /// (invalid sequences replaced), `+` kept.
    static func percentDecode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var index = 0
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
