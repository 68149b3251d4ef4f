/// Classifies one failure message and reads the facts it states (service,
/// host, region, role, action, target group, HTTP codes...).
public enum MessageClassifier {
    /// Lowercased, curly apostrophes straightened, runs of whitespace folded:
    /// the form every pattern is written in.
    public static func normalize(_ message: String) -> String {
        String(decoding: normalizedBytes(message), as: UTF8.self)
    }

    /// `normalize` as UTF-8 bytes; ASCII (nearly every message) takes the fast path.
    static func normalizedBytes(_ message: String) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(message.utf8.count)
        var lastWasSpace = false
        var hasNonASCII = false
        for byte in message.utf8 {
            switch byte {
            case 0x20, 0x0A, 0x09, 0x0D:
                if !lastWasSpace { result.append(0x20) }
                lastWasSpace = true
                continue
            case 0x41...0x5A:
                result.append(byte + 0x20)
            default:
                if byte >= 0x80 { hasNonASCII = true }
                result.append(byte)
            }
            lastWasSpace = false
        }
        guard hasNonASCII else { return result }
        let text = String(decoding: result, as: UTF8.self).lowercased()
            .replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2018}", with: "'")
        return Array(text.utf8)
    }

    /// The first pattern that matches, and whether it matched a phrase the message was cut inside.
    public static func match(_ normalized: String) -> (pattern: SymptomPattern, truncated: Bool)? {
        match(bytes: Array(normalized.utf8))
    }

    static func match(bytes: [UInt8]) -> (pattern: SymptomPattern, truncated: Bool)? {
        if case let .pattern(pattern, truncated) = classify(bytes: bytes, message: nil) { return (pattern, truncated) }
        return nil
    }

    /// What one normalized message is.
    enum Classification {
        /// A pattern of the table; `truncated` when only a cut phrase matched.
        case pattern(SymptomPattern, truncated: Bool)
        /// A routine message (steady state, a target being registered...).
        case routine
        /// No pattern, but a failure all the same, and what says so.
        case unrecognized(signal: String)
        /// Not a failure.
        case none
    }

    /// Classifies a normalized message; `message` (the original text) names
    /// error types in their own case when no pattern matches.
    static func classify(bytes: [UInt8], message: String?) -> Classification {
        let found = table.matcher.occurrences(in: bytes)
        let exact = table.exactPatterns[exactKey(bytes)] ?? []
        for (index, compiled) in table.patterns.enumerated() {
            if let truncated = compiled.matches(bytes, found: found, exact: exact.contains(index)) {
                return .pattern(SymptomPatterns.all[index], truncated: truncated)
            }
        }
        if table.routinePhrases.contains(where: { found[$0] }) { return .routine }
        let text = message ?? String(decoding: bytes, as: UTF8.self)
        return FailureSignal.detect(in: text, normalized: bytes).map { .unrecognized(signal: $0) } ?? .none
    }

    /// A whole message as `exactly` lists it: trimmed, without a final period
    /// or quotes, and without the stop code or "reason:" ECS puts before it.
    static func exactKey(_ bytes: [UInt8]) -> String {
        var text = Substring(String(decoding: bytes, as: UTF8.self))
        let trimmed: Set<Character> = [" ", ".", "\"", "'"]
        while let first = text.first, trimmed.contains(first) { text = text.dropFirst() }
        while let last = text.last, trimmed.contains(last) { text = text.dropLast() }
        for prefix in ["taskfailedtostart: ", "taskfailedtostart - ", "reason: "] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
        }
        return String(text)
    }

    /// The pattern table compiled once: every phrase of every pattern (and
    /// of the routine messages) in one matcher, each pattern holding the ids
    /// of its phrases.
    private static let table: (matcher: PhraseMatcher, patterns: [CompiledPattern], exactPatterns: [String: Set<Int>], routinePhrases: [Int]) = {
        var ids: [String: Int] = [:]
        var list: [[UInt8]] = []
        func id(_ phrase: String) -> Int {
            if let known = ids[phrase] { return known }
            ids[phrase] = list.count
            list.append(Array(phrase.utf8))
            return list.count - 1
        }
        let patterns = SymptomPatterns.all.map { pattern in
            CompiledPattern(anyOf: pattern.anyOf.map(id), allOf: pattern.allOf.map(id), alsoAnyOf: pattern.alsoAnyOf.map { $0.map(id) },
                            noneOf: pattern.noneOf.map(id),
                            truncatable: pattern.truncatable.map { Array($0.utf8) })
        }
        var exact: [String: Set<Int>] = [:]
        for (index, pattern) in SymptomPatterns.all.enumerated() {
            for message in pattern.exactly { exact[message, default: []].insert(index) }
        }
        let routine = SymptomPatterns.routine.flatMap(\.anyOf).map(id)
        return (PhraseMatcher(list), patterns, exact, routine)
    }()

    struct CompiledPattern: Sendable {
        let anyOf: [Int]
        let allOf: [Int]
        let alsoAnyOf: [[Int]]
        let noneOf: [Int]
        let truncatable: [[UInt8]]

        /// nil when the pattern does not match; else whether the message ends inside one of its
        /// truncatable phrases (it was cut short). `found` says which phrases (by id) occur in
        /// `text`; `exact`, whether the whole text is one of its `exactly`.
        func matches(_ text: [UInt8], found: [Bool], exact: Bool = false) -> Bool? {
            guard allOf.allSatisfy({ found[$0] }), alsoAnyOf.allSatisfy({ $0.contains { found[$0] } }),
                  !noneOf.contains(where: { found[$0] }) else { return nil }
            let cut = endsInsideTruncatable(text)
            if exact || anyOf.contains(where: { found[$0] }) { return cut }
            return cut ? true : nil
        }

        /// A cut message ends inside the phrase: "... i/o time". The cut phrase must begin a
        /// clause of the message (its start, or after punctuation: `: `, `(`, `- `, a quote),
        /// as the family's envelope puts it; inside a sentence the same words are another
        /// message ("... cannot be an essential container" is no cut "Essential container in
        /// task exited").
        func endsInsideTruncatable(_ text: [UInt8]) -> Bool {
            guard !truncatable.isEmpty else { return false }
            return text.withUnsafeBufferPointer { buffer in
                var end = buffer.count
                while end > 0, buffer[end - 1] == UInt8(ascii: ".") || buffer[end - 1] == UInt8(ascii: " ") { end -= 1 }
                if end >= 3, buffer[end - 3] == 0xE2, buffer[end - 2] == 0x80, buffer[end - 1] == 0xA6 { end -= 3 }  // "…"
                for phrase in truncatable where phrase.count > 5 {
                    // The cut must keep half the phrase and more than its first word, or any line
                    // ending in a common word ("configuration", "load balancer") would match.
                    let shortest = max(5, (phrase.count + 1) / 2)
                    let firstSpace = phrase.firstIndex(of: 0x20) ?? phrase.count
                    for length in stride(from: phrase.count - 1, through: max(shortest, firstSpace + 2), by: -1) where length <= end {
                        var equal = true
                        for offset in 0..<length where buffer[end - length + offset] != phrase[offset] {
                            equal = false
                            break
                        }
                        if equal, beginsClause(buffer, at: end - length) { return true }
                    }
                }
                return false
            }
        }
    }

    /// Whether `position` starts the text or follows punctuation (spaces skipped).
    static func beginsClause(_ buffer: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        var before = position - 1
        while before >= 0, buffer[before] == 0x20 { before -= 1 }
        guard before >= 0 else { return true }
        let byte = buffer[before]
        return !((0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_"))
    }

    public static func facts(of message: String, normalized: String, kind: SymptomKind) -> SymptomFacts {
        var facts = SymptomFacts()
        let host = firstHost(in: message)
        facts.host = host
        facts.action = token(after: "not authorized to perform: ", in: message)
        facts.resourceArn = token(after: "on resource: ", in: message).map { trimPunctuation($0.hasPrefix("\"") ? String($0.dropFirst()) : $0) }
        if let role = token(after: "assumed-role/", in: message, stopAt: "/ ") { facts.roleName = role }
        if kind == .roleAssumeFailed {
            if let quoted = token(after: "assume the role '", in: message, stopAt: "'") {
                facts.roleArn = quoted
            } else if let bare = token(after: "assume the role ", in: message) {
                facts.roleArn = bare
            }
            facts.roleName = facts.roleArn.map(ARN.roleName)
        }
        if kind == .infrastructureRoleAssumeFailed {
            facts.roleArn = token(after: "Infrastructure Role '", in: message, stopAt: "'")
            facts.roleName = facts.roleArn.map(ARN.roleName)
        }
        facts.service = service(action: facts.action, host: host, normalized: normalized)
        if facts.service == "elasticfilesystem", let host, !host.containsBytes(of: ".efs.") { facts.host = nil }
        facts.region = region(host: host, message: message)
        if let arnStart = message.byteRange(of: ":targetgroup/") {
            // Walk back to the start of the ARN and forward to its end.
            let prefix = message[..<arnStart.lowerBound]
            if let start = prefix.lastByteRange(of: "arn:") {
                let rest = message[start.lowerBound...]
                let end = rest.firstIndex(where: { $0 == " " || $0 == ")" || $0 == "," || $0 == "\"" || $0 == "'" }) ?? rest.endIndex
                facts.targetGroupArn = trimPunctuation(String(rest[..<end]))
            }
        }
        if let codes = token(after: "codes: [", in: message, stopAt: "]") {
            facts.httpCodes = codes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
        if let port = token(after: "(port ", in: message, stopAt: ")") { facts.port = Int(port) }
        facts.healthReason = healthReason(normalized: normalized, hasCodes: !facts.httpCodes.isEmpty)
        for (phrase, shortage) in [("insufficient cpu", "CPU"), ("resource:cpu", "CPU"), ("insufficient memory", "MEMORY"),
                                   ("resource:memory", "MEMORY"), ("insufficient gpu", "GPU"), ("resource:gpu", "GPU")]
            where normalized.containsBytes(of: phrase) {
            facts.resourceShortage = shortage
            break
        }
        if let code = token(after: "exit code ", in: normalized).flatMap({ Int(trimPunctuation($0)) }) { facts.exitCode = code }
        if kind == .targetTypeIncompatible {
            facts.targetType = token(after: "has target type ", in: normalized, stopAt: ", ")
            if let range = normalized.byteRange(of: "incompatible with the ") {
                facts.networkMode = normalized[range.upperBound...].split(separator: " ").first.map(String.init)
            }
        }
        if let launchType = token(after: "launch_type ", in: message) ?? token(after: "launch type ", in: message) {
            facts.launchType = trimPunctuation(launchType).uppercased()
        }
        if let name = token(after: "for container '", in: message, stopAt: "'") {
            facts.containerName = name
        } else if kind == .containerPortNotDefined, let name = token(after: "The container ", in: message) {
            facts.containerName = name
            facts.port = token(after: "container port ", in: message).flatMap { Int($0) }
        }
        return facts
    }

    private static func healthReason(normalized: String, hasCodes: Bool) -> String? {
        for code in ["Target.ResponseCodeMismatch", "Target.Timeout", "Target.FailedHealthChecks", "Target.NotInUse",
                     "Target.NotRegistered", "Target.InvalidState", "Target.IpUnusable", "Elb.InternalError"]
            where normalized.containsBytes(of: code.lowercased()) {
            return code
        }
        if hasCodes { return "Target.ResponseCodeMismatch" }
        if normalized.containsBytes(of: "request timed out") || normalized.containsBytes(of: "connection to target timed out") { return "Target.Timeout" }
        if normalized.containsBytes(of: "health checks failed") { return "Target.FailedHealthChecks" }
        return nil
    }

    /// The text after `marker` up to the first character in `stopAt` (default: space).
    static func token(after marker: String, in text: String, stopAt: String = " ") -> String? {
        guard let range = text.byteRange(of: marker) else { return nil }
        let rest = text[range.upperBound...]
        let end = rest.firstIndex(where: { stopAt.contains($0) || $0 == "\n" }) ?? rest.endIndex
        let value = String(rest[..<end])
        return value.isEmpty ? nil : value
    }

    static func trimPunctuation(_ text: String) -> String {
        var value = Substring(text)
        while let last = value.last, ".,;:)\"'".contains(last) { value = value.dropLast() }
        return String(value)
    }

    /// The first host named by a URL, a DNS lookup or an image reference.
    static func firstHost(in message: String) -> String? {
        var candidates: [(position: String.Index, host: String)] = []
        for marker in ["https://", "http://", "lookup ", "resolve ref \"", "resolve ref ", "pull access denied for "] {
            guard let range = message.byteRange(of: marker) else { continue }
            let rest = message[range.upperBound...]
            let end = rest.firstIndex(where: { "/:\"' ,;)".contains($0) }) ?? rest.endIndex
            let host = String(rest[..<end]).lowercased()
            if host.containsBytes(of: ".") { candidates.append((range.lowerBound, host)) }
        }
        return candidates.min { $0.position < $1.position }?.host
    }

    /// Maps a host to the endpoint a task needs for it.
    public static func service(ofHost host: String) -> String? {
        if host.containsBytes(of: ".dkr.ecr.") { return "ecr.dkr" }
        if host.hasPrefix("api.ecr.") || host.hasPrefix("ecr.") { return "ecr.api" }
        if host.containsBytes(of: "starport-layer-bucket") || host.hasPrefix("s3.") || host.hasPrefix("s3-") || host.containsBytes(of: ".s3.") || host.containsBytes(of: ".s3-") { return "s3" }
        if host.containsBytes(of: ".efs.") { return "elasticfilesystem" }
        if host.hasSuffix("docker.io") || host.hasSuffix("docker.com") { return "docker.io" }
        if host.hasSuffix(".amazonaws.com") {
            let first = host.split(separator: ".").first.map(String.init) ?? host
            if first.hasPrefix("ecs-a-") { return "ecs-agent" }
            if first.hasPrefix("ecs-t-") { return "ecs-telemetry" }
            return first
        }
        if host.first?.isNumber == true { return nil }  // an IP address says nothing
        return host
    }

    /// Phrases that name the service when no host does, most specific first.
    private static let servicePhrases: [(phrase: String, service: String)] = [
        ("access to kms", "kms"),
        ("ecr registry auth", "ecr.api"), ("registry auth from amazon ecr", "ecr.api"), ("getauthorizationtoken", "ecr.api"),
        ("between the task and amazon ecr", "ecr.api"),
        ("registry auth from asm", "secretsmanager"), ("secret from asm", "secretsmanager"), ("secrets manager", "secretsmanager"),
        ("secrets from ssm", "ssm"), ("parameter store", "ssm"), ("systems manager", "ssm"),
        ("env file", "s3"),
        ("cloudwatch", "logs"), ("logging driver", "logs"), ("log stream", "logs"), ("log group", "logs"),
        ("efs", "elasticfilesystem"), ("mount.nfs", "elasticfilesystem"), ("logger args", "logs"),
        ("docker.io", "docker.io"),
    ]

    static func service(action: String?, host: String?, normalized: String) -> String? {
        if let action, let prefix = action.split(separator: ":").first {
            switch prefix.lowercased() {
            case "ecr": return action.lowercased() == "ecr:getauthorizationtoken" ? "ecr.api" : "ecr.dkr"
            case "logs", "secretsmanager", "ssm", "kms", "s3", "ssmmessages", "sts": return prefix.lowercased()
            default: break
            }
        }
        // The EFS mount helper's messages carry documentation links: the file system, not their host, is what failed.
        // On EC2 the mount goes through ecs-init's volume plugin, which Docker reaches on a Unix socket
        // (aws/amazon-ecs-agent@8dfceca6 ecs-init/volumes/ecs_volume_driver.go, agent/taskresource/volume/dockervolume_efs.go).
        for marker in ["efs utils command", "amazon-ecs-volume-plugin", "mounting volume failed"] where normalized.containsBytes(of: marker) {
            return "elasticfilesystem"
        }
        if let host, let service = service(ofHost: host) { return service }
        return servicePhrases.first { normalized.containsBytes(of: $0.phrase) }?.service
    }

    static func region(host: String?, message: String) -> String? {
        if let host {
            for label in host.split(separator: ".") where isRegion(label) { return String(label) }
            if let range = host.byteRange(of: "prod-"), host.containsBytes(of: "-starport") {
                let rest = host[range.upperBound...]
                if let end = rest.byteRange(of: "-starport") { return String(rest[..<end.lowerBound]) }
            }
        }
        for marker in ["arn:aws:", "in region ", "Parameter Store in "] {
            guard let range = message.byteRange(of: marker) else { continue }
            var rest = message[range.upperBound...]
            if marker == "arn:aws:" {
                guard let colon = rest.firstIndex(of: ":") else { continue }
                rest = rest[rest.index(after: colon)...]
            }
            let end = rest.firstIndex(where: { $0 == ":" || $0 == " " }) ?? rest.endIndex
            if isRegion(rest[..<end]) { return String(rest[..<end]) }
        }
        return nil
    }

    /// `us-east-1`, `ap-northeast-1`, `us-gov-west-1`, `eu-central-2`...
    static func isRegion(_ text: Substring) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3 || parts.count == 4, parts[0].count == 2, parts[0].allSatisfy(\.isLowercase),
              let last = parts.last, !last.isEmpty, last.allSatisfy(\.isNumber) else { return false }
        return parts.dropFirst().dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isLowercase) }
    }
}

import Foundation
