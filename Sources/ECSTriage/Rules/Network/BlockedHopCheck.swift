/// Shared by the network rules whose defect is one hop of a path: every
/// blocked hop of the rule's kinds, on every path, grouped by the
/// configuration that blocks it. A hop that is the first blocked one of a
/// path is what the traffic meets now and explains the symptoms; one behind
/// another blocked hop is a latent defect, reported all the same so that a
/// single deployment fixes the whole path.
struct BlockedHopCheck {
    let description: RuleDescription
    let kinds: Set<PathHop.Kind>
    /// Narrows the hops (e.g. DNS blocked by the endpoint vs by the VPC).
    var accepts: (DependencyPath, PathHop) -> Bool = { _, _ in true }
    /// What one finding covers: by default one blocking configuration (the hop's place and verdict).
    var groupKey: (PathHop) -> String = { $0.location + "|" + $0.verdict.explanation }

    struct Blocked {
        var network: WorkloadNetwork
        var origin: NetworkOrigin
        var subnetIds: [String]
        var instanceIds: [String]
        var hop: PathHop
        var hops: [PathHop]
        var paths: [DependencyPath]
        /// The paths on which this hop is the first blocked one.
        var decisive: [DependencyPath]
        /// For the other paths, the hop the traffic meets first.
        var blockedFirst: [(path: DependencyPath, hop: PathHop)]
        /// Every path the hop blocks, from every origin (`paths` holds each dependency once).
        var everyPath: [DependencyPath] = []

        var isLatent: Bool { decisive.isEmpty }
        var dependencyNames: String { paths.map(\.dependency.displayName).joined(separator: ", ") }
    }

    /// Blocked hops grouped by workload, origin kind and `groupKey`.
    func blocked(_ context: AnalysisContext) -> [Blocked] {
        var result: [Blocked] = []
        for network in context.network {
            var groups: [Blocked] = []
            var positions: [String: Int] = [:]
            for set in network.pathSets {
                for path in set.paths {
                    let first = path.blockingHop
                    for hop in path.blockedHops where kinds.contains(hop.kind) && accepts(path, hop) {
                        let key = "\(set.origin.isInstance)|" + groupKey(hop)
                        let position = positions[key] ?? {
                            positions[key] = groups.count
                            groups.append(Blocked(network: network, origin: set.origin, subnetIds: [], instanceIds: [], hop: hop, hops: [],
                                                  paths: [], decisive: [], blockedFirst: []))
                            return groups.count - 1
                        }()
                        groups[position].add(path, hop: hop, first: first, origin: set.origin)
                    }
                }
            }
            result += groups
        }
        return result
    }

    /// The finding for one group: symptoms only for the paths it decides, and for a latent
    /// defect the hop each path meets first.
    func finding(_ blocked: Blocked, _ context: AnalysisContext, title: String, resources: [ResourceID], fix: Fix,
                 missingEvidence: [MissingEvidence] = []) -> Finding {
        let symptoms = context.networkSymptoms(on: blocked.network.workload, blocked: blocked.decisive.map(\.dependency))
        var evidence = symptoms.map(\.evidence)
        evidence += NetworkFixes.premiseEvidence(blocked.origin)
        var seen = Set<String>()
        for hop in blocked.hops where seen.insert(hop.verdict.explanation).inserted {
            evidence.append(Evidence(hop.location, hop.verdict.explanation))
        }
        for path in blocked.paths {
            evidence.append(Evidence(path.dependency.location, Self.goesThrough(path)))
        }
        for (path, hop) in blocked.blockedFirst {
            evidence.append(Evidence(hop.location, Self.latent(path, behind: hop)))
        }
        return description.finding(
            title: title, explains: symptoms,
            resources: resources + blocked.instanceIds.map(ResourceID.ec2Instance) + blocked.subnetIds.map(ResourceID.subnet)
                + [blocked.network.workload.resource],
            evidence: evidence, fix: fix, missingEvidence: missingEvidence)
    }
}

extension BlockedHopCheck.Blocked {
    mutating func add(_ path: DependencyPath, hop: PathHop, first: PathHop?, origin: NetworkOrigin) {
        if !subnetIds.contains(origin.subnetId) { subnetIds.append(origin.subnetId) }
        for id in origin.instanceIds where !instanceIds.contains(id) { instanceIds.append(id) }
        if !hops.contains(hop) { hops.append(hop) }
        everyPath.append(path)
        let key = path.dependency.key
        guard !paths.contains(where: { $0.dependency.key == key }) else {
            // Already counted from another origin; it decides if it does on any.
            if first == hop, !decisive.contains(where: { $0.dependency.key == key }) {
                decisive.append(path)
                blockedFirst.removeAll { $0.path.dependency.key == key }
            }
            return
        }
        paths.append(path)
        if first == hop {
            decisive.append(path)
        } else if let first {
            blockedFirst.append((path, first))
        }
    }
}

// MARK: Messages

extension BlockedHopCheck {
    static func goesThrough(_ path: DependencyPath) -> String {
        "\(path.dependency.displayName) (\(path.dependency.reason)) goes through \(path.route)"
    }

    static func latent(_ path: DependencyPath, behind hop: PathHop) -> String {
        "latent for \(path.dependency.displayName): the traffic is stopped first by another defect (\(hop.verdict.explanation)); "
            + "this one blocks it once that is fixed"
    }
}
