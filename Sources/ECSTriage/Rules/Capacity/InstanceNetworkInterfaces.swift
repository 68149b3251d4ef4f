/// How many awsvpc tasks an EC2 container instance can hold: each takes a
/// network interface, the instance's primary interface is its own, and ENI
/// trunking (a trunk interface with branch interfaces for tasks) raises the
/// limit on the instance types ECS supports for it.
enum InstanceNetworkInterfaces {
    /// Network interfaces per instance type, for common container-instance
    /// types (Amazon EC2 Instance Types guide, network specifications,
    /// https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html#gp_network and the
    /// compute- and memory-optimized pages beside it).
    static let maximum: [String: Int] = [
        "t3.micro": 2, "t3.small": 3, "t3.medium": 3, "t3.large": 3, "t3.xlarge": 4, "t3.2xlarge": 4,
        "t3a.micro": 2, "t3a.small": 2, "t3a.medium": 3, "t3a.large": 3, "t3a.xlarge": 4, "t3a.2xlarge": 4,
        "m5.large": 3, "m5.xlarge": 4, "m5.2xlarge": 4, "m5.4xlarge": 8, "m5.8xlarge": 8, "m5.12xlarge": 8, "m5.24xlarge": 15,
        "m6i.large": 3, "m6i.xlarge": 4, "m6i.2xlarge": 4, "m6i.4xlarge": 8,
        "c5.large": 3, "c5.xlarge": 4, "c5.2xlarge": 4, "c5.4xlarge": 8, "c5.9xlarge": 8, "c5.18xlarge": 15,
        "c6i.large": 3, "c6i.xlarge": 4, "c6i.2xlarge": 4, "c6i.4xlarge": 8,
        "r5.large": 3, "r5.xlarge": 4, "r5.2xlarge": 4, "r5.4xlarge": 8, "r5.12xlarge": 8, "r5.24xlarge": 15,
        "m6g.large": 3, "m6g.xlarge": 4, "c6g.large": 3, "c6g.xlarge": 4, "r6g.large": 3, "r6g.xlarge": 4,
        "a1.medium": 2, "a1.large": 3, "a1.xlarge": 4, "a1.2xlarge": 4, "a1.4xlarge": 8,
    ]

    /// awsvpc tasks per instance with a trunk interface, from the ECS
    /// Developer Guide's table of supported instance types ("Supported
    /// Amazon EC2 instance types" of "Elastic network interface trunking",
    /// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/eni-trunking-supported-instance-types.html).
    static let tasksWithTrunk: [String: Int] = [
        "a1.medium": 10, "a1.large": 10, "a1.xlarge": 20, "a1.2xlarge": 40, "a1.4xlarge": 60,
        "c5.large": 10, "c5.xlarge": 20, "c5.2xlarge": 40, "c5.4xlarge": 60, "c5.9xlarge": 60, "c5.18xlarge": 120,
        "m5.large": 10, "m5.xlarge": 20, "m5.2xlarge": 40, "m5.4xlarge": 60, "m5.12xlarge": 60, "m5.24xlarge": 120,
        "r5.large": 10, "r5.xlarge": 20, "r5.2xlarge": 40, "r5.4xlarge": 60, "r5.12xlarge": 60, "r5.24xlarge": 120,
    ]

    /// Families the same page lists as supporting trunking, and those it
    /// excludes by name ("the c5n, m5n, m5dn, r5n, and r5dn instance types
    /// are not supported") or leaves out of a list where every supported
    /// family is named (the burstable t2, t3 and t3a). Other families: the
    /// page decides; ecs-triage does not guess.
    static let trunkingByFamily: [String: Bool] = [
        "a1": true, "c5": true, "c5d": true, "m5": true, "m5a": true, "m5ad": true, "m5d": true, "p3": true,
        "r5": true, "r5a": true, "r5ad": true, "r5d": true,
        "c5n": false, "m5n": false, "m5dn": false, "r5n": false, "r5dn": false, "t2": false, "t3": false, "t3a": false,
    ]

    /// Whether ECS supports trunking on the type, when its family is one the guide decides.
    static func supportsTrunking(_ instanceType: String) -> Bool? {
        trunkingByFamily[String(instanceType.prefix { $0 != "." })]
    }

    /// awsvpc tasks the instance holds without a trunk: its interfaces less the primary one.
    static func tasksWithoutTrunk(_ instanceType: String) -> Int? {
        maximum[instanceType].map { $0 - 1 }
    }

    /// A type the guide lists for trunking, of the same CPU architecture, to move to.
    static func trunkingReplacement(architecture: String?) -> String {
        architecture?.lowercased() == "arm64" ? "a1.large" : "m5.large"
    }
}
