public import TLP

/// What a party may read, as a filter a store can apply in its query: the labels it reads whatever the record's
/// owner and list, and the organization whose own and listed records it reads under any label. Lists filter with
/// it in the database, so that listing takes time in proportion to what the party may see, not to every row, and
/// the time taken tells nothing of the hidden rows; each row is still checked with ``AccessPolicy/read(_:by:)``.
public struct ReadScope: Sendable, Hashable {
    /// Labels the party reads on any record.
    public let labels: Set<TLPLabel>
    /// The party's organization, whose own records and those listing it the party reads (RED only with an analyst
    /// or admin token, which the row check decides).
    public let organization: Organization.ID?

    public init(labels: Set<TLPLabel>, organization: Organization.ID?) {
        self.labels = labels
        self.organization = organization
    }
}

extension AccessPolicy {
    /// The scope of what a party may read, as ``read(_:by:)`` decides it: anyone reads CLEAR; a member of a
    /// verified organization GREEN; a verified coordinator AMBER and AMBER+STRICT through oversight; every member
    /// its own organization's records and those listing it.
    public func scope(for party: Party) -> ReadScope {
        guard let member = party.member else { return ReadScope(labels: [.clear], organization: nil) }
        var labels: Set<TLPLabel> = [.clear]
        if member.organization.isVerified { labels.insert(.green) }
        if member.isCoordinator { labels.formUnion([.amber, .amberStrict]) }
        return ReadScope(labels: labels, organization: member.organizationID)
    }
}
