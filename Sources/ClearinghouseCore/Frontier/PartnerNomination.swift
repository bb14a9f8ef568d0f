public import Foundation

/// A trusted partner for early access to a model: the developer or a designation authority nominates an operator of
/// critical infrastructure or a government organization (an agency, a state or local authority); the other side
/// must approve too. Once both have, the partner holds an early-access grant with the nomination's scope and dates,
/// which ends by itself. Either side may decline while the nomination waits; nothing here touches the model's
/// release.
public struct PartnerNomination: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<PartnerNomination>

    /// The longest early-access grant: 90 days from its start.
    public static let maximumLength: TimeInterval = 90 * 86_400
    public static let maximumScopeLength = 500

    /// The two sides that must both approve.
    public enum Side: String, Sendable, Hashable, CaseIterable {
        case developer
        case authority
    }

    /// One side's approval: which organization gave it, and when.
    public struct Approval: Sendable, Hashable {
        public let organization: Organization.ID
        public let at: Date

        public init(organization: Organization.ID, at: Date) {
            (self.organization, self.at) = (organization, at)
        }
    }

    /// Where a nomination stands.
    public enum State: String, Sendable, Hashable {
        /// One side approved; the other has not answered.
        case pending
        /// Both approved: the partner holds the grant for its dates.
        case approved
        case declined
    }

    public let id: ID
    public let model: FrontierModel.ID
    public let partner: Organization.ID
    public let nominatedBy: Side
    /// What the early access covers, in a line.
    public let scope: String
    public let startsAt: Date
    public let endsAt: Date
    public let nominatedAt: Date
    public var developerApproval: Approval?
    public var authorityApproval: Approval?
    /// The side that declined, and when.
    public var declinedBy: Side?
    public var declinedAt: Date?

    public init(
        id: ID, model: FrontierModel.ID, partner: Organization.ID, nominatedBy: Side, scope: String, startsAt: Date,
        endsAt: Date, nominatedAt: Date, developerApproval: Approval?, authorityApproval: Approval?,
        declinedBy: Side?, declinedAt: Date?
    ) {
        (self.id, self.model, self.partner, self.nominatedBy, self.scope) = (id, model, partner, nominatedBy, scope)
        (self.startsAt, self.endsAt, self.nominatedAt) = (startsAt, endsAt, nominatedAt)
        (self.developerApproval, self.authorityApproval) = (developerApproval, authorityApproval)
        (self.declinedBy, self.declinedAt) = (declinedBy, declinedAt)
    }

    /// Checks a nomination as one side makes it; the nominating side approves it at once.
    ///
    /// - Throws: `invalid_field` naming the field: a partner that is not a verified operator or government
    ///   organization, or is the model's developer (`partner_id`); a start in the past (`starts_at`); an end before
    ///   the start or more than 90 days after it (`ends_at`); a scope that is not one line (`scope`); a withdrawn
    ///   model (`model`).
    public init(
        nominating partner: Organization, for model: FrontierModel, as side: Side, by organization: Organization.ID,
        scope: String, startsAt: Date?, endsAt: Date, id: ID, now: Date
    ) throws(ClearinghouseError) {
        guard model.withdrawnAt == nil else {
            throw .invalidField("model", "The model was withdrawn from the framework; it takes no partners.")
        }
        guard partner.isVerified, [.operator, .government].contains(partner.kind), partner.id != model.developer
        else {
            throw .invalidField(
                "partner_id",
                "A trusted partner is a verified operator of critical infrastructure or government organization (an agency, a state or local authority)."
            )
        }
        let start = startsAt ?? now
        guard start >= now.addingTimeInterval(-60) else {
            throw .invalidField("starts_at", "`starts_at` is now or later; early access cannot start in the past.")
        }
        guard endsAt > start else { throw .invalidField("ends_at", "`ends_at` is after `starts_at`.") }
        guard endsAt <= start.addingTimeInterval(Self.maximumLength) else {
            throw .invalidField(
                "ends_at",
                "Early access lasts at most 90 days: this grant may end at \(LogEntryDraft.timestamp(start.addingTimeInterval(Self.maximumLength))) at the latest."
            )
        }
        let approval = Approval(organization: organization, at: now)
        self.init(
            id: id, model: model.id, partner: partner.id, nominatedBy: side,
            scope: try TextRules.singleLine(scope, field: "scope", maximumLength: Self.maximumScopeLength),
            startsAt: start, endsAt: endsAt, nominatedAt: now,
            developerApproval: side == .developer ? approval : nil,
            authorityApproval: side == .authority ? approval : nil, declinedBy: nil, declinedAt: nil)
    }

    public var state: State {
        if declinedBy != nil { return .declined }
        return developerApproval != nil && authorityApproval != nil ? .approved : .pending
    }

    /// The nomination approved by one side.
    ///
    /// - Throws: `conflict` when it was declined, or this side approved already.
    public func approved(
        as side: Side, by organization: Organization.ID, at now: Date
    ) throws(ClearinghouseError)
        -> PartnerNomination
    {
        guard state != .declined else { throw ClearinghouseError(.conflict, "The nomination was declined.") }
        var nomination = self
        let approval = Approval(organization: organization, at: now)
        switch side {
        case .developer:
            guard developerApproval == nil else { throw Self.alreadyAnswered }
            nomination.developerApproval = approval
        case .authority:
            guard authorityApproval == nil else { throw Self.alreadyAnswered }
            nomination.authorityApproval = approval
        }
        return nomination
    }

    /// The nomination declined by one side, while it waits for that side.
    ///
    /// - Throws: `conflict` when it is no longer pending, or this side approved it already.
    public func declined(as side: Side, at now: Date) throws(ClearinghouseError) -> PartnerNomination {
        guard state == .pending else {
            throw ClearinghouseError(.conflict, "The nomination is \(state.rawValue); only a pending one is declined.")
        }
        guard (side == .developer ? developerApproval : authorityApproval) == nil else { throw Self.alreadyAnswered }
        var nomination = self
        nomination.declinedBy = side
        nomination.declinedAt = now
        return nomination
    }

    /// Whether the partner holds early access at a time: both sides approved, and the grant's dates hold it.
    public func grantsAccess(at time: Date) -> Bool {
        state == .approved && startsAt <= time && time < endsAt
    }

    private static let alreadyAnswered = ClearinghouseError(.conflict, "Your side answered this nomination already.")
}
