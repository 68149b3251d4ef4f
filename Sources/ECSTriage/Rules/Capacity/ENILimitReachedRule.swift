/// awsvpc tasks on EC2 need an ENI each; the instance has no ENI left.
struct ENILimitReachedRule: Rule {
    static let description = RuleDescription(
        id: "eni-limit-reached", title: "No ENI left on the container instances (awsvpc on EC2)", category: .capacity,
        severity: .critical, explains: [.eniLimitReached],
        examples: [
            .triggers("RESOURCE:ENI", "service qa-web-app-service was unable to place a task because no container instance met all of its requirements. The closest matching container-instance ... encountered error \"RESOURCE:ENI\". For more information, see the Troubleshooting section.",
                      resources: [""], confidence: .likely),
            .quiet("CPU shortage is another rule's", "has insufficient CPU units available."),
        ])

    /// Network interfaces per instance for common container-instance types
    /// (EC2 documentation); one is the instance's own, the rest can hold awsvpc tasks.
    static let networkInterfaces: [String: Int] = [
        "t3.micro": 2, "t3.small": 3, "t3.medium": 3, "t3.large": 3, "t3.xlarge": 4, "t3.2xlarge": 4,
        "t3a.micro": 2, "t3a.small": 2, "t3a.medium": 3, "t3a.large": 3, "t3a.xlarge": 4, "t3a.2xlarge": 4,
        "m5.large": 3, "m5.xlarge": 4, "m5.2xlarge": 4, "m5.4xlarge": 8, "m5.8xlarge": 8, "m5.12xlarge": 8,
        "m6i.large": 3, "m6i.xlarge": 4, "m6i.2xlarge": 4, "m6i.4xlarge": 8,
        "c5.large": 3, "c5.xlarge": 4, "c5.2xlarge": 4, "c5.4xlarge": 8,
        "c6i.large": 3, "c6i.xlarge": 4, "c6i.2xlarge": 4, "c6i.4xlarge": 8,
        "r5.large": 3, "r5.xlarge": 4, "r5.2xlarge": 4, "r5.4xlarge": 8,
        "m6g.large": 3, "m6g.xlarge": 4, "c6g.large": 3, "c6g.xlarge": 4, "r6g.large": 3, "r6g.xlarge": 4,
    ]

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let runningByInstance = Dictionary(context.index.containerInstances.compactMap { instance in
            instance.ec2InstanceId.map { ($0, instance.runningTasksCount) }
        }, uniquingKeysWith: { first, _ in first })
        return Self.description.namedCauseFindings(context) { symptom, _ in
            let types = Set(context.index.instances.compactMap(\.instanceType)).sorted()
            var evidence: [Evidence] = []
            for instance in context.index.instances {
                guard let type = instance.instanceType, let enis = Self.networkInterfaces[type] else { continue }
                let running = runningByInstance[instance.instanceId] ?? nil
                evidence.append(Evidence(instance.location, "\(instance.instanceId) is a \(type): \(enis) network interfaces, so at most \(enis - 1) awsvpc tasks without ENI trunking\(running.map { "; it runs \($0) task(s)" } ?? "")"))
            }
            return NamedCauseDetail(
                title: "The container instances have no free network interface for another awsvpc task",
                resources: symptom.resourceList, confirmingEvidence: evidence,
                fix: Fix(summary: "Turn on ENI trunking (awsvpcTrunking) and replace the instances, use larger instance types, or run on Fargate",
                         steps: ["Each awsvpc task on EC2 takes one ENI; the primary ENI of the instance is not available to tasks\(types.isEmpty ? "" : " (instance types here: \(types.joined(separator: ", ")))").",
                                 "ENI trunking raises the per-instance task limit on supported (Nitro) instance types; it must be on for the instance role's principal (account default or --principal-arn) and applies to instances launched after it is turned on.",
                                 "Alternatively use the bridge network mode with dynamic ports, or Fargate."],
                         commands: ["aws ecs put-account-setting-default --name awsvpcTrunking --value enabled  # or put-account-setting --principal-arn <instance-role-arn>",
                                    "aws ec2 describe-instance-types --instance-types <type> --query 'InstanceTypes[].NetworkInfo.MaximumNetworkInterfaces'"]),
                missingEvidence: types.isEmpty ? [MissingEvidence(why: "the instance types decide the ENI limit", command: "aws ec2 describe-instances --instance-ids <container-instance-ec2-ids> --query 'Reservations[].Instances[].InstanceType'")] : [])
        }
    }
}
