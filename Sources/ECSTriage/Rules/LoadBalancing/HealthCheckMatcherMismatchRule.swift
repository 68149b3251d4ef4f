/// The targets answer the health check with a code `Matcher.HttpCode` does
/// not accept (a 302 to a login page, 401, 403, 204...) while the path is
/// right: the application is up, the matcher rejects its answer. Redirects
/// of a mistyped path (301/308) and 404 belong to health-check-path-mismatch;
/// 5xx is the application failing, which no matcher may accept.
struct HealthCheckMatcherMismatchRule: Rule {
    static let description = RuleDescription(
        id: "health-check-matcher-mismatch", title: "Targets answer a code the health check matcher does not accept",
        category: .loadBalancing, severity: .high, explains: [.targetUnhealthy],
        needs: [.services, .targetGroups, .targetHealth],
        examples: [
            .triggers("302 to a login page, matcher 200", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPath: "/")),
                Fixture.targetHealth("web-tg", reason: "Target.ResponseCodeMismatch", description: "Health checks failed with these codes: [302]")),
                resources: [Fixture.targetGroupArn("web-tg")], confidence: .confirmed),
            .triggers("401 from a service event, matcher 200-299", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", events: [
                    "(service web) (port 8080) is unhealthy in (target-group \(Fixture.targetGroupArn("web-tg"))) due to (reason Health checks failed with these codes: [401])."])),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", matcher: "200-299"))),
                resources: [Fixture.targetGroupArn("web-tg")], confidence: .confirmed),
            .quiet("matcher 200-399 accepts the 302", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", events: [
                    "(service web) (port 8080) is unhealthy in (target-group \(Fixture.targetGroupArn("web-tg"))) due to (reason Health checks failed with these codes: [302])."])),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", matcher: "200-399")),
                Fixture.targetHealth("web-tg", state: "healthy"))),
            .quiet("a 301 belongs to the path rule", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPath: "/health/")),
                Fixture.targetHealth("web-tg", reason: "Target.ResponseCodeMismatch", description: "Health checks failed with these codes: [301]"))),
            .quiet("a 500 is the application failing", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.targetHealth("web-tg", reason: "Target.ResponseCodeMismatch", description: "Health checks failed with these codes: [500]"))),
        ])

    /// Codes that point at the path, not the matcher (health-check-path-mismatch).
    static let pathCodes: Set<Int> = [301, 308, 404]

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<String>()
        for target in context.index.serviceTargets where seen.insert(target.targetGroupArn).inserted {
            guard let group = target.targetGroup, group.checksHTTP else { continue }
            let matcher = HTTPCodeMatcher(of: group)
            let symptoms = target.symptoms(of: [.targetUnhealthy], context).filter { symptom in
                symptom.facts.httpCodes.contains { Self.isMatcherCode($0) && !matcher.accepts($0) }
            }
            guard !symptoms.isEmpty, !pathRuleApplies(target, group: group) else { continue }
            let rejected = Set(symptoms.flatMap(\.facts.httpCodes)).filter { Self.isMatcherCode($0) && !matcher.accepts($0) }.sorted()
            // The kills and code-less events of the same targets are the same failure.
            let explained = (symptoms + target.unansweredChecks(context, reasons: ["Target.ResponseCodeMismatch"])).uniquedInOrder
            let change = TargetGroupHealthCheckChange(group: group, matcher: matcher.adding(rejected))
            findings.append(Self.description.finding(
                title: Self.title(group, rejected: rejected, matcher: matcher),
                explains: explained,
                resources: [.arn(target.targetGroupArn), target.workload.resource],
                evidence: context.observedEvidence(explained) + [Self.matcherEvidence(group, matcher: matcher)],
                fix: Self.fix(group, rejected: rejected, matcher: matcher, change: change)))
        }
        return findings
    }

    /// A code a matcher could accept that is not a path symptom: ALB matchers
    /// take 200-499. A 400 is the application refusing the checker's Host
    /// header (health-check-host-rejected): accepting it would hide every bad request.
    static func isMatcherCode(_ code: Int) -> Bool {
        (200...499).contains(code) && !pathCodes.contains(code) && code != 400
    }

    /// The container's own health path differs from the checked one only by
    /// a trailing slash: the redirect is the path's fault.
    private func pathRuleApplies(_ target: ServiceTarget, group: TargetGroup) -> Bool {
        let checked = group.healthCheckPath ?? "/"
        let containers = target.workload.taskDefinition?.containerDefinitions ?? []
        return containers.flatMap(HealthCheckPathMismatchRule.applicationPaths).contains {
            $0.path != checked && HealthCheckPathMismatchRule.trimSlash($0.path) == HealthCheckPathMismatchRule.trimSlash(checked)
        }
    }
}

// MARK: Messages and fixes

extension HealthCheckMatcherMismatchRule {
    static func codesText(_ codes: [Int]) -> String { codes.map(String.init).joined(separator: ", ") }

    static func title(_ group: TargetGroup, rejected: [Int], matcher: HTTPCodeMatcher) -> String {
        "Targets of \(group.name) answer \(codesText(rejected)), which Matcher.HttpCode \(matcher.text) rejects"
    }

    static func matcherEvidence(_ group: TargetGroup, matcher: HTTPCodeMatcher) -> Evidence {
        let isDefault = group.matcherHttpCode == nil
        return Evidence(group.location + (isDefault ? "" : "/Matcher/HttpCode"),
                        "health check \(group.healthCheckProtocol ?? "HTTP") \(group.healthCheckPath ?? "/"): Matcher.HttpCode \(matcher.text)"
                        + (isDefault ? " (the default)" : ""))
    }

    static func fix(_ group: TargetGroup, rejected: [Int], matcher: HTTPCodeMatcher, change: TargetGroupHealthCheckChange) -> Fix {
        let codes = codesText(rejected)
        let path = group.healthCheckPath ?? "/"
        let widened = change.matcher ?? matcher.text
        var steps = ["The application answers \(path) with \(codes) and the target group accepts only \(matcher.text): "
                     + "every check fails although the application runs."]
        if rejected.contains(where: { (300...399).contains($0) }) {
            steps.append("A redirect usually goes to a login or locale page: prefer a health path that answers 200 without authentication or redirects; "
                         + "otherwise accept the code.")
        }
        if rejected.contains(where: { $0 == 401 || $0 == 403 }) {
            steps.append("\(path) requires authentication: exempt the health path from it, or accept \(codes) (which also accepts a broken auth layer).")
        }
        steps.append("Accept the code: set Matcher.HttpCode to \(widened). No redeploy is needed; targets turn healthy after HealthyThresholdCount successes.")
        return Fix(summary: "Accept \(codes) in the matcher of \(group.name) (\(widened)), or point the check at a path that answers 200",
                   steps: steps, commands: [change.command], terraform: change.terraform)
    }
}
