/// Validation: validator admins manage signing keys; verified validators claim and attest; coordinators, or a
/// vendor on the case, ask for a fix to be verified.
extension Action {
    /// Register or revoke the keys that sign one's organization's attestations.
    public static let manageValidatorKeys = Action("validator_key.manage") { _, member in
        guard member.organization.kind == .validator else { return .denied(.validatorsOnly) }
        return member.needs(.admin)
    }

    /// Claim validation jobs and attest their results.
    public static let validate = Action("validation.validate") { _, member in
        guard member.organization.kind == .validator else { return .denied(.validatorsOnly) }
        guard member.organization.isVerified else { return .denied(.unverifiedOrganization) }
        return member.needs(.analyst)
    }

    /// Ask validators to check that a case's fix works.
    public static func requestFixVerification(_ target: Case) -> Action {
        Action("validation.request_fix_verification") { _, member in
            guard member.isCoordinator || member.isVendor(on: target) else { return .denied(.coordinatorsOnly) }
            return member.needs(.analyst)
        }
    }
}
