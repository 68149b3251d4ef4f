/// The services, operations and shapes of the native client, read once from
/// the table that scripts/generate-aws-shapes writes from botocore's models
/// (AWSModels+Generated.swift). Only the operations of `AWSOperation` and
/// `CredentialOperation` are in it, so no other operation can be encoded.
enum AWSModels {
    /// The wire protocols, as botocore's models name them.
    enum WireProtocol: String, Sendable {
        case json, query, ec2
        case restJSON = "rest-json"
    }

    struct Service: Sendable {
        /// The `aws` CLI's name: `ecs`, `elbv2`...
        let name: String
        let wireProtocol: WireProtocol
        let endpointPrefix: String
        let signingName: String
        let apiVersion: String
        let targetPrefix: String?
        let jsonVersion: String?
        /// `Elastic Load Balancing v2`: names the `AWS_ENDPOINT_URL_<SERVICE>` variable.
        let serviceId: String
        let shapes: [String: Shape]
    }

    struct Paginator: Sendable {
        let inputTokens: [String]
        let outputTokens: [String]
        let resultKeys: [String]
        let moreResults: String?
        let limitKey: String?
        let nonAggregateKeys: [String]
    }

    struct Operation: Sendable {
        let service: String
        /// `describe-clusters`.
        let cliName: String
        /// `DescribeClusters`.
        let apiName: String
        let httpMethod: String
        let requestURI: String
        let input: String?
        let output: String?
        /// The element of a query response holding the output (`DescribeLoadBalancersResult`).
        let resultWrapper: String?
        /// Input member → `aws` CLI option name, for the top-level members.
        let cliOptions: [String: String]
        let paginator: Paginator?
    }

    /// A reference to a shape with the serialization traits of the reference
    /// merged over the shape's own, as botocore merges them.
    struct Reference: Sendable {
        let shape: String
        /// `locationName`: the member's name on the wire.
        let name: String?
        /// `uri`, `querystring`, `header`...
        let location: String?
        /// EC2's `queryName`.
        let queryName: String?
        let flattened: Bool
    }

    struct Member: Sendable {
        let name: String
        let reference: Reference
    }

    enum Kind: String, Sendable {
        case structure, list, map, document
        case string, integer, long, boolean, float, double, timestamp, blob
    }

    struct Shape: Sendable {
        let name: String
        let kind: Kind
        var members: [Member] = []
        var listMember: Reference?
        var mapKey: Reference?
        var mapValue: Reference?
        /// IAM's `policyDocumentType`: URL-encoded JSON the CLI prints decoded.
        var isPolicyDocument = false
        var isUnion = false
    }

    static let services: [String: Service] = loaded.services
    static let operations: [String: Operation] = loaded.operations

    /// The operation named by an `AWSOperation` or `CredentialOperation` raw value (`ecs describe-clusters`).
    static func operation(_ command: String) -> Operation? { operations[command] }

    private static let loaded: (services: [String: Service], operations: [String: Operation]) = parse(table)

    static func parse(_ table: String) -> (services: [String: Service], operations: [String: Operation]) {
        var serviceFields: [String: [String]] = [:]
        var shapes: [String: [String: Shape]] = [:]
        var operations: [String: Operation] = [:]
        var pendingOperation: [String]?
        var pendingOptions: [String: String] = [:]
        var pendingPaginator: Paginator?
        var currentShape: (service: String, shape: Shape)?

        func optional(_ field: String) -> String? { field == "-" ? nil : field }
        func list(_ field: String) -> [String] { field == "-" || field.isEmpty ? [] : field.split(separator: ",").map(String.init) }
        func finishOperation() {
            guard let fields = pendingOperation else { return }
            let operation = Operation(service: fields[1], cliName: fields[2], apiName: fields[3], httpMethod: fields[4], requestURI: fields[5],
                                      input: optional(fields[6]), output: optional(fields[7]), resultWrapper: optional(fields[8]),
                                      cliOptions: pendingOptions, paginator: pendingPaginator)
            operations[fields[1] + " " + fields[2]] = operation
            pendingOperation = nil
            pendingOptions = [:]
            pendingPaginator = nil
        }
        func finishShape() {
            guard let (service, shape) = currentShape else { return }
            shapes[service, default: [:]][shape.name] = shape
            currentShape = nil
        }
        /// `name=x location=y queryName=z flattened` words, each after `prefix`.
        func reference(_ shape: String, _ words: ArraySlice<String>, prefix: String = "") -> Reference {
            var traits: [String: String] = [:]
            for word in words where word.hasPrefix(prefix) {
                let trait = word.dropFirst(prefix.count)
                if let equals = trait.firstIndex(of: "=") {
                    traits[String(trait[..<equals])] = String(trait[trait.index(after: equals)...])
                } else {
                    traits[String(trait)] = ""
                }
            }
            return Reference(shape: shape, name: traits["name"], location: traits["location"], queryName: traits["queryName"],
                             flattened: traits["flattened"] != nil)
        }

        for line in table.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch fields[0] {
            case "service":
                finishOperation()
                serviceFields[fields[1]] = fields
            case "operation":
                finishOperation()
                pendingOperation = fields
            case "option":
                pendingOptions[fields[1]] = fields[2]
            case "paginator":
                pendingPaginator = Paginator(inputTokens: list(fields[1]), outputTokens: list(fields[2]), resultKeys: list(fields[3]),
                                             moreResults: optional(fields[4]), limitKey: optional(fields[5]), nonAggregateKeys: list(fields[6]))
            case "shape":
                finishOperation()
                finishShape()
                var shape = Shape(name: fields[2], kind: Kind(rawValue: fields[3])!)
                let words = fields[4...]
                for word in words {
                    if word.hasPrefix("member=") { shape.listMember = reference(String(word.dropFirst(7)), words, prefix: "member") }
                    if word.hasPrefix("key=") { shape.mapKey = reference(String(word.dropFirst(4)), words, prefix: "key") }
                    if word.hasPrefix("value=") { shape.mapValue = reference(String(word.dropFirst(6)), words, prefix: "value") }
                }
                shape.isPolicyDocument = words.contains("policyDocument")
                shape.isUnion = words.contains("union")
                currentShape = (fields[1], shape)
            case "member":
                currentShape?.shape.members.append(Member(name: fields[1], reference: reference(fields[2], fields[3...])))
            default:
                preconditionFailure("AWSModels: unknown line kind \(fields[0])")
            }
        }
        finishOperation()
        finishShape()
        var services: [String: Service] = [:]
        for (name, fields) in serviceFields {
            services[name] = Service(name: name, wireProtocol: WireProtocol(rawValue: fields[2])!, endpointPrefix: fields[3], signingName: fields[4],
                                     apiVersion: fields[5], targetPrefix: optional(fields[6]), jsonVersion: optional(fields[7]),
                                     serviceId: fields[8], shapes: shapes[name] ?? [:])
        }
        return (services, operations)
    }
}
