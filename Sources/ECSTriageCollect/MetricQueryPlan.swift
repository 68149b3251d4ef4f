import ECSTriage

/// The one `cloudwatch get-metric-data` call of a collection, made once the
/// services, clusters, tasks and target groups are known: per service
/// `AWS/ECS` `CPUUtilization` and `MemoryUtilization` (Maximum: the task using
/// the most), plus Container Insights' `MemoryUtilized` and `MemoryReserved`
/// when the cluster has it on; per target group of an Application Load
/// Balancer `HTTPCode_Target_5XX_Count` (Sum) and `UnHealthyHostCount`
/// (Maximum), of a Network Load Balancer `UnHealthyHostCount`. The metric
/// names, dimensions and statistics are those of the AWS pages cited in
/// `MetricEvidence` (ECSTriage/Rules/MetricEvidence.swift).
///
/// Bounded: at most `serviceLimit` services and `targetGroupLimit` target
/// groups (120 queries; GetMetricData takes 500 and 100,800 datapoints per
/// call, botocore's monitoring model, data/cloudwatch/2010-08-01/service-2.json,
/// GetMetricData and MetricDataQueries), over at most a day at a period that
/// keeps each series under 300 datapoints. What is left out is listed.
struct MetricQueryPlan {
    static let serviceLimit = 20
    static let targetGroupLimit = 20
    /// Metrics from before the first failure show what led to it.
    static let margin = 15.0 * 60
    /// The window when nothing dates the failure, and the shortest one.
    static let defaultWindow = 3.0 * 3600
    static let shortestWindow = 3600.0
    static let longestWindow = 24.0 * 3600

    struct Query: Equatable {
        var label: MetricQueryLabel
        /// The service or target group ARN.
        var resource: String
    }

    var start: Int
    var end: Int
    var queries: [Query]
    /// Services and target groups over the caps, with why.
    var leftOut: [(resource: String, reason: String)]

    /// The plan for what was collected; nil when there is nothing to measure.
    static func plan(clusters: [JSONValue], services: [JSONValue], tasks: [JSONValue], targetGroups: [JSONValue], now: Double) -> MetricQueryPlan? {
        let (start, end) = window(services: services, tasks: tasks, now: now)
        let period = end - start > Int(defaultWindow) ? 300 : 60
        var insightsClusters = Set<String>()
        for cluster in clusters {
            let settings = cluster.values("settings.*").filter { $0["name"]?.stringValue == "containerInsights" }
            // `enabled` or `enhanced` (Container Insights with enhanced observability) both publish ECS/ContainerInsights.
            if settings.contains(where: { ["enabled", "enhanced"].contains($0["value"]?.stringValue ?? "") }), let name = cluster["clusterName"]?.stringValue {
                insightsClusters.insert(name)
            }
        }
        var queries: [Query] = []
        var leftOut: [(resource: String, reason: String)] = []
        var seenServices = Set<String>()
        for service in services {
            guard let arn = service["serviceArn"]?.stringValue, let name = service["serviceName"]?.stringValue,
                  let cluster = service["clusterArn"]?.stringValue.map(CollectPlanner.lastComponent), seenServices.insert(arn).inserted else { continue }
            guard seenServices.count <= serviceLimit else {
                leftOut.append((arn, "collect reads the metrics of at most \(serviceLimit) services"))
                continue
            }
            let dimensions = [MetricDimension(name: "ClusterName", value: cluster), MetricDimension(name: "ServiceName", value: name)]
            var metrics = [("AWS/ECS", "CPUUtilization"), ("AWS/ECS", "MemoryUtilization")]
            if insightsClusters.contains(cluster) {
                metrics += [("ECS/ContainerInsights", "MemoryUtilized"), ("ECS/ContainerInsights", "MemoryReserved")]
            }
            for (namespace, metric) in metrics {
                queries.append(Query(label: MetricQueryLabel(namespace: namespace, metricName: metric, stat: "Maximum", period: period, dimensions: dimensions),
                                     resource: arn))
            }
        }
        var seenGroups = Set<String>()
        var measuredGroups = 0
        for group in targetGroups {
            guard let arn = group["TargetGroupArn"]?.stringValue, seenGroups.insert(arn).inserted,
                  // Without a load balancer a target group has no metrics (they are per TargetGroup and LoadBalancer).
                  let loadBalancer = group.strings("LoadBalancerArns.*").first,
                  let marker = loadBalancer.range(of: ":loadbalancer/") else { continue }
            // The LoadBalancer dimension is the ARN's `app/<name>/<id>` or `net/<name>/<id>`.
            let balancer = String(loadBalancer[marker.upperBound...])
            let namespace: String
            var metrics: [(String, String)] = []
            if balancer.hasPrefix("app/") {
                namespace = "AWS/ApplicationELB"
                metrics = [("HTTPCode_Target_5XX_Count", "Sum"), ("UnHealthyHostCount", "Maximum")]
            } else if balancer.hasPrefix("net/") {
                namespace = "AWS/NetworkELB"
                metrics = [("UnHealthyHostCount", "Maximum")]
            } else {
                continue
            }
            measuredGroups += 1
            guard measuredGroups <= targetGroupLimit else {
                leftOut.append((arn, "collect reads the metrics of at most \(targetGroupLimit) target groups"))
                continue
            }
            let dimensions = [MetricDimension(name: "TargetGroup", value: MetricSubject.dimensionValue(targetGroupArn: arn)),
                              MetricDimension(name: "LoadBalancer", value: balancer)]
            for (metric, stat) in metrics {
                queries.append(Query(label: MetricQueryLabel(namespace: namespace, metricName: metric, stat: stat, period: period, dimensions: dimensions),
                                     resource: arn))
            }
        }
        guard !queries.isEmpty || !leftOut.isEmpty else { return nil }
        return MetricQueryPlan(start: start, end: end, queries: queries, leftOut: leftOut)
    }

