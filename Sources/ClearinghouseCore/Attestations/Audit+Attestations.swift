extension AuditAction {
    public static let validatorKeyRegister = AuditAction(rawValue: "validator_key.register")
    public static let validatorKeyRevoke = AuditAction(rawValue: "validator_key.revoke")
    public static let validationRequest = AuditAction(rawValue: "validation.request")
    public static let validationClaim = AuditAction(rawValue: "validation.claim")
    public static let validationAttest = AuditAction(rawValue: "validation.attest")
    public static let validationClaimExpire = AuditAction(rawValue: "validation.claim_expire")
}

extension AuditTarget {
    public static func validatorKey(_ id: ValidatorKey.ID) -> AuditTarget {
        AuditTarget(type: "validator_key", id: id.rawValue)
    }

    public static func validationJob(_ id: ValidationJob.ID) -> AuditTarget {
        AuditTarget(type: "validation_job", id: id.rawValue)
    }
}
