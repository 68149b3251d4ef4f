/// What makes a message that no pattern knows a failure, in the order a
/// reader trusts it: a named error type (`...Error`, `...Exception`), an AWS
/// API error envelope whatever its code, an AWS error code, an ECS stop code,
/// a non-zero exit code, then a failure word ("failed", "unable to",
/// "denied", "timed out", "not valid", "did not stabilize"...). A message
/// with none of them (prose, a routine event) is not a failure.
enum FailureSignal {
    /// A short description of the first signal found (`error type ClientException`,
    /// `exit code 2`, `"unable to"`), or nil.
    static func detect(in message: String, normalized: [UInt8]) -> String? {
        if let type = errorType(in: message) { return "error type " + type }
        let text = String(decoding: normalized, as: UTF8.self)
        if let envelope = apiErrorEnvelope(in: message, normalized: text) { return envelope }
        if let code = errorCode(in: message) { return "error code " + code }
        // Stop codes of botocore's TaskStopCode that mean the task failed.
        for (code, name) in [("taskfailedtostart", "TaskFailedToStart"), ("essentialcontainerexited", "EssentialContainerExited")]
            where text.containsBytes(of: code) {
            return "stop code " + name
        }
        let words = self.words(of: normalized)
        if let code = exitCode(in: words), code != 0 { return "exit code \(code)" }
        return failureWord(in: words).map { "\"\($0)\"" }
    }

    /// `ResourceInitializationError`, `ClusterNotFoundException`, `java.lang.IllegalStateException`:
    /// an identifier that ends in Error, Exception or Fault after at least one more character.
    static func errorType(in message: String) -> String? {
        var word = ""
        func check() -> String? {
            var candidate = Substring(word)
            while candidate.last == "." { candidate = candidate.dropLast() }
            for suffix in ["Error", "Exception", "Fault"] where candidate.hasSuffix(suffix) && candidate.count > suffix.count {
                let before = candidate[candidate.index(candidate.endIndex, offsetBy: -suffix.count - 1)]
                if before.isLetter || before.isNumber { return String(candidate) }
            }
            return nil
        }
        for character in message {
            if character.isASCII, character.isLetter || character.isNumber || character == "_" || character == "." || character == "$" {
                word.append(character)
                continue
            }
            if let found = check() { return found }
            word = ""
        }
        return check()
    }

    /// An AWS API error, whatever its code: botocore's `An error occurred (Code) when calling
    /// the Op operation` (botocore 1.43.11 exceptions.py, ClientError), the AWS SDK for Go v2's
    /// `operation error Service: Op, https response error StatusCode: 400, ..., api error Code:`
    /// (aws/amazon-ecs-agent@8dfceca6 aws-sdk-go-v2 smithy-go/transport/http/response_error.go),
    /// the SDK for Java's `(Service: ...; Status Code: 400; Error Code: Code; ...)` and the
    /// SDK for Go v1's `status code: 400, request id:`. A 4xx or 5xx status alone counts too.
    static func apiErrorEnvelope(in message: String, normalized: String) -> String? {
        if let start = message.byteRange(of: "An error occurred ("), let end = message[start.upperBound...].byteRange(of: ")"),
           message[end.upperBound...].hasPrefix(" when calling the ") {
            return "AWS API error " + message[start.upperBound..<end.lowerBound]
        }
        for marker in ["api error ", "Error Code: "] {
            if let range = message.byteRange(of: marker) {
                let code = message[range.upperBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }
                if code.first?.isUppercase == true { return "AWS API error " + code }
            }
        }
        for marker in ["statuscode: ", "status code: ", "status code "] {
            var rest = Substring(normalized)
            while let range = rest.byteRange(of: marker) {
                rest = rest[range.upperBound...]
                let digits = rest.prefix(while: \.isNumber)
                if digits.count == 3, let status = Int(digits), (400...599).contains(status) { return "HTTP status \(status)" }
            }
        }
        return nil
    }

