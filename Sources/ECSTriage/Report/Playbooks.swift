import ECSTriagePlaybooks

/// The playbooks compiled into the binary (`playbooks/<rule-id>.md`).
public enum Playbooks {
    public static func text(for ruleId: String) -> String? {
        embeddedPlaybooks[ruleId].map { String(decoding: $0, as: UTF8.self) }
    }

    public static var ruleIds: [String] { embeddedPlaybooks.keys.sorted() }
}
