/// awsvpc tasks on EC2 need an ENI each; the instance has no ENI left.
struct ENILimitReachedRule: Rule {
    static let description = RuleDescription(
        id: "eni-limit-reached", title: "No ENI left on the container instances (awsvpc on EC2)", category: .capacity,
        severity: .critical, explains: [.eniLimitReached],
        examples: [
            .triggers("RESOURCE:ENI", "service qa-web-app-service was unable to place a task because no container instance met all of its requirements. The closest matching container-instance ... encountered error \"RESOURCE:ENI\". For more information, see the Troubleshooting section.",
                      resources: ["ENI"], confidence: .likely),
            .quiet("CPU shortage is another rule's", "has insufficient CPU units available."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, _ in
            let types = Set(context.snapshot.instances.compactMap(\.instanceType)).sorted()
            return NamedCauseDetail(
                title: "The container instances have no free network interface for another awsvpc task",
                resources: ["ENI"] + symptom.resourceList,
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
