extension Array where Element == ConfigurationReference {
    /// "aws_subnet.private[0], aws_vpc.main (plan.json)": addresses grouped by the input holding them.
    public var described: String {
        let files = map(\.file).uniqued()
        return files.map { file in
            filter { $0.file == file }.map(\.displayName).uniqued().joined(separator: ", ") + " (\(file))"
        }.joined(separator: "; ")
    }
}

/// Where a finding's resource is in configuration not deployed yet.
public struct ConfigurationReference: Sendable, Equatable {
    /// The id the finding names (a real id from a state, or a stand-in such as `tf:aws_subnet.private[0]`).
    public var id: String
    /// Terraform address or CloudFormation logical id.
    public var address: String
    /// `aws_subnet`, `AWS::EC2::Subnet`.
    public var resourceType: String
    /// The CDK construct path (`Orders/Vpc/PrivateSubnet1/Subnet`), for CDK output.
    public var constructPath: String?
    /// The input it was read from, and the RFC 6901 pointer to the resource there.
    public var file: String
    public var pointer: String

    /// The address, with the construct path when CDK wrote one.
    public var displayName: String { constructPath.map { "\(address) [\($0)]" } ?? address }
}

/// What a report on configuration that is not deployed says differently:
/// each finding names the addresses of its resources; a fix whose `aws`
/// commands would act on resources that do not exist yet (their ids are
/// stand-ins) keeps its configuration change and says why the commands are
/// left out; links the translation could not pin are reported, so an
/// undetermined rule is never silent about why.
enum ConfigurationReport {
    static func apply(to findings: inout [Finding], warnings: inout [String], sources: [ConfigurationSource]) {
        guard !sources.isEmpty else { return }
        var references: [String: ConfigurationReference] = [:]
        for source in sources {
            for origin in source.origins where references[origin.id] == nil {
                references[origin.id] = ConfigurationReference(id: origin.id, address: origin.address, resourceType: origin.resourceType,
                                                               constructPath: origin.constructPath, file: source.file, pointer: origin.pointer)
            }
        }
        let templates = Set(sources.filter { $0.kind == .cloudFormationTemplate }.map(\.file))
        // A container definition stood in for (unknown until apply) says what the task reaches, not how
        // its containers are configured: a finding judged on its container fields would be a guess.
        let inferred = Set(sources.flatMap(\.inferred).map { StandInID.terraform + $0.taskDefinition })
        let judgedOnContainerFields: Set<RuleCategory> = [.taskDefinition, .image, .runtime]
        findings.removeAll { finding in
            judgedOnContainerFields.contains(finding.category) && finding.resources.contains { inferred.contains($0.id) }
        }
        for index in findings.indices {
            findings[index].configuration = findings[index].resources.compactMap { references[$0.id] }
            findings[index].fix = fixForConfiguration(findings[index].fix, references: references)
            // A Terraform change is no answer for a resource a CloudFormation template declares.
            if findings[index].fix.terraform != nil, findings[index].configuration.contains(where: { templates.contains($0.file) }) {
                findings[index].fix.terraform = nil
                findings[index].fix.steps.append("Make the change in the template's resources: "
                                                 + findings[index].configuration.map(\.address).uniqued().joined(separator: ", ") + ".")
            }
            findings[index].missingEvidence.removeAll { StandInID.appears(in: $0.command) }
        }
        for source in sources {
            for link in source.unresolved {
                warnings.append("\(source.file): \(link.resource) \(link.attribute) could not be pinned to one resource (\(link.reason)): "
                                + "the rules that need it are undetermined")
            }
            for container in source.inferred {
                warnings.append("\(source.file): the container definitions of \(container.taskDefinition) are unknown until apply: "
                                + "judged from what they reference (\(container.references.joined(separator: ", ")))")
            }
        }
    }

    /// Commands naming a stand-in cannot run before the resource exists: they
    /// are left out, and the Terraform change names addresses, not stand-ins.
    static func fixForConfiguration(_ fix: Fix, references: [String: ConfigurationReference]) -> Fix {
        var fix = fix
        // The commands are one sequence (later ones read what earlier ones create): all go together.
        // A step that quotes a command on a resource not created yet goes the same way.
        fix.steps.removeAll { $0.contains("aws ") && $0.contains(" --") && StandInID.appears(in: $0) }
        if fix.commands.contains(where: StandInID.appears(in:)) {
            fix.steps.append("The aws commands are left out: they name resources this configuration has not created yet. "
                             + "Make the change in the configuration and apply it.")
            fix.commands = []
        }
        fix.terraform = fix.terraform.map { terraformNamingAddresses($0, references: references) }
        return fix
    }

    /// `"tf:aws_subnet.private[0]"` in a Terraform snippet becomes the reference
    /// `aws_subnet.private[0].id`; a stand-in for an attribute the plan does not
    /// know yet (`"tf:aws_vpc.main.main_route_table_id"`) becomes that attribute.
    static func terraformNamingAddresses(_ snippet: String, references: [String: ConfigurationReference]) -> String {
        var result = ""
        var rest = Substring(snippet)
        let marker = "\"" + StandInID.terraform
        while let start = rest.range(of: marker) {
            result += rest[..<start.lowerBound]
            let afterMarker = rest[start.upperBound...]
            guard let end = afterMarker.firstIndex(of: "\"") else {
                result += rest[start.lowerBound...]
                return result
            }
            let address = String(afterMarker[..<end])
            // Only a stand-in that names a resource itself (not one of its attributes) takes `.id`.
            result += references[StandInID.terraform + address] != nil && TerraformAddress.isResource(address) ? address + ".id" : address
            rest = afterMarker[afterMarker.index(after: end)...]
        }
        return result + rest
    }
}
