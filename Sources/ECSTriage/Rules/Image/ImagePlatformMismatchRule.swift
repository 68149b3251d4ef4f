/// The image was built for another CPU architecture or OS than the task runs on.
struct ImagePlatformMismatchRule: Rule {
    static let description = RuleDescription(
        id: "image-platform-mismatch", title: "Image built for another platform", category: .image, severity: .critical,
        explains: [.imagePlatformMismatch], needs: [.taskDefinitions],
        examples: [
            .triggers("exec format error", "standard_init_linux.go:228: exec user process caused: exec format error", resources: [""], confidence: .likely),
            .quiet("a missing executable is another rule's", #"CannotStartContainerError: exec: "/app/start": executable file not found in $PATH"#),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let container = workload?.container(named: symptom.facts.containerName)
            let architecture = workload?.taskDefinition?.cpuArchitecture ?? "X86_64"
            var evidence: [Evidence] = []
            if let definition = workload?.taskDefinition {
                evidence.append(Evidence(definition.location + "/runtimePlatform",
                                         "\(definition.familyRevision) runs on \(architecture)\(definition.cpuArchitecture == nil ? " (runtimePlatform not set: X86_64)" : "")"))
            }
            let other = architecture.uppercased() == "ARM64" ? "linux/amd64" : "linux/arm64"
            return NamedCauseDetail(
                title: "The image\(container?.image.map { " \($0)" } ?? "") has no \(architecture.uppercased() == "ARM64" ? "linux/arm64" : "linux/amd64") variant: built for another CPU architecture",
                resources: (container?.image.map { [.image($0)] } ?? []) + symptom.resourceList, confirmingEvidence: evidence,
                fix: Fix(summary: "Build the image for the task's platform (or a multi-arch image), or set runtimePlatform.cpuArchitecture to the image's",
                         steps: ["An image built on an Apple Silicon Mac is \(other == "linux/arm64" ? "linux/arm64" : "linux/arm64") by default; Fargate runs X86_64 unless runtimePlatform says ARM64.",
                                 "Rebuild with docker buildx build --platform linux/amd64,linux/arm64 and push, or set runtimePlatform {cpuArchitecture = ARM64, operatingSystemFamily = LINUX}.",
                                 "Check the image's manifest: docker buildx imagetools inspect <image>."],
                         commands: ["docker buildx build --platform linux/amd64,linux/arm64 -t \(container?.image ?? "<image>") --push ."],
                         terraform: "runtime_platform {\n  cpu_architecture        = \"ARM64\" # or X86_64: the image's architecture\n  operating_system_family = \"LINUX\"\n}"))
        }
    }
}
