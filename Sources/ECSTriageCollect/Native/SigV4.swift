import Foundation

/// Credentials to sign with: long-term keys, or temporary ones with their session token.
public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working, if known.
    public var expiration: Date?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken?.isEmpty == true ? nil : sessionToken
        self.expiration = expiration
    }
}

/// An HTTP request as it goes on the wire: the signer reads it, the transport sends it.
struct HTTPRequest: Sendable {
    var method: String
    var url: URL
    /// Header names as given; the signer adds `X-Amz-Date`, `X-Amz-Security-Token` and `Authorization`.
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.last { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// AWS Signature Version 4, as botocore's `SigV4Auth` computes it for
/// services other than S3 (payload always hashed, path URI-encoded once more,
/// query pairs sorted as encoded). Source: botocore 1.43.11
/// `botocore/auth.py` (`SigV4Auth`) and
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
enum SigV4 {
    /// Headers never signed: hop-by-hop ones, and those a proxy or the HTTP
    /// library may change (botocore's `SIGNED_HEADERS_BLACKLIST`).
    static let unsignedHeaders: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id", "authorization",
    ]

    struct Signature: Equatable {
        var canonicalRequest: String
        var stringToSign: String
        var authorization: String
    }

    /// The request with `X-Amz-Date`, the session token when there is one, and `Authorization`.
    static func sign(_ request: HTTPRequest, credentials: AWSCredentials, region: String, service: String, date: Date) -> HTTPRequest {
        var signed = request
        signed.headers.removeAll { ["authorization", "x-amz-date", "x-amz-security-token"].contains($0.name.lowercased()) }
        signed.headers.append(("X-Amz-Date", timestamp(date)))
        if let token = credentials.sessionToken { signed.headers.append(("X-Amz-Security-Token", token)) }
        let signature = self.signature(signed, credentials: credentials, region: region, service: service, date: date)
        signed.headers.append(("Authorization", signature.authorization))
        return signed
    }

    static func signature(_ request: HTTPRequest, credentials: AWSCredentials, region: String, service: String, date: Date) -> Signature {
        let stamp = timestamp(date)
        let day = String(stamp.prefix(8))
        var headers: [String: [String]] = [:]
        for (name, value) in request.headers where !unsignedHeaders.contains(name.lowercased()) {
            headers[name.lowercased(), default: []].append(value.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        }
        if headers["host"] == nil { headers["host"] = [hostHeader(request.url)] }
        let names = headers.keys.sorted()
        let signedHeaders = names.joined(separator: ";")
        let canonicalHeaders = names.map { "\($0):\(headers[$0]!.joined(separator: ","))\n" }.joined()
        let canonicalRequest = [
            request.method.uppercased(),
            canonicalPath(request.url),
            canonicalQuery(request.url),
            canonicalHeaders,
            signedHeaders,
            request.header("X-Amz-Content-SHA256") ?? SHA256.hex(SHA256.hash(request.body)),
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", stamp, scope, SHA256.hex(SHA256.hash(Array(canonicalRequest.utf8)))].joined(separator: "\n")
        var key = SHA256.hmac(key: Array("AWS4\(credentials.secretAccessKey)".utf8), message: Array(day.utf8))
        for part in [region, service, "aws4_request"] { key = SHA256.hmac(key: key, message: Array(part.utf8)) }
        let signature = SHA256.hex(SHA256.hmac(key: key, message: Array(stringToSign.utf8)))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return Signature(canonicalRequest: canonicalRequest, stringToSign: stringToSign, authorization: authorization)
    }

    /// `20150830T123600Z`.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { let text = String(value ?? 0); return text.count < 2 ? "0" + text : text }
        return String(parts.year ?? 0) + two(parts.month) + two(parts.day) + "T" + two(parts.hour) + two(parts.minute) + two(parts.second) + "Z"
    }

    /// The host the HTTP client sends: the port only when it is not the scheme's default.
    static func hostHeader(_ url: URL) -> String {
        var host = (url.host ?? "").lowercased()
        if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }
        if let port = url.port, port != (url.scheme == "https" ? 443 : 80) { host += ":\(port)" }
        return host
    }

    /// The URL's (already encoded) path with dot segments and empty segments
    /// removed, encoded once more.
    static func canonicalPath(_ url: URL) -> String {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        guard !path.isEmpty else { return "/" }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." { _ = segments.popLast() } else { segments.append(segment) }
        }
        var normalized = (path.hasPrefix("/") ? "/" : "") + segments.joined(separator: "/")
        if path.hasSuffix("/") && !segments.isEmpty { normalized += "/" }
        return percentEncode(normalized, keeping: "/~")
    }

    /// The URL's (already encoded) query pairs, sorted by key then value.
    static func canonicalQuery(_ url: URL) -> String {
        guard let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery, !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> (String, String) in
            guard let equals = pair.firstIndex(of: "=") else { return (String(pair), "") }
            return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
        }
        return pairs.sorted { $0.0 != $1.0 ? Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) : Array($0.1.utf8).lexicographicallyPrecedes(Array($1.1.utf8)) }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// RFC 3986 percent-encoding of UTF-8: letters, digits and `-_.~` stay,
    /// and the characters of `keeping`.
    static func percentEncode(_ text: String, keeping: String = "") -> String {
        let kept = Set(keeping.utf8)
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(byte)
            default:
                if kept.contains(byte) {
                    out.append(byte)
                } else {
                    out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]]
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
