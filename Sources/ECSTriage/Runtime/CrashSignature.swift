/// One way an application (or its runtime, shell or web server) says in its
/// own log why it stopped: the runtime's fixed wording, as fragments that
/// must appear in order on one line. Hosts, ports, paths and names between
/// the fragments vary from one deployment to the next and are not matched.
struct CrashSignature: Sendable {
    /// How much a matching line says.
    enum Weight: Sendable {
        /// The line names the cause (`No module named 'flask'`).
        case cause
        /// The line says the process died and where to look, not why
        /// (`Traceback (most recent call last):`, `APPLICATION FAILED TO START`):
        /// it counts only when no line of the log names a cause.
        case context
    }

    /// What must follow the last fragment for the line to match.
    enum Argument: Sendable {
        case any
        /// An environment variable's name: upper case letters, digits and `_`
        /// (`KeyError: 'DATABASE_URL'` is a missing variable, `KeyError: 'id'` is a bug).
        case variableName
    }

    /// Kebab-case, unique in the table.
    var id: String
    /// The layer that prints the line: `python`, `node`, `jvm`, `go`, `ruby`, `php`, `dotnet`,
    /// `nginx`, `apache`, `shell`, `database`, `cache`, `dns`, `tls`, `disk`, `aws-sdk`, `erlang`, `rust`,
    /// `os` (the operating system's own error text, whatever runtime printed it), `app` (wordings applications
    /// share whatever their runtime: "DATABASE_URL must be set").
    var runtime: String
    /// Short cause class: `missing-module`, `port-in-use`, `dns-failure`...
    var kind: String
    /// The rule the line is evidence for (docs/rule-catalogue.md).
    var rule: String
    var weight: Weight = .cause
    var fragments: [String]
    var ignoringCase = false
    var argument: Argument = .any
    /// The real log line the signature was written from: the table's tests match it.
    var example: String
    /// Where `example` was found (an issue URL or `owner/repo path@commit`), and
    /// the runtime's source for the wording when the thread does not show it.
    var source: String

    /// Where the first fragment starts in `line` (a byte offset), when every fragment occurs in order.
    func match(_ line: String) -> Int? { match(line, lowercased: ignoringCase ? line.lowercased() : line) }

    /// The same, with the line already lower-cased by the caller: the table is tried line by line, and a
    /// line is lower-cased once for all its case-insensitive signatures rather than once for each.
    func match(_ line: String, lowercased: String) -> Int? {
        let text = ignoringCase ? lowercased : line
        var rest = text[...]
        var start: Int?
        for fragment in fragments {
            guard let found = rest.byteRange(of: ignoringCase ? fragment.lowercased() : fragment) else { return nil }
            if start == nil { start = text.utf8.distance(from: text.startIndex, to: found.lowerBound) }
            rest = rest[found.upperBound...]
        }
        guard Self.accepts(argument, after: rest) else { return nil }
        return start
    }

    private static func accepts(_ argument: Argument, after rest: Substring) -> Bool {
        switch argument {
        case .any:
            return true
        case .variableName:
            let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            return !name.isEmpty && name.first!.isLetter && name.allSatisfy { !$0.isLowercase }
        }
    }

    /// The total length of the fixed wording: between two signatures matching one line, the longer is the more specific.
    var specificity: Int { fragments.reduce(0) { $0 + $1.utf8.count } }

    /// Which of two signatures matching one line names it: a runtime's own wording before the
    /// operating system's error text it quotes (`listen EADDRINUSE` before `address already in use`),
    /// then the more specific.
    var precedence: (Int, Int) { (runtime == "os" || runtime == "app" ? 0 : 1, specificity) }
}

/// A line of a log that a signature recognised, and where it stands in the log.
struct CrashMatch: Sendable, Equatable {
    var signatureId: String
    /// 1-based position of the line among the lines given.
    var lineNumber: Int
    /// How many lines the log has (the `M` of "line N of M").
    var lineCount: Int
    var line: String

    var signature: CrashSignature { CrashSignatures.byId[signatureId]! }
}

/// The table of crash signatures and the one way into it. Pasted text goes
/// through it today (SymptomExtractor); log lines collected per task and
/// container (`logs get-log-events`) can go through the same `lastWords(lines:)`.
enum CrashSignatures {
    static let all: [CrashSignature] = CrashSignatureTable.signatures

    static let byId: [String: CrashSignature] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// Error types ECS and its agent put in stopped reasons and events: a line
    /// holding one is ECS's account of a failure (SymptomPatterns reads it),
    /// even when it quotes an application-like `dial tcp ...: i/o timeout`
    /// (aws/amazon-ecs-agent agent/api/errormessages/error_messages.go@8dfceca6, and the `ErrorName()`s of
    /// agent/dockerclient/dockerapi/errors.go, agent/engine/errors.go, ecs-agent/api/errors/errors.go and the
    /// task resources' fixed reasons in agent/taskresource/{volume,cgroup} that reach a task or container reason).
    static let ecsMarkers = [
        "CannotPullContainerError", "ResourceInitializationError", "CannotStartContainerError", "CannotCreateContainerError",
        "CannotInspectContainerError", "CannotStopContainerError", "DockerTimeoutError", "ContainerRuntimeError",
        "OutOfMemoryError: Container killed", "TaskFailedToStart",
        "CannotCreateVolumeError", "CannotPullECRContainerError", "CannotPullImageManifestError", "CannotPullContainerAuthError",
        "ContainerNetworkingError", "HostConfigError", "DockerClientConfigError", "TaskDependencyError", "ContainerVanishedError",
        "ImpossibleStateTransitionError", "CgroupError: Agent could not", "VolumeError: Agent could not",
        // The agent's own log lines about registering and reaching ECS (agent/app/agent.go, ecs-agent/api/ecs/client/ecs_client.go,
        // ecs-agent/acs/session/session.go): the instance, not an application, could not reach ECS.
        "Unable to register as a container instance", "Error registering container instance", "Error re-registering container instance",
        "registration attempt with", "ACS: Unable to discover poll endpoint", "Failed to connect to ACS",
    ]

