/// EC2 launch type: the container instance role (instance profile) lacks
/// what the ECS agent needs: register and poll, and, for tasks without an
/// execution role, pull from ECR and write awslogs.
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

    /// What the ECS agent calls for itself (`AmazonEC2ContainerServiceforEC2Role` grants them).
    static func agentNeeds(region: String, account: String) -> [PermissionNeed] {
        let partition = ResourceARNs.partition(region)
        let cluster = RequestValue.prefix("arn:\(partition):ecs:\(region):\(account):cluster/")
        let containerInstance = RequestValue.prefix("arn:\(partition):ecs:\(region):\(account):container-instance/", continuationExcludes: ":")
        return [
            ("ecs:RegisterContainerInstance", cluster, "register the instance in its cluster"),
            ("ecs:DiscoverPollEndpoint", .exact("*"), "find the endpoint it polls"),
            ("ecs:Poll", containerInstance, "receive the tasks to run"),
            ("ecs:StartTelemetrySession", containerInstance, "report metrics"),
            ("ecs:SubmitTaskStateChange", cluster, "report task state changes"),
        ].map { PermissionNeed(request: PermissionRequest($0.0, on: $0.1), reason: "the ECS agent, to \($0.2)", location: "") }
    }

    /// Instances with no instance profile that never registered: the agent has no credentials at all.
    private func instancesWithoutProfile(_ context: AnalysisContext) -> [Finding] {
        guard context.index.has(.containerInstances) else { return [] }
        let bare = context.index.instances.filter { $0.instanceProfileArn == nil && context.index.containerInstance(onEC2Instance: $0.instanceId) == nil }
        guard !bare.isEmpty else { return [] }
        let symptoms = context.symptoms(of: [.noContainerInstances])
        return [Self.description.finding(
            title: "\(bare.map(\.instanceId).joined(separator: ", ")) \(bare.count == 1 ? "has" : "have") no instance profile and never registered with ECS",
            explains: symptoms,
            resources: bare.map { .ec2Instance($0.instanceId) },
            evidence: symptoms.map(\.evidence) + bare.map { Evidence($0.location, "\($0.instanceId) has no IamInstanceProfile and is not among the cluster's container instances") },
            fix: Fix(summary: "Associate an instance profile whose role has AmazonEC2ContainerServiceforEC2Role",
                     steps: ["Without an instance profile the ECS agent has no credentials to call ecs:RegisterContainerInstance.",
                             "Set the profile in the launch template so new instances get it, then replace or fix the running ones."],
                     commands: bare.map { "aws ec2 associate-iam-instance-profile --instance-id \($0.instanceId) --iam-instance-profile Name=ecsInstanceRole" }))]
    }

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings = instancesWithoutProfile(context)
        guard let region = context.index.region, let account = context.index.accountId else { return findings }
        let place = PermissionNeeds.Place(region: region, account: account)
        // Tasks on EC2 without an execution role pull and log with the instance role.
        var taskNeeds: [PermissionNeed] = []
        for definition in context.index.taskDefinitions where definition.executionRoleArn == nil {
            guard context.index.definitionUse(definition).runsOnFargate == false else { continue }
            let definitionPlace = PermissionNeeds.place(of: definition, context) ?? place
            taskNeeds += PermissionNeeds.imagePull(definition, place: definitionPlace) + PermissionNeeds.logs(definition, place: definitionPlace)
        }
        var rolesSeen = Set<String>()
        for instance in context.index.instances {
            guard let profile = instance.instanceProfileArn, let role = context.index.role(forInstanceProfile: profile),
                  rolesSeen.insert(role.arn).inserted, let policies = context.index.policies(of: role) else { continue }
            let instances = context.index.instances(withProfile: profile)
            let needs = Self.agentNeeds(region: region, account: account).map { need -> PermissionNeed in
                var located = need
                located.location = instance.location + "/IamInstanceProfile"
                return located
            } + taskNeeds
            let denied = needs.map { ($0, $0.decision(policies)) }.filter { $0.1.outcome == .denied }
            guard !denied.isEmpty else { continue }
            let registerDenied = denied.contains { $0.0.request.action.hasPrefix("ecs:") }
            let symptoms = context.symptoms(of: [.accessDenied]).filter { $0.facts.roleName == role.roleName }
                + (registerDenied ? context.symptoms(of: [.noContainerInstances]) : [])
            var evidence = symptoms.map(\.evidence)
            evidence.append(Evidence(instance.location + "/IamInstanceProfile", "\(instances.map(\.instanceId).joined(separator: ", ")) \(instances.count == 1 ? "uses" : "use") instance profile \(ARN.lastComponent(profile)), which carries role \(role.roleName)"))
            for (need, decision) in denied {
                evidence.append(Evidence(need.location, "needs \(need.request.description) for \(need.reason)"))
                evidence.append(Evidence(decision.location ?? role.location, decision.explanation))
            }
            let first = denied[0].0.request
            findings.append(Self.description.finding(
                title: "Container instance role \(role.roleName) may not \(first.action)\(denied.count > 1 ? " (and \(denied.count - 1) more)" : "")",
                explains: symptoms,
                resources: [.arn(role.arn)] + instances.map { .ec2Instance($0.instanceId) },
                evidence: evidence,
                fix: Fix(summary: "Attach AmazonEC2ContainerServiceforEC2Role to \(role.roleName)",
                         steps: ["The managed policy grants what the ECS agent calls (register, poll, telemetry, state changes) and ECR pulls and log streams for tasks without an execution role.",
                                 "awslogs-create-group needs logs:CreateLogGroup in addition: the managed policy does not grant it.",
                                 "Better still, give task definitions an execution role so each task pulls and logs with its own role.",
                                 "Instance credentials refresh within minutes; an instance that never registered may need its agent restarted (sudo systemctl restart ecs)."],
                         commands: ["aws iam attach-role-policy --role-name \(role.roleName) --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"],
                         terraform: """
                         resource "aws_iam_role_policy_attachment" "ecs_instance" {
                           role       = "\(role.roleName)"
                           policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
                         }
                         """)))
        }
        return findings
    }
}
