import ECSTriage
import Foundation

/// The native, read-only AWS client: signs and sends the operations of
/// `AWSOperation` (and, for credentials only, `CredentialOperation`),
/// follows their pagination, retries throttling and server errors, and
/// returns what the `aws` CLI v1 would print for the same call.
///
/// Read-only by construction: a request can only be built from an operation
/// of the generated model, which holds only those two tables' operations.
struct AWSClient: Sendable {
    let region: String
    /// nil: requests go unsigned (STS `AssumeRoleWithWebIdentity`).
    let credentials: AWSCredentials?
    let endpoints: EndpointResolver
    let transport: any HTTPTransport
    let retry: RetryPolicy
    /// Per HTTP exchange; a paginated call may take several.
    let timeout: TimeInterval
    let now: @Sendable () -> Date

    init(region: String, credentials: AWSCredentials?, endpoints: EndpointResolver, transport: any HTTPTransport,
         retry: RetryPolicy = RetryPolicy(), timeout: TimeInterval = 60, now: @escaping @Sendable () -> Date = Date.init) {
        self.region = region
        self.credentials = credentials
        self.endpoints = endpoints
        self.transport = transport
        self.retry = retry
        self.timeout = timeout
        self.now = now
    }

    /// `aws <service> <operation>` for an allowed operation.
    func call(_ operation: AWSOperation, _ parameters: [AWSParameter], region: String? = nil) -> CallOutcome {
        perform(operation.rawValue, parameters, region: region)
    }

    /// An STS credential exchange, the reviewed exception.
    func call(_ operation: CredentialOperation, _ parameters: [AWSParameter]) -> CallOutcome {
        perform(operation.rawValue, parameters, region: nil)
    }

    /// Every page of the operation, merged as botocore's
    /// `PageIterator.build_full_result` merges them for the CLI: the result
    /// keys concatenated, the non-aggregate keys of the first page, and
    /// nothing else (no tokens).
    private func perform(_ command: String, _ parameters: [AWSParameter], region: String?) -> CallOutcome {
        guard let operation = AWSModels.operation(command), let service = AWSModels.services[operation.service] else {
            return .failed(CallFailure(message: "\(command) is not an operation of the native client"))
        }
        guard let paginator = operation.paginator else {
            return page(service, operation, parameters, region: region ?? self.region)
        }
        var parameters = parameters
        var merged: [(key: String, value: JSONValue)] = []
        var nonAggregate: [(key: String, value: JSONValue)] = []
        var previousTokens: [String]?
        for pageNumber in 0..<Self.maximumPages {
            let outcome = page(service, operation, parameters, region: region ?? self.region)
            guard case let .output(output) = outcome else { return outcome }
            if pageNumber == 0 { nonAggregate = paginator.nonAggregateKeys.map { ($0, output[$0] ?? .null) } }
            for key in paginator.resultKeys {
                guard let value = output[key], value != .null else { continue }
                if let index = merged.firstIndex(where: { $0.key == key }) {
                    merged[index].value = Self.append(merged[index].value, value)
                } else {
                    merged.append((key, value))
                }
            }
            if let more = paginator.moreResults, output[more] != .bool(true) { break }
            let tokens = paginator.outputTokens.map { output[$0]?.stringValue ?? "" }
            if tokens.allSatisfy(\.isEmpty) { break }
            if tokens == previousTokens {
                return .failed(CallFailure(message: "The same next token was received twice: \(tokens.joined(separator: ", "))"))
            }
            previousTokens = tokens
            parameters.removeAll { paginator.inputTokens.contains($0.name) }
            for (name, token) in zip(paginator.inputTokens, tokens) where !token.isEmpty { parameters.append(AWSParameter(name, .string(token))) }
        }
        for entry in nonAggregate where !merged.contains(where: { $0.key == entry.key }) { merged.append(entry) }
        return .output(.object(merged))
    }

    /// A bound on pages, against a service that never stops answering with a new token.
    static let maximumPages = 10_000

    private static func append(_ existing: JSONValue, _ more: JSONValue) -> JSONValue {
        switch (existing, more) {
        case let (.array(a), .array(b)): return .array(a + b)
        case let (.number(a), .number(b)): return .number(a + b)
        case let (.string(a), .string(b)): return .string(a + b)
        default: return existing
        }
    }

    // MARK: One page

