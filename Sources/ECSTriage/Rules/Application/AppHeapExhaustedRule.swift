/// A runtime's own memory cap was reached: the V8 heap, the JVM heap or
/// metaspace, PHP's memory_limit, the .NET GC heap. The runtime aborts
/// before the container reaches its memory limit, so ECS reports a plain
/// exit (not OutOfMemoryError) and more task memory alone changes nothing
/// unless the cap follows it (Node's default heap, PHP's memory_limit and
/// an explicit -Xmx do not).
struct AppHeapExhaustedRule: Rule {
    static let description = RuleDescription(
        id: "app-heap-exhausted", title: "The runtime's heap limit was reached", category: .runtime,
        severity: .high, explains: [.applicationCrash],
        examples: [
            .triggers("V8 heap", "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", resources: [""], confidence: .likely),
            .triggers("JVM heap", #"Exception in thread "main" java.lang.OutOfMemoryError: Java heap space"#, resources: [""], confidence: .likely),
            .quiet("the kernel's OOM kill is another rule's", "OutOfMemoryError: Container killed due to memory usage"),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        Self.description.crashFindings(context) { symptom, signature, _ in
            NamedCauseDetail(title: Self.title(signature), resources: symptom.resourceList, fix: Self.fix(signature),
                             missingEvidence: [CrashWording.taskDefinitionEvidence("the container's memory and the runtime options in its command and environment")])
        }
    }
}

// MARK: Messages and fixes

extension AppHeapExhaustedRule {
    static func title(_ signature: CrashSignature) -> String {
        "The \(CrashWording.runtimeName(signature.runtime)) heap limit was reached before the container's memory limit"
    }

    /// The setting that caps each runtime's heap, and how to tie it to the container's memory.
    static func setting(_ runtime: String) -> String {
        switch runtime {
        case "node":
            return "Node.js caps the V8 heap below the container's memory: set NODE_OPTIONS=--max-old-space-size=<MiB> "
                + "to about 75 % of the container's memory."
        case "jvm":
            return "Size the JVM from the container: JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75 instead of a fixed -Xmx "
                + "(Metaspace: -XX:MaxMetaspaceSize)."
        case "php": return "Raise memory_limit (php.ini, or php -d memory_limit=<size>) within the container's memory."
        case "dotnet": return "Check DOTNET_GCHeapHardLimit / DOTNET_GCHeapHardLimitPercent and the container's memory."
        default: return "Raise the runtime's heap limit within the container's memory."
        }
    }

    static func fix(_ signature: CrashSignature) -> Fix {
        Fix(summary: "Raise the runtime's heap limit (and the container's memory with it), or find what grows",
            steps: [setting(signature.runtime),
                    "Raising the task's or container's memory alone does not help while the runtime's own limit stays where it is.",
                    "If the heap keeps growing at any size, it is a leak or an unbounded load (a whole file or result set in memory): "
                    + "take a heap profile locally with the same limit."])
    }
}
