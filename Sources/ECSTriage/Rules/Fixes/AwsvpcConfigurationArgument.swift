/// The `--network-configuration` argument of `aws ecs create-service`,
/// `update-service` and `run-task`, in the CLI's shorthand
/// (`awsvpcConfiguration={subnets=[...],securityGroups=[...],assignPublicIp=...}`),
/// quoted for the shell as one word (the ids come from the account); a
/// placeholder stands where the input holds none.
enum AwsvpcConfigurationArgument {
    static func shorthand(subnets: [String], securityGroups: [String], assignPublicIp: String?) -> String {
        let subnetList = subnets.isEmpty ? "<subnet-id>" : subnets.joined(separator: ",")
        let groupList = securityGroups.isEmpty ? "<security-group-id>" : securityGroups.joined(separator: ",")
        let publicIp = assignPublicIp.map { ",assignPublicIp=\($0.uppercased())" } ?? ""
        return ShellWord.quoted("awsvpcConfiguration={subnets=[\(subnetList)],securityGroups=[\(groupList)]\(publicIp)}")
    }

    /// The argument for a workload's own placement.
    static func shorthand(_ configuration: AwsVpcConfiguration) -> String {
        shorthand(subnets: configuration.subnets, securityGroups: configuration.securityGroups, assignPublicIp: configuration.assignPublicIp)
    }
}
