/// Commands that print a container's last output from CloudWatch Logs, for
/// containers with the awslogs driver. The stream of a task's container is
/// `prefix/container-name/task-id` when `awslogs-stream-prefix` is set
/// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html);
/// without a prefix the stream is named after the Docker container id, which
/// no describe output holds, so the group is read from the task's start.
/// `aws logs tail` exists in aws CLI v2 only; `filter-log-events` in both.
struct ContainerLogCommands {
    var group: String
    var stream: String?
    var region: String?
    /// Milliseconds since the epoch: where to start reading when the stream is unknown.
    var startTime: Int?

    /// For `container` of `task` (the task id also when only its ARN is known); nil without awslogs.
    init?(_ container: ContainerDefinition, taskArn: String?, startedAt: Double?) {
        guard container.logDriver == "awslogs", let group = container.logOption("awslogs-group") else { return nil }
        self.group = group
        region = container.logOption("awslogs-region")
        stream = container.logOption("awslogs-stream-prefix").flatMap { prefix in
            taskArn.map { "\(prefix)/\(container.name)/\(ARN.lastComponent($0))" }
        }
        startTime = startedAt.map { Int($0 * 1000) }
    }

    /// The v2 `tail` (left out when the group name could be read as an
    /// option: it is positional), then the command both CLI versions run.
    var commands: [String] {
        let region = self.region.map { " " + ShellWord.option("--region", $0) } ?? ""
        let group = ShellWord.option("--log-group-name", self.group)
        let tail = self.group.hasPrefix("-") ? nil : "aws logs tail \(ShellWord.quoted(self.group))"
        guard let stream else {
            let since = startTime.map(String.init) ?? "\"$(($(date +%s) - 3600))000\""
            return [tail.map { "\($0) --since 1h\(region)" },
                    "aws logs filter-log-events \(group) --start-time \(since) --query 'events[].message' --output text\(region)"].compactMap { $0 }
        }
        let streams = ShellWord.option("--log-stream-names", stream)
        return [tail.map { "\($0) \(streams) --since 1d\(region)" },
                "aws logs filter-log-events \(group) \(streams) --query 'events[].message' --output text\(region)"].compactMap { $0 }
    }
}
