import Foundation

/// The target group checks a path the application does not serve as is:
/// most often the same path with or without a trailing slash, which the app
/// answers with a 301/308 redirect, or another path answered with 404.
struct HealthCheckPathMismatchRule: Rule {
    static let description = RuleDescription(
        id: "health-check-path-mismatch", title: "Health check path differs from the path the application serves",
        category: .loadBalancing, severity: .high, explains: [.targetUnhealthy],
        needs: [.services, .taskDefinitions, .targetGroups],
        examples: [
            .triggers("trailing slash, 301 from the targets", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health-check || exit 1"], "interval": 30}"#)),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPath: "/health-check/")),
                #""TargetHealth": {"\#(Fixture.targetGroupArn("web-tg"))": [{"Target": {"Id": "10.0.1.25", "Port": 8080}, "HealthCheckPort": "8080", "TargetHealth": {"State": "unhealthy", "Reason": "Target.ResponseCodeMismatch", "Description": "Health checks failed with these codes: [301]"}}]}"#),
                resources: [Fixture.targetGroupArn("web-tg")], confidence: .confirmed),
            .triggers("trailing slash from configuration alone", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "environment": [{"name": "HEALTHCHECK_PATH", "value": "/status/"}]"#)),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPath: "/status"))),
                resources: [Fixture.targetGroupArn("web-tg")], confidence: .likely),
            .triggers("404 on a path the container does not use", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/ready || exit 1"]}"#)),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPath: "/health")),
                Fixture.targetHealth("web-tg", reason: "Target.ResponseCodeMismatch", description: "Health checks failed with these codes: [404]")),
                resources: [Fixture.targetGroupArn("web-tg")], confidence: .confirmed),
            .quiet("a 302 without a slash twin is the matcher's", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPath: "/app")),
                Fixture.targetHealth("web-tg", reason: "Target.ResponseCodeMismatch", description: "Health checks failed with these codes: [302]"))),
            .quiet("same path", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "healthCheck": {"command": ["CMD-SHELL", "wget -qO- http://127.0.0.1:8080/health-check || exit 1"]}"#)),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPath: "/health-check")))),
            .quiet("different paths without a failing target are not evidence", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraContainerJSON: #", "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/ready || exit 1"]}"#)),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPath: "/")))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        for target in context.index.serviceTargets {
            guard let definition = target.workload.taskDefinition, let group = target.targetGroup, group.checksHTTP else { continue }
            let checked = group.healthCheckPath ?? "/"
            let containers = definition.containerDefinitions.filter { target.attachment.containerName == nil || $0.name == target.attachment.containerName }
            let symptoms = target.symptoms(of: [.targetUnhealthy], context)
            let codes = Set(symptoms.flatMap(\.facts.httpCodes))
            let applicationPaths = containers.flatMap(Self.applicationPaths)
            guard let served = Self.servedPath(checked: checked, codes: codes, applicationPaths: applicationPaths, group: group) else { continue }
            // One wrong path fails every check: once a code points at it, the
            // unhealthy events and health-check kills are the same failure.
            let pathConfirmed = symptoms.contains {
                !Set($0.facts.httpCodes).isDisjoint(with: Self.pathCodes) || $0.facts.healthReason == "Target.ResponseCodeMismatch"
            }
            let explained = pathConfirmed ? symptoms : []
            let change = TargetGroupHealthCheckChange(group: group, path: served.path)
            findings.append(Self.description.finding(
                title: Self.title(group, checked: checked, served: served.path),
                explains: explained,
                resources: [.arn(target.targetGroupArn), target.workload.resource],
                evidence: context.observedEvidence(explained) + [Self.checkedEvidence(group, checked: checked), served.evidence],
                fix: Self.fix(group, served: served.path, change: change)))
        }
        return findings
    }

    /// Codes a wrong path gets: redirects of a slash difference, or not found.
    static let pathCodes: Set<Int> = [301, 302, 307, 308, 404]

    /// The path the application serves instead of `checked`, with the evidence
    /// that shows it: the container's own path differing by a trailing
    /// slash, another path of the container when the check gets 404, or the
    /// slash twin of a checked path answered with a permanent redirect.
    static func servedPath(checked: String, codes: Set<Int>, applicationPaths: [ApplicationPath], group: TargetGroup) -> (path: String, evidence: Evidence)? {
        if let twin = applicationPaths.first(where: { $0.path != checked && trimSlash($0.path) == trimSlash(checked) }) {
            return (twin.path, Evidence(twin.location, "the container uses \(twin.path) (\(twin.source)); the target group checks \(checked), "
                                        + "which differs only by the trailing slash"))
        }
        if codes.contains(404), let other = applicationPaths.first(where: { $0.path != checked }) {
            return (other.path, Evidence(other.location, "the container uses \(other.path) (\(other.source)); the target group checks \(checked), "
                                         + "which answers 404"))
        }
        // A permanent redirect is a slash fix-up; a 302 is more often a login page (health-check-matcher-mismatch).
        if !codes.isDisjoint(with: [301, 308]), checked != "/", applicationPaths.isEmpty {
            let twin = checked.hasSuffix("/") ? trimSlash(checked) : checked + "/"
            let answered = codes.sorted().map(String.init).joined(separator: ", ")
            return (twin, Evidence(group.location + "/HealthCheckPath", "targets answer \(answered) on \(checked): "
                                   + "the application redirects it, typically to \(twin)"))
        }
        return nil
    }

    struct ApplicationPath {
        var path: String
        var source: String
        var location: String
    }

    /// Paths the container itself uses for health: its healthCheck URL, or an
    /// environment variable naming a health path.
    static func applicationPaths(of container: ContainerDefinition) -> [ApplicationPath] {
        var paths: [ApplicationPath] = []
        let command = container.healthCheckCommand.joined(separator: " ")
        for marker in ["http://", "https://"] {
            guard let range = command.range(of: marker) else { continue }
            let rest = command[range.upperBound...]
            let url = rest.prefix { !" '\"|;&".contains($0) }
            if let slash = url.firstIndex(of: "/") {
                var path = String(url[slash...])
                if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
                paths.append(ApplicationPath(path: path, source: "healthCheck command",
                                             location: (container.healthCheckLocation ?? container.location) + "/command"))
            }
        }
        for variable in container.environment where variable.name.uppercased().contains("HEALTH") && variable.value.hasPrefix("/") {
            paths.append(ApplicationPath(path: variable.value, source: "environment \(variable.name)", location: variable.location + "/value"))
        }
        return paths
    }

    static func trimSlash(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}

// MARK: Messages and fixes

extension HealthCheckPathMismatchRule {
    static func title(_ group: TargetGroup, checked: String, served: String) -> String {
        "Target group \(group.name) checks \(checked) but the application serves \(served)"
    }

    static func checkedEvidence(_ group: TargetGroup, checked: String) -> Evidence {
        Evidence(group.location + "/HealthCheckPath", "HealthCheckPath is \(checked), Matcher \(group.matcherHttpCode ?? "200")")
    }

    static func fix(_ group: TargetGroup, served: String, change: TargetGroupHealthCheckChange) -> Fix {
        Fix(summary: "Set the health check path of \(group.name) to \(served)",
            steps: ["Change the target group's health check path to exactly the path the application answers with 200 (\(served)).",
                    "Alternatively widen the matcher to 200-399 if a redirect is expected; it hides real redirects, so prefer the exact path."],
            commands: [change.command], terraform: change.terraform)
    }
}
