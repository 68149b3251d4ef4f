/// The image was built for another CPU architecture or OS than the task runs
/// on. A task runs X86_64 unless `runtimePlatform.cpuArchitecture` says ARM64
/// (RuntimePlatform in botocore's ECS model, data/ecs/2014-11-13/service-2.json).
struct ImagePlatformMismatchRule: Rule {
    static let description = RuleDescription(
        id: "image-platform-mismatch", title: "Image built for another platform", category: .image, severity: .critical,
        explains: [.imagePlatformMismatch], needs: [.taskDefinitions],
        examples: [
            .triggers("exec format error", "standard_init_linux.go:228: exec user process caused: exec format error", resources: [""], confidence: .likely),
            .triggers("exec format error on an X86_64 task", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("tasks", #"{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/0f3c9d", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod", "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:1", "group": "service:web", "launchType": "FARGATE", "lastStatus": "STOPPED", "stoppedReason": "Essential container in task exited", "containers": [{"name": "web", "exitCode": 1, "reason": "exec /usr/local/bin/docker-entrypoint.sh: exec format error"}]}"#),
                Fixture.array("taskDefinitions", Fixture.taskDefinition())),
                resources: [Fixture.ecrImage], confidence: .confirmed),
            .triggers("Windows image of another Windows build than the host",
                      "CannotPullContainerError: Error response from daemon: a Windows version 10.0.20348-based image is incompatible with a 10.0.17763 host",
                      resources: [""], confidence: .likely),
            .triggers("Windows image on a Linux host",
                      #"CannotPullContainerError: Error response from daemon: image operating system "windows" cannot be used on this platform"#,
                      resources: [""], confidence: .likely),
            .quiet("a missing executable is another rule's", #"CannotStartContainerError: exec: "/app/start": executable file not found in $PATH"#),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.namedCauseFindings(context) { symptom, workload in
            let container = workload?.container(named: symptom.facts.containerName)
            let definition = workload?.taskDefinition
            if let system = Self.imageOperatingSystem(symptom.message) {
                return NamedCauseDetail(
                    title: Self.operatingSystemTitle(container?.image, system: system),
                    resources: (container?.image.map { [.image($0)] } ?? []) + symptom.resourceList,
                    fix: Self.operatingSystemFix(system: system, workload: workload))
            }
            if let versions = Self.windowsVersions(symptom.message) {
                return NamedCauseDetail(
                    title: Self.windowsTitle(container?.image, versions: versions),
                    resources: (container?.image.map { [.image($0)] } ?? []) + symptom.resourceList,
                    fix: Self.windowsFix(image: container?.image, workload: workload))
            }
            let architecture = (definition?.cpuArchitecture ?? "X86_64").uppercased()
            return NamedCauseDetail(
                title: Self.title(container?.image, architecture: architecture),
                resources: (container?.image.map { [.image($0)] } ?? []) + symptom.resourceList,
                confirmingEvidence: definition.map { [Self.platformEvidence($0, architecture: architecture)] } ?? [],
                fix: Self.fix(image: container?.image, architecture: architecture, workload: workload))
        }
    }
}

// MARK: Messages and fixes

extension ImagePlatformMismatchRule {
    static func dockerPlatform(_ architecture: String) -> String { architecture == "ARM64" ? "linux/arm64" : "linux/amd64" }

    static func title(_ image: String?, architecture: String) -> String {
        "The image\(image.map { " \($0)" } ?? "") has no \(dockerPlatform(architecture)) variant: built for another CPU architecture"
    }

    /// Docker's `image operating system "windows" cannot be used on this platform`: the image's OS, lowercased.
    static func imageOperatingSystem(_ message: String) -> String? {
        MessageClassifier.token(after: "image operating system \"", in: MessageClassifier.normalize(message), stopAt: "\"")
    }

    static func operatingSystemTitle(_ image: String?, system: String) -> String {
        "The image\(image.map { " \($0)" } ?? "") is a \(system) image and its host runs another operating system"
    }

    static func operatingSystemFix(system: String, workload: Workload?) -> Fix {
        let windows = system == "windows"
        return Fix(summary: windows ? "Run the Windows image on Windows hosts (or rebuild it for Linux)"
                                    : "Run the \(system) image on \(system) hosts (or rebuild it for Windows)",
                   steps: [windows
                           ? "A Windows image needs Windows container instances (the ECS-optimized Windows AMI) or Fargate with "
                             + "runtimePlatform.operatingSystemFamily WINDOWS_SERVER_2019_CORE, WINDOWS_SERVER_2022_CORE (or _FULL)."
                           : "A \(system) image needs \(system) container instances, or Fargate with runtimePlatform.operatingSystemFamily LINUX.",
                           "In a cluster with both kinds of instances, a placement constraint keeps the task on the right ones: "
                           + "memberOf(attribute:ecs.os-type == \(windows ? "windows" : "linux")).",
                           "Or rebuild the image for the hosts' operating system and push it, then start a new deployment."],
                   commands: workload?.redeployCommand.map { [$0] } ?? [])
    }

