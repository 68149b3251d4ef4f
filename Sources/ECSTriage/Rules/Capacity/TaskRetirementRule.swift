/// AWS retires Fargate tasks on old platform revisions (patching).
struct TaskRetirementRule: Rule {
    static let description = RuleDescription(
        id: "task-retirement", title: "Task retired for Fargate platform maintenance", category: .capacity,
        severity: .info, explains: [.taskRetirement],
        examples: [
            .triggers("AWS Health event", "AWS Health event AWS_ECS_TASK_PATCHING_RETIREMENT: tasks on previous platform version revision will be retired starting at the scheduled time",
                      resources: [""], confidence: .likely),
            .quiet("spot is another rule's", "Your Spot Task was interrupted."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, _ in
            NamedCauseDetail(
                title: "AWS is retiring tasks that run on an old Fargate platform revision",
                resources: symptom.resourceList,
                fix: Fix(summary: "Nothing is broken: services replace retired tasks; redeploy before the date to choose the moment",
                         steps: ["Services start replacement tasks automatically; standalone tasks are just stopped: restart them.",
                                 "Force a new deployment ahead of the retirement date to control when it happens.",
                                 "Adjust the Fargate task retirement wait time (account setting fargateTaskRetirementWaitPeriod) if needed."],
                         commands: ["aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment"]))
        }
    }
}
