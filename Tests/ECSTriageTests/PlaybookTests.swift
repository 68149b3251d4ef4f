import Foundation
import Testing
@testable import ECSTriage

struct PlaybookTests {
    let folder = TestSupport.packageRoot.appendingPathComponent("playbooks")

    @Test func everyRuleHasAPlaybookAndEveryPlaybookARule() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
        let rules = RuleRegistry.descriptions.map(\.id).sorted()
        #expect(files == rules, "playbooks/ and the rule registry differ")
        #expect(Playbooks.ruleIds == files, "the compiled playbooks differ from playbooks/: run `swift run ecs-triage-generate`")
    }

    @Test func embeddedTextEqualsTheFile() throws {
        for id in Playbooks.ruleIds {
            let file = try String(contentsOf: folder.appendingPathComponent("\(id).md"), encoding: .utf8)
            let same = Playbooks.text(for: id) == file
            #expect(same, "compiled playbook \(id) differs from its file: run `swift run ecs-triage-generate`")
            #expect(file.hasPrefix("# \(id)"), "playbook \(id) must start with '# \(id)'")
        }
    }
}
