/// Turns the user's inputs (AWS CLI outputs, merged snapshots, EventBridge
/// events, plain text) into one `Snapshot`, recognising each JSON document
/// by its keys.
public enum SnapshotLoader {
    /// `files` is consumed: each input's bytes are released once parsed,
    /// before its documents are decoded (a whole account's input is tens of
    /// megabytes that peak memory need not hold twice).
    /// `parameters` gives a CloudFormation template's parameter values.
    public static func load(_ files: consuming [InputFile], parameters: [String: String] = [:]) throws -> Snapshot {
        let names = files.map(\.name)
        var builder = SnapshotBuilder()
        builder.cloudFormationParameters = parameters
        do {
            for position in files.indices {
                let documents = try builder.read(files[position], several: names.count > 1)
                files[position].bytes = []
                try builder.add(documents)
            }
            return try builder.finish(fileNames: names)
        } catch let error as InputError where names.count == 1 {
            // Pointers into the only input carry no file name, which keeps
            // reports short; an error message must still start with it.
            throw error.naming(file: displayName(names[0]))
        }
    }

    /// How an input is named in messages: standard input is `stdin`.
    public static func displayName(_ name: String) -> String {
        name == "-" ? "stdin" : name
    }

    public static func load(text: String, name: String = "-") throws -> Snapshot {
        try load([InputFile(name: name, bytes: Array(text.utf8))])
    }

    /// A snapshot `collect` just assembled, read as a merged snapshot
    /// document without writing it out and parsing it again.
    public static func load(collected value: JSONValue, name: String) throws -> Snapshot {
        var builder = SnapshotBuilder()
        do {
            try builder.add(SnapshotBuilder.ParsedInput(displayName: displayName(name), several: false, tape: JSONTape(value: value)))
            return try builder.finish(fileNames: [name])
        } catch let error as InputError {
            throw error.naming(file: displayName(name))
        }
    }

    /// Keys we know and deliberately do not analyse yet, or that only
    /// describe the snapshot: not "ignored", not an unknown shape.
    static let acknowledgedKeys: Set<String> = [
        "snapshotVersion", "region", "accountId", "failures", "tags",
        "TargetGroupAttributes", "FileSystems", "UserDetailList", "GroupDetailList",
        "collectedAt", "tool", "collectErrors",
    ]

    static let paginationKeys: Set<String> = ["NextToken", "nextToken", "Marker", "NextMarker", "IsTruncated"]

}

/// Whole documents recognised by their shape rather than by a top-level
/// key. A matching document is read by its shape alone.
struct DocumentShape: Sendable {
    /// How the report's `input.recognized` names it.
    let name: @Sendable (JSONNode) throws -> String
    let matches: @Sendable (JSONNode) throws -> Bool
    let decode: @Sendable (JSONNode, inout SnapshotBuilder) throws -> Void

    static let all: [DocumentShape] = [eventBridgeEvent, loggedEventBridgeEvents, logEvents, bareRole, vpcAttributes, createServiceInput]

    /// A role printed on its own: an element of a `--query`-filtered
    /// `RoleDetailList` (the listing is partial: absence proves nothing),
    /// or `get-role --query Role` (trust policy only).
    static let bareRole = DocumentShape(
        name: { _ in "RoleDetailList" },
        matches: IAMRole.isBareRole,
        decode: { node, builder in
            builder.snapshot.sections.insert(.roles)
            let listsPolicies = node.member("RolePolicyList") != nil && node.member("AttachedManagedPolicies") != nil
            builder.snapshot.roles.append(try IAMRole(node, hasPermissionDetails: listsPolicies))
        })

    /// An EventBridge event: `ECS Task State Change` carries a task, the others an event.
    static let eventBridgeEvent = DocumentShape(
        name: { "detail-type: " + (try $0.string("detail-type") ?? "") },
        matches: { try $0.string("detail-type") != nil && $0.object("detail") != nil },
        decode: { node, builder in
            guard let detail = try node.object("detail") else { return }
            if try node.string("detail-type") == "ECS Task State Change" {
                builder.snapshot.sections.insert(.tasks)
                builder.snapshot.tasks.append(try ECSTask(detail))
            } else {
                builder.snapshot.sections.insert(.events)
                builder.snapshot.events.append(try ECSEvent(node, detail: detail))
            }
            if builder.snapshot.region == nil { builder.snapshot.region = try node.string("region") }
            if builder.snapshot.accountId == nil { builder.snapshot.accountId = try node.string("account") }
        })

