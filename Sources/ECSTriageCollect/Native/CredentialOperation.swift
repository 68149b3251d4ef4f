/// The reviewed exceptions to read-only: the two STS calls that exchange one
/// credential for a temporary one (a profile's `role_arn`, a web identity
/// token). They change nothing in the account and are made only while
/// resolving credentials, never by `collect`'s planner, which can only name
/// an `AWSOperation`. `NativeClientTests` fails if a row is added here
/// without updating its list of reviewed exceptions.
enum CredentialOperation: String, CaseIterable, Sendable {
    case stsAssumeRole = "sts assume-role"
    case stsAssumeRoleWithWebIdentity = "sts assume-role-with-web-identity"

    var service: String { String(rawValue.split(separator: " ")[0]) }
    var name: String { String(rawValue.split(separator: " ")[1]) }
}
