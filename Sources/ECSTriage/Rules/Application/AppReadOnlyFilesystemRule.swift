/// The container runs with `readonlyRootFilesystem` and the program writes
/// under its image at start (nginx's /var/cache/nginx, a pid file, /tmp).
/// A volume mounted at that path is writable while the rest stays read-only
/// (ContainerDefinition.readonlyRootFilesystem and mountPoints in botocore's
/// ECS model, data/ecs/2014-11-13/service-2.json).
struct AppReadOnlyFilesystemRule: Rule {
    static let description = RuleDescription(
        id: "app-read-only-filesystem", title: "The application writes to a read-only root file system", category: .runtime,
        severity: .high, explains: [.applicationCrash],
        examples: [
            .triggers("nginx cache directory", #"2022/03/04 17:05:32 [emerg] 1#1: mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)"#,
                      resources: [""], confidence: .likely),
            .quiet("permission denied is not a read-only file system", #"2022/10/03 09:10:52 [emerg] 1#1: mkdir() "/var/cache/nginx/client_temp" failed (13: Permission denied)"#),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.crashFindings(context) { symptom, signature, _ in
            let path = signature.quotedValue(in: symptom.message)
            return NamedCauseDetail(title: Self.title(path) + CrashWording.printedBy(signature), resources: symptom.resourceList,
                                    fix: Self.fix(path),
                                    missingEvidence: [CrashWording.taskDefinitionEvidence("the container's readonlyRootFilesystem and mountPoints")])
        }
    }
}

// MARK: Messages and fixes

extension AppReadOnlyFilesystemRule {
    static func title(_ path: String?) -> String {
        "The application cannot write \(path ?? "its files"): the container's root file system is read-only"
    }

    static func fix(_ path: String?) -> Fix {
        let target = path.map { "\($0)'s directory" } ?? "each path the program writes"
        return Fix(summary: "Mount a writable volume at \(target), keeping the root file system read-only",
                   steps: ["Add a task volume with no host path (an empty scratch volume, on Fargate too) and a mountPoints entry on "
                           + "the container for \(target), readOnly false.",
                           "nginx writes /var/cache/nginx and /var/run: mount both, or use an image built for a read-only root.",
                           "Or set readonlyRootFilesystem to false, if the security requirement allows it."])
    }
}
