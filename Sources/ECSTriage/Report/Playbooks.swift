import ECSTriagePlaybooks

/// The playbooks compiled into the binary (`playbooks/<rule-id>.md`).
public enum Playbooks {
    public static func text(for ruleId: String) -> String? {
        embeddedPlaybooks[ruleId]
    }

    public static var ruleIds: [String] { embeddedPlaybooks.keys.sorted() }
}
