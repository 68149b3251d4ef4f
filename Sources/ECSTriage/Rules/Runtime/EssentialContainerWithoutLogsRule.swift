/// An essential container of a Fargate task has no `logConfiguration`: when
/// it crashes, its last words are lost with the task. (On EC2 the Docker
/// daemon keeps them in its default json-file log on the instance, readable
/// with `docker logs` while the instance and the container remain: not reported.)
/// Latent hygiene: severity low, never confirmed by a symptom, so it ranks
/// below every observed failure. awslogs options and stream names:
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
struct EssentialContainerWithoutLogsRule: Rule {
    static let description = RuleDescription(
        id: "essential-container-without-logs", title: "Essential container without a log configuration", category: .runtime,
        severity: .low, needs: [.taskDefinitions],
        examples: [
            .triggers("worker has no logConfiguration", Fixture.snapshot(
                Fixture.array("services", Fixture.service("worker", taskDefinition: "worker:3")),
                Fixture.array("taskDefinitions", definition(logs: false))),
                resources: ["worker"], confidence: .likely),
            .quiet("an EC2 definition: the Docker log stays on the instance", Fixture.snapshot(
                Fixture.array("taskDefinitions", definition(logs: false).replacingOccurrences(of: #""requiresCompatibilities": ["FARGATE"]"#, with: #""requiresCompatibilities": ["EC2"]"#)))),
            .quiet("awslogs configured", Fixture.snapshot(
                Fixture.array("taskDefinitions", definition(logs: true)))),
            .quiet("a non-essential helper without logs", Fixture.snapshot(
                Fixture.array("taskDefinitions", definition(logs: false).replacingOccurrences(of: #""essential": true"#, with: #""essential": false"#)
                    .replacingOccurrences(of: #""containerDefinitions": ["#, with: #""containerDefinitions": [{"name": "app", "image": "app", "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/worker", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}}}, "#)))),
        ])

    static func definition(logs: Bool) -> String {
        let logConfiguration = logs ? #", "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/worker", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}}"# : ""
        return #"{"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/worker:3", "family": "worker", "revision": 3, "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "executionRoleArn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole", "containerDefinitions": [{"name": "worker", "image": "\#(Fixture.ecrImage)", "essential": true\#(logConfiguration)}]}"#
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.index.definitionUses.compactMap { use -> Finding? in
            let definition = use.definition
            guard use.fargateConstraintsApply else { return nil }
            let silent = definition.containerDefinitions.filter { $0.essential && $0.logConfigurationLocation == nil }
            guard !silent.isEmpty else { return nil }
            let group = "/ecs/" + (definition.family ?? ARN.lastComponent(definition.taskDefinitionArn).split(separator: ":").first.map(String.init) ?? "app")
            let change = TaskDefinitionChange(use, silent.map { .container($0.name, "logConfiguration", Self.awslogs(group: group, region: context.region)) })
            return Self.description.finding(
                title: Self.title(silent.map(\.name), family: definition.familyRevision),
                resources: silent.map { .container($0.name) } + use.resources,
                evidence: silent.map { Evidence($0.location, Self.containerLine($0.name)) },
                fix: Self.fix(silent.map(\.name), group: group, region: context.region, hasExecutionRole: definition.executionRoleArn != nil,
                              change: change, definition: definition),
                missingEvidence: context.index.region == nil ? [Self.regionEvidence] : [])
        }
    }

    static func awslogs(group: String, region: String) -> JSONValue {
        .object([("logDriver", .string("awslogs")),
                 ("options", .object([("awslogs-group", .string(group)), ("awslogs-region", .string(region)), ("awslogs-stream-prefix", .string("ecs"))]))])
    }
}

// MARK: Messages and fixes

extension EssentialContainerWithoutLogsRule {
    static func title(_ names: [String], family: String) -> String {
        "\(family): essential container\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) "
            + "\(names.count == 1 ? "has" : "have") no log configuration: a crash leaves no trace"
    }

    static func containerLine(_ name: String) -> String {
        "container \(name) is essential and has no logConfiguration"
    }

    static let regionEvidence = MissingEvidence(why: "the region of the log group (awslogs-region)", command: "aws configure get region")

    static func fix(_ names: [String], group: String, region: String, hasExecutionRole: Bool, change: TaskDefinitionChange,
                    definition: TaskDefinition) -> Fix {
        var steps = ["When an essential container exits, its output is what says why; on Fargate without a log driver it is lost with the task.",
                     "Create the log group \(group), then send \(names.joined(separator: ", ")) to it with awslogs (stream prefix ecs: "
                     + "streams are named ecs/<container>/<task-id>)."]
        if !hasExecutionRole {
            steps.append("awslogs on Fargate needs an execution role allowed logs:CreateLogStream and logs:PutLogEvents "
                         + "(AmazonECSTaskExecutionRolePolicy): add executionRoleArn too.")
        }
        var fix = Fix(summary: "Send \(names.joined(separator: ", ")) to CloudWatch Logs with the awslogs driver", steps: steps,
                      change: change, definition: definition)
        fix.commands.insert("aws logs create-log-group \(ShellWord.option("--log-group-name", group)) \(ShellWord.option("--region", region))", at: 0)
        return fix
    }
}

import Foundation
