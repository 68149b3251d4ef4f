/// The awslogs log group does not exist and the task may not create it.
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
        for workload in context.index.workloads {
            for container in workload.taskDefinition?.containerDefinitions ?? [] where container.logDriver == "awslogs" {
                guard let group = container.logOption("awslogs-group"), context.index.has(.logGroups),
                      !context.index.logGroupExists(group), container.logOption("awslogs-create-group")?.lowercased() != "true" else { continue }
                let symptoms = context.symptoms(of: [.logGroupMissing], on: workload)
                claimed.formUnion(symptoms.map(\.id))
                findings.append(finding(group: group, region: container.logOption("awslogs-region") ?? context.region, symptoms: symptoms,
                                        evidence: [Evidence(container.logConfigurationLocation ?? container.location, "container \(container.name) logs to \(group) without awslogs-create-group"),
                                                   Evidence("", "\(group) is not among the snapshot's log groups")],
                                        resources: [.logGroup(group), workload.resource], confirmed: !symptoms.isEmpty))
            }
        }
        for symptom in context.symptoms(of: [.logGroupMissing]) where !claimed.contains(symptom.id) {
            let container = context.index.workload(for: symptom.resource)?.taskDefinition?.containerDefinitions.first { $0.logDriver == "awslogs" }
            let group = container?.logOption("awslogs-group")
            findings.append(finding(group: group ?? "<log-group>", region: container?.logOption("awslogs-region") ?? context.region,
                                    symptoms: [symptom], evidence: [], resources: (group.map { [.logGroup($0)] } ?? []) + symptom.resourceList, confirmed: false))
        }
        return findings
    }

    private func finding(group: String, region: String, symptoms: [Symptom], evidence: [Evidence], resources: [ResourceID], confirmed: Bool) -> Finding {
        Self.description.finding(
            title: "The log group \(group) does not exist, so the awslogs driver cannot create the task's stream",
            basis: confirmed ? .configuration : .symptomText, explains: symptoms, resources: resources,
            evidence: symptoms.map(\.evidence) + evidence,
            fix: Fix(summary: "Create \(group) in \(region), or set awslogs-create-group to \"true\" (and allow logs:CreateLogGroup)",
                     steps: ["Create the log group (with a retention policy), in the region named by awslogs-region.",
                             "Or add \"awslogs-create-group\": \"true\" to the log options; the execution role then needs logs:CreateLogGroup."],
                     commands: ["aws logs create-log-group --log-group-name \(group) --region \(region)",
                                "aws logs put-retention-policy --log-group-name \(group) --retention-in-days 30 --region \(region)"],
                     terraform: "resource \"aws_cloudwatch_log_group\" \"app\" {\n  name              = \"\(group)\"\n  retention_in_days = 30\n}"),
            missingEvidence: confirmed ? [] : [MissingEvidence(why: "whether the group exists in that region", command: "aws logs describe-log-groups --log-group-name-prefix \(group) --region \(region)")])
    }
}
