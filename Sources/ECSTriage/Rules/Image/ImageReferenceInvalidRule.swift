/// A container's image is not a reference Docker can pull: empty, with
/// whitespace or capitals in the repository, a malformed tag or digest. ECS
/// accepts more at registration (any case) than a pull does, so the task
/// registers and then fails with "invalid reference format"
/// (ImageReferenceGrammar has the grammar and its source).
struct ImageReferenceInvalidRule: Rule {
    static let description = RuleDescription(
        id: "image-reference-invalid", title: "The image reference is empty or not valid", category: .image,
        severity: .critical, explains: [.imageReferenceInvalid], needs: [.taskDefinitions],
        examples: [
            .triggers("uppercase repository", Fixture.snapshot(
                Fixture.array("services", Fixture.service("web")),
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "111122223333.dkr.ecr.us-east-1.amazonaws.com/Web:1.4.2"))),
                resources: ["arn:aws:ecs:us-east-1:111122223333:task-definition/web:1"], confidence: .likely),
            .triggers("the daemon's error", "CannotPullContainerError: Error response from daemon: invalid reference format",
                      resources: [""], confidence: .likely),
            .quiet("registry host with a port and a digest", Fixture.snapshot(
                Fixture.array("taskDefinitions", Fixture.taskDefinition(image: "registry.example.com:5000/team/web@sha256:" + String(repeating: "a", count: 64))))),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        var findings: [Finding] = []
        var explained = Set<String>()
        for use in context.index.definitionUses {
            // A definition without an image member says nothing (a partial document); an empty one is a defect.
            let invalid = use.definition.containerDefinitions.compactMap { container in
                container.image.flatMap(ImageReferenceGrammar.problem).map { (container, $0) }
            }
            guard !invalid.isEmpty else { continue }
            let symptoms = context.symptoms(of: [.imageReferenceInvalid], on: use)
            explained.formUnion(symptoms.map(\.id))
            findings.append(Self.description.finding(
                title: Self.title(invalid.map(\.0.name), definition: use.definition.familyRevision),
                explains: symptoms, resources: use.resources,
                evidence: symptoms.map(\.evidence) + invalid.map { container, problem in
                    Evidence(container.location + "/image", "container \(container.name): image \"\(container.image ?? "")\": \(problem)")
                },
                fix: Self.fix(use, containers: invalid.map(\.0))))
        }
        for symptom in context.symptoms(of: [.imageReferenceInvalid]) where !explained.contains(symptom.id) {
            findings.append(Self.description.findingFromText(
                symptom, title: "The image reference of the task definition is not valid", fix: Self.fix(nil, containers: []), context: context))
        }
        return findings
    }
}

// MARK: Messages and fixes

extension ImageReferenceInvalidRule {
    static func title(_ containers: [String], definition: String) -> String {
        "The image of \(containers.count == 1 ? "container \(containers[0])" : "containers \(containers.joined(separator: ", "))") in \(definition) is " +
        "not a valid reference"
    }

    static func fix(_ use: DefinitionUse?, containers: [ContainerDefinition]) -> Fix {
        let suggestions = containers.compactMap { container -> String? in
            guard let image = container.image, !image.isEmpty else { return "\(container.name): set the image (it is empty; a template variable may " +
                                                                            "have been unset)" }
            let trimmed = image.trimmingCharacters(in: .whitespacesAndNewlines)
            let registry = trimmed.split(separator: "/", maxSplits: 1)
            guard registry.count == 2, registry[0].contains(".") || registry[0].contains(":") else {
                return "\(container.name): \(trimmed.lowercased())"
            }
            // The repository part must be lowercase; the registry host keeps its case.
            let path = String(registry[1])
            let tagStart = path.lastIndex(of: ":") ?? path.endIndex
            return "\(container.name): \(registry[0])/\(path[..<tagStart].lowercased())\(path[tagStart...])"
        }
        return Fix(summary: "Register a revision whose image is a valid reference: registry/repository[:tag][@sha256:digest], repository in lowercase",
                   steps: ["Docker rejects an empty image, whitespace (often a trailing space or newline from a variable), capitals in the repository, " +
                           "and tags with characters other than letters, digits, _ . -."]
                       + (suggestions.isEmpty ? ["Check the image of each container; the corrected form is what `docker pull` accepts."]
                                              : ["Corrected: " + suggestions.joined(separator: "; ")]),
                   commands: (use.map { [$0.exportCommand] } ?? [])
                       + [use?.registerCommand("") ?? "aws ecs register-task-definition --cli-input-json file://taskdef.json"]
                       + (use?.updateServiceCommands ?? []))
    }
}
