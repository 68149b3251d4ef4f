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
        let check = BlockedHopCheck(description: Self.description, kind: .endpointPolicy)
        return check.blocked(context).map { blocked in
            let endpoint = blocked.paths.compactMap(\.endpoint).first
            let bucket = "prod-\(context.region)-starport-layer-bucket"
            let statement = #"{"Sid":"EcrLayers","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::\#(bucket)/*"}"#
            return check.finding(
                blocked, context,
                title: "The policy of \(endpoint?.vpcEndpointId ?? "the S3 endpoint") does not allow the ECR layer bucket \(bucket)",
                resources: endpoint.map { [ResourceID(.vpcEndpoint, $0.vpcEndpointId)] } ?? [],
                fix: Fix(summary: "Add s3:GetObject on arn:aws:s3:::\(bucket)/* to the endpoint policy",
                         steps: ["ECR serves image layers from the regional S3 bucket \(bucket); a restrictive S3 endpoint policy must allow it.",
                                 "Keep your own statements; add this one: \(statement)"],
                         commands: ["aws ec2 modify-vpc-endpoint --vpc-endpoint-id \(endpoint?.vpcEndpointId ?? "<vpce-id>") --policy-document file://endpoint-policy.json  # existing statements plus \(statement)"]))
        }
    }
}