    private func page(_ service: AWSModels.Service, _ operation: AWSModels.Operation, _ parameters: [AWSParameter], region: String) -> CallOutcome {
        let endpoint: EndpointResolver.Endpoint
        do {
            endpoint = try endpoints.endpoint(for: service, region: region)
        } catch {
            switch error {
            case let .invalidRegion(name): return .failed(CallFailure(message: "Provided region_name '\(name)' doesn't match a supported format."))
            case let .invalidEndpoint(url, source): return .failed(CallFailure(message: "Invalid endpoint: \(url) (from \(source))"))
            }
        }
        let unsigned: HTTPRequest
        do {
            unsigned = try RequestBuilder(service: service, operation: operation).request(parameters, endpoint: endpoint.url)
        } catch {
            switch error {
            case let .unknownParameter(name): return .failed(CallFailure(message: "Parameter validation failed: Unknown parameter in input: \"\(name)\""))
            case let .unsafePathValue(member, value):
                return .failed(CallFailure(message: "refused before calling AWS: the value \(jsonQuoted(value)) of \(member) would change the request's path"))
            }
        }
        var attempt = 1
        while true {
            let request = credentials.map { SigV4.sign(unsigned, credentials: $0, region: endpoint.signingRegion, service: service.signingName, date: now()) }
                ?? unsigned
            let result = transport.send(request, timeout: timeout)
            let failure: ServiceFailure
            switch result {
            case let .success(response) where response.status < 300:
                switch decode(response, service: service, operation: operation) {
                case let .success(output): return .output(output)
                case let .failure(failure): return .failed(CallFailure(message: failure.message))
                }
            case let .success(response):
                failure = ServiceFailure.parse(response, protocol: service.wireProtocol)
            case let .failure(transportFailure):
                failure = ServiceFailure(code: nil, message: nil, status: nil, transport: transportFailure)
            }
            let retryable = failure.isRetryable
            if retryable, attempt < retry.maxAttempts {
                retry.sleep(retry.delay(attempt: attempt))
                attempt += 1
                continue
            }
            return .failed(CallFailure(message: failure.message(operation: operation.apiName, url: request.url,
                                                                retriesMade: retryable ? attempt - 1 : nil)))
        }
    }

    private func decode(_ response: HTTPResponse, service: AWSModels.Service, operation: AWSModels.Operation) -> Result<JSONValue, DecodeFailure> {
        let decoder = ResponseDecoder(service: service)
        guard let outputName = operation.output else { return .success(.object([])) }
        let output = AWSModels.Reference(shape: outputName, name: nil, location: nil, queryName: nil, flattened: false)
        switch service.wireProtocol {
        case .json, .restJSON:
            let isBlank = response.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
            guard !isBlank else { return .success(.object([])) }
            guard let parsed = try? JSONParser.parse(response.body) else {
                return .failure(DecodeFailure(message: "Unable to parse the response of \(operation.apiName): it is not JSON"))
            }
            var decoded = decoder.decodeJSON(parsed, output)
            if service.wireProtocol == .restJSON, case var .object(members) = decoded, let shape = service.shapes[outputName] {
                // Members read from headers and the status code.
                for member in shape.members {
                    switch member.reference.location {
                    case "header":
                        if let value = response.headers[(member.reference.name ?? member.name).lowercased()] { members.append((member.name, .string(value))) }
                    case "statusCode":
                        members.append((member.name, .number(Double(response.status))))
                    default: continue
                    }
                }
                decoded = .object(members)
            }
            return .success(decoded)
        case .query, .ec2:
            guard let root = try? XMLReader.parse(response.body) else {
                return .failure(DecodeFailure(message: "Unable to parse the response of \(operation.apiName): invalid XML received"))
            }
            var start = root
            if let wrapper = operation.resultWrapper {
                guard let wrapped = root.child(wrapper) else { return .failure(DecodeFailure(message: "Unable to parse the response of \(operation.apiName): no \(wrapper)")) }
                start = wrapped
            }
            return .success(decoder.decodeXML([start], output))
        }
    }
}

struct DecodeFailure: Error {
    var message: String
}

