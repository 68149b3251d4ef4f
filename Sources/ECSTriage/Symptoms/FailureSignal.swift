/// What makes a message that no pattern knows a failure, in the order a
/// reader trusts it: a named error type (`...Error`, `...Exception`), an ECS
/// stop code, a non-zero exit code, then a failure word ("failed", "unable
/// to", "denied", "timed out"...). A message with none of them (prose, a
/// routine event) is not a failure.
enum FailureSignal {
    /// A short description of the first signal found (`error type ClientException`,
    /// `exit code 2`, `"unable to"`), or nil.
    static func detect(in message: String, normalized: [UInt8]) -> String? {
        if let type = errorType(in: message) { return "error type " + type }
        let text = String(decoding: normalized, as: UTF8.self)
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
        "insufficient", "unsupported",
    ]

    /// Word sequences that say something failed.
    static let failurePhrases: [[String]] = [
        ["unable", "to"], ["could", "not"], ["timed", "out"], ["not", "found"], ["not", "authorized"], ["not", "allowed"],
        ["not", "supported"], ["no", "such"], ["does", "not", "exist"], ["out", "of", "memory"], ["segmentation", "fault"],
        ["not", "healthy"], ["no", "longer"], ["circuit", "breaker"], ["rolling", "back"], ["not", "compatible"],
        ["out", "of", "retries"], ["does", "not", "match"], ["place", "a", "task", "because"], ["to", "reach", "steady", "state"],
    ]

    /// Words that make the word after them (or a following 0) say the opposite: "0 failed", "no errors".
    static let negations: Set<String> = ["0", "no", "zero", "without", "not", "non"]

    static func failureWord(in words: [String]) -> String? {
        for index in words.indices {
            for phrase in failurePhrases where index + phrase.count <= words.count && Array(words[index..<index + phrase.count]) == phrase {
                return phrase.joined(separator: " ")
            }
            let word = words[index]
            guard failureWords.contains(word) else { continue }
            let negatedBefore = index > 0 && negations.contains(words[index - 1])
            let negatedAfter = index + 1 < words.count && words[index + 1] == "0"
            if !negatedBefore && !negatedAfter { return word }
        }
        return nil
    }
}
