/// A VPC endpoint policy on the path does not allow what the task needs.
struct EndpointPolicyDeniesRule: Rule {
    static let description = RuleDescription(
        id: "endpoint-policy-denies", title: "VPC endpoint policy does not allow what the task needs", category: .network,
        severity: .critical, explains: [.awsServiceUnreachable, .imagePullFailed, .accessDenied], needs: [.vpcEndpoints],
        examples: [
            .triggers("S3 gateway policy without the layer bucket", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]).replacingOccurrences(of: #""VpcEndpointType": "Gateway","#, with: #""VpcEndpointType": "Gateway", "PolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::my-app-config/*\"}]}","#)),
                resources: ["vpce-s3"], confidence: .likely),
            .quiet("default full-access policy", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"]).replacingOccurrences(of: #""VpcEndpointType": "Gateway","#, with: #""VpcEndpointType": "Gateway", "PolicyDocument": "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}","#))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let check = BlockedHopCheck(description: Self.description, kinds: [.endpointPolicy], groupKey: { $0.location })
        return check.blocked(context).compactMap { blocked in
            guard let endpoint = blocked.paths.compactMap(\.endpoint).first else { return nil }
            let bucket = "prod-\(context.region)-starport-layer-bucket"
            return check.finding(blocked, context, title: Self.title(endpoint, bucket: bucket),
                                 resources: [ResourceID(.vpcEndpoint, endpoint.vpcEndpointId)], fix: Self.fix(endpoint, bucket: bucket))
        }
    }
}

// MARK: Messages and fixes

extension EndpointPolicyDeniesRule {
    static func title(_ endpoint: VpcEndpoint, bucket: String) -> String {
        "The policy of \(endpoint.vpcEndpointId) does not allow the ECR layer bucket \(bucket)"
    }

    /// The statement ECR image pulls need through an S3 endpoint.
    // Source: https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html (minimum S3 endpoint policy for ECR).
    static func layerStatement(bucket: String) -> JSONValue {
        .object([("Sid", .string("EcrLayers")), ("Effect", .string("Allow")), ("Principal", .string("*")),
                 ("Action", .string("s3:GetObject")), ("Resource", .string("arn:aws:s3:::\(bucket)/*"))])
    }

    /// The endpoint's policy as the snapshot holds it, with the layer statement added: every other statement kept.
    static func amendedPolicy(_ endpoint: VpcEndpoint, bucket: String) -> String? {
        guard case let .object(members)? = endpoint.policyValue else { return nil }
        var result = members
        let statement = layerStatement(bucket: bucket)
        if let position = result.lastIndex(where: { $0.key == "Statement" }) {
            switch result[position].value {
            case let .array(items): result[position].value = .array(items + [statement])
            case let single: result[position].value = .array([single, statement])
            }
        } else {
            result.append(("Statement", .array([statement])))
        }
        return compactJSON(.object(result))
    }

    /// JSON on one line, for a command-line argument.
    static func compactJSON(_ value: JSONValue) -> String {
        var out = ""
        var inString = false
        var escaped = false
        for character in JSONWriter.write(value) {
            if inString {
                out.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
                out.append(character)
            } else if !character.isWhitespace {
                out.append(character)
            }
        }
        return out
    }

    static func fix(_ endpoint: VpcEndpoint, bucket: String) -> Fix {
        let statement = compactJSON(layerStatement(bucket: bucket))
        var commands: [String] = []
        if let policy = amendedPolicy(endpoint, bucket: bucket) {
            commands.append("aws ec2 modify-vpc-endpoint --vpc-endpoint-id \(ShellWord.quoted(endpoint.vpcEndpointId)) "
                            + "--policy-document \(ShellWord.quoted(policy))")
        }
        return Fix(summary: "Add s3:GetObject on arn:aws:s3:::\(bucket)/* to the policy of \(endpoint.vpcEndpointId)",
                   steps: ["ECR serves image layers from the regional S3 bucket \(bucket); a restrictive S3 endpoint policy must allow it.",
                           "The command below writes the endpoint's current policy back with this statement added: \(statement)"],
                   commands: commands)
    }
}
