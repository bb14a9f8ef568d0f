public import Foundation
public import TLP

/// One vulnerability, as the clearinghouse coordinates it: the findings that describe it, where it stands, and who
/// may know about it.
public struct Case: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<Case>

    public var id: ID
    public var state: CaseState
    /// How widely the case may be shared, as the first reporter chose.
    public var label: TLPLabel
    /// The first reporter's organization, which holds first-finder credit.
    public var owner: Organization.ID
    /// The finding that opened the case.
    public var firstFinding: Finding.ID
    /// The title of the finding that opened the case.
    public var title: String
    /// Organizations on the need-to-know list besides the owner (vendors, validators, affected operators).
    public var participants: Set<Organization.ID>
    public var createdAt: Date
    public var updatedAt: Date
    /// The case this one was merged into; a merged case takes no more findings.
    public var mergedInto: ID?

    public init(
        id: ID, state: CaseState, label: TLPLabel, owner: Organization.ID, firstFinding: Finding.ID, title: String,
        participants: Set<Organization.ID> = [], createdAt: Date, updatedAt: Date, mergedInto: ID? = nil
    ) {
        self.id = id
        self.state = state
        self.label = label
        self.owner = owner
        self.firstFinding = firstFinding
        self.title = title
        self.participants = participants
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.mergedInto = mergedInto
    }

    /// The case's owner and participants, under its label; coordinators see all but RED through oversight.
    public var visibility: Visibility {
        Visibility(label: label, owner: owner, participants: participants)
    }

    /// The label a case gets when its reporter chooses none: the owner, its participants and coordinators.
    public static let defaultLabel = TLPLabel.amberStrict
}

/// A change of a case's state: who made it, when and why.
public struct CaseTransition: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<CaseTransition>

    public var id: ID
    public var caseID: Case.ID
    /// `nil` for the transition that opened the case.
    public var from: CaseState?
    public var to: CaseState
    public var actor: AuditActor
    public var reason: String?
    public var occurredAt: Date

    public init(
        id: ID, caseID: Case.ID, from: CaseState?, to: CaseState, actor: AuditActor, reason: String?,
        occurredAt: Date
    ) {
        self.id = id
        self.caseID = caseID
        self.from = from
        self.to = to
        self.actor = actor
        self.reason = reason
        self.occurredAt = occurredAt
    }

    /// Checks the reason a party gives for a transition.
    ///
    /// - Throws: `ClearinghouseError.invalidField` for `reason` when it is longer than 4,000 characters or holds
    ///   control characters other than line breaks and tabs.
    public static func validatedReason(_ text: String) throws(ClearinghouseError) -> String {
        try TextRules.note(text, field: "reason", maximumLength: 4_000)
    }
}
