import ECSTriage

extension JSONValue {
    /// The values at a dotted path, `*` standing for every element of an
    /// array: `services.*.loadBalancers.*.targetGroupArn`.
    func values(_ path: String) -> [JSONValue] {
        var current: [JSONValue] = [self]
        for component in path.split(separator: ".") {
            current = current.flatMap { value -> [JSONValue] in
                if component == "*" { return value.arrayValue ?? [] }
                return value[String(component)].map { [$0] } ?? []
            }
        }
        return current
    }

    /// The strings at a dotted path (see `values(_:)`); other types are skipped.
    func strings(_ path: String) -> [String] {
        values(path).compactMap(\.stringValue)
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, in first-seen order.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }

    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
