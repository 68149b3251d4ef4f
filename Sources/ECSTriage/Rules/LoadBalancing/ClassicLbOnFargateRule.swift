/// A Classic Load Balancer registers EC2 instances only; awsvpc tasks (all
/// of Fargate) have their own network interface and can be reached only
/// through an Application or Network Load Balancer with an `ip` target group.
struct ClassicLbOnFargateRule: Rule {
    static let description = RuleDescription(
        id: "classic-lb-on-fargate", title: "Classic Load Balancer attached to a Fargate or awsvpc service",
        category: .loadBalancing, severity: .critical,
        needs: [.services, .taskDefinitions],
        examples: [
            .triggers("Fargate service with loadBalancerName", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", classicLoadBalancer: "web-classic")),
                #""LoadBalancerDescriptions": [{"LoadBalancerName": "web-classic", "Scheme": "internet-facing"}]"#),
                resources: [Fixture.serviceArn("web")], confidence: .likely),
            .quiet("Fargate service on an ip target group", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", targetGroup: "web-tg")),
                Fixture.array("TargetGroups", Fixture.targetGroup("web-tg")))),
            .quiet("bridge service on a Classic Load Balancer", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", launchType: "EC2", classicLoadBalancer: "web-classic")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(networkMode: "bridge", requiresCompatibilities: ["EC2"])))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        for workload in context.index.workloads {
            guard let service = workload.service, workload.networkMode == "awsvpc" else { continue }
            for attachment in service.loadBalancers where attachment.targetGroupArn == nil {
                guard let name = attachment.loadBalancerName else { continue }
                let classic = context.index.classicLoadBalancer(named: name)
                var evidence = [Evidence(attachment.location + "/loadBalancerName", "\(service.serviceName) names the Classic Load Balancer \(name)")]
                evidence.append(Self.modeEvidence(workload, service: service))
                if let classic { evidence.append(Evidence(classic.location, "\(name) is a Classic Load Balancer (aws elb), which registers instances only")) }
                let replacement = Self.replacement(for: classic, named: name, workload: workload, service: service, attachment: attachment, context)
                findings.append(Self.description.finding(
                    title: "\(service.serviceName) uses the Classic Load Balancer \(name), which cannot reach awsvpc tasks",
                    resources: [workload.resource, .classicLoadBalancer(name)],
                    evidence: evidence,
                    fix: Self.fix(replacement, classic: name),
                    missingEvidence: classic == nil ? [Self.classicQuestion(name)] : []))
            }
        }
        return findings
    }

    /// An Application Load Balancer (a Network Load Balancer when a listener
    /// is TCP or SSL) in the Classic Load Balancer's subnets, with its
    /// security groups, scheme and listeners, and an `ip` target group
    /// checked as the Classic Load Balancer checked the instances.
    static func replacement(for classic: ClassicLoadBalancer?, named name: String, workload: Workload, service: ECSService,
                            attachment: ServiceLoadBalancer, _ context: AnalysisContext) -> TargetGroupReplacement {
        let listeners = classic?.listeners ?? [(port: 80, protocolName: "HTTP", certificateId: nil)]
        let isNetwork = listeners.contains { ["TCP", "SSL"].contains($0.protocolName) }
        let check = classic?.healthCheckTarget.map { target in target.split(separator: ":").first.map(String.init)?.uppercased() ?? "HTTP" }
        let balancer = TargetGroupReplacement.NewLoadBalancer(
            name: TargetGroupReplacement.name(name, suffix: isNetwork ? "nlb" : "alb"), type: isNetwork ? "network" : "application",
            isInternal: classic?.scheme == "internal", subnetIds: classic?.subnetIds ?? [], securityGroupIds: classic?.securityGroupIds ?? [],
            listeners: listeners.map { listener in
                let protocolName = isNetwork ? (listener.protocolName == "SSL" ? "TLS" : "TCP") : listener.protocolName
                return (port: listener.port, protocolName: protocolName, certificateArn: listener.certificateId)
            })
        let container = workload.taskDefinition?.containerDefinitions.first { $0.name == attachment.containerName }
        var healthCheck = TargetGroupReplacement.healthCheck(from: nil, container: container)
        if let check {
            healthCheck.protocolName = check == "SSL" ? "TCP" : check
            healthCheck.path = classic?.healthCheckPath ?? healthCheck.path
        }
        return TargetGroupReplacement(
            name: TargetGroupReplacement.name(service.serviceName, suffix: "ip"), targetType: "ip", protocolName: isNetwork ? "TCP" : "HTTP",
            port: attachment.containerPort, vpcId: classic?.vpcId ?? workload.vpcId(context.index), healthCheck: healthCheck,
            routing: .newLoadBalancer(balancer),
            service: .init(cluster: workload.clusterName, service: service.serviceName, container: attachment.containerName,
                           containerPort: attachment.containerPort))
    }
}

// MARK: Messages and fixes

extension ClassicLbOnFargateRule {
    static func modeEvidence(_ workload: Workload, service: ECSService) -> Evidence {
        workload.isFargate
            ? Evidence(service.location, "\(service.serviceName) runs on Fargate, which always uses the awsvpc network mode")
            : Evidence((workload.taskDefinition?.location ?? service.location) + "/networkMode",
                       "\(workload.taskDefinition?.familyRevision ?? service.serviceName) uses the awsvpc network mode")
    }

    static func fix(_ replacement: TargetGroupReplacement, classic: String) -> Fix {
        Fix(summary: "Replace \(classic) with an Application (or Network) Load Balancer and a target group of type ip",
            steps: ["Create the new load balancer in the Classic Load Balancer's subnets, with its security groups and listeners, and a target group of "
                    + "type ip on the container port, checked as before.",
                    "Attach the target group to the service instead of loadBalancerName (update-service --load-balancers for rolling deployments; "
                    + "recreate the service for CODE_DEPLOY).",
                    "Move the DNS name from the Classic Load Balancer to the new one, then delete it."],
            commands: replacement.commands, terraform: replacement.terraform)
    }

    static func classicQuestion(_ name: String) -> MissingEvidence {
        MissingEvidence(why: "the Classic Load Balancer's subnets, security groups, listeners and health check, which the new load balancer takes over",
                        command: "aws elb describe-load-balancers --load-balancer-names \(name)")
    }
}
