import Dispatch

/// Independent pieces of the analysis (rules, workloads' network paths) run
/// on every core: whole-account snapshots spend most of their time there.
/// Results come back in index order, so output never depends on scheduling.
enum Parallel {
    /// Below this many items the work runs on the calling thread: starting
    /// worker threads costs more than a small snapshot's whole analysis.
    static let minimumCount = 64

    static func map<Result>(_ count: Int, minimumCount: Int = Parallel.minimumCount,
                            _ transform: (Int) -> Result) -> [Result] {
        guard count >= minimumCount else { return (0..<count).map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            [Result](unsafeUninitializedCapacity: count) { buffer, initializedCount in
                // Each index is written by exactly one iteration and read only
                // after `concurrentPerform` returns: no two threads share a slot.
                nonisolated(unsafe) let slots = buffer.baseAddress!
                nonisolated(unsafe) let work = transform
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    (slots + index).initialize(to: work(index))
                }
                initializedCount = count
            }
        }
    }
}
