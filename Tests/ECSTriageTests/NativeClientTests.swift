import ECSTriage
@testable import ECSTriageCollect
import Foundation
import Testing

/// The native AWS client without the network: hashing and signing against
/// published vectors and botocore, the generated models, what can reach the
/// wire, request encoding, response decoding, pagination, retries, endpoints.
struct NativeClientTests {
    // MARK: SHA-256, HMAC, Signature Version 4

    @Test func sha256MatchesTheFIPSVectors() {
        #expect(SHA256.hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(SHA256.hash([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// RFC 4231 test cases 1, 2 and 6 (a key longer than the block).
    @Test func hmacMatchesRFC4231() {
        #expect(SHA256.hex(SHA256.hmac(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(SHA256.hex(SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(SHA256.hex(SHA256.hmac(key: [UInt8](repeating: 0xaa, count: 131), message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    /// Fixtures/sigv4.json: requests signed by botocore's SigV4Auth
    /// (scripts/generate-sigv4-fixture); the Swift signer must agree on every one.
    @Test func sigV4MatchesBotocore() throws {
        let url = TestSupport.packageRoot.appendingPathComponent("Tests/ECSTriageTests/Fixtures/sigv4.json")
        let fixture = try JSONParser.parse([UInt8](try Data(contentsOf: url)))
        let formatter = ISO8601DateFormatter()
        let dateText = try #require(fixture["date"]?.stringValue)
        let date = try #require(formatter.date(from: dateText))
        let cases = try #require(fixture["cases"]?.arrayValue)
        #expect(cases.count >= 10)
        for testCase in cases {
            let name = testCase["name"]?.stringValue ?? "?"
            let headers = (testCase["headers"]?.arrayValue ?? []).compactMap { pair -> (name: String, value: String)? in
                guard let items = pair.arrayValue, items.count == 2, let key = items[0].stringValue, let value = items[1].stringValue else { return nil }
                return (key, value)
            }
            let address = try #require(testCase["url"]?.stringValue)
            let request = HTTPRequest(method: try #require(testCase["method"]?.stringValue), url: try #require(URL(string: address)),
                                      headers: headers, body: Array((testCase["body"]?.stringValue ?? "").utf8))
            let credentials = AWSCredentials(accessKeyId: try #require(fixture["accessKeyId"]?.stringValue),
                                             secretAccessKey: try #require(fixture["secretAccessKey"]?.stringValue),
                                             sessionToken: testCase["sessionToken"]?.stringValue)
            let region = try #require(testCase["region"]?.stringValue), service = try #require(testCase["service"]?.stringValue)
            let signed = SigV4.sign(request, credentials: credentials, region: region, service: service, date: date)
            let signature = SigV4.signature(signed, credentials: credentials, region: region, service: service, date: date)
            #expect(signature.canonicalRequest == testCase["canonicalRequest"]?.stringValue, "\(name): canonical request")
            #expect(signed.header("Authorization") == testCase["authorization"]?.stringValue, "\(name): Authorization")
            #expect(signed.header("X-Amz-Security-Token") == credentials.sessionToken, "\(name): session token header")
        }
    }

    // MARK: The generated models, and what can reach the wire

    /// Every operation the client can encode: the allow-list, read-only, and
    /// the two reviewed STS credential exchanges. Nothing else is in the model.
    @Test func theClientCanOnlyEncodeAllowedOperations() throws {
        let reviewedExceptions: Set<String> = ["AssumeRole", "AssumeRoleWithWebIdentity"]
        let tables = Set(AWSOperation.allCases.map(\.rawValue) + CredentialOperation.allCases.map(\.rawValue))
        #expect(Set(AWSModels.operations.keys) == tables,
                "the generated model and the operation tables differ: run scripts/generate-aws-shapes")
        for operation in AWSOperation.allCases {
            let model = try #require(AWSModels.operation(operation.rawValue), "\(operation.rawValue): run scripts/generate-aws-shapes")
            #expect(["Describe", "List", "Get", "BatchGet"].contains { model.apiName.hasPrefix($0) }, "\(model.apiName) is not read-only")
            #expect(model.cliName == operation.name && model.service == operation.service)
        }
        for operation in CredentialOperation.allCases {
            let model = try #require(AWSModels.operation(operation.rawValue))
            #expect(reviewedExceptions.contains(model.apiName), "\(model.apiName) is not a reviewed exception")
        }
        #expect(AWSModels.operation("ec2 run-instances") == nil && AWSModels.operation("ecs update-service") == nil)
        #expect(AWSModels.operation("secretsmanager get-secret-value") == nil && AWSModels.operation("ssm get-parameters") == nil)
    }

    /// Every request the client sends for the whole allow-list names an
    /// allowed operation: its X-Amz-Target, its Action, or its path.
    @Test func onlyAllowedOperationsReachTheWire() throws {
        let transport = RecordingTransport { request in HTTPResponse(status: 200, headers: [:], body: RecordingTransport.emptyAnswer(request)) }
        let client = AWSClient(region: "eu-west-1", credentials: AWSCredentials(accessKeyId: "AKID", secretAccessKey: "secret"),
                               endpoints: EndpointResolver(environment: [:]), transport: transport, retry: RetryPolicy(maxAttempts: 1))
        for call in Self.sampleCalls() {
            let outcome = client.call(call.operation, call.parameters, region: call.region)
            #expect(outcome.failure == nil, "\(call.operation.rawValue): \(outcome.failure?.message ?? "")")
        }
        for operation in CredentialOperation.allCases {
            _ = client.call(operation, [AWSParameter("RoleArn", "arn:aws:iam::1:role/r"), AWSParameter("RoleSessionName", "s")])
        }
        let allowed = Set(AWSOperation.allCases.compactMap { AWSModels.operation($0.rawValue)?.apiName }
                          + CredentialOperation.allCases.compactMap { AWSModels.operation($0.rawValue)?.apiName })
        #expect(transport.requests.count >= AWSOperation.allCases.count)
        for request in transport.requests {
            let name = RecordingTransport.operationName(request)
            #expect(name.map(allowed.contains) == true, "\(request.method) \(request.url) names \(name ?? "no operation")")
            #expect(request.url.host?.hasSuffix(".amazonaws.com") == true)
        }
    }

    /// One call of every allowed operation, with the parameters the planner gives it.
    static func sampleCalls() -> [AWSCall] {
        let aws = FakeAWS()
        _ = try? Collector(runner: aws).collect(CollectRequest(cluster: "prod", region: "us-east-1"))
        var calls: [AWSOperation: AWSCall] = [:]
        for call in aws.recordedCalls where calls[call.operation] == nil { calls[call.operation] = call }
        // What FakeAWS's account does not lead to.
        calls[.ecsDescribeContainerInstances] = calls[.ecsDescribeContainerInstances]
            ?? AWSCall(.ecsDescribeContainerInstances, ["cluster": "prod", "containerInstances": ["arn:aws:ecs:us-east-1:1:container-instance/prod/abc"]])
        calls[.ec2DescribeInstances] = calls[.ec2DescribeInstances] ?? AWSCall(.ec2DescribeInstances, ["Filters": .filter("instance-id", ["i-0abc"])])
        calls[.elbDescribeLoadBalancers] = calls[.elbDescribeLoadBalancers] ?? AWSCall(.elbDescribeLoadBalancers, ["LoadBalancerNames": ["web"]])
        calls[.efsDescribeMountTargets] = calls[.efsDescribeMountTargets] ?? AWSCall(.efsDescribeMountTargets, ["FileSystemId": "fs-0abc"])
        calls[.ecsListContainerInstances] = calls[.ecsListContainerInstances] ?? AWSCall(.ecsListContainerInstances, ["cluster": "prod"])
        calls[.ecsListAccountSettings] = calls[.ecsListAccountSettings]
            ?? AWSCall(.ecsListAccountSettings, ["name": "awsvpcTrunking", "effectiveSettings": .boolean(true)])
        calls[.logsGetLogEvents] = calls[.logsGetLogEvents] ?? AWSCall(.logsGetLogEvents, [
            "logGroupName": "/ecs/web", "logStreamName": "web/app/0123", "startFromHead": .boolean(false), "limit": .integer(100)])
        return AWSOperation.allCases.compactMap { calls[$0] }
    }

    @Test func everyPlannedParameterIsAMemberOfItsInputShape() throws {
        let calls = Self.sampleCalls()
        #expect(Set(calls.map(\.operation)) == Set(AWSOperation.allCases))
        for call in calls {
            let operation = try #require(AWSModels.operation(call.operation.rawValue))
            let service = try #require(AWSModels.services[operation.service])
            #expect(throws: Never.self, "\(call.operation.rawValue)") {
                _ = try RequestBuilder(service: service, operation: operation).request(call.parameters, endpoint: URL(string: "https://example.com")!)
            }
            for parameter in call.parameters { #expect(operation.cliOptions[parameter.name] != nil, "\(call.operation.rawValue) \(parameter.name)") }
        }
    }

    /// The committed model is what the generator writes from the installed
    /// botocore; with another botocore version only the tables can be compared.
    @Test func generatedModelsAreFresh() throws {
        guard let python = ProcessRunner.executable("python3") else { return }
        let version = try ProcessRunner.run(python, ["-c", "import botocore; print(botocore.__version__)"], environment: ProcessInfo.processInfo.environment, timeout: 60)
        guard version.status == 0 else {
            FileHandle.standardError.write(Data("generatedModelsAreFresh: botocore is not installed, freshness not checked\n".utf8))
            return
        }
        let installed = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard installed == AWSModels.botocoreVersion else {
            FileHandle.standardError.write(Data("generatedModelsAreFresh: botocore \(installed) is installed, the model was generated from \(AWSModels.botocoreVersion); compared the tables only\n".utf8))
            return
        }
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/generate-aws-shapes")
        let check = try ProcessRunner.run(python, [script.path, "--check"], environment: ProcessInfo.processInfo.environment, timeout: 120)
        #expect(check.status == 0, "Sources/ECSTriageCollect/Native/AWSModels+Generated.swift is stale: run scripts/generate-aws-shapes (\(check.stderr))")
    }

    // MARK: Requests

    @Test func requestsFollowEachProtocol() throws {
        func request(_ call: AWSCall) throws -> HTTPRequest {
            let operation = try #require(AWSModels.operation(call.operation.rawValue))
            return try RequestBuilder(service: AWSModels.services[operation.service]!, operation: operation)
                .request(call.parameters, endpoint: URL(string: "https://host.example")!)
        }
        let ecs = try request(AWSCall(.ecsDescribeServices, ["cluster": "prod", "services": ["web", "api"]]))
        #expect(ecs.header("X-Amz-Target") == "AmazonEC2ContainerServiceV20141113.DescribeServices")
        #expect(ecs.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(String(decoding: ecs.body, as: UTF8.self) == #"{"cluster":"prod","services":["web","api"]}"#)

        let ec2 = try request(AWSCall(.ec2DescribeSubnets, ["Filters": .filter("subnet-id", ["subnet-1", "subnet-2"])]))
        #expect(String(decoding: ec2.body, as: UTF8.self) == "Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=subnet-id&Filter.1.Value.1=subnet-1&Filter.1.Value.2=subnet-2")

        let elb = try request(AWSCall(.elbv2DescribeTargetGroups, ["TargetGroupArns": ["arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/1"]]))
        #expect(String(decoding: elb.body, as: UTF8.self)
                == "Action=DescribeTargetGroups&Version=2015-12-01&TargetGroupArns.member.1=arn%3Aaws%3Aelasticloadbalancing%3Aus-east-1%3A1%3Atargetgroup%2Fweb%2F1")

        let ssm = try request(AWSCall(.ssmDescribeParameters, ["ParameterFilters": .list([.structure([AWSParameter("Key", "Name"), AWSParameter("Option", "Equals"), AWSParameter("Values", ["/a b"])])])]))
        #expect(String(decoding: ssm.body, as: UTF8.self) == #"{"ParameterFilters":[{"Key":"Name","Option":"Equals","Values":["/a b"]}]}"#)

        let efs = try request(AWSCall(.efsDescribeMountTargets, ["FileSystemId": "fs-1&MountTargetId=x"]))
        #expect(efs.method == "GET" && efs.body.isEmpty)
        #expect(efs.url.absoluteString == "https://host.example/2015-02-01/mount-targets?FileSystemId=fs-1%26MountTargetId%3Dx")
    }

