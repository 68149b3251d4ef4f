/// A resource a finding names: its id or name as AWS prints it, and what
/// kind of thing it is. Findings name concrete resources only; one that has
/// none to name carries an empty list, and the reports say so, rather than a
/// word such as "image" or "service" standing where an id belongs.
public struct ResourceID: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Any ARN: task, service, task definition, cluster, target group, load balancer, role, secret...
        case arn
        case vpc, subnet, routeTable, securityGroup, networkAcl, internetGateway, natGateway, vpcEndpoint, prefixList
        case networkInterface, ec2Instance, fileSystem
        /// An IAM role by name (task definitions and errors often give only the name).
        case roleName
        case logGroup
        /// An image reference, `registry/repository:tag` or `@digest`.
        case image
        /// A registry or AWS endpoint host, e.g. `api.ecr.us-east-1.amazonaws.com`, `registry-1.docker.io`.
        case host
        /// A container, by its name in the task definition.
        case container
        /// An SSM parameter name, or a Secrets Manager secret name or partial ARN, as a task definition references it.
        case secretReference
        /// A Classic Load Balancer, by name.
        case classicLoadBalancer
        /// A container instance attribute or placement constraint expression.
        case attribute
    }

    public let kind: Kind
    public let id: String

    public init(_ kind: Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    public var description: String { id }

    public static func arn(_ id: String) -> ResourceID { ResourceID(.arn, id) }
    public static func vpc(_ id: String) -> ResourceID { ResourceID(.vpc, id) }
    public static func subnet(_ id: String) -> ResourceID { ResourceID(.subnet, id) }
    public static func routeTable(_ id: String) -> ResourceID { ResourceID(.routeTable, id) }
    public static func securityGroup(_ id: String) -> ResourceID { ResourceID(.securityGroup, id) }
    public static func networkAcl(_ id: String) -> ResourceID { ResourceID(.networkAcl, id) }
    public static func roleName(_ name: String) -> ResourceID { ResourceID(.roleName, name) }
    public static func logGroup(_ name: String) -> ResourceID { ResourceID(.logGroup, name) }
    public static func image(_ reference: String) -> ResourceID { ResourceID(.image, reference) }
    public static func host(_ name: String) -> ResourceID { ResourceID(.host, name) }
    public static func container(_ name: String) -> ResourceID { ResourceID(.container, name) }
    public static func secretReference(_ reference: String) -> ResourceID { ResourceID(.secretReference, reference) }
    public static func ec2Instance(_ id: String) -> ResourceID { ResourceID(.ec2Instance, id) }
    public static func fileSystem(_ id: String) -> ResourceID { ResourceID(.fileSystem, id) }
    public static func attribute(_ expression: String) -> ResourceID { ResourceID(.attribute, expression) }
    public static func classicLoadBalancer(_ name: String) -> ResourceID { ResourceID(.classicLoadBalancer, name) }

    /// The kind an AWS id announces by its form (`arn:`, `subnet-`, `sg-`...),
    /// or nil for a name, which only its context can type.
    public static func inferred(_ id: String) -> ResourceID? {
        if id.hasPrefix("arn:") { return .arn(id) }
        let prefixes: [(String, Kind)] = [
            ("vpc-", .vpc), ("subnet-", .subnet), ("rtb-", .routeTable), ("sg-", .securityGroup), ("acl-", .networkAcl),
            ("igw-", .internetGateway), ("nat-", .natGateway), ("vpce-", .vpcEndpoint), ("pl-", .prefixList),
            ("eni-", .networkInterface), ("i-", .ec2Instance), ("fs-", .fileSystem),
        ]
        for (prefix, kind) in prefixes where id.hasPrefix(prefix) && id.count > prefix.count { return ResourceID(kind, id) }
        return nil
    }

    /// Ids whose form announces their kind (ARNs, EC2 ids), in order; names are dropped.
    public static func inferred(_ ids: [String]) -> [ResourceID] { ids.compactMap(inferred) }
}
