enum CloudFormationTranslator {
    struct Options { var parameters: [String: String] }
    static func translate(_ document: JSONValue, options: Options) -> PreflightTranslation {
        PreflightTranslation(snapshot: .object([]), origins: [], unresolved: [], inferred: [])
    }
}
