import Foundation

/// Text from the account made inert before a text or Markdown report prints
/// it. Stopped reasons, events, log lines, names and tags are written by
/// whoever controls the workload: an escape sequence in one can retitle or
/// clear the reader's terminal, a carriage return or a bidi override can make
/// a line read as something else, and Markdown in one can become a link or
/// HTML in a ticket. JSON needs none of this: `JSONWriter` escapes them.
public enum InertText {
    /// `text` with every C0 and C1 control character, DEL, bidi override,
    /// embedding, isolate and mark, and line or paragraph separator
    /// replaced by a visible escape (`\e`, `\r`, `\n`, `\u202e`...). A
    /// newline becomes `\n` too: a message never starts a new report line.
    public static func plain(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if let escape = visibleEscape(scalar) {
                out += escape
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `plain(text)` that Markdown renders as the same characters: no
    /// emphasis, heading, HTML, entity, link, image, autolink or code span
    /// can start inside it. Bare URLs and e-mail addresses, which GitHub
    /// turns into links without any markup, become code spans. In a table
    /// cell, `|` is escaped inside code spans as well.
    public static func markdown(_ text: String, inTable: Bool = false) -> String {
        plain(text).split(separator: " ", omittingEmptySubsequences: false).map { word in
            looksLikeLink(word) ? codeSpan(String(word), inTable: inTable) : escapingMarkdown(word)
        }.joined(separator: " ")
    }

    /// `text` as one inline code span: literal in Markdown whatever it holds.
    public static func codeSpan(_ text: String, inTable: Bool = false) -> String {
        var content = plain(text)
        if inTable { content = content.replacingOccurrences(of: "|", with: "\\|") }
        // A fence longer than the longest backtick run inside; a space
        // against a backtick at either end keeps it out of the fence.
        var longestRun = 0, run = 0
        for character in content {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let padding = content.hasPrefix("`") || content.hasSuffix("`") ? " " : ""
        return fence + padding + content + padding + fence
    }

    // MARK: Escapes

    /// Whether any scalar of `text` needs an escape, from its UTF-8 bytes:
    /// C0 and DEL are single bytes, C1 starts with 0xC2, U+061C with 0xD8,
    /// and the marks, overrides, isolates and separators with 0xE2.
    static func needsEscaping(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }
            && text.unicodeScalars.contains { visibleEscape($0) != nil }
    }

    static func visibleEscape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x07: return "\\a"
        case 0x08: return "\\b"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0B: return "\\v"
        case 0x0C: return "\\f"
        case 0x0D: return "\\r"
        case 0x1B: return "\\e"
        case 0x00...0x1F, 0x7F, 0x80...0x9F,
             0x061C,  // arabic letter mark
             0x200E, 0x200F,  // left-to-right and right-to-left marks
             0x2028, 0x2029,  // line and paragraph separators
             0x202A...0x202E,  // embeddings, pop, overrides
             0x2066...0x2069:  // isolates and their pop
            let hex = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        default:
            return nil
        }
    }

    /// Characters that can start Markdown or HTML inline syntax. `!` needs
    /// none: an image needs `[`, which is escaped.
    private static let markdownPunctuation: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "&", "~"]

    private static func escapingMarkdown(_ word: Substring) -> String {
        var out = ""
        for character in word {
            if markdownPunctuation.contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// GitHub links `scheme://...`, `www.` and `name@host.tld` with no markup.
    private static func looksLikeLink(_ word: Substring) -> Bool {
        if word.contains("://") || word.lowercased().contains("www.") { return true }
        guard let at = word.firstIndex(of: "@") else { return false }
        return word[word.index(after: at)...].contains(".")
    }
}
