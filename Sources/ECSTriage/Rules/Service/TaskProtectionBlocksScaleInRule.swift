/// More tasks are scale-in protected than the desired count allows ("The
/// number of protected tasks are more than the desired count of tasks").
struct TaskProtectionBlocksScaleInRule: Rule {
    static let description = RuleDescription(
        id: "task-protection-blocks-scale-in", title: "Protected tasks block scale-in", category: .service,
        severity: .medium, explains: [.taskProtectionBlocksScaleIn],
        examples: [
            .triggers("service event", "service (service-name) was unable to reach steady state because task set (taskSet-ID) was unable to scale in. Reason: The number of protected tasks are more than the desired count of tasks.",
                      resources: [""], confidence: .likely),
            .quiet("unrelated", "(service web) has reached a steady state."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let target = ServiceCoordinates(workload, symptom: symptom, index: context.index)
            return NamedCauseDetail(title: Self.title, resources: symptom.resourceList, fix: Self.fix(target),
                                    missingEvidence: target.missingEvidence + [Self.finishedTasksMissing(target)])
        }
    }
}

// MARK: Messages and fixes

extension TaskProtectionBlocksScaleInRule {
    static let title = "More tasks are scale-in protected than the desired count, so the service cannot scale in"

    /// The service's running tasks, as `--tasks` arguments (at most 100 per call: ECS's limit for both task-protection calls).
    static func runningTasks(_ target: ServiceCoordinates) -> String {
        "$(aws ecs list-tasks --cluster \(target.clusterWord) --service-name \(target.serviceWord) --desired-status RUNNING --max-items 100 "
            + "--query taskArns --output text)"
    }

    static func fix(_ target: ServiceCoordinates) -> Fix {
        Fix(summary: "Let protection expire or remove it from tasks that finished their work",
            steps: ["Tasks set protection themselves through the ECS agent endpoint ($ECS_AGENT_URI/task-protection/v1/state) or UpdateTaskProtection.",
                    "Make sure the application turns protection off when its work is done, with an expiresInMinutes as a safety net.",
                    "Remove it only from tasks whose work is finished: the others would be stopped mid-work."],
            commands: ["aws ecs get-task-protection --cluster \(target.clusterWord) --tasks \(runningTasks(target))",
                       "aws ecs update-task-protection --cluster \(target.clusterWord) --tasks <finished-task-ids> --no-protection-enabled"])
    }

    static func finishedTasksMissing(_ target: ServiceCoordinates) -> MissingEvidence {
        MissingEvidence(why: "which protected tasks finished their work (for <finished-task-ids>): protected ones and when it expires",
                        command: "aws ecs get-task-protection --cluster \(target.clusterWord) --tasks \(runningTasks(target)) "
                            + "--query 'protectedTasks[?protectionEnabled].[taskArn,expirationDate]'")
    }
}
