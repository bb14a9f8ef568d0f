public import ClearinghouseCore
public import Foundation

extension Repositories {
    /// Folds submitted findings into cases and stores them, inside a write transaction; returns what was stored and
    /// the log entry that credits the first finders of the cases it opened, for the caller to append.
    ///
    /// It takes the transparency log's row lock before it looks fingerprints up, so submissions on every server
    /// node are folded one after the other and one vulnerability cannot open two cases, and an organization's quota
    /// is counted exactly. A finding about infrastructure (with a `network` place) that rests on no lease of its
    /// reporter covering the place is flagged, with the verified owner of the place, in the same transaction.
    ///
    /// - Parameters:
    ///   - submission: The findings, checked, in submission order.
    ///   - intake: Who submits them, and the label of the cases they open.
    /// - Throws: `quota_exceeded` or `invalid_field` when the reporter's intake policy refuses the submission.
    public func fold(
        _ submission: FindingIntake.Submission, through intake: FindingIntake
    ) async throws -> (plan: FindingIntake.Plan, credit: LogEntryDraft?) {
        let now = intake.dependencies.now()
        // The change feed's lock before the log's, in the order every other write takes them.
        try await changes.lock()
        _ = try await log.state(locking: true)
        let policy = try await reporters.policy(of: intake.reporter)
        if policy != IntakePolicy() {
            let quality = try await reporters.quality(of: intake.reporter, now: now)
            try policy.check(submission.drafts, from: quality)
        }
        let known = try await findings.cases(holding: submission.allFingerprints)
        var plan = intake.plan(submission, known: known)
        let flags = try await flagUnauthorizedScans(in: &plan, reporter: intake.reporter, at: now)
        try await findings.commit(plan, at: now)
        try await unauthorizedScans.insert(flags)
        guard !plan.openedCases.isEmpty else { return (plan, nil) }
        let credit = LogEntryDraft.findingsReported(
            cases: plan.openedCases, findings: plan.findings, label: intake.label, reporter: intake.reporter,
            dependencies: intake.dependencies)
        return (plan, credit)
    }

    /// Judges each planned finding's `network` place against the lease it names, and returns the flags of those
    /// that rest on none, each with the verified asset holding its place. The leases and the assets of a whole
    /// submission are read at once: this runs under the log's lock.
    private func flagUnauthorizedScans(
        in plan: inout FindingIntake.Plan, reporter: Organization.ID, at now: Date
    ) async throws -> [UnauthorizedScan] {
        let places = plan.findings.compactMap(\.draft.network)
        guard !places.isEmpty else { return [] }
        let leases = try await scanLeases.find(Set(places.compactMap(\.lease)))
        var reasons: [Int: UnauthorizedScan.Reason] = [:]
        for index in plan.findings.indices {
            guard let place = plan.findings[index].draft.network else { continue }
            reasons[index] = UnauthorizedScan.reason(
                for: place, lease: place.lease.flatMap { leases[$0] }, reporter: reporter, at: now)
        }
        guard !reasons.isEmpty else { return [] }
        let owners = try await scanAssets.verified(
            holding: Set(reasons.keys.compactMap { plan.findings[$0].draft.network?.place }))
        return reasons.keys.sorted().compactMap { index in
            guard let reason = reasons[index], let place = plan.findings[index].draft.network else { return nil }
            plan.findings[index].unauthorizedScan = reason
            let asset = owners[place.place]
            return UnauthorizedScan(
                finding: plan.findings[index].id, reporter: reporter, place: place, reason: reason,
                asset: asset?.id, owner: asset?.owner, flaggedAt: now)
        }
    }
}
