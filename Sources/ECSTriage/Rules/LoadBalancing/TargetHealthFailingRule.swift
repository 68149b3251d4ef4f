/// Unhealthy targets or ELB health-check kills no cause rule explains: rank
/// the candidate causes by the ELB reason code and say what would decide.
struct TargetHealthFailingRule: Rule {
    static let description = RuleDescription(
        id: "target-health-failing", title: "Load balancer health checks are failing", category: .loadBalancing,
        kind: .symptom, severity: .high, explains: [.targetUnhealthy],
        examples: [
            .triggers("unhealthy event, generic reason", "(service corpdirectory-test-rasaos-Service-T8qsKYiLhGmT) (port 5005) is unhealthy in (target-group arn:aws:elasticloadbalancing:ap-south-1:377727317375:targetgroup/corpd-Targe-12YF9HTH1OJGJ/e938d1c7734d02a2) due to (reason Health checks failed).",
                      resources: ["arn:aws:elasticloadbalancing:ap-south-1:377727317375:targetgroup/corpd-Targe-12YF9HTH1OJGJ/e938d1c7734d02a2"]),
            .quiet("a steady service", "(service web) has reached a steady state."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var groups: [(key: String, symptoms: [Symptom])] = []
        for symptom in context.unexplainedSymptoms(of: [.targetUnhealthy]) {
            let key = symptom.facts.targetGroupArn ?? symptom.resource ?? "target group"
            if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].symptoms.append(symptom)
            } else {
                groups.append((key, [symptom]))
            }
        }
        return groups.map { key, symptoms in
            let reasons = symptoms.compactMap(\.facts.healthReason)
            let codes = Array(Set(symptoms.flatMap(\.facts.httpCodes))).sorted()
            let group = context.index.targetGroup(key)
            let name = group?.name ?? (key.contains(":targetgroup/") ? ARN.targetGroupName(key) : key)
            var candidates: [String]
            if reasons.contains("Target.ResponseCodeMismatch") || !codes.isEmpty {
                let codeText = codes.map(String.init).joined(separator: ", ")
                candidates = ["The targets answer \(codeText.isEmpty ? "an unexpected code" : codeText): " + Self.codeHint(codes),
                              "The health check path is not one the application serves (a trailing slash difference gives 301/308, a wrong path 404).",
                              "The matcher (\(group?.matcherHttpCode ?? "Matcher.HttpCode")) does not include the code a healthy application returns (e.g. 302 to a login page, 401)."]
            } else if reasons.contains("Target.Timeout") {
                candidates = ["The task security group does not allow the load balancer's security group on the container port (the check times out).",
                              "The application listens on another port, or on 127.0.0.1 instead of 0.0.0.0.",
                              "The application is too slow to answer within the health check timeout, or still starting: raise healthCheckGracePeriodSeconds."]
            } else {
                candidates = ["The application is not answering on the health check port (crashed, still starting, or listening elsewhere).",
                              "The task security group or a network ACL blocks the load balancer on the container port.",
                              "The health check path, port or matcher does not match the application; see the target health Description for the code."]
            }
            var missing: [MissingEvidence] = []
            let arnArgument = key.hasPrefix("arn:") ? key : "<target-group-arn>"
            if !context.snapshot.has(.targetHealth) {
                missing.append(MissingEvidence(why: "the reason code and HTTP codes of each target", command: "aws elbv2 describe-target-health --target-group-arn \(arnArgument)"))
            }
            if group == nil {
                missing.append(MissingEvidence(why: "the health check path, port, matcher and target type", command: "aws elbv2 describe-target-groups --target-group-arns \(arnArgument)"))
            }
            if !context.snapshot.has(.taskDefinitions) {
                missing.append(MissingEvidence(why: "the container port and the container's own health check path", command: "aws ecs describe-task-definition --task-definition <family:revision>"))
            }
            if !context.snapshot.has(.securityGroups) {
                missing.append(MissingEvidence(why: "whether the task security group admits the load balancer on the container port", command: "aws ec2 describe-security-groups --group-ids <task-sg-id> <load-balancer-sg-id>"))
            }
            return Self.description.finding(
                title: "Targets of \(name) fail health checks\(reasons.first.map { " (\($0))" } ?? "")",
                confidence: .likely, explains: symptoms, resources: [key] + symptoms.compactMap(\.resource).filter { $0 != key },
                evidence: symptoms.map(\.evidence) + (group.map { [Evidence($0.location, "health check \($0.healthCheckProtocol ?? "HTTP") \($0.healthCheckPath ?? "/") on \($0.healthCheckPort ?? "traffic-port"), matcher \($0.matcherHttpCode ?? "200")")] } ?? []),
                fix: Fix(summary: "Find why the targets fail the check; the likely causes, most likely first, are below", steps: candidates),
                missingEvidence: missing)
        }
    }

    static func codeHint(_ codes: [Int]) -> String {
        if codes.contains(where: { [301, 308].contains($0) }) { return "a permanent redirect, usually the health check path with or without a trailing slash." }
        if codes.contains(302) { return "a redirect, often to a login page: check an unauthenticated path, or add 302 to the matcher." }
        if codes.contains(404) { return "the path does not exist in the application." }
        if codes.contains(where: { $0 == 401 || $0 == 403 }) { return "the path requires authentication." }
        if codes.contains(where: { $0 >= 500 }) { return "the application fails while handling the check: see its logs." }
        return "see the application's routes for the health check path."
    }
}
