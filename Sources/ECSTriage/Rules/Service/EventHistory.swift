import Foundation

/// What a service's task history says: which stopped tasks failed, how long
/// each lived, and the times as printed. Shared by the rules that read the
/// event history (crash loops, rollbacks, health-check kills, services left
/// without tasks).
enum EventHistory {
    /// The failures observed on each task of the workload (symptoms seen on
    /// the task itself, not unattributed text), in discovery order.
    static func failuresByTask(_ workload: Workload, _ context: AnalysisContext) -> [String: [Symptom]] {
        let taskArns = Set(workload.tasks.map(\.taskArn))
        var byTask: [String: [Symptom]] = [:]
        for symptom in context.symptoms(of: Set(SymptomKind.allCases), on: workload) {
            guard let resource = symptom.resource, taskArns.contains(resource) else { continue }
            byTask[resource, default: []].append(symptom)
        }
        return byTask
    }

    /// The failures observed on the workload's own resources (its service and tasks).
    static func failuresOnResources(_ workload: Workload, _ context: AnalysisContext) -> [Symptom] {
        context.symptoms(of: Set(SymptomKind.allCases), on: workload).filter { symptom in
            symptom.resource.map(workload.resourceIds.contains) ?? false
        }
    }

    /// When the task was launched (created, else started) and when it stopped
    /// (stopped, else began stopping); nil unless both are known and in order.
    static func lifetime(of task: ECSTask) -> (start: Double, stop: Double)? {
        guard let start = task.createdAt ?? task.startedAt, let stop = task.stoppedAt ?? task.stoppingAt, stop >= start else { return nil }
        return (start, stop)
    }

    /// `2026-11-20T10:00:05Z`.
    static func time(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    /// `45 s`, `3 min 20 s`, `2 h 5 min`.
    static func duration(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return seconds % 60 == 0 ? "\(seconds / 60) min" : "\(seconds / 60) min \(seconds % 60) s" }
        return "\(seconds / 3600) h \(seconds % 3600 / 60) min"
    }

    /// `aws ecs list-tasks ... --desired-status STOPPED` for the service.
    static func listStoppedTasks(cluster: String, service: String) -> String {
        "aws ecs list-tasks --cluster \(ShellWord.quoted(cluster)) --service-name \(ShellWord.quoted(service)) --desired-status STOPPED"
    }

    /// describe-tasks of the service's stopped tasks, with what says why each stopped.
    static func describeStoppedTasks(cluster: String, service: String) -> String {
        "aws ecs describe-tasks --cluster \(ShellWord.quoted(cluster)) --tasks $(\(listStoppedTasks(cluster: cluster, service: service)) "
            + "--query 'taskArns' --output text) --query 'tasks[].[taskArn,createdAt,startedAt,stoppedAt,stopCode,stoppedReason,"
            + "containers[].[name,exitCode,reason,healthStatus]]'"
    }
}
