import Foundation

/// A task timed out reaching an AWS endpoint or a registry, and no
/// configuration in the snapshot explains why: say what failed, list the
/// causes in the order they usually are, and name the commands that decide.
struct AWSServiceUnreachableRule: Rule {
    static let description = RuleDescription(
        id: "aws-service-unreachable", title: "Task could not reach an AWS service or registry",
        category: .network, kind: .symptom, severity: .critical, explains: [.awsServiceUnreachable],
        examples: [
            .triggers("bare ECR auth timeout as text", Fixture.ecrTimeout.replacingOccurrences(of: "\\\"", with: "\""),
                      resources: ["api.ecr.us-east-1.amazonaws.com"]),
            .triggers("2024 wording in a service event", #"(service arquantix-coming-soon) was unable to place a task. Reason: ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. operation error ECR: GetAuthorizationToken, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://api.ecr.me-central-1.amazonaws.com/": dial tcp 3.28.72.11:443: i/o timeout."#,
                      resources: ["api.ecr.me-central-1.amazonaws.com"]),
            .quiet("a task that stopped normally", #"Essential container in task exited"#),
            .quiet("explained by missing endpoints", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", Fixture.stoppedTask("t1", reason: Fixture.ecrTimeout)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("Subnets", Fixture.subnet()),
                Fixture.array("RouteTables", Fixture.routeTable()),
                "\"VpcEndpoints\": []")),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.unexplainedSymptoms(of: [.awsServiceUnreachable])
            .grouped { (context.index.workload(for: $0.resource)?.primaryResource ?? $0.resource ?? "") + "|" + ($0.facts.service ?? "") }
            .map { finding(for: $0.symptoms, context) }
    }

    private func finding(for symptoms: [Symptom], _ context: AnalysisContext) -> Finding {
        let first = symptoms[0]
        let target = Target(first, region: first.facts.region ?? context.index.region)
        let workload = context.index.workload(for: first.resource)
        var evidence = symptoms.map(\.evidence)
        if first.facts.truncated {
            evidence.append(Evidence(first.location, "the message was cut short; it was read from what remains"))
        }
        if workload != nil, context.index.has(.subnets), context.index.has(.routeTables), context.index.has(.vpcEndpoints) {
            evidence.append(Evidence("", "routes and endpoints in the snapshot show a path; "
                                     + "the block is in a later hop (security groups, network ACLs, DNS) or outside the snapshot"))
        }
        var steps = Self.candidates(target)
        var missing = Self.missingEvidence(first, workload: workload, region: target.region, context: context)
        // Only retries are known (the reason was cut off): a denial ends the same way, and CloudTrail tells them apart.
        if first.facts.truncated, let call = Self.readingCall(target) {
            steps.append(Self.deniedAlternative(call))
            missing.insert(Self.cloudTrailCheck(call, region: target.region), at: 0)
        }
        return Self.description.finding(
            title: Self.title(target), basis: .symptomText, explains: symptoms,
            resources: (target.host.map { [.host($0)] } ?? []) + symptoms.flatMap(\.resourceList),
            evidence: evidence,
            fix: Fix(summary: "Give the task a network path to \(target.name) on TCP \(target.port): find which hop blocks it with the commands below",
                     steps: steps),
            missingEvidence: missing)
    }
}

// MARK: Messages and fixes

extension AWSServiceUnreachableRule {
    /// What the message says could not be reached.
    struct Target {
        var service: String?
        var region: String?
        var isAWS: Bool
        var host: String?

        init(_ symptom: Symptom, region: String?) {
            service = symptom.facts.service
            self.region = region
            isAWS = service.map { !$0.contains(".io") && $0 != "docker.io" && !$0.contains(".com") } ?? true
            let regionPart = region ?? "<region>"
            host = symptom.facts.host ?? service.flatMap { service in
                guard isAWS else { return service }
                return service == "elasticfilesystem" ? nil : "\(service).\(regionPart).amazonaws.com"
            }
        }

        var name: String { service.map { isAWS ? AWSEndpointName.displayName($0) : $0 } ?? "an AWS service" }
        var isFileSystem: Bool { service == "elasticfilesystem" }
        var port: Int { isFileSystem ? 2049 : 443 }
    }

    static func title(_ target: Target) -> String {
        var title = "Task could not reach \(target.name)"
        if let region = target.region, target.isAWS { title += " in \(region)" }
        if let host = target.host { title += " (\(host))" }
        return title + ": network timeout"
    }

    /// The API call the task's execution role makes to the service at start-up, for the services whose
    /// retrieval Fargate wraps in "service call has been retried N time(s)".
    static func readingCall(_ target: Target) -> (service: String, action: String)? {
        switch target.service {
        case "secretsmanager": ("secretsmanager", "GetSecretValue")
        case "ssm": ("ssm", "GetParameters")
        case "ecr.api": ("ecr", "GetAuthorizationToken")
        default: nil
        }
    }

    static func deniedAlternative(_ call: (service: String, action: String)) -> String {
        "The reason was cut off after the retries, and a denial ends the same way: the execution role may lack \(call.service):\(call.action) "
            + "(or kms:Decrypt on the key). CloudTrail tells them apart: a denied call is recorded with its errorCode, a call that never "
            + "reached the service is not recorded at all."
    }

    static func cloudTrailCheck(_ call: (service: String, action: String), region: String?) -> MissingEvidence {
        MissingEvidence(why: "whether the task's \(call.action) calls reached the service: AccessDenied means permissions, no event means the network",
                        command: "aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=\(call.action) --max-items 20"
                            + (region.map { " --region \($0)" } ?? ""))
    }

