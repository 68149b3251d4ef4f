/// The awslogs log group does not exist and the task may not create it.
/// Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
/// (without `awslogs-create-group` the group must exist before the task starts).
struct LogGroupMissingRule: Rule {
    static let description = RuleDescription(
        id: "log-group-missing", title: "awslogs log group does not exist", category: .dependencies, severity: .critical,
        explains: [.logGroupMissing], needs: [.taskDefinitions, .logGroups],
        examples: [
            .triggers("ResourceNotFoundException", "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1",
                      resources: [""], confidence: .likely),
            .triggers("group absent from describe-log-groups", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                #""logGroups": [{"logGroupName": "/ecs/other", "arn": "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/other:*"}]"#),
                resources: ["/ecs/web"], confidence: .likely),
            .quiet("group exists", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                #""logGroups": [{"logGroupName": "/ecs/web"}]"#)),
            .quiet("2024 CloudWatch wording is a network failure", "ResourceInitializationError: failed to validate logger args: The task cannot find the Amazon CloudWatch log group defined in the task definition. There is a connection issue between the task and Amazon CloudWatch. Check your network configuration. : signal: killed"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
        for workload in context.index.workloads where context.index.has(.logGroups) {
            for container in workload.taskDefinition?.containerDefinitions ?? [] where container.logDriver == "awslogs" {
                guard let group = container.logOption("awslogs-group"), !context.index.logGroupExists(group),
                      container.logOption("awslogs-create-group")?.lowercased() != "true" else { continue }
                let symptoms = context.symptoms(of: [.logGroupMissing], on: workload)
                claimed.formUnion(symptoms.map(\.id))
                let region = container.logOption("awslogs-region") ?? context.index.region
                findings.append(Self.description.finding(
                    title: Self.title(group), explains: symptoms, resources: [.logGroup(group), workload.resource],
                    evidence: symptoms.map(\.evidence) + [Self.containerEvidence(container, group), Self.absentEvidence(group)],
                    fix: Self.fix(group: group, region: region)))
            }
        }
        for symptom in context.symptoms(of: [.logGroupMissing]) where !claimed.contains(symptom.id) {
            let workload = context.index.workload(for: symptom.resource)
            let container = workload?.taskDefinition?.containerDefinitions.first { $0.logDriver == "awslogs" && $0.logOption("awslogs-group") != nil }
            let group = container?.logOption("awslogs-group")
            let region = container?.logOption("awslogs-region") ?? context.index.region
            findings.append(Self.description.finding(
                title: Self.title(group ?? "of the task definition"), basis: .symptomText, explains: [symptom],
                resources: (group.map { [.logGroup($0)] } ?? []) + symptom.resourceList, evidence: [symptom.evidence],
                fix: Self.fix(group: group, region: region),
                missingEvidence: group.map { [Self.existence($0, region: region)] } ?? [Self.whichGroup(workload)]))
        }
        return findings
    }
}

// MARK: Messages and fixes

extension LogGroupMissingRule {
    static func title(_ group: String) -> String {
        "The log group \(group) does not exist, so the awslogs driver cannot create the task's stream"
    }

    static func containerEvidence(_ container: ContainerDefinition, _ group: String) -> Evidence {
        Evidence(container.logConfigurationLocation ?? container.location, "container \(container.name) logs to \(group) without awslogs-create-group")
    }

    static func absentEvidence(_ group: String) -> Evidence {
        Evidence("", "\(group) is not among the snapshot's log groups (describe-log-groups)")
    }

    /// ` --region us-east-1`, or nothing when the input does not say (the CLI's default region applies).
    static func regionOption(_ region: String?) -> String {
        region.map { " --region \(ShellWord.quoted($0))" } ?? ""
    }

    static func fix(group: String?, region: String?) -> Fix {
        let name = group.map(ShellWord.quoted) ?? "<log-group>"
        return Fix(summary: "Create \(group ?? "the log group")\(region.map { " in \($0)" } ?? ""), or set awslogs-create-group to \"true\" (and allow logs:CreateLogGroup)",
                   steps: ["Create the log group (with a retention policy), in the region named by awslogs-region.",
                           "Or add \"awslogs-create-group\": \"true\" to the log options; the execution role then needs logs:CreateLogGroup."],
                   commands: ["aws logs create-log-group --log-group-name \(name)\(regionOption(region))",
                              "aws logs put-retention-policy --log-group-name \(name) --retention-in-days 30\(regionOption(region))"],
                   terraform: "resource \"aws_cloudwatch_log_group\" \"\(TerraformName.label(group ?? "app"))\" {\n"
                       + "  name              = \(group.map(TerraformName.string) ?? "\"<log-group>\"")\n  retention_in_days = 30\n}")
    }

    static func existence(_ group: String, region: String?) -> MissingEvidence {
        MissingEvidence(why: "whether the group exists in that region",
                        command: "aws logs describe-log-groups --log-group-name-prefix \(ShellWord.quoted(group))\(regionOption(region))")
    }

    /// The group the definition names, when the message alone does not.
    static func whichGroup(_ workload: Workload?) -> MissingEvidence {
        MissingEvidence(why: "the log group and region the task definition names",
                        command: "aws ecs describe-task-definition --task-definition \(TaskDefinitionReference.argument(workload)) "
                            + "--query 'taskDefinition.containerDefinitions[].logConfiguration.options'")
    }
}
