/// The load balancer checks, or the service routes to, a port the container
/// does not serve: an explicit `HealthCheckPort` that is none of the task's
/// ports, or a service `containerPort` missing from the container's
/// `portMappings` (or a `containerName` the definition does not have).
struct HealthCheckPortMismatchRule: Rule {
    static let description = RuleDescription(
        id: "health-check-port-mismatch", title: "Health check or service port is not a port the container serves",
        category: .loadBalancing, severity: .high, explains: [.targetUnhealthy, .containerPortNotDefined, .healthCheckPortWithDynamicHostPort],
        needs: [.services, .taskDefinitions, .targetGroups],
        examples: [
            .triggers("health check on 80, container on 8080", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPort: "80"))),
                resources: [Fixture.targetGroupArn("web-tg")], confidence: .likely),
            .triggers("health check on 80, targets time out", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPort: "80")),
                Fixture.targetHealth("web-tg", reason: "Target.Timeout", description: "Request timed out")),
                resources: [Fixture.targetGroupArn("web-tg")], confidence: .confirmed),
            .triggers("service container port not mapped", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", containerPort: 80)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg"))),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .triggers("the API error alone", "InvalidParameterException: The container app did not have a container port 80 defined.",
                      resources: ["app"], confidence: .likely),
            .triggers("a fixed health check port refused with dynamic host ports",
                      "The task definition is configured to use a dynamic host port, but the target group with targetGroupArn "
                      + "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web-tg/bcd1d8e7fa7324f8 has a health check port specified. "
                      + "(Service: AmazonECS; Status Code: 400; Error Code: InvalidParameterException)",
                      resources: ["arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web-tg/bcd1d8e7fa7324f8"], confidence: .likely),
            .quiet("health check on traffic-port", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPort: "traffic-port")))),
            .quiet("health check on a second mapped port", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(portMappings: #"[{"containerPort": 8080, "protocol": "tcp"}, {"containerPort": 8081, "protocol": "tcp"}]"#)),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPort: "8081")))),
            .quiet("service port inside a containerPortRange (SST maps 1-65535)", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg", containerPort: 3000)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(portMappings: #"[{"containerPortRange": "1-65535", "protocol": "tcp"}]"#)),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", port: 3000)))),
            .quiet("explicit health check port inside a containerPortRange", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(portMappings: #"[{"containerPort": 8080, "protocol": "tcp"}, {"containerPortRange": "9000-9099", "protocol": "tcp"}]"#)),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPort: "9001")))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for target in context.index.serviceTargets {
            guard let definition = target.workload.taskDefinition, let mode = target.workload.networkMode else { continue }
            guard let finding = unmappedContainerPort(target, definition: definition, context: context)
                ?? wrongHealthCheckPort(target, definition: definition, mode: mode, context: context) else { continue }
            findings.append(finding)
            explained.formUnion(finding.explains)
        }
        for symptom in context.symptoms(of: [.containerPortNotDefined]) where !explained.contains(symptom.id) {
            let workload = context.index.workload(for: symptom.resource)
            findings.append(Self.description.finding(
                title: Self.namedTitle(symptom),
                basis: .symptomText, explains: [symptom],
                resources: symptom.resource.map { [.arn($0)] } ?? symptom.facts.containerName.map { [.container($0)] } ?? [],
                evidence: [symptom.evidence],
                fix: Self.namedFix(symptom, workload: workload),
                missingEvidence: Self.namedQuestions(symptom, workload: workload, context)))
        }
        for symptom in context.symptoms(of: [.healthCheckPortWithDynamicHostPort]) where !explained.contains(symptom.id) {
            let group = symptom.facts.targetGroupArn
            findings.append(Self.description.finding(
                title: "Target group \(group.map(ARN.targetGroupName) ?? "(unnamed)") checks a fixed port, which dynamic host ports never serve",
                basis: .symptomText, explains: [symptom],
                resources: group.map { [.arn($0)] } ?? [],
                evidence: [symptom.evidence],
                fix: Self.dynamicPortFix(group)))
        }
        return findings
    }

    /// With `hostPort` 0 each task gets an ephemeral host port: only `traffic-port` follows it.
    static func dynamicPortFix(_ group: String?) -> Fix {
        // A masked account (`**********`) in a pasted ARN is not an ARN the CLI can use.
        let usable = group.flatMap { $0.contains("*") ? nil : $0 }
        return Fix(summary: "Set the target group's health check port to traffic-port (or give the container a fixed host port)",
                   steps: ["With dynamic host port mapping (bridge mode, hostPort 0) each task listens on its own ephemeral host port; the load "
                           + "balancer must check the port each target was registered with, which is what traffic-port means.",
                           "In CloudFormation or Terraform remove HealthCheckPort / health_check.port (the default is traffic-port), then deploy the service again."],
                   commands: ["aws elbv2 modify-target-group --target-group-arn \(usable.map(ShellWord.quoted) ?? "<target-group-arn>") --health-check-port traffic-port"])
    }

    /// The service names a container or container port the definition does not have.
    private func unmappedContainerPort(_ target: ServiceTarget, definition: TaskDefinition, context: AnalysisContext) -> Finding? {
        guard let port = target.attachment.containerPort, target.portMapping == nil else { return nil }
        let symptoms = target.symptoms(of: [.containerPortNotDefined], context)
        var evidence = context.observedEvidence(symptoms)
        evidence.append(Self.routingEvidence(target, port: port))
        evidence.append(Self.mappingEvidence(target, definition: definition, port: port))
        return Self.description.finding(
            title: Self.unmappedTitle(target, definition: definition, port: port),
            explains: symptoms,
            resources: [target.workload.resource, .arn(target.targetGroupArn), .arn(definition.taskDefinitionArn)],
            evidence: evidence,
            fix: Self.unmappedFix(target, definition: definition, port: port))
    }

    /// An explicit health check port no container of the task listens on.
    private func wrongHealthCheckPort(_ target: ServiceTarget, definition: TaskDefinition, mode: String, context: AnalysisContext) -> Finding? {
        guard let group = target.targetGroup, let text = group.healthCheckPort, let port = Int(text) else { return nil }
        let served = Self.servedPorts(definition, mode: mode)
        guard !served.contains(where: { $0.contains(port) }) else { return nil }
        let symptoms = target.unansweredChecks(context, reasons: ["Target.Timeout", "Target.FailedHealthChecks"])
        var evidence = context.observedEvidence(symptoms)
        evidence.append(Evidence(group.location + "/HealthCheckPort", "\(group.name) checks port \(port) instead of traffic-port"))
        evidence.append(Self.servedEvidence(target, definition: definition, mode: mode, served: served))
        return Self.description.finding(
            title: "\(group.name) health-checks port \(port), which the tasks of \(target.service.serviceName) do not serve",
            explains: symptoms,
            resources: [.arn(target.targetGroupArn), target.workload.resource],
            evidence: evidence,
            fix: Self.trafficPortFix(target, group: group, port: port, mode: mode))
    }

    /// The ports the task answers on: container ports for awsvpc (and host),
    /// fixed host ports for bridge; dynamic bridge ports are never fixed.
    static func servedPorts(_ definition: TaskDefinition, mode: String) -> [ClosedRange<Int>] {
        definition.containerDefinitions.flatMap(\.portMappings).compactMap { mapping in
            if mode == "bridge" {
                guard mapping.containerPortRange == nil, let host = mapping.hostPort, host != 0 else { return nil }
                return host...host
            }
            if let range = mapping.containerPortRange { return range }
            guard let port = mode == "host" ? mapping.hostPort ?? mapping.containerPort : mapping.containerPort else { return nil }
            return port...port
        }
    }
}

