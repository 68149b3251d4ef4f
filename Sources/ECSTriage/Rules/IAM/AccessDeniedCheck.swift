/// The text path of the execution-role permission rules: AccessDenied
/// failures for one family of actions, named outright by the message. It
/// covers what the configuration path (`ExecutionRolePermissionCheck`) did
/// not explain, and it is all a pasted stopped reason gets.
struct AccessDeniedCheck {
    let description: RuleDescription
    /// Services whose denials this rule explains (`ecr.api`, `logs`...).
    let services: Set<String>
    /// The actions the execution role needs, for the fix.
    let neededActions: [String]
    let what: String
    /// A phrase the message must contain (lowercased), when the service alone
    /// would also catch the application's own calls (S3).
    var phrase: String? = nil

    /// The AccessDenied symptoms of this rule's services, except those that
    /// name a container instance role (`instance-role-permissions` owns them)
    /// or a task role (the application's own calls: `task-role-permissions`).
    func candidates(_ context: AnalysisContext) -> [Symptom] {
        context.symptoms(of: [.accessDenied]).filter { symptom in
            guard symptom.facts.service.map(services.contains) ?? false else { return false }
            if let phrase, !symptom.message.lowercased().contains(phrase) { return false }
            guard let role = symptom.facts.roleName else { return true }
            if context.index.isExecutionRole(named: role) { return true }
            return !context.index.isInstanceRole(named: role) && !context.index.isTaskRole(named: role)
        }
    }

    /// The candidates that may belong to a definition whose execution role is `roleName`.
    func symptoms(for definition: TaskDefinition, roleName: String, _ context: AnalysisContext) -> [Symptom] {
        let ids = Set(context.index.workloads(using: definition).flatMap(\.resourceIds))
        return candidates(context).filter { symptom in
            if let named = symptom.facts.roleName, named != roleName { return false }
            guard let resource = symptom.resource else { return true }
            return ids.contains(resource) || context.index.workload(for: resource) == nil
        }
    }

    func evaluate(_ context: AnalysisContext, skipping claimed: Set<String> = [], notes: [String: [Evidence]] = [:]) -> [Finding] {
        candidates(context).filter { !claimed.contains($0.id) }.map { finding(for: $0, notes: notes[$0.id] ?? [], context) }
    }

    private func finding(for symptom: Symptom, notes: [Evidence], _ context: AnalysisContext) -> Finding {
        let facts = symptom.facts
        let workload = context.index.workload(for: symptom.resource)
        let definition = workload?.taskDefinition
        let definitionRole = definition?.executionRoleArn
        let roleName = facts.roleName ?? definitionRole.map(ARN.roleName)
        // The role by ARN when the definition names it: the reports and the tests match ARNs.
        let roleResource: ResourceID? = roleName.map { name in definitionRole.map { ARN.roleName($0) == name ? .arn($0) : .roleName(name) } ?? .roleName(name) }
        let actions = facts.action.map { [$0] } ?? (facts.service == "kms" ? ["kms:Decrypt"] : neededActions)
        let grant = RolePolicyGrant(roleName: roleName ?? "<execution-role-name>", policyName: "ecs-triage-\(description.id)",
                                    statements: [.init(actions: actions, resource: facts.resourceArn.map(GrantPattern.covering) ?? "*")])
        var evidence = [symptom.evidence]
        if facts.action == nil, facts.service == "kms" { evidence.append(Self.customerKeyEvidence(symptom)) }
        if let definitionRole, let definition { evidence.append(Self.definitionRoleEvidence(definition, definitionRole)) }
        return description.finding(
            title: Self.title(roleName: roleName, action: facts.action ?? neededActions.joined(separator: ", "), resource: facts.resourceArn),
            basis: .symptomText, explains: [symptom], resources: (roleResource.map { [$0] } ?? []) + symptom.resourceList,
            evidence: evidence + notes,
            fix: Self.fix(grant, what: what),
            missingEvidence: notes.isEmpty ? Self.roleEvidence(roleName, workload: workload)
                                           : [RolePolicyEvidence.serviceControlPolicies(account: context.index.accountId)])
    }
}

// MARK: Messages and fixes

extension AccessDeniedCheck {
    static func title(roleName: String?, action: String, resource: String?) -> String {
        "\(roleName.map { "Role \($0)" } ?? "The execution role") is not allowed \(action)\(resource.map { " on \($0)" } ?? "")"
    }

    static func customerKeyEvidence(_ symptom: Symptom) -> Evidence {
        Evidence(symptom.location, "\"Access to KMS is not allowed\": the secret is encrypted with a customer managed key the role may not kms:Decrypt")
    }

    static func definitionRoleEvidence(_ definition: TaskDefinition, _ roleArn: String) -> Evidence {
        Evidence(definition.location + "/executionRoleArn", "execution role of \(definition.familyRevision): \(roleArn)")
    }

    static func fix(_ grant: RolePolicyGrant, what: String) -> Fix {
        let allowed = grant.statements.flatMap(\.actions).joined(separator: ", ")
        let resources = grant.statements.flatMap(\.resources).joined(separator: ", ")
        return Fix(summary: "Allow \(grant.roleName) \(allowed) on \(resources)",
                   steps: ["Add the permission to the role ECS uses to \(what) (the task execution role; on EC2 without one, the container instance role).",
                           "Check for an explicit Deny, a permissions boundary or an SCP if the role already has an Allow.",
                           "Start new tasks; the failure is at start-up."],
                   commands: [grant.command], terraform: grant.terraform)
    }

    /// The role's policies, or first which role it is when the message does not say.
    static func roleEvidence(_ roleName: String?, workload: Workload?) -> [MissingEvidence] {
        guard let roleName else {
            return [MissingEvidence(why: "the execution role the denied call was made with",
                                    command: "aws ecs describe-task-definition --task-definition \(TaskDefinitionReference.argument(workload)) "
                                        + "--query taskDefinition.executionRoleArn")]
        }
        return [RolePolicyEvidence.policies(of: roleName)]
    }
}
