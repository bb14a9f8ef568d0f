/// Something a party wants to do, other than reading a shareable record.
public enum Action: Sendable, Hashable {
    /// Register a new organization.
    case createOrganization
    /// Mark an organization's identity as verified.
    case verifyOrganization
    /// Mint tokens for, or list the tokens of, an organization.
    case manageTokens(of: Organization.ID)
    /// Revoke a token.
    case revokeToken(APIToken.ID, of: Organization.ID)
    /// Read the audit trail.
    case readAudit
    /// Import advisories from public sources.
    case importAdvisories
    /// Upload, replace or delete an organization's SBOMs.
    case manageSBOMs(of: Organization.ID)
    /// Publish or withdraw VEX statements on behalf of one's organization.
    case publishVEX(of: Organization.ID)
    /// See which organizations and sectors an advisory affects.
    case readAdvisoryExposure
    /// Submit findings, and upload the artifacts that prove them, on behalf of one's organization.
    case submitFindings
    /// Move a case to another state.
    case transitionCase(Case, to: CaseState)
    /// Register or revoke the keys that sign one's organization's attestations.
    case manageValidatorKeys
    /// Claim validation jobs and attest their results.
    case validate
    /// Ask validators to check that a case's fix works.
    case requestFixVerification(Case)
    /// Change who is on a case's need-to-know list, merge cases, split one.
    case coordinateCases
    /// Write to a case's participants.
    case postCaseMessage(Case)
    /// See how much an organization reports and how much of it holds up.
    case readReporterQuality(of: Organization.ID)
    /// Set an organization's intake quota and precision floor.
    case setIntakePolicy
    /// Record an SSVC decision about a case or an advisory with this visibility.
    case decideSSVC(about: Visibility)
    /// Import CISA's KEV catalog or FIRST's EPSS scores.
    case importThreatFeeds
}
