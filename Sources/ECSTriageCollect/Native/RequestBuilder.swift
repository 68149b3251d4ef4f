import ECSTriage
import Foundation

/// Serialises an operation's parameters into an HTTP request, by its input
/// shape and its service's wire protocol, as botocore's serializers do
/// (`botocore/serialize.py`: `JSONSerializer`, `QuerySerializer`,
/// `EC2Serializer`, `RestJSONSerializer`). The operation, its target or
/// action and its path come from the generated model; parameters only ever
/// become a JSON body, form fields, or percent-encoded query and path values.
struct RequestBuilder {
    let service: AWSModels.Service
    let operation: AWSModels.Operation

    enum Failure: Error, Equatable {
        /// A parameter the input shape has no member for (a planner bug, caught by the tests).
        case unknownParameter(String)
        /// A value that would change the path outside its `{label}`.
        case unsafePathValue(member: String, value: String)
    }

    func request(_ parameters: [AWSParameter], endpoint: URL) throws(Failure) -> HTTPRequest {
        let input = operation.input.flatMap { service.shapes[$0] }
        for parameter in parameters where input?.members.contains(where: { $0.name == parameter.name }) != true {
            throw .unknownParameter(parameter.name)
        }
        switch service.wireProtocol {
        case .json:
            let body = input.map { jsonStructure(parameters, $0) } ?? "{}"
            return HTTPRequest(method: "POST", url: Self.url(endpoint, path: "/", query: []),
                               headers: [("Content-Type", "application/x-amz-json-\(service.jsonVersion ?? "1.1")"),
                                         ("X-Amz-Target", "\(service.targetPrefix ?? "").\(operation.apiName)")],
                               body: Array(body.utf8))
        case .query, .ec2:
            var fields = [("Action", operation.apiName), ("Version", service.apiVersion)]
            if let input { queryStructure(parameters, input, prefix: "", into: &fields) }
            let body = fields.map { SigV4.percentEncode($0.0) + "=" + SigV4.percentEncode($0.1) }.joined(separator: "&")
            return HTTPRequest(method: "POST", url: Self.url(endpoint, path: "/", query: []),
                               headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: Array(body.utf8))
        case .restJSON:
            return try restJSON(parameters, input, endpoint: endpoint)
        }
    }

    // MARK: JSON

