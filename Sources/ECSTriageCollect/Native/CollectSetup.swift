import ECSTriage
import Foundation

/// How `collect` makes its calls: through the native client by default,
/// through the user's `aws` CLI when asked (`--via-cli`) or when the
/// configuration needs it (an SSO or MFA profile the CLI cannot export
/// credentials for, a custom CA bundle, FIPS or dual-stack endpoints).
public struct CollectSession: Sendable {
    public let runner: any AWSCommandRunner
    /// One line each: how calls are made, the region, the credential source. For `--verbose`.
    public let description: [String]
    public let usesCLI: Bool
}

public enum CollectSetup {
    public struct Options: Sendable {
        public var profile: String?
        public var region: String?
        public var viaCLI: Bool
        public var concurrency: Int
        public var environment: [String: String]
        /// The `aws` executable, if there is one on PATH.
        public var awsExecutable: URL?

        public init(profile: String?, region: String?, viaCLI: Bool, concurrency: Int,
                    environment: [String: String] = ProcessInfo.processInfo.environment,
                    awsExecutable: URL? = AWSCLIRunner.locate()) {
            self.profile = profile
            self.region = region
            self.viaCLI = viaCLI
            self.concurrency = concurrency
            self.environment = environment
            self.awsExecutable = awsExecutable
        }
    }

    /// Nothing can be collected: why (exit 69).
    public struct Unavailable: Error, Sendable {
        public var message: String
    }

    public static func session(_ options: Options) throws(Unavailable) -> CollectSession {
        if options.viaCLI {
            return try cliSession(options, reason: "--via-cli")
        }
        let environment = options.environment
        let config = SharedConfig.load(environment: environment)
        let profileName = CredentialChain.profileName(environment: environment, explicitProfile: options.profile)
        let profile = config.profile(profileName) ?? [:]
        if let reason = unsupportedSetting(environment, profile) {
            return try cliSession(options, reason: reason)
        }
        guard let region = [options.region, environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"], profile["region"]]
            .compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw Unavailable(message: "no AWS region: pass --region, or set AWS_REGION or AWS_DEFAULT_REGION, or region in profile \(profileName) of \(config.configPath)")
        }
        guard AWSCall.isRegionName(region) else { throw Unavailable(message: "'\(region)' is not an AWS region name") }
        let transport = URLSessionTransport(maximumConnectionsPerHost: options.concurrency + 2)
        let resolving = CredentialChain(environment: environment, config: config, explicitProfile: options.profile, region: region,
                                        transport: transport, now: Date.init)
        let resolved: CredentialChain.Resolved
        switch resolving.resolve() {
        case let .resolved(found):
            resolved = found
        case let .needsCLI(reason):
            guard let exported = exportedCredentials(options, profile: profileName) else {
                return try cliSession(options, reason: reason + "; `aws configure export-credentials` (CLI v2) could not export its credentials")
            }
            resolved = CredentialChain.Resolved(credentials: exported, source: reason + ", credentials exported by `aws configure export-credentials`")
        case let .unavailable(tried):
            throw Unavailable(message: "no working AWS credentials were found. Tried, in order:\n" + tried.map { "  - " + $0 }.joined(separator: "\n")
                              + "\nConfigure credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile, `aws configure`), then retry.")
        }
        let maxAttempts = Int(environment["AWS_MAX_ATTEMPTS"] ?? profile["max_attempts"] ?? "") ?? 3
        let client = AWSClient(region: region, credentials: resolved.credentials,
                               endpoints: EndpointResolver(environment: environment, profile: profile,
                                                           servicesSection: profile["services"].flatMap { config.services[$0] } ?? [:]),
                               transport: transport, retry: RetryPolicy(maxAttempts: maxAttempts))
        var description = ["calls: native AWS client (read-only; --via-cli to use the aws CLI instead)", "region: \(region)",
                           "credentials: \(resolved.source)"]
        if let (endpoint, source) = client.endpoints.configuredEndpoint(AWSModels.services["ecs"]!) {
            description.append("endpoint: \(endpoint) (\(source))")
        }
        return CollectSession(runner: NativeRunner(client: client), description: description, usesCLI: false)
    }

    /// Settings the native client does not implement: the CLI honours them.
    static func unsupportedSetting(_ environment: [String: String], _ profile: [String: String]) -> String? {
        if let bundle = environment["AWS_CA_BUNDLE"] ?? profile["ca_bundle"], !bundle.isEmpty {
            return "a custom CA bundle (\(bundle)) is configured"
        }
        for (variable, key, what) in [("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", "FIPS"), ("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint", "dual-stack")] {
            if (environment[variable] ?? profile[key])?.lowercased() == "true" { return "\(what) endpoints are configured" }
        }
        return nil
    }

    private static func cliSession(_ options: Options, reason: String) throws(Unavailable) -> CollectSession {
        guard let aws = options.awsExecutable else {
            throw Unavailable(message: reason == "--via-cli"
                ? "the AWS CLI (`aws`) was not found on PATH: install it (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html), add its folder to PATH, or drop --via-cli."
                : "\(reason), which needs the AWS CLI (`aws`), and it was not found on PATH: install it (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html) or add its folder to PATH.")
        }
        let runner = AWSCLIRunner(executable: aws, region: options.region, profile: options.profile, environment: options.environment)
        return CollectSession(runner: runner, description: ["calls: the aws CLI at \(aws.path) (\(reason))",
                                                            "region and credentials: as the aws CLI resolves them"], usesCLI: true)
    }

    /// `aws configure export-credentials --format process` (CLI v2): once, for a profile the client cannot resolve.
    private static func exportedCredentials(_ options: Options, profile: String) -> AWSCredentials? {
        guard let aws = options.awsExecutable else { return nil }
        let process = Process()
        process.executableURL = aws
        process.arguments = ["configure", "export-credentials", "--format", "process", "--profile=" + profile]
        process.environment = options.environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let parsed = try? JSONParser.parse([UInt8](data)) else { return nil }
        return CredentialChain.processCredentials(parsed)
    }
}
