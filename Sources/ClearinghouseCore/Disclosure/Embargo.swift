public import Foundation

/// When a validated case may become public, as its participants agree on it.
///
/// The policy proposes a date when the case is validated; a participant may propose another (a later one says why);
/// each participant agrees to the date proposed, and any new proposal asks everyone again. Active exploitation ends
/// the embargo at once. Every change is kept, in order, as ``changes``; each is one transparency-log entry.
public struct Embargo: Sendable, Hashable {
    /// Whether the embargo still holds.
    public enum State: String, Sendable, Hashable {
        /// The case stays confidential until ``Embargo/publicDate``.
        case active
        /// Ended before its date, because the vulnerability is being exploited.
        case endedEarly = "ended_early"
        /// The case was published.
        case lifted
    }

    public let caseID: Case.ID
    /// When the case was validated: the policy's dates count from here.
    public let validatedAt: Date
    public private(set) var state: State
    /// The date now proposed.
    public private(set) var publicDate: PublicDate
    /// The organizations that agreed to ``publicDate``; a new proposal starts over with its proposer.
    public private(set) var agreed: Set<Organization.ID>
    /// Every change, oldest first.
    public private(set) var changes: [EmbargoChange]

    /// The embargo the policy proposes for a case validated at `validatedAt`.
    public init(
        caseID: Case.ID, validatedAt: Date, knownExploited: Bool, policy: EmbargoPolicy
    ) throws(ClearinghouseError) {
        let date = try PublicDate(
            policy.proposedDate(validatedAt: validatedAt, knownExploited: knownExploited), in: policy.timeZone)
        self.caseID = caseID
        self.validatedAt = validatedAt
        self.state = .active
        self.publicDate = date
        self.agreed = []
        self.changes = [
            EmbargoChange(
                kind: .proposed, by: nil, publicDate: date,
                reason: knownExploited ? "policy: known to be exploited" : "policy", at: validatedAt)
        ]
    }

    /// An embargo as it was stored, changes oldest first.
    public init(
        stored caseID: Case.ID, validatedAt: Date, state: State, publicDate: PublicDate, agreed: Set<Organization.ID>,
        changes: [EmbargoChange]
    ) {
        self.caseID = caseID
        self.validatedAt = validatedAt
        self.state = state
        self.publicDate = publicDate
        self.agreed = agreed
        self.changes = changes
    }

    /// Proposes another public date.
    ///
    /// - Throws: `conflict` when the embargo no longer holds or the date is the one proposed; `invalid_field` for
    ///   `public_date` when the date is not after `now` or past the policy's longest embargo, for `reason` when a
    ///   later date comes without one.
    public mutating func propose(
        _ date: PublicDate, by organization: Organization.ID, reason: String?, now: Date, policy: EmbargoPolicy
    ) throws(ClearinghouseError) {
        try checkActive()
        guard date.instant > now else {
            throw .invalidField("public_date", "The public date \(date) has passed; propose a later one.")
        }
        let latest = policy.latestDate(validatedAt: validatedAt)
        guard date.instant <= latest else {
            throw .invalidField(
                "public_date",
                "An embargo ends at most \(policy.maximumDays) days after validation, by \((try? PublicDate(latest, in: date.timeZone))?.description ?? "\(latest)")."
            )
        }
        guard date.instant != publicDate.instant else {
            throw ClearinghouseError(.conflict, "\(publicDate) is the date already proposed; agree to it instead.")
        }
        let extends = date.instant > publicDate.instant
        let reason = try Self.checkedReason(reason)
        guard !extends || reason != nil else {
            throw .invalidField(
                "reason", "A later public date says why (`reason`): the others agreed to \(publicDate).")
        }
        publicDate = date
        agreed = [organization]
        changes.append(
            EmbargoChange(
                kind: extends ? .extended : .shortened, by: organization, publicDate: date, reason: reason, at: now))
    }

    /// Records that an organization agrees to the date proposed.
    ///
    /// - Throws: `conflict` when the embargo no longer holds or the organization already agreed to this date.
    public mutating func agree(by organization: Organization.ID, now: Date) throws(ClearinghouseError) {
        try checkActive()
        guard agreed.insert(organization).inserted else {
            throw ClearinghouseError(.conflict, "Your organization already agreed to \(publicDate).")
        }
        changes.append(EmbargoChange(kind: .agreed, by: organization, publicDate: publicDate, reason: nil, at: now))
    }

    /// Ends the embargo now because the vulnerability is being exploited.
    ///
    /// - Throws: `conflict` when the embargo no longer holds; `invalid_field` for `reason` when it is empty.
    public mutating func endEarly(
        by organization: Organization.ID, reason: String, now: Date
    )
        throws(ClearinghouseError)
    {
        try checkActive()
        guard let reason = try Self.checkedReason(reason) else {
            throw .invalidField("reason", "Ending an embargo early says why (`reason`), such as the exploitation seen.")
        }
        state = .endedEarly
        publicDate = try PublicDate(now, in: publicDate.timeZone)
        changes.append(
            EmbargoChange(kind: .endedEarly, by: organization, publicDate: publicDate, reason: reason, at: now))
    }

    /// Records the case's publication.
    ///
    /// - Throws: `conflict` when it was already published.
    public mutating func lift(by organization: Organization.ID, now: Date) throws(ClearinghouseError) {
        guard state != .lifted else { throw ClearinghouseError(.conflict, "The case is already published.") }
        state = .lifted
        changes.append(EmbargoChange(kind: .lifted, by: organization, publicDate: publicDate, reason: nil, at: now))
    }

    /// Whether every one of `participants` agreed to the date proposed.
    public func isAgreed(by participants: Set<Organization.ID>) -> Bool {
        participants.isSubset(of: agreed)
    }

    /// The participants who have not agreed to the date proposed, for reminders.
    public func awaiting(_ participants: Set<Organization.ID>) -> Set<Organization.ID> {
        participants.subtracting(agreed)
    }

    /// Whether the case may be published at `now`: its date has come, or the embargo ended early.
    public func allowsPublication(at now: Date) -> Bool {
        switch state {
        case .active: publicDate.instant <= now
        case .endedEarly: true
        case .lifted: false
        }
    }

    /// A reason as given, checked; `nil` when none or only blanks were given.
    private static func checkedReason(_ text: String?) throws(ClearinghouseError) -> String? {
        guard let text else { return nil }
        let reason = try TextRules.note(text, field: "reason", maximumLength: 4_000)
        return reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : reason
    }

    private func checkActive() throws(ClearinghouseError) {
        switch state {
        case .active: return
        case .endedEarly: throw ClearinghouseError(.conflict, "The embargo ended early; the case may be published now.")
        case .lifted: throw ClearinghouseError(.conflict, "The case is published; its embargo is over.")
        }
    }
}

/// One change of an embargo: who made it, to which date, why and when.
public struct EmbargoChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The policy's first proposal, when the case was validated.
        case proposed
        /// A participant proposed a later date.
        case extended
        /// A participant proposed an earlier date.
        case shortened
        /// A participant agreed to the date proposed.
        case agreed
        /// Exploitation ended the embargo before its date.
        case endedEarly = "ended_early"
        /// The case was published.
        case lifted
    }

    public let kind: Kind
    /// `nil` for the policy's own proposal.
    public let by: Organization.ID?
    /// The date proposed after the change.
    public let publicDate: PublicDate
    public let reason: String?
    public let at: Date

    public init(kind: Kind, by: Organization.ID?, publicDate: PublicDate, reason: String?, at: Date) {
        self.kind = kind
        self.by = by
        self.publicDate = publicDate
        self.reason = reason
        self.at = at
    }
}
