import Foundation

/// The resource instances and configuration of a Terraform JSON plan or state
/// (`terraform show -json`), as the format doc describes them
/// (hashicorp/terraform website/docs/internals/json-format.mdx): read once,
/// indexed by module and resource for reference resolution.
struct TerraformDocument {
    /// Every resource instance that exists after the plan (or in the state):
    /// planned changes except deletions, then data sources read at plan time.
    let instances: [TerraformInstance]
    /// Addresses the plan deletes (`["delete"]`, `forget`): gone from the result.
    let deleted: [String]
    /// The root module's configuration; nil for a state (which carries none).
    let configuration: TerraformModuleConfiguration?
    /// The default `aws` provider's region when the configuration gives it as a constant.
    let providerRegion: String?

    private let instancesByResource: [String: [Int]]
    private let instancesByIndex: [String: Int]
    private let childModules: [String: [String]]

    init(_ document: JSONValue, kind: PreflightDocumentKind) throws(PreflightError) {
        let version = document["format_version"]?.stringValue ?? ""
        guard version.split(separator: ".").first == "1" else {
            throw .unsupportedFormatVersion(pointer: "/format_version", found: version.isEmpty ? "(none)" : "\"\(version)\"")
        }
        var instances: [TerraformInstance] = []
        var deleted: [String] = []
        switch kind {
        case .terraformPlan:
            for (position, change) in (document["resource_changes"]?.arrayValue ?? []).enumerated() {
                let actions = change["change"]?["actions"]?.arrayValue?.compactMap(\.stringValue) ?? []
                let address = change["address"]?.stringValue ?? ""
                // A replacement's delete half is gone, its create half stays; a
                // pure delete or forget leaves nothing behind.
                guard actions.contains("create") || actions.contains("update") || actions.contains("no-op") || actions.contains("read") else {
                    deleted.append(address)
                    continue
                }
                guard let after = change["change"]?["after"], case .object = after else { continue }
                instances.append(TerraformInstance(
                    address: address, moduleAddress: change["module_address"]?.stringValue ?? "",
                    mode: change["mode"]?.stringValue ?? "managed", type: change["type"]?.stringValue ?? "",
                    name: change["name"]?.stringValue ?? "", index: change["index"],
                    values: after, unknown: change["change"]?["after_unknown"],
                    pointer: "/resource_changes/\(position)/change/after"))
            }
            // Data sources read while planning are in the prior state only.
            let planned = Set(instances.map(\.address))
            if let root = document["prior_state"]?["values"]?["root_module"] {
                TerraformDocument.collect(root, pointer: "/prior_state/values/root_module", into: &instances) {
                    $0.mode == "data" && !planned.contains($0.address)
                }
            }
            configuration = document["configuration"]?["root_module"].map { TerraformModuleConfiguration($0) }
            let expressions = document["configuration"]?["provider_config"]?["aws"]?["expressions"]
            providerRegion = expressions?["region"]?["constant_value"]?.stringValue
        default:
            if let root = document["values"]?["root_module"] {
                TerraformDocument.collect(root, pointer: "/values/root_module", into: &instances) { _ in true }
            }
            configuration = nil
            providerRegion = nil
        }
        self.instances = instances
        self.deleted = deleted
        var byResource: [String: [Int]] = [:]
        var byIndex: [String: Int] = [:]
        var modules: [String: Set<String>] = [:]
        for (position, instance) in instances.enumerated() {
            let key = TerraformDocument.resourceKey(module: instance.moduleAddress, instance.configAddress)
            byResource[key, default: []].append(position)
            if let index = instance.index { byIndex[TerraformDocument.indexKey(key, index)] = position }
            var module = instance.moduleAddress
            while !module.isEmpty {
                let parent = TerraformAddress.parentModule(of: module)
                modules[parent, default: []].insert(module)
                module = parent
            }
        }
        instancesByResource = byResource
        instancesByIndex = byIndex
        childModules = modules.mapValues { $0.sorted() }
    }

    private static func collect(_ module: JSONValue, pointer: String, into instances: inout [TerraformInstance],
                                where include: (TerraformInstance) -> Bool) {
        let moduleAddress = module["address"]?.stringValue ?? ""
        for (position, resource) in (module["resources"]?.arrayValue ?? []).enumerated() {
            guard let values = resource["values"], case .object = values else { continue }
            let instance = TerraformInstance(
                address: resource["address"]?.stringValue ?? "", moduleAddress: moduleAddress,
                mode: resource["mode"]?.stringValue ?? "managed", type: resource["type"]?.stringValue ?? "",
                name: resource["name"]?.stringValue ?? "", index: resource["index"], values: values, unknown: nil,
                pointer: "\(pointer)/resources/\(position)/values")
            if include(instance) { instances.append(instance) }
        }
        for (position, child) in (module["child_modules"]?.arrayValue ?? []).enumerated() {
            collect(child, pointer: "\(pointer)/child_modules/\(position)", into: &instances, where: include)
        }
    }

