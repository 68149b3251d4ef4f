/// Follows the references of a configuration expression to the resource
/// instances they name, in the module instance of the resource that holds the
/// expression (preflight-notes §3.2): instance keys, `count.index`,
/// `each.value` over a resource, module inputs (`var.*`) and outputs
/// (`module.m.out`), data sources. Locals and root variables cannot be
/// followed: the plan records no expression for them.
struct TerraformReferenceResolver {
    let document: TerraformDocument

    struct Candidates {
        /// The instances the expression may name, in address order, without repeats.
        var instances: [TerraformInstance] = []
        /// References that could not be followed, as written.
        var opaque: [String] = []
        private var addresses: Set<String> = []

        init(instances: [TerraformInstance] = [], opaque: [String] = []) {
            self.opaque = opaque
            for instance in instances where addresses.insert(instance.address).inserted { self.instances.append(instance) }
        }

        mutating func add(_ other: Candidates) {
            for instance in other.instances where addresses.insert(instance.address).inserted { instances.append(instance) }
            for reference in other.opaque where !opaque.contains(reference) { opaque.append(reference) }
        }

        mutating func keep(_ include: (TerraformInstance) -> Bool) {
            instances = instances.filter(include)
            addresses = Set(instances.map(\.address))
        }
    }

    /// Deeper than any chain of module inputs and outputs; bounds hostile input.
    private static let maximumDepth = 32

    /// The candidates of an expression of `instance`'s configuration block.
    func resolve(_ expression: JSONValue, from instance: TerraformInstance) -> Candidates {
        let forEach = document.moduleConfiguration(instance.moduleAddress)?.resources[instance.configAddress]?["for_each_expression"]
        return resolve(references(expression), scope: instance.moduleAddress, selfIndex: instance.index, forEach: forEach, depth: 0)
    }

    func references(_ expression: JSONValue?) -> [String] {
        expression?["references"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    private struct ResourceReference {
        var configAddress: String
        var keys: [JSONValue] = []
        var unkeyed = false
    }

    private struct ModuleReference {
        var call: String
        var output: String?
        var key: JSONValue?
        var text: String
    }

    func resolve(_ references: [String], scope: String, selfIndex: JSONValue?, forEach: JSONValue?, depth: Int) -> Candidates {
        var result = Candidates()
        guard depth < Self.maximumDepth else {
            result.opaque = references
            return result
        }
        var resources: [ResourceReference] = []
        var modules: [ModuleReference] = []
        var usesCountIndex = false
        var usesEach = false
        func note(_ configAddress: String, key: JSONValue?) {
            let position = resources.firstIndex { $0.configAddress == configAddress } ?? {
                resources.append(ResourceReference(configAddress: configAddress))
                return resources.count - 1
            }()
            if let key {
                if !resources[position].keys.contains(key) { resources[position].keys.append(key) }
            } else {
                resources[position].unkeyed = true
            }
        }
        for reference in references {
            let parts = TerraformAddress.parts(reference)
            guard case let .name(first)? = parts.first else { continue }
            func name(_ position: Int) -> String? {
                guard position < parts.count, case let .name(value) = parts[position] else { return nil }
                return value
            }
            func key(_ position: Int) -> JSONValue? {
                guard position < parts.count, case let .key(value) = parts[position] else { return nil }
                return value
            }
            switch first {
            case "count": usesCountIndex = true
            case "each": usesEach = true
            case "path", "terraform", "self": continue
            case "local":
                result.opaque.append(reference)
            case "var":
                guard let variable = name(1) else { continue }
                result.add(resolveVariable(variable, reference: reference, scope: scope, depth: depth))
            case "module":
                guard let call = name(1) else { continue }
                modules.append(ModuleReference(call: call, output: name(2), key: key(3), text: reference))
            case "data":
                guard let type = name(1), let resourceName = name(2) else { continue }
                note("data.\(type).\(resourceName)", key: key(3))
            default:
                guard let resourceName = name(1) else { continue }
                note("\(first).\(resourceName)", key: key(2))
            }
        }
        for reference in resources {
            let all = document.instances(of: reference.configAddress, inModule: scope)
            var chosen: [TerraformInstance]
            if !reference.keys.isEmpty {
                chosen = reference.keys.compactMap { document.instance(of: reference.configAddress, inModule: scope, index: $0) }
            } else if usesCountIndex, let selfIndex, case .number = selfIndex, all.count > 1 {
                // The same index when the counts match; element() and modulo wrap, so otherwise every instance.
                chosen = document.instance(of: reference.configAddress, inModule: scope, index: selfIndex).map { [$0] } ?? all
            } else if usesEach, let selfIndex, case .string = selfIndex, all.count > 1,
                      let same = document.instance(of: reference.configAddress, inModule: scope, index: selfIndex) {
                chosen = [same]
            } else {
                chosen = all
            }
            result.add(Candidates(instances: chosen, opaque: chosen.isEmpty ? [reference.configAddress] : []))
        }
        // `each.value` of a for_each over a resource: that resource's instance with this key.
        if usesEach, resources.isEmpty, modules.isEmpty, let forEach, let selfIndex {
            let collection = resolve(self.references(forEach), scope: scope, selfIndex: nil, forEach: nil, depth: depth + 1)
            result.add(Candidates(instances: collection.instances.filter { $0.index == selfIndex }, opaque: collection.opaque))
        }
        let specific = Set(modules.filter { $0.output != nil }.map(\.call))
        for reference in modules where reference.output != nil || !specific.contains(reference.call) {
            guard let output = reference.output else {
                result.opaque.append(reference.text)
                continue
            }
            for child in document.moduleInstances(call: reference.call, in: scope) {
                guard let expression = document.moduleConfiguration(child)?.outputs[output] else {
                    result.opaque.append(reference.text)
                    continue
                }
                var found = resolve(self.references(expression), scope: child, selfIndex: nil, forEach: nil, depth: depth + 1)
                // An output that is a whole keyed resource, indexed by the caller (`target_groups["web"]`).
                if let key = reference.key, found.instances.contains(where: { $0.index == key }) {
                    found.keep { $0.index == key }
                }
                result.add(found)
            }
        }
        return result
    }

    /// `var.name` inside a module instance: the module call's argument, resolved where the call is.
    private func resolveVariable(_ variable: String, reference: String, scope: String, depth: Int) -> Candidates {
        guard !scope.isEmpty, let call = TerraformAddress.lastCallName(of: scope) else {
            // A root variable is a value given to the plan, not a link.
            return Candidates(instances: [], opaque: [reference])
        }
        let parent = TerraformAddress.parentModule(of: scope)
        guard let argument = document.moduleConfiguration(parent)?.calls[call]?.expressions?[variable] else {
            return Candidates(instances: [], opaque: [reference])
        }
        let moduleKey: JSONValue? = {
            if case let .key(key)? = TerraformAddress.parts(scope).last { return key }
            return nil
        }()
        return resolve(references(argument), scope: parent, selfIndex: moduleKey, forEach: nil, depth: depth + 1)
    }
}
