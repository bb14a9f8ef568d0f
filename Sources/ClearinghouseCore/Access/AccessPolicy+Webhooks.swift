/// Webhooks: admins of verified organizations subscribe; a subscription is managed by its organization's admins.
extension Action {
    public static let subscribeWebhooks = Action("webhook.create") { _, member in
        member.needsVerified(.admin)
    }

    public static func manageWebhook(of organization: Organization.ID) -> Action {
        Action("webhook.manage") { _, member in
            member.organizationID == organization ? member.needs(.admin) : .denied(.otherOrganization)
        }
    }
}
