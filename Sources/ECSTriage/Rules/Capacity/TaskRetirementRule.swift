/// AWS retires Fargate tasks on old platform revisions (patching); services
/// replace them, standalone tasks are only stopped.
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
        Self.description.namedCauseFindings(context) { symptom, workload in
            let target = ServiceCoordinates(workload, symptom: symptom, index: context.index)
            let standalone = workload != nil && workload?.service == nil
            return NamedCauseDetail(
                title: Self.title, resources: symptom.resourceList,
                fix: Self.fix(standalone ? nil : ServiceUpdate(target: target, changes: [.forceNewDeployment])),
                missingEvidence: standalone ? [] : target.missingEvidence)
        }
    }
}

// MARK: Messages and fixes

extension TaskRetirementRule {
    static let title = "AWS is retiring tasks that run on an old Fargate platform revision"

    /// `redeploy`: the service to roll ahead of the retirement date; nil for a standalone task.
    static func fix(_ redeploy: ServiceUpdate?) -> Fix {
        Fix(summary: "Nothing is broken: services replace retired tasks; redeploy before the date to choose the moment",
            steps: ["Services start replacement tasks automatically; standalone tasks are just stopped: restart them.",
                    "Force a new deployment ahead of the retirement date to control when it happens.",
                    "Adjust the Fargate task retirement wait time (account setting fargateTaskRetirementWaitPeriod) if needed."],
            commands: redeploy.map { [$0.command] } ?? [])
    }
}