    private static func resourceKey(module: String, _ configAddress: String) -> String { module + "|" + configAddress }

    private static func indexKey(_ resourceKey: String, _ index: JSONValue) -> String {
        switch index {
        case let .number(number): return resourceKey + "[" + JSONWriter.format(number) + "]"
        case let .string(key): return resourceKey + "[\"" + key + "\"]"
        default: return resourceKey + "[?]"
        }
    }

    /// The instance with count number or for_each key `index`.
    func instance(of configAddress: String, inModule module: String, index: JSONValue) -> TerraformInstance? {
        instancesByIndex[TerraformDocument.indexKey(TerraformDocument.resourceKey(module: module, configAddress), index)].map { instances[$0] }
    }

    /// The instances of resource `configAddress` (`aws_subnet.private`, `data.aws_vpc.main`) in a module instance.
    func instances(of configAddress: String, inModule module: String) -> [TerraformInstance] {
        (instancesByResource[TerraformDocument.resourceKey(module: module, configAddress)] ?? []).map { instances[$0] }
    }

    /// Instances of module call `name` directly inside module instance `module` (several with count / for_each).
    func moduleInstances(call name: String, in module: String) -> [String] {
        (childModules[module] ?? []).filter { TerraformAddress.lastCallName(of: $0) == name }
    }

    /// The configuration of the module that `moduleAddress` is an instance of.
    func moduleConfiguration(_ moduleAddress: String) -> TerraformModuleConfiguration? {
        var current = configuration
        for name in TerraformAddress.callNames(of: moduleAddress) {
            current = current?.calls[name]?.module
        }
        return current
    }
}

/// One resource instance with its values after the plan (or in the state).
struct TerraformInstance {
    let address: String
    /// `""` for the root module, else e.g. `module.vpc` or `module.svc["api"].module.task`.
    let moduleAddress: String
    let mode: String
    let type: String
    let name: String
    /// The count number or for_each key; nil without either.
    let index: JSONValue?
    let values: JSONValue
    /// `after_unknown`: true at leaves that are unknown until apply; nil when everything is known.
    let unknown: JSONValue?
    let pointer: String

    /// The address inside its module without the instance key, as the configuration names it.
    var configAddress: String { mode == "data" ? "data.\(type).\(name)" : "\(type).\(name)" }

    enum Lookup {
        case known(JSONValue)
        /// Not set, and not waiting for apply either.
        case absent
        case unknown
    }

    /// The value at `path`: known, absent, or unknown until apply.
    func lookup(_ path: [PathStep]) -> Lookup {
        var value: JSONValue? = values
        var unknown: JSONValue? = self.unknown
        for step in path {
            if unknown == .bool(true) { return .unknown }
            switch step {
            case let .key(key):
                value = value?[key]
                unknown = unknown?[key]
            case let .index(position):
                value = value?.arrayValue.flatMap { position < $0.count ? $0[position] : nil }
                unknown = unknown?.arrayValue.flatMap { position < $0.count ? $0[position] : nil }
            }
        }
        if unknown == .bool(true) { return .unknown }
        guard let value, value != .null else { return .absent }
        return .known(value)
    }

    func string(_ path: PathStep...) -> String? { string(path) }
    func bool(_ path: PathStep...) -> Bool? { bool(path) }
    func int(_ path: PathStep...) -> Int? { int(path) }
    func strings(_ path: PathStep...) -> [String]? { strings(path) }
    func count(_ path: PathStep...) -> Int { count(path) }
    func isUnknown(_ path: PathStep...) -> Bool { isUnknown(path) }

    func string(_ path: [PathStep]) -> String? {
        if case let .known(.string(value)) = lookup(path), !value.isEmpty { return value }
        return nil
    }

    func bool(_ path: [PathStep]) -> Bool? {
        if case let .known(.bool(value)) = lookup(path) { return value }
        return nil
    }

    func int(_ path: [PathStep]) -> Int? {
        switch lookup(path) {
        case let .known(.number(value)) where value == value.rounded() && abs(value) < 1e9: return Int(value)
        case let .known(.string(text)): return Int(text)
        default: return nil
        }
    }

    func strings(_ path: [PathStep]) -> [String]? {
        guard case let .known(.array(elements)) = lookup(path) else { return nil }
        return elements.compactMap(\.stringValue)
    }

    /// The number of elements of a list or set at `path` (known or not).
    func count(_ path: [PathStep]) -> Int {
        if case let .known(.array(elements)) = lookup(path) { return elements.count }
        return 0
    }

    func isUnknown(_ path: [PathStep]) -> Bool {
        if case .unknown = lookup(path) { return true }
        return false
    }
}

