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
            let decisions = needs.map { (need: $0, decision: PolicyEvaluator.evaluate(policies, $0.request)) }
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
                    notes[symptom.id, default: []].append(Evidence(match.decision.location ?? role.location,
                        "\(match.decision.explanation): the role's own policies allow it, so the denial comes from outside them (\(PolicyEvaluator.outsideTheSnapshot))"))
                    if let note = decisions.lazy.compactMap(\.need.note).first {
                        notes[symptom.id, default: []].append(Evidence(definition.location, note))
                    }
                }
            }
        }
        return findings + textPath.evaluate(context, skipping: claimed, notes: notes)
    }

    private func deniedFinding(_ denied: [(need: PermissionNeed, decision: PolicyDecision)], role: IAMRole, policies: RolePolicies,
                               definition: TaskDefinition, symptoms: [Symptom]) -> Finding {
        let first = denied[0].need.request
        var evidence = symptoms.map(\.evidence)
        evidence.append(Evidence(definition.location + "/executionRoleArn", "execution role of \(definition.familyRevision): \(role.arn)"))
        var missing: [MissingEvidence] = []
        for (need, decision) in denied {
            evidence.append(Evidence(need.location, "needs \(need.request.description) for \(need.reason)"))
            evidence.append(Evidence(decision.location ?? role.location, decision.explanation))
            if let hint = hint(need, policies) { evidence.append(hint) }
            if let note = need.note, !evidence.contains(where: { $0.text == note }) {
                evidence.append(Evidence(need.location, note))
                if let command = need.noteEvidence { missing.append(command) }
            }
        }
        let explicitDeny = denied.first { $0.decision.explanation.contains("explicitly denies") }
        let boundary = denied.first { $0.decision.explanation.hasPrefix("the permissions boundary") }
        let more = denied.count > 1 ? " (and \(denied.count - 1) more)" : ""
        return description.finding(
            title: "Execution role \(role.roleName) may not \(first.action) on \(first.resource)\(more)",
            explains: symptoms,
            resources: [.arn(role.arn), .arn(definition.taskDefinitionArn)] + symptoms.flatMap(\.resourceList),
            evidence: evidence,
            fix: fix(denied.map(\.need.request), roleName: role.roleName, explicitDeny: explicitDeny?.decision, boundary: boundary?.decision),
            missingEvidence: missing)
    }

    private func undeterminedFinding(_ open: (need: PermissionNeed, decision: PolicyDecision), role: IAMRole,
                                     definition: TaskDefinition, symptoms: [Symptom]) -> Finding {
        let request = open.need.request
        let resource = request.resource.isComplete ? request.resource.text : request.resource.description
        return description.finding(
            title: "Execution role \(role.roleName) may lack \(request.action) on \(request.resource): its policies leave it undetermined",
            basis: .undetermined, explains: symptoms,
            resources: [.arn(role.arn), .arn(definition.taskDefinitionArn)] + symptoms.flatMap(\.resourceList),
            evidence: symptoms.map(\.evidence) + [
                Evidence(open.need.location, "needs \(request.description) for \(open.need.reason)"),
                Evidence(open.decision.location ?? role.location, open.decision.explanation),
            ],
            fix: fix([request], roleName: role.roleName, explicitDeny: nil, boundary: nil),
            missingEvidence: [MissingEvidence(why: "IAM's own evaluation settles what the snapshot cannot: \(open.decision.explanation)",
                                              command: "aws iam simulate-principal-policy --policy-source-arn \(role.arn) --action-names \(request.action) --resource-arns '\(resource)'")])
    }

    private func fix(_ requests: [PermissionRequest], roleName: String, explicitDeny: PolicyDecision?, boundary: PolicyDecision?) -> Fix {
        let grant = RolePolicyGrant(roleName: roleName, policyName: "ecs-triage-\(description.id)",
                                    actionsByResource: requests.map { ($0.action, $0.resource.description) })
        var steps: [String] = []
        if let explicitDeny {
            steps.append("An explicit Deny wins over every Allow: narrow or remove it (\(explicitDeny.explanation)).")
        }
        if let boundary {
            steps.append("The permissions boundary caps the role: add the actions to the boundary policy as well (\(boundary.explanation)).")
        }
        steps.append("Add the missing Allow to the execution role \(roleName) (an inline policy, or attach AmazonECSTaskExecutionRolePolicy for ECR and logs).")
        steps.append("Start new tasks: the failure happens at start-up, running tasks are not affected.")
        return Fix(summary: explicitDeny != nil ? "Narrow the Deny that blocks \(roleName), then allow what the task needs"
                                                : "Allow \(roleName) \(requests.map(\.action).uniqued().joined(separator: ", "))",
                   steps: steps, commands: [grant.command], terraform: grant.terraform)
    }
}
