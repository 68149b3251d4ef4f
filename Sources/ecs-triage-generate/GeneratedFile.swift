import ECSTriage
import Foundation

/// A file of the repository that is generated, never edited by hand: its
/// path from the package root and what it must contain. A test compares
/// each with the file on disk; `swift run ecs-triage-generate` writes them.
struct GeneratedFile: Sendable {
    var path: String
    var content: String

    /// The command that rewrites every generated file, for messages.
    static let command = "swift run ecs-triage-generate"

    /// Every generated file, from the sources in the package at `root`.
    static func all(root: URL) throws -> [GeneratedFile] {
        [try playbookTable(root: root), try managedPolicyData(root: root), try rulesReference(root: root)]
    }

    /// `docs/rules.md`: what `ecs-triage rules --format markdown` prints,
    /// with the playbooks read from their files (the compiled-in copies may
    /// be the stale ones this run replaces).
    static func rulesReference(root: URL) throws -> GeneratedFile {
        let markdown = RulesReference.markdown { id in
            try? contents(of: root.appendingPathComponent("playbooks/\(id).md"), named: "playbooks/\(id).md")
        }
        return GeneratedFile(path: "docs/rules.md", content: markdown)
    }

    /// `playbooks/<rule-id>.md`, compiled into the binary so that a copied
    /// `ecs-triage` can `explain` without the source tree.
    static func playbookTable(root: URL) throws -> GeneratedFile {
        let folder = "playbooks"
        var text = header(sources: "\(folder)/*.md") + """
            /// The text of every `playbooks/<rule-id>.md`, by rule id.
            public let embeddedPlaybooks: [String: String] = [

            """
        for file in try files(in: root.appendingPathComponent(folder), ending: ".md") {
            let id = String(file.dropLast(".md".count))
            let body = try contents(of: root.appendingPathComponent("\(folder)/\(file)"), named: "\(folder)/\(file)")
            text += "    \"\(id)\": \(try rawStringLiteral(body, named: "\(folder)/\(file)")),\n"
        }
        text += "]\n"
        return GeneratedFile(path: "Sources/ECSTriagePlaybooks/EmbeddedPlaybooks.swift", content: text)
    }

    /// `data/aws-managed-policies/*.json`, the analyzer's copies of the AWS
    /// managed policies roles attach by ARN only.
    static func managedPolicyData(root: URL) throws -> GeneratedFile {
        let folder = "data/aws-managed-policies"
        var text = header(sources: "\(folder)/*.json") + """
            enum AWSManagedPolicyData {
                static let files: [(name: String, json: String)] = [

            """
        for file in try files(in: root.appendingPathComponent(folder), ending: ".json") {
            let json = try contents(of: root.appendingPathComponent("\(folder)/\(file)"), named: "\(folder)/\(file)")
            text += "        (\"\(file)\", \(try rawStringLiteral(json, named: "\(folder)/\(file)"))),\n"
        }
        text += "    ]\n}\n"
        return GeneratedFile(path: "Sources/ECSTriage/IAM/AWSManagedPolicyData.swift", content: text)
    }

    static func header(sources: String) -> String {
        "// GENERATED from \(sources) by `\(command)`: do not edit.\n\n"
    }

    /// Names of the files in `folder` ending with `suffix`, sorted by bytes
    /// (not by locale) so that every machine generates the same text.
    static func files(in folder: URL, ending suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(suffix) }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    static func contents(of url: URL, named name: String) throws -> String {
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else { throw GenerationError("\(name) is not UTF-8") }
        return text
    }

    /// `text` as a multi-line raw string literal that evaluates to exactly
    /// `text`: enough `#` that nothing inside ends the literal or starts an
    /// escape, the closing delimiter in the first column so no indentation
    /// is stripped. Carriage returns are refused: a multi-line literal
    /// turns CRLF into LF, and the copy would differ from the file.
    static func rawStringLiteral(_ text: String, named name: String) throws -> String {
        guard !text.contains("\r") else { throw GenerationError("\(name) has carriage returns: save it with LF line endings") }
        var hashes = "#"
        while text.contains("\"\"\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes
    }
}

struct GenerationError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