    /// `aws logs filter-log-events` or `get-log-events` output of a log group that
    /// EventBridge writes ECS events to: Container Insights' ECS lifecycle events
    /// (/aws/events/ecs/containerinsights/..., each message one event as delivered,
    /// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/container-insights-ECS-lifecycle-events.html)
    /// or an EventBridge rule with a log group target. They keep stopped reasons
    /// after ECS forgets the task. Messages that are not ECS events are skipped.
    static let loggedEventBridgeEvents = DocumentShape(
        name: { _ in "events (CloudWatch Logs messages holding EventBridge ECS events)" },
        matches: { node in
            guard let events = try node.array("events"), !events.isEmpty else { return false }
            return try events.prefix(20).contains { try loggedEvent($0) != nil }
        },
        decode: { node, builder in
            for event in try node.array("events") ?? [] {
                guard let logged = try loggedEvent(event) else { continue }
                try eventBridgeEvent.decode(logged, &builder)
            }
        })

    /// `aws logs get-log-events` output of an application's stream (botocore logs
    /// GetLogEventsResponse: `events` of `timestamp` and `message`, with
    /// `nextForwardToken`) that holds no ECS events: its messages are log lines,
    /// read as a pasted log.
    static let logEvents = DocumentShape(
        name: { _ in "events (CloudWatch Logs messages, read as log lines)" },
        matches: { node in
            guard node.member("nextForwardToken") != nil || node.member("nextBackwardToken") != nil,
                  let events = try node.array("events") else { return false }
            return try events.allSatisfy { try $0.string("message") != nil }
        },
        decode: { node, builder in
            let messages = try (node.array("events") ?? []).compactMap { try $0.string("message") }
            builder.snapshot.texts.append(TextInput(origin: node.origin, text: messages.joined(separator: "\n")))
        })

    /// The EventBridge event a log event's `message` holds, as a node whose places point into the message.
    static func loggedEvent(_ event: JSONNode) throws -> JSONNode? {
        guard let message = try event.string("message"), message.hasPrefix("{"),
              let node = try? JSONNode(parsing: Array(message.utf8), pointer: "", origin: DocumentOrigin(prefix: event.location + "/message#"))
        else { return nil }
        return try eventBridgeEvent.matches(node) ? node : nil
    }

    /// The request of `aws ecs create-service --cli-input-json file://service.json`
    /// (botocore ecs CreateServiceRequest: `serviceName` and `taskDefinition` as
    /// strings, `cluster` by name or ARN): the service about to be created,
    /// read as a service that has no tasks, events or deployments yet.
    static let createServiceInput = DocumentShape(
        name: { _ in "create-service input (serviceName, taskDefinition)" },
        matches: { node in
            try node.string("serviceName") != nil && node.string("taskDefinition") != nil && node.member("serviceArn") == nil
        },
        decode: { node, builder in
            builder.snapshot.sections.insert(.services)
            builder.snapshot.services.append(try ECSService(node))
        })

    /// One `aws ec2 describe-vpc-attribute` output.
    static let vpcAttributes = DocumentShape(
        name: { _ in "VpcAttributes" },
        matches: { try $0.string("VpcId") != nil && ($0.hasMember("EnableDnsSupport") || $0.hasMember("EnableDnsHostnames")) },
        decode: { node, builder in
            builder.snapshot.sections.insert(.vpcAttributes)
            builder.mergeVpcAttributes(try Vpc(attributesOf: node))
        })
}

