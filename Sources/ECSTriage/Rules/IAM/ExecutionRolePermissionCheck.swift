/// Shared by the execution-role permission rules. The configuration path:
/// for each task definition whose execution role is in the snapshot with its
/// policies (RoleDetailList), evaluate what the rule's needs ask for.
/// Denied → a finding (`likely`, `confirmed` with a matching AccessDenied);
/// undetermined → a `possible` finding only when a symptom points at it;
/// allowed → nothing, and a symptom saying otherwise is told the denial comes
/// from outside the role. A role known only from `get-role` is never found
/// lacking anything. Then the text path (`AccessDeniedCheck`) takes the
/// AccessDenied messages no definition explained.
struct ExecutionRolePermissionCheck {
    typealias Decided = (need: PermissionNeed, decision: PolicyDecision)

    let textPath: AccessDeniedCheck
    /// This rule's needs for one definition (empty when none apply).
    let needs: (TaskDefinition, PermissionNeeds.Place, AnalysisContext) -> [PermissionNeed]
    /// More to say about one denied need (the env-file bucket written with a trailing `/`).
    var hint: (PermissionNeed, RolePolicies) -> Evidence? = { _, _ in nil }

    var description: RuleDescription { textPath.description }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
        var notes: [String: [Evidence]] = [:]
        for definition in context.index.taskDefinitions {
            guard let roleArn = definition.executionRoleArn, let role = context.index.role(roleArn),
                  let policies = context.index.policies(of: role), let place = PermissionNeeds.place(of: definition, context) else { continue }
            let needs = needs(definition, place, context)
            guard !needs.isEmpty else { continue }
            let decisions: [Decided] = needs.map { ($0, $0.decision(policies)) }
            let symptoms = textPath.symptoms(for: definition, roleName: role.roleName, context)
            let denied = decisions.filter { $0.decision.outcome == .denied }
            if !denied.isEmpty {
                findings.append(deniedFinding(denied, role: role, policies: policies, definition: definition, symptoms: symptoms))
                claimed.formUnion(symptoms.map(\.id))
            } else if let open = decisions.first(where: { $0.decision.outcome == .undetermined }), !symptoms.isEmpty {
                findings.append(undeterminedFinding(open, role: role, definition: definition, symptoms: symptoms))
                claimed.formUnion(symptoms.map(\.id))
            } else {
                for symptom in symptoms {
                    let match = decisions.first { $0.need.request.action.lowercased() == symptom.facts.action?.lowercased() } ?? decisions[0]
                    notes[symptom.id, default: []].append(Self.allowedByTheRole(match, role: role))
                    if let note = decisions.lazy.compactMap(\.need.note).first {
                        notes[symptom.id, default: []].append(Evidence(definition.location, note))
                    }
                }
            }
        }
        return findings + textPath.evaluate(context, skipping: claimed, notes: notes)
    }

    private func deniedFinding(_ denied: [Decided], role: IAMRole, policies: RolePolicies, definition: TaskDefinition, symptoms: [Symptom]) -> Finding {
        var evidence = symptoms.map(\.evidence) + [Self.roleOfDefinition(definition, role)]
        var missing: [MissingEvidence] = []
        for (need, decision) in denied {
            evidence.append(Evidence(need.location, need.summary))
            evidence.append(Evidence(decision.location ?? role.location, decision.explanation))
            if let hint = hint(need, policies) { evidence.append(hint) }
            if let note = need.note, !evidence.contains(where: { $0.text == note }) {
                evidence.append(Evidence(need.location, note))
                if let command = need.noteEvidence { missing.append(command) }
            }
        }
        return description.finding(
            title: Self.deniedTitle(role.roleName, denied.map(\.need)), explains: symptoms,
            resources: [.arn(role.arn), .arn(definition.taskDefinitionArn)] + symptoms.flatMap(\.resourceList), evidence: evidence,
            fix: fix(denied.map(\.need), roleName: role.roleName,
                     explicitDeny: denied.first { $0.decision.explanation.contains("explicitly denies") }?.decision,
                     boundary: denied.first { $0.decision.explanation.hasPrefix("the permissions boundary") }?.decision),
            missingEvidence: missing)
    }

    private func undeterminedFinding(_ open: Decided, role: IAMRole, definition: TaskDefinition, symptoms: [Symptom]) -> Finding {
        description.finding(
            title: Self.undeterminedTitle(role.roleName, open.need), basis: .undetermined, explains: symptoms,
            resources: [.arn(role.arn), .arn(definition.taskDefinitionArn)] + symptoms.flatMap(\.resourceList),
            evidence: symptoms.map(\.evidence) + [Evidence(open.need.location, open.need.summary),
                                                  Evidence(open.decision.location ?? role.location, open.decision.explanation)],
            fix: fix([open.need], roleName: role.roleName, explicitDeny: nil, boundary: nil),
            missingEvidence: [Self.simulation(role, open)])
    }

    private func fix(_ needs: [PermissionNeed], roleName: String, explicitDeny: PolicyDecision?, boundary: PolicyDecision?) -> Fix {
        let grant = RolePolicyGrant(roleName: roleName, policyName: "ecs-triage-\(description.id)",
                                    actionsByResource: needs.map { ($0.request.action, $0.grant) })
        var steps: [String] = []
        if let explicitDeny { steps.append("An explicit Deny wins over every Allow: narrow or remove it (\(explicitDeny.explanation)).") }
        if let boundary { steps.append("The permissions boundary caps the role: add the actions to the boundary policy as well (\(boundary.explanation)).") }
        steps.append("Add the missing Allow to the execution role \(roleName) (an inline policy, or attach AmazonECSTaskExecutionRolePolicy for ECR and logs).")
        steps.append("Start new tasks: the failure happens at start-up, running tasks are not affected.")
        let actions = needs.map(\.request.action).uniqued().joined(separator: ", ")
        return Fix(summary: explicitDeny != nil ? "Narrow the Deny that blocks \(roleName), then allow what the task needs" : "Allow \(roleName) \(actions)",
                   steps: steps, commands: [grant.command], terraform: grant.terraform)
    }
}

