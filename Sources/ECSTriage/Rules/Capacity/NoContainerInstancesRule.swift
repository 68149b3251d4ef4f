/// An EC2 service's cluster has no registered, or no connected, container
/// instance; judged per cluster, from the container instances' ARNs
/// (`container-instance/<cluster>/<id>`). An instance whose container
/// instance is in `default` instead joined it because its agent found no
/// ECS_CLUSTER: it is named, with the user-data fix.
struct NoContainerInstancesRule: Rule {
    static let description = RuleDescription(
        id: "no-container-instances", title: "No usable container instances in the cluster", category: .capacity,
        severity: .critical, explains: [.noContainerInstances], needs: [.services, .containerInstances, .clusters],
        examples: [
            .triggers("service event", "service authentication_services was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster.",
                      resources: [""], confidence: .likely),
            .triggers("EC2 service, every agent disconnected", Fixture.snapshot(
                ec2Service, #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/1", "ec2InstanceId": "i-0abc", "status": "ACTIVE", "agentConnected": false}]"#),
                resources: ["arn:aws:ecs:us-east-1:111122223333:container-instance/prod/1"], confidence: .likely),
            .triggers("the instance joined default: no ECS_CLUSTER", Fixture.snapshot(
                ec2Service, #""clusters": [{"clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod", "clusterName": "prod", "registeredContainerInstancesCount": 0}]"#,
                #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/default/736a3c67", "ec2InstanceId": "i-0abc", "status": "ACTIVE", "agentConnected": true}]"#),
                resources: ["i-0abc"], confidence: .likely),
            .quiet("connected instance", Fixture.snapshot(
                ec2Service, #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/1", "ec2InstanceId": "i-0abc", "status": "ACTIVE", "agentConnected": true}]"#)),
            .quiet("instances of another cluster listed beside a connected one of this cluster", Fixture.snapshot(
                ec2Service, #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/batch/2", "ec2InstanceId": "i-0def", "status": "ACTIVE", "agentConnected": false}, {"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/1", "ec2InstanceId": "i-0abc", "status": "ACTIVE", "agentConnected": true}]"#)),
            .quiet("only another cluster's instances listed: this cluster's are unknown", Fixture.snapshot(
                ec2Service, #""containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/batch/2", "ec2InstanceId": "i-0def", "status": "ACTIVE", "agentConnected": true}]"#)),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var claimed = Set<String>()
        var seenClusters = Set<String>()
        for workload in context.index.workloads where Self.runsOnContainerInstances(workload) {
            guard let clusterArn = workload.clusterArn, seenClusters.insert(clusterArn).inserted else { continue }
            let state = ClusterState(ARN.clusterName(clusterArn), index: context.index)
            let symptoms = context.index.workloads.filter { $0.clusterArn == clusterArn }
                .flatMap { context.symptoms(of: [.noContainerInstances], on: $0) }.uniquedInOrder
            guard let made = Self.finding(state, clusterArn: clusterArn, symptoms: symptoms, context: context) else { continue }
            claimed.formUnion(symptoms.map(\.id))
            findings.append(made)
        }
        for symptom in context.symptoms(of: [.noContainerInstances]) where !claimed.contains(symptom.id) {
            let target = ServiceCoordinates(context.index.workload(for: symptom.resource), symptom: symptom, index: context.index)
            findings.append(Self.description.finding(
                title: Self.symptomTitle(symptom, cluster: target.cluster), basis: .symptomText, explains: [symptom],
                resources: symptom.resourceList, evidence: [symptom.evidence],
                fix: Self.registrationFix(cluster: target.cluster),
                missingEvidence: target.missingEvidence + Self.registrationMissing(cluster: target.cluster, countKnown: false)))
        }
        return findings
    }

    /// Services placed on container instances: the EC2 launch type, or Auto
    /// Scaling group capacity providers (Fargate ones make the workload Fargate).
    static func runsOnContainerInstances(_ workload: Workload) -> Bool {
        guard !workload.isFargate, let service = workload.service else { return false }
        if let launchType = service.launchType?.uppercased() { return launchType == "EC2" }
        return !service.capacityProviders.isEmpty
    }

    /// What the snapshot says about one cluster's container instances.
    struct ClusterState {
        var name: String
        var cluster: Cluster?
        /// Its container instances (and those whose old-format ARN names no cluster).
        var registered: [ContainerInstance]
        var usable: [ContainerInstance]
        /// Container instances in `default` while this cluster is another: instances whose agent had no ECS_CLUSTER.
        var inDefault: [ContainerInstance]
        /// Whether the snapshot shows the cluster has no registered instance at all.
        var provenEmpty: Bool

        init(_ name: String, index: SnapshotIndex) {
            self.name = name
            cluster = index.cluster(name)
            registered = index.containerInstances(mayBeIn: name)
            usable = registered.filter(Self.isUsable)
            let elsewhere = index.containerInstances(outside: name)
            inDefault = name == "default" ? [] : elsewhere.filter { $0.clusterName == "default" }
            // An empty listing counts only when it lists no other cluster's instances either (it may be of another cluster).
            provenEmpty = cluster?.registeredContainerInstancesCount == 0
                || (registered.isEmpty && index.has(.containerInstances) && elsewhere.isEmpty && cluster?.registeredContainerInstancesCount == nil)
        }

        /// Connected and accepting tasks (DRAINING and INACTIVE instances take none).
        static func isUsable(_ instance: ContainerInstance) -> Bool {
            let status = instance.status?.uppercased()
            return status != "DRAINING" && status != "INACTIVE" && instance.agentConnected != false
        }

        var disconnected: [ContainerInstance] { registered.filter { $0.agentConnected == false } }
    }

    static func finding(_ state: ClusterState, clusterArn: String, symptoms: [Symptom], context: AnalysisContext) -> Finding? {
        let services = context.index.workloads.filter { $0.clusterArn == clusterArn && runsOnContainerInstances($0) }.map(\.resource)
        if !state.inDefault.isEmpty && (state.provenEmpty || (state.registered.isEmpty && !symptoms.isEmpty)) {
            let instanceIds = state.inDefault.compactMap(\.ec2InstanceId)
            let change = LaunchTemplateChange(clusterForUserData: state.name, instanceIds: instanceIds, index: context.index)
            // Listed by describe-instances without an Auto Scaling group tag: launched by hand, no template to change.
            let byHand = !instanceIds.isEmpty && instanceIds.allSatisfy { context.index.instance($0).map { $0.autoScalingGroupName == nil } ?? false }
            return description.finding(
                title: defaultClusterTitle(state), explains: symptoms,
                resources: instanceIds.map(ResourceID.ec2Instance) + state.inDefault.map { .arn($0.containerInstanceArn) } + [.arn(clusterArn)] + services,
                evidence: symptoms.map(\.evidence) + emptyEvidence(state) + state.inDefault.map { defaultEvidence($0, cluster: state.name) },
                fix: byHand ? movedInstancesFix(state) : defaultClusterFix(state, change), missingEvidence: byHand ? [] : change.missingEvidence)
        }
        if !state.registered.isEmpty && state.usable.isEmpty {
            let instanceIds = state.registered.compactMap(\.ec2InstanceId)
            return description.finding(
                title: unusableTitle(state), explains: symptoms,
                resources: state.registered.map { .arn($0.containerInstanceArn) } + instanceIds.map(ResourceID.ec2Instance) + [.arn(clusterArn)] + services,
                evidence: symptoms.map(\.evidence) + state.registered.map(instanceEvidence),
                fix: state.disconnected.isEmpty ? registrationFix(cluster: state.name) : agentFix(state))
        }
        guard state.provenEmpty else { return nil }
        return description.finding(
            title: "Cluster \(state.name) has no registered container instances", explains: symptoms,
            resources: [.arn(clusterArn)] + services, evidence: symptoms.map(\.evidence) + emptyEvidence(state),
            fix: registrationFix(cluster: state.name),
            missingEvidence: registrationMissing(cluster: state.name, countKnown: state.cluster?.registeredContainerInstancesCount != nil))
    }
}

// MARK: Messages and fixes

extension NoContainerInstancesRule {
    static func defaultClusterTitle(_ state: ClusterState) -> String {
        let names = state.inDefault.map { $0.ec2InstanceId ?? $0.shortId }
        let subject = names.count == 1 ? "Instance \(names[0]) is" : "Instances \(names.joined(separator: ", ")) are"
        return "\(subject) registered to cluster default, not \(state.name): ECS_CLUSTER is not set in /etc/ecs/ecs.config"
    }

    static func unusableTitle(_ state: ClusterState) -> String {
        state.disconnected.isEmpty ? "Every container instance of \(state.name) is draining or inactive"
                                   : "The container instances of \(state.name) have no connected ECS agent"
    }

    static func symptomTitle(_ symptom: Symptom, cluster: String?) -> String {
        let name = cluster ?? "the cluster"
        // "AGENT" alone is the RunTask failure reason for a disconnected agent (dg:api_failures_messages).
        return symptom.message.lowercased().contains("agent") ? "The container instances of \(name) have no connected ECS agent"
                                                      : "\(cluster.map { "Cluster \($0)" } ?? "The cluster") has no registered container instances"
    }

    static func emptyEvidence(_ state: ClusterState) -> [Evidence] {
        if let cluster = state.cluster, let count = cluster.registeredContainerInstancesCount {
            return [Evidence(cluster.location + "/registeredContainerInstancesCount", "\(state.name) has \(count) registered container instance(s)")]
        }
        return state.provenEmpty ? [Evidence("", "describe-container-instances lists no instance in \(state.name)")] : []
    }

    static func defaultEvidence(_ instance: ContainerInstance, cluster: String) -> Evidence {
        Evidence(instance.location + "/containerInstanceArn",
                 "\(instance.ec2InstanceId ?? instance.shortId) is container instance \(instance.containerInstanceArn): "
                     + "it registered to default, the cluster the ECS agent joins when ECS_CLUSTER is unset, not to \(cluster)")
    }

    static func instanceEvidence(_ instance: ContainerInstance) -> Evidence {
        Evidence(instance.location, "\(instance.ec2InstanceId ?? instance.shortId): status \(instance.status ?? "unknown"), "
                     + "agentConnected \(instance.agentConnected.map(String.init) ?? "unknown")")
    }

    static func defaultClusterFix(_ state: ClusterState, _ change: LaunchTemplateChange) -> Fix {
        return Fix(summary: "Put ECS_CLUSTER=\(state.name) in the instances' user data (echo ECS_CLUSTER=\(state.name) >> /etc/ecs/ecs.config) "
                       + "and replace them",
                   steps: ["The ECS agent joins the cluster ECS_CLUSTER names in /etc/ecs/ecs.config, and the cluster default when it is unset.",
                           "Add `echo ECS_CLUSTER=\(state.name) >> /etc/ecs/ecs.config` to the launch template's user data, then replace the instances: "
                               + "an instance registered to default stays there (its agent keeps its registration in /var/lib/ecs/data).",
                           "Instances launched by hand: terminate and launch them again with that user data.",
                           LaunchTemplateChange.versionNote],
                   commands: change.commands, terraform: change.terraform)
    }

    /// Instances launched by hand keep running: their agent is moved. It
    /// refuses a cluster other than the one in its checkpoint ("Data mismatch;
    /// saved cluster ... does not match configured cluster ... Perhaps you want
    /// to delete the configured checkpoint file?", aws/amazon-ecs-agent
    /// agent/app/agent.go at 8dfceca6), kept in /var/lib/ecs/data/agent.db
    /// (agent/data/client.go), so the checkpoint goes too.
    static func movedInstancesFix(_ state: ClusterState) -> Fix {
        let ids = state.inDefault.compactMap(\.ec2InstanceId)
        let script = ["systemctl stop ecs", "sed -i /^ECS_CLUSTER=/d /etc/ecs/ecs.config", "echo ECS_CLUSTER=\(state.name) >> /etc/ecs/ecs.config",
                      "rm -f /var/lib/ecs/data/agent.db /var/lib/ecs/data/ecs_agent_data.json", "systemctl start ecs"]
        let parameters = "{\"commands\":[" + script.map { String(JSONWriter.write(.string($0)).dropLast()) }.joined(separator: ",") + "]}"
        return Fix(summary: "Set ECS_CLUSTER=\(state.name) in /etc/ecs/ecs.config on \(ids.joined(separator: ", ")) and restart its agent, "
                       + "then put it in the user data of future instances",
                   steps: ["The ECS agent joins the cluster ECS_CLUSTER names in /etc/ecs/ecs.config, and the cluster default when it is unset.",
                           "A registered agent refuses another cluster until its checkpoint (/var/lib/ecs/data/agent.db) is removed: "
                               + "stop it, set ECS_CLUSTER, remove the checkpoint, start it; then deregister the old container instance from default.",
                           "The commands use SSM Run Command (the instance role needs AmazonSSMManagedInstanceCore); or run the same lines on the instance.",
                           "Launch later instances with `echo ECS_CLUSTER=\(state.name) >> /etc/ecs/ecs.config` in their user data."],
                   commands: ["aws ssm send-command --document-name AWS-RunShellScript --instance-ids \(ids.map(ShellWord.quoted).joined(separator: " ")) "
                                  + "--parameters \(ShellWord.quoted(parameters))"]
                       + state.inDefault.map { instance in
                           "aws ecs deregister-container-instance --cluster default --container-instance \(ShellWord.quoted(instance.containerInstanceArn)) --force"
                       })
    }

    static func agentFix(_ state: ClusterState) -> Fix {
        let ids = state.disconnected.compactMap(\.ec2InstanceId)
        var commands: [String] = []
        if !ids.isEmpty {
            commands.append("aws ssm send-command --document-name AWS-RunShellScript --instance-ids \(ids.map(ShellWord.quoted).joined(separator: " ")) "
                            + #"--parameters '{"commands":["systemctl restart ecs"]}'"#)
        }
        commands.append("aws ecs describe-container-instances --cluster \(ShellWord.quoted(state.name)) --container-instances "
                        + state.disconnected.map { ShellWord.quoted($0.containerInstanceArn) }.joined(separator: " ")
                        + " --query 'containerInstances[].[ec2InstanceId,status,agentConnected,versionInfo.agentVersion]'")
        return Fix(summary: "Reconnect the ECS agent on \(ids.isEmpty ? "the instances" : ids.joined(separator: ", ")) (restart it), or replace the instances",
                   steps: ["A disconnected agent: read /var/log/ecs/ecs-agent.log on the instance; restart it with systemctl restart ecs.",
                           "Agents that cannot reach the ecs endpoints over 443 (no NAT or VPC endpoints) or whose instance role lacks "
                               + "AmazonEC2ContainerServiceforEC2Role stay disconnected: fix that first."],
                   commands: commands)
    }

    /// Why no instance registered is not in the snapshot (user data, instance
    /// role, network, an empty Auto Scaling group): no command changes
    /// anything yet; the Terraform is the launch template as it must be.
    static func registrationFix(cluster: String?) -> Fix {
        let name = cluster ?? "<cluster>"
        return Fix(summary: "Register healthy EC2 instances to \(name) (ECS-optimized AMI, ECS_CLUSTER=\(name), the instance role), "
                       + "or run the service on Fargate",
                   steps: ["Instances join the cluster named by ECS_CLUSTER in /etc/ecs/ecs.config (without it they join default).",
                           "The instance profile needs AmazonEC2ContainerServiceforEC2Role, and the instance needs a path to the ecs, ecs-agent and "
                               + "ecs-telemetry endpoints (NAT or VPC endpoints).",
                           "With an Auto Scaling group, check its desired capacity and that a capacity provider is attached to the cluster."],
                   terraform: cluster.map { LaunchTemplateChange(clusterForUserData: $0, instanceIds: []).terraform })
    }

    static func registrationMissing(cluster: String?, countKnown: Bool) -> [MissingEvidence] {
        guard let cluster else { return [] }
        let clusterWord = ShellWord.quoted(cluster)
        var missing = countKnown ? [] : [MissingEvidence(why: "how many instances \(cluster) has registered and which capacity providers it has",
                                       command: "aws ecs describe-clusters --clusters \(clusterWord) "
                                           + "--query 'clusters[0].[registeredContainerInstancesCount,capacityProviders]'")]
        if cluster != "default" {
            missing.append(MissingEvidence(why: "whether the instances meant for \(cluster) registered to the default cluster instead (ECS_CLUSTER unset)",
                                           command: "aws ecs list-container-instances --cluster default --query containerInstanceArns"))
        }
        return missing
    }

    // Example inputs.
    static let ec2Service = #""services": [{"serviceName": "api", "serviceArn": "arn:aws:ecs:us-east-1:111122223333:service/prod/api", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod", "launchType": "EC2", "desiredCount": 2}]"#
}
