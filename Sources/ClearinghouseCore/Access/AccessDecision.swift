/// The outcome of an access-policy question, with the reason for it.
///
/// The reason is for logs, audit events and tests; callers never send a denial reason to a party that was denied
/// a read, since it could confirm that the record exists.
public enum AccessDecision: Sendable, Hashable {
    case granted(Grant)
    case denied(Denial)

    /// Why access was granted.
    public enum Grant: String, Sendable, Hashable {
        /// TLP:CLEAR: anyone may see it.
        case publicRecord = "public_record"
        /// TLP:GREEN and a verified member organization: the community may see it.
        case community
        /// The caller's organization holds the record or is on its need-to-know list.
        case needToKnow = "need_to_know"
        /// A verified coordinator's oversight of everything below TLP:RED.
        case coordinatorOversight = "coordinator_oversight"
        /// The caller's role in its organization allows the action.
        case role
        /// The caller acts on its own token.
        case ownToken = "own_token"
    }

    /// Why access was denied.
    public enum Denial: String, Sendable, Hashable {
        /// No credentials: the action or record needs a member.
        case authenticationRequired = "authentication_required"
        /// The organization is not on the record's need-to-know list.
        case notOnNeedToKnowList = "not_on_need_to_know_list"
        /// TLP:GREEN needs a verified organization.
        case unverifiedOrganization = "unverified_organization"
        /// TLP:RED is for named individuals: reader tokens, which often serve automation, are excluded.
        case redNeedsIndividual = "red_needs_individual"
        /// The token's role is too low for the action.
        case insufficientRole = "insufficient_role"
        /// Only a verified coordinator organization may do this.
        case coordinatorsOnly = "coordinators_only"
        /// The action concerns another organization.
        case otherOrganization = "other_organization"
        /// Only a validator organization may do this.
        case validatorsOnly = "validators_only"
        /// Only an AI developer organization may do this.
        case developersOnly = "developers_only"
        /// Only a designation authority may do this.
        case designationAuthoritiesOnly = "designation_authorities_only"
    }

    /// Whether access was granted.
    public var isGranted: Bool {
        if case .granted = self { true } else { false }
    }
}