    /// Host name parts of AWS resources an application connects to as its own dependencies (a database, a cache,
    /// a broker, a search domain, an internal load balancer): unlike the AWS APIs, reaching them is the application's business
    /// (botocore data/endpoints.json names the API hosts; these are the resources' own DNS names).
    static let awsHostedDependencies = [".rds.amazonaws.com", ".cache.amazonaws.com", ".es.amazonaws.com", ".docdb.amazonaws.com",
                                        ".redshift.amazonaws.com", ".mq.", ".kafka.", ".elb.amazonaws.com", ".memorydb.", ".neptune.amazonaws.com",
                                        ".execute-api.", ".aoss.amazonaws.com"]

    /// Every line some signature recognises, in log order, with the most
    /// specific signature for each (the longest fixed wording; a cause before a context line).
    static func match(lines: [String]) -> [CrashMatch] {
        var matches: [CrashMatch] = []
        // A line continuing an ECS message (indented, or `caused by:` as the AWS SDK wraps errors) is ECS's too.
        var inECSMessage = false
        for (index, line) in lines.enumerated() {
            // ecs-cli's `Error executing '<command>'` failed on the caller's machine: the failure patterns read it.
            let callerCLI = line.containsBytes(of: "Error executing '") && (line.containsBytes(of: "FATA[") || line.containsBytes(of: "ERRO["))
            if ecsMarkers.contains(where: line.containsBytes(of:)) || callerCLI {
                inECSMessage = true
                continue
            }
            let continues = line.first == " " || line.first == "\t" || line.lowercased().hasPrefix("caused by")
            if inECSMessage && continues { continue }
            inECSMessage = false
            var best: CrashSignature?
            // A network error naming an AWS endpoint, or ECS's task credentials and metadata endpoint (169.254.170.2), is about
            // reaching AWS or the agent (the failure patterns read it), not the application's own dependency.
            let namesAWSEndpoint = (line.containsBytes(of: ".amazonaws.com") && !Self.awsHostedDependencies.contains(where: line.containsBytes(of:)))
                || line.containsBytes(of: "169.254.170.2")
            let lowercased = line.lowercased()
            for signature in all where signature.match(line, lowercased: lowercased) != nil
                && !(namesAWSEndpoint && signature.rule == "app-dependency-unreachable") {
                guard let current = best else { best = signature; continue }
                let better = (signature.weight == .cause && current.weight == .context)
                    || (signature.weight == current.weight && signature.precedence > current.precedence)
                if better { best = signature }
            }
            if let best {
                matches.append(CrashMatch(signatureId: best.id, lineNumber: index + 1, lineCount: lines.count, line: line))
            }
        }
        return matches
    }

    /// The application's last words: the last line that names a cause, else
    /// the last line that says the process died. Earlier lines are often
    /// retries and warnings; what the process printed last is why it stopped.
    /// A context line (a traceback's header) is replaced by the last line of the
    /// log that names an error type (`ValueError: ...`), which says more: after
    /// it when there is one (Python prints the error last), else before it
    /// (Node prints `throw er` after the error's first line).
    static func lastWords(lines: [String]) -> CrashMatch? {
        let matches = match(lines: lines)
        if let cause = matches.last(where: { $0.signature.weight == .cause }) { return cause }
        guard var context = matches.last else { return nil }
        let named = lines.indices.filter { FailureSignal.errorType(in: lines[$0]) != nil }
        if let index = named.last(where: { $0 >= context.lineNumber - 1 }) ?? named.last {
            context.lineNumber = index + 1
            context.line = lines[index]
        }
        return context
    }

    /// The lines of a pasted log, as numbered in the paste: split on line
    /// breaks, trailing blank lines left out, a carriage return kept when it
    /// is inside a line (it is part of what a CRLF script prints).
    static func lines(of text: String) -> [String] {
        // Split on bytes: "\r\n" is one Character to Swift, not a "\n".
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> String in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines
    }
}

extension CrashSignatures {
    /// The string values of a JSON log record, one line each (a stack's line
    /// breaks kept), when a crash signature recognises one of them; else nil.
    static func structuredLogText(_ record: JSONValue) -> String? {
        var strings: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case let .string(text): strings.append(text)
            case let .array(items): items.forEach(collect)
            case let .object(members): members.forEach { collect($0.value) }
            default: break
            }
        }
        collect(record)
        let text = strings.joined(separator: "\n")
        return lastWords(lines: lines(of: text)) == nil ? nil : text
    }
}

extension CrashSignature {
    /// The symptom a matching line is: the kind a catalogue rule already
    /// explains for the failures ECS itself also reports, else an application crash.
    var symptomKind: SymptomKind {
        switch rule {
        case "container-out-of-memory": return .containerOutOfMemory
        case "container-command-not-found": return .containerCommandNotFound
        case "image-platform-mismatch": return .imagePlatformMismatch
        case "ephemeral-storage-exhausted": return .diskFull
        case "iam-access-denied": return .accessDenied
        case "task-role-permissions": return .taskCredentialsMissing
        default: return .applicationCrash
        }
    }
}
