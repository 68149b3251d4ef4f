import Testing
@testable import ECSTriage

/// The matcher against the plain definition (is the phrase a substring?) on
/// phrases built to share prefixes and suffixes, where failure and output
/// links matter.
struct PhraseMatcherTests {
    static func contains(_ text: [UInt8], _ phrase: [UInt8]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= text.count else { return false }
        return (0...(text.count - phrase.count)).contains { text[$0..<($0 + phrase.count)].elementsEqual(phrase) }
    }

    @Test func agreesWithSubstringSearch() {
        // A fixed linear congruential generator: the same cases every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array("abc ".utf8)
        for _ in 0..<300 {
            let phrases = (0..<(1 + next(12))).map { _ in (0..<next(6)).map { _ in alphabet[next(alphabet.count)] } }
            let matcher = PhraseMatcher(phrases)
            for _ in 0..<10 {
                let text = (0..<next(40)).map { _ in alphabet[next(alphabet.count)] }
                let expected = phrases.map { Self.contains(text, $0) }
                #expect(matcher.occurrences(in: text) == expected, "phrases \(phrases) in \(text)")
            }
        }
    }

    @Test func repeatedPhrasesAndEveryByte() {
        let phrases: [[UInt8]] = [[0, 255], [255], [0, 255], [], Array("he".utf8), Array("she".utf8), Array("hers".utf8)]
        let matcher = PhraseMatcher(phrases)
        #expect(matcher.occurrences(in: [0, 255]) == [true, true, true, false, false, false, false])
        #expect(matcher.occurrences(in: Array("ushers".utf8)) == [false, false, false, false, true, true, true])
        #expect(matcher.occurrences(in: []) == [false, false, false, false, false, false, false])
    }
}
