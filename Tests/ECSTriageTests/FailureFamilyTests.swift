import Testing
@testable import ECSTriage

/// The mechanisms behind the pattern families (issue 19, second round): an
/// AWS API error is a failure whatever its code, a phrase matches as cut off
/// only where a clause begins, and a loopback or link-local address is never
/// taken for an AWS endpoint.
struct FailureFamilyTests {
    static func firstRule(_ message: String) throws -> String? {
        try TestSupport.analyze(message).findings.first?.ruleId
    }

    /// Error envelopes of botocore, the SDKs for Go (v1, v2) and Java, with an IAM code
    /// (EntityAlreadyExists, botocore's IAM model) and a message without any failure word.
    @Test(arguments: [
        "An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name checkout-task already exists.",
        "operation error IAM: CreateRole, https response error StatusCode: 409, RequestID: 0f1e2d3c, api error EntityAlreadyExists: Role with name checkout-task already exists.",
        "EntityAlreadyExists: Role with name checkout-task already exists.\n\tstatus code: 409, request id: 0f1e2d3c",
        "Role with name checkout-task already exists. (Service: AmazonIdentityManagement; Status Code: 409; Error Code: EntityAlreadyExists; Request ID: 0f1e2d3c; Proxy: null)",
        "InvalidInput: Role name checkout-task is reserved for this account.",
        "Input value for \"ECS_LOG_DRIVER\" is not a supported log driver, overriding to json-file and using default log options",
        "The selected Availability Zone does not support the requested capacity.",
        "Resource handler returned message: \"Capacity provider arn:aws:ecs:eu-west-1:482910573318:capacity-provider/spot is associated with a cluster\"",
    ])
    func apiErrorsAndNegativePhrasingsAreFailures(_ message: String) throws {
        #expect(try Self.firstRule(message) == "unrecognized-failure")
    }

    @Test func aHealthyStatusOrAnErrorCodeInProseStaysQuiet() throws {
        for message in ["GET /health returned status code: 200 in 3 ms", "See the InvalidInput section of the runbook before you deploy."] {
            #expect(try TestSupport.analyze(message).findings.isEmpty, "\(message)")
        }
    }

    @Test func deploymentToolsThatGaveUpWaitingNameTheDeployment() throws {
        #expect(try Self.firstRule("Resource handler returned message: \"Service arn:aws:ecs:eu-west-1:482910573318:service/prod/checkout-api did not stabilize.\"")
                == "deployment-failing")
        #expect(try Self.firstRule("Waiter ServicesStable failed: Max attempts exceeded") == "deployment-failing")
        // A wrapped message keeps its own rule.
        #expect(try Self.firstRule("Error: waiting for ECS Service (checkout-api) create: CannotPullContainerError: pull access denied for myorg/checkout, "
                                   + "repository does not exist or may require 'docker login'") == "image-not-found")
    }

    /// "Essential container in task exited" cut short still reads as that message; the same
    /// words inside another sentence are not a cut.
    @Test func aCutPhraseMustBeginAClause() throws {
        #expect(try Self.firstRule("STOPPED (Essential container in ta") == "container-exited")
        #expect(try Self.firstRule("Essential container in task") == "container-exited")
        #expect(try Self.firstRule("The log router cannot be an essential container") == "unrecognized-failure")
    }

    @Test func localEndpointsAreNotAWSEndpoints() throws {
        for message in ["CannotStartContainerError: Error response from daemon: failed to initialize logging driver: dial tcp 127.0.0.1:514: connect: connection refused",
                        "statsd: dial udp [::1]:8125: connect: connection refused",
                        "[appnet] Envoy admin check: Get \"http://localhost:9901/ready\": dial tcp 127.0.0.1:9901: i/o timeout"] {
            // A pasted log line may also be read by the application crash signatures (app-dependency-unreachable).
            let report = try TestSupport.analyze(message)
            #expect(["unrecognized-failure", "app-dependency-unreachable"].contains(report.findings.first?.ruleId ?? ""),
                    "\(message): \(report.findings.map(\.ruleId))")
            #expect(!report.findings.contains { $0.ruleId == "aws-service-unreachable" }, "\(message)")
        }
        // A port no AWS endpoint uses is the application's own dependency, in a container's reason as in a pasted log.
        #expect(try Self.firstRule("Error: connect ECONNREFUSED 10.0.4.4:6379") == "app-dependency-unreachable")
        let reasons = try TestSupport.analyze(Fixture.snapshot(Fixture.array("tasks", #"""
            {"taskArn": "arn:aws:ecs:eu-west-1:482910573318:task/prod/0f3c9d", "lastStatus": "STOPPED", "stoppedReason": "Essential container in task exited",
             "containers": [{"name": "web", "exitCode": 1, "reason": "dial tcp 10.0.12.34:5432: connect: connection refused"}]}
            """#)))
        #expect(!reasons.findings.contains { $0.ruleId == "aws-service-unreachable" }, "\(reasons.findings.map(\.ruleId))")
        // A real endpoint stays a network finding.
        #expect(try Self.firstRule("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve "
                                   + "ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "
                                   + "\"https://api.ecr.eu-west-1.amazonaws.com/\": dial tcp 10.0.1.5:443: i/o timeout") == "aws-service-unreachable")
    }

    /// Only the retries are left: the network is likely, a denial possible, and CloudTrail decides.
    @Test func aSecretsEnvelopeCutBeforeItsReasonNamesTheDecisiveCheck() throws {
        let report = try TestSupport.analyze("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                                             + "unable to retrieve secret from asm: service call has been retried 5 time(s): failed to fet")
        let finding = try #require(report.findings.first)
        #expect(finding.ruleId == "aws-service-unreachable")
        #expect(finding.fix.steps.contains { $0.contains("secretsmanager:GetSecretValue") })
        #expect(finding.missingEvidence.first?.command.hasPrefix("aws cloudtrail lookup-events") == true)
    }

    @Test func efsOnEC2ThroughTheVolumePluginIsTheEFSRule() throws {
        #expect(try Self.firstRule("CannotCreateVolumeError: Error response from daemon: create ecs-web-2-data-9c1d: VolumeDriver.Mount: "
                                   + "mounting volume failed: mount.nfs4: Connection reset by peer") == "efs-mount-target-unreachable")
    }
}
