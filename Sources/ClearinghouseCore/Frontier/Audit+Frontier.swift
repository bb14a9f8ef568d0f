extension AuditAction {
    public static let designationAuthorityAdd = AuditAction(rawValue: "designation_authority.add")
    public static let designationAuthorityRemove = AuditAction(rawValue: "designation_authority.remove")
    public static let modelRegister = AuditAction(rawValue: "model.register")
    public static let modelRelease = AuditAction(rawValue: "model.release")
    public static let modelWithdraw = AuditAction(rawValue: "model.withdraw")
    public static let thresholdPolicyRegister = AuditAction(rawValue: "threshold_policy.register")
    /// An attempt to change a pre-registered policy: always refused, always recorded.
    public static let thresholdPolicyEdit = AuditAction(rawValue: "threshold_policy.edit")
}

extension AuditTarget {
    public static func organizationRole(_ id: Organization.ID) -> AuditTarget {
        AuditTarget(type: "designation_authority", id: id.rawValue)
    }

    public static func model(_ id: FrontierModel.ID) -> AuditTarget {
        AuditTarget(type: "model", id: id.rawValue)
    }

    public static func thresholdPolicy(_ id: RegisteredThresholdPolicy.ID) -> AuditTarget {
        AuditTarget(type: "threshold_policy", id: id.rawValue)
    }
}

extension AuditAction {
    /// An evaluation log submitted for a model; a log that cannot be read is recorded as a refused attempt.
    public static let evaluationSubmit = AuditAction(rawValue: "evaluation.submit")
}

extension AuditTarget {
    public static func evaluation(_ id: SubmittedEvaluation.ID) -> AuditTarget {
        AuditTarget(type: "evaluation", id: id.rawValue)
    }
}

extension AuditAction {
    public static let designationRequest = AuditAction(rawValue: "designation.request")
    public static let determinationRecord = AuditAction(rawValue: "determination.record")
    public static let determinationSignOff = AuditAction(rawValue: "determination.sign_off")
}

extension AuditTarget {
    public static func designationRequest(_ id: DesignationRequest.ID) -> AuditTarget {
        AuditTarget(type: "designation_request", id: id.rawValue)
    }

    public static func determination(_ id: Determination.ID) -> AuditTarget {
        AuditTarget(type: "determination", id: id.rawValue)
    }
}

extension AuditAction {
    public static let accessWindowOpen = AuditAction(rawValue: "access_window.open")
    public static let accessWindowClose = AuditAction(rawValue: "access_window.close")
    public static let accessWindowAcceptTerms = AuditAction(rawValue: "access_window.accept_terms")
    /// An evaluator's access through a window, granted or refused; refused ones are recorded as denied.
    public static let accessWindowAccess = AuditAction(rawValue: "access_window.access")
    public static let accessWindowAttest = AuditAction(rawValue: "access_window.attest")
    /// The scheduler reminded an evaluator that its window closes, or asked for its attestation.
    public static let accessWindowRemind = AuditAction(rawValue: "access_window.remind")
}

extension AuditTarget {
    public static func accessWindow(_ id: AccessWindow.ID) -> AuditTarget {
        AuditTarget(type: "access_window", id: id.rawValue)
    }
}
