/// IAM's `*` / `?` wildcard matching. Actions compare case-insensitively,
/// ARNs case-sensitively.
public enum Wildcard {
    public static func matches(_ pattern: String, _ value: String, caseInsensitive: Bool = false) -> Bool {
        // Fast paths for the common shapes (`*`, a literal), which account-scale
        // snapshots evaluate hundreds of thousands of times.
        if pattern == "*" { return true }
        if !hasWildcard(pattern) {
            return caseInsensitive ? pattern.utf8.count == value.utf8.count && pattern.lowercased() == value.lowercased() : pattern == value
        }
        let p = Array((caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars)
        let v = Array((caseInsensitive ? value.lowercased() : value).unicodeScalars)
        var pi = 0, vi = 0, star = -1, mark = 0
        while vi < v.count {
            if pi < p.count, p[pi] == "?" || p[pi] == v[vi] {
                pi += 1
                vi += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = vi
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                vi = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    public enum PrefixMatch: Sendable, Equatable {
        /// Every value that starts with the prefix (and continues) matches.
        case all
        /// No such value matches.
        case none
        /// Some do, some do not.
        case some
    }

    /// Whether `pattern` matches values that start with `prefix` followed by
    /// an unknown, non-empty continuation free of the `excluded` characters
    /// (a task id, a key id, the random suffix of a secret hold no `:` or
    /// `/`): a small automaton run over the prefix, then a look at what the
    /// pattern still asks for.
    public static func matchesPrefix(_ pattern: String, _ prefix: String, excluding excluded: String = ":/",
                                     caseInsensitive: Bool = false) -> PrefixMatch {
        if pattern == "*" { return .all }
        if !hasWildcard(pattern) {
            // A literal: only the one continuation it spells out can match.
            let (p, v) = caseInsensitive ? (pattern.lowercased(), prefix.lowercased()) : (pattern, prefix)
            guard p.hasPrefix(v) else { return .none }
            let rest = p.unicodeScalars.dropFirst(v.unicodeScalars.count)
            return !rest.isEmpty && !rest.contains(where: { excluded.unicodeScalars.contains($0) }) ? .some : .none
        }
        let p = Array((caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars)
        let v = Array((caseInsensitive ? prefix.lowercased() : prefix).unicodeScalars)
        func closure(_ states: Set<Int>) -> Set<Int> {
            var result = states
            var pending = Array(states)
            while let state = pending.popLast() {
                if state < p.count, p[state] == "*", result.insert(state + 1).inserted { pending.append(state + 1) }
            }
            return result
        }
        var states = closure([0])
        for scalar in v {
            var next = Set<Int>()
            for state in states where state < p.count {
                if p[state] == "*" { next.insert(state) } else if p[state] == "?" || p[state] == scalar { next.insert(state + 1) }
            }
            states = closure(next)
            if states.isEmpty { return .none }
        }
        var some = false
        for state in states where state < p.count {
            let rest = p[state...]
            let wildcardsOnly = rest.allSatisfy { $0 == "*" || $0 == "?" }
            let questions = rest.filter { $0 == "?" }.count
            // `*`, `?*`: any non-empty continuation.
            if wildcardsOnly, rest.contains("*"), questions <= 1 { return .all }
            if !rest.contains(where: { excluded.unicodeScalars.contains($0) }) { some = true }
        }
        return some ? .some : .none
    }

    private static func hasWildcard(_ pattern: String) -> Bool {
        pattern.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }
    }
}
