import ECSTriage
import Foundation

/// Runs a collection: asks the planner for calls, runs each round's calls
/// concurrently (at most `concurrency` at a time), records the outcomes in
/// the order the calls were planned, and repeats until the planner has
/// nothing left. A failed call is recorded, never fatal, except the first
/// (`sts get-caller-identity`): without working credentials nothing can be collected.
public struct Collector: Sendable {
    public let runner: any AWSCommandRunner
    public let concurrency: Int

    public init(runner: any AWSCommandRunner, concurrency: Int = 4) {
        self.runner = runner
        self.concurrency = max(1, concurrency)
    }

    public struct Progress: Sendable {
        public var completed: Int
        /// Calls planned so far; grows as collected resources reveal more.
        public var total: Int
        public var call: AWSCall
    }

    public struct Result: Sendable {
        public var snapshot: JSONValue
        public var records: [CallRecord]
        public var seconds: Double

        public var failures: [CallRecord] { records.filter { $0.outcome.failure != nil } }
        public var isUseful: Bool { SnapshotAssembler.isUseful(snapshot) }
    }

    public enum Failure: Error, Sendable {
        /// `sts get-caller-identity` failed: no credentials, a wrong profile, no network.
        case identity(CallFailure)
    }

    public func collect(_ request: CollectRequest, progress: @escaping @Sendable (Progress) -> Void = { _ in }) throws(Failure) -> Result {
        let start = Date()
        var planner = CollectPlanner(request: request, now: start.timeIntervalSince1970)
        let counter = ProgressCounter(report: progress)
        while true {
            let calls = planner.nextCalls()
            if calls.isEmpty { break }
            counter.plan(calls.count)
            for (call, outcome) in zip(calls, run(calls, counter: counter)) {
                planner.record(call, outcome)
            }
            if let identity = planner.records.first, identity.call.operation == .stsGetCallerIdentity, let failure = identity.outcome.failure {
                throw .identity(failure)
            }
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let snapshot = SnapshotAssembler.snapshot(planner.records, request: request,
                                                  metadata: .init(collectedAt: formatter.string(from: start)),
                                                  metricsLeftOut: request.readsMetrics ? planner.metricsPlan?.leftOut ?? [] : [])
        return Result(snapshot: snapshot, records: planner.records, seconds: Date().timeIntervalSince(start))
    }

    /// The outcomes of `calls`, in their order. Each call blocks on a
    /// process, so workers are threads of their own rather than a shared pool
    /// that might be narrower than `concurrency`.
    private func run(_ calls: [AWSCall], counter: ProgressCounter) -> [CallOutcome] {
        let results = OutcomeSlots(count: calls.count)
        let finished = DispatchGroup()
        let runner = self.runner
        for _ in 0..<min(concurrency, calls.count) {
            finished.enter()
            Thread {
                while let index = results.claim() {
                    // A call refused for what the account put in its values is recorded as failed, whatever the runner.
                    let outcome = calls[index].refusal.map { CallOutcome.failed(CallFailure(message: $0)) } ?? runner.run(calls[index])
                    results.set(index, outcome)
                    counter.completed(calls[index])
                }
                finished.leave()
            }.start()
        }
        finished.wait()
        return results.all()
    }
}

private final class OutcomeSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [CallOutcome?]
    private var claimed = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The next call no worker has taken, if any.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard claimed < slots.count else { return nil }
        claimed += 1
        return claimed - 1
    }

    func set(_ index: Int, _ outcome: CallOutcome) {
        lock.lock()
        slots[index] = outcome
        lock.unlock()
    }

    func all() -> [CallOutcome] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? .failed(CallFailure(message: "not run")) }
    }
}

private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var completedCount = 0
    private var total = 0
    private let report: @Sendable (Collector.Progress) -> Void

    init(report: @escaping @Sendable (Collector.Progress) -> Void) { self.report = report }

    func plan(_ count: Int) {
        lock.lock()
        total += count
        lock.unlock()
    }

    func completed(_ call: AWSCall) {
        lock.lock()
        defer { lock.unlock() }
        completedCount += 1
        report(Collector.Progress(completed: completedCount, total: total, call: call))
    }
}
