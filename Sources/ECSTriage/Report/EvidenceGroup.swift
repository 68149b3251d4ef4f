import Foundation

/// A finding's evidence as a reader sees it: a message observed on twenty
/// tasks is one item that says so and names them, not twenty identical lines.
/// The model keeps every item; only the text and Markdown reports group.
struct EvidenceGroup: Equatable {
    var text: String
    /// Where each occurrence is in the input, in order.
    var fields: [String]
    /// The task, service or target group each occurrence was observed on, each once, in order.
    var sources: [String]

    var count: Int { fields.count }

    /// `evidence` with identical texts merged, in the order of their first
    /// occurrence. `sourceByField` maps a symptom's location to its resource.
    static func groups(_ evidence: [Evidence], sourceByField: [String: String]) -> [EvidenceGroup] {
        var positions: [String: Int] = [:]
        var groups: [EvidenceGroup] = []
        for item in evidence {
            let source = sourceByField[item.field]
            if let position = positions[item.text] {
                groups[position].fields.append(item.field)
                if let source, !groups[position].sources.contains(source) { groups[position].sources.append(source) }
            } else {
                positions[item.text] = groups.count
                groups.append(EvidenceGroup(text: item.text, fields: [item.field], sources: source.map { [$0] } ?? []))
            }
        }
        return groups
    }

    /// Each symptom's location and the resource it was observed on.
    static func sourceByField(_ report: Report) -> [String: String] {
        var sources: [String: String] = [:]
        for symptom in report.symptoms {
            if let resource = symptom.resource, sources[symptom.location] == nil { sources[symptom.location] = resource }
        }
        return sources
    }

    /// "observed: X" seen more than once reads "observed in 20 tasks (a, b,
    /// c and 17 more): X" when each time was one task's, else "observed 20
    /// times (tasks a, b and service web): X". With `limit`, a long message
    /// is `cut`, its prefix kept whole.
    func displayText(limit: Int? = nil) -> String {
        let prefix = "observed: "
        let observed = text.hasPrefix(prefix)
        var message = observed ? String(text.dropFirst(prefix.count)) : text
        if let limit { message = Self.cut(message, limit: limit) }
        guard count > 1 else { return (observed ? prefix : "") + message }
        guard observed else { return message + " (\(count) times)" }
        let named = sources.map(Self.shortName)
        if named.count == count, named.allSatisfy({ $0.kind == "task" }) {
            return "observed in \(count) tasks (" + Self.describe(sources, labelled: false) + "): " + message
        }
        let origin = sources.isEmpty ? "" : " (" + Self.describe(sources) + ")"
        return "observed \(count) times\(origin): " + message
    }

    /// The first field, and how many more.
    var displayField: String {
        guard let first = fields.first, !first.isEmpty else { return "" }
        return count > 1 ? "\(first) and \(count - 1) more" : first
    }

    /// "tasks a, b, c and 17 more", "task a, service web": ids as the console shows them.
    /// `labelled: false` leaves out the kind of resources all of one kind ("a, b, c and 17 more").
    static func describe(_ resources: [String], shown: Int = 3, labelled: Bool = true) -> String {
        let named = resources.map(shortName)
        let more = named.count > shown ? " and \(named.count - shown) more" : ""
        if let kind = named.first?.kind, named.allSatisfy({ $0.kind == kind }) {
            let label = kind.isEmpty || !labelled ? "" : kind + (named.count > 1 ? "s " : " ")
            return label + named.prefix(shown).map(\.id).joined(separator: ", ") + more
        }
        return named.prefix(shown).map { $0.kind.isEmpty ? $0.id : $0.kind + " " + $0.id }.joined(separator: ", ") + more
    }

    /// `arn:aws:ecs:...:task/prod/0f3c...` is task `0f3c...`; a target group is named by its name.
    private static func shortName(_ resource: String) -> (kind: String, id: String) {
        for (marker, kind) in [(":task/", "task"), (":service/", "service"), (":targetgroup/", "target group"),
                               (":container-instance/", "container instance")] {
            if let range = resource.range(of: marker) {
                let path = resource[range.upperBound...].split(separator: "/")
                // Target groups: name/hash; tasks and services: cluster/id (or the old id alone).
                let id = kind == "target group" ? path.first : path.last
                return (kind, String(id ?? Substring(resource)))
            }
        }
        return ("", resource)
    }

    /// A long message cut for a terminal: its head and its tail, where the
    /// decisive words usually are (`... dial tcp 52.119.220.175:443: i/o
    /// timeout`), each cut at a space. The JSON report keeps it whole.
    static func cut(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        let headLength = limit * 55 / 100, tailLength = limit * 40 / 100
        var head = text.prefix(headLength)
        if let space = head.lastIndex(of: " "), head.distance(from: space, to: head.endIndex) < 40 { head = head[..<space] }
        var tail = text.suffix(tailLength)
        if let space = tail.firstIndex(of: " "), tail.distance(from: tail.startIndex, to: space) < 40 { tail = tail[tail.index(after: space)...] }
        return head + " ... " + tail
    }
}