    /// An AWS error code that does not end in Error or Exception (`InvalidInput`,
    /// `NoSuchEntity`, `InvalidGroup.NotFound`): a CamelCase word of two parts or more
    /// built like the error shapes of botocore's models (data/*/service-2.json, shapes with
    /// `"exception": true`): of the 223 codes without such a suffix in the ECS, IAM, ELB,
    /// ECR, EC2, STS, SSM, Secrets Manager, Logs, EFS, S3, CloudFormation, Auto Scaling and
    /// Cloud Map models of botocore 1.43.11, 191 begin or end with one of these words; the
    /// common others are listed whole. EC2's unmodelled codes (`InvalidParameterValue`,
    /// `InvalidSubnetID.NotFound`, `UnauthorizedOperation`) have the same shape.
    static func errorCode(in message: String) -> String? {
        var word = ""
        func check() -> String? {
            var candidate = Substring(word)
            while candidate.last == "." { candidate = candidate.dropLast() }
            guard candidate.first?.isUppercase == true else { return nil }
            if errorCodesWhole.contains(String(candidate)) { return String(candidate) }
            for part in candidate.split(separator: ".") where part.filter(\.isUppercase).count >= 2 && part.dropFirst().contains(where: \.isLowercase) {
                if errorCodePrefixes.contains(where: { part.hasPrefix($0) && part.count > $0.count && part.dropFirst($0.count).first?.isUppercase == true })
                    || errorCodeSuffixes.contains(where: { part.hasSuffix($0) && part.count > $0.count }) {
                    return String(candidate)
                }
            }
            return nil
        }
        // Only where an error prints its code: before a colon (`InvalidInput: ...`) or in parentheses.
        for character in message {
            if character.isASCII, character.isLetter || character.isNumber || character == "." {
                word.append(character)
                continue
            }
            if character == ":" || character == ")", let found = check() { return found }
            word = ""
        }
        return nil
    }

    static let errorCodePrefixes = ["Invalid", "NoSuch", "Malformed", "TooMany", "Duplicate", "Unsupported", "Unauthorized", "Unrecognized",
                                    "Incorrect", "Insufficient", "Missing", "Unmodifiable", "Irreversible", "Incompatible"]
    static let errorCodesWhole: Set<String> = ["AccessDenied", "AlreadyExists", "LimitExceeded", "BadRequest", "Throttling", "ConcurrentModification",
                                               "ResourceContention", "ExpiredToken", "RequestExpired", "UnauthorizedOperation"]
    static let errorCodeSuffixes = ["Exceeded", "NotFound", "AlreadyExists", "LimitExceeded", "DoesNotExist", "InUse", "Conflict", "Mismatch", "Failure",
                                    "Denied", "Unavailable", "NotSupported", "NotPermitted", "Throttle", "NotConnected", "Timeout"]

    /// Words of the normalized (lowercased) text; an apostrophe stays inside a word (`can't`).
    static func words(of normalized: [UInt8]) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        for byte in normalized {
            let isWordByte = (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || (byte == UInt8(ascii: "'") && !current.isEmpty)
            if isWordByte {
                current.append(byte)
            } else if !current.isEmpty {
                result.append(String(decoding: current, as: UTF8.self))
                current = []
            }
        }
        if !current.isEmpty { result.append(String(decoding: current, as: UTF8.self)) }
        return result
    }

    /// The number after "exit code", "exit status", "exitcode" or "exited with code".
    static func exitCode(in words: [String]) -> Int? {
        for index in words.indices {
            let next: Int
            switch words[index] {
            case "exitcode": next = index + 1
            case "exit" where index + 1 < words.count && ["code", "status"].contains(words[index + 1]): next = index + 2
            case "exited" where index + 2 < words.count && words[index + 1] == "with" && words[index + 2] == "code": next = index + 3
            default: continue
            }
            if next < words.count, let code = Int(words[next]) { return code }
        }
        return nil
    }

