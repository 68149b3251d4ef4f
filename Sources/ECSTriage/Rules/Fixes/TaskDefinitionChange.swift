/// A change to a task definition, printed as commands that run top to bottom
/// (export the revision, drop its read-only members and apply the change with
/// jq, register the result, roll the services onto it) and as the matching
/// Terraform resource, both from the same edits: every rule that changes a
/// definition builds its fix here.
///
/// Why the read-only members go: `describe-task-definition` returns members
/// that `register-task-definition` does not take (its input shape in botocore's
/// ECS model, data/ecs/2014-11-13/service-2.json, `RegisterTaskDefinitionRequest`,
/// has no taskDefinitionArn, revision, status, requiresAttributes,
/// compatibilities, registeredAt, registeredBy, deregisteredAt,
/// deleteRequestedAt), and the aws CLI rejects unknown members of
/// `--cli-input-json`.
struct TaskDefinitionChange {
    /// Where the definition to change comes from.
    enum Source: Equatable {
        /// A registered revision, exported with describe-task-definition.
        case registered(familyRevision: String, family: String)
        /// The JSON given to register-task-definition, which ECS refused;
        /// its file name when the input says it.
        case inputFile(String?)
        /// Neither is in the input: the revision is a placeholder.
        case unknown
    }

    /// One change, in the definition's own JSON members.
    enum Edit: Equatable {
        /// A task-level member, e.g. `networkMode` = "awsvpc"; nil removes it.
        case task(String, JSONValue?)
        /// Adds a string to a task-level list when it is not there, e.g.
        /// FARGATE to `requiresCompatibilities`.
        case addToTaskList(String, String)
        /// A member of one container; nil removes it.
        case container(String, String, JSONValue?)
        /// Removes `hostPort` from the port mappings of one container, or of
        /// every container when nil (awsvpc takes the container port).
        case removeHostPorts(container: String?)
        /// Makes `container` start after `dependency` ends with `condition`
        /// (SUCCESS, COMPLETE, START, HEALTHY).
        case dependsOn(container: String, dependency: String, condition: String)
    }

    struct ServiceName: Equatable {
        var cluster: String
        var service: String
    }

    static let readOnlyMembers = ["taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
                                  "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt"]

    var source: Source
    var edits: [Edit]
    /// The services to roll onto the new revision.
    var services: [ServiceName]

    init(source: Source, edits: [Edit], services: [ServiceName] = []) {
        self.source = source
        self.edits = edits
        self.services = services
    }

    /// The change to the definition `use` names, rolled out to the services that run it.
    init(_ use: DefinitionUse, _ edits: [Edit]) {
        let definition = use.definition
        let source: Source
        if definition.revision != nil || definition.taskDefinitionArn.hasPrefix("arn:") {
            source = .registered(familyRevision: definition.familyRevision,
                                 family: definition.family ?? String(definition.familyRevision.prefix { $0 != ":" }))
        } else {
            source = .inputFile(Self.inputFileName(definition.location))
        }
        let services = use.workloads.compactMap { workload in
            workload.service.map { ServiceName(cluster: workload.clusterName, service: $0.serviceName) }
        }
        self.init(source: source, edits: edits, services: services)
    }

    /// The change to the revision a service or task runs, when the input names
    /// it without holding the definition (a service's `taskDefinition`).
    init(reference: String?, workload: Workload?, _ edits: [Edit]) {
        let services = workload?.service.map { [ServiceName(cluster: workload!.clusterName, service: $0.serviceName)] } ?? []
        guard let reference, !reference.isEmpty else {
            self.init(source: .unknown, edits: edits, services: services)
            return
        }
        let familyRevision = ARN.lastComponent(reference)
        self.init(source: .registered(familyRevision: familyRevision, family: String(familyRevision.prefix { $0 != ":" })),
                  edits: edits, services: services)
    }

    // MARK: Commands

    /// describe-task-definition (for a registered revision), jq, register-task-definition, update-service.
    var commands: [String] {
        var commands: [String] = []
        let input: String
        switch source {
        case let .registered(familyRevision, _):
            input = exportFile
            commands.append("aws ecs describe-task-definition --task-definition \(ShellWord.quoted(familyRevision)) --query taskDefinition "
                            + "--output json > \(input)")
        case let .inputFile(name):
            input = name.map(ShellWord.quoted) ?? "<register-task-definition-input.json>"
        case .unknown:
            input = exportFile
            commands.append("aws ecs describe-task-definition --task-definition <family:revision> --query taskDefinition --output json > \(input)")
        }
        commands.append("jq \(ShellWord.quoted(jqProgram)) \(input) > \(newFile)")
        commands.append("aws ecs register-task-definition --cli-input-json file://\(newFile)")
        if case let .registered(_, family) = source {
            for service in services {
                commands.append("aws ecs update-service --cluster \(ShellWord.quoted(service.cluster)) --service \(ShellWord.quoted(service.service)) "
                                + "--task-definition \(ShellWord.quoted(family))")
            }
        }
        return commands
    }