/// Collects what the inputs hold, document by document, then merges.
struct SnapshotBuilder {
    var snapshot = Snapshot()
    /// Values for a CloudFormation template's parameters (`--parameter Key=Value`).
    var cloudFormationParameters: [String: String] = [:]
    var recognized: Set<String> = []
    var ignored: Set<String> = []
    /// `describe-target-health` outputs that do not name their target group (see the target-health record).
    var bareTargetHealth: [JSONNode] = []
    /// `describe-mount-target-security-groups` outputs (`SecurityGroups` as ids), which do not name their mount target.
    var bareMountTargetSecurityGroups: [JSONNode] = []
    /// Whether some document held `describe-security-groups` objects (the key is shared with the bare EFS output).
    var sawSecurityGroupObjects = false
    /// Documents of no known shape (the first few), and how many there were.
    var unknownDocuments: [InputError] = []
    var unknownDocumentCount = 0
    static let unknownDocumentsNamed = 20

    /// A Terraform plan or state, or a CloudFormation template: translated into
    /// the sections `collect` writes and read as such, its evidence marked as
    /// translated (`plan.json (translated)#/Subnets/0`); where each id came
    /// from and which links could not be pinned are kept for the report.
    mutating func addConfiguration(_ node: JSONNode, kind: PreflightDocumentKind, fileName: String) throws {
        let translation: PreflightTranslation
        do {
            translation = try PreflightTranslator.translate(node.value, cloudFormation: .init(parameters: cloudFormationParameters))
        } catch let error {
            if case let .unsupportedFormatVersion(pointer, found) = error {
                throw InputError.wrongType(location: (node.location.isEmpty ? fileName + "#" : node.location) + pointer,
                                           expected: "Terraform JSON format version 1.x", found: found)
            }
            throw InputError.unknownShape(location: node.location.isEmpty ? fileName : node.location, keys: [])
        }
        snapshot.documentCount += 1
        let source = ConfigurationSource(file: fileName, kind: kind, origins: translation.origins,
                                         unresolved: translation.unresolved, inferred: translation.inferred)
        recognized.insert(source.kindName)
        snapshot.configurationSources.append(source)
        let translated = JSONNode(value: translation.snapshot, pointer: "", origin: DocumentOrigin(prefix: "\(fileName) (translated)#"))
        snapshot.documentCount -= 1
        try addDocument(translated, fileName: fileName)
    }

    /// The JSON documents of one input, indexed, with how their pointers are prefixed.
    struct ParsedInput {
        var displayName: String
        var several: Bool
        var tape: JSONTape
    }

