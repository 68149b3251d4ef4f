/// What the CloudWatch metrics `collect` read say about a service or target
/// group, as evidence for the findings they support. Metrics never make a
/// finding alone: a healthy series gives nothing.
///
/// The metrics and their meaning:
/// - `AWS/ECS` `CPUUtilization` and `MemoryUtilization` per `ClusterName` and
///   `ServiceName`, percent of the task definition's CPU and memory; `Maximum`
///   is the task using the most
///   (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html,
///   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_utilization.html);
/// - Container Insights `ECS/ContainerInsights` `MemoryUtilized` and
///   `MemoryReserved` (megabytes) per `ClusterName` and `ServiceName`
///   (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html);
/// - `AWS/ApplicationELB` `HTTPCode_Target_5XX_Count` (`Sum`) and
///   `UnHealthyHostCount`, and `AWS/NetworkELB` `UnHealthyHostCount`, per
///   `TargetGroup` and `LoadBalancer`
///   (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html,
///   https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-cloudwatch-metrics.html).
///
/// Each name, dimension and unit was checked in the guides' last public sources:
/// awsdocs/amazon-ecs-developer-guide@49232cf2 doc_source/cloudwatch-metrics.md (MemoryUtilization: ClusterName,
/// ServiceName, percent), awsdocs/amazon-cloudwatch-user-guide@cc40332 doc_source/Container-Insights-metrics-ECS.md
/// (MemoryUtilized, MemoryReserved: ClusterName ServiceName, megabytes, only for tasks with a memory reservation),
/// awsdocs/elb-application-load-balancers-user-guide@01a945e0 and awsdocs/elb-network-load-balancers-user-guide@b5d87736,
/// doc_source/load-balancer-cloudwatch-metrics.md (HTTPCode_Target_5XX_Count: Sum; UnHealthyHostCount: Maximum useful;
/// TargetGroup `targetgroup/<name>/<id>` and LoadBalancer `app/...` or `net/...`, the final portions of the ARNs).
enum MetricEvidence {
    /// Utilisation at or above this percentage is "at the limit".
    static let nearLimitPercent = 95.0
    /// Consecutive datapoints at the limit that make CPU saturation sustained rather than a spike.
    static let sustainedPeriods = 3

    static func subject(_ workload: Workload?) -> MetricSubject? {
        guard let service = workload?.service, let cluster = workload?.clusterArn ?? service.clusterArn else { return nil }
        return .service(cluster: cluster, name: service.serviceName)
    }

    /// The service's memory at or near its limit in the window: `MemoryUtilization`
    /// (Maximum) ≥ 95 %, else Container Insights' `MemoryUtilized` ≥ 95 % of `MemoryReserved` at the same time.
    static func memoryNearLimit(_ workload: Workload?, _ index: SnapshotIndex) -> Evidence? {
        guard let subject = subject(workload) else { return nil }
        let series = index.metrics(of: subject)
        let name = workload?.service?.serviceName ?? ""
        if let utilization = series.first(where: { $0.namespace == "AWS/ECS" && $0.metricName == "MemoryUtilization" && $0.stat == "Maximum" }),
           let peak = utilization.peak, peak.value >= nearLimitPercent {
            return Evidence(peak.location, "\(utilization.name) of service \(name) reached \(number(peak.value)) % at \(peak.time)")
        }
        guard let used = series.first(where: { $0.namespace == "ECS/ContainerInsights" && $0.metricName == "MemoryUtilized" }),
              let reserved = series.first(where: { $0.namespace == "ECS/ContainerInsights" && $0.metricName == "MemoryReserved" }) else { return nil }
        var reservedAt: [Double: Double] = [:]
        for point in reserved.points { reservedAt[point.timestamp] = point.value }
        let ratios = used.points.compactMap { point -> (point: MetricPoint, reserved: Double)? in
            guard let limit = reservedAt[point.timestamp], limit > 0, point.value * 100 / limit >= nearLimitPercent else { return nil }
            return (point, limit)
        }
        guard let worst = ratios.max(by: { $0.point.value / $0.reserved < $1.point.value / $1.reserved }) else { return nil }
        return Evidence(worst.point.location, "\(used.name) of service \(name) reached \(number(worst.point.value)) MB, "
                        + "\(number(worst.point.value * 100 / worst.reserved)) % of MemoryReserved (\(number(worst.reserved)) MB), at \(worst.point.time)")
    }

    /// The service's CPU at or near 100 % for several consecutive periods.
    static func sustainedCPU(_ workload: Workload?, _ index: SnapshotIndex) -> Evidence? {
        guard let subject = subject(workload),
              let cpu = index.metrics(of: subject).first(where: { $0.namespace == "AWS/ECS" && $0.metricName == "CPUUtilization" && $0.stat == "Maximum" })
        else { return nil }
        var best: ArraySlice<MetricPoint> = []
        var run: [MetricPoint] = []
        for point in cpu.points {
            let follows = run.last.map { point.timestamp - $0.timestamp <= Double(max(cpu.period, 60)) } ?? true
            if point.value >= nearLimitPercent && follows {
                run.append(point)
            } else {
                run = point.value >= nearLimitPercent ? [point] : []
            }
            if run.count > best.count { best = ArraySlice(run) }
        }
        guard best.count >= sustainedPeriods, let first = best.first, let last = best.last,
              let peak = best.max(by: { $0.value < $1.value }) else { return nil }
        return Evidence(first.location, "\(cpu.name) of service \(workload?.service?.serviceName ?? "") stayed at or above "
                        + "\(number(nearLimitPercent)) % for \(best.count) consecutive periods, from \(first.time) to \(last.time), "
                        + "peaking at \(number(peak.value)) %")
    }

    /// The target group's 5XX responses and unhealthy hosts in the window, when there were any.
    static func targetGroup(_ arn: String, name: String, _ index: SnapshotIndex) -> [Evidence] {
        var evidence: [Evidence] = []
        for series in index.metrics(of: .targetGroup(arn: arn)) {
            switch series.metricName {
            case "HTTPCode_Target_5XX_Count" where series.stat == "Sum":
                let total = series.points.reduce(0) { $0 + $1.value }
                guard total > 0, let peak = series.peak else { continue }
                evidence.append(Evidence(peak.location, "\(series.name) of target group \(name): \(number(total)) in the window, "
                                         + "the most (\(number(peak.value))) at \(peak.time)"))
            case "UnHealthyHostCount":
                guard let peak = series.peak, peak.value > 0 else { continue }
                evidence.append(Evidence(peak.location, "\(series.name) of target group \(name) reached \(number(peak.value)) at \(peak.time)"))
            default:
                continue
            }
        }
        return evidence
    }

    /// `100`, `97.5`: whole numbers without a fraction, others to one decimal.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