    private func jsonStructure(_ parameters: [AWSParameter], _ shape: AWSModels.Shape) -> String {
        let members = parameters.compactMap { parameter -> String? in
            guard let member = shape.members.first(where: { $0.name == parameter.name }) else { return nil }
            return jsonQuoted(member.reference.name ?? member.name) + ":" + json(parameter.value, member.reference)
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    private func json(_ value: AWSValue, _ reference: AWSModels.Reference) -> String {
        let shape = service.shapes[reference.shape]
        switch value {
        case let .string(text):
            return jsonQuoted(text)
        case let .integer(number):
            return String(number)
        case let .boolean(flag):
            return flag ? "true" : "false"
        case let .list(items):
            guard let element = shape?.listMember else { return "[]" }
            return "[" + items.map { json($0, element) }.joined(separator: ",") + "]"
        case let .structure(members):
            guard let shape else { return "{}" }
            if shape.kind == .map, let valueReference = shape.mapValue {
                return "{" + members.map { jsonQuoted($0.name) + ":" + json($0.value, valueReference) }.joined(separator: ",") + "}"
            }
            return jsonStructure(members, shape)
        }
    }

    // MARK: Query and EC2

    private func queryName(_ member: AWSModels.Member) -> String {
        guard service.wireProtocol == .ec2 else { return member.reference.name ?? member.name }
        if let name = member.reference.queryName { return name }
        if let name = member.reference.name { return name.prefix(1).uppercased() + name.dropFirst() }
        return member.name
    }

    private func queryStructure(_ parameters: [AWSParameter], _ shape: AWSModels.Shape, prefix: String, into fields: inout [(String, String)]) {
        for parameter in parameters {
            guard let member = shape.members.first(where: { $0.name == parameter.name }) else { continue }
            let name = prefix.isEmpty ? queryName(member) : prefix + "." + queryName(member)
            query(parameter.value, member.reference, name: name, into: &fields)
        }
    }

    private func query(_ value: AWSValue, _ reference: AWSModels.Reference, name: String, into fields: inout [(String, String)]) {
        let shape = service.shapes[reference.shape]
        switch value {
        case let .string(text): fields.append((name, text))
        case let .integer(number): fields.append((name, String(number)))
        case let .boolean(flag): fields.append((name, flag ? "true" : "false"))
        case let .list(items):
            guard let element = shape?.listMember else { return }
            if service.wireProtocol == .ec2 {
                // EC2 lists are always flattened: Name.1, Name.2...
                for (index, item) in items.enumerated() { query(item, element, name: "\(name).\(index + 1)", into: &fields) }
                return
            }
            guard !items.isEmpty else { fields.append((name, "")); return }
            var listPrefix = name + "." + (element.name ?? "member")
            if reference.flattened {
                listPrefix = name
                if let elementName = element.name { listPrefix = (name.split(separator: ".").dropLast().map(String.init) + [elementName]).joined(separator: ".") }
            }
            for (index, item) in items.enumerated() { query(item, element, name: "\(listPrefix).\(index + 1)", into: &fields) }
        case let .structure(members):
            guard let shape else { return }
            if shape.kind == .map, let key = shape.mapKey, let valueReference = shape.mapValue {
                let entryPrefix = reference.flattened ? name : name + ".entry"
                for (index, member) in members.enumerated() {
                    fields.append(("\(entryPrefix).\(index + 1).\(key.name ?? "key")", member.name))
                    query(member.value, valueReference, name: "\(entryPrefix).\(index + 1).\(valueReference.name ?? "value")", into: &fields)
                }
                return
            }
            queryStructure(members, shape, prefix: name, into: &fields)
        }
    }

    // MARK: REST-JSON

    private func restJSON(_ parameters: [AWSParameter], _ input: AWSModels.Shape?, endpoint: URL) throws(Failure) -> HTTPRequest {
        var labels: [String: String] = [:]
        var query: [(String, String)] = []
        var headers: [(name: String, value: String)] = []
        var body: [AWSParameter] = []
        for parameter in parameters {
            guard let member = input?.members.first(where: { $0.name == parameter.name }) else { continue }
            let wireName = member.reference.name ?? member.name
            switch member.reference.location {
            case "uri":
                guard case let .string(text) = parameter.value else { continue }
                labels[wireName] = text
            case "querystring":
                switch parameter.value {
                case let .list(items): query += items.compactMap { if case let .string(text) = $0 { return (wireName, text) } else { return nil } }
                case let .string(text): query.append((wireName, text))
                case let .integer(number): query.append((wireName, String(number)))
                case let .boolean(flag): query.append((wireName, flag ? "true" : "false"))
                case .structure: continue
                }
            case "header":
                if case let .string(text) = parameter.value { headers.append((wireName, text)) }
            default:
                body.append(parameter)
            }
        }
        let template = operation.requestURI.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = try Self.expand(String(template[0]), labels)
        if template.count > 1 {
            for pair in template[1].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.insert((String(parts[0]), parts.count > 1 ? String(parts[1]) : ""), at: 0)
            }
        }
        var bytes: [UInt8] = []
        if !body.isEmpty, let input {
            bytes = Array(jsonStructure(body, input).utf8)
            headers.append(("Content-Type", "application/json"))
        }
        return HTTPRequest(method: operation.httpMethod, url: Self.url(endpoint, path: path, query: query), headers: headers, body: bytes)
    }

    /// The path of a URI template with each `{Label}` replaced by its value,
    /// percent-encoded (`/` too, except for a greedy `{Label+}`). A value
    /// that is empty or only dots is refused: it would change which path
    /// the request names.
    static func expand(_ template: String, _ labels: [String: String]) throws(Failure) -> String {
        var path = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            path += rest[..<open]
            var label = String(rest[rest.index(after: open)..<close])
            let greedy = label.hasSuffix("+")
            if greedy { label.removeLast() }
            let value = labels[label] ?? ""
            let segments = greedy ? value.split(separator: "/", omittingEmptySubsequences: false).map(String.init) : [value]
            for segment in segments where segment.isEmpty || segment.allSatisfy({ $0 == "." }) {
                throw .unsafePathValue(member: label, value: value)
            }
            path += SigV4.percentEncode(value, keeping: greedy ? "/" : "")
            rest = rest[rest.index(after: close)...]
        }
        return path + rest
    }

    /// The endpoint (and any base path it has) joined with the operation's
    /// path and the encoded query.
    static func url(_ endpoint: URL, path: String, query: [(String, String)]) -> URL {
        var base = endpoint.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var text = base + (path.hasPrefix("/") ? path : "/" + path)
        if !query.isEmpty {
            text += "?" + query.map { SigV4.percentEncode($0.0) + "=" + SigV4.percentEncode($0.1) }.joined(separator: "&")
        }
        return URL(string: text)!
    }
}