    /// Reads one input: text is added at once (nil), JSON is parsed for `add`.
    mutating func read(_ file: InputFile, several: Bool) throws -> ParsedInput? {
        let bytes = InputEncoding.utf8(file.bytes)
        guard bytes.contains(where: { !Self.isWhitespace($0) }) else {
            throw InputError.empty(file: file.name)
        }
        let displayName = SnapshotLoader.displayName(file.name)
        guard Self.startsLikeJSON(bytes) else {
            // No stopped reason or event message holds a NUL byte: this is a
            // binary file (a .gz, an image) given by mistake, and reading it
            // as text would report "no problems found" about nothing.
            if let nul = bytes.firstIndex(of: 0) {
                let place = JSONParser.lineAndColumn(of: nul, in: bytes)
                throw InputError.binary(file: displayName, line: place.line, column: place.column)
            }
            // Invalid UTF-8 in text becomes U+FFFD: a pasted message has no
            // structure to point into, and one stray byte from a terminal
            // should not hide the failure written around it.
            let text = String(decoding: bytes, as: UTF8.self)
            // A YAML CloudFormation template read as pasted text would give "no problems found" about nothing.
            if PreflightDocumentKind.looksLikeYAMLTemplate(text) {
                throw InputError.unreadable(file: displayName, reason: PreflightError.yamlTemplate.message)
            }
            snapshot.texts.append(TextInput(origin: DocumentOrigin(prefix: several ? displayName + "#" : ""), text: text))
            snapshot.documentCount += 1
            return nil
        }
        do {
            return ParsedInput(displayName: displayName, several: several, tape: try JSONTape(parsingSequence: bytes))
        } catch {
            throw InputError.syntax(file: displayName, line: error.line, column: error.column, message: error.message)
        }
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// Whether an input is JSON, possibly broken, rather than text. Text
    /// that merely starts with a bracket, as log lines do (`[ERROR] ...`,
    /// `[2026-11-03T10:00:00Z] ...`, `{timestamp} ...`), is read as text; an
    /// input is JSON when its first value starts as JSON does: `{` then a
    /// member name or `}`, `[` then a value or `]`, or the input ends there
    /// (cut JSON, reported with its position). A quoted string followed by a
    /// comma after `{` is no member name: Erlang prints its terms that way
    /// (`{"Kernel pid terminated",application_controller,...}`).
    static func startsLikeJSON(_ bytes: [UInt8]) -> Bool {
        var position = 0
        func skipWhitespace() { while position < bytes.count, isWhitespace(bytes[position]) { position += 1 } }
        skipWhitespace()
        guard position < bytes.count else { return false }
        if bytes[position] == UInt8(ascii: "{") {
            position += 1
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                return position == bytes.count || bytes[position] == UInt8(ascii: "}")
            }
            position += 1
            while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
            }
            position += 1
            skipWhitespace()
            return position >= bytes.count || bytes[position] != UInt8(ascii: ",")
        }
        guard bytes[position] == UInt8(ascii: "[") else { return false }
        // Nested arrays: look at the first thing that is not an opening bracket.
        while position < bytes.count, bytes[position] == UInt8(ascii: "[") || isWhitespace(bytes[position]) { position += 1 }
        guard position < bytes.count else { return true }
        let byte = bytes[position]
        if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "]") { return true }
        // After a scalar, JSON continues with `,` or `]` (or the input is cut there).
        func endsValue() -> Bool {
            skipWhitespace()
            return position == bytes.count || bytes[position] == UInt8(ascii: ",") || bytes[position] == UInt8(ascii: "]")
        }
        let isDigit = { (position: Int) in position < bytes.count && (0x30...0x39).contains(bytes[position]) }
        if isDigit(position) || (byte == UInt8(ascii: "-") && (position + 1 == bytes.count || isDigit(position + 1))) {
            position += 1
            let numberBytes = Set("0123456789.eE+-".utf8)
            while position < bytes.count, numberBytes.contains(bytes[position]) { position += 1 }
            // A timestamp (`[2026-11-03T10:00:00Z]`) or a clock (`[12:00:01]`) does not end where a number does.
            return endsValue()
        }
        var word: [UInt8] = []
        while position < bytes.count, (0x61...0x7A).contains(bytes[position]) {
            word.append(bytes[position])
            position += 1
        }
        let literal = String(decoding: word, as: UTF8.self)
        if position == bytes.count { return !word.isEmpty && ["true", "false", "null"].contains { $0.hasPrefix(literal) } }
        return ["true", "false", "null"].contains(literal) && endsValue()
    }

    /// Decodes the documents of one input into models; nothing keeps its
    /// tape (the input's bytes and their index) once they are read.
    mutating func add(_ input: ParsedInput?) throws {
        guard let input else { return }
        let (displayName, several, tape) = (input.displayName, input.several, input.tape)
        for (line, index) in tape.roots {
            let prefix: String
            if tape.roots.count > 1 {
                prefix = "\(displayName):\(line)#"
            } else {
                prefix = several ? displayName + "#" : ""
            }
            let root = JSONNode(tape: tape, index: index, pointer: "", origin: DocumentOrigin(prefix: prefix))
            if root.isArray {
                // A JSON array of documents (or of EventBridge events).
                try root.forEachElement { node in
                    guard node.isObject else {
                        throw InputError.wrongType(location: node.location.isEmpty ? displayName : node.location,
                                                   expected: "an AWS CLI output document (a JSON object)", found: node.typeDescription)
                    }
                    try addDocument(node, fileName: displayName)
                }
            } else {
                try addDocument(root, fileName: displayName)
            }
        }
    }

    mutating func addDocument(_ node: JSONNode, fileName: String) throws {
        if let kind = PreflightDocumentKind.recognize(node) {
            try addConfiguration(node, kind: kind, fileName: fileName)
            return
        }
        snapshot.documentCount += 1
        guard let members = node.members else { return }
        for shape in DocumentShape.all where try shape.matches(node) {
            recognized.insert(try shape.name(node))
            try shape.decode(node, &self)
            return
        }
        var knownKeys = 0
        // A repeated key is read once: lookups give its last value, and reading
        // that again for each repetition would add its items twice.
        var seenKeys = Set<String>()
        for member in members where seenKeys.insert(member.key).inserted {
            let key = member.key
            if let record = SectionRecord.byKey[key] {
                knownKeys += 1
                recognized.insert(key)
                snapshot.sections.insert(record.section)
                try record.decode(key, node, &self)
            } else if SnapshotLoader.acknowledgedKeys.contains(key) || SnapshotLoader.paginationKeys.contains(key) {
                knownKeys += 1
            } else {
                ignored.insert(key)
            }
        }
        for error in try node.array("collectErrors") ?? [] {
            snapshot.collectErrors.append(CollectError(
                location: error.location, operation: try error.string("operation") ?? "",
                arguments: try error.strings("arguments") ?? [], error: try error.string("error") ?? "",
                lacks: Array(Set((try error.strings("lacks") ?? []).compactMap(SnapshotSection.init(key:)))).sorted()))
        }
        if let region = try node.string("region") { snapshot.region = region }
        if let account = try node.string("accountId") { snapshot.accountId = account }
        if knownKeys == 0, let record = CrashSignatures.structuredLogText(node.value) {
            // A JSON log record (pino, bunyan, winston, logrus...) whose message a crash signature recognises: read as pasted text.
            snapshot.texts.append(TextInput(origin: node.origin, text: record))
        } else if knownKeys == 0, let message = Self.errorDocumentText(node.value) {
            // An error as a tool printed it in JSON (`{"Message": "...", "Code": ...}`, `{"error": {"message": ...}}`):
            // its message is what the user pasted it for.
            snapshot.texts.append(TextInput(origin: node.origin, text: message))
            let location = node.pointer.isEmpty ? node.origin.prefix.split(separator: "#").first.map(String.init) ?? fileName : node.location
            snapshot.warnings.append("\(location.isEmpty ? "input" : location): not AWS CLI output; its error message was read as text")
        } else if knownKeys == 0 {
            // Not fatal while another input is usable (finish decides): `analyze *.json` may hold a list-tasks output.
            let keys = members.map(\.key)
            unknownDocumentCount += 1
            if unknownDocuments.count < Self.unknownDocumentsNamed {
                let location = node.pointer.isEmpty ? node.origin.prefix.split(separator: "#").first.map(String.init) ?? fileName : node.location
                unknownDocuments.append(.unknownShape(location: location, keys: keys))
            }
        }
    }

    /// The message of an error document (`message`, `errorMessage`, `error`, `reason`, `cause`, at the top or
    /// inside an `error` object), when one of them says something failed (FailureSignal); else nil.
    static let errorMessageKeys: Set<String> = ["message", "errormessage", "error", "reason", "cause", "errordetail"]

    static func errorDocumentText(_ document: JSONValue) -> String? {
        // Most unknown documents have no member of these names: nothing to lower-case or collect.
        guard let members = document.objectMembers, !members.isEmpty else { return nil }
        var messages: [String] = []
        func collect(_ value: JSONValue, depth: Int) {
            guard depth < 3, let members = value.objectMembers else { return }
            for member in members {
                let key = member.key.lowercased()
                if errorMessageKeys.contains(key) {
                    if let text = member.value.stringValue { messages.append(text) } else { collect(member.value, depth: depth + 1) }
                } else if key == "failures" || key == "errors", let items = member.value.arrayValue {
                    // An API's failures list as an SDK other than the CLI prints it (`{"Failures": [{"Arn": ..., "Reason": "AGENT"}]}`).
                    for item in items.prefix(20) { collect(item, depth: depth + 1) }
                }
            }
        }
        collect(document, depth: 0)
        let failing = messages.filter { message in
            let bytes = MessageClassifier.normalizedBytes(message)
            return MessageClassifier.match(bytes: bytes) != nil || FailureSignal.detect(in: message, normalized: bytes) != nil
        }
        return failing.isEmpty ? nil : failing.joined(separator: "\n")
    }

    /// DNS attributes of a VPC, into its `describe-vpcs` entry when there is one.
    mutating func mergeVpcAttributes(_ attributes: Vpc) {
        if let index = snapshot.vpcs.firstIndex(where: { $0.vpcId == attributes.vpcId }) {
            if let value = attributes.enableDnsSupport { snapshot.vpcs[index].enableDnsSupport = value }
            if let value = attributes.enableDnsHostnames { snapshot.vpcs[index].enableDnsHostnames = value }
        } else {
            snapshot.vpcs.append(attributes)
        }
    }

    mutating func finish(fileNames: [String]) throws -> Snapshot {
        for record in SectionRecord.all {
            try record.merge(&self)
        }
        snapshot.recognizedKeys = recognized.sorted()
        snapshot.ignoredKeys = ignored.sorted()
        if snapshot.region == nil { snapshot.region = inferRegion() }
        if snapshot.accountId == nil { snapshot.accountId = inferAccount() }
        let hasData = !snapshot.sections.isEmpty || !snapshot.texts.isEmpty
        if !hasData { throw unknownDocuments.first ?? InputError.nothingToAnalyze(files: fileNames.map(SnapshotLoader.displayName)) }
        snapshot.warnings += unknownDocuments.compactMap(\.skippedWarning)
        if unknownDocumentCount > unknownDocuments.count {
            snapshot.warnings.append("\(unknownDocumentCount - unknownDocuments.count) more documents of no known shape skipped")
        }
        return snapshot
    }

    private func inferRegion() -> String? {
        let arns = snapshot.tasks.map(\.taskArn) + snapshot.services.map(\.serviceArn)
            + snapshot.taskDefinitions.map(\.taskDefinitionArn) + snapshot.targetGroups.map(\.targetGroupArn)
        if let region = arns.lazy.compactMap(ARN.region).first { return region }
        return snapshot.subnets.lazy.compactMap(\.availabilityZone).first.map { String($0.dropLast()) }
    }

    private func inferAccount() -> String? {
        let arns = snapshot.tasks.map(\.taskArn) + snapshot.services.map(\.serviceArn)
            + snapshot.taskDefinitions.map(\.taskDefinitionArn) + snapshot.roles.map(\.arn)
        return arns.lazy.compactMap(ARN.account).first
    }
}

