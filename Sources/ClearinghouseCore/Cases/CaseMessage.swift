public import Foundation

/// A message between the participants of a case.
public struct CaseMessage: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<CaseMessage>

    public var id: ID
    public var caseID: Case.ID
    public var author: AuditActor
    public var body: String
    public var postedAt: Date

    public init(id: ID, caseID: Case.ID, author: AuditActor, body: String, postedAt: Date) {
        self.id = id
        self.caseID = caseID
        self.author = author
        self.body = body
        self.postedAt = postedAt
    }

    /// Checks a message's text: not empty, at most 20,000 characters, no control characters but line breaks and
    /// tabs.
    ///
    /// - Throws: `ClearinghouseError.invalidField` for `body`.
    public static func validatedBody(_ text: String) throws(ClearinghouseError) -> String {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidField("body", "`body` must not be empty.")
        }
        return try TextRules.note(text, field: "body", maximumLength: 20_000)
    }
}