/// Standard retry mode, as botocore implements it (`botocore/retries/standard.py`):
/// up to `maxAttempts` attempts in all, for throttling errors, transient
/// errors (HTTP 500, 502, 503, 504, request timeouts) and connection
/// failures, waiting `rand(0, 1) × min(2^(attempt-1), 20)` seconds between
/// attempts. botocore's client-side retry quota is not modelled.
struct RetryPolicy: Sendable {
    var maxAttempts: Int
    let random: @Sendable () -> Double
    let sleep: @Sendable (TimeInterval) -> Void

    init(maxAttempts: Int = 3, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
         sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.random = random
        self.sleep = sleep
    }

    static let maximumBackoff: Double = 20

    func delay(attempt: Int) -> TimeInterval {
        random() * min(pow(2, Double(attempt - 1)), Self.maximumBackoff)
    }
}

/// An error answer (or none at all), parsed as botocore's response parsers
/// parse errors, and worded as the CLI prints it.
struct ServiceFailure: Equatable {
    var code: String?
    var message: String?
    var status: Int?
    var transport: TransportFailure?

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]
    static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"]
    static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    var isThrottling: Bool { code.map(Self.throttlingCodes.contains) ?? false }

    var isRetryable: Bool {
        if transport != nil { return true }
        if isThrottling { return true }
        if let code, Self.transientCodes.contains(code) { return true }
        if let status, Self.transientStatuses.contains(status) { return true }
        return false
    }

    /// `An error occurred (Code) when calling the Operation operation: message`,
    /// with botocore's ` (reached max retries: N)` when retries ran out.
    func message(operation: String, url: URL, retriesMade: Int?) -> String {
        if let transport {
            var endpoint = URLComponents(url: url, resolvingAgainstBaseURL: false)
            endpoint?.query = nil
            let shown = endpoint?.string ?? url.absoluteString
            switch transport {
            case .timedOut: return "Read timeout on endpoint URL: \"\(shown)\""
            case .cannotConnect: return "Could not connect to the endpoint URL: \"\(shown)\""
            case let .other(reason): return "Could not connect to the endpoint URL: \"\(shown)\" (\(reason))"
            }
        }
        let retries = retriesMade.map { $0 > 0 ? " (reached max retries: \($0))" : "" } ?? ""
        return "An error occurred (\(code ?? "Unknown")) when calling the \(operation) operation\(retries): \(message ?? "Unknown")"
    }

    static func parse(_ response: HTTPResponse, protocol wireProtocol: AWSModels.WireProtocol) -> ServiceFailure {
        let trimmed = response.body.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if response.status >= 500, trimmed.isEmpty || trimmed.starts(with: Array("<html>".utf8)) {
            return ServiceFailure(code: String(response.status), message: reasonPhrases[response.status] ?? "", status: response.status)
        }
        switch wireProtocol {
        case .json, .restJSON:
            let body = (try? JSONParser.parse(response.body)) ?? .object([("message", .string(String(decoding: response.body, as: UTF8.self)))])
            let message = body["message"]?.stringValue ?? body["Message"]?.stringValue ?? ""
            var code = body["__type"]?.stringValue ?? String(response.status)
            if wireProtocol == .restJSON {
                if let header = response.headers["x-amzn-errortype"] { code = header } else if let bodyCode = body["code"]?.stringValue ?? body["Code"]?.stringValue { code = bodyCode }
            }
            if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
            if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
            if wireProtocol == .json, let queryError = response.headers["x-amzn-query-error"] {
                let parts = queryError.split(separator: ";", omittingEmptySubsequences: false)
                if parts.count == 2, !parts[0].isEmpty { code = String(parts[0]) }
            }
            return ServiceFailure(code: code, message: message, status: response.status)
        case .query, .ec2:
            guard let root = try? XMLReader.parse(response.body) else {
                return ServiceFailure(code: String(response.status), message: String(decoding: response.body, as: UTF8.self), status: response.status)
            }
            // <ErrorResponse><Error><Code>..., EC2: <Response><Errors><Error><Code>...
            let error = root.child("Error") ?? root.child("Errors")?.child("Error")
            return ServiceFailure(code: error?.child("Code")?.text, message: error?.child("Message")?.text, status: response.status)
        }
    }

    /// Python's `http.client.responses` for the statuses botocore reports by phrase.
    static let reasonPhrases: [Int: String] = [
        500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
        504: "Gateway Timeout", 505: "HTTP Version Not Supported", 507: "Insufficient Storage", 508: "Loop Detected",
        510: "Not Extended", 511: "Network Authentication Required",
    ]
}
