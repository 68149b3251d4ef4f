import Foundation

/// SARIF 2.1.0 (`--format sarif`), for code-scanning dashboards and CI
/// annotations: one result per finding, in rank order, with the rule's
/// metadata from the registry. A pure function of the report, the names of
/// the inputs and where each finding points in them.
public enum SARIFReporter {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// Where the playbooks live, relative to the repository root; `helpUri`
    /// is `playbookBase + <rule-id>.md`. A relative reference until the
    /// project has a public home to point at.
    public static let playbookBase = "playbooks/"

    /// - Parameters:
    ///   - inputs: the input files as the user named them (`-` for standard input).
    ///   - locate: where a finding is in the user's files. The default points
    ///     into the snapshot (`snapshotLocation`); an input that knows source
    ///     lines (a Terraform plan's configuration, a CloudFormation template)
    ///     passes its own.
    public static func render(_ report: Report, inputs: [String],
                              locate: ((Finding) -> FindingLocation?)? = nil) -> String {
        JSONWriter.write(value(of: report, inputs: inputs, locate: locate ?? { snapshotLocation(of: $0, inputs: inputs) }))
    }

    static func value(of report: Report, inputs: [String], locate: (Finding) -> FindingLocation?) -> JSONValue {
        let rules = RuleRegistry.descriptions.sorted { $0.id < $1.id }
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in rules.enumerated() { ruleIndex[rule.id] = index }
        let firing = Set(report.findings.map(\.ruleId))
        let driver: JSONValue = .object([
            ("name", .string(ToolInfo.name)),
            ("version", .string(ToolInfo.version)),
            ("semanticVersion", .string(ToolInfo.version)),
            ("rules", .array(rules.map { value(of: $0, withHelp: firing.contains($0.id)) })),
        ])
        let results: [JSONValue] = report.findings.enumerated().map { position, finding in
            var members: [(key: String, value: JSONValue)] = [
                ("ruleId", .string(finding.ruleId)),
                ("level", .string(level(finding.severity))),
                ("message", .object([("text", .string(finding.title + ". Fix: " + finding.fix.summary))])),
                ("partialFingerprints", .object([("ecsTriage/ruleAndResource", .string(finding.ruleId + " " + finding.primaryResource))])),
                ("properties", .object(properties(of: finding, rank: position + 1))),
            ]
            if let index = ruleIndex[finding.ruleId] { members.append(("ruleIndex", .number(Double(index)))) }
            if let location = locate(finding) { members.append(("locations", .array([value(of: location)]))) }
            return .object(members)
        }
        return .object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", driver)])),
                ("results", .array(results)),
                ("properties", .object([("inputs", .array(inputs.map { .string(SnapshotLoader.displayName($0)) }))])),
            ])])),
        ])
    }

    /// critical and high stop the workload or will: errors; medium warns; low and info are notes.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    private static func properties(of finding: Finding, rank: Int) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = [
            ("rank", .number(Double(rank))),
            ("severity", .string(finding.severity.rawValue)),
            ("confidence", .string(finding.confidence.rawValue)),
            ("category", .string(finding.category.rawValue)),
            ("resources", .array(finding.resources.map { .string($0.id) })),
            ("fixCommands", .array(finding.fix.commands.map(JSONValue.string))),
        ]
        if let terraform = finding.fix.terraform { members.append(("fixTerraform", .string(terraform))) }
        return members
    }

    private static func value(of rule: RuleDescription, withHelp: Bool) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(rule.id)),
            ("shortDescription", .object([("text", .string(rule.title))])),
            ("helpUri", .string(playbookBase + rule.id + ".md")),
            ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
            ("properties", .object([
                ("category", .string(rule.category.rawValue)),
                ("kind", .string(rule.kind.rawValue)),
                ("severity", .string(rule.severity.rawValue)),
                ("tags", .array([.string("ecs"), .string(rule.category.rawValue)])),
            ])),
        ]
        let playbook = Playbooks.text(for: rule.id)
        if let meaning = playbook.flatMap(firstParagraph) { members.append(("fullDescription", .object([("text", .string(meaning))]))) }
        // The whole playbook only for the rules that fired: every rule's would
        // make each log a few hundred kilobytes.
        if withHelp, let playbook { members.append(("help", .object([("text", .string(playbook)), ("markdown", .string(playbook))]))) }
        return .object(members)
    }

    /// The playbook's "what it means": its first paragraph after the title, joined into one line.
    static func firstParagraph(_ playbook: String) -> String? {
        var lines: [Substring] = []
        for line in playbook.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") { if lines.isEmpty { continue } else { break } }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { if lines.isEmpty { continue } else { break } }
            lines.append(line)
        }
        return lines.isEmpty ? nil : lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    // MARK: Locations

    /// The snapshot location of a finding: its first evidence with a field.
    /// Fields are `/pointer` (one input), `file#/pointer` (several),
    /// `file:LINE#/pointer` (JSON Lines) or `line N` (text).
    public static func snapshotLocation(of finding: Finding, inputs: [String]) -> FindingLocation? {
        // Configuration not deployed yet: the resource in the plan, state or template.
        if let reference = finding.configuration.first {
            return FindingLocation(file: reference.file, pointer: reference.pointer.isEmpty ? nil : reference.pointer,
                                   logicalName: reference.address, logicalKind: "resource")
        }
        guard let field = finding.evidence.first(where: { !$0.field.isEmpty })?.field else {
            return inputs.count == 1 ? FindingLocation(file: SnapshotLoader.displayName(inputs[0])) : nil
        }
        let names = inputs.map(SnapshotLoader.displayName).sorted { $0.count > $1.count }
        var file = names.count == 1 ? names[0] : nil
        var rest = Substring(field)
        var line: Int?
        if let name = names.first(where: { field.hasPrefix($0 + "#") || field.hasPrefix($0 + ":") }) {
            file = name
            rest = field.dropFirst(name.count)
            if rest.hasPrefix(":"), let hash = rest.firstIndex(of: "#") {
                line = Int(rest[rest.index(after: rest.startIndex)..<hash])
                rest = rest[hash...]
            }
            if rest.hasPrefix("#") { rest = rest.dropFirst() }
        }
        guard let file else { return nil }
        if rest.hasPrefix("line "), let number = Int(rest.dropFirst(5)) {
            return FindingLocation(file: file, line: number)
        }
        return FindingLocation(file: file, pointer: rest.isEmpty ? nil : String(rest), line: line)
    }

    static func value(of location: FindingLocation) -> JSONValue {
        var physical: [(key: String, value: JSONValue)] = [("artifactLocation", .object([("uri", .string(uri(location.file)))]))]
        if let line = location.line {
            var region: [(key: String, value: JSONValue)] = [("startLine", .number(Double(line)))]
            if let column = location.column { region.append(("startColumn", .number(Double(column)))) }
            physical.append(("region", .object(region)))
        }
        var members: [(key: String, value: JSONValue)] = [("physicalLocation", .object(physical))]
        var logical: [JSONValue] = []
        if let pointer = location.pointer {
            logical.append(.object([("fullyQualifiedName", .string(pointer)), ("kind", .string("element"))]))
        }
        if let name = location.logicalName {
            logical.append(.object([("fullyQualifiedName", .string(name)), ("kind", .string(location.logicalKind ?? "resource"))]))
        }
        if !logical.isEmpty { members.append(("logicalLocations", .array(logical))) }
        if let pointer = location.pointer { members.append(("properties", .object([("jsonPointer", .string(pointer))]))) }
        return .object(members)
    }

    /// A file name as a URI reference: relative paths stay relative, absolute
    /// ones become `file://` URIs; anything outside the unreserved characters
    /// and `/` is percent-encoded.
    static func uri(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "-._~/".contains(character) {
                encoded.append(character)
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}

/// Where a finding is in the user's files, for reports that point into them
/// (SARIF). Snapshots give a JSON pointer; the pre-deploy inputs fill in the
/// configuration's line and column, and the name in the user's terms.
public struct FindingLocation: Sendable, Equatable {
    /// The input as named by the user (`stdin` for standard input).
    public var file: String
    /// A JSON pointer into `file`.
    public var pointer: String?
    /// 1-based line and column: a text input's line, a JSON Lines document,
    /// or a Terraform or CloudFormation source position.
    public var line: Int?
    public var column: Int?
    /// The resource in the user's terms: a Terraform address
    /// (`module.vpc.aws_subnet.private[0]`), a CloudFormation logical id or
    /// a CDK construct path.
    public var logicalName: String?
    /// SARIF's logical location kind for `logicalName` ("resource" when nil).
    public var logicalKind: String?

    public init(file: String, pointer: String? = nil, line: Int? = nil, column: Int? = nil,
                logicalName: String? = nil, logicalKind: String? = nil) {
        self.file = file
        self.pointer = pointer
        self.line = line
        self.column = column
        self.logicalName = logicalName
        self.logicalKind = logicalKind
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
