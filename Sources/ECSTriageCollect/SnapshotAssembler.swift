import ECSTriage

/// Merges the outputs of a collection into one snapshot: the merged form of
/// snapshot-format.md (the CLI outputs' own keys, arrays concatenated), plus
/// the extension keys. A key is present when a call for it answered, even
/// with nothing (no endpoints is evidence); absent when no call answered.
public enum SnapshotAssembler {
    public static let snapshotVersion = 1

    public struct Metadata: Sendable {
        public var collectedAt: String
        public var toolVersion: String

        public init(collectedAt: String, toolVersion: String = ToolInfo.version) {
            self.collectedAt = collectedAt
            self.toolVersion = toolVersion
        }
    }

    /// `metricsLeftOut`: the services and target groups over the metrics call's caps, with why.
    public static func snapshot(_ records: [CallRecord], request: CollectRequest, metadata: Metadata,
                                metricsLeftOut: [(resource: String, reason: String)] = []) -> JSONValue {
        var builder = Builder()
        for record in records {
            if let output = record.outcome.output {
                builder.add(output, of: record.call)
            } else if let failure = record.outcome.failure, failure.isNotFound, record.call.operation.notFoundIsAnAnswer {
                // The resource does not exist: the section is known, without it.
                builder.ensure(record.call.operation.keys)
            }
        }
        builder.addRoles(records)
        builder.addUnreadLogs(records, lines: request.logLines)
        if !metricsLeftOut.isEmpty {
            builder.append("metrics", metricsLeftOut.map { .object([("resource", .string($0.resource)), ("notRead", .string($0.reason))]) })
        }

        var members: [(key: String, value: JSONValue)] = [
            ("snapshotVersion", .number(Double(snapshotVersion))),
            ("collectedAt", .string(metadata.collectedAt)),
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(metadata.toolVersion))])),
        ]
        if let region = request.region ?? builder.inferredRegion { members.append(("region", .string(region))) }
        if let account = builder.accountId { members.append(("accountId", .string(account))) }
        for key in builder.order {
            if let items = builder.arrays[key] {
                members.append((key, .array(items)))
            } else if let map = builder.maps[key] {
                members.append((key, .object(map)))
            }
        }
        let errors = records.compactMap { record -> JSONValue? in
            guard let failure = record.outcome.failure else { return nil }
            let answered = failure.isNotFound && record.call.operation.notFoundIsAnAnswer
            return .object([
                ("operation", .string(record.call.operation.rawValue)),
                ("arguments", .array(record.call.recordedArguments.map(JSONValue.string))),
                ("error", .string(failure.message)),
                ("lacks", .array(answered ? [] : record.call.operation.keys.map(JSONValue.string))),
            ])
        }
        if !errors.isEmpty { members.append(("collectErrors", .array(errors))) }
        return .object(members)
    }

    /// Whether the snapshot holds anything to analyse: a service, a task or a task definition.
    public static func isUseful(_ snapshot: JSONValue) -> Bool {
        ["services", "tasks", "taskDefinitions"].contains { !(snapshot[$0]?.arrayValue ?? []).isEmpty }
    }

    private struct Builder {
        var order: [String] = []
        var arrays: [String: [JSONValue]] = [:]
        var maps: [String: [(key: String, value: JSONValue)]] = [:]
        var accountId: String?
        var inferredRegion: String?

        mutating func ensure(_ keys: [String]) {
            for key in keys where arrays[key] == nil && maps[key] == nil {
                order.append(key)
                if ["TargetHealth", "TargetGroupAttributes"].contains(key) { maps[key] = [] } else { arrays[key] = [] }
            }
        }

        mutating func append(_ key: String, _ items: [JSONValue]) {
            ensure([key])
            for item in items where !arrays[key]!.contains(item) { arrays[key]!.append(item) }
        }

        mutating func add(_ output: JSONValue, of call: AWSCall) {
            let operation = call.operation
            switch operation {
            case .stsGetCallerIdentity:
                accountId = output["Account"]?.stringValue
                return
            case .ecsListServices, .ecsListTasks, .ecsListContainerInstances,
                 .iamGetRole, .iamListRolePolicies, .iamGetRolePolicy, .iamListAttachedRolePolicies, .iamGetPolicy, .iamGetPolicyVersion:
                // Intermediate answers: roles are assembled by addRoles.
                return
            case .ecsDescribeTaskDefinition:
                append("taskDefinitions", output["taskDefinition"].map { [$0] } ?? [])
            case .ec2DescribeVpcAttribute:
                addVpcAttribute(output)
            case .elbv2DescribeTargetHealth:
                setMapEntry("TargetHealth", call.subjects[0], output["TargetHealthDescriptions"] ?? .array([]))
            case .elbv2DescribeTargetGroupAttributes:
                setMapEntry("TargetGroupAttributes", call.subjects[0], output["Attributes"] ?? .array([]))
            case .secretsManagerDescribeSecret:
                append("SecretList", [output])
            case .logsGetLogEvents:
                addLogEvents(output, of: call)
            case .cloudwatchGetMetricData:
                addMetrics(output, of: call)
            case .ssmDescribeParameters:
                let parameters = output["Parameters"]?.arrayValue ?? []
                append("Parameters", parameters)
                let found = Set(parameters.compactMap { $0["Name"]?.stringValue })
                append("InvalidParameters", call.subjects.filter { !found.contains($0) }.map(JSONValue.string))
            default:
                for key in operation.keys {
                    append(key, output[key]?.arrayValue ?? [])
                }
            }
            if let failures = output["failures"]?.arrayValue, !failures.isEmpty { append("failures", failures) }
            if inferredRegion == nil, operation == .ecsDescribeClusters {
                inferredRegion = output.strings("clusters.*.clusterArn").first.flatMap(ARN.region)
            }
        }

        /// One `containerLogs` entry per stream read: the task and container
        /// (the call's subjects), the stream, and its events oldest first, as GetLogEvents returns them.
        mutating func addLogEvents(_ output: JSONValue, of call: AWSCall) {
            let events = (output["events"]?.arrayValue ?? []).map { event -> JSONValue in
                .object([("timestamp", event["timestamp"] ?? .null), ("message", event["message"] ?? .string(""))])
            }
            var entry: [(key: String, value: JSONValue)] = [
                ("taskArn", .string(call.subjects[0])), ("containerName", .string(call.subjects[1])), ("logDriver", .string("awslogs")),
            ]
            for name in ["logGroupName", "logStreamName"] {
                if let value = call.strings(name).first { entry.append((name, .string(value))) }
            }
            if let region = call.region { entry.append(("region", .string(region))) }
            entry.append(("events", .array(events)))
            append("containerLogs", [.object(entry)])
        }

        /// One `metrics` entry per result, with what its query measured (the
        /// call's own queries, by id) and the resource it belongs to.
        mutating func addMetrics(_ output: JSONValue, of call: AWSCall) {
            let queries = MetricQueryPlan.queries(of: call)
            let entries = (output["MetricDataResults"]?.arrayValue ?? []).compactMap { result -> JSONValue? in
                guard let id = result["Id"]?.stringValue, let query = queries[id] else { return nil }
                let label = query.label
                var entry: [(key: String, value: JSONValue)] = [
                    ("resource", .string(query.resource)), ("namespace", .string(label.namespace)), ("metricName", .string(label.metricName)),
                    ("dimensions", .array(label.dimensions.map { .object([("Name", .string($0.name)), ("Value", .string($0.value))]) })),
                    ("stat", .string(label.stat)), ("period", .number(Double(label.period))),
                ]
                if let status = result["StatusCode"] { entry.append(("statusCode", status)) }
                entry.append(("timestamps", result["Timestamps"] ?? .array([])))
                entry.append(("values", result["Values"] ?? .array([])))
                return .object(entry)
            }
            append("metrics", entries)
        }

        /// The containers whose logs were not read (no stream prefix, another
        /// driver, over the cap), with why and where the logs went.
        mutating func addUnreadLogs(_ records: [CallRecord], lines: Int) {
            let tasks = records.filter { $0.call.operation == .ecsDescribeTasks }.flatMap { $0.outcome.output?.values("tasks.*") ?? [] }
            let definitions = records.filter { $0.call.operation == .ecsDescribeTaskDefinition }.compactMap { $0.outcome.output?["taskDefinition"] }
            // A stream read or whose call failed (collectErrors has the error) has no such entry.
            for target in ContainerLogPlan.targets(tasks: tasks, definitions: definitions, lines: lines) {
                guard let reason = target.notRead else { continue }
                var entry: [(key: String, value: JSONValue)] = [("taskArn", .string(target.taskArn)), ("containerName", .string(target.containerName))]
                let optional: [(String, String?)] = [("logDriver", target.logDriver), ("logGroupName", target.logGroupName),
                                                     ("logStreamName", target.logStreamName), ("region", target.region),
                                                     ("destination", target.destination)]
                for (key, value) in optional {
                    if let value { entry.append((key, .string(value))) }
                }
                entry.append(("notRead", .string(reason)))
                append("containerLogs", [.object(entry)])
            }
        }

        mutating func setMapEntry(_ key: String, _ entry: String, _ value: JSONValue) {
            ensure([key])
            maps[key]!.removeAll { $0.key == entry }
            maps[key]!.append((entry, value))
        }

        /// describe-vpc-attribute answers one attribute per call: merged per VPC.
        mutating func addVpcAttribute(_ output: JSONValue) {
            ensure(["VpcAttributes"])
            guard let vpc = output["VpcId"]?.stringValue else { return }
            let attributes = (output.objectMembers ?? []).filter { $0.key != "VpcId" }
            if let index = arrays["VpcAttributes"]!.firstIndex(where: { $0["VpcId"]?.stringValue == vpc }),
               case let .object(existing) = arrays["VpcAttributes"]![index] {
                arrays["VpcAttributes"]![index] = .object(existing + attributes)
            } else {
                arrays["VpcAttributes"]!.append(.object([("VpcId", .string(vpc))] + attributes))
            }
        }

        /// get-role, list-role-policies, get-role-policy and
        /// list-attached-role-policies become one `RoleDetailList` entry
        /// (the get-account-authorization-details shape) when all answered;
        /// a role whose policies could not all be read goes under `Role`
        /// (trust policy only), so that no rule takes a missing policy for
        /// an absent permission. Customer managed policies become `Policies`
        /// entries with their default version.
        mutating func addRoles(_ records: [CallRecord]) {
            func outcome(_ operation: AWSOperation, _ subjects: [String]) -> CallOutcome? {
                records.first { $0.call.operation == operation && $0.call.subjects == subjects }?.outcome
            }
            for record in records where record.call.operation == .iamGetRole {
                guard let role = record.outcome.output?["Role"], case let .object(fields) = role else { continue }
                let name = record.call.subjects[0]
                let inlineNames = outcome(.iamListRolePolicies, [name])?.output?.strings("PolicyNames.*")
                let inline = inlineNames?.map { outcome(.iamGetRolePolicy, [name, $0])?.output }
                let attached = outcome(.iamListAttachedRolePolicies, [name])?.output?["AttachedPolicies"]
                if let inline, inline.allSatisfy({ $0 != nil }), let attached {
                    let policies = inline.compactMap { $0 }.map { output -> JSONValue in
                        .object([("PolicyName", output["PolicyName"] ?? .null), ("PolicyDocument", output["PolicyDocument"] ?? .null)])
                    }
                    append("RoleDetailList", [.object(fields + [("RolePolicyList", .array(policies)), ("AttachedManagedPolicies", attached)])])
                } else {
                    append("Role", [role])
                }
            }
            for record in records where record.call.operation == .iamGetPolicy {
                guard let policy = record.outcome.output?["Policy"], case let .object(fields) = policy,
                      let arn = policy["Arn"]?.stringValue,
                      let version = records.first(where: { $0.call.operation == .iamGetPolicyVersion && $0.call.subjects == [arn] })?
                          .outcome.output?["PolicyVersion"] else { continue }
                append("Policies", [.object(fields + [("PolicyVersionList", .array([version]))])])
            }
        }
    }
}
