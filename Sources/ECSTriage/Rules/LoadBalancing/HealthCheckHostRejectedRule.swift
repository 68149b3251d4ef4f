/// The application answers the load balancer's health checks with 400: ALB
/// health checks send `Host: <target private IP>:<port>` and the user agent
/// `ELB-HealthChecker/2.0` (awsdocs/elb-application-load-balancers-user-guide
/// @01a945e0 doc_source/load-balancer-troubleshooting.md), and an application
/// that checks the Host header against an allow list (Django ALLOWED_HOSTS,
/// Rails config.hosts) rejects it. The target never turns healthy although
/// the application runs.
struct HealthCheckHostRejectedRule: Rule {
    static let description = RuleDescription(
        id: "health-check-host-rejected", title: "The application rejects the health checker's Host header",
        category: .loadBalancing, severity: .high, explains: [.targetUnhealthy, .hostHeaderRejected],
        needs: [.services, .targetGroups],
        examples: [
            .triggers("400 from the targets, matcher 200", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "environment": [{"name": "DJANGO_ALLOWED_HOSTS", "value": "shop.example.com"}]"#)),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPath: "/health/")),
                Fixture.targetHealth("web-tg", reason: "Target.ResponseCodeMismatch", description: "Health checks failed with these codes: [400]")),
                resources: [Fixture.targetGroupArn("web-tg")], confidence: .confirmed),
            .triggers("Django's own log line", "django.core.exceptions.DisallowedHost: Invalid HTTP_HOST header: '10.0.10.100:8000'. You may need to add '10.0.10.100' to ALLOWED_HOSTS.",
                      resources: [""], confidence: .likely),
            .quiet("a 404 is the path's", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")),
                Fixture.targetHealth("web-tg", reason: "Target.ResponseCodeMismatch", description: "Health checks failed with these codes: [404]"))),
            .quiet("the matcher accepts 400 (the checks pass)", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", events: [
                    "(service web) (port 8080) is unhealthy in (target-group \(Fixture.targetGroupArn("web-tg"))) due to (reason Health checks failed with these codes: [400])."])),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", matcher: "200-499")),
                Fixture.targetHealth("web-tg", state: "healthy"))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
        var seen = Set<String>()
        for target in context.index.serviceTargets where seen.insert(target.targetGroupArn).inserted {
            guard let group = target.targetGroup, group.checksHTTP else { continue }
            let symptoms = target.symptoms(of: [.targetUnhealthy, .hostHeaderRejected], context).filter(Self.isRejection)
            claimed.formUnion(symptoms.map(\.id))
            // A matcher that accepts 400 passes the checks: the events are from before it was widened.
            guard !symptoms.isEmpty, !HTTPCodeMatcher(of: group).accepts(400) else { continue }
            var evidence = [Evidence(group.location + "/HealthCheckPath",
                                     "health check \(group.healthCheckProtocol ?? "HTTP") \(group.healthCheckPath ?? "/") on " +
                                     "\(group.healthCheckPort ?? "traffic-port"), Matcher \(HTTPCodeMatcher(of: group).text)")]
            for container in target.workload.taskDefinition?.containerDefinitions ?? [] {
                for variable in container.environment where variable.name.uppercased().contains("ALLOWED_HOST") {
                    evidence.append(Evidence(variable.location, "container \(container.name) sets \(variable.name); the checker's Host is the task's " +
                                                                "private IP and port"))
                }
            }
            let targets = context.index.targetHealth(of: target.targetGroupArn).compactMap { health in
                health.targetId.map { "\($0):\(health.healthCheckPort ?? health.targetPort.map(String.init) ?? "\(group.port ?? 80)")" }
            }
            findings.append(Self.description.finding(
                title: Self.title(group.name), explains: symptoms,
                resources: [.arn(target.targetGroupArn), target.workload.resource],
                evidence: context.observedEvidence(symptoms) + evidence,
                fix: Self.fix(targetGroupArn: target.targetGroupArn, path: group.healthCheckPath ?? "/", hosts: targets)))
        }
        for symptom in context.symptoms(of: [.targetUnhealthy, .hostHeaderRejected]).filter(Self.isRejection) where !claimed.contains(symptom.id) {
            let arn = symptom.facts.targetGroupArn
            findings.append(Self.description.finding(
                title: Self.title(arn.map(ARN.targetGroupName)), basis: .symptomText, explains: [symptom],
                resources: (arn.map { [.arn($0)] } ?? []) + symptom.resourceList, evidence: [symptom.evidence],
                fix: Self.fix(targetGroupArn: arn, path: nil, hosts: []),
                missingEvidence: arn.map { arn in
                    [MissingEvidence(why: "the health check path and the targets' addresses",
                                     command: "aws elbv2 describe-target-groups --target-group-arns \(arn) " +
                                              "--query 'TargetGroups[].[HealthCheckPath,HealthCheckPort,Matcher.HttpCode]'")]
                } ?? []))
        }
        return findings
    }

    /// A health check answered 400, or the application's own host rejection.
    static func isRejection(_ symptom: Symptom) -> Bool {
        symptom.kind == .hostHeaderRejected || symptom.facts.httpCodes.contains(400)
    }
}

// MARK: Messages and fixes

extension HealthCheckHostRejectedRule {
    static func title(_ group: String?) -> String {
        "The application answers the health checks\(group.map { " of \($0)" } ?? "") with 400: it rejects the checker's Host header (the task's IP)"
    }

    static func fix(targetGroupArn: String?, path: String?, hosts: [String]) -> Fix {
        let checkedPath = path ?? "<health-check-path>"
        var commands: [String] = []
        if let targetGroupArn {
            commands.append("aws elbv2 describe-target-health --target-group-arn \(targetGroupArn) --query " +
                            "'TargetHealthDescriptions[].[Target.Id,Target.Port,TargetHealth.Description]'")
        }
        let host = hosts.first ?? "<task-ip>:<port>"
        commands.append("curl -s -o /dev/null -w '%{http_code}\\n' -H 'Host: \(host)' -A ELB-HealthChecker/2.0 http://\(host)\(checkedPath)  # from " +
                        "inside the VPC: 400 confirms")
        return Fix(summary: "Let the application answer the health check path whatever the Host header, or allow the tasks' private IPs",
                   steps: ["ALB health checks send Host: <target private IP>:<health check port> and User-Agent ELB-HealthChecker/2.0; an application " +
                           "that checks Host against an allow list answers 400.",
                           "Django (ALLOWED_HOSTS, DisallowedHost): answer \(checkedPath) in a middleware placed first in MIDDLEWARE, or add the " +
                           "task's private IP at start-up, read from the task metadata endpoint (${ECS_CONTAINER_METADATA_URI_V4}/task).",
                           "Rails (config.hosts): exclude the health path, config.host_authorization = { exclude: ->(request) { request.path == " +
                           "\"\(checkedPath)\" } }.",
                           "Do not add 400 to the matcher: it would also pass an application that fails every request; and do not allow every host " +
                           "(\"*\") in production."],
                   commands: commands)
    }
}
