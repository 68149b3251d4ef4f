/// ECS, or a service it calls for the task (EC2 for security groups and
/// subnets), throttled the request ("Request limit exceeded", ThrottlingException).
struct APIThrottledRule: Rule {
    static let description = RuleDescription(
        id: "api-throttled", title: "API requests throttled", category: .service, severity: .medium,
        explains: [.apiThrottled],
        examples: [
            .triggers("security group lookup throttled", "An error occurred (InvalidParameterException) when calling the RunTask operation: Error retrieving security group information for [sg-05937427457b61ff5]: Request limit exceeded. (ErrorCode: RequestLimitExceeded)",
                      resources: [""], confidence: .likely),
            .quiet("access denied is not throttling", "AccessDeniedException: User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: ecs:RunTask"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, _ in
            NamedCauseDetail(title: Self.title, resources: symptom.resourceList, fix: Self.fix)
        }
    }
}

// MARK: Messages and fixes

extension APIThrottledRule {
    static let title = "AWS throttled the request (too many API calls in the account and region)"

    /// Nothing to change in the deployment itself: the fix is in the callers' rate.
    static let fix = Fix(
        summary: "Retry with backoff and spread the calls: fewer concurrent deployments and RunTask bursts",
        steps: ["EC2 Describe* limits are shared by everything in the account and region (ECS looks up security groups and subnets for each task).",
                "Batch RunTask (count up to 10) instead of many single calls, stagger deployments, and use exponential backoff "
                    + "(AWS_RETRY_MODE=adaptive for the CLI).",
                "Check CloudTrail for the caller that consumes the quota."])
}
