/// ECS Exec on a task whose containers share one process namespace
/// (`pidMode: task`): "You can have only one ECS Exec session per process ID
/// (PID) namespace. If you are sharing a PID namespace in a task, you can only
/// start ECS Exec sessions into one container"
/// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-considerations).
/// With several containers, exec into the others fails. Hygiene: info, it
/// blocks debugging, not the workload.
struct ECSExecSharedPidNamespaceRule: Rule {
    static let description = RuleDescription(
        id: "ecs-exec-shared-pid-namespace", title: "ECS Exec reaches only one container when pidMode is task", category: .taskDefinition,
        severity: .info, needs: [.taskDefinitions, .services],
        examples: [
            .triggers("exec on, pidMode task, app and sidecar", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", extraJSON: #", "enableExecuteCommand": true"#)),
                Fixture.array("taskDefinitions", definition(pidMode: "task"))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .quiet("exec on, one namespace per container", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", extraJSON: #", "enableExecuteCommand": true"#)),
                Fixture.array("taskDefinitions", definition(pidMode: nil)))),
            .quiet("pidMode task without exec", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", extraJSON: #", "enableExecuteCommand": false"#)),
                Fixture.array("taskDefinitions", definition(pidMode: "task")))),
        ])

    static func definition(pidMode: String?) -> String {
        let member = pidMode.map { #""pidMode": "\#($0)", "# } ?? ""
        return #"{"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "family": "web", "revision": 1, "networkMode": "awsvpc", \#(member)"requiresCompatibilities": ["FARGATE"], "cpu": "512", "memory": "1024", "containerDefinitions": [{"name": "web", "image": "\#(Fixture.ecrImage)", "essential": true}, {"name": "datadog-agent", "image": "public.ecr.aws/datadog/agent:7", "essential": false}]}"#
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.index.definitionUses.compactMap { use -> Finding? in
            let definition = use.definition
            guard definition.pidMode?.lowercased() == "task", definition.containerDefinitions.count >= 2 else { return nil }
            let execWorkloads = use.workloads.filter { workload in
                workload.service?.enableExecuteCommand == true || workload.tasks.contains { $0.enableExecuteCommand == true }
            }
            guard !execWorkloads.isEmpty else { return nil }
            let names = definition.containerDefinitions.map(\.name)
            return Self.description.finding(
                title: Self.title(definition.familyRevision, containers: names),
                resources: execWorkloads.map(\.resource) + [.arn(definition.taskDefinitionArn)],
                evidence: [Evidence(definition.location + "/pidMode", Self.pidModeLine(names.count))]
                    + execWorkloads.prefix(3).map { Evidence($0.service?.location ?? $0.tasks[0].location, Self.execLine($0.name)) },
                fix: Self.fix(names, change: TaskDefinitionChange(use, [.task("pidMode", nil)]), definition: definition))
        }
    }
}

// MARK: Messages and fixes

extension ECSExecSharedPidNamespaceRule {
    static func title(_ family: String, containers: [String]) -> String {
        "\(family): ECS Exec is on, but with pidMode task its \(containers.count) containers share one process namespace "
            + "and only one of them accepts exec sessions"
    }

    static func pidModeLine(_ count: Int) -> String {
        "pidMode is task: the \(count) containers share one PID namespace"
    }

    static func execLine(_ name: String) -> String {
        "\(name) runs with enableExecuteCommand true"
    }

    static func fix(_ names: [String], change: TaskDefinitionChange, definition: TaskDefinition) -> Fix {
        Fix(summary: "Drop pidMode unless a container needs to see the others' processes; otherwise exec into the one container that accepts it",
            steps: ["ECS Exec runs one session agent per PID namespace; with pidMode task, sessions open only in one of "
                    + "\(names.joined(separator: ", ")), and which one is not chosen by you.",
                    "pidMode task is for sidecars that inspect the other containers' processes (profilers, monitoring agents). "
                    + "Without such a need, removing it gives each container its own namespace and its own exec session (the commands below)."],
            change: change, definition: definition)
    }
}

import Foundation
