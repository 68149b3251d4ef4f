/// A capacity provider strategy can only name providers associated with the
/// cluster, FARGATE and FARGATE_SPOT included: they exist in every account,
/// but a cluster uses them only once PutClusterCapacityProviders adds them
/// (guide@49232cf2 doc_source/fargate-capacity-providers.md, turn-on-cluster-auto-scaling.md).
struct CapacityProviderNotAssociatedRule: Rule {
    static let description = RuleDescription(
        id: "capacity-provider-not-associated", title: "Capacity provider strategy names a provider the cluster does not have",
        category: .capacity, severity: .critical, explains: [.capacityProviderNotAssociated], needs: [.services, .clusters],
        examples: [
            .triggers("the RunTask error", "An error occurred (InvalidParameterException) when calling the RunTask operation: The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.",
                      resources: [""], confidence: .likely),
            .triggers("service strategy with FARGATE_SPOT, cluster with FARGATE only", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", extraJSON: #", "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]"#)
                    .replacingOccurrences(of: #""launchType": "FARGATE", "#, with: "")),
                Fixture.array("clusters", #"{"clusterArn": "\#(Fixture.cluster)", "clusterName": "prod", "capacityProviders": ["FARGATE"], "defaultCapacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1, "base": 0}]}"#)),
                resources: [Fixture.cluster], confidence: .likely),
            .quiet("every provider associated", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", extraJSON: #", "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]"#)
                    .replacingOccurrences(of: #""launchType": "FARGATE", "#, with: "")),
                Fixture.array("clusters", #"{"clusterArn": "\#(Fixture.cluster)", "clusterName": "prod", "capacityProviders": ["FARGATE", "FARGATE_SPOT"]}"#))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for workload in context.index.workloads {
            guard let service = workload.service, !service.capacityProviders.isEmpty,
                  let clusterArn = workload.clusterArn, let cluster = context.index.cluster(clusterArn) else { continue }
            let missing = service.capacityProviders.filter { !$0.isEmpty && !cluster.capacityProviders.contains($0) }
            guard !missing.isEmpty else { continue }
            let symptoms = context.symptoms(of: [.capacityProviderNotAssociated], on: workload)
            explained.formUnion(symptoms.map(\.id))
            findings.append(Self.description.finding(
                title: Self.title(missing: missing, cluster: cluster.name), explains: symptoms,
                resources: [.arn(cluster.clusterArn), workload.resource],
                evidence: symptoms.map(\.evidence) + [Self.strategyEvidence(service), Self.providersEvidence(cluster)],
                fix: Self.fix(cluster: cluster, adding: missing)))
        }
        for symptom in context.symptoms(of: [.capacityProviderNotAssociated]) where !explained.contains(symptom.id) {
            let workload = context.index.workload(for: symptom.resource)
            let cluster = workload?.clusterArn.flatMap { context.index.cluster($0) }
            let name = cluster?.name ?? workload?.clusterArn.map(ARN.clusterName)
            findings.append(Self.description.finding(
                title: Self.textTitle(cluster: name), basis: .symptomText, explains: [symptom], resources: symptom.resourceList, evidence: [symptom.evidence],
                fix: Self.textFix(cluster: name, known: cluster),
                missingEvidence: Self.textMissing(cluster: name, known: cluster)))
        }
        return findings
    }
}

// MARK: Messages and fixes

extension CapacityProviderNotAssociatedRule {
    static func list(_ providers: [String]) -> String {
        providers.isEmpty ? "no capacity provider" : providers.joined(separator: ", ")
    }

    static func textTitle(cluster: String?) -> String {
        "The capacity provider strategy names a provider not associated with \(cluster.map { "cluster \($0)" } ?? "the cluster")"
    }

    static func strategyEvidence(_ service: ECSService) -> Evidence {
        Evidence(service.location + "/capacityProviderStrategy",
                 "\(service.serviceName) places tasks with \(service.capacityProviders.joined(separator: ", "))")
    }

    static func providersEvidence(_ cluster: Cluster) -> Evidence {
        Evidence(cluster.location + "/capacityProviders", "cluster \(cluster.name) has \(list(cluster.capacityProviders))")
    }

    /// `--default-capacity-provider-strategy` items for the cluster's default strategy, else the first provider alone.
    static func strategyText(_ cluster: Cluster?, providers: [String]) -> String {
        let strategy = cluster.map(\.defaultStrategy) ?? []
        guard !strategy.isEmpty else { return "capacityProvider=\(providers.first.map(ShellWord.quoted) ?? "<provider>"),weight=1" }
        return strategy.map { item in
            (["capacityProvider=\(item.provider)"] + (item.weight.map { ["weight=\($0)"] } ?? []) + (item.base.map { ["base=\($0)"] } ?? []))
                .joined(separator: ",")
        }.joined(separator: " ")
    }

    static func title(missing: [String], cluster: String) -> String {
        "Cluster \(cluster) does not have the capacity provider\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) its service's strategy names"
    }

    /// PutClusterCapacityProviders replaces the whole list and needs the default strategy too
    /// (botocore 1.43.11 data/ecs/2014-11-13/service-2.json: cluster, capacityProviders and
    /// defaultCapacityProviderStrategy are required), so the command restates what the cluster has.
    static func fix(cluster: Cluster, adding missing: [String]) -> Fix {
        let providers = cluster.capacityProviders + missing
        let strategyText = strategyText(cluster, providers: providers)
        return Fix(summary: "Associate \(missing.joined(separator: ", ")) with cluster \(cluster.name), or change the service's strategy to providers it has",
                   steps: ["put-cluster-capacity-providers replaces the cluster's list: the command below keeps " +
                           "\(Self.list(cluster.capacityProviders)) and the default strategy as they are.",
                           "FARGATE and FARGATE_SPOT need no creation, only association; an Auto Scaling group provider must exist " +
                           "(create-capacity-provider) before it can be associated.",
                           "A strategy mixes either Fargate providers or Auto Scaling group providers, never both."],
                   commands: ["aws ecs put-cluster-capacity-providers --cluster \(ShellWord.quoted(cluster.name)) --capacity-providers " +
                              "\(providers.map(ShellWord.quoted).joined(separator: " ")) --default-capacity-provider-strategy \(strategyText)"],
                   terraform: "resource \"aws_ecs_cluster_capacity_providers\" \"\(TerraformName.label(cluster.name))\" {\n  cluster_name       = " +
                              "\"\(cluster.name)\"\n  capacity_providers = [\(providers.map { "\"\($0)\"" }.joined(separator: ", "))]\n}")
    }

    /// The provider the error is about is not in its text: `<new-provider>`; the cluster's own providers are kept when the snapshot has them.
    static func textFix(cluster name: String?, known cluster: Cluster?) -> Fix {
        let clusterWord = name.map(ShellWord.quoted) ?? "<cluster>"
        let existing = cluster.map { $0.capacityProviders.map(ShellWord.quoted) } ?? ["<existing-providers>"]
        return Fix(summary: "Associate the capacity provider with the cluster, or name one the cluster has",
                   steps: ["A capacity provider strategy (of the service, of run-task, or the cluster's default) may name only providers associated " +
                           "with the cluster; FARGATE and FARGATE_SPOT too.",
                           "put-cluster-capacity-providers replaces the whole list and needs the default strategy: list the providers the cluster " +
                           "already has plus the new one.",
                           "\"The specified capacity provider was not found\": the name is misspelt, or the Auto Scaling group provider was never " +
                           "created or was deleted."],
                   commands: ["aws ecs put-cluster-capacity-providers --cluster \(clusterWord) " +
                              "--capacity-providers \((existing + ["<new-provider>"]).joined(separator: " ")) " +
                              "--default-capacity-provider-strategy \(strategyText(cluster, providers: cluster?.capacityProviders ?? []))"])
    }

    static func textMissing(cluster name: String?, known cluster: Cluster?) -> [MissingEvidence] {
        var missing: [MissingEvidence] = []
        if cluster == nil {
            missing.append(MissingEvidence(why: "the providers the cluster has, and its default strategy",
                                           command: "aws ecs describe-clusters --clusters \(name.map(ShellWord.quoted) ?? "<cluster>") --query " +
                                                    "'clusters[0].[capacityProviders,defaultCapacityProviderStrategy]'"))
        }
        missing.append(MissingEvidence(why: "the provider the strategy names (<new-provider>), and whether it exists "
                                           + "(an Auto Scaling group provider must be created first)",
                                       command: "aws ecs describe-capacity-providers --query 'capacityProviders[].[name,status]'"))
        return missing
    }
}