    /// From the first stopped task or failed deployment, less the margin, to
    /// the collection (at least an hour, at most a day); the last 3 hours when nothing dates the failure.
    static func window(services: [JSONValue], tasks: [JSONValue], now: Double) -> (start: Int, end: Int) {
        let stops = tasks.compactMap { seconds($0["stoppedAt"] ?? $0["stoppingAt"]) }
        let failedDeployments = services.flatMap { $0.values("deployments.*") }
            .filter { $0["rolloutState"]?.stringValue == "FAILED" }
            .compactMap { seconds($0["updatedAt"] ?? $0["createdAt"]) }
        let end = now.rounded(.down)
        let earliest = (stops + failedDeployments).filter { $0 <= end }.min()
        var start = earliest.map { min($0 - margin, end - shortestWindow) } ?? end - defaultWindow
        start = max(start, end - longestWindow)
        return (Int(start), Int(end))
    }

    /// Epoch seconds from the SDK (milliseconds from some outputs), or an ISO 8601 string from the CLI.
    static func seconds(_ value: JSONValue?) -> Double? {
        switch value {
        case let .number(number): return number > 100_000_000_000 ? number / 1000 : number
        case let .string(text): return Timestamp.parse(text)
        default: return nil
        }
    }

    /// The call: query `q<N>` is `queries[N]`, labelled so that its results say
    /// what they measure; the subjects are the queries' resources, in order.
    var call: AWSCall? {
        guard !queries.isEmpty else { return nil }
        let structures = queries.enumerated().map { index, query -> AWSValue in
            let label = query.label
            let metric = AWSValue.structure([
                AWSParameter("Namespace", .string(label.namespace)), AWSParameter("MetricName", .string(label.metricName)),
                AWSParameter("Dimensions", .list(label.dimensions.map { .structure([AWSParameter("Name", .string($0.name)), AWSParameter("Value", .string($0.value))]) })),
            ])
            return .structure([
                AWSParameter("Id", .string("q\(index)")),
                AWSParameter("MetricStat", .structure([AWSParameter("Metric", metric), AWSParameter("Period", .integer(label.period)),
                                                       AWSParameter("Stat", .string(label.stat))])),
                AWSParameter("Label", .string(label.text)),
                AWSParameter("ReturnData", .boolean(true)),
            ])
        }
        // Timestamps as epoch seconds: the JSON protocol's form, and one both CLI versions parse.
        return AWSCall(.cloudwatchGetMetricData, ["MetricDataQueries": .list(structures), "StartTime": .integer(start), "EndTime": .integer(end)],
                       subjects: queries.map(\.resource))
    }

    /// The queries of a call this plan made, by id, read back from its parameters.
    static func queries(of call: AWSCall) -> [String: Query] {
        guard case let .list(items) = call.parameter("MetricDataQueries") else { return [:] }
        var byId: [String: Query] = [:]
        for (index, item) in items.enumerated() {
            guard case let .structure(members) = item, index < call.subjects.count,
                  case let .string(id)? = members.first(where: { $0.name == "Id" })?.value,
                  case let .string(text)? = members.first(where: { $0.name == "Label" })?.value,
                  let label = MetricQueryLabel(parsing: text) else { continue }
            byId[id] = Query(label: label, resource: call.subjects[index])
        }
        return byId
    }
}
