/// The container logs `collect` listed without reading them (containerLogs
/// entries with `notRead`): an awslogs stream it could not name or did not
/// reach is missing evidence with the command that reads it; logs another
/// driver sent elsewhere, or that were not kept, are said in a warning.
enum ContainerLogGaps {
    static func missingEvidence(_ snapshot: Snapshot) -> [MissingEvidence] {
        snapshot.containerLogs.compactMap { log in
            guard let reason = log.notRead, log.logDriver == "awslogs", let group = log.logGroupName else { return nil }
            let why = "the log of container \(log.containerName) of task \(ARN.lastComponent(log.taskArn)) was not read: \(reason)"
            let region = log.region.map { " " + ShellWord.option("--region", $0) } ?? ""
            guard let stream = log.logStreamName else {
                // Without the stream's name, the newest streams of the group are where the task's lines are.
                return MissingEvidence(why: why, command: "aws logs describe-log-streams \(ShellWord.option("--log-group-name", group))"
                                       + " --order-by LastEventTime --descending --max-items 5" + region)
            }
            return MissingEvidence(why: why, command: "aws logs get-log-events \(ShellWord.option("--log-group-name", group)) "
                                   + "\(ShellWord.option("--log-stream-name", stream)) --no-start-from-head --limit 100" + region)
        }
    }

    static func warnings(_ snapshot: Snapshot) -> [String] {
        snapshot.containerLogs.compactMap { log in
            guard let reason = log.notRead, log.logDriver != "awslogs" else { return nil }
            let destination = log.destination.map { " (\($0))" } ?? ""
            return "the log of container \(log.containerName) of task \(ARN.lastComponent(log.taskArn)) was not read: \(reason)\(destination)"
        }
    }
}
