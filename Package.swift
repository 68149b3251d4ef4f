// swift-tools-version:6.0
import Foundation
import PackageDescription

// Every playbooks/<rule-id>.md is compiled into the binary, so a copied
// `ecs-triage` can `explain` without the source tree.
// SwiftPM caches this manifest by its text, not by the folder it lists:
// scripts/refresh-playbooks rewrites the next line so a new playbook is seen.
// playbooks: 82
let packageDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let playbookFiles = ((try? FileManager.default.contentsOfDirectory(
    atPath: packageDirectory.appendingPathComponent("playbooks").path)) ?? [])
    .filter { $0.hasSuffix(".md") }
    .sorted()

let package = Package(
    name: "ecs-triage",
    products: [
        .executable(name: "ecs-triage", targets: ["ecs-triage"]),
        .library(name: "ECSTriage", targets: ["ECSTriage"]),
        .library(name: "ECSTriageCollect", targets: ["ECSTriageCollect"]),
    ],
    targets: [
        .target(
            name: "ECSTriagePlaybooks",
            path: "playbooks",
            sources: ["EmbeddedPlaybooks.swift"],
            resources: playbookFiles.map { .embedInCode($0) }
        ),
        .target(name: "ECSTriage", dependencies: ["ECSTriagePlaybooks"]),
        // Calls AWS (its own read-only client, or the `aws` CLI): the only target that
        // talks to the network or starts processes, apart from the executable.
        .target(name: "ECSTriageCollect", dependencies: ["ECSTriage"]),
        .executableTarget(name: "ecs-triage", dependencies: ["ECSTriage", "ECSTriageCollect"]),
        // Built only by scripts/fuzz, with libFuzzer providing main.
        .executableTarget(name: "ECSTriageFuzz", dependencies: ["ECSTriage"]),
        .testTarget(name: "ECSTriageTests", dependencies: ["ECSTriage", "ECSTriageCollect", "ecs-triage"], exclude: ["Fixtures"]),
    ]
)
