/// Shared by `execution-role-trust` and `task-role-trust`: one role of each
/// task definition, checked against its trust policy and the assume-role
/// failures ECS reported. A role missing from the snapshot is said not to
/// exist only when the snapshot proves it (`SnapshotIndex.roleAbsence`): a
/// filtered or truncated listing, or a role ECS was seen assuming, proves
/// nothing of the kind.
struct RoleTrustCheck {
    enum RoleKind {
        case execution, task

        var label: String { self == .execution ? "execution role" : "task role" }
        var member: String { self == .execution ? "executionRoleArn" : "taskRoleArn" }
        var terraformAttribute: String { self == .execution ? "execution_role_arn" : "task_role_arn" }

        func arn(of definition: TaskDefinition) -> String? {
            self == .execution ? definition.executionRoleArn : definition.taskRoleArn
        }

        /// What the role needs from the start: the execution role pulls images and writes logs.
        var managedPolicyArns: [String] { self == .execution ? [AssumedRole.executionRolePolicyArn] : [] }
    }

    let kind: RoleKind
    let description: RuleDescription

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimedSymptoms = Set<String>()
        let assumeFailures = context.symptoms(of: [.roleAssumeFailed])
        // ECS printed `assumed-role/<name>/...` for these: they exist, whatever a listing says.
        let assumedRoleNames = Set(context.symptoms.filter { $0.message.contains("assumed-role/") }.compactMap(\.facts.roleName))
        for use in context.index.definitionUses {
            guard let roleArn = kind.arn(of: use.definition) else { continue }
            let related = assumeFailures.filter { symptom in
                guard let named = symptom.facts.roleArn else { return true }
                return named == roleArn || ARN.roleName(named) == ARN.roleName(roleArn)
            }
            let seenAssumed = assumedRoleNames.contains(ARN.roleName(roleArn))
            if let finding = check(use, roleArn: roleArn, symptoms: related, seenAssumed: seenAssumed, context) {
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
            if isTaskRole == (kind == .task) { findings.append(namedByText(symptom, context)) }
        }
        return findings
    }

    private func check(_ use: DefinitionUse, roleArn: String, symptoms: [Symptom], seenAssumed: Bool, _ context: AnalysisContext) -> Finding? {
        let definition = use.definition
        let field = Evidence(definition.location + "/" + kind.member, "\(kind.label) of \(definition.familyRevision): \(roleArn)")
        let role = AssumedRole(arn: roleArn, managedPolicyArns: kind.managedPolicyArns)
        guard let found = context.index.role(roleArn) else {
            if role.roleName == "null" {
                return description.finding(
                    title: Self.nullRoleTitle(kind, definition), explains: symptoms, resources: [.arn(definition.taskDefinitionArn)],
                    evidence: symptoms.map(\.evidence) + [field, Self.nullRoleEvidence(definition, kind)],
                    fix: Self.nullRoleFix(kind, use), missingEvidence: [Self.candidateRoles])
            }
            if !seenAssumed, let absence = context.index.roleAbsence(roleArn) {
                return description.finding(
                    title: Self.absentTitle(kind, roleArn, definition), explains: symptoms, resources: [.arn(roleArn), .arn(definition.taskDefinitionArn)],
                    evidence: symptoms.map(\.evidence) + [field, absence], fix: Self.createFix(kind, role))
            }
            guard !symptoms.isEmpty else { return nil }
            return description.finding(
                title: Self.notAssumedTitle(kind, role.roleName, definition), basis: .symptomText, explains: symptoms,
                resources: [.arn(roleArn), .arn(definition.taskDefinitionArn)], evidence: symptoms.map(\.evidence) + [field],
                fix: Self.trustFix(kind, role), missingEvidence: [Self.trustPolicyCommand(role.roleName)])
        }
        let account = context.index.accountId ?? ARN.account(definition.taskDefinitionArn)
        let region = ARN.region(definition.taskDefinitionArn) ?? context.region
        let sourceArn = account.map { RequestValue.prefix("arn:aws:ecs:\(region):\($0):", continuationExcludes: ":") }
        let decision = TrustPolicyEvaluator.evaluate(found.trustPolicy, .init(servicePrincipal: AssumedRole.ecsTasks, sourceAccount: account, sourceArn: sourceArn))
        let trust = Evidence(decision.location ?? found.trustPolicy?.location ?? found.location, decision.explanation)
        switch decision.outcome {
        case .allowed:
            return nil
        case .denied:
            return description.finding(
                title: Self.untrustedTitle(kind, role.roleName), explains: symptoms, resources: [.arn(roleArn), .arn(definition.taskDefinitionArn)],
                evidence: symptoms.map(\.evidence) + [field, trust], fix: Self.trustFix(kind, role))
        case .undetermined:
            guard !symptoms.isEmpty else { return nil }
            return description.finding(
                title: Self.conditionalTitle(kind, role.roleName), basis: .undetermined, explains: symptoms,
                resources: [.arn(roleArn), .arn(definition.taskDefinitionArn)], evidence: symptoms.map(\.evidence) + [trust],
                fix: Self.trustFix(kind, role), missingEvidence: [Self.conditionValues(role.roleName)])
        }
    }