    /// A Windows image whose build is not the host's (moby distribution/pull_v2_windows.go checkImageCompatibility:
    /// "a Windows version X-based image is incompatible with a Y host", "... can only be run on a Y host using Hyper-V
    /// isolation"), or Windows' own "The container operating system does not match the host operating system":
    /// the image's and the host's builds when the message names them.
    static func windowsVersions(_ message: String) -> (image: String?, host: String?)? {
        let text = MessageClassifier.normalize(message)
        guard ["-based image", "operating system does not match the host operating system", "hyper-v isolation"]
            .contains(where: { text.containsBytes(of: $0) }) else { return nil }
        let image = MessageClassifier.token(after: "windows version ", in: text, stopAt: " ").map { $0.replacingOccurrences(of: "-based", with: "") }
        let host = MessageClassifier.token(after: "run on a ", in: text) ?? MessageClassifier.token(after: "incompatible with a ", in: text)
        return (image, host)
    }

    static func windowsTitle(_ image: String?, versions: (image: String?, host: String?)) -> String {
        let builds = versions.image.flatMap { image in versions.host.map { " (image \(image), host \(MessageClassifier.trimPunctuation($0)))" } } ?? ""
        return "The image\(image.map { " \($0)" } ?? "") is built on another Windows version than its host\(builds)"
    }

    /// Under process isolation a Windows container shares the host's kernel, so the image's Windows build must be the host's
    /// (MicrosoftDocs/Virtualization-Documentation virtualization/windowscontainers/deploy-containers/upgrade-windows-containers.md);
    /// on Fargate the task's platformFamily and operatingSystemFamily name that version
    /// (awsdocs/amazon-ecs-developer-guide@49232cf2 doc_source/platform-windows-fargate.md).
    static func windowsFix(image: String?, workload: Workload?) -> Fix {
        Fix(summary: "Build the image on the Windows Server version of the hosts, or run it on hosts of the image's version",
            steps: ["A Windows container under process isolation runs on the host's kernel: the image's base must be the host's Windows build "
                    + "(10.0.17763 is Windows Server 2019, ltsc2019; 10.0.20348 is Windows Server 2022, ltsc2022).",
                    "Rebuild \(image ?? "the image") FROM the base tag of the hosts' version and push it, then start a new deployment.",
                    "Or place the task on hosts of the image's version: container instances from the ECS-optimized Windows AMI of that version, "
                    + "or on Fargate the image's version as the task's platformFamily and runtimePlatform.operatingSystemFamily "
                    + "(WINDOWS_SERVER_2019_CORE, WINDOWS_SERVER_2022_CORE, or _FULL).",
                    "Check the image's version: docker manifest inspect --verbose <image> shows os.version."],
            commands: workload?.redeployCommand.map { [$0] } ?? [])
    }

    static func platformEvidence(_ definition: TaskDefinition, architecture: String) -> Evidence {
        Evidence(definition.location + "/runtimePlatform",
                 "\(definition.familyRevision) runs on \(architecture)\(definition.cpuArchitecture == nil ? " (runtimePlatform not set: X86_64)" : "")")
    }

    /// Rebuilt for both architectures and pushed under the same tag, the
    /// image reaches the service with a new deployment.
    static func fix(image: String?, architecture: String, workload: Workload?) -> Fix {
        let other = architecture == "ARM64" ? "X86_64" : "ARM64"
        let build = "docker buildx build --platform linux/amd64,linux/arm64 -t \(image.map(ShellWord.quoted) ?? "<image>") --push ."
        return Fix(summary: "Build the image for the task's platform (or a multi-arch image), or set runtimePlatform.cpuArchitecture to the image's",
                   steps: ["An image built on an Apple Silicon Mac is linux/arm64 by default; ECS runs X86_64 unless runtimePlatform says ARM64.",
                           "Rebuild for \(dockerPlatform(architecture)) (or both, as the commands do) and push, then start a new deployment "
                           + "so the tasks pull it.",
                           "Or run the task on the image's architecture: runtimePlatform {cpuArchitecture = \(other)} in the task definition "
                           + "(on EC2 this needs \(other == "ARM64" ? "Graviton" : "x86") instances).",
                           "Check the image's manifest: docker buildx imagetools inspect <image>."],
                   commands: [build] + (workload?.redeployCommand.map { [$0] } ?? []))
    }
}
