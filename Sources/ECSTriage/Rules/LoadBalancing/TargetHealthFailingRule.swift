/// Unhealthy targets or ELB health-check kills no cause rule explains: rank
/// the candidate causes by the ELB reason code and say what would decide.
/// ResponseCodeMismatch: the application answers, so the path, the matcher
/// or the application itself; Timeout: nothing answers in time, so the
/// security groups, the port, or an application not listening; otherwise
/// (FailedHealthChecks) the application, then the network.
struct TargetHealthFailingRule: Rule {
    static let description = RuleDescription(
        id: "target-health-failing", title: "Load balancer health checks are failing", category: .loadBalancing,
        kind: .symptom, severity: .high, explains: [.targetUnhealthy],
        examples: [
            .triggers("unhealthy event, generic reason", "(service corpdirectory-test-rasaos-Service-T8qsKYiLhGmT) (port 5005) is unhealthy in (target-group arn:aws:elasticloadbalancing:ap-south-1:377727317375:targetgroup/corpd-Targe-12YF9HTH1OJGJ/e938d1c7734d02a2) due to (reason Health checks failed).",
                      resources: ["arn:aws:elasticloadbalancing:ap-south-1:377727317375:targetgroup/corpd-Targe-12YF9HTH1OJGJ/e938d1c7734d02a2"]),
            .triggers("500 from the targets", #""Reason": "Target.ResponseCodeMismatch", "Description": "Health checks failed with these codes: [500]""#,
                      resources: [""]),
            .triggers("request timed out on an EC2 instance", "service example-service (instance i-016b0a460d9974567) (port 1047) is unhealthy in target-group example-service due to (reason Request timed out)",
                      resources: [""]),
            .quiet("a steady service", "(service web) has reached a steady state."),
            .quiet("an old 302 the current matcher accepts", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", events: [
                    "(service web) (port 8080) is unhealthy in (target-group \(Fixture.targetGroupArn("web-tg"))) due to (reason Health checks failed with these codes: [302])."])),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", matcher: "200-399")),
                Fixture.targetHealth("web-tg", state: "healthy"))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let groups = context.unexplainedSymptoms(of: [.targetUnhealthy]).grouped { $0.facts.targetGroupArn ?? $0.resource ?? "" }
        return groups.compactMap { key, symptoms in
            let group = context.index.targetGroup(key)
            let codes = Array(Set(symptoms.flatMap(\.facts.httpCodes))).sorted()
            // Codes the current matcher accepts cannot fail the check any more: the events are from before a fix.
            if let group, !codes.isEmpty, codes.allSatisfy(HTTPCodeMatcher(of: group).accepts),
               !context.index.targetHealth(of: key).contains(where: \.isUnhealthy) {
                return nil
            }
            let reasons = symptoms.compactMap(\.facts.healthReason)
            let answered = reasons.contains("Target.ResponseCodeMismatch") || !codes.isEmpty
            let target = context.index.serviceTargets.first { $0.targetGroupArn == key }
            let workload = target?.workload ?? context.index.workloads(attachedTo: key).first
            return Self.description.finding(
                title: "Targets of \(Self.groupName(key, group)) fail health checks\(reasons.first.map { " (\($0))" } ?? "")",
                basis: .symptomText, explains: symptoms,
                resources: ResourceID.inferred([key]) + symptoms.flatMap(\.resourceList),
                evidence: context.observedEvidence(symptoms) + (group.map { [Self.checkEvidence($0)] } ?? [])
                    + Self.metricEvidence(key, group: group, workload: workload, context),
                fix: Fix(summary: "Find why the targets fail the check; the likely causes, most likely first, are below",
                         steps: answered ? Self.answeredCauses(codes, group: group)
                             : reasons.contains("Target.Timeout") ? Self.timeoutCauses : Self.silentCauses),
                missingEvidence: Self.questions(key: key, group: group, target: target, workload: workload, answered: answered, context))
        }
    }
}

// MARK: Messages and fixes

extension TargetHealthFailingRule {
    /// The group's name, from the snapshot, its ARN, or the key itself (a name from a message).
    static func groupName(_ key: String, _ group: TargetGroup?) -> String {
        group?.name ?? (key.contains(":targetgroup/") ? ARN.targetGroupName(key) : (key.isEmpty ? "the target group" : key))
    }

    /// The group's 5XX responses and unhealthy hosts, and a service CPU at its limit (checks that time out under load).
    static func metricEvidence(_ key: String, group: TargetGroup?, workload: Workload?, _ context: AnalysisContext) -> [Evidence] {
        let groupEvidence = key.contains(":targetgroup/") ? MetricEvidence.targetGroup(key, name: groupName(key, group), context.index) : []
        return groupEvidence + (MetricEvidence.sustainedCPU(workload, context.index).map { [$0] } ?? [])
    }