// MARK: Messages and fixes

extension ExecutionRolePermissionCheck {
    static func deniedTitle(_ roleName: String, _ needs: [PermissionNeed]) -> String {
        let more = needs.count > 1 ? " (and \(needs.count - 1) more)" : ""
        return "Execution role \(roleName) may not \(needs[0].request.action) on \(needs[0].grant)\(more)"
    }

    static func undeterminedTitle(_ roleName: String, _ need: PermissionNeed) -> String {
        "Execution role \(roleName) may lack \(need.request.action) on \(need.grant): its policies leave it undetermined"
    }

    static func roleOfDefinition(_ definition: TaskDefinition, _ role: IAMRole) -> Evidence {
        Evidence(definition.location + "/executionRoleArn", "execution role of \(definition.familyRevision): \(role.arn)")
    }

    static func allowedByTheRole(_ match: Decided, role: IAMRole) -> Evidence {
        Evidence(match.decision.location ?? role.location,
                 "\(match.decision.explanation): the role's own policies allow it, so the denial comes from outside them (\(PolicyEvaluator.outsideTheSnapshot))")
    }

    /// IAM's own evaluation of the call the snapshot cannot decide.
    static func simulation(_ role: IAMRole, _ open: Decided) -> MissingEvidence {
        let request = open.need.request
        let resource = request.resource.isComplete ? request.resource.text : open.need.grant
        return MissingEvidence(why: "IAM's own evaluation settles what the snapshot cannot: \(open.decision.explanation)",
                               command: "aws iam simulate-principal-policy --policy-source-arn \(role.arn) --action-names \(request.action) "
                                   + "--resource-arns \(ShellWord.quoted(resource))")
    }
}
