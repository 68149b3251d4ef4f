/// What the rules built on crash signatures share: the application-crash
/// symptoms whose signature is evidence for the rule, and how a log line is named.
extension RuleDescription {
    /// One finding per title and workload over the crash lines whose signature names this rule.
    func crashFindings(_ context: AnalysisContext, _ detail: (Symptom, CrashSignature, Workload?) -> NamedCauseDetail?) -> [Finding] {
        var crashes: [String: Symptom] = [:]
        var findings = namedCauseFindings(context, kinds: [.applicationCrash]) { symptom, workload in
            guard let signature = symptom.crashSignature, signature.rule == id else { return nil }
            crashes[symptom.id] = symptom
            return detail(symptom, signature, workload)
        }
        for index in findings.indices {
            let exits = findings[index].explains.compactMap { crashes[$0] }.flatMap(context.exitsPasted(with:))
            findings[index].absorb(exits)
        }
        return findings
    }
}

extension Finding {
    /// Adds the exits a crash caused, as consequences of it.
    mutating func absorb(_ exits: [Symptom]) {
        explains += exits.map(\.id)
        evidence += exits.map { Evidence($0.location, "a consequence of this failure: " + $0.message) }
    }
}

extension AnalysisContext {
    /// "Essential container in task exited" and the like, pasted in the same
    /// text as a crash log, or stopping the task whose container log holds the
    /// crash (collect's containerLogs): what ECS said about the crash the log explains.
    func exitsPasted(with crash: Symptom) -> [Symptom] {
        let exits = symptoms(of: [.containerExited, .containerStartFailed])
        guard let task = crash.resource else { return exits.filter { $0.resource == nil && $0.pastedText == crash.pastedText } }
        return exits.filter { $0.resource == task && ($0.facts.containerName == nil || $0.facts.containerName == crash.facts.containerName) }
    }
}

extension Symptom {
    /// Which pasted text the symptom was read from: its location without the line (`ticket.txt#`, or empty for one input).
    var pastedText: String? {
        guard resource == nil, let range = location.range(of: "line ", options: .backwards) else { return nil }
        return String(location[..<range.lowerBound])
    }

    /// The crash signature that recognised the line, for an application-crash symptom.
    var crashSignature: CrashSignature? { facts.crashSignature.flatMap { CrashSignatures.byId[$0] } }
}

/// Names of what printed a line, for titles.
enum CrashWording {
    static func runtimeName(_ runtime: String) -> String {
        let names = ["python": "Python", "node": "Node.js", "jvm": "JVM", "go": "Go", "ruby": "Ruby", "php": "PHP", "dotnet": ".NET",
                     "nginx": "nginx", "apache": "Apache httpd", "shell": "shell", "database": "database client", "cache": "cache client",
                     "dns": "resolver", "tls": "TLS", "disk": "file system", "aws-sdk": "AWS SDK",
                     "erlang": "Erlang/Elixir", "rust": "Rust", "os": "system error", "app": "application log"]
        return names[runtime] ?? runtime
    }

    /// ` (Python)`: the runtime in parentheses, for a title.
    static func printedBy(_ signature: CrashSignature) -> String { " (\(runtimeName(signature.runtime)))" }

    /// The missing-evidence entry for a crash quoted from pasted text: which task and definition it was.
    static func taskDefinitionEvidence(_ why: String) -> MissingEvidence {
        MissingEvidence(why: why, command: "aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition.containerDefinitions")
    }
}

extension CrashSignature {
    /// The name right after the first fragment when it is an environment
    /// variable's (`KeyError: 'DATABASE_URL'` gives DATABASE_URL), else nil.
    func variableName(in line: String) -> String? {
        guard let first = fragments.first, let found = line.byteRange(of: first) else { return nil }
        let name = line[found.upperBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        guard let head = name.first, head.isLetter, name.count >= 2, name.allSatisfy({ !$0.isLowercase }) else { return nil }
        return String(name)
    }

    /// The first double-quoted text of the line after the first fragment (nginx's paths and upstream names).
    func quotedValue(in line: String) -> String? {
        guard let first = fragments.first, let found = line.byteRange(of: first) else { return nil }
        let rest = line[found.lowerBound...]
        guard let open = rest.firstIndex(of: "\"") else { return nil }
        let value = rest[rest.index(after: open)...].prefix { $0 != "\"" }
        return value.isEmpty || value.count > 200 ? nil : String(value)
    }
}
