/// Advisories, exposure and priorities: coordinators import public data and see whom an advisory reaches; an
/// organization's analysts manage its SBOMs and VEX; those who may see a subject decide about it with SSVC.
extension Action {
    /// Import advisories from public sources.
    public static let importAdvisories = Action("advisory.import") { _, member in member.needsCoordinator(.analyst) }

    /// Import CISA's KEV catalog or FIRST's EPSS scores.
    public static let importThreatFeeds = Action("feed.import") { _, member in member.needsCoordinator(.analyst) }

    /// See which organizations and sectors an advisory affects.
    public static let readAdvisoryExposure = Action("advisory.read_exposure") { _, member in
        member.needsCoordinator(.analyst)
    }

    /// Upload, replace or delete an organization's SBOMs.
    public static func manageSBOMs(of organization: Organization.ID) -> Action {
        Action("sbom.manage") { _, member in member.ownOrganization(organization) }
    }

    /// Publish or withdraw VEX statements on behalf of one's organization.
    public static func publishVEX(of organization: Organization.ID) -> Action {
        Action("vex.publish") { _, member in member.ownOrganization(organization) }
    }

    /// Record an SSVC decision about a case or an advisory with this visibility.
    public static func decideSSVC(about subject: Visibility) -> Action {
        Action("ssvc.decide") { policy, member in
            guard policy.read(subject, by: .member(member)).isGranted else {
                return .denied(.notOnNeedToKnowList)
            }
            return member.needs(.analyst)
        }
    }
}