    /// The usual causes, most common first.
    static func candidates(_ target: Target) -> [String] {
        if target.isFileSystem {
            return ["No EFS mount target in the task's Availability Zone, or the mount target's security group does not allow NFS (TCP 2049) from the task.",
                    "The task security group blocks egress on 2049, or a network ACL blocks it.",
                    "VPC DNS support or DNS hostnames is off, so the file system's DNS name does not resolve."]
        }
        let name = target.name
        var candidates = ["The subnet has no route out: no NAT gateway, no internet gateway (with assignPublicIp ENABLED), and no VPC endpoint for \(name)."]
        if target.isAWS {
            candidates.append("A VPC endpoint for \(name) exists but its security group does not allow TCP 443 from the task, or its private DNS is off.")
            if ["ecr.api", "ecr.dkr", "s3"].contains(target.service ?? "") {
                candidates.append("ECR needs three endpoints: ecr.api, ecr.dkr and an S3 gateway endpoint on the task subnet's route table "
                                  + "(image layers come from S3).")
            }
        } else {
            candidates.append("\(name) is on the internet: no VPC endpoint can serve it; the task needs a NAT gateway route (private subnet) "
                              + "or a public IP and an internet gateway route.")
        }
        candidates.append("The task security group does not allow egress on 443 (to 0.0.0.0/0, the endpoint's security group or the S3 prefix list).")
        candidates.append("A network ACL on the task subnet denies outbound 443 or inbound ephemeral ports 1024-65535.")
        candidates.append("The default route points at a NAT gateway that is deleted, failed, private, or sits in a subnet without an internet gateway route.")
        return candidates
    }

    /// The commands that would show each hop, with the input's own ids. Where the input names no subnet (a pasted
    /// message), the first command reads it from the task into `$subnet` and the next its VPC into `$vpc`, so the
    /// sequence runs top to bottom once the cluster and task id are filled in.
    static func missingEvidence(_ symptom: Symptom, workload: Workload?, region: String?, context: AnalysisContext) -> [MissingEvidence] {
        let index = context.index
        let regionArgument = region.map { " --region \($0)" } ?? ""
        var missing: [MissingEvidence] = []
        let subnets = workload?.subnetIds ?? []
        let subnetList: String
        let subnetWords: String
        if subnets.isEmpty {
            let cluster = workload.map { ShellWord.quoted($0.clusterName) } ?? "<cluster>"
            let taskId = symptom.resource.map { ShellWord.quoted(ARN.lastComponent($0)) } ?? "<task-id>"
            missing.append(MissingEvidence(
                why: "the task's subnet, from its ENI attachment; the commands below read it as $subnet",
                command: "subnet=$(aws ecs describe-tasks --cluster \(cluster) --tasks \(taskId)\(regionArgument) "
                    + "--query \"tasks[0].attachments[].details[] | [?name=='subnetId'].value | [0]\" --output text)"))
            subnetList = "\"$subnet\""
            subnetWords = "\"$subnet\""
        } else {
            subnetList = subnets.joined(separator: ",")
            subnetWords = subnets.joined(separator: " ")
        }
        if !index.has(.subnets) || !index.has(.routeTables) {
            missing.append(MissingEvidence(why: "the subnet's route table decides between NAT, internet gateway and endpoints",
                                           command: "aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=\(subnetList)\(regionArgument)  "
                                               + "# none: the VPC's main table applies"))
        }
        let needsVpc = !index.has(.vpcEndpoints) || !index.has(.natGateways)
        var vpcWord = subnets.lazy.compactMap { index.subnet($0)?.vpcId }.first
        if vpcWord == nil, needsVpc {
            missing.append(MissingEvidence(why: "the subnet's VPC; the commands below read it as $vpc",
                                           command: "vpc=$(aws ec2 describe-subnets --subnet-ids \(subnetWords)\(regionArgument) "
                                               + "--query 'Subnets[0].VpcId' --output text)"))
            vpcWord = "\"$vpc\""
        } else if !index.has(.subnets) {
            missing.append(MissingEvidence(why: "the subnet's VPC and Availability Zone",
                                           command: "aws ec2 describe-subnets --subnet-ids \(subnetWords)\(regionArgument)"))
        }
        let vpc = vpcWord ?? "<vpc-id>"
        if !index.has(.vpcEndpoints) {
            missing.append(MissingEvidence(why: "which VPC endpoints exist, their security groups and private DNS",
                                           command: "aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=\(vpc)\(regionArgument)"))
        }
        if !index.has(.natGateways) {
            missing.append(MissingEvidence(why: "whether a NAT gateway is available and public",
                                           command: "aws ec2 describe-nat-gateways --filter Name=vpc-id,Values=\(vpc)\(regionArgument)"))
        }
        if !index.has(.securityGroups) {
            let groups = workload?.securityGroupIds ?? []
            let groupWords = groups.isEmpty ? "<task-sg-id>" : groups.joined(separator: " ")
            let source = groups.isEmpty ? "; its ids are in the service's networkConfiguration (aws ecs describe-services)" : ""
            missing.append(MissingEvidence(why: "the task security group's egress rules" + source,
                                           command: "aws ec2 describe-security-groups --group-ids \(groupWords)\(regionArgument)"))
        }
        if !index.has(.networkAcls) {
            missing.append(MissingEvidence(why: "network ACL rules of the task subnet",
                                           command: "aws ec2 describe-network-acls --filters Name=association.subnet-id,Values=\(subnetList)\(regionArgument)"))
        }
        return missing
    }
}