    private func namedByText(_ symptom: Symptom, _ context: AnalysisContext) -> Finding {
        guard let roleArn = symptom.facts.roleArn else { return credentialsMissing(symptom, context) }
        let role = AssumedRole(arn: roleArn)
        var evidence = [symptom.evidence]
        let known = context.index.role(roleArn)
        if let known { evidence.append(Self.trustedAnywayEvidence(known)) }
        if role.roleName == "null" { evidence.append(Evidence(symptom.location, Self.nullRoleText)) }
        let workload = context.index.workload(for: symptom.resource)
        return description.finding(
            title: Self.namedTitle(kind, role.roleName), basis: known == nil ? .symptomText : .undetermined, explains: [symptom],
            resources: [.arn(roleArn)] + symptom.resourceList, evidence: evidence,
            fix: Self.textFix(kind, role.roleName == "null" ? nil : role),
            missingEvidence: (role.roleName == "null" ? [] : [Self.roleCommand(role.roleName)]) + [Self.definitionRoles(workload)])
    }
}

extension RoleTrustCheck {
    /// The agent found no execution-role credentials for the task (agent/taskresource/envFiles/envfile.go,
    /// asmsecret.go, ssmsecret.go, agent/engine/docker_task_engine.go at 8dfceca6): ECS delivers them
    /// only after assuming the role, so the role is missing, not trusting ecs-tasks, or was not passed.
    private func credentialsMissing(_ symptom: Symptom, _ context: AnalysisContext) -> Finding {
        let workload = context.index.workload(for: symptom.resource)
        let roleArn = workload?.taskDefinition?.executionRoleArn
        return description.finding(
            title: Self.noCredentialsTitle(roleArn.map(ARN.roleName)), basis: .symptomText, explains: [symptom],
            resources: (roleArn.map { [.arn($0)] } ?? []) + symptom.resourceList, evidence: [symptom.evidence],
            fix: Self.noCredentialsFix(roleArn.map { AssumedRole(arn: $0) }),
            missingEvidence: (roleArn.map { [Self.roleCommand(ARN.roleName($0))] } ?? []) + [Self.definitionRoles(workload)])
    }
}

// MARK: Messages and fixes

extension RoleTrustCheck {
    static let nullRoleText = "the role ARN ends in \"null\": the template that registered the definition passed an empty value"

    static func nullRoleTitle(_ kind: RoleKind, _ definition: TaskDefinition) -> String {
        "The \(kind.label) of \(definition.familyRevision) is the ARN of a role named \"null\": the template passed an empty value"
    }

    static func absentTitle(_ kind: RoleKind, _ roleArn: String, _ definition: TaskDefinition) -> String {
        "The \(kind.label) \(roleArn) of \(definition.familyRevision) does not exist"
    }

    static func notAssumedTitle(_ kind: RoleKind, _ roleName: String, _ definition: TaskDefinition) -> String {
        "ECS could not assume the \(kind.label) \(roleName) of \(definition.familyRevision)"
    }

    static func untrustedTitle(_ kind: RoleKind, _ roleName: String) -> String {
        "The \(kind.label) \(roleName) does not trust ecs-tasks.amazonaws.com"
    }

    static func conditionalTitle(_ kind: RoleKind, _ roleName: String) -> String {
        "ECS could not assume the \(kind.label) \(roleName); its trust policy is conditional"
    }

    static func namedTitle(_ kind: RoleKind, _ roleName: String) -> String {
        "ECS could not assume the role \(roleName) (\(kind == .task ? "task role" : "execution or task role"))"
    }

    static func noCredentialsTitle(_ roleName: String?) -> String {
        "The task got no credentials for its execution role\(roleName.map { " \($0)" } ?? "")"
    }

    static func noCredentialsFix(_ role: AssumedRole?) -> Fix {
        Fix(summary: "Give the task definition an execution role that exists and trusts ecs-tasks.amazonaws.com",
            steps: trustSteps + ["Secrets, environment files and ECR pulls that the agent does for the task use the execution role's credentials; "
                                 + "without them it stops the task."],
            commands: role.map { [$0.updateTrustCommand] } ?? [])
    }

    static func nullRoleEvidence(_ definition: TaskDefinition, _ kind: RoleKind) -> Evidence {
        Evidence(definition.location + "/" + kind.member, nullRoleText)
    }

