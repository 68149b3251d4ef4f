/// The metrics `collect` asked for that say nothing: a service or target group
/// none of whose series has a datapoint in the window is missing evidence,
/// with the command that shows whether CloudWatch has the metric at all (ECS
/// publishes a service's metrics only while it has running tasks, a load
/// balancer its target metrics only while requests flow:
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html,
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html).
/// Resources left out by collect's cap are said in a warning.
enum MetricGaps {
    static func missingEvidence(_ snapshot: Snapshot) -> [MissingEvidence] {
        var order: [String] = []
        var bySubject: [String: [MetricSeries]] = [:]
        for series in snapshot.metrics where series.notRead == nil {
            let key = MetricSubject.key(of: series)
            if bySubject[key] == nil { order.append(key) }
            bySubject[key, default: []].append(series)
        }
        return order.compactMap { key in
            let all = bySubject[key]!
            guard all.allSatisfy({ $0.points.isEmpty }), let first = all.first else { return nil }
            let subject = first.dimension("TargetGroup").map { "target group \($0)" } ?? "service \(first.dimension("ServiceName") ?? "")"
            let names = all.map(\.metricName).uniqued().joined(separator: ", ")
            let dimensions = first.dimensions.map { "Name=\($0.name),Value=\($0.value)" }.map(ShellWord.quoted).joined(separator: " ")
            return MissingEvidence(why: "CloudWatch returned no datapoint of \(names) for \(subject) in the failure window: "
                                   + "whether the metric exists (ECS publishes it only while tasks run, a load balancer only while requests flow)",
                                   command: "aws cloudwatch list-metrics \(ShellWord.option("--namespace", first.namespace)) --dimensions \(dimensions)")
        }
    }

    static func warnings(_ snapshot: Snapshot) -> [String] {
        snapshot.metrics.compactMap { series in
            series.notRead.map { "the metrics of \(series.resource ?? "a resource") were not read: \($0)" }
        }
    }
}
