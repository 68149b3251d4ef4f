/// What the load-balancing rules ask of an attachment: its symptoms, the
/// security groups on its targets, and the arguments their commands take.
extension ServiceTarget {
    /// Observed symptoms of `kinds` that belong to this attachment: on its
    /// target group, or on its workload without naming another target group,
    /// or unattributed text.
    func symptoms(of kinds: Set<SymptomKind>, _ context: AnalysisContext) -> [Symptom] {
        let onWorkload = context.symptoms(of: kinds, on: workload)
        let workloadIds = Set(onWorkload.map(\.id))
        return (context.symptoms(of: kinds, onResource: targetGroupArn) + onWorkload).uniquedInOrder.filter { symptom in
            if let named = symptom.facts.targetGroupArn, named.hasPrefix("arn:") { return named == targetGroupArn }
            if symptom.resource == targetGroupArn { return true }
            return workloadIds.contains(symptom.id)
        }
    }

    /// Unhealthy-target symptoms of this attachment that name no HTTP code
    /// and a reason among `reasons` (or none, like "Task failed ELB health
    /// checks"): the failures a cause that keeps the check from being
    /// answered explains.
    func unansweredChecks(_ context: AnalysisContext, reasons: Set<String>) -> [Symptom] {
        symptoms(of: [.targetUnhealthy], context).filter { symptom in
            symptom.facts.httpCodes.isEmpty && (symptom.facts.healthReason.map(reasons.contains) ?? true)
        }
    }

    /// A Terraform resource label from a name (other categories' rules use it; new code calls `TerraformName.label`).
    static func label(_ name: String) -> String { TerraformName.label(name) }

    /// `--cluster ... --service ...` for commands.
    var serviceArguments: String { "--cluster \(workload.clusterName) --service \(service.serviceName)" }

    /// The security groups on the targets: the task ENI's (awsvpc), else the container instances'.
    func targetSecurityGroupIds(_ context: AnalysisContext) -> [String] {
        workload.networkMode == "awsvpc" ? workload.securityGroupIds
            : Array(Set(context.index.hostInstances(of: workload).flatMap(\.securityGroupIds))).sorted()
    }

    /// What would show whether the targets' security groups admit the load
    /// balancer, when the snapshot lacks a group: the load balancer's groups
    /// first when the snapshot does not have them, then the groups themselves.
    func securityGroupQuestions(_ context: AnalysisContext) -> [MissingEvidence] {
        let balancerArns = targetGroup?.loadBalancerArns ?? []
        let unknownBalancers = balancerArns.filter { context.index.loadBalancer($0) == nil }
        let groupIds = (targetSecurityGroupIds(context) + loadBalancers.flatMap(\.securityGroupIds)).uniqued()
        let absent = groupIds.filter { context.index.securityGroup($0) == nil }
        var questions: [MissingEvidence] = []
        if !unknownBalancers.isEmpty {
            questions.append(MissingEvidence(why: "the load balancer's security groups and subnets, where its health checks come from",
                                             command: "aws elbv2 describe-load-balancers --load-balancer-arns \(unknownBalancers.joined(separator: " "))"))
        }
        if !absent.isEmpty {
            let port = attachment.containerPort.map(String.init) ?? "of the container"
            questions.append(MissingEvidence(why: "whether the targets' security groups admit the load balancer on port \(port)",
                                             command: "aws ec2 describe-security-groups --group-ids \(absent.joined(separator: " "))"))
        }
        return questions
    }
}

extension AnalysisContext {
    /// The symptoms' evidence and, once per target group, how a
    /// describe-target-health output that names no target group was tied to it.
    func observedEvidence(_ symptoms: [Symptom]) -> [Evidence] {
        var evidence = symptoms.map(\.evidence)
        var seen = Set<String>()
        for arn in symptoms.compactMap(\.facts.targetGroupArn) where seen.insert(arn).inserted {
            guard let attributed = index.targetHealth(of: arn).first(where: { $0.targetGroupAttribution != nil }),
                  let why = attributed.targetGroupAttribution else { continue }
            evidence.append(Evidence(attributed.location, "the describe-target-health output names no target group: its targets are taken as "
                                     + "\(index.targetGroup(arn)?.name ?? ARN.targetGroupName(arn))'s, \(why)"))
        }
        return evidence
    }
}

/// An ELB `Matcher.HttpCode`: codes and ranges, `200,202` or `200-299,302`.
struct HTTPCodeMatcher {
    var text: String
    var ranges: [ClosedRange<Int>]

    init(_ text: String) {
        self.text = text
        ranges = text.split(separator: ",").compactMap { part in
            let bounds = part.split(separator: "-").compactMap { Int($0.filter { !$0.isWhitespace }) }
            if bounds.count == 1 { return bounds[0]...bounds[0] }
            if bounds.count == 2, bounds[0] <= bounds[1] { return bounds[0]...bounds[1] }
            return nil
        }
    }

    /// The matcher ELB applies: the group's own, else 200 for an ALB
    /// (HTTP/HTTPS target group) and 200-399 for an NLB.
    init(of group: TargetGroup) {
        let isALB = ["HTTP", "HTTPS"].contains((group.protocolName ?? "HTTP").uppercased())
        self.init(group.matcherHttpCode ?? (isALB ? "200" : "200-399"))
    }

    func accepts(_ code: Int) -> Bool { ranges.contains { $0.contains(code) } }

    /// This matcher with `codes` added, e.g. `200,302`.
    func adding(_ codes: [Int]) -> String {
        ([text] + codes.filter { !accepts($0) }.sorted().map(String.init)).joined(separator: ",")
    }
}

extension TargetGroup {
    /// Whether the load balancer checks it over HTTP(S), so that a path and a matcher apply.
    var checksHTTP: Bool {
        ["HTTP", "HTTPS"].contains((healthCheckProtocol ?? protocolName ?? "HTTP").uppercased())
    }
}

extension Workload {
    /// The VPC the tasks run in: their subnets', else their security groups'.
    func vpcId(_ index: SnapshotIndex) -> String? {
        subnetIds.lazy.compactMap { index.subnet($0)?.vpcId }.first ?? securityGroupIds.lazy.compactMap { index.securityGroup($0)?.vpcId }.first
    }
}

extension TargetGroupReplacement {
    /// How the listeners that reach `old` can reach its replacement: the
    /// listeners forwarding to it by default, else a rule of its load
    /// balancers' listeners, else unknown.
    static func routing(replacing old: String, group: TargetGroup?, _ context: AnalysisContext) -> Routing {
        let forwarding = context.index.listeners(forwardingTo: old)
        if !forwarding.isEmpty { return .listeners(forwarding) }
        let balancers = group?.loadBalancerArns ?? []
        let listeners = balancers.flatMap { context.index.listeners(of: $0) }.map(\.listenerArn)
        if !listeners.isEmpty { return .listenerRules(listenerArns: listeners, oldTargetGroupArn: old) }
        return .unknown(loadBalancerArn: balancers.first, oldTargetGroupArn: old)
    }

    /// The health check a new group for `workload` takes: the old group's, else the path of the container's own check.
    static func healthCheck(from group: TargetGroup?, container: ContainerDefinition?) -> HealthCheck {
        if let group {
            return HealthCheck(protocolName: group.healthCheckProtocol, path: group.healthCheckPath, port: group.healthCheckPort,
                               matcher: group.matcherHttpCode)
        }
        return HealthCheck(path: container.flatMap { HealthCheckPathMismatchRule.applicationPaths(of: $0).first?.path })
    }
}
