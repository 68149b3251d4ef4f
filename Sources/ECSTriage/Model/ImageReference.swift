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
        isECR = labels.count >= 6 && labels[1] == "dkr" && labels[2] == "ecr"
        account = isECR ? String(labels[0]) : nil
        region = isECR ? String(labels[3]) : nil
    }
}
