/// Finds every observed failure in a snapshot: task stopped reasons and
/// container reasons, service events and deployment reasons, unhealthy
/// targets, EventBridge events and plain text, in that order. Repeats of the
/// same failure on the same resource are kept once (the first seen; ECS
/// lists service events newest first).
public enum SymptomExtractor {
    public static func extract(from snapshot: Snapshot) -> [Symptom] {
        var collector = Collector()
        var definitions: [String: TaskDefinition] = [:]
        for definition in snapshot.taskDefinitions { definitions[definition.taskDefinitionArn] = definition }
        for task in snapshot.tasks {
            let exited = stoppingContainer(of: task, definition: task.taskDefinitionArn.flatMap { definitions[$0] })
            // A task run on its own whose containers all exited 0 finished its work: "Essential
            // container in task exited" is then how every batch job ends, not a failure.
            let codes = task.containers.compactMap(\.exitCode)
            let finishedCleanly = task.serviceName == nil && !codes.isEmpty && codes.allSatisfy { $0 == 0 }
            if let reason = task.stoppedReason {
                collector.add(reason, resource: task.taskArn, location: task.location + "/stoppedReason",
                              dropping: finishedCleanly ? [.containerExited] : []) { facts in
                    facts.containerName = facts.containerName ?? exited?.name
                    facts.exitCode = facts.exitCode ?? exited?.exitCode
                }
            }
            if let stopCode = task.stopCode, ["spotinterruption", "terminationnotice"].contains(stopCode.lowercased()) {
                collector.append(kind: .spotInterruption, message: task.stoppedReason ?? stopCode, resource: task.taskArn,
                                 location: task.location + "/stopCode", facts: SymptomFacts())
            }
            for container in task.containers {
                if let reason = container.reason {
                    collector.add(reason, resource: task.taskArn, location: container.location + "/reason") { facts in
                        facts.containerName = container.name
                        facts.exitCode = container.exitCode
                    }
                }
            }
        }
        for service in snapshot.services {
            // Events come newest first. A failure no pattern knows that is older than the
            // last steady state was resolved since; the known ones stay, as their rules weigh them.
            var beforeSteadyState = false
            for event in service.events {
                collector.add(event.message, resource: service.serviceArn, location: event.location + "/message",
                              dropping: beforeSteadyState ? [.unrecognizedFailure] : [])
                if !beforeSteadyState, MessageClassifier.normalize(event.message).containsBytes(of: "has reached a steady state") {
                    beforeSteadyState = true
                }
            }
            for deployment in service.deployments {
                if let reason = deployment.rolloutStateReason {
                    collector.add(reason, resource: service.serviceArn, location: deployment.location + "/rolloutStateReason")
                }
            }
        }
        for health in snapshot.targetHealth {
            let text = [health.reason, health.description].compactMap { $0 }.joined(separator: ": ")
            guard health.isUnhealthy || health.isNotInUse else {
                // Other states with a reason: routine (initial, draining, unused while not registered) or a failure (Target.IpUnusable).
                if health.reason != nil {
                    collector.add(text, resource: health.targetGroupArn, location: health.location + "/TargetHealth") { facts in
                        facts.targetGroupArn = health.targetGroupArn
                        facts.healthReason = health.reason
                    }
                }
                continue
            }
            let kind: SymptomKind = health.isNotInUse ? .targetNotInUse : .targetUnhealthy
            let normalized = MessageClassifier.normalize(text)
            var facts = MessageClassifier.facts(of: text, normalized: normalized, kind: kind)
            facts.healthReason = health.reason ?? facts.healthReason
            facts.targetGroupArn = health.targetGroupArn
            facts.port = health.targetPort
            collector.append(kind: kind, message: text.isEmpty ? "unhealthy" : text,
                             resource: health.targetGroupArn, location: health.location + "/TargetHealth", facts: facts)
        }
        for event in snapshot.events {
            if let reason = event.reason {
                collector.add(reason, resource: event.resources.first, location: event.location + "/reason")
            } else if let name = event.eventName, ["WARN", "ERROR"].contains(event.eventType?.uppercased()) {
                // SERVICE_TASK_START_IMPAIRED and other warnings carry no reason: the event name is the message.
                collector.add(name, resource: event.resources.first, location: event.location + "/eventName")
            }
        }
        for log in snapshot.containerLogs {
            // The container's last lines, read by the same signatures as a pasted log; the crash is the task's.
            let lines = log.events.flatMap { event in CrashSignatures.lines(of: event.message).map { (line: $0, event: event) } }
            guard let crash = CrashSignatures.lastWords(lines: lines.map(\.line)) else { continue }
            collector.add(crash, resource: log.taskArn, location: lines[crash.lineNumber - 1].event.location + "/message") { facts in
                facts.containerName = log.containerName
            }
        }
        for text in snapshot.texts {
            // A pasted log: its last words name the crash, and the traceback lines around them add nothing.
            let crash = CrashSignatures.lastWords(lines: CrashSignatures.lines(of: text.text))
            if let crash { collector.add(crash, resource: nil, location: "\(text.origin.prefix)line \(crash.lineNumber)") }
            let lines = logicalLines(text.text)
            // The logical line holding the crash line is read once, by its signature: generic patterns
            // ("connection refused" as an AWS endpoint) would misread the application's words.
            let crashLine = crash.flatMap { crash in lines.last { $0.number <= crash.lineNumber }?.number }
            for line in lines where line.number != crashLine {
                collector.add(line.text, resource: nil, location: "\(text.origin.prefix)line \(line.number)",
                              dropping: crash == nil ? [] : [.unrecognizedFailure])
            }
        }
        return collector.finished()
    }

