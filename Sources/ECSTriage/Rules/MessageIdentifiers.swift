/// Ids that ECS service events and placement failures carry in their text:
/// a pasted message has no resource, but often names its service and the
/// container instance placement tried last, and a fix command can use them.
///
/// The shapes are ECS's own (Amazon ECS Developer Guide, "Viewing Amazon ECS
/// service event messages",
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html):
/// `(service web) was unable to place a task because no container instance met all of its requirements.
/// The closest matching (container-instance 1a7e5c3b...) ...`; older events print `service web was unable ...`.
extension Symptom {
    /// The service the message names, when it is a name ECS allows
    /// (letters, digits, hyphens, underscores), not the docs' `(service-name)`.
    var serviceNameInMessage: String? {
        if let name = MessageClassifier.token(after: "(service ", in: message, stopAt: ") "), Self.isResourceName(name) { return name }
        guard let range = message.byteRange(of: "service ") else { return nil }
        let words = message[range.upperBound...].split(separator: " ", maxSplits: 2)
        guard words.count >= 2, ["was", "has", "is"].contains(words[1]) else { return nil }
        let name = String(words[0])
        return Self.isResourceName(name) ? name : nil
    }

    /// The id of the container instance a placement failure names
    /// (`container-instance f21f2e09-...`), not the docs' `container-instance-id`.
    var containerInstanceIdInMessage: String? {
        guard let id = MessageClassifier.token(after: "container-instance ", in: message, stopAt: ") ") else { return nil }
        let isId = id.count >= 8 && id.contains(where: \.isNumber) && id.allSatisfy { $0.isHexDigit || $0 == "-" }
        return isId ? id : nil
    }

    private static func isResourceName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 255 && !name.hasPrefix("-")
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