    static func trustedAnywayEvidence(_ role: IAMRole) -> Evidence {
        Evidence(role.location, "\(role.roleName) is in the snapshot: the failure came from elsewhere (its trust policy, the role deleted and "
                 + "recreated after the task definition was registered, or the caller lacks iam:PassRole)")
    }

    static var trustSteps: [String] {
        ["The trust policy must allow the service principal ecs-tasks.amazonaws.com (not ec2.amazonaws.com or ecs.amazonaws.com) to call sts:AssumeRole.",
         "If you add aws:SourceAccount / aws:SourceArn conditions, they must match the account and arn:aws:ecs:<region>:<account>:*.",
         "Then start new tasks; running tasks keep the credentials they had."]
    }

    /// Rewrites the trust policy of a role that exists.
    static func trustFix(_ kind: RoleKind, _ role: AssumedRole) -> Fix {
        Fix(summary: "Let ecs-tasks.amazonaws.com assume \(role.roleName) in its trust policy",
            steps: trustSteps, commands: [role.updateTrustCommand], terraform: role.terraform)
    }

    /// Creates the role the definition names, under that name, for its purpose.
    static func createFix(_ kind: RoleKind, _ role: AssumedRole) -> Fix {
        let purpose = kind == .execution
            ? "Attach AmazonECSTaskExecutionRolePolicy (image pull and logs) and add what else the definition reads (secrets, environment files)."
            : "Add the permissions the application's own AWS calls need (put-role-policy): a new role allows nothing."
        return Fix(summary: "Create the \(kind.label) \(role.roleName) the task definition names, trusting ecs-tasks.amazonaws.com",
                   steps: ["The task definition names \(role.roleName); create it under that name, or register a revision naming a role that exists.",
                           purpose] + trustSteps.suffix(1),
                   commands: role.createCommands, terraform: role.terraform)
    }

    static func nullRoleFix(_ kind: RoleKind, _ use: DefinitionUse) -> Fix {
        Fix(summary: "Register \(use.definition.family ?? use.definition.familyRevision) with the ARN of a real \(kind.label) in \(kind.member)",
            steps: ["The value comes from the template that registered the definition (a variable, parameter or output left empty): set it there.",
                    "The role must exist and trust ecs-tasks.amazonaws.com."])
    }

    /// For a failure known from its text only.
    static func textFix(_ kind: RoleKind, _ role: AssumedRole?) -> Fix {
        guard let role else {
            return Fix(summary: "Point the task definition at a role that exists and trusts ecs-tasks.amazonaws.com",
                       steps: ["An ARN ending in \"null\" (or no ARN) means the template that registered the definition passed an empty value: set it there."]
                           + trustSteps)
        }
        return Fix(summary: "Make \(role.roleName) exist and trust ecs-tasks.amazonaws.com, and point the task definition at it",
                   steps: trustSteps + ["The same message is printed for the task role: check which of executionRoleArn / taskRoleArn names \(role.roleName)."],
                   commands: [role.updateTrustCommand])
    }

    static func trustPolicyCommand(_ roleName: String) -> MissingEvidence {
        MissingEvidence(why: "the role's existence and trust policy decide whether ecs-tasks.amazonaws.com may assume it",
                        command: "aws iam get-role --role-name \(ShellWord.quoted(roleName)) --query Role.AssumeRolePolicyDocument")
    }

    static func conditionValues(_ roleName: String) -> MissingEvidence {
        MissingEvidence(why: "the condition's real values at assume time (account, source ARN) decide it",
                        command: "aws iam get-role --role-name \(ShellWord.quoted(roleName)) --query Role.AssumeRolePolicyDocument")
    }

    static func roleCommand(_ roleName: String) -> MissingEvidence {
        MissingEvidence(why: "the role's existence and trust policy", command: "aws iam get-role --role-name \(ShellWord.quoted(roleName))")
    }

    static let candidateRoles = MissingEvidence(
        why: "the roles ECS tasks may assume, one of which the template meant",
        command: "aws iam list-roles --query \"Roles[?contains(to_string(AssumeRolePolicyDocument), 'ecs-tasks.amazonaws.com')].Arn\"")

    /// Which of the definition's roles the message is about.
    static func definitionRoles(_ workload: Workload?) -> MissingEvidence {
        let definition = workload?.taskDefinition?.familyRevision ?? workload?.service?.taskDefinition.map(ARN.lastComponent)
        return MissingEvidence(why: "which role of the task definition it is",
                               command: "aws ecs describe-task-definition --task-definition \(definition.map(ShellWord.quoted) ?? "<family:revision>") "
                                   + "--query 'taskDefinition.[executionRoleArn,taskRoleArn]'")
    }
}
