import ECSTriage
import Foundation

/// Finds credentials the way botocore 1.43.11 does (`create_credential_resolver`
/// in `botocore/credentials.py`; https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html),
/// in this order:
/// 1. environment variables (skipped when `--profile` names a profile);
/// 2. the profile's `role_arn` with `source_profile` or `credential_source`, through STS `AssumeRole`;
/// 3. a web identity token (`web_identity_token_file` + `role_arn`, or
///    `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`), through STS `AssumeRoleWithWebIdentity`;
/// 4. SSO and `aws login` profiles: not resolved here (`needsCLI`);
/// 5. static keys in the credentials file, 6. `credential_process`, 7. static keys in the config file;
/// 8. container credentials (ECS tasks, Lambda); 9. EC2 instance metadata, IMDSv2 only.
/// A profile with `mfa_serial` needs a prompt: `needsCLI` too.
struct CredentialChain {
    let environment: [String: String]
    let config: SharedConfig
    /// The profile named by `--profile`, which turns off the environment variables.
    let explicitProfile: String?
    /// For STS calls made while resolving (the resolved region, else us-east-1).
    let region: String
    let transport: any HTTPTransport
    let now: @Sendable () -> Date

    /// The profile in use: `--profile`, else `AWS_PROFILE` (or `AWS_DEFAULT_PROFILE`), else `default`.
    var profileName: String { Self.profileName(environment: environment, explicitProfile: explicitProfile) }

    static func profileName(environment: [String: String], explicitProfile: String?) -> String {
        explicitProfile ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["AWS_DEFAULT_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
    }

    struct Resolved: Equatable {
        var credentials: AWSCredentials
        /// Which source gave them, for `collect --verbose`.
        var source: String
    }

    enum Outcome: Equatable {
        case resolved(Resolved)
        /// The profile needs the `aws` CLI (SSO, MFA): why.
        case needsCLI(String)
        /// No source gave credentials: what each one said, in order.
        case unavailable([String])
    }

    /// A failure that ends the search: a source is configured but does not work.
    private struct Stop: Error {
        var outcome: Outcome
    }

    func resolve() -> Outcome {
        var tried: [String] = []
        do {
            let name = profileName
            let profile = config.profile(name)
            let profileNamed = explicitProfile != nil || environment["AWS_PROFILE"] != nil || environment["AWS_DEFAULT_PROFILE"] != nil
            if profile == nil && profileNamed && name != "default" {
                return .unavailable(tried + ["profile \(name): The config profile (\(name)) could not be found in \(config.configPath) or \(config.credentialsPath)"])
            }

            if explicitProfile == nil {
                if let resolved = try fromEnvironment(&tried) { return .resolved(resolved) }
            } else {
                tried.append("environment variables: not used, --profile \(name) was given")
            }
            if let profile {
                if let resolved = try fromProfile(name, profile, visited: [], tried: &tried) { return .resolved(resolved) }
            } else {
                tried.append("profile \(name): not in \(config.configPath) or \(config.credentialsPath)")
                if let resolved = try webIdentity(nil, profileName: name, tried: &tried) { return .resolved(resolved) }
            }
            if let resolved = try container(&tried) { return .resolved(resolved) }
            if let resolved = try instanceMetadata(&tried) { return .resolved(resolved) }
        } catch {
            return error.outcome
        }
        return .unavailable(tried)
    }

    // MARK: Environment

    private func fromEnvironment(_ tried: inout [String]) throws(Stop) -> Resolved? {
        let key = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch (key, secret) {
        case let (key?, secret?):
            let token = environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"]
            return Resolved(credentials: AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token,
                                                        expiration: environment["AWS_CREDENTIAL_EXPIRATION"].flatMap(Self.date)),
                            source: "environment variables (AWS_ACCESS_KEY_ID\(token != nil ? ", AWS_SESSION_TOKEN" : ""))")
        case (nil, nil):
            tried.append("environment variables: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
            return nil
        default:
            throw Stop(outcome: .unavailable(tried + ["environment variables: only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set"]))
        }
    }

    // MARK: Profiles

    /// The providers that read a profile, in the chain's order (2 to 7).
    private func fromProfile(_ name: String, _ profile: [String: String], visited: [String], tried: inout [String]) throws(Stop) -> Resolved? {
        if let roleArn = profile["role_arn"], profile["web_identity_token_file"] == nil {
            return try assumeRole(name, profile, roleArn: roleArn, visited: visited, tried: &tried)
        }
        if let resolved = try webIdentity(profile, profileName: name, tried: &tried) { return resolved }
        if profile["sso_start_url"] != nil || profile["sso_session"] != nil || profile["sso_account_id"] != nil {
            throw Stop(outcome: .needsCLI("profile \(name) uses AWS IAM Identity Center (SSO)"))
        }
        if let keys = staticKeys(config.credentialProfiles[name] ?? [:]) {
            return Resolved(credentials: keys, source: "profile \(name): static keys in \(config.credentialsPath)")
        }
        if profile["login_session"] != nil {
            throw Stop(outcome: .needsCLI("profile \(name) uses `aws login`"))
        }
        if let command = profile["credential_process"] {
            return try credentialProcess(command, profileName: name)
        }
        if let keys = staticKeys(config.configProfiles[name] ?? [:]) {
            return Resolved(credentials: keys, source: "profile \(name): static keys in \(config.configPath)")
        }
        tried.append("profile \(name): no keys, role_arn, web_identity_token_file or credential_process")
        return nil
    }

    private func staticKeys(_ settings: [String: String]) -> AWSCredentials? {
        guard let key = settings["aws_access_key_id"], !key.isEmpty, let secret = settings["aws_secret_access_key"], !secret.isEmpty else { return nil }
        return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: settings["aws_session_token"] ?? settings["aws_security_token"])
    }

