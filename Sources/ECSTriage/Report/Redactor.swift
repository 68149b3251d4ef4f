import Foundation

/// Removes what must not leave the user's account from reports and
/// snapshots (`--redact`): environment variable values, secret-looking
/// strings inside any text (AWS access keys and secret keys, passwords in
/// URLs, bearer and API tokens, private keys, `password=...`), and with
/// `accounts` every 12-digit account id, mapped to `ACCOUNT-1`, `ACCOUNT-2`...
/// in order of first appearance, the same id always to the same name.
///
/// A value type: redacting a whole report or snapshot through one
/// `Redactor` keeps the account names consistent across it.
public struct Redactor: Sendable {
    public static let placeholder = "[REDACTED]"

    public let redactsAccounts: Bool
    /// Exact values to remove wherever they appear, longest first.
    private let knownSecrets: [String]
    private var accountNames: [String: String] = [:]

    /// - Parameter knownSecrets: values to remove verbatim, typically
    ///   `Redactor.environmentValues(in:)` of the analysed snapshot.
    public init(accounts: Bool = false, knownSecrets: [String] = []) {
        redactsAccounts = accounts
        self.knownSecrets = Array(Set(knownSecrets)).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// The environment variable values of the snapshot's task definitions
    /// that could be secrets. Values that cannot be (numbers, booleans, URL
    /// paths, the region, anything under 6 characters) stay, so that the
    /// report keeps reading well: a health-check path set through the
    /// environment is still quoted.
    public static func environmentValues(in snapshot: Snapshot) -> [String] {
        snapshot.taskDefinitions.flatMap(\.containerDefinitions).flatMap(\.environment).map(\.value)
            .filter { couldBeSecret($0, region: snapshot.region) }
    }

    /// Replaced wherever it appears in a report, so it must not be a word the report needs.
    private static func couldBeSecret(_ value: String, region: String?) -> Bool {
        let harmless: Set<String> = ["true", "false", "enabled", "disabled", "yes", "no", "on", "off"]
        return value.count >= 6 && Double(value) == nil && !value.hasPrefix("/") && !harmless.contains(value.lowercased()) && value != region
    }

    /// The values that follow a secret-naming flag as separate arguments in
    /// the snapshot's `command` and `entryPoint` arrays (`["--db-password",
    /// "hunter2"]`): each argument is redacted alone, so the text patterns
    /// never see the flag and its value together.
    public static func commandArgumentValues(in snapshot: Snapshot) -> [String] {
        var values: [String] = []
        for definition in snapshot.taskDefinitions {
            for container in definition.containerDefinitions {
                for arguments in [container.entryPoint, container.command] {
                    values += flagValues(arguments).map { String(arguments[$0.index].dropFirst($0.prefix.count)) }
                }
            }
        }
        return values.filter { couldBeSecret($0, region: snapshot.region) }
    }

    /// Environment values and command-argument secrets: what a report must never quote.
    public static func knownSecrets(in snapshot: Snapshot) -> [String] {
        environmentValues(in: snapshot) + commandArgumentValues(in: snapshot)
    }

    /// A flag argument alone whose name ends in a secret's word (`--db-password`, `-token`, `--api-key`).
    private static let secretFlag = try! NSRegularExpression(
        pattern: #"(?i)^--?(?:[A-Za-z0-9]+[-_])*(?:password|passwd|pwd|pass|secret|token|key|apikey|credentials?|auth)$"#)
    /// Database and cache clients whose short option takes the password: `-p` (MySQL, MongoDB), `-a` (redis-cli).
    private static let passwordOptions: [String: String] = [
        "mysql": "-p", "mysqldump": "-p", "mysqladmin": "-p", "mariadb": "-p", "mariadb-dump": "-p",
        "mongo": "-p", "mongosh": "-p", "mongodump": "-p", "mongorestore": "-p", "redis-cli": "-a",
    ]

    /// The arguments that hold a secret, each with the option it starts with
    /// (kept): the argument after a secret-naming flag or a client's password
    /// option (prefix empty), and a password attached to that option (`-phunter2`, prefix `-p`).
    static func flagValues(_ arguments: [String]) -> [(index: Int, prefix: String)] {
        var found: [(index: Int, prefix: String)] = []
        var passwordOption: String?
        for (index, argument) in arguments.enumerated() {
            if let program = argument.split(separator: "/").last, let option = passwordOptions[String(program)] { passwordOption = option }
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            let isSecretFlag = secretFlag.firstMatch(in: argument, range: NSRange(argument.startIndex..., in: argument)) != nil
            if let next, !next.hasPrefix("-"), !next.hasPrefix("arn:"), isSecretFlag || argument == passwordOption {
                found.append((index + 1, ""))
            } else if let option = passwordOption, argument.hasPrefix(option), argument.count > option.count {
                found.append((index, option))
            }
        }
        return found
    }

    /// String arrays (a `command`, an `entryPoint`) with each secret flag's separate value replaced.
    private static func redactingFlagValues(_ items: [JSONValue]) -> [JSONValue] {
        let strings = items.compactMap(\.stringValue)
        guard strings.count == items.count else { return items }
        var result = items
        for value in flagValues(strings) { result[value.index] = .string(value.prefix + placeholder) }
        return result
    }

    // MARK: Text

    /// Removes secrets (and account ids when asked) from one string.
    public mutating func redact(_ text: String) -> String {
        var result = text
        for secret in knownSecrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        for pattern in Self.patterns {
            let range = NSRange(result.startIndex..., in: result)
            guard pattern.regex.firstMatch(in: result, range: range) != nil else { continue }
            if let accepts = pattern.accepts {
                result = Self.replaceMatches(of: pattern.regex, in: result) { match in
                    accepts(match) ? pattern.template : nil
                }
            } else {
                result = pattern.regex.stringByReplacingMatches(in: result, range: range, withTemplate: pattern.template)
            }
        }
        if redactsAccounts {
            result = Self.replaceMatches(of: Self.accountId, in: result) { account in
                if let name = accountNames[account] { return name }
                let name = "ACCOUNT-\(accountNames.count + 1)"
                accountNames[account] = name
                return name
            }
        }
        return result
    }

    private struct Pattern: @unchecked Sendable {
        let regex: NSRegularExpression
        let template: String
        /// For patterns too broad alone: whether a match is a secret (then
        /// `template` replaces it literally).
        let accepts: (@Sendable (String) -> Bool)?

        init(_ pattern: String, _ template: String, accepts: (@Sendable (String) -> Bool)? = nil) {
            // The patterns are constants: a failure here is a bug caught by every test run.
            regex = try! NSRegularExpression(pattern: pattern)
            self.template = template
            self.accepts = accepts
        }
    }

    /// Order matters: whole private keys first, so that their base64 body is
    /// not redacted piecemeal; key=value forms before bare tokens.
    private static let patterns: [Pattern] = [
        Pattern(#"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"#, "[REDACTED PRIVATE KEY]"),
        // The user may be empty: redis://:<password>@host is how Redis URLs carry a password alone.
        Pattern(#"([A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*):[^\s@/]+@"#, "$1:[REDACTED]@"),
        Pattern(#"(?i)\b(bearer)\s+[A-Za-z0-9\-._~+/]+=*"#, "$1 [REDACTED]"),
        Pattern(#"(?i)(authorization["']?\s*[:=]\s*["']?(?:basic|token)\s+)[A-Za-z0-9+/=._-]+"#, "$1[REDACTED]"),
        Pattern(#"(?i)((?<![A-Za-z0-9:/])(?:aws_secret_access_key|secret_access_key|secretaccesskey|aws_session_token|session_token|client_secret|password|passwd|pwd|secret|token|api[_-]?key|access[_-]?token|private[_-]?key)["']?\s*[:=]\s*["']?)(?!arn:)(?!\[REDACTED)[^\s"',;&]+"#, "$1[REDACTED]"),
        // The value after a flag whose name ends in a secret's word, separate or after `=`: `--db-password hunter2`,
        // `--api-key=abc`, `-token abc` (in a shell string, a pasted command line or a log line). A flag naming where
        // the secret is (`--secret-id`, `--key-file`, `--password-stdin`) does not end in the word and stays.
        Pattern(#"(?i)((?<![A-Za-z0-9_-])--?(?:[A-Za-z0-9]+[-_])*(?:password|passwd|pwd|pass|secret|token|key|apikey|credentials?|auth)(?:\s*=\s*|\s+))(?!-)(?!arn:)(?!\[REDACTED)(?:"[^"]*"|'[^']*'|[^\s"',;&]+)"#,
                "$1[REDACTED]"),
        // `-p` of the MySQL and MongoDB clients and `-a` of redis-cli take the password (`-phunter2` or `-p hunter2`);
        // psql's `-p` is the port, so psql is not among them. (mysql --help: "-p, --password[=name]";
        // mongosh --help: "-p, --password"; redis-cli --help: "-a <password>"; psql --help: "-p, --port=PORT".)
        Pattern(#"(?i)((?<![A-Za-z0-9_-])(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump|mongo|mongosh|mongodump|mongorestore)\b[^\n;&|]*?\s-p\s*|(?<![A-Za-z0-9_-])redis-cli\b[^\n;&|]*?\s-a\s+)(?!-)(?!\[REDACTED)[^\s"',;&]+"#,
                "$1[REDACTED]"),
        Pattern(#"\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b"#, "[REDACTED AWS ACCESS KEY ID]"),
        Pattern(#"\bgh[pousr]_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{20,}|\bxox[abprs]-[A-Za-z0-9-]{10,}"#, "[REDACTED TOKEN]"),
        Pattern(#"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"#, "[REDACTED TOKEN]"),
        // A bare AWS secret access key: 40 characters of base64 with upper
        // and lower case and a digit (hex digests and ids have no upper case).
        Pattern(#"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"#, "[REDACTED AWS SECRET KEY]") { match in
            match.contains { $0.isUppercase } && match.contains { $0.isLowercase } && match.contains { $0.isNumber }
        },
    ]

    private static let accountId = try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9])[0-9]{12}(?![A-Za-z0-9])"#)

    /// Replaces each match by `replacement(match)`, or keeps it when that is nil.
    private static func replaceMatches(of regex: NSRegularExpression, in text: String, _ replacement: (String) -> String?) -> String {
        let range = NSRange(text.startIndex..., in: text)
        var result = ""
        var position = text.startIndex
        for match in regex.matches(in: text, range: range) {
            guard let matched = Range(match.range, in: text) else { continue }
            result += text[position..<matched.lowerBound]
            result += replacement(String(text[matched])) ?? String(text[matched])
            position = matched.upperBound
        }
        result += text[position...]
        return result
    }

    // MARK: Report

    /// The report with every human-readable string redacted.
    public mutating func redact(_ report: Report) -> Report {
        var out = report
        out.symptoms = report.symptoms.map { symptom in
            var s = symptom
            s.message = redact(s.message)
            s.resource = s.resource.map { redact($0) }
            s.location = redact(s.location)
            var f = s.facts
            for path in [\SymptomFacts.service, \.host, \.region, \.roleName, \.roleArn, \.action, \.resourceArn,
                         \.targetGroupArn, \.healthReason, \.networkMode, \.targetType, \.launchType, \.containerName,
                         \.resourceShortage] as [WritableKeyPath<SymptomFacts, String?>] {
                f[keyPath: path] = f[keyPath: path].map { redact($0) }
            }
            s.facts = f
            return s
        }
        out.findings = report.findings.map { finding in
            var f = finding
            f.title = redact(f.title)
            f.resources = f.resources.map { ResourceID($0.kind, redact($0.id)) }
            f.evidence = f.evidence.map { Evidence(redact($0.field), redact($0.text)) }
            f.fix.summary = redact(f.fix.summary)
            f.fix.steps = f.fix.steps.map { redact($0) }
            f.fix.commands = f.fix.commands.map { redact($0) }
            f.fix.terraform = f.fix.terraform.map { redact($0) }
            f.missingEvidence = f.missingEvidence.map { redact($0) }
            return f
        }
        out.paths = report.paths.map { row in
            var r = row
            r.workload = redact(r.workload)
            r.subnet = redact(r.subnet)
            r.dependency = redact(r.dependency)
            r.route = redact(r.route)
            r.detail = r.detail.map { redact($0) }
            r.field = r.field.map { redact($0) }
            return r
        }
        out.input.warnings = report.input.warnings.map { redact($0) }
        out.input.missingEvidence = report.input.missingEvidence.map { redact($0) }
        return out
    }

    private mutating func redact(_ missing: MissingEvidence) -> MissingEvidence {
        MissingEvidence(why: redact(missing.why), command: redact(missing.command))
    }

    // MARK: Snapshot

    /// A snapshot (or any AWS CLI JSON) with every environment variable
    /// value replaced, whatever it is, and every string redacted as text.
    public mutating func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .string(text):
            return .string(redact(text))
        case let .array(items):
            return .array(Self.redactingFlagValues(items).map { redact($0) })
        case let .object(members):
            return .object(members.map { member in
                if member.key == "environment", case let .array(variables) = member.value {
                    // containerDefinitions[].environment and containerOverrides[].environment: name/value pairs.
                    return ("environment", .array(variables.map { variable in
                        guard case let .object(fields) = variable else { return redact(variable) }
                        return .object(fields.map { field in
                            field.key == "value" ? (field.key, .string(Self.placeholder)) : (field.key, redact(field.value))
                        })
                    }))
                }
                // Keys too: TargetHealth and TargetGroupAttributes are keyed by ARN.
                return (redact(member.key), redact(member.value))
            })
        default:
            return value
        }
    }
}
