/// Shared by the network rules whose defect is a hop after the route: a
/// dependency with a route whose first blocking hop is of one kind.
struct BlockedHopCheck {
    let description: RuleDescription
    let kind: PathHop.Kind
    /// Narrows the hop kind (e.g. DNS blocked by the endpoint vs by the VPC).
    var accepts: (DependencyPath) -> Bool = { _ in true }
    /// One finding per workload, whatever configuration blocks each path.
    var onePerWorkload = false

    struct Blocked {
        var network: WorkloadNetwork
        var subnetIds: [String]
        var hop: PathHop
        var paths: [DependencyPath]
    }

    /// Blocked paths grouped by workload and the configuration that blocks them.
    func blocked(_ context: AnalysisContext) -> [Blocked] {
        var result: [Blocked] = []
        for network in context.network {
            var groups: [(key: String, value: Blocked)] = []
            for subnet in network.subnets {
                for path in subnet.paths {
                    guard let hop = path.blockingHop, hop.kind == kind, accepts(path) else { continue }
                    let key = onePerWorkload ? "" : hop.location + "|" + hop.verdict.explanation
                    if let position = groups.firstIndex(where: { $0.key == key }) {
                        if !groups[position].value.subnetIds.contains(subnet.routing.subnetId) { groups[position].value.subnetIds.append(subnet.routing.subnetId) }
                        if !groups[position].value.paths.contains(where: { $0.dependency.target == path.dependency.target }) { groups[position].value.paths.append(path) }
                    } else {
                        groups.append((key, Blocked(network: network, subnetIds: [subnet.routing.subnetId], hop: hop, paths: [path])))
                    }
                }
            }
            result += groups.map(\.value)
        }
        return result
    }

    func finding(_ blocked: Blocked, _ context: AnalysisContext, title: String, resources: [ResourceID], fix: Fix) -> Finding {
        let symptoms = context.networkSymptoms(on: blocked.network.workload, blocked: blocked.paths.map(\.dependency))
        var evidence = symptoms.map(\.evidence)
        evidence.append(Evidence(blocked.hop.location, blocked.hop.verdict.explanation))
        for path in blocked.paths {
            evidence.append(Evidence(path.dependency.location, "\(path.dependency.displayName) (\(path.dependency.reason)) goes through \(path.route)"))
        }
        return description.finding(
            title: title, explains: symptoms,
            resources: resources + blocked.subnetIds.map(ResourceID.subnet) + [blocked.network.workload.resource],
            evidence: evidence, fix: fix)
    }

    var dependencyNames: (Blocked) -> String { { $0.paths.map(\.dependency.displayName).joined(separator: ", ") } }
}
