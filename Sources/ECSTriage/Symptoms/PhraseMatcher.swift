/// Finds which of a fixed set of phrases occur in a text, in one pass over
/// its bytes (Aho–Corasick), so classifying a message costs its length and
/// not the number of patterns times their phrases.
///
/// The automaton lives in a few flat arrays (children as sibling lists, the
/// root's as a 256-entry table): it is built at the first message of every
/// run, and one array per state made that a noticeable part of the start-up.
struct PhraseMatcher: Sendable {
    private static let none: Int32 = -1
    /// The root's child for each byte, or `none`.
    private var rootChild = [Int32](repeating: none, count: 256)
    /// Per state: its first child, its next sibling, the byte leading to it.
    private var firstChild: [Int32] = [none]
    private var nextSibling: [Int32] = [none]
    private var byteInto: [UInt8] = [0]
    /// Per state: the longest proper suffix that is also a prefix (a state).
    private var failure: [Int32] = [0]
    /// Per state: a phrase ending exactly there, or `none` (more phrases
    /// ending there follow through `samePhraseEnd`).
    private var phraseEndingAt: [Int32] = [none]
    /// Per state: the nearest state on its failure chain where a phrase ends, or 0.
    private var outputLink: [Int32] = [0]
    private var samePhraseEnd: [Int32]
    let phraseCount: Int

    init(_ phrases: [[UInt8]]) {
        phraseCount = phrases.count
        samePhraseEnd = [Int32](repeating: Self.none, count: phrases.count)
        let stateBound = phrases.reduce(1) { $0 + $1.count }
        firstChild.reserveCapacity(stateBound)
        nextSibling.reserveCapacity(stateBound)
        byteInto.reserveCapacity(stateBound)
        failure.reserveCapacity(stateBound)
        phraseEndingAt.reserveCapacity(stateBound)
        outputLink.reserveCapacity(stateBound)
        for (id, phrase) in phrases.enumerated() where !phrase.isEmpty {
            var state: Int32 = 0
            for byte in phrase {
                if let next = transition(state, byte) {
                    state = next
                } else {
                    state = addState(after: state, byte: byte)
                }
            }
            samePhraseEnd[id] = phraseEndingAt[Int(state)]
            phraseEndingAt[Int(state)] = Int32(id)
        }
        // Breadth-first, so a state's failure target is final before its children need it.
        var queue: [Int32] = []
        queue.reserveCapacity(firstChild.count)
        for byte in 0..<256 where rootChild[byte] != Self.none { queue.append(rootChild[byte]) }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            var child = firstChild[Int(state)]
            while child != Self.none {
                queue.append(child)
                let byte = byteInto[Int(child)]
                var fallback = failure[Int(state)]
                while fallback != 0, transition(fallback, byte) == nil { fallback = failure[Int(fallback)] }
                let link = transition(fallback, byte) ?? 0
                failure[Int(child)] = link
                outputLink[Int(child)] = phraseEndingAt[Int(link)] != Self.none ? link : outputLink[Int(link)]
                child = nextSibling[Int(child)]
            }
        }
    }

    private mutating func addState(after state: Int32, byte: UInt8) -> Int32 {
        let new = Int32(firstChild.count)
        firstChild.append(Self.none)
        byteInto.append(byte)
        failure.append(0)
        phraseEndingAt.append(Self.none)
        outputLink.append(0)
        if state == 0 {
            nextSibling.append(Self.none)
            rootChild[Int(byte)] = new
        } else {
            nextSibling.append(firstChild[Int(state)])
            firstChild[Int(state)] = new
        }
        return new
    }

    private func transition(_ state: Int32, _ byte: UInt8) -> Int32? {
        if state == 0 {
            let next = rootChild[Int(byte)]
            return next == Self.none ? nil : next
        }
        var child = firstChild[Int(state)]
        while child != Self.none {
            if byteInto[Int(child)] == byte { return child }
            child = nextSibling[Int(child)]
        }
        return nil
    }

    /// found[id] is true when phrase `id` occurs in `text`.
    func occurrences(in text: [UInt8]) -> [Bool] {
        var found = [Bool](repeating: false, count: phraseCount)
        var state: Int32 = 0
        for byte in text {
            while true {
                if let next = transition(state, byte) {
                    state = next
                    break
                }
                if state == 0 { break }
                state = failure[Int(state)]
            }
            var ending = phraseEndingAt[Int(state)] != Self.none ? state : outputLink[Int(state)]
            while ending != 0 {
                var id = phraseEndingAt[Int(ending)]
                while id != Self.none {
                    found[Int(id)] = true
                    id = samePhraseEnd[Int(id)]
                }
                ending = outputLink[Int(ending)]
            }
        }
        return found
    }
}
