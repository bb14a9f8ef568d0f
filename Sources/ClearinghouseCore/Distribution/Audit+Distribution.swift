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

extension AuditAction {
    /// The TUF repository created, with its root metadata.
    public static let tufInitialize = AuditAction(rawValue: "tuf.initialize")
    /// A new TUF root signed, naming new keys.
    public static let tufRotate = AuditAction(rawValue: "tuf.rotate")
    /// Online TUF metadata signed: new targets, or a role signed again before it expires.
    public static let tufSign = AuditAction(rawValue: "tuf.sign")
}
