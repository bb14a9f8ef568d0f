extension AuditAction {
    public static let webhookCreate = AuditAction(rawValue: "webhook.create")
    public static let webhookDelete = AuditAction(rawValue: "webhook.delete")
    public static let webhookRotateSecret = AuditAction(rawValue: "webhook.rotate_secret")
    public static let webhookPing = AuditAction(rawValue: "webhook.ping")
    public static let webhookRedeliver = AuditAction(rawValue: "webhook.redeliver")
}

extension AuditTarget {
    public static func webhook(_ id: WebhookSubscription.ID) -> AuditTarget {
        AuditTarget(type: "webhook", id: id.rawValue)
    }
}
