import Foundation

/// Where a service's requests go and the region they are signed for.
/// Configured endpoints first, as the SDKs read them
/// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html):
/// `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the profile's
/// `services` section and its `endpoint_url`; none of them when
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the profile's
/// `ignore_configured_endpoint_urls`) is true. Otherwise the service's
/// regional endpoint in the region's partition; FIPS and dual-stack
/// endpoints are not built (`NativeSetup` hands those configurations to the CLI).
///
/// The host is made of the service's endpoint prefix and a region that
/// `AWSCall.isRegionName` accepted: nothing else from the account can reach it.
struct EndpointResolver: Sendable {
    let environment: [String: String]
    /// The profile's settings (`endpoint_url`, `services`...), if any.
    let profile: [String: String]
    /// The profile's `services` section: service key → settings.
    let servicesSection: [String: [String: String]]

    init(environment: [String: String], profile: [String: String] = [:], servicesSection: [String: [String: String]] = [:]) {
        self.environment = environment
        self.profile = profile
        self.servicesSection = servicesSection
    }

    struct Endpoint: Equatable {
        var url: URL
        var signingRegion: String
    }

    enum Failure: Error, Equatable {
        case invalidRegion(String)
        case invalidEndpoint(String, source: String)
    }

    func endpoint(for service: AWSModels.Service, region: String) throws(Failure) -> Endpoint {
        guard AWSCall.isRegionName(region) else { throw .invalidRegion(region) }
        if let (configured, source) = configuredEndpoint(service) {
            guard let url = URL(string: configured), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                  url.host?.isEmpty == false, url.query == nil, url.fragment == nil else {
                throw .invalidEndpoint(configured, source: source)
            }
            return Endpoint(url: url, signingRegion: region)
        }
        let suffix = Self.dnsSuffix(region)
        switch service.endpointPrefix {
        case "iam":
            // IAM is global: one endpoint per partition, signed for its home region.
            if region.hasPrefix("cn-") { return Endpoint(url: URL(string: "https://iam.cn-north-1.amazonaws.com.cn")!, signingRegion: "cn-north-1") }
            if region.hasPrefix("us-gov-") { return Endpoint(url: URL(string: "https://iam.us-gov.amazonaws.com")!, signingRegion: "us-gov-west-1") }
            if suffix == "amazonaws.com" { return Endpoint(url: URL(string: "https://iam.amazonaws.com")!, signingRegion: "us-east-1") }
            return Endpoint(url: URL(string: "https://iam.\(region).\(suffix)")!, signingRegion: region)
        default:
            return Endpoint(url: URL(string: "https://\(service.endpointPrefix).\(region).\(suffix)")!, signingRegion: region)
        }
    }

    /// The configured endpoint and where it was read, if any.
    func configuredEndpoint(_ service: AWSModels.Service) -> (String, String)? {
        let ignoring = [environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"], profile["ignore_configured_endpoint_urls"]]
            .contains { $0?.lowercased() == "true" }
        guard !ignoring else { return nil }
        let variable = "AWS_ENDPOINT_URL_" + service.serviceId.uppercased().replacingOccurrences(of: " ", with: "_")
        if let url = environment[variable], !url.isEmpty { return (url, variable) }
        if let url = environment["AWS_ENDPOINT_URL"], !url.isEmpty { return (url, "AWS_ENDPOINT_URL") }
        let key = service.serviceId.lowercased().replacingOccurrences(of: " ", with: "_")
        if let url = servicesSection[key]?["endpoint_url"], !url.isEmpty { return (url, "the profile's services section (\(key))") }
        if let url = profile["endpoint_url"], !url.isEmpty { return (url, "the profile's endpoint_url") }
        return nil
    }

    /// The DNS suffix of the region's partition (botocore 1.43.11 `data/partitions.json`).
    static func dnsSuffix(_ region: String) -> String {
        if region.hasPrefix("cn-") { return "amazonaws.com.cn" }
        if region.hasPrefix("eusc-") { return "amazonaws.eu" }
        if region.hasPrefix("us-isob-") { return "sc2s.sgov.gov" }
        if region.hasPrefix("us-isof-") { return "csp.hci.ic.gov" }
        if region.hasPrefix("us-iso-") { return "c2s.ic.gov" }
        if region.hasPrefix("eu-isoe-") { return "cloud.adc-e.uk" }
        return "amazonaws.com"
    }
}
