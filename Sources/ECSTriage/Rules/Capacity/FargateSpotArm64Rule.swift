/// Fargate refused an ARM64 task on FARGATE_SPOT. The developer guide lists
/// ARM64 Linux tasks (and Windows tasks) as unsupported on Fargate Spot
/// (guide@49232cf2 doc_source/fargate-capacity-providers.md, and the current
/// fargate-capacity-providers page); AWS Batch's later documentation no longer
/// lists ARM64 among Spot's exceptions, so support may differ by date and
/// Region. The rule therefore fires on the refusal itself and uses the
/// configuration only to confirm it, never alone.
struct FargateSpotArm64Rule: Rule {
    static let description = RuleDescription(
        id: "fargate-spot-arm64", title: "FARGATE_SPOT refused an ARM64 task", category: .capacity,
        severity: .high, explains: [.fargateSpotArchitecture], needs: [.services, .taskDefinitions],
        examples: [
            .triggers("the API error", "FARGATE_SPOT capacity provider is not supported when using ARM architecture.",
                      resources: [""], confidence: .likely),
            .quiet("an ARM64 service on FARGATE_SPOT without the error", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web", extraJSON: #", "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]"#)),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(extraJSON: #", "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"}"#)))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let target = ServiceCoordinates(workload, symptom: symptom, index: context.index)
            var evidence: [Evidence] = []
            if let definition = workload?.taskDefinition, definition.cpuArchitecture?.uppercased() == "ARM64" {
                evidence.append(Self.architectureEvidence(definition))
            }
            if let service = workload?.service, service.capacityProviders.contains(where: { $0.uppercased() == "FARGATE_SPOT" }) {
                evidence.append(Self.strategyEvidence(service))
            }
            return NamedCauseDetail(
                title: Self.title(workload?.taskDefinition),
                resources: workload.map { [$0.resource] } ?? symptom.resourceList,
                confirmingEvidence: evidence.count == 2 ? evidence : [],
                fix: Self.fix(ServiceUpdate(target: target, changes: [.capacityProviderStrategy([.init(provider: "FARGATE", base: nil, weight: 1)])])),
                missingEvidence: workload?.service == nil ? target.missingEvidence + [Self.strategyMissing(target)] : [])
        }
    }
}

// MARK: Messages and fixes

extension FargateSpotArm64Rule {
    static func title(_ definition: TaskDefinition?) -> String {
        "Fargate Spot does not take \(definition.map { "\($0.familyRevision), an ARM64 task" } ?? "the ARM64 task")"
    }

    static func architectureEvidence(_ definition: TaskDefinition) -> Evidence {
        Evidence(definition.location + "/runtimePlatform", "\(definition.familyRevision) runs on ARM64")
    }

    static func strategyEvidence(_ service: ECSService) -> Evidence {
        Evidence(service.location + "/capacityProviderStrategy",
                 "\(service.serviceName) places tasks with \(service.capacityProviders.joined(separator: ", "))")
    }

    static func fix(_ update: ServiceUpdate) -> Fix {
        Fix(summary: "Run the ARM64 task on FARGATE, or build the image for X86_64 to keep Fargate Spot",
            steps: ["Keep ARM64: give the strategy FARGATE instead of FARGATE_SPOT (a strategy may mix them only for tasks Spot accepts).",
                    "Keep Spot: build the image for linux/amd64 (or multi-arch) and set runtimePlatform.cpuArchitecture to X86_64 in a new revision.",
                    "Fargate Spot also refuses Windows tasks."],
            commands: [update.command], terraform: update.terraform)
    }

    static func strategyMissing(_ target: ServiceCoordinates) -> MissingEvidence {
        MissingEvidence(why: "the service's capacity provider strategy",
                        command: "aws ecs describe-services --cluster \(target.clusterWord) --services \(target.serviceWord) "
                            + "--query 'services[0].capacityProviderStrategy'")
    }
}