    private func assumeRole(_ name: String, _ profile: [String: String], roleArn: String, visited: [String],
                            tried: inout [String]) throws(Stop) -> Resolved? {
        if profile["mfa_serial"] != nil {
            throw Stop(outcome: .needsCLI("profile \(name) assumes \(roleArn) with an MFA code (mfa_serial)"))
        }
        let source: Resolved
        if let sourceName = profile["source_profile"] {
            guard !visited.contains(sourceName) || (sourceName == name && staticKeys(config.credentialProfiles[name] ?? [:]) != nil) else {
                throw Stop(outcome: .unavailable(tried + ["profile \(name): source_profile \(sourceName) forms a cycle (\((visited + [name]).joined(separator: " → ")))"]))
            }
            if sourceName == name, let keys = staticKeys(config.credentialProfiles[name] ?? [:]) ?? staticKeys(config.configProfiles[name] ?? [:]) {
                source = Resolved(credentials: keys, source: "profile \(name)'s static keys")
            } else {
                guard let sourceProfile = config.profile(sourceName) else {
                    throw Stop(outcome: .unavailable(tried + ["profile \(name): source_profile \(sourceName) is not in \(config.configPath) or \(config.credentialsPath)"]))
                }
                var sourceTried: [String] = []
                guard let resolved = try fromProfile(sourceName, sourceProfile, visited: visited + [name], tried: &sourceTried) else {
                    throw Stop(outcome: .unavailable(tried + ["profile \(name): its source_profile \(sourceName) has no credentials"] + sourceTried))
                }
                source = resolved
            }
        } else if let credentialSource = profile["credential_source"] {
            var sourceTried: [String] = []
            let resolved: Resolved?
            switch credentialSource {
            case "Environment": resolved = try fromEnvironment(&sourceTried)
            case "EcsContainer": resolved = try container(&sourceTried)
            case "Ec2InstanceMetadata": resolved = try instanceMetadata(&sourceTried)
            default:
                throw Stop(outcome: .unavailable(tried + ["profile \(name): credential_source \(credentialSource) is not Environment, EcsContainer or Ec2InstanceMetadata"]))
            }
            guard let resolved else {
                throw Stop(outcome: .unavailable(tried + ["profile \(name): credential_source \(credentialSource) gave no credentials"] + sourceTried))
            }
            source = resolved
        } else {
            throw Stop(outcome: .unavailable(tried + ["profile \(name): role_arn needs source_profile or credential_source"]))
        }
        var parameters = [AWSParameter("RoleArn", .string(roleArn)),
                          AWSParameter("RoleSessionName", .string(profile["role_session_name"] ?? defaultSessionName()))]
        if let externalId = profile["external_id"] { parameters.append(AWSParameter("ExternalId", .string(externalId))) }
        if let duration = profile["duration_seconds"].flatMap(Int.init) { parameters.append(AWSParameter("DurationSeconds", .integer(duration))) }
        let credentials = try temporaryCredentials(.stsAssumeRole, parameters, signedWith: source.credentials, what: "profile \(name): assuming \(roleArn)")
        return Resolved(credentials: credentials, source: "profile \(name): role \(roleArn) assumed with \(source.source)")
    }

