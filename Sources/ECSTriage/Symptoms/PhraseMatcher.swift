/// Finds which of a fixed set of phrases occur in a text, in one pass over
/// its bytes (Aho–Corasick), so classifying a message costs its length and
/// not the number of patterns times their phrases.
struct PhraseMatcher: Sendable {
    /// Goto transitions per state, as (byte, next state) sorted by byte.
    private var transitions: [[(byte: UInt8, next: Int)]] = [[]]
    private var failure: [Int] = [0]
    /// Phrase ids ending at each state, including through failure links.
    private var outputs: [[Int]] = [[]]
    let phraseCount: Int

    init(_ phrases: [[UInt8]]) {
        phraseCount = phrases.count
        for (id, phrase) in phrases.enumerated() where !phrase.isEmpty {
            var state = 0
            for byte in phrase {
                if let next = transition(state, byte) {
                    state = next
                } else {
                    transitions.append([])
                    failure.append(0)
                    outputs.append([])
                    let next = transitions.count - 1
                    transitions[state].append((byte, next))
                    state = next
                }
            }
            outputs[state].append(id)
        }
        // Breadth-first: each state's failure link is the longest proper suffix that is a prefix.
        var queue: [Int] = transitions[0].map(\.next)
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (byte, next) in transitions[state] {
                queue.append(next)
                var fallback = failure[state]
                while fallback != 0, transition(fallback, byte) == nil { fallback = failure[fallback] }
                let link = transition(fallback, byte) ?? 0
                failure[next] = link == next ? 0 : link
                outputs[next] += outputs[failure[next]]
            }
        }
    }

    private func transition(_ state: Int, _ byte: UInt8) -> Int? {
        transitions[state].first { $0.byte == byte }?.next
    }

    /// found[id] is true when phrase `id` occurs in `text`.
    func occurrences(in text: [UInt8]) -> [Bool] {
        var found = [Bool](repeating: false, count: phraseCount)
        var state = 0
        for byte in text {
            while true {
                if let next = transition(state, byte) {
                    state = next
                    break
                }
                if state == 0 { break }
                state = failure[state]
            }
            for id in outputs[state] { found[id] = true }
        }
        return found
    }
}
