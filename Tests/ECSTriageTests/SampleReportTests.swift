import Foundation
import Testing
@testable import ECSTriage

/// Each sample's reports are compared byte for byte with
/// samples/expected/<sample>.json, .text and .md (see `Golden`).
struct SampleReportTests {
    static let samplesFolder = TestSupport.packageRoot.appendingPathComponent("samples")
    static let samples: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: samplesFolder.path)) ?? [])
        .filter { $0.hasSuffix(".json") || $0.hasSuffix(".txt") }.sorted()

    /// The rule each sample is about, or nil for the healthy ones.
    static let expectedTopRule: [String: String?] = [
        "alb-sg-blocks-container-port.json": "lb-sg-blocks-task-port",
        "api-throttled.txt": "api-throttled",
        "app-dependency-unreachable.txt": "app-dependency-unreachable",
        "app-heap-exhausted.txt": "app-heap-exhausted",
        "app-missing-configuration.txt": "app-missing-configuration",
        "app-port-in-use.txt": "app-port-in-use",
        "app-privileged-port.txt": "app-privileged-port",
        "app-read-only-filesystem.txt": "app-read-only-filesystem",
        "app-tls-untrusted.txt": "app-tls-untrusted",
        "application-crash-module-not-found.txt": "container-exited",
        "auto-scaling-cannot-launch.txt": "auto-scaling-cannot-launch",
        "awsvpc-host-port-80-to-8080.json": "awsvpc-host-port-mismatch",
        "awsvpc-service-without-network-configuration.json": "awsvpc-network-configuration-missing",
        "capacity-provider-not-associated.json": "capacity-provider-not-associated",
        "collected-crash-logs.json": "app-dependency-unreachable",
        "collected-oom-metrics.json": "container-out-of-memory",
        "circuit-breaker-disabled.json": "image-not-found",
        "container-command-not-found.json": "container-command-not-found",
        "container-exited.json": "container-exited",
        "container-health-check-failing.json": "container-health-check-failing",
        "container-memory-above-task.json": "container-memory-exceeds-task",
        "container-out-of-memory.json": "container-out-of-memory",
        "container-runtime-unresponsive.txt": "container-runtime-unresponsive",
        "crash-loop.json": "container-exited",
        "daemon-service-on-fargate.json": "daemon-on-fargate",
        "depends-on-healthy-without-health-check.json": "depends-on-healthy-without-health-check",
        "deployment-configuration-blocks.json": "deployment-configuration-blocks",
        "deployment-failing.txt": "deployment-failing",
        "deployment-rolled-back.json": "deployment-failing",
        "ec2-container-without-memory.json": "memory-not-specified",
        "ec2-instances-cannot-reach-ecs.json": "instance-cannot-reach-ecs",
        "ecs-exec-not-ready.json": "ecs-exec-not-ready",
        "ecs-exec-shared-pid-namespace.json": "ecs-exec-shared-pid-namespace",
        "ecs-service-role-or-slr.txt": "ecs-service-role-or-slr",
        "efs-mount-target-unreachable.json": "efs-mount-target-unreachable",
        "endpoint-policy-denies.json": "endpoint-policy-denies",
        "endpoint-private-dns-disabled.json": "endpoint-private-dns-disabled",
        "endpoint-sg-blocks-https.json": "endpoint-sg-blocks-https",
        "eni-limit-reached.txt": "eni-limit-reached",
        "eni-provisioning-failed.json": "eni-provisioning-failed",
        "eni-trunking-unsupported-instance.json": "eni-limit-reached",
        "ephemeral-storage-exhausted.txt": "ephemeral-storage-exhausted",
        "essential-container-without-logs.json": "essential-container-without-logs",
        "execution-role-cannot-pull-image.json": "execution-role-cannot-pull-image",
        "execution-role-cannot-read-env-file.json": "execution-role-cannot-read-env-file",
        "execution-role-cannot-read-secrets.json": "execution-role-cannot-read-secrets",
        "execution-role-cannot-write-logs.json": "execution-role-cannot-write-logs",
        "execution-role-missing.json": "execution-role-missing",
        "execution-role-trusts-ec2.json": "execution-role-trust",
        "fargate-bridge-network-mode.json": "fargate-requires-awsvpc",
        "fargate-classic-load-balancer.json": "classic-lb-on-fargate",
        "fargate-invalid-cpu-memory.json": "fargate-invalid-cpu-memory",
        "fargate-public-subnet-no-igw-route.json": "public-ip-without-igw",
        "fargate-quota-or-capacity.txt": "fargate-quota-or-capacity",
        "fargate-service-instance-target-group.json": "target-type-mismatch",
        "fargate-spot-arm64.txt": "fargate-spot-arm64",
        "fargate-unsupported-az.txt": "fargate-unsupported-az",
        "grace-period-zero-slow-start.json": "health-check-grace-period-too-short",
        "health-check-302-login-redirect.json": "health-check-matcher-mismatch",
        "health-check-host-rejected.json": "health-check-host-rejected",
        "health-check-kills-running-tasks.json": "health-check-kills-running-tasks",
        "health-check-port-80-container-8080.json": "health-check-port-mismatch",
        "health-check-trailing-slash.json": "health-check-path-mismatch",
        "healthy-iam-execution-role.json": nil,
        "healthy-private-endpoints.json": nil,
        "healthy-public-igw.json": nil,
        "host-port-conflict.txt": "host-port-conflict",
        "iam-access-denied.txt": "iam-access-denied",
        "image-not-found.json": "image-not-found",
        "image-platform-mismatch.json": "image-platform-mismatch",
        "image-reference-invalid.json": "image-reference-invalid",
        "infrastructure-role-trust.txt": "infrastructure-role-trust",
        "instance-registered-to-default.json": "no-container-instances",
        "instance-role-permissions.json": "instance-role-permissions",
        "insufficient-cluster-resources.json": "insufficient-cluster-resources",
        "launch-type-fargate-ec2-only-definition.json": "launch-type-incompatible",
        "log-group-missing.json": "log-group-missing",
        "migrate-essential-exit-0.json": "container-exited",
        "missing-instance-attribute.txt": "missing-instance-attribute",
        "mutable-tag-not-redeployed.json": "mutable-tag-not-redeployed",
        "nacl-blocks-traffic.json": "nacl-blocks-traffic",
        "nat-gateway-unusable.json": "nat-gateway-unusable",
        "nlb-task-sg-misses-nlb-subnets.json": "lb-sg-blocks-task-port",
        "no-container-instances.json": "no-container-instances",
        "no-essential-container.json": "no-essential-container",
        "private-registry-auth.json": "private-registry-auth",
        "private-subnet-no-nat-no-endpoints.json": "missing-vpc-endpoint",
        "public-subnet-without-public-ip.json": "public-subnet-without-public-ip",
        "registry-rate-limited.txt": "registry-rate-limited",
        "registry-unavailable.txt": "registry-unavailable",
        "s3-gateway-endpoint-not-associated.json": "s3-gateway-endpoint-not-associated",
        "secret-not-found.json": "secret-not-found",
        "service-deployments-active.txt": "service-deployments-active",
        "service-has-no-tasks.json": "service-has-no-tasks",
        "service-scaled-above-zero.txt": "service-scaled-above-zero",
        "session-manager-plugin-missing.txt": "session-manager-plugin-missing",
        "spot-interruption.json": "spot-interruption",
        "stopped-reason-ecr-timeout.txt": "aws-service-unreachable",
        "support-ticket.txt": "container-out-of-memory",
        "target-group-deleted.json": "target-group-not-found",
        "target-group-no-listener.json": "target-group-without-load-balancer",
        "target-health-500.json": "target-health-failing",
        "target-in-disabled-az.json": "target-az-not-enabled",
        "task-protection-blocks-scale-in.txt": "task-protection-blocks-scale-in",
        "task-retirement.txt": "task-retirement",
        "task-role-permissions-no-credentials.txt": "task-role-permissions",
        "task-role-trust.json": "task-role-trust",
        "task-sg-blocks-egress.json": "task-sg-blocks-egress",
        "unrecognized-failure.txt": "unrecognized-failure",
        "vpc-dns-disabled.json": "vpc-dns-disabled",
        // Terraform plans (issue 13): the field note's deployment, and one with three defects on its path.
        "terraform-plan-public-ip-without-igw.json": "public-ip-without-igw",
        "terraform-plan-partial-endpoints.json": "endpoint-private-dns-disabled",
    ]

    static func report(_ sample: String) throws -> Report {
        let bytes = try [UInt8](Data(contentsOf: samplesFolder.appendingPathComponent(sample)))
        return Analyzer.analyze(try SnapshotLoader.load([InputFile(name: "samples/" + sample, bytes: bytes)]))
    }

    @Test func everySampleHasAnExpectation() {
        #expect(Self.samples.sorted() == Self.expectedTopRule.keys.sorted())
    }

    @Test(arguments: samples)
    func topFinding(_ sample: String) throws {
        let report = try Self.report(sample)
        if let rule = Self.expectedTopRule[sample] ?? nil {
            #expect(report.findings.first?.ruleId == rule)
        } else {
            #expect(!report.fails(at: .low), "healthy sample \(sample) has findings: \(report.findings.map(\.ruleId))")
        }
    }

    static func base(_ sample: String) -> String {
        sample.replacingOccurrences(of: ".json", with: "").replacingOccurrences(of: ".txt", with: "")
    }

    /// A sample's report as `analyze --format <format>` prints it by default
    /// (Markdown redacted, see `RedactionRequest`).
    static func rendered(_ sample: String, _ format: OutputFormat) throws -> String {
        let bytes = try [UInt8](Data(contentsOf: samplesFolder.appendingPathComponent(sample)))
        let snapshot = try SnapshotLoader.load([InputFile(name: "samples/" + sample, bytes: bytes)])
        var report = Analyzer.analyze(snapshot)
        if RedactionRequest().appliesToReport(in: format) {
            var redactor = Redactor(knownSecrets: Redactor.knownSecrets(in: snapshot))
            report = redactor.redact(report)
        }
        switch format {
        case .json: return JSONReporter.render(report)
        case .text: return TextReporter.render(report)
        case .markdown: return MarkdownReporter.render(report)
        case .sarif: return SARIFReporter.render(report, inputs: ["samples/" + sample])
        }
    }

    /// The formats kept as goldens here (SARIFReportTests checks SARIF), with their file suffix.
    static let goldenSuffix: [OutputFormat: String] = [.json: "json", .text: "text", .markdown: "md"]
    static let goldenFormats: [OutputFormat] = [.json, .text, .markdown]

    /// The three reports of every sample are golden files.
    @Test(arguments: samples)
    func goldenReports(_ sample: String) throws {
        for format in Self.goldenFormats {
            try Golden.check(try Self.rendered(sample, format), "samples/expected/\(Self.base(sample)).\(Self.goldenSuffix[format]!)")
        }
    }

    /// The built binary, run twice as separate processes, prints the same
    /// bytes in every format, and the same as the golden file: nothing may
    /// depend on hashing seeds, addresses or time.
    @Test(arguments: samples)
    func sameBytesFromSeparateProcesses(_ sample: String) throws {
        for format in Self.goldenFormats {
            let arguments = ["analyze", "--format", format.rawValue, "samples/\(sample)"]
            let first = try CLI.run(arguments), second = try CLI.run(arguments)
            let same = first.stdoutBytes == second.stdoutBytes
            #expect(same, "\(sample) --format \(format): two runs differ")
            #expect(first.stderr.isEmpty && first.status == second.status)
            if !Golden.isRecording {
                let golden = try [UInt8](Data(contentsOf: Self.samplesFolder.appendingPathComponent("expected/\(Self.base(sample)).\(Self.goldenSuffix[format]!)")))
                let asGolden = first.stdoutBytes == golden
                #expect(asGolden, "\(sample) --format \(format): the binary's output differs from the golden file")
            }
        }
    }
}
