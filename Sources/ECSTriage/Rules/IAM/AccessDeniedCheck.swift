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
    /// name a container instance role (`instance-role-permissions` owns them).
    func candidates(_ context: AnalysisContext) -> [Symptom] {
        context.symptoms(of: [.accessDenied]).filter { symptom in
            guard symptom.facts.service.map(services.contains) ?? false else { return false }
            if let phrase, !symptom.message.lowercased().contains(phrase) { return false }
            guard let role = symptom.facts.roleName else { return true }
            return context.index.isExecutionRole(named: role) || !context.index.isInstanceRole(named: role)
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
        let definitionRole = workload?.taskDefinition?.executionRoleArn
        let roleName = facts.roleName ?? definitionRole.map(ARN.roleName)
        let action = facts.action ?? neededActions.joined(separator: ", ")
        let resource = facts.resourceArn ?? "*"
        var evidence = [symptom.evidence]
        if facts.action == nil, facts.service == "kms" {
            evidence.append(Evidence(symptom.location, "\"Access to KMS is not allowed\": the secret is encrypted with a customer managed key the role may not kms:Decrypt"))
        }
        if let definitionRole, let definition = workload?.taskDefinition {
            evidence.append(Evidence(definition.location + "/executionRoleArn", "execution role of \(definition.familyRevision): \(definitionRole)"))
        }
        evidence += notes
        let role = roleName ?? "<execution-role-name>"
        let grant = RolePolicyGrant(roleName: role, policyName: "ecs-triage-\(description.id)",
                                    statements: [.init(actions: actionsFor(facts), resource: resource)])
        return description.finding(
            title: "\(roleName.map { "Role \($0)" } ?? "The execution role") is not allowed \(action)\(resource == "*" ? "" : " on \(resource)")",
            basis: .symptomText, explains: [symptom],
            resources: (roleName.map { [.roleName($0)] } ?? []) + symptom.resourceList,
            evidence: evidence,
            fix: Fix(summary: "Allow \(role) \(actionsFor(facts).joined(separator: ", ")) on \(resource)",
                     steps: ["Add the permission to the role ECS uses to \(what) (the task execution role; on EC2 without one, the container instance role).",
                             "Check for an explicit Deny, a permissions boundary or an SCP if the role already has an Allow.",
                             "Start new tasks; the failure is at start-up."],
                     commands: [grant.command], terraform: grant.terraform),
            missingEvidence: notes.isEmpty ? [MissingEvidence(why: "the role's policies, boundary and any explicit Deny",
                                                              command: "aws iam get-account-authorization-details --filter Role --query \"RoleDetailList[?RoleName=='\(role)']\"")]
                                           : [MissingEvidence(why: "an SCP or resource policy may deny what the role's policies allow",
                                                              command: "aws organizations list-policies-for-target --target-id <account-id> --filter SERVICE_CONTROL_POLICY")])
    }

    private func actionsFor(_ facts: SymptomFacts) -> [String] {
        if let action = facts.action { return [action] }
        if facts.service == "kms" { return ["kms:Decrypt"] }
        return neededActions
    }
}

import Foundation