    static func checkEvidence(_ group: TargetGroup) -> Evidence {
        Evidence(group.location, "health check \(group.healthCheckProtocol ?? "HTTP") \(group.healthCheckPath ?? "/") "
                 + "on \(group.healthCheckPort ?? "traffic-port"), "
                 + "matcher \(HTTPCodeMatcher(of: group).text)")
    }

    static func answeredCauses(_ codes: [Int], group: TargetGroup?) -> [String] {
        let matcher = group.map { HTTPCodeMatcher(of: $0).text } ?? "Matcher.HttpCode"
        let codeText = codes.map(String.init).joined(separator: ", ")
        let answer = "The targets answer \(codeText.isEmpty ? "an unexpected code" : codeText): " + codeHint(codes)
        let path = "The health check path is not one the application serves: a trailing-slash difference gives 301/308, a wrong path 404 "
            + "(health-check-path-mismatch)."
        let matcherText = "The matcher (\(matcher)) does not include the code a healthy application returns, e.g. 302 to a login page, 401, 403 "
            + "(health-check-matcher-mismatch)."
        // For 5xx the first line already says it is the application.
        return codes.contains(where: { $0 >= 500 }) ? [answer, path, matcherText]
            : [answer, path, matcherText, "The application fails while handling the check (5xx): its logs show why."]
    }

    static let timeoutCauses = [
        "The targets' security group does not admit the load balancer's security group on the container port, so the check times out (lb-sg-blocks-task-port).",
        "The health check port is not the port the application listens on, or the application binds 127.0.0.1 instead of 0.0.0.0 (health-check-port-mismatch).",
        "The application is too slow to answer within the health check timeout, or still starting: raise healthCheckGracePeriodSeconds "
            + "(health-check-grace-period-too-short).",
    ]

    static let silentCauses = [
        "The application is not answering on the health check port: crashed, still starting, or listening elsewhere; its logs show which.",
        "The targets' security group or a network ACL blocks the load balancer on the container port (lb-sg-blocks-task-port).",
        "The health check path, port or matcher does not match the application; the target health Description names the HTTP code when there is one.",
    ]

    static func codeHint(_ codes: [Int]) -> String {
        if codes.contains(where: { [301, 308].contains($0) }) { return "a permanent redirect, usually the health check path with or without a trailing slash." }
        if codes.contains(302) { return "a redirect, often to a login page: check an unauthenticated path, or add 302 to the matcher." }
        if codes.contains(404) { return "the path does not exist in the application." }
        if codes.contains(where: { $0 == 401 || $0 == 403 }) { return "the path requires authentication." }
        if codes.contains(where: { $0 >= 500 }) { return "the application fails while handling the check: see its logs." }
        return "see the application's routes for the health check path."
    }

    /// What would decide between the causes, for the values the input holds.
    static func questions(key: String, group: TargetGroup?, target: ServiceTarget?, workload: Workload?, answered: Bool,
                          _ context: AnalysisContext) -> [MissingEvidence] {
        var questions: [MissingEvidence] = []
        // A name from a message (`target-group web-tg`) selects the group as well as its ARN.
        let selector = key.hasPrefix("arn:") ? "--target-group-arns \(key)" : (key.isEmpty ? nil : "--names \(ShellWord.quoted(key))")
        if !context.index.has(.targetHealth), key.hasPrefix("arn:") {
            questions.append(MissingEvidence(why: "the reason code (ResponseCodeMismatch, Timeout, FailedHealthChecks) and HTTP codes of each target decide "
                                             + "between the causes", command: "aws elbv2 describe-target-health --target-group-arn \(key)"))
        }
        if group == nil, let selector {
            questions.append(MissingEvidence(why: "the health check path, port, matcher and target type",
                                             command: "aws elbv2 describe-target-groups \(selector)"))
        }
        if !context.index.has(.taskDefinitions), let definition = workload?.taskDefinition?.familyRevision
            ?? workload?.service?.taskDefinition.map(ARN.lastComponent) {
            questions.append(MissingEvidence(why: "the container port and the container's own health check path",
                                             command: "aws ecs describe-task-definition --task-definition \(definition)"))
        }
        // A target that answers with a code was reached: the network is not in question.
        if !answered, let target { questions += target.securityGroupQuestions(context) }
        if let container = workload?.taskDefinition?.containerDefinitions.first(where: { $0.logDriver == "awslogs" && $0.logOption("awslogs-group") != nil }),
           let logGroup = container.logOption("awslogs-group") {
            let region = container.logOption("awslogs-region") ?? context.region
            questions.append(LogQuestion.lastHour(logGroup: logGroup, region: region,
                                                  why: "the application's log shows whether it started and how it answered the check"))
        }
        return questions
    }
}
