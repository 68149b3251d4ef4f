/// Shared by `execution-role-trust` and `task-role-trust`: one role of each
/// task definition, checked against its trust policy and the assume-role
/// failures ECS reported.
struct RoleTrustCheck {
    enum RoleKind {
        case execution, task

        var label: String { self == .execution ? "execution role" : "task role" }
        var terraformAttribute: String { self == .execution ? "execution_role_arn" : "task_role_arn" }
        func arn(of definition: TaskDefinition) -> String? {
            self == .execution ? definition.executionRoleArn : definition.taskRoleArn
        }
    }

    let kind: RoleKind
    let description: RuleDescription

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimedSymptoms = Set<String>()
        let assumeFailures = context.symptoms(of: [.roleAssumeFailed])
        for definition in context.index.taskDefinitions {
            guard let roleArn = kind.arn(of: definition) else { continue }
            let related = assumeFailures.filter { symptom in
                guard let named = symptom.facts.roleArn else { return true }
                return named == roleArn || ARN.roleName(named) == ARN.roleName(roleArn)
            }
            if let finding = check(definition: definition, roleArn: roleArn, symptoms: related, context: context) {
                findings.append(finding)
                claimedSymptoms.formUnion(finding.explains)
            }
        }
        // Failures no definition check explained: a role named by a task
        // definition's taskRoleArn belongs to the task-role rule, every other
        // one to the execution-role rule (ECS assumes that one first).
        let taskRoles = Set(context.index.taskDefinitions.compactMap(\.taskRoleArn).map(ARN.roleName))
        for symptom in assumeFailures where !claimedSymptoms.contains(symptom.id) {
            let isTaskRole = symptom.facts.roleArn.map { taskRoles.contains(ARN.roleName($0)) } ?? false
            if isTaskRole == (kind == .task) { findings.append(namedByText(symptom, context: context)) }
        }
        return findings
    }

    private func check(definition: TaskDefinition, roleArn: String, symptoms: [Symptom], context: AnalysisContext) -> Finding? {
        let roleName = ARN.roleName(roleArn)
        let field = definition.location + (kind == .execution ? "/executionRoleArn" : "/taskRoleArn")
        let accountListed = context.index.listsRolesWithPolicies
        guard let role = context.index.role(roleArn) else {
            if roleName == "null" || roleName.isEmpty || accountListed {
                let why = roleName == "null" ? "the role ARN ends in \"null\": the template that registered the definition passed an empty value"
                    : "\(roleArn) is not among the account's roles (RoleDetailList): it does not exist or was deleted"
                return finding(title: "The \(kind.label) \(roleArn) of \(definition.familyRevision) does not exist",
                               symptoms: symptoms, roleArn: roleArn,
                               definition: definition, evidence: [Evidence(field, why)], createRole: true, context: context)
            }
            guard !symptoms.isEmpty else { return nil }
            return finding(title: "ECS could not assume the \(kind.label) \(roleName) of \(definition.familyRevision)",
                           basis: .symptomText, symptoms: symptoms, roleArn: roleArn, definition: definition,
                           evidence: [Evidence(field, "\(kind.label): \(roleArn)")], createRole: false, context: context,
                           missing: [MissingEvidence(why: "the role's trust policy decides whether ecs-tasks.amazonaws.com may assume it",
                                                     command: "aws iam get-role --role-name \(roleName) --query Role.AssumeRolePolicyDocument")])
        }
        let account = context.index.accountId ?? ARN.account(definition.taskDefinitionArn)
        let sourceArn = account.map { RequestValue.prefix("arn:aws:ecs:\(ARN.region(definition.taskDefinitionArn) ?? context.region):\($0):", continuationExcludes: ":") }
        let decision = TrustPolicyEvaluator.evaluate(role.trustPolicy, .init(servicePrincipal: "ecs-tasks.amazonaws.com", sourceAccount: account, sourceArn: sourceArn))
        let trustLocation = decision.location ?? role.trustPolicy?.location ?? role.location
        switch decision.outcome {
        case .allowed:
            return nil
        case .denied:
            return finding(title: "The \(kind.label) \(roleName) does not trust ecs-tasks.amazonaws.com",
                           symptoms: symptoms, roleArn: roleArn,
                           definition: definition,
                           evidence: [Evidence(field, "\(kind.label) of \(definition.familyRevision): \(roleArn)"),
                                      Evidence(trustLocation, decision.explanation)],
                           createRole: false, context: context)
        case .undetermined:
            guard !symptoms.isEmpty else { return nil }
            return finding(title: "ECS could not assume the \(kind.label) \(roleName); its trust policy is conditional",
                           basis: .undetermined, symptoms: symptoms, roleArn: roleArn, definition: definition,
                           evidence: [Evidence(trustLocation, decision.explanation)], createRole: false, context: context,
                           missing: [MissingEvidence(why: "the condition's real values at assume time (account, source ARN) decide it",
                                                     command: "aws iam get-role --role-name \(roleName) --query Role.AssumeRolePolicyDocument")])
        }
    }

    private func namedByText(_ symptom: Symptom, context: AnalysisContext) -> Finding {
        guard let roleArn = symptom.facts.roleArn else { return credentialsMissing(symptom, context: context) }
        let roleName = ARN.roleName(roleArn)
        var evidence = [symptom.evidence]
        let role = context.index.role(roleArn)
        if role != nil {
            evidence.append(Evidence(role!.location, "\(roleName) is in the snapshot and its trust policy lets ecs-tasks.amazonaws.com assume it: the failure came from elsewhere (the role was deleted and recreated after the task definition was registered, or the caller lacks iam:PassRole)"))
        }
        if roleName == "null" {
            evidence.append(Evidence(symptom.location, "the role ARN ends in \"null\": the task definition was registered with an empty role value"))
        }
        return description.finding(
            title: "ECS could not assume the role \(roleName) (\(kind == .task ? "task role" : "execution or task role"))",
            basis: role == nil ? .symptomText : .undetermined, explains: [symptom], resources: [.arn(roleArn)],
            evidence: evidence,
            fix: Fix(summary: "Make \(roleName) exist and trust ecs-tasks.amazonaws.com, and point the task definition at it",
                     steps: trustSteps(roleName: roleName) + ["The same message is printed for the task role: check which of executionRoleArn / taskRoleArn names \(roleName)."],
                     commands: trustCommands(roleName: roleName, create: roleName == "null")),
            missingEvidence: [MissingEvidence(why: "the role's existence and trust policy", command: "aws iam get-role --role-name \(roleName)"),
                              MissingEvidence(why: "which role of the task definition it is", command: "aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.[executionRoleArn,taskRoleArn]'")])
    }

    /// The agent found no execution-role credentials for the task (agent/taskresource/envFiles/envfile.go,
    /// asmsecret.go, ssmsecret.go, agent/engine/docker_task_engine.go at 8dfceca6): ECS delivers them
    /// only after assuming the role, so the role is missing, not trusting ecs-tasks, or was not passed.
    private func credentialsMissing(_ symptom: Symptom, context: AnalysisContext) -> Finding {
        let workload = context.index.workload(for: symptom.resource)
        let definition = workload?.taskDefinition
        let roleName = definition?.executionRoleArn.map(ARN.roleName)
        return description.finding(
            title: "The task got no credentials for its execution role\(roleName.map { " \($0)" } ?? "")",
            basis: .symptomText, explains: [symptom],
            resources: (definition?.executionRoleArn.map { [.arn($0)] } ?? []) + symptom.resourceList,
            evidence: [symptom.evidence],
            fix: Fix(summary: "Give the task definition an execution role that trusts ecs-tasks.amazonaws.com",
                     steps: trustSteps(roleName: roleName ?? "<execution-role-name>")
                         + ["Secrets, environment files and ECR pulls that the agent does for the task use the execution role's credentials; without " +
                            "them it stops the task."],
                     commands: trustCommands(roleName: roleName ?? "<execution-role-name>", create: false)),
            missingEvidence: [MissingEvidence(why: "the task definition's execution role",
                                              command: "aws ecs describe-task-definition --task-definition " +
                                                       "\(definition?.familyRevision ?? "<family:revision>") --query taskDefinition.executionRoleArn")])
    }

    private func finding(title: String, basis: Basis = .configuration, symptoms: [Symptom], roleArn: String, definition: TaskDefinition,
                         evidence: [Evidence], createRole: Bool, context: AnalysisContext, missing: [MissingEvidence] = []) -> Finding {
        let roleName = ARN.roleName(roleArn)
        return description.finding(
            title: title, basis: basis, explains: symptoms,
            resources: [.arn(roleArn), .arn(definition.taskDefinitionArn)],
            evidence: symptoms.map(\.evidence) + evidence,
            fix: Fix(summary: createRole ? "Create the \(kind.label) with a trust policy for ecs-tasks.amazonaws.com and register the definition with its ARN"
                                         : "Let ecs-tasks.amazonaws.com assume \(roleName) in its trust policy",
                     steps: trustSteps(roleName: roleName),
                     commands: trustCommands(roleName: roleName, create: createRole),
                     terraform: """
                     data "aws_iam_policy_document" "ecs_tasks_trust" {
                       statement {
                         actions = ["sts:AssumeRole"]
                         principals {
                           type        = "Service"
                           identifiers = ["ecs-tasks.amazonaws.com"]
                         }
                       }
                     }
                     resource "aws_iam_role" "\(kind == .execution ? "execution" : "task")" {
                       assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
                     }
                     # aws_ecs_task_definition: \(kind.terraformAttribute) = aws_iam_role.\(kind == .execution ? "execution" : "task").arn
                     """),
            missingEvidence: missing)
    }

    private func trustSteps(roleName: String) -> [String] {
        ["The trust policy must allow the service principal ecs-tasks.amazonaws.com (not ec2.amazonaws.com or ecs.amazonaws.com) to call sts:AssumeRole.",
         "If you add aws:SourceAccount / aws:SourceArn conditions, they must match the account and arn:aws:ecs:<region>:<account>:*.",
         "Then start new tasks; running tasks keep the credentials they had."]
    }

    private func trustCommands(roleName: String, create: Bool) -> [String] {
        let trust = #"'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'"#
        if create {
            return ["aws iam create-role --role-name ecsTaskExecutionRole --assume-role-policy-document \(trust)",
                    "aws iam attach-role-policy --role-name ecsTaskExecutionRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]
        }
        return ["aws iam update-assume-role-policy --role-name \(roleName) --policy-document \(trust)"]
    }
}
