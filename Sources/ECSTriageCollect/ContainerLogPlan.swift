import ECSTriage

/// Which log streams `collect` reads: the containers of stopped tasks (and of
/// running tasks whose definition restarts containers in place, so that a crash
/// does not stop the task), newest stopped first, at most `streamLimit`
/// streams, each once. One `logs get-log-events` call per stream, for its last
/// lines only; containers whose stream cannot be named or whose driver sends
/// the logs elsewhere are listed with the reason they were not read.
///
/// The awslogs driver names a task's stream `<awslogs-stream-prefix>/<container
/// name>/<task id>` and, without a prefix, after the Docker container id, which
/// describe-tasks does not give
/// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html,
/// "awslogs-stream-prefix"; the format also in
/// https://docs.aws.amazon.com/prescriptive-guidance/latest/implementing-logging-monitoring-cloudwatch/ec2-fargate-logs.html).
struct ContainerLogPlan {
    /// At most this many `get-log-events` calls per collection, whatever the number of stopped tasks.
    static let streamLimit = 20
    /// GetLogEvents' `limit`: 1 to 10,000 events (botocore's logs model, data/logs/2014-03-28/service-2.json, EventsLimit).
    static let eventLimit = 10_000

    struct Target: Equatable {
        var taskArn: String
        var containerName: String
        var logDriver: String?
        var logGroupName: String?
        var logStreamName: String?
        var region: String?
        var destination: String?
        /// Why the lines are not read; nil when a call reads them.
        var notRead: String?
    }

    /// The targets for `tasks` (describe-tasks items) run from `definitions`
    /// (describe-task-definition's `taskDefinition`s), readable ones first in
    /// task order, at most `streamLimit` of each kind.
    static func targets(tasks: [JSONValue], definitions: [JSONValue], lines: Int) -> [Target] {
        guard lines > 0 else { return [] }
        var definitionsByArn: [String: JSONValue] = [:]
        for definition in definitions {
            if let arn = definition["taskDefinitionArn"]?.stringValue { definitionsByArn[arn] = definition }
        }
        var readable: [Target] = []
        var unread: [Target] = []
        var seenStreams = Set<String>()
        for task in ordered(tasks, definitionsByArn) {
            guard let taskArn = task["taskArn"]?.stringValue,
                  let definition = task["taskDefinitionArn"]?.stringValue.flatMap({ definitionsByArn[$0] }) else { continue }
            let taskId = CollectPlanner.lastComponent(taskArn)
            let names = Set(task.strings("containers.*.name"))
            for container in definition.values("containerDefinitions.*") {
                guard let name = container["name"]?.stringValue, names.isEmpty || names.contains(name) else { continue }
                var target = target(taskArn: taskArn, taskId: taskId, containerName: name, container)
                if target.notRead == nil {
                    let key = [target.region ?? "", target.logGroupName ?? "", target.logStreamName ?? ""].joined(separator: "\t")
                    guard seenStreams.insert(key).inserted else { continue }
                    if readable.count >= streamLimit {
                        target.notRead = "collect reads at most \(streamLimit) log streams, newest stopped tasks first"
                    } else {
                        readable.append(target)
                        continue
                    }
                }
                if unread.count < streamLimit { unread.append(target) }
            }
        }
        return readable + unread
    }

    /// Stopped tasks, most recently stopped first, then running tasks that restart containers in place.
    private static func ordered(_ tasks: [JSONValue], _ definitions: [String: JSONValue]) -> [JSONValue] {
        func stopped(_ task: JSONValue) -> Bool {
            task["lastStatus"]?.stringValue == "STOPPED" || task["desiredStatus"]?.stringValue == "STOPPED"
        }
        func restarts(_ task: JSONValue) -> Bool {
            guard let definition = task["taskDefinitionArn"]?.stringValue.flatMap({ definitions[$0] }) else { return false }
            return definition.values("containerDefinitions.*.restartPolicy.enabled").contains(.bool(true))
        }
        let stoppedTasks = tasks.filter(stopped).enumerated().sorted { a, b in
            let (x, y) = (stoppedAt(a.element), stoppedAt(b.element))
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        return stoppedTasks + tasks.filter { !stopped($0) && restarts($0) }
    }

    /// `stoppedAt` as a sortable number: epoch seconds from the SDK, or an ISO 8601 string from the CLI.
    private static func stoppedAt(_ task: JSONValue) -> Double {
        switch task["stoppedAt"] ?? task["stoppingAt"] {
        case let .number(seconds): return seconds
        case let .string(text): return SortableTimestamp.seconds(text) ?? 0
        default: return 0
        }
    }

    private static func target(taskArn: String, taskId: String, containerName: String, _ container: JSONValue) -> Target {
        var target = Target(taskArn: taskArn, containerName: containerName)
        guard let configuration = container["logConfiguration"], let driver = configuration["logDriver"]?.stringValue else {
            target.notRead = "the container has no log configuration: its output was not kept"
            return target
        }
        target.logDriver = driver
        let options = configuration["options"]
        guard driver == "awslogs" else {
            target.destination = destination(of: options)
            target.notRead = "the \(driver) log driver sends the output elsewhere: collect reads only awslogs streams"
            return target
        }
        target.logGroupName = options?["awslogs-group"]?.stringValue
        target.region = options?["awslogs-region"]?.stringValue
        guard target.logGroupName != nil else {
            target.notRead = "the awslogs options name no awslogs-group"
            return target
        }
        guard let prefix = options?["awslogs-stream-prefix"]?.stringValue, !prefix.isEmpty else {
            target.notRead = "without awslogs-stream-prefix the stream is named after the Docker container id, which ECS does not report"
            return target
        }
        target.logStreamName = prefix + "/" + containerName + "/" + taskId
        return target
    }

    /// Where a FireLens, Splunk, Fluentd... configuration sends the output, from its non-secret options.
    private static func destination(of options: JSONValue?) -> String? {
        let keys = ["Name", "region", "log_group_name", "log_stream_prefix", "delivery_stream", "stream", "Host", "index",
                    "splunk-url", "splunk-index", "fluentd-address", "gelf-address", "syslog-address", "tag"]
        let described = keys.compactMap { key in options?[key]?.stringValue.map { key + "=" + $0 } }
        return described.isEmpty ? nil : described.joined(separator: ", ")
    }

    /// The call that reads a target's last lines.
    static func call(_ target: Target, lines: Int, region: String?) -> AWSCall? {
        guard target.notRead == nil, let group = target.logGroupName, let stream = target.logStreamName else { return nil }
        return AWSCall(.logsGetLogEvents, ["logGroupName": .string(group), "logStreamName": .string(stream),
                                           "startFromHead": .boolean(false), "limit": .integer(min(lines, eventLimit))],
                       region: region, subjects: [target.taskArn, target.containerName])
    }
}

/// The few ISO 8601 forms describe-tasks prints through the CLI (`2024-05-01T10:00:00.123000+00:00`).
enum SortableTimestamp {
    /// Sorting only needs a monotone value: the first 14 digits, YYYYMMDDhhmmss, as a number.
    static func seconds(_ text: String) -> Double? {
        let digits = text.filter { $0.isASCII && $0.isNumber }
        return digits.count >= 14 ? Double(digits.prefix(14)) : nil
    }
}
