/// A container image reference split the way registries read it.
public struct ImageReference: Sendable {
    public var registryHost: String
    public var isECR: Bool
    public var region: String?
    public var account: String?
    /// Repository path without the registry host and tag.
    public var repository: String
    public var tag: String?
    public var digest: String?

    public init(_ image: String) {
        let firstComponent = image.split(separator: "/", maxSplits: 1).first.map(String.init) ?? image
        let hasRegistry = image.contains("/") && (firstComponent.contains(".") || firstComponent.contains(":") || firstComponent == "localhost")
        registryHost = hasRegistry ? firstComponent.lowercased() : "docker.io"
        var path = hasRegistry ? String(image.dropFirst(firstComponent.count + 1)) : image
        var digest: String?
        var tag: String?
        if let at = path.firstIndex(of: "@") {
            digest = String(path[path.index(after: at)...])
            path = String(path[..<at])
        }
        if let colon = path.lastIndex(of: ":"), !path[colon...].contains("/") {
            tag = String(path[path.index(after: colon)...])
            path = String(path[..<colon])
        }
        if !hasRegistry && !path.contains("/") { path = "library/" + path }
        repository = path
        self.tag = tag
        self.digest = digest
        if registryHost.hasSuffix("docker.io") { registryHost = "docker.io" }
        let labels = registryHost.split(separator: ".")
        // <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]
        isECR = labels.count >= 6 && labels[1] == "dkr" && (labels[2] == "ecr" || labels[2] == "ecr-fips") && labels[4] == "amazonaws"
        account = isECR ? String(labels[0]) : nil
        region = isECR ? String(labels[3]) : nil
    }
}

/// Whether an image reference can be pulled at all, following the grammar of
/// distribution/reference (reference.go and regexp.go at 0965666a, read, not
/// copied): `[domain[:port]/]path[:tag][@digest]`, path components of
/// lowercase letters and digits joined by `.`, `_`, `__` or dashes, a tag of
/// at most 128 word characters, dots and dashes, and a digest `algorithm:hex`.
/// Docker answers anything else with "invalid reference format".
enum ImageReferenceGrammar {
    /// Why `image` is not a valid reference, or nil when it is.
    static func problem(_ image: String) -> String? {
        if image.isEmpty { return "the image is empty" }
        if image.contains(where: \.isWhitespace) { return "the image contains whitespace" }
        var rest = Substring(image)
        if let at = rest.firstIndex(of: "@") {
            let digest = rest[rest.index(after: at)...]
            rest = rest[..<at]
            guard let colon = digest.firstIndex(of: ":"), !digest[..<colon].isEmpty,
                  digest[digest.index(after: colon)...].count >= 32, digest[digest.index(after: colon)...].allSatisfy(\.isHexDigit) else {
                return "the digest is not algorithm:hex"
            }
        }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            let tag = rest[rest.index(after: colon)...]
            let word: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            guard let first = tag.first, word(first), tag.count <= 128, tag.allSatisfy({ word($0) || $0 == "." || $0 == "-" }) else {
                return "the tag \"\(tag)\" is not valid (letters, digits, _ . -, at most 128, not starting with . or -)"
            }
            rest = rest[..<colon]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false)
        if components.count > 1, let first = components.first,
           first.contains(".") || first.contains(":") || first == "localhost" {
            components.removeFirst()  // the registry host: DNS rules, case-insensitive
        }
        for component in components {
            if component.isEmpty { return "the repository has an empty path component" }
            if component.contains(where: \.isUppercase) { return "the repository name must be lowercase" }
            guard isPathComponent(component) else { return "the repository path component \"\(component)\" is not valid" }
        }
        return nil
    }

    /// Lowercase letters and digits, separated by one `.`, one or two `_`, or any number of `-`.
    static func isPathComponent(_ component: Substring) -> Bool {
        let characters = Array(component)
        guard let first = characters.first, let last = characters.last, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        var index = 0
        while index < characters.count {
            if isAlphanumeric(characters[index]) {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, !isAlphanumeric(characters[end]) { end += 1 }
            let separator = String(characters[index..<end])
            guard separator == "." || separator == "_" || separator == "__" || separator.allSatisfy({ $0 == "-" }) else { return false }
            index = end
        }
        return true
    }

    static func isAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLowercase || character.isNumber)
    }
}
