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
        for workload in context.index.workloads {
            guard let service = workload.service, let definition = workload.taskDefinition else { continue }
            for attachment in service.loadBalancers {
                guard let arn = attachment.targetGroupArn, let group = context.index.targetGroup(arn),
                      ["HTTP", "HTTPS"].contains((group.healthCheckProtocol ?? group.protocolName ?? "HTTP").uppercased()) else { continue }
                let checked = group.healthCheckPath ?? "/"
                let containers = definition.containerDefinitions.filter { attachment.containerName == nil || $0.name == attachment.containerName }
                let appPaths = containers.flatMap(Self.applicationPaths)
                let symptoms = context.symptoms(of: [.targetUnhealthy], on: workload).filter {
                    $0.resource == nil || $0.resource == arn || $0.facts.targetGroupArn == arn || $0.resource == service.serviceArn
                } + context.symptoms(of: [.targetUnhealthy], onResource: arn).filter { $0.resource == arn && !workload.resourceIds.contains(arn) }
                let codes = Set(symptoms.flatMap(\.facts.httpCodes))
                let notFound = codes.contains(404)
                let pathSymptoms = symptoms.filter { !Set($0.facts.httpCodes).isDisjoint(with: [301, 302, 307, 308, 404]) }

                var evidence: [Evidence] = []
                var served: String?
                if let slashTwin = appPaths.first(where: { $0.path != checked && Self.trimSlash($0.path) == Self.trimSlash(checked) }) {
                    served = slashTwin.path
                    evidence.append(Evidence(slashTwin.location, "the container uses \(slashTwin.path) (\(slashTwin.source)); the target group checks \(checked), which differs only by the trailing slash"))
                } else if notFound, let other = appPaths.first(where: { $0.path != checked }) {
                    served = other.path
                    evidence.append(Evidence(other.location, "the container uses \(other.path) (\(other.source)); the target group checks \(checked), which answers 404"))
                } else if !codes.isDisjoint(with: [301, 308]), checked != "/", appPaths.isEmpty {
                    // A permanent redirect is a slash fix-up; a 302 is more often a login page (health-check-matcher-mismatch).
                    served = checked.hasSuffix("/") ? Self.trimSlash(checked) : checked + "/"
                    evidence.append(Evidence(group.location + "/HealthCheckPath", "targets answer \(codes.sorted().map(String.init).joined(separator: ", ")) on \(checked): the application redirects it, typically to \(served!)"))
                } else {
                    continue
                }
                evidence.insert(Evidence(group.location + "/HealthCheckPath", "HealthCheckPath is \(checked), Matcher \(group.matcherHttpCode ?? "200")"), at: 0)
                let target = served!
                // One wrong path fails every check: once a code points at it,
                // the unhealthy events and health-check kills are the same failure.
                let pathConfirmed = !pathSymptoms.isEmpty || symptoms.contains { $0.facts.healthReason == "Target.ResponseCodeMismatch" }
                let explained = pathConfirmed ? symptoms : []
                findings.append(Self.description.finding(
                    title: "Target group \(group.name) checks \(checked) but the application serves \(target)",
                    explains: explained,
                    resources: [.arn(arn), workload.resource],
                    evidence: explained.map(\.evidence) + evidence,
                    fix: Fix(summary: "Set the health check path of \(group.name) to \(target)",
                             steps: ["Change the target group's health check path to exactly the path the application answers with 200 (\(target)).",
                                     "Alternatively widen the matcher to 200-399 if a redirect is expected; it hides real redirects, so prefer the exact path."],
                             commands: ["aws elbv2 modify-target-group --target-group-arn \(arn) --health-check-path \(target)"],
                             terraform: "resource \"aws_lb_target_group\" \"\(group.name.replacingOccurrences(of: "-", with: "_"))\" {\n  health_check {\n    path    = \"\(target)\"\n    matcher = \"200\"\n  }\n}")))
            }
        }
        return findings
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
                paths.append(ApplicationPath(path: path, source: "healthCheck command", location: (container.healthCheckLocation ?? container.location) + "/command"))
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

import Foundation
