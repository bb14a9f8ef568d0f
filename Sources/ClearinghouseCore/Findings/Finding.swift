public import Foundation

/// A finding as the clearinghouse keeps it: what was reported, by whom and when, and the case it belongs to.
public struct Finding: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<Finding>

    public var id: ID
    public var caseID: Case.ID
    /// The reporting organization, from the caller's token.
    public var reporter: Organization.ID
    public var reportedAt: Date
    public var draft: FindingDraft
    /// The case's first finding when this one joined an existing case; `nil` for the finding that opened it.
    public var duplicateOf: ID?
    /// The keys under which it was matched.
    public var fingerprints: [Fingerprint]

    public init(
        id: ID, caseID: Case.ID, reporter: Organization.ID, reportedAt: Date, draft: FindingDraft,
        duplicateOf: ID?, fingerprints: [Fingerprint]
    ) {
        self.id = id
        self.caseID = caseID
        self.reporter = reporter
        self.reportedAt = reportedAt
        self.draft = draft
        self.duplicateOf = duplicateOf
        self.fingerprints = fingerprints
    }

    /// A finding is its reporter's, and the case's: the case's owner, participants and coordinators see it too.
    ///
    /// - Parameter case: The finding's case, whose label and need-to-know list apply.
    public func visibility(in case: Case) -> Visibility {
        Visibility(label: `case`.label, owner: reporter, participants: `case`.participants.union([`case`.owner]))
    }
}
