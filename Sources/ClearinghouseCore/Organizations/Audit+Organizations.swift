extension AuditAction {
    public static let instanceBootstrap = AuditAction(rawValue: "instance.bootstrap")
    public static let organizationCreate = AuditAction(rawValue: "organization.create")
    public static let organizationVerify = AuditAction(rawValue: "organization.verify")
    public static let tokenCreate = AuditAction(rawValue: "token.create")
    public static let tokenRevoke = AuditAction(rawValue: "token.revoke")
    public static let intakePolicySet = AuditAction(rawValue: "intake_policy.set")
    public static let secondFactorPolicySet = AuditAction(rawValue: "second_factor_policy.set")
    public static let vendorProductsSet = AuditAction(rawValue: "vendor_products.set")
}

extension AuditTarget {
    public static func organization(_ id: Organization.ID) -> AuditTarget {
        AuditTarget(type: "organization", id: id.rawValue)
    }

    public static func token(_ id: APIToken.ID) -> AuditTarget {
        AuditTarget(type: "token", id: id.rawValue)
    }
}