    /// What the input lacks to print the commands without a placeholder. The
    /// name of a file given to register-task-definition is in no AWS output:
    /// its placeholder stands alone.
    var missingEvidence: [MissingEvidence] {
        guard source == .unknown else { return [] }
        return [MissingEvidence(why: "the task definition revision to change",
                                command: "aws ecs list-task-definitions --status ACTIVE --sort DESC --max-items 10")]
    }

    /// The jq program that turns the exported definition into register input.
    var jqProgram: String {
        (["del(" + Self.readOnlyMembers.map { "." + $0 }.joined(separator: ", ") + ")"] + edits.map(Self.jq)).joined(separator: " | ")
    }

    private var stem: String {
        switch source {
        case let .registered(_, family): return Self.isPlainName(family) ? family : "taskdef"
        default: return "taskdef"
        }
    }

    private var exportFile: String { stem + ".json" }
    private var newFile: String { stem + "-new.json" }

    /// A family or container name as ECS allows it (letters, digits, `_`, `-`)
    /// that cannot be read as an option.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix("-") && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    /// The file a definition was read from, from its location (`file.json#/...`).
    static func inputFileName(_ location: String) -> String? {
        guard let hash = location.firstIndex(of: "#"), hash > location.startIndex else { return nil }
        let name = String(location[..<hash])
        return name.hasSuffix(".json") && !name.hasPrefix("-") ? name : nil
    }

    private static func jq(_ edit: Edit) -> String {
        switch edit {
        case let .task(key, value?):
            return ".\(key) = \(JQLiteral.write(value))"
        case let .task(key, nil):
            return "del(.\(key))"
        case let .addToTaskList(key, item):
            return ".\(key) = ((.\(key) // []) + [\(JQLiteral.write(.string(item)))] | unique)"
        case let .container(name, key, value):
            let change = value.map { ".\(key) = \(JQLiteral.write($0))" } ?? "del(.\(key))"
            return ".containerDefinitions |= map(if .name == \(JQLiteral.write(.string(name))) then \(change) else . end)"
        case let .removeHostPorts(name):
            let change = "if .portMappings then .portMappings |= map(del(.hostPort)) else . end"
            guard let name else { return ".containerDefinitions |= map(\(change))" }
            return ".containerDefinitions |= map(if .name == \(JQLiteral.write(.string(name))) then \(change) else . end)"
        case let .dependsOn(name, dependency, condition):
            let item = JQLiteral.write(.object([("containerName", .string(dependency)), ("condition", .string(condition))]))
            return ".containerDefinitions |= map(if .name == \(JQLiteral.write(.string(name))) then "
                + ".dependsOn = ([(.dependsOn // [])[] | select(.containerName != \(JQLiteral.write(.string(dependency))))] + [\(item)]) else . end)"
        }
    }

    // MARK: Terraform

