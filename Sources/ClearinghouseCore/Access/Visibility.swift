public import TLP

/// Who may see a shareable record: its TLP 2.0 label, the organization that holds it, and the need-to-know list.
///
/// Every record that one organization may share with others carries a `Visibility`, and every read path passes it
/// to ``AccessPolicy/read(_:by:)``.
public struct Visibility: Sendable, Hashable {
    /// How widely the record may be shared.
    public var label: TLPLabel
    /// The organization the record belongs to (the reporter, the operator, the vendor …), if any.
    public var owner: Organization.ID?
    /// Further organizations on the need-to-know list.
    public var participants: Set<Organization.ID>

    /// Creates a visibility.
    public init(label: TLPLabel, owner: Organization.ID?, participants: Set<Organization.ID> = []) {
        self.label = label
        self.owner = owner
        self.participants = participants
    }

    /// Whether the organization holds the record or is on its need-to-know list.
    public func includes(_ organization: Organization.ID) -> Bool {
        owner == organization || participants.contains(organization)
    }
}
