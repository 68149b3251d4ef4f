/// The analyzer's own copies of the AWS managed policies users attach to ECS
/// roles, for roles that name them by ARN only. The JSON lives in
/// `data/aws-managed-policies/` (with the version and where it was copied
/// from) and is compiled in through `AWSManagedPolicyData.swift`.
/// An AWS managed policy not listed here is a missing document: the
/// evaluator answers undetermined, never denied.
public enum AWSManagedPolicies {
    public struct Policy: Sendable {
        public var name: String
        public var arn: String
        /// The default version the copy was taken from, e.g. `v1`.
        public var versionId: String
        public var updateDate: String
        /// Where the copy came from.
        public var source: String
        public var document: PolicyDocument
    }

    public static let all: [Policy] = AWSManagedPolicyData.files.map { file in
        do {
            return try decode(file.name, file.json)
        } catch {
            fatalError("embedded AWS managed policy \(file.name) does not decode: \(error); this is a bug")
        }
    }

    private static let byArn: [String: Policy] = Dictionary(all.map { ($0.arn, $0) }, uniquingKeysWith: { first, _ in first })

    /// The copy of the policy with this ARN (any partition), or nil.
    public static func policy(_ arn: String) -> Policy? {
        byArn[normalized(arn)]
    }

    /// Whether the ARN names an AWS managed policy (`arn:aws:iam::aws:policy/...`).
    public static func isAWSManaged(_ arn: String) -> Bool {
        normalized(arn).hasPrefix("arn:aws:iam::aws:policy/")
    }

    private static func normalized(_ arn: String) -> String {
        for partition in ["arn:aws-cn:", "arn:aws-us-gov:"] where arn.hasPrefix(partition) {
            return "arn:aws:" + arn.dropFirst(partition.count)
        }
        return arn
    }

    static func decode(_ fileName: String, _ json: String) throws -> Policy {
        let node = try JSONNode(parsing: Array(json.utf8), pointer: "", origin: DocumentOrigin(prefix: "ecs-triage:data/aws-managed-policies/\(fileName)#"))
        guard let document = try PolicyDocument.decode(node, "Document") else {
            throw InputError.wrongType(location: node.location, expected: "a Document member", found: "none")
        }
        return Policy(name: try node.string("PolicyName") ?? fileName, arn: try node.string("Arn") ?? "",
                      versionId: try node.string("DefaultVersionId") ?? "?", updateDate: try node.string("UpdateDate") ?? "?",
                      source: try node.string("Source") ?? "?", document: document)
    }
}
