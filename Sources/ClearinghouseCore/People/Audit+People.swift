extension AuditAction {
    public static let personInvite = AuditAction(rawValue: "person.invite")
    public static let invitationAccept = AuditAction(rawValue: "invitation.accept")
    /// A sign-in attempt; failures carry the reason (``SignInPolicy/Refusal``) in their detail.
    public static let signIn = AuditAction(rawValue: "person.sign_in")
    public static let signOut = AuditAction(rawValue: "person.sign_out")
    public static let signOutEverywhere = AuditAction(rawValue: "person.sign_out_everywhere")
    public static let secondFactorEnrol = AuditAction(rawValue: "person.second_factor_enrol")
    public static let personDisable = AuditAction(rawValue: "person.disable")
    /// An admin reset a person's password and second factor, and made them a link to choose a new password.
    public static let personReset = AuditAction(rawValue: "person.reset")
    public static let passwordChange = AuditAction(rawValue: "person.password_change")
}

extension AuditTarget {
    public static func person(_ id: Person.ID) -> AuditTarget {
        AuditTarget(type: "person", id: id.rawValue)
    }

    public static func invitation(_ id: Invitation.ID) -> AuditTarget {
        AuditTarget(type: "invitation", id: id.rawValue)
    }
}

extension AuditActor {
    /// A person acting through the web interface, or someone trying to sign in as one (`nil` for an address that
    /// belongs to nobody).
    public static func web(_ person: Person?) -> AuditActor {
        AuditActor(organizationID: person?.organizationID, tokenID: nil, personID: person?.id, channel: .web)
    }
}
