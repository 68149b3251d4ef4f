import ECSTriage
@testable import ECSTriageCollect
import Foundation
import Testing

/// The credential chain with fake shared files, a fake STS, a fake
/// container-credentials endpoint and a fake instance metadata service, all
/// on loopback; nothing leaves the machine (STS against moto is in
/// NativeClientMotoTests).
@Suite(.serialized)
struct CredentialChainTests {
    /// A scratch folder with `config` and `credentials` files and whatever else a test writes.
    final class Home {
        let directory: URL

        init(config: String = "", credentials: String = "") throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-triage-credentials-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try write("config", config)
            try write("credentials", credentials)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        @discardableResult
        func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
            let file = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path) }
            return file.path
        }

        /// An environment with only these files and the given variables: no AWS_ setting of the caller's.
        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            var environment = ["HOME": directory.path, "PATH": "/usr/bin:/bin",
                               "AWS_CONFIG_FILE": directory.appendingPathComponent("config").path,
                               "AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("credentials").path,
                               "AWS_EC2_METADATA_DISABLED": "true"]
            environment.merge(extra) { $1 }
            return environment
        }
    }

    func resolve(_ environment: [String: String], profile: String? = nil) -> CredentialChain.Outcome {
        CredentialChain(environment: environment, config: SharedConfig.load(environment: environment), explicitProfile: profile,
                        region: "eu-west-1", transport: URLSessionTransport(), now: { Date(timeIntervalSince1970: 1_700_000_000) }).resolve()
    }

    func resolved(_ outcome: CredentialChain.Outcome) -> CredentialChain.Resolved? {
        if case let .resolved(found) = outcome { return found }
        return nil
    }

    /// A fake STS: answers AssumeRole and AssumeRoleWithWebIdentity with credentials named after the role.
    static func fakeSTS() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { request in
            let fields = Dictionary(request.body.split(separator: "&").map { pair -> (String, String) in
                let parts = pair.split(separator: "=", maxSplits: 1).map { ResponseDecoder.percentDecode(String($0)) }
                return (parts[0], parts.count > 1 ? parts[1] : "")
            }, uniquingKeysWith: { $1 })
            let action = fields["Action"] ?? ""
            let role = fields["RoleArn"].flatMap { $0.split(separator: "/").last.map(String.init) } ?? "none"
            return .init(body: """
                <\(action)Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><\(action)Result>
                <Credentials><AccessKeyId>ASIA-\(role)</AccessKeyId><SecretAccessKey>secret-\(role)</SecretAccessKey>
                <SessionToken>token-\(role)</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>
                </\(action)Result></\(action)Response>
                """)
        }
    }

    static func field(_ request: LoopbackHTTPServer.Request, _ name: String) -> String? {
        request.body.split(separator: "&").first { $0.hasPrefix(name + "=") }.map { ResponseDecoder.percentDecode(String($0.dropFirst(name.count + 1))) }
    }

    // MARK: Environment and static keys

    @Test func environmentVariablesComeFirstUnlessAProfileIsGiven() throws {
        let home = try Home(credentials: "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n[prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = prod-secret\n")
        let environment = home.environment(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token"])
        let fromEnvironment = resolved(resolve(environment))
        #expect(fromEnvironment?.credentials == AWSCredentials(accessKeyId: "AKIDENV", secretAccessKey: "env-secret", sessionToken: "env-token"))
        #expect(fromEnvironment?.source.contains("environment variables") == true)
        // AWS_PROFILE does not turn the variables off; --profile does.
        #expect(resolved(resolve(environment.merging(["AWS_PROFILE": "prod"]) { $1 }))?.credentials.accessKeyId == "AKIDENV")
        let explicit = resolved(resolve(environment, profile: "prod"))
        #expect(explicit?.credentials == AWSCredentials(accessKeyId: "AKIDPROD", secretAccessKey: "prod-secret"))
        #expect(explicit?.source == "profile prod: static keys in \(home.directory.path)/credentials")
        #expect(resolved(resolve(home.environment()))?.credentials.accessKeyId == "AKIDFILE")
        guard case let .unavailable(why) = resolve(home.environment(["AWS_ACCESS_KEY_ID": "AKIDONLY"])) else { Issue.record("partial keys accepted"); return }
        #expect(why.last?.contains("only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY") == true)
    }

    @Test func configFileKeysAndAMissingProfile() throws {
        let home = try Home(config: """
            # comment
            [profile dev]
            region = eu-west-1
            aws_access_key_id = AKIDCONFIG
            ; another comment
            aws_secret_access_key = config-secret
            s3 =
              max_concurrent_requests = 10
            [services local]
            ecs =
              endpoint_url = http://127.0.0.1:4566
            """)
        #expect(resolved(resolve(home.environment(), profile: "dev"))?.source == "profile dev: static keys in \(home.directory.path)/config")
        let config = SharedConfig.load(environment: home.environment())
        #expect(config.profile("dev")?["region"] == "eu-west-1" && config.profile("dev")?["s3"] == "")
        #expect(config.services["local"]?["ecs"]?["endpoint_url"] == "http://127.0.0.1:4566")
        guard case let .unavailable(why) = resolve(home.environment(["AWS_PROFILE": "missing"])) else { Issue.record("a missing profile resolved"); return }
        #expect(why.last?.contains("The config profile (missing) could not be found") == true)
    }

    @Test func nothingConfiguredListsEverySourceTried() throws {
        let home = try Home()
        guard case let .unavailable(why) = resolve(home.environment()) else { Issue.record("credentials from nowhere"); return }
        #expect(why.count == 4, "\(why)")
        #expect(why[0].hasPrefix("environment variables:") && why[1].hasPrefix("profile default:"))
        #expect(why[2].hasPrefix("container credentials:") && why[3].contains("disabled by AWS_EC2_METADATA_DISABLED"))
    }

    // MARK: Roles through STS

    @Test func roleArnWithSourceProfileAssumesTheRoleWithTheSourceKeys() throws {
        let sts = try Self.fakeSTS()
        defer { sts.stop() }
        let home = try Home(config: """
            [profile base]
            aws_access_key_id = AKIDBASE
            aws_secret_access_key = base-secret
            [profile reader]
            role_arn = arn:aws:iam::111122223333:role/reader
            source_profile = base
            external_id = ext-1
            role_session_name = triage
            [profile auditor]
            role_arn = arn:aws:iam::444455556666:role/auditor
            source_profile = reader
            """)
        let environment = home.environment(["AWS_ENDPOINT_URL": sts.url])
        let reader = resolved(resolve(environment, profile: "reader"))
        #expect(reader?.credentials == AWSCredentials(accessKeyId: "ASIA-reader", secretAccessKey: "secret-reader", sessionToken: "token-reader",
                                                      expiration: CredentialChain.date("2030-01-01T00:00:00Z")))
        #expect(reader?.source.contains("role arn:aws:iam::111122223333:role/reader assumed with profile base") == true)
        let request = try #require(sts.requests.last)
        #expect(request.headers["authorization"]?.contains("Credential=AKIDBASE/") == true, "signed with the source profile's keys")
        #expect(Self.field(request, "Action") == "AssumeRole" && Self.field(request, "ExternalId") == "ext-1" && Self.field(request, "RoleSessionName") == "triage")

        // A chain: auditor's source is reader, whose source is base.
        let auditor = resolved(resolve(environment, profile: "auditor"))
        #expect(auditor?.credentials.accessKeyId == "ASIA-auditor")
        #expect(sts.requests.last?.headers["authorization"]?.contains("Credential=ASIA-reader/") == true)
        #expect(sts.requests.last?.headers["x-amz-security-token"] == "token-reader")
        #expect(Self.field(try #require(sts.requests.last), "RoleSessionName") == "botocore-session-1700000000")
    }

    @Test func credentialSourceEnvironmentCyclesMFAAndSSO() throws {
        let sts = try Self.fakeSTS()
        defer { sts.stop() }
        let home = try Home(config: """
            [profile from-env]
            role_arn = arn:aws:iam::1:role/from-env
            credential_source = Environment
            [profile loop-a]
            role_arn = arn:aws:iam::1:role/a
            source_profile = loop-b
            [profile loop-b]
            role_arn = arn:aws:iam::1:role/b
            source_profile = loop-a
            [profile mfa]
            role_arn = arn:aws:iam::1:role/admin
            source_profile = from-env
            mfa_serial = arn:aws:iam::1:mfa/me
            [profile sso]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            """)
        let environment = home.environment(["AWS_ENDPOINT_URL": sts.url, "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"])
        #expect(resolved(resolve(environment, profile: "from-env"))?.credentials.accessKeyId == "ASIA-from-env")
        #expect(sts.requests.last?.headers["authorization"]?.contains("Credential=AKIDENV/") == true)
        guard case let .unavailable(why) = resolve(environment, profile: "loop-a") else { Issue.record("a cycle resolved"); return }
        #expect(why.last?.contains("cycle") == true)
        guard case let .needsCLI(mfa) = resolve(environment, profile: "mfa") else { Issue.record("MFA resolved without a prompt"); return }
        #expect(mfa.contains("MFA"))
        guard case let .needsCLI(sso) = resolve(environment, profile: "sso") else { Issue.record("SSO resolved"); return }
        #expect(sso.contains("SSO"))
    }

    @Test func webIdentityTokensAreExchangedUnsigned() throws {
        let sts = try Self.fakeSTS()
        defer { sts.stop() }
        let home = try Home()
        let token = try home.write("token", "eyJ.web.identity\n")
        let environment = home.environment(["AWS_ENDPOINT_URL": sts.url, "AWS_WEB_IDENTITY_TOKEN_FILE": token,
                                            "AWS_ROLE_ARN": "arn:aws:iam::1:role/ci", "AWS_ROLE_SESSION_NAME": "pipeline"])
        let found = resolved(resolve(environment))
        #expect(found?.credentials.accessKeyId == "ASIA-ci" && found?.source.contains("web identity token") == true)
        let request = try #require(sts.requests.last)
        #expect(request.headers["authorization"] == nil, "AssumeRoleWithWebIdentity is not signed")
        #expect(Self.field(request, "Action") == "AssumeRoleWithWebIdentity" && Self.field(request, "WebIdentityToken") == "eyJ.web.identity")
        #expect(Self.field(request, "RoleSessionName") == "pipeline")

        try home.write("config", "[profile ci]\nweb_identity_token_file = \(token)\nrole_arn = arn:aws:iam::1:role/profile-ci\n")
        #expect(resolved(resolve(home.environment(["AWS_ENDPOINT_URL": sts.url]), profile: "ci"))?.credentials.accessKeyId == "ASIA-profile-ci")
    }

    /// An SSO profile: credentials exported once by `aws configure export-credentials` (CLI v2);
    /// where that fails (CLI v1), every call through the CLI; without a CLI, exit 69 saying why.
    @Test func ssoProfilesAskTheCLIOnceOrUseIt() throws {
        let home = try Home(config: "[profile corp]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = eu-west-1\n")
        let v2 = try home.write("aws-v2", """
            #!/bin/sh
            [ "$1 $2" = "configure export-credentials" ] || exit 2
            echo '{"Version": 1, "AccessKeyId": "ASIASSO", "SecretAccessKey": "sso-secret", "SessionToken": "sso-token"}'
            """, executable: true)
        let v1 = try home.write("aws-v1", "#!/bin/sh\necho 'aws: error: argument operation: Invalid choice' >&2\nexit 252\n", executable: true)
        let environment = home.environment(["AWS_PROFILE": "corp"])
        func options(_ aws: String?) -> CollectSetup.Options {
            .init(profile: nil, region: nil, viaCLI: false, concurrency: 4, environment: environment, awsExecutable: aws.map { URL(fileURLWithPath: $0) })
        }
        let exported = try CollectSetup.session(options(v2))
        #expect(!exported.usesCLI && exported.description.contains("region: eu-west-1"))
        #expect(exported.description.contains { $0.contains("SSO") && $0.contains("exported by `aws configure export-credentials`") }, "\(exported.description)")
        let viaCLI = try CollectSetup.session(options(v1))
        #expect(viaCLI.usesCLI && viaCLI.runner is AWSCLIRunner)
        #expect(viaCLI.description.first?.contains("IAM Identity Center (SSO)") == true)
        #expect(throws: CollectSetup.Unavailable.self) { try CollectSetup.session(options(nil)) }
    }

    // MARK: credential_process

    @Test func credentialProcessOutputIsRead() throws {
        let home = try Home()
        let script = try home.write("creds helper.sh", """
            #!/bin/sh
            if [ "$1" = "--fail" ]; then echo "token expired for $2" >&2; exit 3; fi
            printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "proc-secret", "SessionToken": "%s", "Expiration": "2030-01-01T00:00:00Z"}' "$2"
            """, executable: true)
        let quoted = "'" + script + "'"
        try home.write("config", "[profile proc]\ncredential_process = \(quoted) --token \"a b\"\n[profile broken]\ncredential_process = \(quoted) --fail me\n")
        let found = resolved(resolve(home.environment(), profile: "proc"))
        #expect(found?.credentials == AWSCredentials(accessKeyId: "AKIDPROC", secretAccessKey: "proc-secret", sessionToken: "a b",
                                                     expiration: CredentialChain.date("2030-01-01T00:00:00Z")))
        #expect(found?.source == "profile proc: credential_process")
        guard case let .unavailable(why) = resolve(home.environment(), profile: "broken") else { Issue.record("a failing process resolved"); return }
        #expect(why.last?.contains("exited with status 3: token expired for me") == true)
        #expect(CredentialChain.shellWords(#"a 'b c' "d \"e\"" f\ g"#) == ["a", "b c", #"d "e""#, "f g"])
        #expect(CredentialChain.shellWords("unterminated 'quote") == nil)
    }

    // MARK: Container credentials and instance metadata

    @Test func containerCredentialsWithAnAuthorizationTokenFile() throws {
        let server = try LoopbackHTTPServer { request in
            request.headers["authorization"] == "Bearer task-token"
                ? .init(body: #"{"AccessKeyId": "ASIATASK", "SecretAccessKey": "task-secret", "Token": "task-session", "Expiration": "2030-01-01T00:00:00Z"}"#)
                : .init(status: 401, body: "no")
        }
        defer { server.stop() }
        let home = try Home()
        let tokenFile = try home.write("token", "Bearer task-token\n")
        let environment = home.environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/v2/credentials/abc",
                                            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile])
        let found = resolved(resolve(environment))
        #expect(found?.credentials == AWSCredentials(accessKeyId: "ASIATASK", secretAccessKey: "task-secret", sessionToken: "task-session",
                                                     expiration: CredentialChain.date("2030-01-01T00:00:00Z")))
        #expect(server.requests.last?.target == "/v2/credentials/abc")
        guard case let .unavailable(why) = resolve(home.environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://192.0.2.10/creds"])) else {
            Issue.record("a plain-HTTP endpoint off loopback was used"); return
        }
        #expect(why.last?.contains("only a loopback address") == true)
        guard case let .unavailable(refused) = resolve(home.environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/x"])) else {
            Issue.record("credentials without the token"); return
        }
        #expect(refused.last?.contains("HTTP 401") == true)
    }

    @Test func instanceMetadataIsIMDSv2Only() throws {
        let imds = try LoopbackHTTPServer { request in
            switch (request.method, request.target) {
            case ("PUT", "/latest/api/token"):
                return request.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600" ? .init(body: "imds-token") : .init(status: 400, body: "")
            case (_, _) where request.headers["x-aws-ec2-metadata-token"] != "imds-token":
                return .init(status: 401, body: "")
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return .init(body: "ecs-host-role\n")
            case ("GET", "/latest/meta-data/iam/security-credentials/ecs-host-role"):
                return .init(body: #"{"Code": "Success", "AccessKeyId": "ASIAHOST", "SecretAccessKey": "host-secret", "Token": "host-token", "Expiration": "2030-01-01T00:00:00Z"}"#)
            default:
                return .init(status: 404, body: "")
            }
        }
        defer { imds.stop() }
        let home = try Home()
        var environment = home.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url])
        environment["AWS_EC2_METADATA_DISABLED"] = nil
        let found = resolved(resolve(environment))
        #expect(found?.credentials.accessKeyId == "ASIAHOST" && found?.source.contains("role ecs-host-role") == true)
        #expect(imds.requests.map(\.method) == ["PUT", "GET", "GET"])

        // An IMDSv1-only service (no token): no credentials, and no IMDSv1 request.
        let v1 = try LoopbackHTTPServer { request in request.method == "PUT" ? .init(status: 403, body: "") : .init(body: "role") }
        defer { v1.stop() }
        var v1Environment = home.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": v1.url])
        v1Environment["AWS_EC2_METADATA_DISABLED"] = nil
        guard case let .unavailable(why) = resolve(v1Environment) else { Issue.record("IMDSv1 used"); return }
        #expect(why.last?.contains("no session token") == true)
        #expect(v1.requests.map(\.method) == ["PUT"])
    }
}