    /// Words that say something failed, alone.
    static let failureWords: Set<String> = [
        "error", "errors", "exception", "failed", "failure", "failures", "failing", "fails", "fail", "denied", "forbidden",
        "unauthorized", "unhealthy", "killed", "panic", "fatal", "invalid", "refused", "unreachable", "crashed", "crash",
        "aborted", "rejected", "oomkilled", "segfault", "traceback", "timeout", "cannot", "can't", "couldn't", "unavailable",
        "exceeded", "unable", "throttled", "misconfigured", "interrupted", "incompatible", "malformed", "unsatisfied",
        "insufficient", "unsupported", "rollback", "expired", "stuck",
        // logrus's four-letter levels (sirupsen/logrus text_formatter.go): what ecs-cli and the Go tools print.
        "fata", "erro",
    ]

    /// Word sequences that say something failed.
    static let failurePhrases: [[String]] = [
        ["unable", "to"], ["could", "not"], ["timed", "out"], ["not", "found"], ["not", "authorized"], ["not", "allowed"],
        ["not", "supported"], ["no", "such"], ["does", "not", "exist"], ["out", "of", "memory"], ["segmentation", "fault"],
        ["not", "healthy"], ["no", "longer"], ["circuit", "breaker"], ["rolling", "back"], ["not", "compatible"],
        ["out", "of", "retries"], ["does", "not", "match"], ["place", "a", "task", "because"], ["to", "reach", "steady", "state"],
        ["does", "not", "support"], ["do", "not", "support"], ["rolled", "back"],
        // Command-line and SDK parameter errors (awscli "Unknown options: ...", botocore "Unknown parameter in input").
        ["unknown", "options"], ["unknown", "option"], ["unknown", "parameter"],
        // What is missing, HTTP status texts without a failure word, and how a process or connection dies.
        ["missing", "required"], ["is", "missing"], ["are", "missing"], ["bad", "request"], ["bad", "gateway"],
        ["unexpected", "eof"], ["broken", "pipe"], ["core", "dumped"],
        // Infrastructure-as-code wrappers: CloudFormation's stabilization timeout and handler errors.
        ["did", "not", "stabilize"], ["resource", "handler", "returned", "message"],
        // API validation texts say what a value must be: "must contain a valid pair", "should not be null or empty".
        ["must", "contain", "a", "valid"], ["must", "be", "a", "valid"], ["should", "not", "be", "null"], ["must", "not", "be", "null"],
        ["must", "not", "be", "empty"],
    ]

    /// Words that make the word after them (or a following 0) say the opposite: "0 failed", "no errors".
    static let negations: Set<String> = ["0", "no", "zero", "without", "not", "non"]

    /// Validation errors say what is wrong by negating what it should be: "were not valid", "is not a supported
    /// log driver", "is not in a valid state", "is not currently permitted".
    static let negatedQualities: Set<String> = ["valid", "supported", "allowed", "permitted", "found", "authorized", "compatible",
                                                "recognized", "accepted", "reachable", "available", "healthy", "running", "connected", "known",
                                                "completed"]
    /// Words that may stand between "not" and the quality it negates.
    static let negationFillers: Set<String> = ["a", "an", "the", "in", "currently", "yet", "be", "been", "being", "of", "any", "one"]

    static func negatedQuality(in words: [String], at index: Int) -> String? {
        guard words[index] == "not" else { return nil }
        for next in words.indices.dropFirst(index + 1).prefix(3) {
            if negatedQualities.contains(words[next]) { return words[index...next].joined(separator: " ") }
            if !negationFillers.contains(words[next]) { return nil }
        }
        return nil
    }

    static func failureWord(in words: [String]) -> String? {
        for index in words.indices {
            for phrase in failurePhrases where index + phrase.count <= words.count && Array(words[index..<index + phrase.count]) == phrase {
                return phrase.joined(separator: " ")
            }
            if let negated = negatedQuality(in: words, at: index) { return negated }
            let word = words[index]
            guard failureWords.contains(word) else { continue }
            let negatedBefore = index > 0 && negations.contains(words[index - 1])
            let negatedAfter = index + 1 < words.count && words[index + 1] == "0"
            if !negatedBefore && !negatedAfter { return word }
        }
        return nil
    }
}