    private struct Collector {
        var symptoms: [Symptom] = []

        /// The symptoms, without the lines only a failure word flagged where a failure was recognised
        /// on the same resource (or in the same pasted text): prose and log lines around a known
        /// failure ("customers see failures", "ERROR ... failed") add nothing to its answer.
        func finished() -> [Symptom] {
            let answered = Set(symptoms.filter { $0.kind != .unrecognizedFailure }.map { $0.resource ?? "" })
            var kept = symptoms.filter { symptom in
                symptom.kind != .unrecognizedFailure || !answered.contains(symptom.resource ?? "") || symptom.facts.isStrongFailureSignal
            }
            for index in kept.indices { kept[index].id = "S\(index + 1)" }
            return kept
        }
        var seen = Set<String>()
        /// What each distinct message says, worked out once: thousands of
        /// tasks and service events of one snapshot repeat the same text.
        var classified: [String: Classified?] = [:]

        struct Classified {
            var kind: SymptomKind
            var trimmed: String
            var facts: SymptomFacts
            var shape: String
        }

        mutating func classify(_ message: String) -> Classified? {
            if let known = classified[message] { return known }
            var result: Classified?
            let bytes = MessageClassifier.normalizedBytes(message)
            let normalized = String(decoding: bytes, as: UTF8.self)
            func make(_ kind: SymptomKind, _ adjust: (inout SymptomFacts) -> Void) -> Classified {
                var facts = MessageClassifier.facts(of: message, normalized: normalized, kind: kind)
                adjust(&facts)
                return Classified(kind: kind, trimmed: message.trimmingCharacters(in: .whitespacesAndNewlines),
                                  facts: facts, shape: SymptomExtractor.shape(of: normalized))
            }
            switch MessageClassifier.classify(bytes: bytes, message: message) {
            case let .pattern(pattern, truncated):
                result = make(pattern.kind) { facts in
                    facts.truncated = truncated || pattern.reasonCutOff
                    if pattern.kind == .unrecognizedFailure {
                        facts.knownFailure = pattern.name
                        facts.failureSignal = FailureSignal.detect(in: message, normalized: bytes)
                    }
                }
            case let .unrecognized(signal):
                result = make(.unrecognizedFailure) { $0.failureSignal = signal }
            case .routine, .none:
                result = nil
            }
            classified[message] = .some(result)
            return result
        }

        /// Adds the failure `message` states, if any and not of a kind in `dropping`.
        mutating func add(_ message: String, resource: String?, location: String, dropping: Set<SymptomKind> = [],
                          refine: (inout SymptomFacts) -> Void = { _ in }) {
            guard let found = classify(message), !dropping.contains(found.kind) else { return }
            var facts = found.facts
            refine(&facts)
            append(kind: found.kind, message: found.trimmed, resource: resource, location: location, facts: facts, shape: found.shape)
        }

