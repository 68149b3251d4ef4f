/// The task sizes Fargate accepts (Amazon ECS Developer Guide, "Task CPU and
/// memory", as of 2025), and the unit forms ECS accepts in a task
/// definition: CPU units or vCPUs ("1024", "1 vCPU", ".25 vcpu"), memory in
/// MiB or GB ("2048", "2GB", "2 GB").
enum FargateTaskSize {
    struct Row {
        var cpu: Int
        var memory: [Int]
        /// Windows containers on Fargate run only with 1, 2 or 4 vCPU.
        var windows: Bool
    }

    static let rows: [Row] = [
        Row(cpu: 256, memory: [512, 1024, 2048], windows: false),
        Row(cpu: 512, memory: Array(stride(from: 1024, through: 4096, by: 1024)), windows: false),
        Row(cpu: 1024, memory: Array(stride(from: 2048, through: 8192, by: 1024)), windows: true),
        Row(cpu: 2048, memory: Array(stride(from: 4096, through: 16384, by: 1024)), windows: true),
        Row(cpu: 4096, memory: Array(stride(from: 8192, through: 30720, by: 1024)), windows: true),
        // 8 and 16 vCPU need Linux platform version 1.4.0 or later.
        Row(cpu: 8192, memory: Array(stride(from: 16384, through: 61440, by: 4096)), windows: false),
        Row(cpu: 16384, memory: Array(stride(from: 32768, through: 122880, by: 8192)), windows: false),
    ]

    static func rows(windows: Bool) -> [Row] { rows.filter { !windows || $0.windows } }

    /// CPU units from "1024", "1 vCPU", "0.25 vcpu"; nil when it does not parse to whole units.
    static func cpuUnits(_ text: String) -> Int? {
        let compact = text.lowercased().filter { !$0.isWhitespace }
        if compact.hasSuffix("vcpu"), let vcpus = Double(compact.dropLast(4)) {
            return whole(vcpus * 1024)
        }
        return Int(compact)
    }

    /// MiB from "2048", "2GB", "2 GB", "0.5 GB", "512 MiB"; nil when it does not parse.
    static func memoryMiB(_ text: String) -> Int? {
        let compact = text.lowercased().filter { !$0.isWhitespace }
        for (suffix, factor) in [("gib", 1024.0), ("gb", 1024.0), ("mib", 1.0), ("mb", 1.0)] where compact.hasSuffix(suffix) {
            return Double(compact.dropLast(suffix.count)).flatMap { whole($0 * factor) }
        }
        return Int(compact)
    }

    private static func whole(_ value: Double) -> Int? {
        // `Int(exactly:)`: "1e400 vCPU" is infinity and "1e300 GB" beyond Int, where `Int(_:)` traps.
        value > 0 ? Int(exactly: value) : nil
    }

    static func isValid(cpu: Int, memory: Int, windows: Bool) -> Bool {
        rows(windows: windows).contains { $0.cpu == cpu && $0.memory.contains(memory) }
    }

    /// The smallest valid size with at least `cpu` units and `memory` MiB
    /// (each when known), else the largest size.
    static func suggestion(cpu: Int?, memory: Int?, windows: Bool) -> (cpu: Int, memory: Int) {
        for row in rows(windows: windows) where row.cpu >= (cpu ?? 0) {
            if let fit = row.memory.first(where: { $0 >= (memory ?? 0) }) { return (row.cpu, fit) }
        }
        let last = rows(windows: windows).last!
        return (last.cpu, last.memory.last!)
    }

    /// "1024 (1 vCPU): 2048-8192 MiB in 1024 MiB steps".
    static func describe(_ row: Row) -> String {
        let vcpu = Double(row.cpu) / 1024
        let vcpuText = vcpu == vcpu.rounded() ? String(Int(vcpu)) : String(vcpu)
        let steps = row.memory.count > 3 ? "\(row.memory.first!)-\(row.memory.last!) MiB in \(row.memory[1] - row.memory[0]) MiB steps"
                                         : row.memory.map(String.init).joined(separator: ", ") + " MiB"
        return "\(row.cpu) (\(vcpuText) vCPU): \(steps)"
    }

    static func describe(cpu: Int, windows: Bool) -> String? {
        rows(windows: windows).first { $0.cpu == cpu }.map(describe)
    }
}
