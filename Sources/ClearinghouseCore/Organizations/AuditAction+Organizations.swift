extension AuditAction {
    public static let instanceBootstrap = AuditAction(rawValue: "instance.bootstrap")
    public static let organizationCreate = AuditAction(rawValue: "organization.create")
    public static let organizationVerify = AuditAction(rawValue: "organization.verify")
    public static let tokenCreate = AuditAction(rawValue: "token.create")
    public static let tokenRevoke = AuditAction(rawValue: "token.revoke")
    public static let intakePolicySet = AuditAction(rawValue: "intake_policy.set")
}