    /// Values from the account stay inside their `{label}`: encoded, and never `.`, `..` or empty.
    @Test func pathLabelsAreEncodedAndCannotLeaveTheTemplate() throws {
        #expect(try RequestBuilder.expand("/2015-02-01/file-systems/{FileSystemId}", ["FileSystemId": "../../x?y#z/%2e"])
                == "/2015-02-01/file-systems/..%2F..%2Fx%3Fy%23z%2F%252e")
        #expect(try RequestBuilder.expand("/k/{Key+}", ["Key": "a/b c"]) == "/k/a/b%20c")
        for value in ["..", ".", ""] {
            #expect(throws: RequestBuilder.Failure.self) { try RequestBuilder.expand("/file-systems/{FileSystemId}", ["FileSystemId": value]) }
        }
        #expect(throws: RequestBuilder.Failure.self) { try RequestBuilder.expand("/k/{Key+}", ["Key": "a/../b"]) }
    }

    @Test func endpointsByRegionAndConfiguration() throws {
        let ecs = AWSModels.services["ecs"]!, iam = AWSModels.services["iam"]!, ecr = AWSModels.services["ecr"]!, elbv2 = AWSModels.services["elbv2"]!
        let plain = EndpointResolver(environment: [:])
        #expect(try plain.endpoint(for: ecs, region: "eu-west-3") == .init(url: URL(string: "https://ecs.eu-west-3.amazonaws.com")!, signingRegion: "eu-west-3"))
        #expect(try plain.endpoint(for: ecr, region: "ap-south-1").url.absoluteString == "https://api.ecr.ap-south-1.amazonaws.com")
        #expect(try plain.endpoint(for: ecs, region: "cn-northwest-1").url.absoluteString == "https://ecs.cn-northwest-1.amazonaws.com.cn")
        #expect(try plain.endpoint(for: iam, region: "eu-west-1") == .init(url: URL(string: "https://iam.amazonaws.com")!, signingRegion: "us-east-1"))
        #expect(try plain.endpoint(for: iam, region: "us-gov-east-1").signingRegion == "us-gov-west-1")
        for hostile in ["evil.example/x", "us-east-1.evil.example", "US-EAST-1", "us-east-1?", "--profile"] {
            #expect(throws: EndpointResolver.Failure.self) { try plain.endpoint(for: ecs, region: hostile) }
        }
        let configured = EndpointResolver(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000",
                                                        "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2": "http://127.0.0.1:5001"])
        #expect(try configured.endpoint(for: elbv2, region: "us-east-1").url.absoluteString == "http://127.0.0.1:5001")
        #expect(try configured.endpoint(for: ecs, region: "us-east-1").url.absoluteString == "http://127.0.0.1:5000")
        let ignoring = EndpointResolver(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"])
        #expect(try ignoring.endpoint(for: ecs, region: "us-east-1").url.absoluteString == "https://ecs.us-east-1.amazonaws.com")
        let profile = EndpointResolver(environment: [:], profile: ["endpoint_url": "http://127.0.0.1:7000"], servicesSection: ["ecs": ["endpoint_url": "http://127.0.0.1:7001"]])
        #expect(try profile.endpoint(for: ecs, region: "us-east-1").url.absoluteString == "http://127.0.0.1:7001")
        #expect(try profile.endpoint(for: iam, region: "us-east-1").url.absoluteString == "http://127.0.0.1:7000")
        #expect(throws: EndpointResolver.Failure.self) { try EndpointResolver(environment: ["AWS_ENDPOINT_URL": "file:///etc/passwd"]).endpoint(for: ecs, region: "us-east-1") }
        #expect(CollectSetup.unsupportedSetting(["AWS_USE_FIPS_ENDPOINT": "true"], [:]) != nil)
        #expect(CollectSetup.unsupportedSetting([:], ["ca_bundle": "/etc/ca.pem"]) != nil)
        #expect(CollectSetup.unsupportedSetting(["AWS_USE_FIPS_ENDPOINT": "false"], [:]) == nil)
    }

    // MARK: Responses as the CLI prints them

    @Test func xmlResponsesBecomeTheCLIsJSON() throws {
        let ec2 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
          <requestId>r-1</requestId>
          <subnetSet>
            <item><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId><availableIpAddressCount>251</availableIpAddressCount>
              <mapPublicIpOnLaunch>false</mapPublicIpOnLaunch><defaultForAz>true</defaultForAz>
              <tagSet><item><key>Name</key><value>a &amp; b &lt;c&gt; &#233;</value></item></tagSet>
              <unknownMember>dropped</unknownMember>
              <ipv6CidrBlockAssociationSet/>
            </item>
          </subnetSet>
        </DescribeSubnetsResponse>
        """
        let transport = RecordingTransport { _ in HTTPResponse(status: 200, headers: [:], body: Array(ec2.utf8)) }
        let client = Self.client(transport)
        let output = try #require(client.call(.ec2DescribeSubnets, [AWSParameter("Filters", .filter("subnet-id", ["subnet-1"]))]).output)
        let expected = try JSONParser.parse(Array("""
        {"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "AvailableIpAddressCount": 251, "MapPublicIpOnLaunch": false,
          "DefaultForAz": true, "Tags": [{"Key": "Name", "Value": "a & b <c> é"}], "Ipv6CidrBlockAssociationSet": []}]}
        """.utf8))
        #expect(JSONWriter.write(output) == JSONWriter.write(expected))

        // Query protocol: the result wrapper, `member` lists, a URL-encoded IAM policy document decoded.
        let iam = """
        <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role>
          <Path>/</Path><RoleName>web</RoleName><RoleId>AROA</RoleId><Arn>arn:aws:iam::1:role/web</Arn><CreateDate>2024-01-02T03:04:05Z</CreateDate>
          <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ecs-tasks.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument>
          <MaxSessionDuration>3600</MaxSessionDuration>
        </Role></GetRoleResult><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></GetRoleResponse>
        """
        let iamOutput = try #require(Self.client(RecordingTransport { _ in HTTPResponse(status: 200, headers: [:], body: Array(iam.utf8)) })
            .call(.iamGetRole, [AWSParameter("RoleName", "web")]).output)
        #expect(iamOutput["Role"]?["AssumeRolePolicyDocument"]?.values("Statement.*.Principal.Service") == [.string("ecs-tasks.amazonaws.com")])
        #expect(iamOutput["Role"]?["CreateDate"] == .string("2024-01-02T03:04:05Z"), "timestamps as on the wire (CLI v1)")
        #expect(iamOutput["Role"]?["MaxSessionDuration"] == .number(3600))
        #expect(iamOutput["ResponseMetadata"] == nil)
    }

    @Test func jsonResponsesKeepOnlyModelledMembers() throws {
        let body = #"{"clusters": [{"clusterArn": "arn:c", "clusterName": "prod", "status": null, "futureField": 1, "registeredContainerInstancesCount": 0,"#
            + #" "tags": [{"key": "k", "value": "v"}], "createdAt": 1700000000.5}], "failures": []}"#
        let output = try #require(Self.client(RecordingTransport { _ in HTTPResponse(status: 200, headers: [:], body: Array(body.utf8)) })
            .call(.ecsDescribeClusters, [AWSParameter("clusters", ["prod"])]).output)
        #expect(JSONWriter.write(output) == JSONWriter.write(try JSONParser.parse(Array(
            #"{"clusters": [{"clusterArn": "arn:c", "clusterName": "prod", "registeredContainerInstancesCount": 0, "tags": [{"key": "k", "value": "v"}]}], "failures": []}"#.utf8))))
    }

    // MARK: Pagination, errors, retries

    @Test func pagesAreMergedAsTheCLIMergesThem() throws {
        let pages = [#"{"taskArns": ["a", "b"], "nextToken": "t1"}"#, #"{"taskArns": ["c"], "nextToken": "t2"}"#, #"{"taskArns": []}"#]
        let transport = RecordingTransport { request in
            let index = min(RecordingTransport.count(request), pages.count - 1)
            return HTTPResponse(status: 200, headers: [:], body: Array(pages[index].utf8))
        }
        let output = Self.client(transport).call(.ecsListTasks, [AWSParameter("cluster", "prod")]).output
        #expect(output == .object([("taskArns", .array(["a", "b", "c"].map(JSONValue.string)))]), "tokens are not printed")
        let bodies = transport.requests.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(bodies == [#"{"cluster":"prod"}"#, #"{"cluster":"prod","nextToken":"t1"}"#, #"{"cluster":"prod","nextToken":"t2"}"#])

        // IAM pages until IsTruncated is false; the same token twice stops with botocore's error.
        let iamPages = ["<ListRolePoliciesResponse><ListRolePoliciesResult><PolicyNames><member>a</member></PolicyNames><IsTruncated>true</IsTruncated><Marker>m</Marker></ListRolePoliciesResult></ListRolePoliciesResponse>",
                        "<ListRolePoliciesResponse><ListRolePoliciesResult><PolicyNames><member>b</member></PolicyNames><IsTruncated>false</IsTruncated><Marker>m2</Marker></ListRolePoliciesResult></ListRolePoliciesResponse>"]
        let iam = RecordingTransport { request in HTTPResponse(status: 200, headers: [:], body: Array(iamPages[min(RecordingTransport.count(request), 1)].utf8)) }
        #expect(Self.client(iam).call(.iamListRolePolicies, [AWSParameter("RoleName", "web")]).output == .object([("PolicyNames", .array([.string("a"), .string("b")]))]))
        let looping = RecordingTransport { _ in HTTPResponse(status: 200, headers: [:], body: Array(#"{"taskArns": ["a"], "nextToken": "same"}"#.utf8)) }
        #expect(Self.client(looping).call(.ecsListTasks, [AWSParameter("cluster", "prod")]).failure?.message.contains("The same next token was received twice") == true)
    }

    @Test func errorsAreWordedAsTheCLIWordsThem() {
        func failure(_ status: Int, _ body: String, _ operation: AWSOperation, headers: [String: String] = [:]) -> String? {
            let transport = RecordingTransport { _ in HTTPResponse(status: status, headers: headers, body: Array(body.utf8)) }
            return Self.client(transport).call(operation, Self.sampleCalls().first { $0.operation == operation }!.parameters).failure?.message
        }
        #expect(failure(400, #"{"__type": "com.amazonaws.ecs#ClusterNotFoundException", "message": "Cluster not found."}"#, .ecsDescribeServices)
                == "An error occurred (ClusterNotFoundException) when calling the DescribeServices operation: Cluster not found.")
        #expect(failure(400, #"{"__type": "ResourceNotFoundException", "Message": "Secrets Manager can't find the specified secret."}"#, .secretsManagerDescribeSecret)
                == "An error occurred (ResourceNotFoundException) when calling the DescribeSecret operation: Secrets Manager can't find the specified secret.")
        #expect(failure(404, "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name x cannot be found.</Message></Error><RequestId>1</RequestId></ErrorResponse>", .iamGetRole)
                == "An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name x cannot be found.")
        #expect(failure(400, "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized.</Message></Error></Errors><RequestID>1</RequestID></Response>", .ec2DescribeRouteTables)
                == "An error occurred (UnauthorizedOperation) when calling the DescribeRouteTables operation: You are not authorized.")
        #expect(failure(404, #"{"ErrorCode": "FileSystemNotFound", "Message": "File system 'fs-0abc' does not exist."}"#, .efsDescribeMountTargets,
                        headers: ["x-amzn-errortype": "FileSystemNotFound:http://internal.amazon.com/"])
                == "An error occurred (FileSystemNotFound) when calling the DescribeMountTargets operation: File system 'fs-0abc' does not exist.")
    }

    @Test func throttlingAndServerErrorsAreRetriedWithBackoff() {
        let sleeps = Recorded<TimeInterval>()
        let policy = RetryPolicy(maxAttempts: 3, random: { 0.5 }, sleep: { sleeps.append($0) })
        let flaky = RecordingTransport { request in
            RecordingTransport.count(request) < 2 ? HTTPResponse(status: 503, headers: [:], body: [])
                : HTTPResponse(status: 200, headers: [:], body: Array(#"{"clusters": [], "failures": []}"#.utf8))
        }
        #expect(Self.client(flaky, retry: policy).call(.ecsDescribeClusters, [AWSParameter("clusters", ["prod"])]).output != nil)
        #expect(flaky.requests.count == 3 && sleeps.values == [0.5, 1.0])

        let throttled = RecordingTransport { _ in HTTPResponse(status: 400, headers: [:], body: Array(#"{"__type": "ThrottlingException", "message": "Rate exceeded"}"#.utf8)) }
        #expect(Self.client(throttled, retry: policy).call(.ecsDescribeClusters, [AWSParameter("clusters", ["prod"])]).failure?.message
                == "An error occurred (ThrottlingException) when calling the DescribeClusters operation (reached max retries: 2): Rate exceeded")
        #expect(throttled.requests.count == 3)

        let denied = RecordingTransport { _ in HTTPResponse(status: 400, headers: [:], body: Array(#"{"__type": "AccessDeniedException", "message": "no"}"#.utf8)) }
        #expect(Self.client(denied, retry: policy).call(.ecsDescribeClusters, [AWSParameter("clusters", ["prod"])]).failure != nil)
        #expect(denied.requests.count == 1, "an access error is not retried")

        let down = RecordingTransport { _ in nil }
        #expect(Self.client(down, retry: policy).call(.ecsDescribeClusters, [AWSParameter("clusters", ["prod"])]).failure?.message
                == "Could not connect to the endpoint URL: \"https://ecs.eu-west-1.amazonaws.com/\"")
        #expect(down.requests.count == 3)
    }

    // MARK: Values from the account

    @Test func valuesNeverBecomeOptionsOfTheCLI() {
        let call = AWSCall(.iamGetRole, ["RoleName": "--profile"])
        #expect(call.arguments == ["--role-name=--profile"])
        #expect(AWSCall(.ecsDescribeServices, ["cluster": "c", "services": ["--endpoint-url=https://evil.example"]]).arguments
                == ["--cluster=c", "--services=--endpoint-url=https://evil.example"])
        #expect(AWSCall(.ecsDescribeServices, ["cluster": "c", "services": ["a", "--b"]]).arguments == ["--cluster=c", #"--services=["a","--b"]"#])
        #expect(AWSCall(.ecsDescribeServices, ["cluster": "c", "services": [" [x"]]).arguments == ["--cluster=c", #"--services=[" [x"]"#])
        #expect(AWSCall(.ec2DescribeSubnets, ["Filters": .filter("subnet-id", ["subnet-1,x=y"])]).arguments
                == [#"--filters=[{"Name":"subnet-id","Values":["subnet-1,x=y"]}]"#])
        #expect(AWSCall(.ecrDescribeImages, ["repositoryName": "web", "imageIds": .list([.structure([AWSParameter("imageTag", "1.0")])])]).arguments
                == ["--repository-name=web", "--image-ids=imageTag=1.0"])
        #expect(AWSCall(.logsDescribeLogGroups, ["logGroupNamePrefix": "/ecs/web\u{1B}]0;owned\u{07}"]).refusal?.contains("U+001B") == true)
        #expect(AWSCall(.logsDescribeLogGroups, ["logGroupNamePrefix": "/ecs/web\u{85}"]).refusal?.contains("U+0085") == true)
        #expect(AWSCall(.logsDescribeLogGroups, ["logGroupNamePrefix": "file:///etc/passwd"]).refusal?.contains("file://") == true)
        #expect(AWSCall(.logsDescribeLogGroups, ["logGroupNamePrefix": "/ecs/web"], region: "--profile").refusal != nil)
        #expect(AWSCall(.logsDescribeLogGroups, ["logGroupNamePrefix": "/ecs/web"], region: "eu-central-2").refusal == nil)
        #expect(NativeRunner(client: Self.client(RecordingTransport { _ in nil }))
            .run(AWSCall(.iamGetRole, ["RoleName": "a\nb"])).failure?.message.hasPrefix("refused before calling AWS") == true)
    }

    // MARK: Helpers

    static func client(_ transport: RecordingTransport, retry: RetryPolicy = RetryPolicy(maxAttempts: 1)) -> AWSClient {
        AWSClient(region: "eu-west-1", credentials: AWSCredentials(accessKeyId: "AKID", secretAccessKey: "secret"),
                  endpoints: EndpointResolver(environment: [:]), transport: transport, retry: retry)
    }
}

/// A transport that records requests and answers from a closure (nil: no connection).
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    private let answer: @Sendable (HTTPRequest) -> HTTPResponse?

    init(answer: @escaping @Sendable (HTTPRequest) -> HTTPResponse?) { self.answer = answer }

    var requests: [HTTPRequest] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    func send(_ request: HTTPRequest, timeout: TimeInterval) -> Result<HTTPResponse, TransportFailure> {
        lock.lock()
        recorded.append(request)
        var numbered = request
        numbered.headers.append(("X-Test-Sequence", String(recorded.count - 1)))
        lock.unlock()
        return answer(numbered).map { .success($0) } ?? .failure(.cannotConnect("refused"))
    }

    /// How many requests came before this one.
    static func count(_ request: HTTPRequest) -> Int { Int(request.header("X-Test-Sequence") ?? "") ?? 0 }

    /// The operation a request names: its X-Amz-Target, its Action, or (REST) its path.
    static func operationName(_ request: HTTPRequest) -> String? {
        if let target = request.header("X-Amz-Target") { return target.split(separator: ".").last.map(String.init) }
        let body = String(decoding: request.body, as: UTF8.self)
        if let action = body.split(separator: "&").first(where: { $0.hasPrefix("Action=") }) { return String(action.dropFirst(7)) }
        let rest = AWSModels.operations.values.filter { AWSModels.services[$0.service]?.wireProtocol == .restJSON }
        return rest.first { $0.httpMethod == request.method && request.url.path == $0.requestURI.split(separator: "?")[0].description }?.apiName
    }

    /// A successful, empty answer in the request's protocol.
    static func emptyAnswer(_ request: HTTPRequest) -> [UInt8] {
        if request.header("X-Amz-Target") != nil || request.method == "GET" { return Array("{}".utf8) }
        let action = operationName(request) ?? "Unknown"
        let wrapper = request.url.host?.hasPrefix("ec2.") == true ? "" : "<\(action)Result/>"
        return Array("<\(action)Response>\(wrapper)</\(action)Response>".utf8)
    }
}

final class Recorded<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value] = []

    func append(_ value: Value) {
        lock.lock()
        stored.append(value)
        lock.unlock()
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
