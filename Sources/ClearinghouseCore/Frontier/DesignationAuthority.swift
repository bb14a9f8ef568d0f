public import Foundation

/// A government organization that a coordinator made a designation authority: it pre-registers threshold policies,
/// sees the models developers register, and records determinations. Which organizations hold the role is known to
/// every verified member (GREEN), so a developer knows whom it shares a model with.
public struct DesignationAuthority: Sendable, Hashable {
    public let organization: Organization.ID
    public let designatedBy: Organization.ID
    public let designatedAt: Date

    public init(organization: Organization.ID, designatedBy: Organization.ID, designatedAt: Date) {
        (self.organization, self.designatedBy, self.designatedAt) = (organization, designatedBy, designatedAt)
    }

    /// Checks that an organization may hold the role: a verified government organization.
    ///
    /// - Throws: `invalid_field` (`organization_id`) otherwise.
    public static func check(_ organization: Organization?) throws(ClearinghouseError) {
        guard let organization, organization.isVerified, organization.kind == .government else {
            throw .invalidField(
                "organization_id",
                "`organization_id` names no verified government organization; only one may be a designation authority.")
        }
    }

    public var visibility: Visibility {
        Visibility(label: .green, owner: organization)
    }
}