    /// An `aws_ecs_task_definition` resource with the definition's family,
    /// task-level settings and containers as they are after the change; the
    /// members the change does not touch stay as in the user's configuration.
    func terraform(_ definition: TaskDefinition) -> String {
        var task: [(key: String, value: JSONValue?)] = [
            ("requiresCompatibilities", definition.requiresCompatibilities.isEmpty ? nil : .array(definition.requiresCompatibilities.map(JSONValue.string))),
            ("networkMode", definition.networkMode.map(JSONValue.string)),
            ("cpu", definition.cpu.map(JSONValue.string)),
            ("memory", definition.memory.map(JSONValue.string)),
            ("executionRoleArn", definition.executionRoleArn.map(JSONValue.string)),
            ("taskRoleArn", definition.taskRoleArn.map(JSONValue.string)),
        ]
        var containers = definition.containerDefinitions.map(Self.terraformMembers)
        for edit in edits {
            switch edit {
            case let .task(key, value):
                if let position = task.firstIndex(where: { $0.key == key }) { task[position].value = value } else { task.append((key, value)) }
            case let .addToTaskList(key, item):
                let position = task.firstIndex { $0.key == key }
                let current = position.flatMap { task[$0].value?.arrayValue } ?? []
                let list = JSONValue.array((current.contains(.string(item)) ? current : current + [.string(item)]).sorted { ($0.stringValue ?? "") < ($1.stringValue ?? "") })
                if let position { task[position].value = list } else { task.append((key, list)) }
            case let .container(name, key, value):
                Self.update(&containers, name) { members in Self.set(&members, key, value) }
            case let .removeHostPorts(name):
                for position in containers.indices where name == nil || containers[position].first?.value == .string(name!) {
                    guard let mappings = containers[position].first(where: { $0.key == "portMappings" })?.value?.arrayValue else { continue }
                    Self.set(&containers[position], "portMappings", .array(mappings.map { $0.removing("hostPort") }))
                }
            case let .dependsOn(name, dependency, condition):
                Self.update(&containers, name) { members in
                    Self.set(&members, "dependsOn", .array([.object([("containerName", .string(dependency)), ("condition", .string(condition))])]))
                }
            }
        }
        let arguments = [("family", JSONValue.string(definition.family ?? String(definition.familyRevision.prefix { $0 != ":" })))]
            + task.compactMap { member in member.value.map { (Self.terraformArgument(member.key), $0) } }
        let width = arguments.map(\.0.count).max() ?? 0
        var lines = ["resource \"aws_ecs_task_definition\" \"\(TerraformName.label(definition.family ?? "app"))\" {"]
        for (name, value) in arguments {
            lines.append("  \(HCLLiteral.padded(name, width)) = \(HCLLiteral.write(value, indent: 2))")
        }
        lines.append("  # volumes, log configuration, environment and the other settings: as in your configuration")
        lines.append("  container_definitions = jsonencode([")
        for members in containers {
            lines.append("    " + HCLLiteral.write(.object(members.compactMap { member in member.value.map { (member.key, $0) } }), indent: 4) + ",")
        }
        lines.append("  ])")
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// The container members the fixes change or name, in a stable order.
    private static func terraformMembers(_ container: ContainerDefinition) -> [(key: String, value: JSONValue?)] {
        let mappings = container.portMappings.map { mapping -> JSONValue in
            .object([("containerPort", mapping.containerPort.map { .number(Double($0)) }), ("hostPort", mapping.hostPort.map { .number(Double($0)) }),
                     ("protocol", mapping.portProtocol.map(JSONValue.string))].compactMap { member in member.1.map { (member.0, $0) } })
        }
        return [
            ("name", .string(container.name)),
            ("image", container.image.map(JSONValue.string)),
            ("essential", .bool(container.essential)),
            ("cpu", container.cpu.map { .number(Double($0)) }),
            ("memory", container.memory.map { .number(Double($0)) }),
            ("memoryReservation", container.memoryReservation.map { .number(Double($0)) }),
            ("portMappings", mappings.isEmpty ? nil : .array(mappings)),
        ]
    }

    private static func update(_ containers: inout [[(key: String, value: JSONValue?)]], _ name: String,
                               _ change: (inout [(key: String, value: JSONValue?)]) -> Void) {
        for position in containers.indices where containers[position].first?.value == .string(name) { change(&containers[position]) }
    }

    private static func set(_ members: inout [(key: String, value: JSONValue?)], _ key: String, _ value: JSONValue?) {
        if let position = members.firstIndex(where: { $0.key == key }) { members[position].value = value } else { members.append((key, value)) }
    }

    /// `networkMode` is `network_mode`: the provider's argument names.
    private static func terraformArgument(_ member: String) -> String {
        var name = ""
        for character in member {
            if character.isUppercase { name += "_" + character.lowercased() } else { name.append(character) }
        }
        return name
    }
}

private extension JSONValue {
    func removing(_ key: String) -> JSONValue {
        guard case let .object(members) = self else { return self }
        return .object(members.filter { $0.key != key })
    }
}

/// JSON literals on one line, as jq reads them.
enum JQLiteral {
    static func write(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case let .bool(flag): return flag ? "true" : "false"
        case let .number(number): return JSONWriter.format(number)
        case let .string(text): return quoted(text)
        case let .array(items): return "[" + items.map(write).joined(separator: ", ") + "]"
        case let .object(members): return "{" + members.map { "\(quoted($0.key)): \(write($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Terraform (HCL) literals: strings with template sequences escaped, objects one member a line.
enum HCLLiteral {
    static func write(_ value: JSONValue, indent: Int) -> String {
        switch value {
        case .null: return "null"
        case let .bool(flag): return flag ? "true" : "false"
        case let .number(number): return JSONWriter.format(number)
        case let .string(text):
            return JQLiteral.quoted(text).replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{")
        case let .array(items):
            return "[" + items.map(inline).joined(separator: ", ") + "]"
        case let .object(members):
            guard !members.isEmpty else { return "{}" }
            let pad = String(repeating: " ", count: indent + 2)
            let width = members.map(\.key.count).max() ?? 0
            let lines = members.map { member in
                pad + padded(member.key, width) + " = " + write(member.value, indent: indent + 2)
            }
            return "{\n" + lines.joined(separator: "\n") + "\n" + String(repeating: " ", count: indent) + "}"
        }
    }

    static func padded(_ name: String, _ width: Int) -> String {
        name + String(repeating: " ", count: max(0, width - name.count))
    }

    /// Objects inside lists on one line: `{ containerPort = 8080, protocol = "tcp" }`.
    private static func inline(_ value: JSONValue) -> String {
        guard case let .object(members) = value, !members.isEmpty else { return write(value, indent: 0) }
        return "{ " + members.map { "\($0.key) = \(inline($0.value))" }.joined(separator: ", ") + " }"
    }
}
