/// ECS Exec (`aws ecs execute-command`) is wanted but cannot work: disabled
/// on the service or task, or the task role lacks the `ssmmessages` channel
/// permissions the SSM agent in the task uses, or the task cannot reach
/// `ssmmessages`. Wanted means an ExecuteCommand error was seen, or
/// `enableExecuteCommand` is on for the service or one of its running tasks;
/// only the running tasks of the current deployment are judged (stopped and
/// replaced tasks are nobody's exec target).
/// Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
struct ECSExecNotReadyRule: Rule {
    static let channelActions = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                                 "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
    static let execError = "An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running. Wait and try again or run a new task with execute command enabled and try again."

    static let execPolicy = [(name: "exec", statements: #"[{"Effect": "Allow", "Action": ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], "Resource": "*"}]"#)]

    static func execService(_ enabled: Bool) -> String {
        Fixture.service("web").replacingOccurrences(of: #""desiredCount": 1"#, with: #""desiredCount": 1, "enableExecuteCommand": \#(enabled), "deployments": [{"id": "ecs-svc/2", "status": "PRIMARY", "taskDefinition": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"}]"#)
    }

    /// A task of the service's current deployment (`ecs-svc/2`) or of the one before it (`ecs-svc/1`).
    static func execTask(_ id: String, status: String, exec: Bool, deployment: String = "ecs-svc/2") -> String {
        #"{"taskArn": "\#(Fixture.taskArn(id))", "clusterArn": "\#(Fixture.cluster)", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "startedBy": "\#(deployment)", "launchType": "FARGATE", "lastStatus": "\#(status)", "desiredStatus": "\#(status)", "enableExecuteCommand": \#(exec), "containers": [{"name": "web", "lastStatus": "\#(status)"}]}"#
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
            .triggers("exec turned on, running task of the current deployment started without it", Fixture.snapshot(
                Fixture.array("services", execService(true)),
                Fixture.array("tasks", execTask("0a1", status: "RUNNING", exec: false)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "app-task-role")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"), Fixture.role("app-task-role", managed: [], inline: execPolicy))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
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
            .quiet("exec enabled; only a stopped task of the previous deployment lacks it", Fixture.snapshot(
                Fixture.array("services", execService(true)),
                Fixture.array("tasks", execTask("0a1", status: "RUNNING", exec: true), execTask("9f8", status: "STOPPED", exec: false, deployment: "ecs-svc/1")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "app-task-role")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"), Fixture.role("app-task-role", managed: [], inline: execPolicy)))),
            .quiet("exec off; only stopped tasks of the previous deployment had it", Fixture.snapshot(
                Fixture.array("services", execService(false)),
                Fixture.array("tasks", execTask("0a1", status: "RUNNING", exec: false),
                              execTask("9f8", status: "STOPPED", exec: true, deployment: "ecs-svc/1")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(taskRole: "app-task-role")),
                Fixture.array("RoleDetailList", Fixture.role("ecsTaskExecutionRole"), Fixture.role("app-task-role", managed: [], inline: [])))),
        ])

    /// What stands between `aws ecs execute-command` and one workload's tasks.
    struct Problems {
        var notEnabled: Evidence?
        var startedWithout: Evidence?
        var taskRole: TaskRoleProblem?
        var roleEvidence: [Evidence] = []
        var unreachable: [Evidence] = []
        var unreachablePaths: [DependencyPaths] = []
        /// The task role's policies leave the channels undetermined.
        var undetermined: [Evidence] = []

        var all: [Evidence] { [notEnabled, startedWithout].compactMap { $0 } + roleEvidence + unreachable }
    }

    enum TaskRoleProblem {
        case none, lacksChannels(roleName: String)
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
        for workload in context.index.workloads {
            let symptoms = context.symptoms(of: [.executeCommandFailed], on: workload)
            let current = Self.currentTasks(workload)
            let wanted = workload.service?.enableExecuteCommand == true || current.contains { $0.enableExecuteCommand == true }
            guard wanted || !symptoms.isEmpty else { continue }
            var problems = Problems()
            if !wanted {
                problems.notEnabled = Self.notEnabledEvidence(workload)
            } else if workload.service?.enableExecuteCommand == true, let task = current.first(where: { $0.enableExecuteCommand == false }) {
                problems.startedWithout = Self.startedWithoutEvidence(task)
            }
            if let definition = workload.taskDefinition { checkTaskRole(definition, context, &problems) }
            if wanted { checkReachability(workload, context, &problems) }
            let explained = problems.all.isEmpty && !symptoms.isEmpty ? problems.undetermined : problems.all
            guard !explained.isEmpty else { continue }
            claimed.formUnion(symptoms.map(\.id))
            let use = workload.taskDefinition.map(context.index.definitionUse)
            findings.append(Self.description.finding(
                title: Self.title(workload, problems), basis: problems.all.isEmpty ? .undetermined : .configuration, explains: symptoms,
                resources: [workload.resource] + (workload.taskDefinition?.taskRoleArn.map { [.arn($0)] } ?? []),
                evidence: symptoms.map(\.evidence) + explained,
                fix: Self.fix(workload, use: use, problems: problems, context),
                missingEvidence: problems.all.isEmpty ? [Self.simulation(workload.taskDefinition?.taskRoleArn)] : []))
        }
        for symptom in context.symptoms(of: [.executeCommandFailed]) where !claimed.contains(symptom.id) {
            findings.append(Self.description.finding(
                title: Self.textTitle, basis: .symptomText, explains: [symptom], resources: symptom.resourceList, evidence: [symptom.evidence],
                fix: Self.textFix, missingEvidence: [Self.taskExecState, Self.simulation(nil)]))
        }
        return findings
    }

    /// The running tasks of the service's current (PRIMARY) deployment, or
    /// the running tasks of a standalone workload.
    static func currentTasks(_ workload: Workload) -> [ECSTask] {
        let running = workload.tasks.filter { $0.lastStatus?.uppercased() != "STOPPED" && $0.desiredStatus?.uppercased() != "STOPPED" }
        guard let primary = workload.service?.deployments.first(where: { $0.status?.uppercased() == "PRIMARY" })?.id else { return running }
        return running.filter { $0.startedBy == nil || $0.startedBy == primary }
    }

    /// The task role must exist in the definition and allow the four channel actions.
    private func checkTaskRole(_ definition: TaskDefinition, _ context: AnalysisContext, _ problems: inout Problems) {
        guard let roleArn = definition.taskRoleArn else {
            problems.roleEvidence.append(Self.noTaskRoleEvidence(definition))
            return
        }
        guard let role = context.index.role(roleArn), let policies = context.index.policies(of: role) else { return }
        for action in Self.channelActions {
            let decision = PolicyEvaluator.evaluate(policies, PermissionRequest(action, on: .exact("*")))
            let evidence = Evidence(decision.location ?? role.location, "task role \(role.roleName): \(decision.explanation)")
            switch decision.outcome {
            case .denied:
                problems.roleEvidence.append(evidence)
                problems.taskRole = .lacksChannels(roleName: role.roleName)
            case .undetermined: problems.undetermined.append(evidence)
            case .allowed: break
            }
        }
    }

    /// Subnets with no internet path and no ssmmessages endpoint.
    private func checkReachability(_ workload: Workload, _ context: AnalysisContext, _ problems: inout Problems) {
        guard let network = context.network.first(where: { $0.workload.primaryResource == workload.primaryResource }) else { return }
        for path in network.subnets where path.internetDecided && !path.hasInternet {
            let endpoints = path.routing.vpcId.map(context.index.endpoints(inVpc:)) ?? []
            guard !DependencyPaths.hasEndpoint(for: "ssmmessages", endpoints: endpoints, routeTableId: path.routing.table.routeTableId) else { continue }
            problems.unreachable.append(Self.unreachableEvidence(path))
            problems.unreachablePaths.append(path)
        }
    }
}

// MARK: Messages and fixes

extension ECSExecNotReadyRule {
    static let textTitle = "ECS Exec failed: execute command was not enabled when the task started, or the agent cannot open its channels"

    static func title(_ workload: Workload, _ problems: Problems) -> String {
        let reason: String
        if problems.all.isEmpty {
            reason = "the task role's ssmmessages permissions are undetermined"
        } else if problems.notEnabled != nil {
            reason = "ECS Exec is not enabled"
        } else if problems.startedWithout != nil {
            reason = "its running tasks predate enabling ECS Exec"
        } else if workload.taskDefinition?.taskRoleArn == nil {
            reason = "the task definition has no task role"
        } else if case .lacksChannels = problems.taskRole {
            reason = "the task role may not open the ssmmessages channels"
        } else {
            reason = "ssmmessages is unreachable from its subnets"
        }
        return "ECS Exec cannot reach \(workload.name): \(reason)"
    }

    static func notEnabledEvidence(_ workload: Workload) -> Evidence {
        Evidence(workload.service?.location ?? workload.tasks.first?.location ?? "",
                 "enableExecuteCommand is not on for \(workload.name) or its running tasks: ECS did not start the SSM agent in them")
    }

    static func startedWithoutEvidence(_ task: ECSTask) -> Evidence {
        Evidence(task.location, "running task \(task.taskId) of the current deployment was started without enableExecuteCommand: "
                 + "turning it on reaches only tasks started afterwards")
    }

    static func noTaskRoleEvidence(_ definition: TaskDefinition) -> Evidence {
        Evidence(definition.location, "\(definition.familyRevision) has no taskRoleArn: the SSM agent in the task opens its channels with the task role")
    }

    static func unreachableEvidence(_ path: DependencyPaths) -> Evidence {
        Evidence(path.routing.table.location,
                 "subnet \(path.routing.subnetId) has no internet path and its VPC no ssmmessages interface endpoint: the agent cannot open its channels")
    }

    static let steps = [
        "ECS Exec needs enableExecuteCommand at task start: running tasks do not gain it.",
        "The task role (not the execution role) needs ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel.",
        "The task must reach ssmmessages (a NAT or an interface endpoint com.amazonaws.<region>.ssmmessages).",
        "Check with: aws ecs describe-tasks --cluster <cluster> --tasks <task-id> --query 'tasks[0].containers[].managedAgents' (ExecuteCommandAgent RUNNING).",
    ]

    /// What this workload needs, in order: the task role (created when the
    /// definition has none), the channels, the endpoint, then new tasks with the flag.
    static func fix(_ workload: Workload, use: DefinitionUse?, problems: Problems, _ context: AnalysisContext) -> Fix {
        var commands: [String] = []
        var terraform: [String] = []
        var missing: [MissingEvidence] = []
        let definition = workload.taskDefinition
        if let definition, definition.taskRoleArn == nil, let use {
            let role = AssumedRole.named(after: definition, suffix: "-task-role")
            let grant = RolePolicyGrant(roleName: role.roleName, policyName: "ecs-exec", statements: [.init(actions: channelActions, resource: "*")])
            let account = ARN.account(definition.taskDefinitionArn) ?? context.index.accountId ?? "<account-id>"
            let change = TaskDefinitionChange(use, [.task("taskRoleArn", .string(role.arn(account: account)))])
            commands += role.createCommands + [grant.command] + change.commands
            terraform += [role.terraform, grant.terraform(roleReference: "aws_iam_role.\(role.terraformLabel).id")]
            missing += change.missingEvidence
        } else if case let .lacksChannels(roleName) = problems.taskRole {
            let grant = RolePolicyGrant(roleName: roleName, policyName: "ecs-exec", statements: [.init(actions: channelActions, resource: "*")])
            commands.append(grant.command)
            terraform.append(grant.terraform)
        }
        let endpoint = endpointCommands(workload, problems.unreachablePaths, context)
        commands += endpoint
        if let service = workload.service {
            commands.append("aws ecs update-service --cluster \(ShellWord.quoted(workload.clusterName)) --service \(ShellWord.quoted(service.serviceName)) "
                            + "--enable-execute-command --force-new-deployment")
        } else {
            commands.append(runTaskCommand(workload))
        }
        return Fix(summary: "Enable ECS Exec on the service or task, give the task role the ssmmessages channel permissions, and start new tasks",
                   steps: steps, commands: commands, terraform: terraform.isEmpty ? nil : terraform.joined(separator: "\n"))
    }

    /// An interface endpoint for ssmmessages in the tasks' subnets, behind a
    /// new security group that admits 443 from the tasks' groups.
    static func endpointCommands(_ workload: Workload, _ paths: [DependencyPaths], _ context: AnalysisContext) -> [String] {
        guard let vpc = paths.lazy.compactMap(\.routing.vpcId).first, let region = context.index.region, !workload.securityGroupIds.isEmpty else { return [] }
        var zones = Set<String>()
        let subnets = paths.map(\.routing.subnetId).filter { id in
            zones.insert(context.index.subnet(id)?.availabilityZone ?? id).inserted
        }
        var commands = ["sg=$(aws ec2 create-security-group --group-name \(ShellWord.quoted("ssmmessages-endpoint-" + vpc)) "
                        + "--description 'ssmmessages endpoint for ECS Exec' --vpc-id \(ShellWord.quoted(vpc)) --query GroupId --output text)"]
        commands += workload.securityGroupIds.map { "aws ec2 authorize-security-group-ingress --group-id \"$sg\" --protocol tcp --port 443 --source-group \(ShellWord.quoted($0))" }
        commands.append("aws ec2 create-vpc-endpoint --vpc-id \(ShellWord.quoted(vpc)) --vpc-endpoint-type Interface --service-name com.amazonaws.\(region).ssmmessages "
                        + "--subnet-ids \(subnets.map(ShellWord.quoted).joined(separator: " ")) --security-group-ids \"$sg\" --private-dns-enabled")
        return commands
    }

    /// A standalone task started again with ECS Exec, in the same place.
    static func runTaskCommand(_ workload: Workload) -> String {
        var command = "aws ecs run-task --cluster \(ShellWord.quoted(workload.clusterName)) --task-definition \(TaskDefinitionReference.argument(workload)) "
            + "--enable-execute-command"
        if workload.isFargate { command += " --launch-type FARGATE" }
        if workload.networkMode == "awsvpc" {
            let publicIp: String? = workload.publicIp == .enabled ? "ENABLED" : (workload.publicIp == .disabled ? "DISABLED" : nil)
            command += " --network-configuration " + AwsvpcConfigurationArgument.shorthand(subnets: workload.subnetIds, securityGroups: workload.securityGroupIds,
                                                                                          assignPublicIp: publicIp)
        }
        return command
    }

    /// From the error text alone: the policy and the flag, with what would name the task.
    static let textFix = Fix(
        summary: "Start the task with ECS Exec enabled, with a task role allowed the ssmmessages channels",
        steps: steps + ["The error does not name the task: describe it (below) to see whether it was started with ECS Exec and which task role it has."])

    static let taskExecState = MissingEvidence(
        why: "whether the task was started with ECS Exec and its agent is running",
        command: "aws ecs describe-tasks --cluster <cluster> --tasks <task-id> --query 'tasks[0].{exec:enableExecuteCommand,agents:containers[].managedAgents}'")

    static func simulation(_ taskRoleArn: String?) -> MissingEvidence {
        MissingEvidence(why: "IAM's own evaluation of the task role's ssmmessages permissions",
                        command: "aws iam simulate-principal-policy --policy-source-arn \(taskRoleArn.map(ShellWord.quoted) ?? "<task-role-arn>") "
                            + "--action-names \(channelActions.joined(separator: " "))")
    }
}
