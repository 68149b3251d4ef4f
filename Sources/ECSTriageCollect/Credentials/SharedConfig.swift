import Foundation

/// The shared `config` and `credentials` files, read as botocore reads them
/// (`botocore/configloader.py`, Python's `configparser`): `[section]`
/// headers, `key = value` or `key: value` lines with keys lowercased, `#` and
/// `;` comment lines, and indented lines under an empty `key =` forming a
/// nested group (`s3 =` / `  max_concurrent_requests = 10`).
/// https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html
struct SharedConfig: Sendable {
    /// `config`: `[profile name]` (and `[default]`) by profile name.
    var configProfiles: [String: [String: String]] = [:]
    /// `credentials`: `[name]` by profile name.
    var credentialProfiles: [String: [String: String]] = [:]
    /// `[services name]` sections: name → service key → settings.
    var services: [String: [String: [String: String]]] = [:]
    var configPath: String
    var credentialsPath: String

    /// The files named by `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`.
    static func load(environment: [String: String]) -> SharedConfig {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func expand(_ path: String) -> String { path.hasPrefix("~/") ? home + path.dropFirst(1) : path }
        let configPath = expand(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        let credentialsPath = expand(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        var config = SharedConfig(configPath: configPath, credentialsPath: credentialsPath)
        if let text = try? String(contentsOfFile: configPath, encoding: .utf8) {
            for (section, values) in parse(text) {
                if section == "default" {
                    config.configProfiles["default", default: [:]].merge(values.flat) { $1 }
                } else if section.hasPrefix("profile ") {
                    let name = section.dropFirst("profile ".count).trimmingCharacters(in: .whitespaces)
                    config.configProfiles[name, default: [:]].merge(values.flat) { $1 }
                } else if section.hasPrefix("services ") {
                    let name = section.dropFirst("services ".count).trimmingCharacters(in: .whitespaces)
                    config.services[name] = values.nested
                }
            }
        }
        if let text = try? String(contentsOfFile: credentialsPath, encoding: .utf8) {
            for (section, values) in parse(text) { config.credentialProfiles[section, default: [:]].merge(values.flat) { $1 } }
        }
        return config
    }

    /// A profile's settings from both files, the credentials file winning (botocore's `full_config`).
    func profile(_ name: String) -> [String: String]? {
        let config = configProfiles[name], credentials = credentialProfiles[name]
        guard config != nil || credentials != nil else { return nil }
        return (config ?? [:]).merging(credentials ?? [:]) { $1 }
    }

    struct Section {
        var flat: [String: String] = [:]
        var nested: [String: [String: String]] = [:]
    }

    static func parse(_ text: String) -> [(String, Section)] {
        var sections: [(String, Section)] = []
        var currentKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let indented = line.first == " " || line.first == "\t"
            if !indented, trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
                sections.append((String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces), Section()))
                currentKey = nil
                continue
            }
            guard !sections.isEmpty else { continue }
            let separator = trimmed.firstIndex { $0 == "=" || $0 == ":" }
            if indented, let key = currentKey, sections[sections.count - 1].1.flat[key]?.isEmpty == true {
                // A nested `name = value` under `key =`.
                guard let separator else { continue }
                let name = trimmed[..<separator].trimmingCharacters(in: .whitespaces).lowercased()
                let value = trimmed[trimmed.index(after: separator)...].trimmingCharacters(in: .whitespaces)
                sections[sections.count - 1].1.nested[key, default: [:]][name] = value
                continue
            }
            guard let separator else { continue }
            let key = trimmed[..<separator].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            sections[sections.count - 1].1.flat[key] = value
            currentKey = key
        }
        return sections
    }
}
