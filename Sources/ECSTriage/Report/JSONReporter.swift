/// The machine-readable report of report-format.md, schema version 1.
public enum JSONReporter {
    public static func render(_ report: Report) -> String {
        JSONWriter.write(value(of: report))
    }

    /// The same report as UTF-8 bytes, for writing large reports without a copy.
    public static func renderBytes(_ report: Report) -> [UInt8] {
        JSONWriter.bytes(of: value(of: report))
    }

    static func value(of report: Report) -> JSONValue {
        var input: [(key: String, value: JSONValue)] = [
            ("documents", .number(Double(report.input.documents))),
            ("recognized", .array(report.input.recognized.map(JSONValue.string))),
            ("ignored", .array(report.input.ignored.map(JSONValue.string))),
            ("warnings", .array(report.input.warnings.map(JSONValue.string))),
        ]
        // Only snapshots from `collect` with failed calls have it.
        if !report.input.missingEvidence.isEmpty { input.append(("missingEvidence", value(of: report.input.missingEvidence))) }
        return .object([
            ("schemaVersion", .number(Double(Report.schemaVersion))),
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            ("input", .object(input)),
            ("symptoms", .array(report.symptoms.map(value(of:)))),
            ("findings", .array(report.findings.enumerated().map { value(of: $0.element, rank: $0.offset + 1) })),
            ("paths", .array(report.paths.map { row in
                var members: [(key: String, value: JSONValue)] = [
                    ("workload", .string(row.workload)), ("subnet", .string(row.subnet)), ("dependency", .string(row.dependency)),
                    ("verdict", .string(row.verdict)), ("route", .string(row.route)),
                ]
                if let detail = row.detail { members.append(("detail", .string(detail))) }
                if let field = row.field { members.append(("field", .string(field))) }
                return .object(members)
            })),
            ("summary", .object(Severity.allCases.map { ($0.rawValue, .number(Double(report.count($0)))) })),
            ("doFirst", report.doFirst.map(value(of:)) ?? .null),
        ])
    }

    static func value(of first: FirstAction) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("rank", .number(Double(first.rank))),
            ("ruleId", .string(first.ruleId)),
            ("cause", .string(first.cause)),
            ("change", .string(first.change)),
            ("moreCommands", .number(Double(first.moreCommands))),
        ]
        if let command = first.command { members.append(("command", .string(command))) }
        return .object(members)
    }

    static func value(of symptom: Symptom) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(symptom.id)),
            ("kind", .string(symptom.kind.rawValue)),
            ("field", .string(symptom.location)),
            ("message", .string(symptom.message)),
        ]
        if let resource = symptom.resource { members.append(("resource", .string(resource))) }
        var facts: [(key: String, value: JSONValue)] = []
        let f = symptom.facts
        for (key, text) in [("service", f.service), ("host", f.host), ("region", f.region), ("role", f.roleName),
                            ("roleArn", f.roleArn), ("action", f.action), ("resourceArn", f.resourceArn),
                            ("targetGroupArn", f.targetGroupArn), ("healthReason", f.healthReason),
                            ("launchType", f.launchType), ("container", f.containerName)] {
            if let text { facts.append((key, .string(text))) }
        }
        if !f.httpCodes.isEmpty { facts.append(("httpCodes", .array(f.httpCodes.map { .number(Double($0)) }))) }
        if let port = f.port { facts.append(("port", .number(Double(port)))) }
        if f.truncated { facts.append(("truncated", .bool(true))) }
        if !facts.isEmpty { members.append(("facts", .object(facts))) }
        return .object(members)
    }

    static func value(of finding: Finding, rank: Int) -> JSONValue {
        var fix: [(key: String, value: JSONValue)] = [
            ("summary", .string(finding.fix.summary)),
            ("steps", .array(finding.fix.steps.map(JSONValue.string))),
            ("commands", .array(finding.fix.commands.map(JSONValue.string))),
        ]
        if let terraform = finding.fix.terraform { fix.append(("terraform", .string(terraform))) }
        var members: [(key: String, value: JSONValue)] = [
            ("rank", .number(Double(rank))),
            ("ruleId", .string(finding.ruleId)),
            ("category", .string(finding.category.rawValue)),
            ("title", .string(finding.title)),
            ("severity", .string(finding.severity.rawValue)),
            ("confidence", .string(finding.confidence.rawValue)),
            ("explains", .array(finding.explains.map(JSONValue.string))),
            ("resources", .array(finding.resources.map { .string($0.id) })),
            ("evidence", .array(finding.evidence.map { .object([("field", .string($0.field)), ("text", .string($0.text))]) })),
            ("fix", .object(fix)),
            ("missingEvidence", value(of: finding.missingEvidence)),
            ("playbook", .string(finding.ruleId)),
        ]
        if !finding.configuration.isEmpty {
            members.append(("configuration", .array(finding.configuration.map { reference in
                .object([("resource", .string(reference.id)), ("address", .string(reference.address)),
                         ("type", .string(reference.resourceType)), ("file", .string(reference.file)), ("pointer", .string(reference.pointer))]
                        + (reference.constructPath.map { [("constructPath", JSONValue.string($0))] } ?? []))
            })))
        }
        return .object(members)
    }

    static func value(of missing: [MissingEvidence]) -> JSONValue {
        .array(missing.map { .object([("why", .string($0.why)), ("command", .string($0.command))]) })
    }
}
