/// The task (or instance) ran out of disk while pulling or running.
struct EphemeralStorageExhaustedRule: Rule {
    static let description = RuleDescription(
        id: "ephemeral-storage-exhausted", title: "Out of disk space", category: .runtime, severity: .critical,
        explains: [.diskFull],
        examples: [
            .triggers("no space left on device", "CannotPullContainerError: write /var/lib/docker/tmp/GetImageBlob102484030: no space left on device", resources: [""], confidence: .likely),
            .quiet("a timeout is not disk", "CannotPullContainerError: context canceled"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let fargate = workload?.isFargate ?? true
            return NamedCauseDetail(
                title: "The task ran out of disk space\(fargate ? " (Fargate ephemeral storage)" : " on the container instance")",
                resources: symptom.resourceList,
                fix: Fix(summary: fargate ? "Raise ephemeralStorage.sizeInGiB (21-200; default 20 GiB) or shrink the image" : "Free or enlarge the instance's Docker volume, or shrink the image",
                         steps: ["The image's uncompressed layers and everything the containers write share this space.",
                                 fargate ? "Set ephemeralStorage {sizeInGiB = 50} in the task definition (Fargate platform 1.4+)." : "Enlarge the instance's root/Docker volume, and let the agent clean images (ECS_IMAGE_CLEANUP_INTERVAL).",
                                 "Use a smaller base image and multi-stage builds; write large scratch data to EFS or a bind-mounted volume."],
                         terraform: fargate ? "ephemeral_storage {\n  size_in_gib = 50\n}" : nil))
        }
    }
}