        /// A log line a crash signature recognised, as the symptom its signature stands for.
        mutating func add(_ crash: CrashMatch, resource: String?, location: String, refine: (inout SymptomFacts) -> Void = { _ in }) {
            let kind = crash.signature.symptomKind
            var facts = MessageClassifier.facts(of: crash.line, normalized: MessageClassifier.normalize(crash.line), kind: kind)
            facts.crashSignature = crash.signatureId
            facts.logLineNumber = crash.lineNumber
            facts.logLineCount = crash.lineCount
            refine(&facts)
            append(kind: kind, message: crash.line.trimmingCharacters(in: .whitespaces), resource: resource, location: location, facts: facts)
        }

        mutating func append(kind: SymptomKind, message: String, resource: String?, location: String,
                             facts: SymptomFacts, shape: String? = nil) {
            let key = kind.rawValue + "|" + (resource ?? "") + "|" + (shape ?? SymptomExtractor.shape(of: MessageClassifier.normalize(message)))
            guard seen.insert(key).inserted else { return }
            symptoms.append(Symptom(id: "S\(symptoms.count + 1)", kind: kind, resource: resource,
                                    location: location, message: message, facts: facts))
        }
    }

    /// The container whose exit stopped the task. When an essential container
    /// exits, the task's desired status becomes STOPPED (aws/amazon-ecs-agent@8dfceca6,
    /// agent/api/task/task.go, "task desired status must be stopped if any
    /// essential container is stopped") and the agent stops the others: SIGTERM,
    /// then SIGKILL after their stopTimeout, so they end with 143 or 137
    /// (ContainerDefinition.stopTimeout in botocore's ECS model, data/ecs/2014-11-13/service-2.json).
    /// So among the essential containers (every container when the definition
    /// is not in the snapshot): one that ended with a reason (OutOfMemoryError),
    /// else one with an exit code that is not such a stop, non-zero first (a
    /// one-shot container that exits 0 while essential takes the task down
    /// too), else the first stopped by signal.
    static func stoppingContainer(of task: ECSTask, definition: TaskDefinition?) -> ContainerState? {
        let essential = definition.map { Set($0.containerDefinitions.filter(\.essential).map(\.name)) }
        let exited = task.containers.filter { $0.exitCode != nil }
        let candidates = essential.map { names in exited.filter { $0.name.map(names.contains) ?? true } } ?? exited
        let stoppedWithTheTask: Set<Int> = [137, 143]
        return candidates.first { $0.reason != nil }
            ?? candidates.first { $0.exitCode != 0 && !stoppedWithTheTask.contains($0.exitCode ?? 0) }
            ?? candidates.first { $0.exitCode == 0 }
            ?? candidates.first
            ?? exited.first { ($0.exitCode ?? 0) != 0 } ?? exited.first
    }

    /// The message with ids, addresses and counts blanked, so the same failure
    /// on another task or at another time counts once.
    static func shape(of normalized: String) -> String {
        var result = ""
        var run = ""
        func flush() {
            let isId = run.count >= 6 && run.contains(where: \.isNumber) || run.allSatisfy(\.isNumber) && !run.isEmpty
            result += isId ? "#" : run
            run = ""
        }
        for character in normalized {
            if character.isLetter || character.isNumber {
                run.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    /// Lines of pasted text, with continuation lines (indented, or starting
    /// with `caused by:`, as the AWS SDK wraps errors) joined to the line they
    /// continue. Numbers are 1-based.
    static func logicalLines(_ text: String) -> [(number: Int, text: String)] {
        var result: [(number: Int, text: String)] = []
        let bytes = Array(text.utf8)
        var number = 0
        var lineStart = 0
        bytes.withUnsafeBufferPointer { buffer in
            while lineStart <= buffer.count {
                var lineEnd = lineStart
                while lineEnd < buffer.count, buffer[lineEnd] != 0x0A { lineEnd += 1 }
                number += 1
                var first = lineStart
                var last = lineEnd
                while first < last, buffer[first] == 0x20 || buffer[first] == 0x09 { first += 1 }
                while last > first, buffer[last - 1] == 0x20 || buffer[last - 1] == 0x09 || buffer[last - 1] == 0x0D { last -= 1 }
                if first < last {
                    let indented = first > lineStart
                    let line = String(decoding: UnsafeBufferPointer(rebasing: buffer[first..<last]), as: UTF8.self)
                    let continues = indented || (last - first >= 9 && line.prefix(9).lowercased() == "caused by")
                    if continues, !result.isEmpty {
                        result[result.count - 1].text += " " + line
                    } else {
                        result.append((number, line))
                    }
                }
                lineStart = lineEnd + 1
            }
        }
        return result
    }
}

import Foundation
