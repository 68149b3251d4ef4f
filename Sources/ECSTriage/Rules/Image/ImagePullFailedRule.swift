/// A CannotPullContainerError whose cause neither the message nor the
/// configuration names.
struct ImagePullFailedRule: Rule {
    static let description = RuleDescription(
        id: "image-pull-failed", title: "The image could not be pulled", category: .image, kind: .symptom,
        severity: .critical, explains: [.imagePullFailed],
        examples: [
            .triggers("layer registration failed", "CannotPullContainerError: failed to register layer: ApplyLayer exit status 1 stdout: stderr:",
                      resources: [""]),
            .quiet("a network timeout is another rule's", "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/mysql:8.0: failed to do request: Head 'https://registry-1.docker.io/v2/library/mysql/manifests/8.0': dial tcp 34.226.69.105:443: i/o timeout."),
        ])

    func evaluate(_ context: AnalysisContext) -> [Finding] {
        context.unexplainedSymptoms(of: [.imagePullFailed]).map { symptom in
            let workload = context.index.workload(for: symptom.resource)
            let image = workload?.taskDefinition?.containerDefinitions.first?.image
            return Self.description.finding(
                title: "The image\(image.map { " \($0)" } ?? "") could not be pulled",
                basis: .symptomText, explains: [symptom], resources: (image.map { [.image($0)] } ?? []) + symptom.resourceList,
                evidence: [symptom.evidence],
                fix: Fix(summary: "Find which step of the pull failed; the usual causes, in order, are below",
                         steps: ["No network path to the registry (ECR needs ecr.api, ecr.dkr and S3; other registries the internet).",
                                 "The repository or tag does not exist, or was pushed for another platform.",
                                 "The execution role (or, for other registries, repositoryCredentials) may not pull it.",
                                 "Docker Hub rate limit (429 toomanyrequests).",
                                 "Not enough disk for the layers (no space left on device, failed to register layer)."],
                         commands: image.map { image in
                             let reference = ImageReference(image)
                             return reference.isECR ? ["aws ecr describe-images --repository-name \(reference.repository) --region \(reference.region ?? context.region)"] : []
                         } ?? []),
                missingEvidence: workload == nil ? [MissingEvidence(why: "the task's image, subnet and execution role", command: "aws ecs describe-tasks --cluster <cluster> --tasks <task-id> --include TAGS")] : [])
        }
    }
}