extension SnapshotBuilder {
    /// `describe-mount-target-security-groups` prints `{"SecurityGroups": ["sg-..."]}` without the
    /// mount target it was asked about. Such outputs are attributed only when no other reading
    /// is possible: they all list the same groups and there is at least one per mount target whose
    /// groups are otherwise unnamed. Anything else is left out with a warning saying how to key them.
    mutating func attributeBareMountTargetSecurityGroups() throws {
        guard !bareMountTargetSecurityGroups.isEmpty else { return }
        snapshot.sections.insert(.mountTargetSecurityGroups)
        let outputs = try bareMountTargetSecurityGroups.map { document in
            (location: document.member("SecurityGroups")?.location ?? document.location, groups: try document.strings("SecurityGroups") ?? [])
        }
        let named = Set(snapshot.mountTargetSecurityGroups.map(\.mountTargetId))
        let unnamed = snapshot.mountTargets.filter { !named.contains($0.mountTargetId) }
        let distinct = Set(outputs.map { $0.groups.sorted() })
        guard distinct.count == 1, !unnamed.isEmpty, outputs.count >= unnamed.count else {
            let why = distinct.count > 1 ? "they list different groups"
                : unnamed.isEmpty ? "the snapshot has no mount target they could belong to" : "they are fewer than the mount targets"
            snapshot.warnings.append("describe-mount-target-security-groups outputs ignored: they do not name their mount target and \(why) "
                + "(\(outputs.count) outputs, \(unnamed.count) mount targets); "
                + "give them as {\"MountTargetSecurityGroups\": {\"<mount-target-id>\": [\"<sg-id>\", ...]}}")
            return
        }
        let attribution = "describe-mount-target-security-groups output names no mount target; the \(outputs.count) given list the same groups, "
            + "one for each of the \(unnamed.count) mount targets"
        for target in unnamed {
            snapshot.mountTargetSecurityGroups.append(MountTargetSecurityGroups(
                location: outputs[0].location, mountTargetId: target.mountTargetId, securityGroupIds: outputs[0].groups, attribution: attribution))
        }
    }
}
