import Foundation
import Testing
@testable import ECSTriage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hostile-input corpus: every input either analyses correctly (when it
/// is in fact valid) or fails with an input error (exit 65) whose message
/// starts with the file name and names the place (line:column or JSON
/// pointer). None may crash, hang or exhaust memory.
struct HostileInputTests {
    enum Outcome {
        case analysed(Snapshot, Report)
        case rejected(InputError)
    }

    /// Loads and analyses through the library, rendering the report as the
    /// CLI would; anything but an `InputError` is a test failure.
    static func outcome(_ files: [(name: String, bytes: [UInt8])]) throws -> Outcome {
        do {
            let snapshot = try SnapshotLoader.load(files.map { InputFile(name: $0.name, bytes: $0.bytes) })
            let report = Analyzer.analyze(snapshot)
            _ = JSONReporter.renderBytes(report)
            return .analysed(snapshot, report)
        } catch let error as InputError {
            return .rejected(error)
        }
    }

    static func outcome(_ bytes: [UInt8], name: String = "hostile.json") throws -> Outcome {
        try outcome([(name, bytes)])
    }

    static func outcome(_ text: String, name: String = "hostile.json") throws -> Outcome {
        try outcome(Array(text.utf8), name: name)
    }

    static func syntaxError(_ outcome: Outcome, sourceLocation: SourceLocation = #_sourceLocation) -> (file: String, line: Int, column: Int, message: String)? {
        guard case let .rejected(.syntax(file, line, column, message)) = outcome else {
            Issue.record("expected a JSON syntax error, got \(outcome)", sourceLocation: sourceLocation)
            return nil
        }
        return (file, line, column, message)
    }

    static func report(_ outcome: Outcome, sourceLocation: SourceLocation = #_sourceLocation) -> (Snapshot, Report)? {
        guard case let .analysed(snapshot, report) = outcome else {
            Issue.record("expected an analysis, got \(outcome)", sourceLocation: sourceLocation)
            return nil
        }
        return (snapshot, report)
    }

    static func utf16(_ text: String, littleEndian: Bool, byteOrderMark: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for unit in (byteOrderMark ? [0xFEFF] : []) + Array(text.utf16) {
            let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
            bytes += littleEndian ? [low, high] : [high, low]
        }
        return bytes
    }

    static let samplePath = "samples/private-subnet-no-nat-no-endpoints.json"
    static let sample: [UInt8] = (try? [UInt8](Data(contentsOf: TestSupport.packageRoot.appendingPathComponent(samplePath)))) ?? []

    // MARK: 1. Empty input

    @Test func emptyAndWhitespaceOnlyInputs() throws {
        for input in ["", " ", "\n\n", " \t\r\n ", "\u{FEFF}", "\u{FEFF}  \n"] {
            guard case let .rejected(error) = try Self.outcome(input, name: "blank.json") else {
                Issue.record("\(input.debugDescription) was not rejected")
                continue
            }
            #expect(error == .empty(file: "blank.json"))
            #expect(error.message.hasPrefix("blank.json: the input is empty"))
        }
        // UTF-16 whitespace is still only whitespace.
        #expect(try Self.outcome(Self.utf16(" \n", littleEndian: true, byteOrderMark: true), name: "w.json").isRejected(.empty(file: "w.json")))
    }

    // MARK: 2. Truncation at every structural position

    static let smallTask = #"""
    {"tasks": [{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/abc", "lastStatus": "STOPPED", "containers": [{"name": "app", "exitCode": 137, "reason": "OutOfMemoryError: Container killed due to memory usage"}], "attachments": [{"type": "ElasticNetworkInterface", "details": [{"name": "subnetId", "value": "subnet-1"}]}], "stoppedReason": "Essential container in task exited"}],
    "failures": []}
    """#

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    @Test(arguments: ["small-task.json", "sample.json"])
    func everyTruncationIsASyntaxErrorInsideTheInput(_ name: String) throws {
        let document = name == "sample.json" ? Self.sample : Array(Self.smallTask.utf8)
        #expect(document.count > 100)
        let lastCharacter = document.lastIndex { !Self.isWhitespace($0) }
        let structural = Set("{[:,\"}]".utf8)
        var cuts = 0
        for end in document.indices where structural.contains(document[end]) {
            let prefix = Array(document[...end])
            let lines = String(decoding: prefix, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            switch try Self.outcome(prefix, name: name) {
            case let .analysed(snapshot, _):
                // Only the whole document is valid; a prefix starting with `{` is never text.
                #expect(end == lastCharacter, "prefix ending at \(end) analysed")
                #expect(snapshot.texts.isEmpty)
            case let .rejected(.syntax(file, line, column, message)):
                #expect(file == name)
                #expect((1...lines.count).contains(line), "line \(line) of \(lines.count) at cut \(end)")
                if (1...lines.count).contains(line) {
                    #expect((1...lines[line - 1].count + 1).contains(column), "column \(column) at cut \(end): \(message)")
                }
                #expect(InputError.syntax(file: file, line: line, column: column, message: message).message.hasPrefix("\(name):\(line):\(column): invalid JSON: "))
            case let .rejected(other):
                Issue.record("cut after byte \(end): \(other.message)")
            }
            cuts += 1
        }
        #expect(cuts > 50)
    }

    @Test func truncatedInputThroughTheCLI() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("cut.json")
        try Data(Self.sample.prefix(3001)).write(to: file)
        let result = try CLI.run(["analyze", file.path])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("Error: \(file.path):"))
        #expect(result.stderr.contains(": invalid JSON: "))
    }

    // MARK: 3. Encodings and odd bytes

    @Test func byteOrderMarkAndUTF16AnalyseLikeUTF8() throws {
        let text = String(decoding: Self.sample, as: UTF8.self)
        guard let (_, expected) = Self.report(try Self.outcome(Self.sample)) else { return }
        let expectedJSON = JSONReporter.renderBytes(expected)
        #expect(!expected.findings.isEmpty)
        var variants: [(String, [UInt8])] = [("UTF-8 with BOM", [0xEF, 0xBB, 0xBF] + Self.sample)]
        for littleEndian in [true, false] {
            for byteOrderMark in [true, false] {
                variants.append(("UTF-16 \(littleEndian ? "LE" : "BE")\(byteOrderMark ? " with BOM" : "")",
                                 Self.utf16(text, littleEndian: littleEndian, byteOrderMark: byteOrderMark)))
            }
        }
        for (label, bytes) in variants {
            guard let (_, report) = Self.report(try Self.outcome(bytes)) else { continue }
            #expect(JSONReporter.renderBytes(report) == expectedJSON, "\(label)")
        }
    }

    @Test func utf16TextAndErrorsCountCharacters() throws {
        let reason = "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref docker.io/library/nginx:latést: not found"
        for littleEndian in [true, false] {
            let bytes = Self.utf16(reason, littleEndian: littleEndian, byteOrderMark: littleEndian)
            guard let (snapshot, report) = Self.report(try Self.outcome(bytes, name: "reason.txt")) else { continue }
            #expect(snapshot.texts.first?.text == reason)
            #expect(!report.symptoms.isEmpty)
        }
        // The place of a syntax error is in characters of the decoded text.
        let invalid = "{\"tasks\": [\n  {\"taskArn\": }\n]}"
        let error = Self.syntaxError(try Self.outcome(Self.utf16(invalid, littleEndian: true, byteOrderMark: true), name: "ps.json"))
        #expect(error?.line == 2 && error?.column == 15)
        // An odd last byte (a cut UTF-16 file) is a syntax error, not a crash.
        let cut = Self.utf16(#"{"tasks": []}"#, littleEndian: true, byteOrderMark: true).dropLast()
        #expect(Self.syntaxError(try Self.outcome(Array(cut), name: "cut.json"))?.file == "cut.json")
        #expect(InputEncoding.detect([0x7B, 0x00]) == .utf16LittleEndian)
        #expect(InputEncoding.detect([0x00, 0x7B]) == .utf16BigEndian)
        #expect(InputEncoding.detect(Array("{}".utf8)) == .utf8)
        #expect(InputEncoding.detect([0x61, 0x00, 0xC3, 0xA9]) == .utf8)
    }

    @Test func powerShellRedirectedFileThroughTheCLI() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("tasks.json")
        try Data(Self.utf16(String(decoding: Self.sample, as: UTF8.self), littleEndian: true, byteOrderMark: true)).write(to: file)
        let utf16 = try CLI.run(["analyze", "--format", "json", file.path])
        let utf8 = try CLI.run(["analyze", "--format", "json", Self.samplePath])
        #expect(utf16.status == 1 && utf16.status == utf8.status)
        #expect(utf16.stdout == utf8.stdout)
    }

    @Test func invalidUTF8InJSONIsAnErrorAtItsByte() throws {
        // Inside a string, with and without escapes (the two paths of the parser).
        var bytes = Array("{\"tasks\": [\n  {\"taskArn\": \"ab".utf8) + [0xFF] + Array("cd\"}]}".utf8)
        var error = Self.syntaxError(try Self.outcome(bytes))
        #expect(error?.line == 2 && error?.column == 18)
        #expect(error?.message.contains("invalid UTF-8") == true)
        bytes = Array("{\"tasks\": [{\"taskArn\": \"\\n\u{E9}".utf8) + [0xC3] + Array("\"}]}".utf8)
        error = Self.syntaxError(try Self.outcome(bytes))
        #expect(error?.line == 1 && error?.column == 28)
        #expect(error?.message.contains("invalid UTF-8") == true)
        // A Windows-1252 "é" in a member name.
        bytes = Array("{\"tasks\": [{\"caf".utf8) + [0xE9] + Array("\": 1}]}".utf8)
        #expect(Self.syntaxError(try Self.outcome(bytes))?.column == 17)
        // Outside strings: not a value.
        bytes = Array("{\"tasks\": ".utf8) + [0xFF] + Array("}".utf8)
        error = Self.syntaxError(try Self.outcome(bytes))
        #expect(error?.line == 1 && error?.column == 11)
        #expect(error?.message == "unexpected byte 0xff, expected a value")
    }

    @Test func invalidUTF8InTextIsReplaced() throws {
        let bytes = Array("CannotPullContainerError: pull access denied for ".utf8) + [0xFF, 0xC3] + Array(" repository does not exist or may require 'docker login'".utf8)
        guard let (snapshot, report) = Self.report(try Self.outcome(bytes, name: "reason.txt")) else { return }
        #expect(snapshot.texts.first?.text.contains("\u{FFFD}") == true)
        #expect(!report.symptoms.isEmpty)
    }

    @Test func nulBytes() throws {
        // In JSON: outside a string it is not a value, inside one a control character.
        var error = Self.syntaxError(try Self.outcome(Array("{\"tasks\":".utf8) + [0] + Array("[]}".utf8)))
        #expect(error?.column == 10 && error?.message == "unexpected byte 0x0, expected a value")
        error = Self.syntaxError(try Self.outcome(Array("{\"tasks\": [{\"taskArn\": \"a".utf8) + [0] + Array("\"}]}".utf8)))
        #expect(error?.column == 26 && error?.message.contains("control character") == true)
        // As text: binary data, named with its place instead of "no problems found".
        #expect(try Self.outcome([UInt8](repeating: 0, count: 1000), name: "zeros").isRejected(.binary(file: "zeros", line: 1, column: 1)))
        let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]
        guard case .rejected(.binary(file: "snapshot.json.gz", line: 1, column: _)) = try Self.outcome(gzip, name: "snapshot.json.gz") else {
            Issue.record("a gzip file was not rejected as binary")
            return
        }
        #expect(InputError.binary(file: "a.gz", line: 1, column: 4).message.hasPrefix("a.gz:1:4: binary data"))
        let text = Array("Essential container in task exited\nsecond line ".utf8) + [0]
        #expect(try Self.outcome(text, name: "-").isRejected(.binary(file: "stdin", line: 2, column: 13)))
    }

    // MARK: 4. Deep nesting

    @Test func tenThousandLevelsOfNestingStopAtTheLimit() throws {
        let arrays = String(repeating: "[", count: 10_000)
        var error = Self.syntaxError(try Self.outcome(arrays, name: "deep.json"))
        #expect(error?.line == 1 && error?.column == JSONParser.maximumDepth + 1)
        #expect(error?.message == "nesting deeper than \(JSONParser.maximumDepth) levels")
        let objects = String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        error = Self.syntaxError(try Self.outcome(objects, name: "deep.json"))
        #expect(error?.line == 1 && error?.column == 5 * JSONParser.maximumDepth + 1)
        // Just under the limit, in a member nothing reads, is valid and analysed.
        let depth = JSONParser.maximumDepth - 3
        let nested = #"{"tasks": [{"taskArn": "arn:aws:ecs:us-east-1:1:task/c/t", "overrides": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}]}"
        guard let (snapshot, report) = Self.report(try Self.outcome(nested)) else { return }
        #expect(snapshot.tasks.count == 1)
        var redactor = Redactor(accounts: true)
        _ = MarkdownReporter.render(redactor.redact(report))
    }

    @Test func deepNestingThroughTheCLI() throws {
        let directory = try TemporaryDirectory()
        for (name, text) in [("arrays.json", String(repeating: "[", count: 10_000)),
                             ("objects.json", String(repeating: "{\"a\":", count: 10_000))] {
            let file = directory.url.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            let result = try CLI.run(["analyze", file.path])
            #expect(result.status == 65)
            let column = name == "arrays.json" ? 513 : 2561
            #expect(result.stderr == "Error: \(file.path):1:\(column): invalid JSON: nesting deeper than 512 levels\n")
        }
    }

    // MARK: 5. A 100 MB string

    @Test func hundredMegabyteStringValue() throws {
        let size = 100 << 20
        let prefix = Array(#"{"tasks":[{"taskArn":""#.utf8), suffix = Array(#""}]}"#.utf8)
        // Filled in one go: appending 100 MB byte by byte takes half a minute in a debug build.
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: prefix.count + size + suffix.count)
        bytes.replaceSubrange(0..<prefix.count, with: prefix)
        bytes.replaceSubrange((bytes.count - suffix.count)..., with: suffix)
        let snapshot = try SnapshotLoader.load([InputFile(name: "huge.json", bytes: bytes)])
        bytes = []
        #expect(snapshot.tasks.first?.taskArn.utf8.count == size)
        let report = Analyzer.analyze(snapshot)
        #expect(report.findings.isEmpty)
    }

    // MARK: 6. Numbers out of range

    static func taskWithExitCode(_ literal: String) -> String {
        #"{"tasks": [{"taskArn": "arn:aws:ecs:us-east-1:1:task/c/t", "containers": [{"name": "app", "exitCode": "# + literal + "}]}]}"
    }

    @Test func numbersBeyondADoubleAreErrorsWhereTheyAreWritten() throws {
        let column = Self.taskWithExitCode("").count - "}]}]}".count + 1
        for literal in ["1e400", "-1e400", "1e-400", "-0.000001e-999999", "123e9999999999", "0." + String(repeating: "0", count: 400) + "1"] {
            let error = Self.syntaxError(try Self.outcome(Self.taskWithExitCode(literal)))
            #expect(error?.line == 1 && error?.column == column, "\(literal)")
            #expect(error?.message.hasPrefix("number out of range") == true, "\(literal)")
        }
    }

    @Test func integersOutOfRangeOrWrittenOddly() throws {
        let pointer = "/tasks/0/containers/0/exitCode"
        for (literal, expected) in [("-0", 0), ("0.0e5", 0), ("-0.0000e-999999", 0), ("2147483647", 2_147_483_647), ("-2147483648", -2_147_483_648), ("\"-0\"", 0), ("1e2", 100)] {
            guard let (snapshot, _) = Self.report(try Self.outcome(Self.taskWithExitCode(literal))) else { continue }
            #expect(snapshot.tasks.first?.containers.first?.exitCode == expected, "\(literal)")
        }
        for (literal, found) in [("123456789012345678901234567890", "a number out of range"), ("2147483648", "a number out of range"),
                                 ("1.5", "a number"), ("\"123456789012345678901234567890\"", "a string"), ("\"1e400\"", "a string"),
                                 ("\"1e2\"", "a string")] {
            guard case let .rejected(error) = try Self.outcome(Self.taskWithExitCode(literal)) else {
                Issue.record("\(literal) was accepted as an exit code")
                continue
            }
            #expect(error == .wrongType(location: "hostile.json#" + pointer, expected: "an integer", found: found), "\(literal)")
            #expect(error.message.hasPrefix("hostile.json#\(pointer): expected an integer, found "))
        }
    }

    @Test func hugeIntegersInOtherMembers() throws {
        let cases: [(String, String)] = [
            (#"{"taskDefinition": {"family": "web", "containerDefinitions": [{"name": "a", "cpu": 123456789012345678901234567890}]}}"#,
             "/taskDefinition/containerDefinitions/0/cpu"),
            (#"{"taskDefinition": {"family": "web", "containerDefinitions": [{"name": "a", "memory": 9e15}]}}"#,
             "/taskDefinition/containerDefinitions/0/memory"),
            (#"{"taskDefinition": {"family": "web", "containerDefinitions": [{"name": "a", "portMappings": [{"containerPort": 1e10}]}]}}"#,
             "/taskDefinition/containerDefinitions/0/portMappings/0/containerPort"),
            (#"{"services": [{"serviceName": "web", "loadBalancers": [{"containerPort": -3e9}]}]}"#,
             "/services/0/loadBalancers/0/containerPort"),
        ]
        for (document, pointer) in cases {
            #expect(try Self.outcome(document, name: "n.json").isRejected(.wrongType(location: "n.json#" + pointer, expected: "an integer", found: "a number out of range")))
        }
        // Timestamps: out of the years ISO 8601 can write is out of range, not a trap later.
        for literal in ["1e300", "-1e300", "9.3e18", "253402300800000"] {
            let document = #"{"tasks": [{"taskArn": "t", "startedAt": 0, "stoppedAt": "# + literal + "}]}"
            #expect(try Self.outcome(document, name: "n.json").isRejected(.wrongType(location: "n.json#/tasks/0/stoppedAt", expected: "a timestamp", found: "a number out of range")), "\(literal)")
        }
        // Task-level cpu and memory are strings in the API: any text is analysed.
        for (cpu, memory) in [("\"1e400 vCPU\"", "\"1e300 GB\""), ("\"-1e400 vcpu\"", "\"nan GB\""), ("\"inf vcpu\"", "\"1e19\""), ("1e300", "-1e300")] {
            let document = #"{"taskDefinition": {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "# + cpu + #", "memory": "# + memory + #", "containerDefinitions": [{"name": "a", "cpu": 2147483647, "memory": 2147483647}, {"name": "b", "cpu": 2147483647, "memory": 2147483647}]}}"#
            _ = Self.report(try Self.outcome(document))
        }
        // The largest integers accepted, multiplied and added by rules, do not overflow...
        let service = #"{"services": [{"serviceName": "web", "desiredCount": 2147483647, "deploymentConfiguration": {"minimumHealthyPercent": 2147483647, "maximumPercent": 2147483647}}]}"#
        _ = Self.report(try Self.outcome(service))
        // ...and larger ones, which once made desired × maximumPercent trap, are refused.
        let overflowing = #"{"services": [{"serviceName": "web", "desiredCount": 999999999999999, "deploymentConfiguration": {"minimumHealthyPercent": 100, "maximumPercent": 999999}}]}"#
        #expect(try Self.outcome(overflowing, name: "s.json").isRejected(.wrongType(location: "s.json#/services/0/desiredCount", expected: "an integer", found: "a number out of range")))
    }

    @Test func invertedNetworkAclPortRangeMatchesNothing() throws {
        let document = #"{"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "Entries": [{"RuleNumber": 100, "Protocol": "6", "RuleAction": "deny", "Egress": true, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 443, "To": 80}}, {"RuleNumber": 200, "Protocol": "-1", "RuleAction": "allow", "Egress": true, "CidrBlock": "0.0.0.0/0"}]}]}"#
        let snapshot = try SnapshotLoader.load(text: document)
        let acl = try #require(snapshot.networkAcls.first)
        let verdict = NetworkAclEvaluator.evaluate(acl, egress: true, ports: 443...443, peer: .publicAddress)
        #expect(verdict.isAllowed, "\(verdict)")
    }

    // MARK: 7. Duplicate keys

    @Test func duplicateKeysTheLastWins() throws {
        let task = #"{"tasks": [{"taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/abc", "stoppedReason": "Essential container in task exited", "lastStatus": "RUNNING", "stoppedReason": "CannotPullContainerError: pull access denied for nginx, repository does not exist or may require 'docker login'", "lastStatus": "STOPPED"}]}"#
        guard let (snapshot, report) = Self.report(try Self.outcome(task)) else { return }
        #expect(snapshot.tasks.first?.stoppedReason?.hasPrefix("CannotPullContainerError") == true)
        #expect(snapshot.tasks.first?.lastStatus == "STOPPED")
        #expect(report.symptoms.contains { $0.message.hasPrefix("CannotPullContainerError") })
        #expect(!report.symptoms.contains { $0.message == "Essential container in task exited" })
        // Repeated top-level keys: the last value, read once.
        let sections = #"{"tasks": [{"taskArn": "first"}], "InvalidParameters": ["/first"], "tasks": [{"taskArn": "second"}], "InvalidParameters": ["/second"]}"#
        guard let (merged, _) = Self.report(try Self.outcome(sections)) else { return }
        #expect(merged.tasks.map(\.taskArn) == ["second"])
        #expect(merged.invalidParameters == ["/second"])
    }

    // MARK: 8. The wrong type at every member

    static let describeTasks = #"""
    {"tasks": [{"attachments": [{"id": "d6f1", "type": "ElasticNetworkInterface", "status": "ATTACHED",
        "details": [{"name": "subnetId", "value": "subnet-0826"}, {"name": "networkInterfaceId", "value": "eni-0347"},
                    {"name": "privateIPv4Address", "value": "10.0.10.143"}]}],
      "attributes": [{"name": "ecs.cpu-architecture", "value": "x86_64"}],
      "availabilityZone": "us-east-1a", "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod",
      "containerInstanceArn": "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/9f1",
      "containers": [{"containerArn": "arn:aws:ecs:us-east-1:111122223333:container/prod/de7e/3ff3",
        "taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/de7e", "name": "api",
        "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/orders-api:2.3.1", "lastStatus": "STOPPED", "exitCode": 137,
        "reason": "OutOfMemoryError: Container killed due to memory usage",
        "networkBindings": [{"bindIP": "0.0.0.0", "containerPort": 8080, "hostPort": 32768, "protocol": "tcp"}],
        "networkInterfaces": [{"attachmentId": "d6f1", "privateIpv4Address": "10.0.10.143"}],
        "healthStatus": "UNHEALTHY", "cpu": "256", "memory": "512"}],
      "cpu": "512", "createdAt": "2024-06-18T09:41:07.552000-04:00", "desiredStatus": "STOPPED", "enableExecuteCommand": false,
      "group": "service:orders-api", "lastStatus": "STOPPED", "launchType": "EC2", "memory": "1024",
      "overrides": {"containerOverrides": [{"name": "api", "environment": [{"name": "MODE", "value": "x"}], "memory": 512}],
                    "inferenceAcceleratorOverrides": []},
      "startedAt": 1718718069.5, "stopCode": "EssentialContainerExited", "stoppedAt": "2024-06-18T09:42:49.310000-04:00",
      "stoppedReason": "Essential container in task exited", "stoppingAt": 1718718169310,
      "tags": [{"key": "team", "value": "orders"}],
      "taskArn": "arn:aws:ecs:us-east-1:111122223333:task/prod/de7e",
      "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/orders-api:7", "version": 4,
      "ephemeralStorage": {"sizeInGiB": 20}}],
     "failures": [{"arn": "arn:aws:ecs:us-east-1:111122223333:task/prod/gone", "reason": "MISSING"}]}
    """#

    static let describeTaskDefinition = #"""
    {"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/orders-api:7",
      "containerDefinitions": [{"name": "api", "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/orders-api:2.3.1",
        "cpu": 256, "memory": 512, "memoryReservation": 256, "essential": true,
        "portMappings": [{"containerPort": 8080, "hostPort": 0, "protocol": "tcp", "name": "api-8080-tcp"}],
        "command": ["java", "-jar", "app.jar"], "entryPoint": ["/bin/sh", "-c"],
        "environment": [{"name": "SPRING_PROFILES_ACTIVE", "value": "prod"}],
        "environmentFiles": [{"value": "arn:aws:s3:::orders-config/prod.env", "type": "s3"}],
        "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:111122223333:secret:orders/db-AbCdEf"}],
        "repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:111122223333:secret:dockerhub-XyZ"},
        "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/orders-api", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}},
        "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 10},
        "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": false}]}],
      "family": "orders-api", "taskRoleArn": "arn:aws:iam::111122223333:role/orders-task",
      "executionRoleArn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole", "networkMode": "bridge", "revision": 7,
      "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0123", "rootDirectory": "/", "transitEncryption": "ENABLED"}}],
      "status": "ACTIVE", "requiresCompatibilities": ["EC2"], "compatibilities": ["EC2", "EXTERNAL"], "cpu": "512", "memory": "1024",
      "runtimePlatform": {"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"},
      "registeredAt": "2024-06-18T09:30:00.000000-04:00"},
     "tags": []}
    """#

    static let describeServices = #"""
    {"services": [{"serviceArn": "arn:aws:ecs:us-east-1:111122223333:service/prod/orders-api", "serviceName": "orders-api",
      "clusterArn": "arn:aws:ecs:us-east-1:111122223333:cluster/prod",
      "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/orders/73e2", "containerName": "api", "containerPort": 8080}],
      "status": "ACTIVE", "desiredCount": 2, "runningCount": 0, "pendingCount": 1,
      "capacityProviderStrategy": [{"capacityProvider": "orders-asg", "weight": 1, "base": 0}],
      "taskDefinition": "arn:aws:ecs:us-east-1:111122223333:task-definition/orders-api:7",
      "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true, "rollback": true}, "maximumPercent": 200, "minimumHealthyPercent": 100},
      "deployments": [{"id": "ecs-svc/1357", "status": "PRIMARY", "taskDefinition": "arn:aws:ecs:us-east-1:111122223333:task-definition/orders-api:7",
        "desiredCount": 2, "failedTasks": 3, "createdAt": "2024-06-18T09:40:58.127000-04:00", "rolloutState": "IN_PROGRESS",
        "rolloutStateReason": "ECS deployment ecs-svc/1357 in progress."}],
      "events": [{"id": "005f", "createdAt": "2024-06-18T09:43:15.004000-04:00", "message": "(service orders-api) has started 1 tasks: (task de7e)."},
                 {"id": "66c2", "createdAt": 1718718065.981, "message": "(service orders-api) (port 8080) is unhealthy in (target-group arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/orders/73e2) due to (reason Health checks failed with these codes: [502])."}],
      "healthCheckGracePeriodSeconds": 0, "schedulingStrategy": "REPLICA", "deploymentController": {"type": "ECS"},
      "placementConstraints": [], "enableExecuteCommand": false}],
     "failures": []}
    """#

    /// RFC 6901: `~` and `/` in a member name are escaped.
    static func pointerToken(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// Every value below the root with its pointer, as a path of keys and indices.
    static func members(of value: JSONValue, pointer: String = "", path: [Step] = []) -> [(pointer: String, path: [Step], value: JSONValue)] {
        var result: [(String, [Step], JSONValue)] = []
        switch value {
        case let .object(members):
            for member in members {
                let childPointer = pointer + "/" + pointerToken(member.key)
                result.append((childPointer, path + [.key(member.key)], member.value))
                result += Self.members(of: member.value, pointer: childPointer, path: path + [.key(member.key)])
            }
        case let .array(elements):
            for (index, element) in elements.enumerated() {
                let childPointer = pointer + "/" + String(index)
                result.append((childPointer, path + [.index(index)], element))
                result += Self.members(of: element, pointer: childPointer, path: path + [.index(index)])
            }
        default:
            break
        }
        return result
    }

    enum Step {
        case key(String)
        case index(Int)
    }

    static func replacing(_ value: JSONValue, at path: ArraySlice<Step>, with replacement: JSONValue) -> JSONValue {
        guard let step = path.first else { return replacement }
        switch (value, step) {
        case let (.object(members), .key(key)):
            return .object(members.map { $0.key == key ? ($0.key, replacing($0.value, at: path.dropFirst(), with: replacement)) : $0 })
        case let (.array(elements), .index(index)):
            var copy = elements
            copy[index] = replacing(copy[index], at: path.dropFirst(), with: replacement)
            return .array(copy)
        default:
            return value
        }
    }

    /// One value of each JSON type; each member is given every one of another type than its own.
    static let wrongValues: [JSONValue] = [.string("x"), .number(7), .bool(true), .array([.number(1)]), .object([("x", .number(1))]), .null]

    static func sameType(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null), (.bool, .bool), (.number, .number), (.string, .string), (.array, .array), (.object, .object): return true
        default: return false
        }
    }

    @Test(arguments: ["tasks.json", "taskdef.json", "services.json"])
    func everyMemberWithEveryWrongType(_ mutatedFile: String) throws {
        let documents = [("tasks.json", Self.describeTasks), ("taskdef.json", Self.describeTaskDefinition), ("services.json", Self.describeServices)]
        let parsed = try documents.map { ($0.0, try JSONParser.parse(Array($0.1.utf8))) }
        // The untouched documents are analysed, with the findings they were written for.
        guard let (_, baseline) = Self.report(try Self.outcome(parsed.map { ($0.0, Array(JSONWriter.write($0.1).utf8)) })) else { return }
        #expect(!baseline.findings.isEmpty)
        let original = try #require(parsed.first { $0.0 == mutatedFile }?.1)
        var mutations = 0, rejected = 0
        for member in Self.members(of: original) {
            for replacement in Self.wrongValues where !Self.sameType(member.value, replacement) {
                let mutated = Self.replacing(original, at: member.path[...], with: replacement)
                let files = parsed.map { ($0.0, Array(JSONWriter.write($0.0 == mutatedFile ? mutated : $0.1).utf8)) }
                mutations += 1
                switch try Self.outcome(files) {
                case .analysed:
                    break
                case let .rejected(.wrongType(location, _, found)):
                    rejected += 1
                    #expect(location == mutatedFile + "#" + member.pointer, "\(member.pointer) = \(replacement)")
                    // Timestamps quote the string they could not read.
                    #expect(found == replacement.typeDescription || found == "\"x\"", "\(member.pointer) = \(replacement)")
                case let .rejected(error):
                    Issue.record("\(member.pointer) = \(replacement): \(error.message)")
                }
            }
        }
        #expect(mutations > 100)
        #expect(rejected > 50)
    }

    // MARK: 9. A million empty objects

    @Test func millionEmptyObjectsAtTheTop() throws {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(3_000_002)
        for index in 0..<1_000_000 {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
        }
        bytes.append(UInt8(ascii: "]"))
        let outcome = try Self.outcome(bytes, name: "empties.json")
        #expect(outcome.isRejected(.unknownShape(location: "empties.json#/0", keys: [])))
        if case let .rejected(error) = outcome {
            #expect(error.message.hasPrefix("empties.json#/0: not a document ecs-triage knows (no keys)"))
        }
    }

    // MARK: 10. What is not a readable file

    @Test func directoryMissingAndEmptyFiles() throws {
        let directory = try TemporaryDirectory()
        let empty = directory.url.appendingPathComponent("empty.json")
        try Data().write(to: empty)
        let emptyResult = try CLI.run(["analyze", empty.path])
        #expect(emptyResult.status == 65)
        #expect(emptyResult.stderr.hasPrefix("Error: \(empty.path): the input is empty"))
        let asDirectory = try CLI.run(["analyze", directory.url.path])
        #expect(asDirectory.status == 65)
        #expect(asDirectory.stderr == "Error: \(directory.url.path): cannot read: is a directory\n")
        let missing = directory.url.appendingPathComponent("missing.json").path
        let notThere = try CLI.run(["analyze", missing])
        #expect(notThere.status == 65)
        #expect(notThere.stderr == "Error: \(missing): cannot read: no such file or directory\n")
        // The good file beside a bad one does not hide it.
        let both = try CLI.run(["analyze", Self.samplePath, missing])
        #expect(both.status == 65)
        #expect(both.stderr.hasPrefix("Error: \(missing): "))
    }

    /// chmod 000 does not stop root from reading, so there is nothing to
    /// assert when the tests run as root (as in containers and CI images).
    @Test(.enabled(if: geteuid() != 0, "running as root: chmod 000 does not block root's reads"))
    func unreadableFile() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("secret.json")
        try Data("{\"tasks\": []}".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path) }
        let result = try CLI.run(["analyze", file.path])
        #expect(result.status == 65)
        #expect(result.stderr == "Error: \(file.path): cannot read: permission denied\n")
    }

    // MARK: 11. Inputs that never end, and --max-input-size

    @Test func endlessFIFOStopsAtTheLimit() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.url.appendingPathComponent("endless.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "exec yes '{\"tasks\": []}' > \"$0\"", fifo.path]
        try writer.run()
        defer {
            if writer.isRunning { writer.terminate() }
            writer.waitUntilExit()
        }
        let result = try CLI.run(["analyze", "--max-input-size", "1M", fifo.path], timeout: 60)
        #expect(!result.timedOut)
        #expect(result.status == 65)
        #expect(result.stderr == "Error: \(fifo.path): input larger than --max-input-size (1 MiB); raise the limit with --max-input-size\n")
    }

    @Test func endlessStandardInputStopsAtTheLimit() throws {
        let pipe = Pipe()
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        writer.arguments = ["yes"]
        writer.standardOutput = pipe
        try writer.run()
        defer {
            if writer.isRunning { writer.terminate() }
            writer.waitUntilExit()
        }
        let result = try CLI.run(["analyze", "--max-input-size=64K", "-"], standardInput: pipe, timeout: 60)
        #expect(!result.timedOut)
        #expect(result.status == 65)
        #expect(result.stderr == "Error: stdin: input larger than --max-input-size (64 KiB); raise the limit with --max-input-size\n")
    }

    @Test func regularFilesJustAboveAndAtTheLimit() throws {
        let directory = try TemporaryDirectory()
        let document = Array(#"{"tasks": [{"taskArn": "arn:aws:ecs:us-east-1:1:task/c/t", "stoppedReason": "Essential container in task exited"}]}"#.utf8)
        let limit = 1 << 20
        let atLimit = directory.url.appendingPathComponent("at-limit.json")
        try Data(document + [UInt8](repeating: 0x20, count: limit - document.count)).write(to: atLimit)
        let above = directory.url.appendingPathComponent("above.json")
        try Data(document + [UInt8](repeating: 0x20, count: limit - document.count + 1)).write(to: above)
        let accepted = try CLI.run(["analyze", "--max-input-size", "1M", atLimit.path])
        #expect(accepted.status == 0 || accepted.status == 1)
        #expect(accepted.stderr.isEmpty)
        let refused = try CLI.run(["analyze", "--max-input-size", "1048576", above.path])
        #expect(refused.status == 65)
        #expect(refused.stderr == "Error: \(above.path): input larger than --max-input-size (1 MiB); raise the limit with --max-input-size\n")
        // Standard input redirected from a file: its size is known, so it is refused before any read.
        let stdinRefused = try CLI.run(["analyze", "--max-input-size", "1M"], standardInput: FileHandle(forReadingFrom: above))
        #expect(stdinRefused.status == 65)
        #expect(stdinRefused.stderr.hasPrefix("Error: stdin: input larger than --max-input-size (1 MiB)"))
    }

    @Test func maxInputSizeValues() throws {
        #expect(CLI.binaryExists)
        for bad in ["0", "-1", "1X", "", "M", "99999999999G"] {
            let result = try CLI.run(["analyze", "--max-input-size", bad, Self.samplePath])
            #expect(result.status == 64, "\(bad)")
            #expect(result.stderr.hasPrefix("Error: the value '\(bad)' is invalid for '--max-input-size'"), "\(bad)")
        }
        for good in ["20000", "16k", "16K", "1M", "1MiB", "1mb", "2G", "1g"] {
            let result = try CLI.run(["analyze", "--max-input-size", good, Self.samplePath])
            #expect(result.status == 1, "\(good): \(result.stderr)")
        }
        let help = try CLI.run(["analyze", "--help"])
        #expect(help.stdout.contains("--max-input-size <size>"))
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let readmeDocumentsIt = readme.contains("--max-input-size")
        #expect(readmeDocumentsIt)
    }
}

extension HostileInputTests.Outcome {
    func isRejected(_ expected: InputError) -> Bool {
        if case let .rejected(error) = self { return error == expected }
        return false
    }
}

/// A directory under the system's temporary directory, deleted with its content when released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-triage-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
