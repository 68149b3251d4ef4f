/// One CloudWatch metric over the failure window (extension key `metrics`,
/// which `collect` writes from its one `cloudwatch get-metric-data` call),
/// or, with `notRead`, a service or target group whose metrics were not asked for.
public struct MetricSeries: Sendable {
    public var location: String
    public var namespace: String
    public var metricName: String
    public var dimensions: [MetricDimension]
    /// `Maximum`, `Sum`...
    public var stat: String
    /// Seconds per datapoint.
    public var period: Int
    /// The service or target group ARN the metric describes, when known.
    public var resource: String?
    /// `Complete`, `PartialData`...
    public var statusCode: String?
    /// Oldest first, whatever order the API gave them in (`ScanBy` defaults to newest first).
    public var points: [MetricPoint]
    public var notRead: String?

    init(_ node: JSONNode) throws {
        location = node.location
        namespace = try node.string("namespace") ?? ""
        metricName = try node.string("metricName") ?? ""
        dimensions = try node.decodeArray("dimensions", MetricDimension.init)
        stat = try node.string("stat") ?? ""
        period = try node.int("period") ?? 0
        resource = try node.string("resource")
        statusCode = try node.string("statusCode")
        notRead = try node.string("notRead")
        points = try Self.points(node, timestamps: "timestamps", values: "values")
    }

    /// One `MetricDataResults` item of a raw `get-metric-data` output: only its
    /// label says what it measures, so only a label `collect` wrote is read.
    init?(result node: JSONNode) throws {
        guard let label = try node.string("Label").flatMap(MetricQueryLabel.init(parsing:)) else { return nil }
        location = node.location
        namespace = label.namespace
        metricName = label.metricName
        dimensions = label.dimensions
        stat = label.stat
        period = label.period
        resource = nil
        statusCode = try node.string("StatusCode")
        notRead = nil
        points = try Self.points(node, timestamps: "Timestamps", values: "Values")
    }

    private static func points(_ node: JSONNode, timestamps: String, values: String) throws -> [MetricPoint] {
        let times = try node.array(timestamps) ?? []
        let numbers = try node.array(values) ?? []
        var points: [MetricPoint] = []
        for (time, value) in zip(times, numbers) {
            guard case let .number(number) = value.value else {
                throw InputError.wrongType(location: value.location, expected: "a number", found: value.value.typeDescription)
            }
            let seconds: Double
            switch time.value {
            case let .number(epoch): seconds = epoch
            case let .string(text):
                guard let parsed = Timestamp.parse(text) else {
                    throw InputError.wrongType(location: time.location, expected: "an ISO 8601 timestamp", found: "\"\(text.prefix(40))\"")
                }
                seconds = parsed
            default:
                throw InputError.wrongType(location: time.location, expected: "a timestamp", found: time.value.typeDescription)
            }
            points.append(MetricPoint(location: value.location, timestamp: seconds, value: number))
        }
        return points.sorted { $0.timestamp < $1.timestamp }
    }

    public func dimension(_ name: String) -> String? {
        dimensions.first { $0.name == name }?.value
    }

    /// The highest datapoint, the earliest of equal ones.
    public var peak: MetricPoint? {
        points.reduce(nil) { best, point in best.map { point.value > $0.value ? point : $0 } ?? point }
    }

    /// `AWS/ECS MemoryUtilization (Maximum per 60 s)`: how evidence names the metric.
    public var name: String { "\(namespace) \(metricName) (\(stat) per \(period) s)" }
}

public struct MetricDimension: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    init(_ node: JSONNode) throws {
        name = try node.string("Name") ?? ""
        value = try node.string("Value") ?? ""
    }
}

public struct MetricPoint: Sendable, Equatable {
    /// Pointer to the value.
    public var location: String
    /// Seconds since the epoch.
    public var timestamp: Double
    public var value: Double

    /// `2026-12-03T17:20:00Z`.
    public var time: String { Timestamp.iso(timestamp) }
}

/// The label `collect` gives each metric query, which CloudWatch returns with
/// its results: `ecs-triage <namespace> <metric> <stat> <period> <Name>=<value>...`.
/// It lets a raw `get-metric-data` output (whose ids carry nothing) be read
/// when the query was the one ecs-triage printed or made. Dimension values of
/// the metrics asked for (cluster, service and target group names, ARN
/// suffixes) hold no blank.
public struct MetricQueryLabel: Sendable, Equatable {
    public var namespace: String
    public var metricName: String
    public var stat: String
    public var period: Int
    public var dimensions: [MetricDimension]

    static let marker = "ecs-triage"

    public init(namespace: String, metricName: String, stat: String, period: Int, dimensions: [MetricDimension]) {
        self.namespace = namespace
        self.metricName = metricName
        self.stat = stat
        self.period = period
        self.dimensions = dimensions
    }

    public init?(parsing text: String) {
        let words = text.split(separator: " ").map(String.init)
        guard words.count >= 5, words[0] == Self.marker, let period = Int(words[4]), period > 0 else { return nil }
        var dimensions: [MetricDimension] = []
        for word in words.dropFirst(5) {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return nil }
            dimensions.append(MetricDimension(name: String(word[..<equals]), value: String(word[word.index(after: equals)...])))
        }
        self.init(namespace: words[1], metricName: words[2], stat: words[3], period: period, dimensions: dimensions)
    }

    public var text: String {
        ([Self.marker, namespace, metricName, stat, String(period)] + dimensions.map { $0.name + "=" + $0.value }).joined(separator: " ")
    }
}
