/// How much an organization reports and how much of it holds up.
public struct ReporterQuality: Sendable, Hashable {
    /// Findings reported, in all.
    public var findings: Int
    /// Findings reported in the last 24 hours.
    public var recentFindings: Int
    /// The fingerprints those findings claimed (one per alias, location, crash state …).
    public var recentFingerprints: Int
    /// Cases its findings opened (first-finder credit).
    public var casesOpened: Int
    /// Cases it opened that validators reproduced. Cases it joined as a duplicate earn it nothing, and their state
    /// is not its to learn.
    public var validated: Int
    /// Cases it opened that are rejected.
    public var rejected: Int

    public init(
        findings: Int, recentFindings: Int, recentFingerprints: Int = 0, casesOpened: Int, validated: Int, rejected: Int
    ) {
        self.findings = findings
        self.recentFindings = recentFindings
        self.recentFingerprints = recentFingerprints
        self.casesOpened = casesOpened
        self.validated = validated
        self.rejected = rejected
    }

    /// validated / (validated + rejected); `nil` before any of its cases was judged.
    public var precision: Double? {
        let judged = validated + rejected
        return judged == 0 ? nil : Double(validated) / Double(judged)
    }
}

/// What a coordinator asks of one reporting organization.
public struct IntakePolicy: Sendable, Hashable {
    /// The most findings it may submit in 24 hours, which may claim at most ``fingerprintsPerFinding`` times as
    /// many fingerprints; `nil` for no limit.
    public var dailyQuota: Int?

    /// The fingerprints a day's quota allows per finding: an ordinary finding claims two to four (its location,
    /// crash state, an alias), and one that names many aliases counts as several findings.
    public static let fingerprintsPerFinding = 4
    /// Below this precision, every finding it submits must cite a proof artifact; `nil` for no floor.
    public var precisionFloor: Double?

    public init(dailyQuota: Int? = nil, precisionFloor: Double? = nil) {
        self.dailyQuota = dailyQuota
        self.precisionFloor = precisionFloor
    }

    /// Checks the values a coordinator sets.
    ///
    /// - Throws: `ClearinghouseError.invalidField` for a negative quota or a floor outside 0...1.
    public func validated() throws(ClearinghouseError) -> IntakePolicy {
        if let dailyQuota, dailyQuota < 0 {
            throw .invalidField("daily_quota", "`daily_quota` must be zero or more findings per 24 hours, or null.")
        }
        if let precisionFloor, !(0...1).contains(precisionFloor) {
            throw .invalidField("precision_floor", "`precision_floor` must be between 0 and 1, or null.")
        }
        return self
    }

    /// Whether an organization of this quality must attach a proof to every finding.
    public func requiresProof(_ quality: ReporterQuality) -> Bool {
        guard let precisionFloor, let precision = quality.precision else { return false }
        return precision < precisionFloor
    }

    /// Checks a submission of `drafts` by an organization of this quality.
    ///
    /// - Throws: `quota_exceeded` when the drafts would pass the daily quota; `invalid_field` (`artifacts`) when a
    ///   proof is required and a draft cites none.
    public func check(_ drafts: [FindingDraft], from quality: ReporterQuality) throws(ClearinghouseError) {
        if let dailyQuota, quality.recentFindings + drafts.count > dailyQuota {
            throw ClearinghouseError(
                .quotaExceeded,
                "Your organization may submit \(dailyQuota) findings per 24 hours; it submitted \(quality.recentFindings), and this submission holds \(drafts.count). Try again later or ask a coordinator."
            )
        }
        let fingerprints = drafts.reduce(0) { $0 + $1.fingerprints.count }
        if let dailyQuota, quality.recentFingerprints + fingerprints > dailyQuota * Self.fingerprintsPerFinding {
            throw ClearinghouseError(
                .quotaExceeded,
                "Your organization's quota of \(dailyQuota) findings per 24 hours allows \(dailyQuota * Self.fingerprintsPerFinding) fingerprints (aliases, locations, crash states); it claimed \(quality.recentFingerprints), and this submission claims \(fingerprints). Name fewer aliases, try again later, or ask a coordinator."
            )
        }
        if requiresProof(quality), let index = drafts.firstIndex(where: { $0.artifacts.isEmpty }) {
            let precision = Int(((quality.precision ?? 0) * 100).rounded())
            throw .invalidField(
                drafts.count > 1 ? "findings[\(index)].artifacts" : "artifacts",
                "Your organization's precision (\(precision)% of judged cases validated) is below the floor a coordinator set, so every finding must cite a proof artifact: upload it with `POST /v1/artifacts` and list it in `artifacts`."
            )
        }
    }
}
