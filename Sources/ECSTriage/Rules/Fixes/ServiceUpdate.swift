/// The cluster and service a fix command names. From the snapshot when the
/// failure was seen on a service it holds, or when the failure's text names
/// a service the snapshot holds once; else from the text alone (ECS service
/// events name the service, `(service web)`, never the cluster). A part
/// neither gives prints as a placeholder, and `missingEvidence` names the
/// command that supplies it.
struct ServiceCoordinates: Equatable {
    var cluster: String?
    var service: String?

    init(cluster: String?, service: String?) {
        self.cluster = cluster
        self.service = service
    }

    /// The service `workload` is, or the one `symptom`'s text names.
    init(_ workload: Workload?, symptom: Symptom?, index: SnapshotIndex) {
        if let workload {
            self.init(cluster: workload.clusterArn.map(ARN.clusterName), service: workload.service?.serviceName)
            return
        }
        let named = symptom?.serviceNameInMessage
        let matches = named.map(index.workloads(ofServiceNamed:)) ?? []
        if matches.count == 1, let match = matches.first {
            self.init(cluster: match.clusterArn.map(ARN.clusterName), service: named)
        } else {
            self.init(cluster: nil, service: named)
        }
    }

    /// `--cluster` and `--service` values: quoted names, or placeholders.
    var clusterWord: String { cluster.map(ShellWord.quoted) ?? "<cluster>" }
    var serviceWord: String { service.map(ShellWord.quoted) ?? "<service>" }

    /// The commands that supply what the input does not name.
    var missingEvidence: [MissingEvidence] {
        switch (cluster, service) {
        case (nil, let service?):
            return [MissingEvidence(why: "the cluster that runs service \(service) (the message does not name it)",
                                    command: "aws ecs list-clusters --query clusterArns --output text")]
        case (nil, nil):
            return [MissingEvidence(why: "the cluster and service the message is about (it names neither)",
                                    command: "aws ecs list-clusters --query clusterArns --output text")]
        case (let cluster?, nil):
            return [MissingEvidence(why: "the service the message is about (it does not name it)",
                                    command: "aws ecs list-services --cluster \(ShellWord.quoted(cluster))")]
        default:
            return []
        }
    }
}

/// One `aws ecs update-service` change and the matching `aws_ecs_service`
/// Terraform, from the same values: every rule that changes a service's
/// settings builds its fix here.
struct ServiceUpdate {
    struct CapacityProviderItem: Equatable {
        var provider: String
        var base: Int?
        var weight: Int
    }

    enum Change: Equatable {
        case forceNewDeployment
        case desiredCount(Int)
        case deploymentConfiguration(minimumHealthyPercent: Int, maximumPercent: Int)
        /// Replaces the strategy; ECS applies it with a new deployment.
        case capacityProviderStrategy([CapacityProviderItem])
        /// Replaces the awsvpc configuration (ids only: no shell or shorthand metacharacters).
        case networkConfiguration(subnets: [String], securityGroups: [String], assignPublicIp: Bool)
    }

    var target: ServiceCoordinates
    var changes: [Change]

    var command: String {
        (["aws ecs update-service --cluster \(target.clusterWord) --service \(target.serviceWord)"] + changes.map(Self.option))
            .joined(separator: " ")
    }

    private static func option(_ change: Change) -> String {
        switch change {
        case .forceNewDeployment:
            return "--force-new-deployment"
        case let .desiredCount(count):
            return "--desired-count \(count)"
        case let .deploymentConfiguration(minimum, maximum):
            return "--deployment-configuration minimumHealthyPercent=\(minimum),maximumPercent=\(maximum)"
        case let .capacityProviderStrategy(items):
            let strategy = items.map { item in
                "capacityProvider=\(ShellWord.quoted(item.provider))" + (item.base.map { ",base=\($0)" } ?? "") + ",weight=\(item.weight)"
            }
            return "--capacity-provider-strategy " + strategy.joined(separator: " ") + " --force-new-deployment"
        case let .networkConfiguration(subnets, groups, publicIp):
            let configuration = "awsvpcConfiguration={subnets=[\(subnets.joined(separator: ","))],securityGroups=[\(groups.joined(separator: ","))],"
                + "assignPublicIp=\(publicIp ? "ENABLED" : "DISABLED")}"
            return "--network-configuration " + ShellWord.quoted(configuration)
        }
    }

    /// An `aws_ecs_service` resource naming the service, with the changed
    /// arguments; the ones the change does not touch stay as configured.
    /// Nil when the input does not name the service: a resource needs its name.
    var terraform: String? {
        guard let service = target.service else { return nil }
        var arguments: [(String, String)] = [("name", HCLString.quoted(service))]
        if let cluster = target.cluster { arguments.append(("cluster", HCLString.quoted(cluster))) }
        var blocks: [String] = []
        for change in changes {
            switch change {
            case .forceNewDeployment:
                arguments.append(("force_new_deployment", "true"))
            case let .desiredCount(count):
                arguments.append(("desired_count", String(count)))
            case let .deploymentConfiguration(minimum, maximum):
                arguments.append(("deployment_minimum_healthy_percent", String(minimum)))
                arguments.append(("deployment_maximum_percent", String(maximum)))
            case let .capacityProviderStrategy(items):
                arguments.append(("force_new_deployment", "true"))
                blocks += items.map(Self.strategyBlock)
            case let .networkConfiguration(subnets, groups, publicIp):
                blocks.append(["  network_configuration {",
                               "    subnets          = [\(subnets.map(HCLString.quoted).joined(separator: ", "))]",
                               "    security_groups  = [\(groups.map(HCLString.quoted).joined(separator: ", "))]",
                               "    assign_public_ip = \(publicIp)",
                               "  }"].joined(separator: "\n"))
            }
        }
        let width = arguments.map(\.0.count).max() ?? 0
        var lines = ["resource \"aws_ecs_service\" \"\(TerraformName.label(service))\" {"]
        lines += arguments.map { name, value in "  " + name + String(repeating: " ", count: width - name.count) + " = " + value }
        lines.append("  # task definition, network configuration and the other settings: as in your configuration")
        lines += blocks
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    private static func strategyBlock(_ item: CapacityProviderItem) -> String {
        var lines = ["  capacity_provider_strategy {", "    capacity_provider = \(HCLString.quoted(item.provider))"]
        if let base = item.base { lines.append("    base              = \(base)") }
        lines.append("    weight            = \(item.weight)")
        lines.append("  }")
        return lines.joined(separator: "\n")
    }
}

/// Terraform string literals: quoted, with template sequences and quotes escaped.
enum HCLString {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out.replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{") + "\""
    }
}
