/// The frontier-model framework: coordinators' admins make verified government organizations designation
/// authorities; AI developers register their models (RED: the developer and the authorities see them) and alone
/// record their release or withdraw them; authorities' admins pre-register threshold policies (GREEN).
extension Action {
    /// Give or take back the designation-authority role.
    public static let manageDesignationAuthorities = Action("designation_authority.manage") { _, member in
        member.needsCoordinator(.admin)
    }

    /// Register a model with the framework.
    public static let registerModel = Action("model.register") { _, member in
        guard member.organization.kind == .aiDeveloper else { return .denied(.developersOnly) }
        return member.needsVerified(.analyst)
    }

    /// Record a model's release, or withdraw it from the framework: its developer's analysts and admins, at any
    /// stage, asking nobody.
    public static func actOnModel(of developer: Organization.ID) -> Action {
        Action("model.act") { _, member in
            member.ownOrganization(developer)
        }
    }

    /// Pre-register a threshold policy: the admins of a designation authority, whose role the workflow reads from
    /// the store.
    public static func registerThresholdPolicy(isAuthority: Bool) -> Action {
        Action("threshold_policy.register") { _, member in
            isAuthority ? member.needsVerified(.admin) : .denied(.designationAuthoritiesOnly)
        }
    }

    /// Submit an evaluation of a model: its developer's analysts and admins (a self-assessment), or a designation
    /// authority's, whose role the workflow reads from the store.
    public static func submitEvaluation(of developer: Organization.ID, isAuthority: Bool) -> Action {
        Action("evaluation.submit") { _, member in
            isAuthority ? member.needsVerified(.analyst) : member.ownOrganization(developer)
        }
    }

    /// Ask the authorities whether a model meets the designation: its developer's analysts and admins.
    public static func requestDesignation(of developer: Organization.ID) -> Action {
        Action("designation.request") { _, member in
            member.ownOrganization(developer)
        }
    }

    /// Record a determination about a model: a designation authority's analysts and admins.
    public static func recordDetermination(isAuthority: Bool) -> Action {
        Action("determination.record") { _, member in
            isAuthority ? member.needsVerified(.analyst) : .denied(.designationAuthoritiesOnly)
        }
    }

    /// Sign off on a determination: the analysts and admins of an organization it consulted.
    public static func signOffDetermination(consulted: Set<Organization.ID>) -> Action {
        Action("determination.sign_off") { _, member in
            consulted.contains(member.organizationID) ? member.needsVerified(.analyst) : .denied(.otherOrganization)
        }
    }

    /// Open or close a pre-release access window on a model: its developer's analysts and admins.
    public static func manageAccessWindow(of developer: Organization.ID) -> Action {
        Action("access_window.manage") { _, member in
            member.ownOrganization(developer)
        }
    }

    /// Act as an evaluator of a window (accept its terms, access the model through it, attest at its close): the
    /// analysts and admins of a verified organization the developer named.
    public static func evaluateThroughWindow(evaluators: Set<Organization.ID>) -> Action {
        Action("access_window.evaluate") { _, member in
            evaluators.contains(member.organizationID) ? member.needsVerified(.analyst) : .denied(.otherOrganization)
        }
    }
}