    private func webIdentity(_ profile: [String: String]?, profileName: String, tried: inout [String]) throws(Stop) -> Resolved? {
        func setting(_ key: String, _ variable: String) -> String? {
            if explicitProfile == nil, let value = environment[variable], !value.isEmpty { return value }
            return profile?[key]
        }
        guard let tokenFile = setting("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE") else { return nil }
        guard let roleArn = setting("role_arn", "AWS_ROLE_ARN") else {
            throw Stop(outcome: .unavailable(tried + ["web identity: \(tokenFile) is set but no role_arn or AWS_ROLE_ARN"]))
        }
        guard let token = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
            throw Stop(outcome: .unavailable(tried + ["web identity: cannot read the token file \(tokenFile)"]))
        }
        let parameters = [AWSParameter("RoleArn", .string(roleArn)),
                          AWSParameter("RoleSessionName", .string(setting("role_session_name", "AWS_ROLE_SESSION_NAME") ?? defaultSessionName())),
                          AWSParameter("WebIdentityToken", .string(token.trimmingCharacters(in: .whitespacesAndNewlines)))]
        let credentials = try temporaryCredentials(.stsAssumeRoleWithWebIdentity, parameters, signedWith: nil,
                                                   what: "web identity token \(tokenFile) for \(roleArn)")
        return Resolved(credentials: credentials, source: "web identity token \(tokenFile): role \(roleArn) assumed")
    }

    private func defaultSessionName() -> String {
        "botocore-session-\(Int(now().timeIntervalSince1970))"
    }

    /// The `Credentials` of an STS answer.
    private func temporaryCredentials(_ operation: CredentialOperation, _ parameters: [AWSParameter], signedWith credentials: AWSCredentials?,
                                      what: String) throws(Stop) -> AWSCredentials {
        let maxAttempts = Int(environment["AWS_MAX_ATTEMPTS"] ?? "") ?? 3
        let client = AWSClient(region: region, credentials: credentials,
                               endpoints: EndpointResolver(environment: environment, profile: config.profile(profileName) ?? [:]),
                               transport: transport, retry: RetryPolicy(maxAttempts: maxAttempts), timeout: 30, now: now)
        switch client.call(operation, parameters) {
        case let .output(output):
            guard let key = output["Credentials"]?["AccessKeyId"]?.stringValue, let secret = output["Credentials"]?["SecretAccessKey"]?.stringValue else {
                throw Stop(outcome: .unavailable(["\(what): STS answered without credentials"]))
            }
            return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: output["Credentials"]?["SessionToken"]?.stringValue,
                                  expiration: output["Credentials"]?["Expiration"]?.stringValue.flatMap(Self.date))
        case let .failed(failure):
            throw Stop(outcome: .unavailable(["\(what): \(failure.message)"]))
        }
    }

    // MARK: credential_process

    private func credentialProcess(_ command: String, profileName: String) throws(Stop) -> Resolved {
        let what = "profile \(profileName): credential_process"
        guard let arguments = Self.shellWords(command), let executable = arguments.first else {
            throw Stop(outcome: .unavailable(["\(what): cannot split \(command) into arguments"]))
        }
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(arguments.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
        }
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw Stop(outcome: .unavailable(["\(what): cannot run \(executable): \(error.localizedDescription)"]))
        }
        let errorText = ProcessOutput()
        let drained = DispatchGroup()
        drained.enter()
        DispatchQueue.global().async {
            errorText.data = errors.fileHandleForReading.readDataToEndOfFile()
            drained.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let said = String(decoding: errorText.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Stop(outcome: .unavailable(["\(what) exited with status \(process.terminationStatus)\(said.isEmpty ? "" : ": " + said)"]))
        }
        guard let parsed = try? JSONParser.parse([UInt8](data)), let credentials = Self.processCredentials(parsed) else {
            throw Stop(outcome: .unavailable(["\(what) did not print {\"Version\": 1, \"AccessKeyId\": ..., \"SecretAccessKey\": ...}"]))
        }
        return Resolved(credentials: credentials, source: "profile \(profileName): credential_process")
    }

    /// The `credential_process` output format (Version 1), also what
    /// `aws configure export-credentials --format process` prints.
    static func processCredentials(_ value: JSONValue) -> AWSCredentials? {
        guard value["Version"] == .number(1), let key = value["AccessKeyId"]?.stringValue, let secret = value["SecretAccessKey"]?.stringValue else { return nil }
        return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: value["SessionToken"]?.stringValue,
                              expiration: value["Expiration"]?.stringValue.flatMap(date))
    }

    /// POSIX shell words, as Python's `shlex.split` (which botocore uses for `credential_process`).
    static func shellWords(_ text: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var iterator = Array(text).makeIterator()
        while let character = iterator.next() {
            if let open = quote {
                if character == open {
                    quote = nil
                } else if open == "\"", character == "\\" {
                    guard let next = iterator.next() else { return nil }
                    if !["\"", "\\", "$", "`", "\n"].contains(next) { current.append("\\") }
                    current.append(next)
                } else {
                    current.append(character)
                }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == "\\" {
                guard let next = iterator.next() else { return nil }
                current.append(next)
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil else { return nil }
        if inWord { words.append(current) }
        return words
    }

    // MARK: Container and instance metadata

    /// The hosts a `AWS_CONTAINER_CREDENTIALS_FULL_URI` may name over plain
    /// HTTP (botocore's `ContainerMetadataFetcher`), besides loopback addresses.
    static let containerHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]", "localhost"]

    private func container(_ tried: inout [String]) throws(Stop) -> Resolved? {
        let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"].flatMap { $0.isEmpty ? nil : $0 }
        let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"].flatMap { $0.isEmpty ? nil : $0 }
        let address: String
        if let relative {
            address = "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full {
            address = full
        } else {
            tried.append("container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set")
            return nil
        }
        let what = "container credentials (\(address))"
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else {
            throw Stop(outcome: .unavailable(tried + ["\(what): not a URL"]))
        }
        if scheme != "https" && relative == nil && !(Self.isLoopback(host) || Self.containerHosts.contains(host)) {
            throw Stop(outcome: .unavailable(tried + ["\(what): over plain HTTP only a loopback address or \(Self.containerHosts.sorted().joined(separator: ", ")) is allowed"]))
        }
        var headers: [(name: String, value: String)] = []
        var token: String?
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !file.isEmpty {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw Stop(outcome: .unavailable(tried + ["\(what): cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file)"]))
            }
            token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let value = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !value.isEmpty {
            token = value
        }
        if let token {
            guard !token.contains("\r") && !token.contains("\n") else {
                throw Stop(outcome: .unavailable(tried + ["\(what): the authorization token holds a line break"]))
            }
            headers.append(("Authorization", token))
        }
        var lastFailure = ""
        attempts: for _ in 0..<3 {
            switch transport.send(HTTPRequest(method: "GET", url: url, headers: headers + [("Accept", "application/json")], body: []), timeout: 2) {
            case let .success(response) where response.status == 200:
                guard let body = try? JSONParser.parse(response.body), let key = body["AccessKeyId"]?.stringValue,
                      let secret = body["SecretAccessKey"]?.stringValue else {
                    throw Stop(outcome: .unavailable(tried + ["\(what): the answer holds no AccessKeyId and SecretAccessKey"]))
                }
                return Resolved(credentials: AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: body["Token"]?.stringValue,
                                                            expiration: body["Expiration"]?.stringValue.flatMap(Self.date)),
                                source: what)
            case let .success(response):
                lastFailure = "HTTP \(response.status)"
                if (400..<500).contains(response.status) { break attempts }
            case let .failure(failure):
                lastFailure = "\(failure)"
            }
        }
        throw Stop(outcome: .unavailable(tried + ["\(what): \(lastFailure)"]))
    }

    private func instanceMetadata(_ tried: inout [String]) throws(Stop) -> Resolved? {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" {
            tried.append("EC2 instance metadata: disabled by AWS_EC2_METADATA_DISABLED")
            return nil
        }
        let profile = config.profile(profileName) ?? [:]
        var base = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? profile["ec2_metadata_service_endpoint"] ?? ""
        if base.isEmpty {
            let mode = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"] ?? profile["ec2_metadata_service_endpoint_mode"] ?? "IPv4"
            base = mode.lowercased() == "ipv6" ? "http://[fd00:ec2::254]" : "http://169.254.169.254"
        }
        while base.hasSuffix("/") { base.removeLast() }
        let timeout = Double(environment["AWS_METADATA_SERVICE_TIMEOUT"] ?? profile["metadata_service_timeout"] ?? "") ?? 1
        let what = "EC2 instance metadata (IMDSv2, \(base))"
        guard let tokenURL = URL(string: base + "/latest/api/token"), let listURL = URL(string: base + "/latest/meta-data/iam/security-credentials/") else {
            throw Stop(outcome: .unavailable(tried + ["\(what): not a URL"]))
        }
        // IMDSv2 only: a session token first; without one, no credentials (no IMDSv1 fallback).
        guard case let .success(tokenResponse) = transport.send(HTTPRequest(method: "PUT", url: tokenURL, headers: [("x-aws-ec2-metadata-token-ttl-seconds", "21600")], body: []), timeout: timeout),
              tokenResponse.status == 200 else {
            tried.append("\(what): no session token (not on EC2, or the metadata service is unreachable)")
            return nil
        }
        let tokenHeader = ("x-aws-ec2-metadata-token", String(decoding: tokenResponse.body, as: UTF8.self))
        guard case let .success(listResponse) = transport.send(HTTPRequest(method: "GET", url: listURL, headers: [tokenHeader], body: []), timeout: timeout),
              listResponse.status == 200,
              let role = String(decoding: listResponse.body, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init), !role.isEmpty,
              let roleURL = URL(string: listURL.absoluteString + SigV4.percentEncode(role)) else {
            tried.append("\(what): no instance profile role")
            return nil
        }
        guard case let .success(response) = transport.send(HTTPRequest(method: "GET", url: roleURL, headers: [tokenHeader], body: []), timeout: timeout),
              response.status == 200, let body = try? JSONParser.parse(response.body),
              let key = body["AccessKeyId"]?.stringValue, let secret = body["SecretAccessKey"]?.stringValue else {
            throw Stop(outcome: .unavailable(tried + ["\(what): no credentials for the role \(role)"]))
        }
        return Resolved(credentials: AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: body["Token"]?.stringValue,
                                                    expiration: body["Expiration"]?.stringValue.flatMap(Self.date)),
                        source: "\(what): role \(role)")
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

private final class ProcessOutput: @unchecked Sendable {
    var data = Data()
}
