/// ECS Exec (`aws ecs execute-command`) is wanted but cannot work: disabled
/// on the service or task, or the task role lacks the `ssmmessages` channel
/// permissions the SSM agent in the task uses.
struct ECSExecNotReadyRule: Rule {
    static let channelActions = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                                 "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
    static let execError = "An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running. Wait and try again or run a new task with execute command enabled and try again."

    static let execPolicy = [(name: "exec", statements: #"[{"Effect": "Allow", "Action": ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], "Resource": "*"}]"#)]

    static func execService(_ enabled: Bool) -> String {
        Fixture.service("web").replacingOccurrences(of: #""desiredCount": 1"#, with: #""desiredCount": 1, "enableExecuteCommand": \#(enabled)"#)
    }

    static let description = RuleDescription(
        id: "ecs-exec-not-ready", title: "ECS Exec cannot reach the task", category: .iam, severity: .medium,
        explains: [.executeCommandFailed], needs: [.services, .tasks, .taskDefinitions, .roles],
        examples: [
            .triggers("exec enabled, task role without ssmmessages", Fixture.snapshot(
                Fixture.array("services", execService(true)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "app-task-role")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"), Fixture.role("app-task-role", managed: [], inline: [(name: "s3", statements: #"[{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]"#)]))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .triggers("exec enabled, no task role", Fixture.snapshot(
                Fixture.array("services", execService(true)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition())),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .triggers("the ExecuteCommand error pasted alone", execError, resources: [""], confidence: .likely),
            .triggers("private subnet without an ssmmessages endpoint", Fixture.snapshot(
                Fixture.array("services", execService(true)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "app-task-role")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"), Fixture.role("app-task-role", managed: [], inline: execPolicy)),
                Fixture.array("Subnets", Fixture.subnet()), Fixture.array("RouteTables", Fixture.routeTable()),
                Fixture.endpoints(["ecr.api", "ecr.dkr", "logs"], s3RouteTables: ["rtb-a"])),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .quiet("exec enabled, task role allows the channels", Fixture.snapshot(
                Fixture.array("services", execService(true)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "app-task-role")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"), Fixture.role("app-task-role", managed: [], inline: execPolicy)))),
            .quiet("exec not asked for", Fixture.snapshot(
                Fixture.array("services", execService(false)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
        for workload in context.index.workloads {
            let symptoms = context.symptoms(of: [.executeCommandFailed], on: workload)
            let serviceEnabled = workload.service?.enableExecuteCommand
            let taskFlags = workload.tasks.compactMap(\.enableExecuteCommand)
            let wanted = serviceEnabled == true || taskFlags.contains(true)
            guard wanted || !symptoms.isEmpty else { continue }
            var problems: [Evidence] = []
            var undetermined: [Evidence] = []
            if !wanted, serviceEnabled == false || !taskFlags.isEmpty {
                problems.append(Evidence(workload.service?.location ?? workload.tasks.first?.location ?? "", "enableExecuteCommand is false on \(workload.name): ECS did not start the SSM agent in its tasks"))
            } else if serviceEnabled == true, let task = workload.tasks.first(where: { $0.enableExecuteCommand == false }) {
                problems.append(Evidence(task.location, "task \(task.taskId) was started before enableExecuteCommand was turned on: only tasks started afterwards can be reached"))
            }
            if wanted, let definition = workload.taskDefinition {
                if let roleArn = definition.taskRoleArn {
                    if let role = context.index.role(roleArn), let policies = context.index.policies(of: role) {
                        for action in Self.channelActions {
                            let decision = PolicyEvaluator.evaluate(policies, PermissionRequest(action, on: .exact("*")))
                            switch decision.outcome {
                            case .denied: problems.append(Evidence(decision.location ?? role.location, "task role \(role.roleName): \(decision.explanation)"))
                            case .undetermined: undetermined.append(Evidence(decision.location ?? role.location, "task role \(role.roleName): \(decision.explanation)"))
                            case .allowed: break
                            }
                        }
                    }
                } else {
                    problems.append(Evidence(definition.location, "\(definition.familyRevision) has no taskRoleArn: the SSM agent in the task opens its channels with the task role"))
                }
            }
            if wanted, let network = context.network.first(where: { $0.workload.primaryResource == workload.primaryResource }) {
                for path in network.subnets where path.internetDecided && !path.hasInternet {
                    let endpoints = path.routing.vpcId.map(context.index.endpoints(inVpc:)) ?? []
                    guard !DependencyPaths.hasEndpoint(for: "ssmmessages", endpoints: endpoints, routeTableId: path.routing.table.routeTableId) else { continue }
                    problems.append(Evidence(path.routing.table.location,
                                             "subnet \(path.routing.subnetId) has no internet path and its VPC no ssmmessages interface endpoint: the agent cannot open its channels"))
                }
            }
            let explained = problems.isEmpty && !symptoms.isEmpty ? undetermined : problems
            guard !explained.isEmpty else { continue }
            claimed.formUnion(symptoms.map(\.id))
            findings.append(Self.description.finding(
                title: "ECS Exec cannot reach \(workload.name): " + (problems.isEmpty ? "the task role's ssmmessages permissions are undetermined" : summary(problems)),
                basis: problems.isEmpty ? .undetermined : .configuration, explains: symptoms,
                resources: [workload.resource] + (workload.taskDefinition?.taskRoleArn.map { [.arn($0)] } ?? []),
                evidence: symptoms.map(\.evidence) + explained,
                fix: fix(workload, taskRole: workload.taskDefinition?.taskRoleArn.map(ARN.roleName)),
                missingEvidence: problems.isEmpty ? [MissingEvidence(why: "IAM's own evaluation of the task role", command: "aws iam simulate-principal-policy --policy-source-arn \(workload.taskDefinition?.taskRoleArn ?? "<task-role-arn>") --action-names \(Self.channelActions.joined(separator: " "))")] : []))
        }
        for symptom in context.symptoms(of: [.executeCommandFailed]) where !claimed.contains(symptom.id) {
            findings.append(Self.description.finding(
                title: "ECS Exec failed: execute command was not enabled when the task started, or the agent cannot open its channels",
                basis: .symptomText, explains: [symptom], resources: symptom.resourceList, evidence: [symptom.evidence],
                fix: fix(nil, taskRole: nil),
                missingEvidence: [MissingEvidence(why: "whether the task was started with ECS Exec and its agent is running",
                                                  command: "aws ecs describe-tasks --cluster <cluster> --tasks <task-id> --query 'tasks[0].{exec:enableExecuteCommand,agents:containers[].managedAgents}'"),
                                  MissingEvidence(why: "the task role's ssmmessages permissions",
                                                  command: "aws iam simulate-principal-policy --policy-source-arn <task-role-arn> --action-names \(Self.channelActions.joined(separator: " "))")]))
        }
        return findings
    }

    private func summary(_ problems: [Evidence]) -> String {
        if problems.contains(where: { $0.text.contains("enableExecuteCommand is false") }) { return "ECS Exec is not enabled" }
        if problems.contains(where: { $0.text.contains("started before") }) { return "its tasks predate enabling ECS Exec" }
        if problems.contains(where: { $0.text.contains("no taskRoleArn") }) { return "the task definition has no task role" }
        if problems.allSatisfy({ $0.text.contains("no ssmmessages interface endpoint") }) { return "ssmmessages is unreachable from its subnets" }
        return "the task role may not open the ssmmessages channels"
    }

    private func fix(_ workload: Workload?, taskRole: String?) -> Fix {
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],"Resource":"*"}]}"#
        var commands = ["aws iam put-role-policy --role-name \(taskRole ?? "<task-role-name>") --policy-name ecs-exec --policy-document '\(policy)'"]
        if let service = workload?.service {
            commands.append("aws ecs update-service --cluster \(workload!.clusterName) --service \(service.serviceName) --enable-execute-command --force-new-deployment")
        } else {
            commands.append("aws ecs run-task --enable-execute-command --cluster <cluster> --task-definition <family:revision> ...")
        }
        return Fix(summary: "Enable ECS Exec on the service or task, give the task role the ssmmessages channel permissions, and start new tasks",
                   steps: ["ECS Exec needs enableExecuteCommand at task start: running tasks do not gain it.",
                           "The task role (not the execution role) needs ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel.",
                           "The task must reach ssmmessages (a NAT or an interface endpoint com.amazonaws.<region>.ssmmessages).",
                           "Check with: aws ecs describe-tasks ... --query 'tasks[0].containers[].managedAgents' (ExecuteCommandAgent RUNNING)."],
                   commands: commands)
    }
}