/// A step into a value: a member or an element.
enum PathStep: Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, CustomStringConvertible {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }

    var description: String {
        switch self {
        case let .key(key): return key
        case let .index(position): return "[\(position)]"
        }
    }

    /// `network_configuration[0].subnets`, as users read attribute paths.
    static func render(_ path: [PathStep]) -> String {
        var text = ""
        for step in path {
            if case .key = step, !text.isEmpty { text += "." }
            text += step.description
        }
        return text
    }
}

/// A module's configuration: resources by module-local address, module calls, outputs.
final class TerraformModuleConfiguration: Sendable {
    let resources: [String: JSONValue]
    let calls: [String: (expressions: JSONValue?, module: TerraformModuleConfiguration)]
    let outputs: [String: JSONValue]

    init(_ module: JSONValue) {
        var resources: [String: JSONValue] = [:]
        for resource in module["resources"]?.arrayValue ?? [] {
            if let address = resource["address"]?.stringValue { resources[address] = resource }
        }
        self.resources = resources
        var calls: [String: (expressions: JSONValue?, module: TerraformModuleConfiguration)] = [:]
        for (name, call) in module["module_calls"]?.objectMembers ?? [] {
            calls[name] = (call["expressions"], TerraformModuleConfiguration(call["module"] ?? .object([])))
        }
        self.calls = calls
        var outputs: [String: JSONValue] = [:]
        for (name, output) in module["outputs"]?.objectMembers ?? [] {
            if let expression = output["expression"] { outputs[name] = expression }
        }
        self.outputs = outputs
    }

    /// The expression of `path` in a resource's `expressions`: nested blocks are
    /// arrays of objects; an attribute written as blocks (`ingress`, `route`) is
    /// one expression for the whole attribute, returned when the path reaches it.
    static func expression(_ expressions: JSONValue?, _ path: [PathStep]) -> JSONValue? {
        var current = expressions
        for step in path {
            guard let value = current else { return nil }
            if isExpression(value) { return value }
            switch step {
            case let .key(key): current = value[key]
            case let .index(position):
                guard let elements = value.arrayValue else { return nil }
                current = position < elements.count ? elements[position] : (elements.count == 1 ? elements[0] : nil)
            }
        }
        return current
    }

    /// An expression representation: `references` and/or `constant_value`.
    static func isExpression(_ value: JSONValue) -> Bool {
        value["references"] != nil || value["constant_value"] != nil
    }
}

/// Terraform addresses and references, split into their parts.
enum TerraformAddress {
    /// A part of a reference: a name, or an index in brackets (number or quoted key).
    enum Part: Equatable {
        case name(String)
        case key(JSONValue)
    }

    /// `module.alb.target_groups["web"].arn` → name module, name alb, name target_groups, key "web", name arn.
    static func parts(_ text: String) -> [Part] {
        var parts: [Part] = []
        var current = ""
        var characters = text.makeIterator()
        while let character = characters.next() {
            switch character {
            case ".":
                if !current.isEmpty { parts.append(.name(current)) }
                current = ""
            case "[":
                if !current.isEmpty { parts.append(.name(current)) }
                current = ""
                var key = ""
                var quoted = false
                var escaped = false
                while let next = characters.next() {
                    if quoted {
                        if escaped { key.append(next); escaped = false }
                        else if next == "\\" { escaped = true }
                        else if next == "\"" { quoted = false }
                        else { key.append(next) }
                    } else if next == "\"" {
                        quoted = true
                        key = ""
                    } else if next == "]" {
                        break
                    } else {
                        key.append(next)
                    }
                }
                if let number = Int(key) { parts.append(.key(.number(Double(number)))) } else { parts.append(.key(.string(key))) }
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(.name(current)) }
        return parts
    }

    /// The module call names of a module instance address: `module.a["x"].module.b` → a, b.
    static func callNames(of moduleAddress: String) -> [String] {
        var names: [String] = []
        var previousWasModule = false
        for part in parts(moduleAddress) {
            guard case let .name(name) = part else { continue }
            if previousWasModule { names.append(name); previousWasModule = false } else { previousWasModule = name == "module" }
        }
        return names
    }

    static func lastCallName(of moduleAddress: String) -> String? { callNames(of: moduleAddress).last }

    /// `module.vpc.aws_subnet.private[0]` names a resource; `aws_vpc.main.main_route_table_id` an attribute of one.
    static func isResource(_ address: String) -> Bool {
        var names = parts(address).compactMap { part -> String? in
            if case let .name(name) = part { return name } else { return nil }
        }
        while names.count >= 2, names[0] == "module" { names.removeFirst(2) }
        if names.first == "data" { names.removeFirst() }
        return names.count == 2
    }

    /// The module instance containing `moduleAddress`: `module.a.module.b[0]` → `module.a`.
    static func parentModule(of moduleAddress: String) -> String {
        guard let range = moduleAddress.range(of: ".module.", options: .backwards) else { return "" }
        return String(moduleAddress[..<range.lowerBound])
    }
}