// MARK: Messages and fixes

extension HealthCheckPortMismatchRule {
    static func rangesText(_ ranges: [ClosedRange<Int>]) -> String {
        ranges.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ", ")
    }

    static func routingEvidence(_ target: ServiceTarget, port: Int) -> Evidence {
        Evidence(target.attachment.location, "\(target.service.serviceName) sends \(target.groupName) traffic to container "
                 + "\(target.attachment.containerName ?? "(none named)"), port \(port)")
    }

    static func mappingEvidence(_ target: ServiceTarget, definition: TaskDefinition, port: Int) -> Evidence {
        let name = target.attachment.containerName ?? "(none named)"
        guard let container = target.container else {
            return Evidence(definition.location + "/containerDefinitions", "\(definition.familyRevision) has no container named \(name) "
                            + "(it has \(definition.containerDefinitions.map(\.name).joined(separator: ", ")))")
        }
        let mapped = mappedPorts(container)
        return Evidence(container.location + "/portMappings", "container \(name) of \(definition.familyRevision) maps "
                        + (mapped.isEmpty ? "no port" : "port \(rangesText(mapped))") + ", not \(port)")
    }

    static func mappedPorts(_ container: ContainerDefinition) -> [ClosedRange<Int>] {
        container.portMappings.compactMap { $0.containerPortRange ?? $0.containerPort.map { $0...$0 } }
    }

    static func unmappedTitle(_ target: ServiceTarget, definition: TaskDefinition, port: Int) -> String {
        "\(target.service.serviceName) routes \(target.groupName) to \(target.attachment.containerName ?? "(no container)"):\(port), "
            + "which \(definition.familyRevision) does not map"
    }

    static func unmappedFix(_ target: ServiceTarget, definition: TaskDefinition, port: Int) -> Fix {
        let name = target.attachment.containerName ?? "<container>"
        let mapped = target.container.map(mappedPorts) ?? []
        let fixPort = mapped.count == 1 && mapped[0].count == 1 ? String(mapped[0].lowerBound) : "<mapped-port>"
        let fixName = target.container?.name ?? (definition.containerDefinitions.count == 1 ? definition.containerDefinitions[0].name : name)
        return Fix(summary: "Point the service at \(fixName):\(fixPort), or add port \(port) to the container's portMappings",
                   steps: ["The service's loadBalancers entry must name a container of the task definition and one of its mapped containerPorts.",
                           "Change the service (a new deployment registers the tasks on the right port), or add {\"containerPort\": \(port)} "
                           + "to \(name)'s portMappings and register a new revision."],
                   commands: ["aws ecs update-service \(target.serviceArguments) --load-balancers "
                              + "targetGroupArn=\(target.targetGroupArn),containerName=\(fixName),containerPort=\(fixPort)"],
                   terraform: ServiceTerraform.resource(service: target.service.serviceName, cluster: target.workload.clusterName, [
                       "load_balancer {",
                       "  target_group_arn = \"\(target.targetGroupArn)\"",
                       "  container_name   = \"\(fixName)\"",
                       "  container_port   = \(Int(fixPort).map(String.init) ?? "var.container_port")",
                       "}",
                   ]))
    }

    static func servedEvidence(_ target: ServiceTarget, definition: TaskDefinition, mode: String, served: [ClosedRange<Int>]) -> Evidence {
        let dynamic = mode == "bridge" && target.portMapping.map { ($0.hostPort ?? 0) == 0 || $0.containerPortRange != nil } == true
        let kind = mode == "awsvpc" ? "container" : "host"
        return Evidence(definition.location + "/containerDefinitions", dynamic
            ? "\(definition.familyRevision) uses dynamic host ports (bridge, hostPort 0): every task answers on a different port"
            : "\(definition.familyRevision) (\(mode)) serves \(kind) port\(served.count == 1 && served[0].count == 1 ? "" : "s") "
                + (served.isEmpty ? "none" : rangesText(served)))
    }

    static func trafficPortFix(_ target: ServiceTarget, group: TargetGroup, port: Int, mode: String) -> Fix {
        let trafficPort = mode == "awsvpc" ? target.attachment.containerPort : target.portMapping?.hostPort
        let change = TargetGroupHealthCheckChange(group: group, port: "traffic-port")
        return Fix(summary: "Check traffic-port (the port each target is registered on\(trafficPort.map { ", \($0)" } ?? "")) instead of \(port)",
                   steps: ["With traffic-port the load balancer checks each target on the port ECS registered it with, which follows the container port "
                           + "(and dynamic host ports).",
                           "Keep an explicit port only when the container serves its health endpoint on a second mapped port, "
                           + "and allow that port in the task's security group."],
                   commands: [change.command], terraform: change.terraform)
    }

    static func namedTitle(_ symptom: Symptom) -> String {
        "The service routes to port \(symptom.facts.port.map(String.init) ?? "(unnamed)") of container \(symptom.facts.containerName ?? "(unnamed)"), "
            + "which the task definition does not map"
    }

    /// The fix for the API error alone: the values it names, the workload's when the error came with one.
    static func namedFix(_ symptom: Symptom, workload: Workload?) -> Fix {
        let container = symptom.facts.containerName ?? "<container>"
        let definition = workload?.taskDefinition?.familyRevision ?? workload?.service?.taskDefinition.map(ARN.lastComponent) ?? "<family:revision>"
        let cluster = workload?.clusterArn.map(ARN.clusterName) ?? "<cluster>"
        let service = workload?.service?.serviceName ?? "<service>"
        let group = workload?.service?.loadBalancers.first?.targetGroupArn ?? "<target-group-arn>"
        return Fix(summary: "Make the service's loadBalancers containerName/containerPort name a port in the container's portMappings",
                   steps: ["containerPort in the service's loadBalancers must equal a containerPort in the portMappings of the container named by "
                           + "containerName (names are case-sensitive).",
                           "Either add the port mapping to the container and register a new revision, or create/update the service with the port the "
                           + "container maps."],
                   commands: ["aws ecs describe-task-definition --task-definition \(definition) "
                              + "--query 'taskDefinition.containerDefinitions[].{name:name,ports:portMappings}'",
                              "aws ecs update-service --cluster \(cluster) --service \(service) --load-balancers "
                              + "targetGroupArn=\(group),containerName=\(container),containerPort=<mapped-port>"])
    }

    /// The container's port mappings, when the error came with its service but not its task definition.
    static func namedQuestions(_ symptom: Symptom, workload: Workload?, _ context: AnalysisContext) -> [MissingEvidence] {
        guard !context.index.has(.taskDefinitions), let definition = workload?.service?.taskDefinition.map(ARN.lastComponent) else { return [] }
        return [MissingEvidence(why: "the container's port mappings, which give the port to route to",
                                command: "aws ecs describe-task-definition --task-definition \(definition)")]
    }
}
