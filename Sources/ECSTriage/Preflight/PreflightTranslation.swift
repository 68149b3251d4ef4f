/// Configuration that is not deployed yet (a Terraform plan or state, a
/// CloudFormation template, CDK synth output) turned into the snapshot shapes
/// `collect` writes, so the rules run on it unchanged; plus what the rules
/// cannot see in those shapes: where each resource came from, which links
/// could not be pinned, and which container definitions were inferred.
public struct PreflightTranslation: Sendable {
    /// A merged snapshot object: the AWS CLI top-level keys of snapshot-format.md.
    public var snapshot: JSONValue
    /// Every id (real or stand-in) the snapshot uses for a resource of the input, in input order.
    public var origins: [PreflightOrigin]
    /// Links the translation could not pin to one resource: the rules that need
    /// them are undetermined, and the snapshot names a stand-in no section describes.
    public var unresolved: [UnresolvedLink]
    /// Task definitions whose container definitions were unknown and stood in for.
    public var inferred: [InferredContainer]
}

/// Where a snapshot id comes from in the user's configuration.
public struct PreflightOrigin: Sendable, Equatable {
    /// The id, ARN or name the snapshot uses.
    public var id: String
    /// The resource type in the input: `aws_subnet`, `AWS::EC2::Subnet`.
    public var resourceType: String
    /// Terraform address (`module.vpc.aws_subnet.private[0]`) or CloudFormation logical id.
    /// Terraform's JSON plan and state carry no file or line for it (observed with
    /// Terraform 1.11: `configuration` has expressions, no source ranges).
    public var address: String
    /// The CDK construct path (`Orders/Vpc/IsolatedSubnet1/Subnet`), from `Metadata."aws:cdk:path"`.
    public var constructPath: String?
    /// RFC 6901 pointer to the resource in the input document.
    public var pointer: String
}

/// A link the translation could not pin to exactly one resource.
public struct UnresolvedLink: Sendable, Equatable {
    /// Terraform address or CloudFormation logical id of the resource holding the link.
    public var resource: String
    /// The attribute or property path, e.g. `network_configuration[0].subnets`.
    public var attribute: String
    public var reason: String
    /// What the snapshot holds in its place: an id no section describes, or nil when the member was left out.
    public var standIn: String?
}

/// A container definition unknown at plan time, replaced by one built from the
/// resources its expression references (ECR repository, log group, secrets),
/// so the dependency resolver sees the task's network needs.
public struct InferredContainer: Sendable, Equatable {
    /// The task definition's Terraform address.
    public var taskDefinition: String
    /// The references the stand-in was built from.
    public var references: [String]
}

/// A pre-deploy input the user gave that cannot be translated, naming the place.
public enum PreflightError: Error, Equatable, Sendable {
    /// A Terraform JSON document of a major format version this reader does not know.
    case unsupportedFormatVersion(pointer: String, found: String)
    /// A JSON object that is none of the documents `PreflightDocumentKind` recognises.
    case notAPreflightDocument
    /// A CloudFormation template in YAML: only JSON is read.
    case yamlTemplate

    public var message: String {
        switch self {
        case let .unsupportedFormatVersion(pointer, found):
            return "\(pointer): Terraform JSON format version \(found) is not supported (this reader knows 1.x): use a Terraform that writes format 1.x, or report it"
        case .notAPreflightDocument:
            return "not a Terraform plan or state (`terraform show -json`) nor a CloudFormation template (Resources with AWS:: types)"
        case .yamlTemplate:
            return "CloudFormation YAML templates are not read: convert the template to JSON first (`cfn-flip template.yaml > template.json`, or `rain fmt --json template.yaml`)"
        }
    }
}

