/// A container waits (`dependsOn`, condition HEALTHY) for a container that has
/// no `healthCheck`: the condition can never be met, so the waiting container
/// never starts. The ECS agent resolves HEALTHY only when the dependency
/// reports Docker health, which it does only when the definition gives it a
/// health check (aws/amazon-ecs-agent@8dfceca6, agent/engine/dependencygraph/graph.go,
/// `healthyCondition`, and agent/api/container/container.go,
/// `HealthStatusShouldBeReported`); "This requires that the dependent container
/// has health checks configured" (ContainerDependency.condition in botocore's
/// ECS model, data/ecs/2014-11-13/service-2.json). Critical when the waiting
/// container is essential (the task never runs), medium otherwise.
struct DependsOnHealthyWithoutHealthCheckRule: Rule {
    static let description = RuleDescription(
        id: "depends-on-healthy-without-health-check", title: "A container waits for another to be HEALTHY, which has no health check",
        category: .taskDefinition, severity: .critical, needs: [.taskDefinitions],
        examples: [
            .triggers("web waits for envoy HEALTHY, envoy has no healthCheck", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", definition(envoyHealthCheck: false))),
                resources: ["web"], confidence: .likely),
            .quiet("envoy has a health check", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", definition(envoyHealthCheck: true)))),
            .quiet("START does not need a health check", Fixture.snapshot(
                Fixture.array("taskDefinitions", definition(envoyHealthCheck: false).replacingOccurrences(of: "HEALTHY", with: "START")))),
        ])

    static func definition(envoyHealthCheck: Bool) -> String {
        let check = envoyHealthCheck ? #", "healthCheck": {"command": ["CMD-SHELL", "curl -s http://localhost:9901/server_info | grep state | grep -q LIVE"]}"# : ""
        return #"{"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "family": "web", "revision": 1, "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "512", "memory": "1024", "containerDefinitions": [{"name": "envoy", "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod", "essential": true\#(check)}, {"name": "web", "image": "\#(Fixture.ecrImage)", "essential": true, "dependsOn": [{"containerName": "envoy", "condition": "HEALTHY"}]}]}"#
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.index.definitionUses.flatMap { use -> [Finding] in
            let definition = use.definition
            let byName = Dictionary(definition.containerDefinitions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            return definition.containerDefinitions.flatMap { waiting -> [Finding] in
                waiting.dependsOn.compactMap { dependency -> Finding? in
                    guard dependency.condition.uppercased() == "HEALTHY", let awaited = byName[dependency.containerName],
                          awaited.healthCheckCommand.isEmpty else { return nil }
                    let change = TaskDefinitionChange(use, [.dependsOn(container: waiting.name, dependency: awaited.name, condition: "START")])
                    return Self.description.finding(
                        title: Self.title(waiting.name, awaited: awaited.name, family: definition.familyRevision),
                        severity: waiting.essential ? .critical : .medium,
                        resources: [.container(waiting.name), .container(awaited.name)] + use.resources,
                        evidence: [Evidence(dependency.location, Self.dependencyLine(waiting.name, awaited: awaited.name)),
                                   Evidence(awaited.location, Self.noHealthCheckLine(awaited.name))],
                        fix: Self.fix(waiting.name, awaited: awaited.name, essential: waiting.essential, change: change, definition: definition))
                }
            }
        }
    }
}

// MARK: Messages and fixes

extension DependsOnHealthyWithoutHealthCheckRule {
    static func title(_ waiting: String, awaited: String, family: String) -> String {
        "\(family): container \(waiting) waits for \(awaited) to be HEALTHY, but \(awaited) has no health check, so \(waiting) never starts"
    }

    static func dependencyLine(_ waiting: String, awaited: String) -> String {
        "\(waiting) dependsOn \(awaited) with condition HEALTHY"
    }

    static func noHealthCheckLine(_ awaited: String) -> String {
        "\(awaited) defines no healthCheck: ECS never reports it HEALTHY"
    }

    static func fix(_ waiting: String, awaited: String, essential: Bool, change: TaskDefinitionChange, definition: TaskDefinition) -> Fix {
        Fix(summary: "Give \(awaited) a healthCheck, or make \(waiting) wait for START instead of HEALTHY",
            steps: ["HEALTHY is met only by a container whose own Docker health check passes; without one, \(waiting) waits forever"
                    + (essential ? " and, being essential, keeps the task from ever running." : "."),
                    "If \(waiting) needs \(awaited) ready (a proxy, a local database), add a healthCheck to \(awaited) whose command proves "
                    + "it (the command depends on its image) and keep HEALTHY.",
                    "Otherwise START (the commands below) lets \(waiting) start once \(awaited) has started."],
            change: change, definition: definition)
    }
}

import Foundation
