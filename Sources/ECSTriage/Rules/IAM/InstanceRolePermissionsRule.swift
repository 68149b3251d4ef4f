/// EC2 launch type: the container instance role (instance profile) lacks
/// what the ECS agent needs: register and poll, and, for tasks without an
/// execution role, pull from ECR and write awslogs.
/// Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/instance_IAM_role.html
struct InstanceRolePermissionsRule: Rule {
    static let instance = #"{"Instances": [{"InstanceId": "i-0abc", "InstanceType": "t3.medium", "SubnetId": "subnet-a", "IamInstanceProfile": {"Arn": "arn:aws:iam::111122223333:instance-profile/ecsInstanceRole", "Id": "AIPA1"}}]}"#
    static let ec2Definition = ExecutionRoleMissingRule.ec2Definition.replacingOccurrences(of: "SECRETS", with: "")

    static let description = RuleDescription(
        id: "instance-role-permissions", title: "Container instance role lacks what the ECS agent needs",
        category: .iam, severity: .critical, explains: [.accessDenied, .noContainerInstances], needs: [.instances, .roles, .containerInstances],
        examples: [
            .triggers("instance role with SSM only", Fixture.snapshot(
                Fixture.array("Reservations", instance),
                Fixture.array("RoleDetailList", Fixture.role("ecsInstanceRole", trustedService: "ec2.amazonaws.com",
                                                             managed: ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"], instanceProfile: "ecsInstanceRole"))),
                resources: [Fixture.roleArn("ecsInstanceRole")], confidence: .likely),
            .triggers("instance role cannot pull for a task without an execution role", Fixture.snapshot(
                Fixture.array("Reservations", instance),
                Fixture.array("taskDefinitions", ec2Definition),
                Fixture.array("RoleDetailList", Fixture.role("ecsInstanceRole", trustedService: "ec2.amazonaws.com", managed: [],
                                                             inline: [(name: "agent", statements: #"[{"Effect": "Allow", "Action": ["ecs:RegisterContainerInstance", "ecs:DeregisterContainerInstance", "ecs:DiscoverPollEndpoint", "ecs:Poll", "ecs:StartTelemetrySession", "ecs:Submit*", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]"#)],
                                                             instanceProfile: "ecsInstanceRole"))),
                resources: [Fixture.roleArn("ecsInstanceRole")], confidence: .likely),
            .triggers("the agent's own denial names the instance role", Fixture.snapshot(
                Fixture.array("Reservations", instance),
                Fixture.array("tasks", Fixture.stoppedTask("7d2e", reason: "CannotPullContainerError: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsInstanceRole/i-0abc is not authorized to perform: ecr:GetAuthorizationToken on resource: * status code: 400")),
                Fixture.array("taskDefinitions", ec2Definition),
                Fixture.array("RoleDetailList", Fixture.role("ecsInstanceRole", trustedService: "ec2.amazonaws.com",
                                                             managed: ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"], instanceProfile: "ecsInstanceRole"))),
                resources: [Fixture.roleArn("ecsInstanceRole")], confidence: .confirmed),
            .quiet("AmazonEC2ContainerServiceforEC2Role attached", Fixture.snapshot(
                Fixture.array("Reservations", instance),
                Fixture.array("taskDefinitions", ec2Definition),
                Fixture.array("RoleDetailList", Fixture.role("ecsInstanceRole", trustedService: "ec2.amazonaws.com",
                                                             managed: ["arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"], instanceProfile: "ecsInstanceRole")))),
            .triggers("an instance without a profile never registered", Fixture.snapshot(
                #""containerInstances": []"#,
                Fixture.array("Reservations", #"{"Instances": [{"InstanceId": "i-0bare", "InstanceType": "t3.medium", "SubnetId": "subnet-a"}]}"#)),
                resources: ["i-0bare"], confidence: .likely),
            .quiet("instance profile role not in the snapshot", Fixture.snapshot(Fixture.array("Reservations", instance))),
        ])

    /// What the ECS agent calls for itself (`AmazonEC2ContainerServiceforEC2Role` grants them), each
    /// on the resource type the Service Authorization Reference gives it: the cluster for
    /// RegisterContainerInstance and SubmitTaskStateChange, the container instance for Poll and
    /// StartTelemetrySession, none (`*`) for DiscoverPollEndpoint.
    static func agentNeeds(region: String, account: String, location: String) -> [PermissionNeed] {
        let partition = ResourceARNs.partition(region)
        let cluster = RequestValue.prefix("arn:\(partition):ecs:\(region):\(account):cluster/")
        let containerInstance = RequestValue.prefix("arn:\(partition):ecs:\(region):\(account):container-instance/", continuationExcludes: ":")
        return [
            ("ecs:RegisterContainerInstance", cluster, "register the instance in its cluster"),
            ("ecs:DiscoverPollEndpoint", .exact("*"), "find the endpoint it polls"),
            ("ecs:Poll", containerInstance, "receive the tasks to run"),
            ("ecs:StartTelemetrySession", containerInstance, "report metrics"),
            ("ecs:SubmitTaskStateChange", cluster, "report task state changes"),
        ].map { PermissionNeed(request: PermissionRequest($0.0, on: $0.1), reason: "the ECS agent, to \($0.2)", location: location) }
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings = instancesWithoutProfile(context)
        guard let region = context.index.region, let account = context.index.accountId else { return findings }
        let place = PermissionNeeds.Place(region: region, account: account)
        // Tasks on EC2 without an execution role pull and log with the instance role.
        var taskNeeds: [PermissionNeed] = []
        for use in context.index.definitionUses where use.definition.executionRoleArn == nil && use.runsOnFargate == false {
            let definitionPlace = PermissionNeeds.place(of: use.definition, context) ?? place
            taskNeeds += PermissionNeeds.imagePull(use.definition, place: definitionPlace) + PermissionNeeds.logs(use.definition, place: definitionPlace)
        }
        var rolesSeen = Set<String>()
        for instance in context.index.instances {
            guard let profile = instance.instanceProfileArn, let role = context.index.role(forInstanceProfile: profile),
                  rolesSeen.insert(role.arn).inserted, let policies = context.index.policies(of: role) else { continue }
            let needs = Self.agentNeeds(region: region, account: account, location: instance.location + "/IamInstanceProfile") + taskNeeds
            let denied = needs.map { (need: $0, decision: $0.decision(policies)) }.filter { $0.decision.outcome == .denied }
            guard !denied.isEmpty else { continue }
            let instances = context.index.instances(withProfile: profile)
            let registerDenied = denied.contains { $0.need.request.action.hasPrefix("ecs:") }
            let symptoms = context.symptoms(of: [.accessDenied]).filter { $0.facts.roleName == role.roleName }
                + (registerDenied ? context.symptoms(of: [.noContainerInstances]) : [])
            var evidence = symptoms.map(\.evidence) + [Self.profileEvidence(instance, instances, profile: profile, role: role)]
            for (need, decision) in denied {
                evidence.append(Evidence(need.location, need.summary))
                evidence.append(Evidence(decision.location ?? role.location, decision.explanation))
            }
            findings.append(Self.description.finding(
                title: Self.title(role.roleName, denied.map(\.need)), explains: symptoms,
                resources: [.arn(role.arn)] + instances.map { .ec2Instance($0.instanceId) }, evidence: evidence,
                fix: Self.attachFix(role.roleName)))
        }
        return findings
    }

    /// Instances with no instance profile that never registered: the agent has no credentials at all.
    private func instancesWithoutProfile(_ context: AnalysisContext) -> [Finding] {
        guard context.index.has(.containerInstances) else { return [] }
        let bare = context.index.instances.filter { $0.instanceProfileArn == nil && context.index.containerInstance(onEC2Instance: $0.instanceId) == nil }
        guard !bare.isEmpty else { return [] }
        let symptoms = context.symptoms(of: [.noContainerInstances])
        // A profile the cluster's other instances use, whose role the snapshot shows fit for the agent.
        let fitting = context.index.instances.lazy.compactMap(\.instanceProfileArn).first { profile in
            guard let role = context.index.role(forInstanceProfile: profile), let policies = context.index.policies(of: role) else { return false }
            return Self.agentNeeds(region: context.region, account: context.index.accountId ?? "", location: "")
                .allSatisfy { $0.decision(policies).outcome == .allowed }
        }
        let clusters = context.index.workloads.compactMap(\.clusterArn).map(ARN.clusterName).uniqued()
        return [Self.description.finding(
            title: Self.bareTitle(bare), explains: symptoms, resources: bare.map { .ec2Instance($0.instanceId) },
            evidence: symptoms.map(\.evidence) + bare.map(Self.bareEvidence),
            fix: Self.profileFix(bare, existingProfile: fitting.map(ARN.lastComponent), cluster: clusters.count == 1 ? clusters[0] : nil))]
    }
}

// MARK: Messages and fixes

extension InstanceRolePermissionsRule {
    static func title(_ roleName: String, _ needs: [PermissionNeed]) -> String {
        "Container instance role \(roleName) may not \(needs[0].request.action)\(needs.count > 1 ? " (and \(needs.count - 1) more)" : "")"
    }

    static func bareTitle(_ bare: [EC2Instance]) -> String {
        "\(bare.map(\.instanceId).joined(separator: ", ")) \(bare.count == 1 ? "has" : "have") no instance profile and never registered with ECS"
    }

    static func bareEvidence(_ instance: EC2Instance) -> Evidence {
        Evidence(instance.location, "\(instance.instanceId) has no IamInstanceProfile and is not among the cluster's container instances")
    }

    static func profileEvidence(_ instance: EC2Instance, _ instances: [EC2Instance], profile: String, role: IAMRole) -> Evidence {
        Evidence(instance.location + "/IamInstanceProfile", "\(instances.map(\.instanceId).joined(separator: ", ")) \(instances.count == 1 ? "uses" : "use") "
                 + "instance profile \(ARN.lastComponent(profile)), which carries role \(role.roleName)")
    }

    static func attachFix(_ roleName: String) -> Fix {
        let role = AssumedRole(name: roleName, servicePrincipal: "ec2.amazonaws.com", managedPolicyArns: [AssumedRole.containerInstancePolicyArn])
        return Fix(summary: "Attach AmazonEC2ContainerServiceforEC2Role to \(roleName)",
                   steps: ["The managed policy grants what the ECS agent calls (register, poll, telemetry, state changes) and ECR pulls and log streams "
                           + "for tasks without an execution role.",
                           "awslogs-create-group needs logs:CreateLogGroup in addition: the managed policy does not grant it.",
                           "Better still, give task definitions an execution role so each task pulls and logs with its own role.",
                           "Instance credentials refresh within minutes; an instance that never registered may need its agent restarted (sudo systemctl restart ecs)."],
                   commands: Array(role.createCommands.dropFirst()),
                   terraform: """
                   resource "aws_iam_role_policy_attachment" "\(role.terraformLabel)_ecs" {
                     role       = \(TerraformName.string(roleName))
                     policy_arn = "\(AssumedRole.containerInstancePolicyArn)"
                   }
                   """)
    }

    /// An instance profile for bare instances: one the cluster's registered instances use, else a new one.
    static func profileFix(_ bare: [EC2Instance], existingProfile: String?, cluster: String?) -> Fix {
        var commands: [String] = []
        let profile: String
        if let existingProfile {
            profile = existingProfile
        } else {
            let role = AssumedRole(name: (cluster.map { String($0.prefix(48)) } ?? "ecs") + "-ecs-instance-role", servicePrincipal: "ec2.amazonaws.com",
                                   managedPolicyArns: [AssumedRole.containerInstancePolicyArn])
            profile = role.roleName
            commands += role.createCommands
            commands += ["aws iam create-instance-profile --instance-profile-name \(ShellWord.quoted(profile))",
                         "aws iam add-role-to-instance-profile --instance-profile-name \(ShellWord.quoted(profile)) --role-name \(ShellWord.quoted(role.roleName))"]
        }
        commands += bare.map { "aws ec2 associate-iam-instance-profile --instance-id \($0.instanceId) --iam-instance-profile Name=\(ShellWord.quoted(profile))" }
        return Fix(summary: "Associate an instance profile whose role has AmazonEC2ContainerServiceforEC2Role",
                   steps: ["Without an instance profile the ECS agent has no credentials to call ecs:RegisterContainerInstance.",
                           existingProfile.map { "The cluster's registered instances use \($0): the commands give the same one to these." }
                               ?? "No instance in the snapshot has a profile fit for the agent: the commands create one (role, profile, policy) and associate it.",
                           "Set the profile in the launch template so new instances get it, then replace or fix the running ones."],
                   commands: commands)
    }
}