/// Which pre-deploy document a top-level JSON object is, told by its keys, so
/// the loader can route it like any other input.
public enum PreflightDocumentKind: String, Sendable {
    /// `terraform show -json plan.out`: `format_version` with `planned_values` or `resource_changes`.
    case terraformPlan
    /// `terraform show -json` of a state: `format_version` with `values`.
    case terraformState
    /// A CloudFormation template or CDK synth output: `Resources` whose values have an `AWS::` `Type`.
    case cloudFormationTemplate

    public static func recognize(_ document: JSONValue) -> PreflightDocumentKind? {
        recognize(JSONNode(value: document, pointer: "", origin: DocumentOrigin(prefix: "")))
    }

    /// Told by a few members: every document the loader reads passes here.
    static func recognize(_ document: JSONNode) -> PreflightDocumentKind? {
        guard document.isObject else { return nil }
        if document.hasMember("format_version") {
            if document.hasMember("planned_values") || document.hasMember("resource_changes") { return .terraformPlan }
            if document.hasMember("values") { return .terraformState }
            return nil
        }
        if let resources = document.member("Resources")?.members, !resources.isEmpty,
           resources.contains(where: { $0.node.member("Type")?.stringValue?.hasPrefix("AWS::") == true }) {
            return .cloudFormationTemplate
        }
        return nil
    }

    /// Whether `text` (which failed to parse as JSON) looks like a CloudFormation
    /// template in YAML, so the error can say how to convert it.
    public static func looksLikeYAMLTemplate(_ text: String) -> Bool {
        // Every pasted text passes here: most have neither key, and need no split into lines.
        guard text.contains("AWSTemplateFormatVersion:") || text.contains("Resources:") else { return false }
        var sawResources = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(2000) {
            if line.hasPrefix("AWSTemplateFormatVersion:") { return true }
            if line.hasPrefix("Resources:") { sawResources = true }
            if sawResources, line.contains("Type: AWS::") || line.contains("Type: 'AWS::") || line.contains("Type: \"AWS::") { return true }
        }
        return false
    }
}

/// Translates any recognised pre-deploy document.
public enum PreflightTranslator {
    /// `cloudFormation` gives a template's parameters, region and account (Terraform documents carry theirs).
    public static func translate(_ document: JSONValue, cloudFormation: CloudFormationTranslator.Options = .init()) throws(PreflightError) -> PreflightTranslation {
        switch PreflightDocumentKind.recognize(document) {
        case .terraformPlan?, .terraformState?: return try TerraformTranslator.translate(document)
        case .cloudFormationTemplate?: return CloudFormationTranslator.translate(document, options: cloudFormation)
        case nil: throw .notAPreflightDocument
        }
    }
}

/// One pre-deploy input as the loader read it: the file, what it is, and what
/// the translation knows that the snapshot shapes cannot carry.
public struct ConfigurationSource: Sendable {
    /// The input as the user named it.
    public var file: String
    public var kind: PreflightDocumentKind
    public var origins: [PreflightOrigin]
    public var unresolved: [UnresolvedLink]
    public var inferred: [InferredContainer]

    /// How reports name the kind of input.
    public var kindName: String {
        switch kind {
        case .terraformPlan: return "Terraform plan"
        case .terraformState: return "Terraform state"
        case .cloudFormationTemplate: return "CloudFormation template"
        }
    }
}

/// The ids a translation invents for resources that do not exist yet
/// (`tf:aws_subnet.private[0]`, `cfn:PrivateSubnet`) and for links it could
/// not pin (`tf-unresolved:...`, `cfn-unresolved:...`): never shaped like AWS ids.
enum StandInID {
    static let terraform = "tf:"
    static let terraformUnresolved = "tf-unresolved:"
    static let cloudFormation = "cfn:"
    static let cloudFormationUnresolved = "cfn-unresolved:"

    /// Whether a text (a command, a resource id) holds a stand-in id.
    static func appears(in text: String) -> Bool {
        [terraform, terraformUnresolved, cloudFormation, cloudFormationUnresolved].contains { text.contains($0) }
    }
}
