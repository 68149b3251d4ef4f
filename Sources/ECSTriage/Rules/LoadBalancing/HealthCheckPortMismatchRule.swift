/// The load balancer checks, or the service routes to, a port the container
/// does not serve: an explicit `HealthCheckPort` that is none of the task's
/// ports, or a service `containerPort` missing from the container's
/// `portMappings` (or a `containerName` the definition does not have).
struct HealthCheckPortMismatchRule: Rule {
    static let description = RuleDescription(
        id: "health-check-port-mismatch", title: "Health check or service port is not a port the container serves",
        category: .loadBalancing, severity: .high, explains: [.targetUnhealthy, .containerPortNotDefined],
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
            .quiet("health check on traffic-port", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition()),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPort: "traffic-port")))),
            .quiet("health check on a second mapped port", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(portMappings: #"[{"containerPort": 8080, "protocol": "tcp"}, {"containerPort": 8081, "protocol": "tcp"}]"#)),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg", healthCheckPort: "8081")))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for target in context.index.serviceTargets {
            guard let definition = target.workload.taskDefinition, let mode = target.workload.networkMode else { continue }
            if let finding = unmappedContainerPort(target, definition: definition, context: context) {
                findings.append(finding)
                explained.formUnion(finding.explains)
            } else if let finding = wrongHealthCheckPort(target, definition: definition, mode: mode, context: context) {
                findings.append(finding)
                explained.formUnion(finding.explains)
            }
        }
        for symptom in context.symptoms(of: [.containerPortNotDefined]) where !explained.contains(symptom.id) {
            let container = symptom.facts.containerName ?? "<container>"
            let port = symptom.facts.port.map(String.init) ?? "<port>"
            findings.append(Self.description.finding(
                title: "The service routes to port \(port) of container \(container), which the task definition does not map",
                basis: .symptomText, explains: [symptom], resources: symptom.resource.map { [.arn($0)] } ?? [.container(container)],
                evidence: [symptom.evidence],
                fix: Fix(summary: "Make the service's loadBalancers containerName/containerPort name a port in the container's portMappings",
                         steps: ["containerPort in the service's loadBalancers must equal a containerPort in the portMappings of the container named by containerName (names are case-sensitive).",
                                 "Either add the port mapping to the container and register a new revision, or create/update the service with the port the container maps."],
                         commands: ["aws ecs describe-task-definition --task-definition <family:revision> --query 'taskDefinition.containerDefinitions[].{name:name,ports:portMappings}'",
                                    "aws ecs update-service --cluster <cluster> --service <service> --load-balancers targetGroupArn=<target-group-arn>,containerName=\(container),containerPort=<mapped-port>"]),
                missingEvidence: context.index.has(.taskDefinitions) ? [] : [
                    MissingEvidence(why: "the container's port mappings", command: "aws ecs describe-task-definition --task-definition <family:revision>")]))
        }
        return findings
    }

    /// The service names a container or container port the definition does not have.
    private func unmappedContainerPort(_ target: ServiceTarget, definition: TaskDefinition, context: AnalysisContext) -> Finding? {
        guard let port = target.attachment.containerPort, target.portMapping == nil else { return nil }
        let name = target.attachment.containerName ?? "<container>"
        let mapped = target.container?.portMappings.compactMap(\.containerPort) ?? []
        let symptoms = target.symptoms(of: [.containerPortNotDefined], context)
        var evidence = symptoms.map(\.evidence)
        evidence.append(Evidence(target.attachment.location, "\(target.service.serviceName) sends \(target.groupName) traffic to container \(name), port \(port)"))
        if let container = target.container {
            evidence.append(Evidence(container.location + "/portMappings", "container \(name) of \(definition.familyRevision) maps \(mapped.isEmpty ? "no port" : "port " + mapped.map(String.init).joined(separator: ", ")), not \(port)"))
        } else {
            evidence.append(Evidence(definition.location + "/containerDefinitions", "\(definition.familyRevision) has no container named \(name) (it has \(definition.containerDefinitions.map(\.name).joined(separator: ", ")))"))
        }
        let fixPort = mapped.count == 1 ? String(mapped[0]) : "<mapped-port>"
        let fixName = target.container?.name ?? (definition.containerDefinitions.count == 1 ? definition.containerDefinitions[0].name : name)
        return Self.description.finding(
            title: "\(target.service.serviceName) routes \(target.groupName) to \(name):\(port), which \(definition.familyRevision) does not map",
            explains: symptoms,
            resources: [target.workload.resource, .arn(target.targetGroupArn), .arn(definition.taskDefinitionArn)],
            evidence: evidence,
            fix: Fix(summary: "Point the service at \(fixName):\(fixPort), or add port \(port) to the container's portMappings",
                     steps: ["The service's loadBalancers entry must name a container of the task definition and one of its mapped containerPorts.",
                             "Change the service (a new deployment registers the tasks on the right port), or add {\"containerPort\": \(port)} to \(name)'s portMappings and register a new revision."],
                     commands: ["aws ecs update-service \(target.serviceArguments) --load-balancers targetGroupArn=\(target.targetGroupArn),containerName=\(fixName),containerPort=\(fixPort)"],
                     terraform: "resource \"aws_ecs_service\" \"\(ServiceTarget.label(target.service.serviceName))\" {\n  load_balancer {\n    target_group_arn = \"\(target.targetGroupArn)\"\n    container_name   = \"\(fixName)\"\n    container_port   = \(fixPort)\n  }\n}"))
    }

    /// An explicit health check port no container of the task listens on.
    private func wrongHealthCheckPort(_ target: ServiceTarget, definition: TaskDefinition, mode: String, context: AnalysisContext) -> Finding? {
        guard let group = target.targetGroup, let text = group.healthCheckPort, let port = Int(text) else { return nil }
        let mappings = definition.containerDefinitions.flatMap(\.portMappings)
        // awsvpc targets answer on container ports; bridge and host on host ports.
        let served: [Int] = mode == "awsvpc" ? mappings.compactMap(\.containerPort)
            : mappings.compactMap { mapping in
                guard let host = mapping.hostPort ?? (mode == "host" ? mapping.containerPort : nil), host != 0 else { return nil }
                return host
            }
        guard !served.contains(port) else { return nil }
        let symptoms = target.unansweredChecks(context, reasons: ["Target.Timeout", "Target.FailedHealthChecks"])
        let dynamic = mode == "bridge" && target.portMapping.map { ($0.hostPort ?? 0) == 0 } == true
        let trafficPort = mode == "awsvpc" ? target.attachment.containerPort : target.portMapping?.hostPort
        var evidence = symptoms.map(\.evidence)
        evidence.append(Evidence(group.location + "/HealthCheckPort", "\(group.name) checks port \(port) instead of traffic-port"))
        evidence.append(Evidence(definition.location + "/containerDefinitions",
                                 dynamic ? "\(definition.familyRevision) uses dynamic host ports (bridge, hostPort 0): every task answers on a different port"
                                         : "\(definition.familyRevision) (\(mode)) serves \(mode == "awsvpc" ? "container" : "host") port\(served.count == 1 ? "" : "s") \(served.isEmpty ? "none" : served.map(String.init).joined(separator: ", "))"))
        return Self.description.finding(
            title: "\(group.name) health-checks port \(port), which the tasks of \(target.service.serviceName) do not serve",
            explains: symptoms,
            resources: [.arn(target.targetGroupArn), target.workload.resource],
            evidence: evidence,
            fix: Fix(summary: "Check traffic-port (the port each target is registered on\(trafficPort.map { ", \($0)" } ?? "")) instead of \(port)",
                     steps: ["With traffic-port the load balancer checks each target on the port ECS registered it with, which follows the container port (and dynamic host ports).",
                             "Keep an explicit port only when the container serves its health endpoint on a second mapped port, and allow that port in the task's security group."],
                     commands: ["aws elbv2 modify-target-group --target-group-arn \(target.targetGroupArn) --health-check-port traffic-port"],
                     terraform: "resource \"aws_lb_target_group\" \"\(ServiceTarget.label(group.name))\" {\n  health_check {\n    port = \"traffic-port\"\n  }\n}"))
    }
}
