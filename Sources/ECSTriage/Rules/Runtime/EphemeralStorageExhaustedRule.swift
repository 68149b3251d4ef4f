/// The task (or instance) ran out of disk while pulling or running. On
/// Fargate the task's ephemeral storage is 20 GiB unless the definition
/// asks for 21-200 (EphemeralStorage.sizeInGiB in botocore's ECS model,
/// data/ecs/2014-11-13/service-2.json).
struct EphemeralStorageExhaustedRule: Rule {
    static let description = RuleDescription(
        id: "ephemeral-storage-exhausted", title: "Out of disk space", category: .runtime, severity: .critical,
        explains: [.diskFull],
        examples: [
            .triggers("no space left on device", "CannotPullContainerError: write /var/lib/docker/tmp/GetImageBlob102484030: no space left on device", resources: [""], confidence: .likely),
            .triggers("a Fargate task of a service", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", Fixture.stoppedTask("0f3c9d", reason: "CannotPullContainerError: write /var/lib/docker/tmp/GetImageBlob1: no space left on device")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition())),
                resources: [Fixture.taskArn("0f3c9d")], confidence: .likely),
            .quiet("a timeout is not disk", "CannotPullContainerError: context canceled"),
        ])

    static let defaultGiB = 20
    static let maximumGiB = 200

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let fargate = workload?.isFargate ?? true
            let change = workload?.taskDefinition.flatMap { definition -> (TaskDefinitionChange, Int)? in
                guard fargate else { return nil }
                let size = Self.size(after: definition.ephemeralStorageGiB)
                let edit = TaskDefinitionChange.Edit.task("ephemeralStorage", .object([("sizeInGiB", .number(Double(size)))]))
                return (TaskDefinitionChange(context.index.definitionUse(definition), [edit]), size)
            }
            return NamedCauseDetail(
                title: "The task ran out of disk space\(fargate ? " (Fargate ephemeral storage)" : " on the container instance")",
                resources: symptom.resourceList,
                fix: Self.fix(fargate: fargate, change: change, definition: workload?.taskDefinition))
        }
    }

    /// Twice the current size (at least 50 GiB), within Fargate's 200.
    static func size(after current: Int?) -> Int {
        min(maximumGiB, max(50, (current ?? defaultGiB) * 2))
    }
}

// MARK: Messages and fixes

extension EphemeralStorageExhaustedRule {
    static func fix(fargate: Bool, change: (TaskDefinitionChange, Int)?, definition: TaskDefinition?) -> Fix {
        let steps = ["The image's uncompressed layers and everything the containers write share this space.",
                     fargate ? "Set ephemeralStorage.sizeInGiB in the task definition (21-\(maximumGiB) GiB; default \(defaultGiB); Fargate platform 1.4+)"
                                 + (change.map { ": the commands set \($0.1)." } ?? ".")
                             : "Enlarge the instance's root/Docker volume, and let the agent clean images (ECS_IMAGE_CLEANUP_INTERVAL).",
                     "Use a smaller base image and multi-stage builds; write large scratch data to EFS or a bind-mounted volume."]
        let summary = fargate ? "Raise ephemeralStorage.sizeInGiB (21-\(maximumGiB); default \(defaultGiB) GiB) or shrink the image"
                              : "Free or enlarge the instance's Docker volume, or shrink the image"
        guard let change else { return Fix(summary: summary, steps: steps) }
        return Fix(summary: summary, steps: steps, change: change.0, definition: definition)
    }
}
