/// awsvpc tasks on EC2 need a network interface each; the container
/// instances have none left ("RESOURCE:ENI"). Confirmed from the instances'
/// types (describe-instances, else the `ecs.instance-type` attribute), their
/// trunk interfaces (`ecs.awsvpc-trunk-id`) and the `awsvpcTrunking` account
/// setting (list-account-settings).
struct ENILimitReachedRule: Rule {
    static let description = RuleDescription(
        id: "eni-limit-reached", title: "No ENI left on the container instances (awsvpc on EC2)", category: .capacity,
        severity: .critical, explains: [.eniLimitReached], needs: [.containerInstances, .accountSettings],
        examples: [
            .triggers("RESOURCE:ENI", "service qa-web-app-service was unable to place a task because no container instance met all of its requirements. The closest matching container-instance ... encountered error \"RESOURCE:ENI\". For more information, see the Troubleshooting section.",
                      resources: [""], confidence: .likely),
            .triggers("t3.micro known only from its attribute, trunking enabled but unsupported", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", events: [eniEvent], launchType: "EC2", awsvpc: true)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(requiresCompatibilities: ["EC2"])),
                Fixture.array("containerInstances", containerInstance(type: "t3.micro", running: 1)),
                #""settings": [{"name": "awsvpcTrunking", "value": "enabled", "principalArn": "arn:aws:iam::111122223333:root", "type": "user"}]"#),
                resources: [containerInstanceArn], confidence: .confirmed),
            .triggers("trunking disabled on a supported type", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", events: [eniEvent], launchType: "EC2", awsvpc: true)),
                Fixture.array("containerInstances", containerInstance(type: "c5.large", running: 2)),
                #""settings": [{"name": "awsvpcTrunking", "value": "disabled", "principalArn": "arn:aws:iam::111122223333:root"}]"#),
                resources: [containerInstanceArn], confidence: .confirmed),
            .quiet("CPU shortage is another rule's", "has insufficient CPU units available."),
            .quiet("a trunked instance with room, no placement failure", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", launchType: "EC2", awsvpc: true)),
                Fixture.array("containerInstances", containerInstance(type: "c5.large", running: 4, trunk: true)),
                #""settings": [{"name": "awsvpcTrunking", "value": "enabled", "principalArn": "arn:aws:iam::111122223333:root"}]"#)),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        let index = context.index
        return Self.description.namedCauseFindings(context) { symptom, workload in
            let cluster = workload?.clusterArn.map(ARN.clusterName)
            let hosts = Self.hosts(named: symptom.containerInstanceIdInMessage, inCluster: cluster, index)
            let trunking = TrunkingSetting(index, hosts: hosts)
            let target = ServiceCoordinates(workload, symptom: symptom, index: index)
            let remedy = Remedy(hosts: hosts, trunking: trunking, index: index)
            guard !hosts.isEmpty else {
                return NamedCauseDetail(title: Self.unknownHostsTitle, resources: symptom.resourceList,
                                        fix: Self.fix(remedy, target: target),
                                        missingEvidence: Self.hostsMissing(cluster: target.cluster) + trunking.missingEvidence)
            }
            var missing = trunking.missingEvidence
            missing += hosts.filter { $0.interfaces == nil }.compactMap(\.instanceType).uniqued().map(Self.interfacesMissing)
            missing += hosts.contains { $0.instanceType == nil } ? [Self.typesMissing(hosts)] : []
            missing += remedy.replaceInstances ? remedy.launchTemplate.missingEvidence : []
            return NamedCauseDetail(
                title: Self.title(hosts: hosts, trunking: trunking),
                resources: hosts.flatMap(\.resources) + symptom.resourceList,
                confirmingEvidence: hosts.map(Self.capacityEvidence) + trunking.evidence + Self.demandEvidence(workload, hosts: hosts),
                fix: Self.fix(remedy, target: target),
                missingEvidence: missing)
        }
    }

    /// The container instances placement could have used: the one the
    /// message names, else those of the service's cluster, else all.
    static func hosts(named shortId: String?, inCluster cluster: String?, _ index: SnapshotIndex) -> [Host] {
        let candidates = cluster.map(index.containerInstances(mayBeIn:)) ?? index.containerInstances
        let named = shortId.map { id in candidates.filter { $0.shortId == id } } ?? []
        return (named.isEmpty ? candidates : named).map { Host($0, instance: $0.ec2InstanceId.flatMap(index.instance)) }
    }

    /// One container instance with what decides its awsvpc task capacity.
    struct Host {
        var containerInstance: ContainerInstance
        var ec2InstanceId: String?
        var instanceType: String?
        /// Where the type was read: the EC2 instance, else the container instance's attribute.
        var typeLocation: String
        var instanceProfileArn: String?
        var interfaces: Int?
        /// nil when the input does not list the instance's attributes.
        var hasTrunk: Bool?

        init(_ containerInstance: ContainerInstance, instance: EC2Instance?) {
            self.containerInstance = containerInstance
            ec2InstanceId = containerInstance.ec2InstanceId
            instanceType = instance?.instanceType ?? containerInstance.instanceType
            typeLocation = instance?.instanceType != nil ? instance!.location : containerInstance.location
            instanceProfileArn = instance?.instanceProfileArn
            interfaces = instanceType.flatMap { InstanceNetworkInterfaces.maximum[$0] }
            hasTrunk = containerInstance.listsAttributes ? containerInstance.hasTrunkInterface : nil
        }

        var name: String { ec2InstanceId ?? containerInstance.shortId }

        var resources: [ResourceID] {
            [.arn(containerInstance.containerInstanceArn)] + (ec2InstanceId.map { [.ec2Instance($0)] } ?? [])
        }

        /// awsvpc tasks it holds, when its type is in the tables.
        var taskCapacity: Int? {
            guard let instanceType else { return nil }
            return hasTrunk == true ? InstanceNetworkInterfaces.tasksWithTrunk[instanceType] : InstanceNetworkInterfaces.tasksWithoutTrunk(instanceType)
        }
    }

    /// What the fix does: turn trunking on, move to a type that supports
    /// it, replace the instances (only new instances get a trunk).
    struct Remedy {
        var enableTrunking: Bool
        /// Types in use that cannot have a trunk interface.
        var unsupportedTypes: [String]
        var replacement: String
        var replaceInstances: Bool
        /// Where a new instance type goes, and the group whose instances are replaced.
        var launchTemplate: LaunchTemplateChange

        init(hosts: [Host], trunking: TrunkingSetting, index: SnapshotIndex) {
            let untrunked = hosts.filter { $0.hasTrunk == false }
            enableTrunking = trunking.enabled != true
            unsupportedTypes = untrunked.compactMap(\.instanceType).uniqued().filter { InstanceNetworkInterfaces.supportsTrunking($0) == false }
            let architecture = hosts.lazy.compactMap { $0.containerInstance.attribute("ecs.cpu-architecture") }.first
            replacement = InstanceNetworkInterfaces.trunkingReplacement(architecture: architecture)
            replaceInstances = enableTrunking || !untrunked.isEmpty
            let changesType = !unsupportedTypes.isEmpty || (!enableTrunking && replaceInstances)
            launchTemplate = LaunchTemplateChange(instanceType: changesType ? replacement : nil, instanceIds: hosts.compactMap(\.ec2InstanceId), index: index)
        }

        /// Whether the instances must change type: theirs cannot trunk, or trunking is on and they still have no trunk.
        var changesType: Bool { launchTemplate.instanceType != nil }

    }

    /// The `awsvpcTrunking` account setting that applies to the instances'
    /// role: a setting for that role, else the account default. An account
    /// or role opts in, and only instances launched afterwards get a trunk
    /// (ECS Developer Guide, "Elastic network interface trunking",
    /// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html).
    struct TrunkingSetting {
        var setting: AccountSetting?
        var listed: Bool
        var enabled: Bool? { setting?.isEnabled }

        init(_ index: SnapshotIndex, hosts: [Host]) {
            let settings = index.accountSettings(named: "awsvpcTrunking")
            let roleArns = Set(hosts.compactMap(\.instanceProfileArn).compactMap { index.role(forInstanceProfile: $0)?.arn })
            setting = settings.first { $0.principalArn.map(roleArns.contains) ?? false } ?? settings.first(where: \.isAccountDefault)
            listed = index.has(.accountSettings)
        }

        var evidence: [Evidence] {
            guard let setting else { return [] }
            return [Evidence(setting.location, "awsvpcTrunking is \(setting.value ?? "unset") for \(setting.principalArn ?? "the account")")]
        }

        var missingEvidence: [MissingEvidence] {
            setting != nil ? [] : [MissingEvidence(why: "whether ENI trunking (awsvpcTrunking) is enabled for the account or the instance role",
                                                   command: "aws ecs list-account-settings --name awsvpcTrunking --effective-settings")]
        }
    }
}

// MARK: Messages and fixes

extension ENILimitReachedRule {
    static let unknownHostsTitle = "The container instances have no free network interface for another awsvpc task"

    static func title(hosts: [Host], trunking: TrunkingSetting) -> String {
        let subject = hosts.count == 1 ? "Container instance \(hosts[0].name)\(hosts[0].instanceType.map { " (\($0))" } ?? "")"
            : "The \(hosts.count) container instances"
        let full = "\(subject) \(hosts.count == 1 ? "has" : "have") no network interface left for another awsvpc task"
        let untrunked = hosts.filter { $0.hasTrunk == false }
        guard !untrunked.isEmpty else { return full }
        let types = untrunked.compactMap(\.instanceType).uniqued()
        if types.count == 1, InstanceNetworkInterfaces.supportsTrunking(types[0]) == false {
            return "\(full), and \(types[0]) cannot use ENI trunking"
        }
        switch trunking.enabled {
        case false?: return "\(full): ENI trunking (awsvpcTrunking) is disabled"
        case true?: return "\(full): no trunk interface although awsvpcTrunking is enabled"
        case nil: return "\(full) without a trunk interface"
        }
    }

    static func capacityEvidence(_ host: Host) -> Evidence {
        let type = host.instanceType.map { "a \($0)" } ?? "of unknown type"
        var parts = ["\(host.name) (container instance \(host.containerInstance.shortId)) is \(type)"]
        if let interfaces = host.interfaces {
            parts.append("\(interfaces) network interfaces, one of them its own")
        }
        switch host.hasTrunk {
        case true?: parts.append("it has a trunk interface (ecs.awsvpc-trunk-id \(host.containerInstance.trunkInterfaceId ?? "set"))")
        case false?: parts.append("it has no trunk interface (no ecs.awsvpc-trunk-id attribute)")
        case nil: break
        }
        if let capacity = host.taskCapacity { parts.append("room for \(capacity) awsvpc task(s)") }
        if let running = host.containerInstance.runningTasksCount { parts.append("it runs \(running)") }
        if let type = host.instanceType, host.hasTrunk == false, let supported = InstanceNetworkInterfaces.supportsTrunking(type) {
            let trunked = InstanceNetworkInterfaces.tasksWithTrunk[type].map { "\($0) tasks" } ?? "more tasks"
            parts.append(supported ? "\(type) supports ENI trunking (\(trunked) with a trunk)"
                                   : "\(type) is not among the instance types the ECS Developer Guide lists for ENI trunking")
        }
        return Evidence(host.typeLocation, parts.joined(separator: "; "))
    }

    /// The service's desired count against what the instances hold, when every instance's capacity is known.
    static func demandEvidence(_ workload: Workload?, hosts: [Host]) -> [Evidence] {
        guard let service = workload?.service, let desired = service.desiredCount else { return [] }
        let capacities = hosts.compactMap(\.taskCapacity)
        guard capacities.count == hosts.count else { return [] }
        let total = capacities.reduce(0, +)
        guard desired > total else { return [] }
        return [Evidence(service.location + "/desiredCount",
                         "\(service.serviceName) wants \(desired) task(s); its cluster's container instances hold \(total) awsvpc task(s) in all")]
    }

    static func fix(_ remedy: Remedy, target: ServiceCoordinates) -> Fix {
        let replacement = remedy.replacement
        var steps = ["Each awsvpc task on EC2 takes one network interface; the instance's primary interface is not available to tasks."]
        var commands: [String] = []
        if remedy.enableTrunking {
            steps.append("Turn on ENI trunking for the account (or the instance role): instances launched afterwards get a trunk interface "
                         + "and hold many more awsvpc tasks (a \(replacement) holds \(InstanceNetworkInterfaces.tasksWithTrunk[replacement] ?? 10)).")
            commands.append("aws ecs put-account-setting-default --name awsvpcTrunking --value enabled")
        }
        if !remedy.unsupportedTypes.isEmpty {
            steps.append("\(remedy.unsupportedTypes.joined(separator: ", ")) cannot have a trunk interface: "
                         + "launch the container instances as a type that can, e.g. \(replacement).")
        } else if !remedy.enableTrunking && remedy.replaceInstances {
            steps.append("Trunking is on, yet these instances have no trunk: they were launched before it applied to their role, "
                         + "or their type is not on the guide's list (then change it, e.g. to \(replacement)).")
        }
        if remedy.changesType {
            commands += remedy.launchTemplate.commands
        } else if remedy.replaceInstances {
            commands.append(remedy.launchTemplate.instanceRefresh)
        }
        if remedy.replaceInstances {
            steps.append("Existing instances never gain a trunk: replace them (instance refresh of the Auto Scaling group).")
        }
        if remedy.changesType {
            steps.append(LaunchTemplateChange.versionNote)
        }
        if let cluster = target.cluster {
            commands.append("aws ecs list-attributes --cluster \(ShellWord.quoted(cluster)) --target-type container-instance "
                            + "--attribute-name ecs.awsvpc-trunk-id")
        }
        steps.append("Alternatively run the task in bridge mode with dynamic host ports (no extra interface), on more instances, or on Fargate.")
        let terraform = [remedy.enableTrunking ? accountSettingTerraform : nil, remedy.changesType ? remedy.launchTemplate.terraform : nil]
            .compactMap { $0 }.joined(separator: "\n\n")
        return Fix(summary: remedy.unsupportedTypes.isEmpty
                       ? "Turn on ENI trunking (awsvpcTrunking) and replace the instances, add instances, or run on Fargate"
                       : "Run the container instances on a type that supports ENI trunking (e.g. \(replacement)), or add instances",
                   steps: steps, commands: commands, terraform: terraform.isEmpty ? nil : terraform)
    }

    static let accountSettingTerraform = """
        resource "aws_ecs_account_setting_default" "awsvpc_trunking" {
          name  = "awsvpcTrunking"
          value = "enabled"
        }
        """

    static func hostsMissing(cluster: String?) -> [MissingEvidence] {
        let clusterWord = cluster.map(ShellWord.quoted) ?? "<cluster>"
        return [MissingEvidence(why: "the container instances' types, trunk interfaces and running tasks decide the ENI limit",
                                command: "aws ecs describe-container-instances --cluster \(clusterWord) --container-instances "
                                    + "$(aws ecs list-container-instances --cluster \(clusterWord) --query containerInstanceArns --output text)")]
    }

    static func interfacesMissing(_ instanceType: String) -> MissingEvidence {
        MissingEvidence(why: "how many network interfaces a \(instanceType) has (ecs-triage's table lacks it)",
                        command: "aws ec2 describe-instance-types --instance-types \(ShellWord.quoted(instanceType)) "
                            + "--query 'InstanceTypes[].NetworkInfo.MaximumNetworkInterfaces'")
    }

    static func typesMissing(_ hosts: [Host]) -> MissingEvidence {
        let ids = hosts.filter { $0.instanceType == nil }.compactMap(\.ec2InstanceId)
        return MissingEvidence(why: "the instance types decide the ENI limit",
                               command: "aws ec2 describe-instances --instance-ids \(ids.isEmpty ? "<instance-id>" : ids.joined(separator: " ")) "
                                   + "--query 'Reservations[].Instances[].[InstanceId,InstanceType]'")
    }

    // Example inputs.
    static let containerInstanceArn = "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/f21f2e096c16402cad24c8bc8f270ad6"
    static let eniEvent = #"(service web) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance f21f2e096c16402cad24c8bc8f270ad6 encountered error \"RESOURCE:ENI\". For more information, see the Troubleshooting section."#

    static func containerInstance(type: String, running: Int, trunk: Bool = false) -> String {
        let trunkAttribute = trunk ? #", {"name": "ecs.awsvpc-trunk-id", "value": "6d2a8c9e-5f1b-4e7a-9c3d-0b8e1f2a4c6d"}"# : ""
        return #"{"containerInstanceArn": "\#(containerInstanceArn)", "ec2InstanceId": "i-0abc", "status": "ACTIVE", "agentConnected": true, "runningTasksCount": \#(running), "attributes": [{"name": "ecs.capability.task-eni"}, {"name": "ecs.instance-type", "value": "\#(type)"}, {"name": "ecs.cpu-architecture", "value": "x86_64"}\#(trunkAttribute)]}"#
    }
}
