public import ClearinghouseCore
public import Foundation

extension Repositories {
    /// Folds submitted findings into cases and stores them, inside a write transaction; returns what was stored and
    /// the log entry that credits the first finders of the cases it opened, for the caller to append.
    ///
    /// It takes the transparency log's row lock before it looks fingerprints up, so submissions on every server
    /// node are folded one after the other and one vulnerability cannot open two cases, and an organization's quota
    /// is counted exactly.
    ///
    /// - Parameters:
    ///   - submission: The findings, checked, in submission order.
    ///   - intake: Who submits them, and the label of the cases they open.
    /// - Throws: `quota_exceeded` or `invalid_field` when the reporter's intake policy refuses the submission.
    public func fold(
        _ submission: FindingIntake.Submission, through intake: FindingIntake
    ) async throws -> (plan: FindingIntake.Plan, credit: LogEntryDraft?) {
        let now = intake.dependencies.now()
        _ = try await log.state(locking: true)
        let policy = try await reporters.policy(of: intake.reporter)
        if policy != IntakePolicy() {
            let quality = try await reporters.quality(of: intake.reporter, now: now)
            try policy.check(submission.drafts, from: quality)
        }
        let known = try await findings.cases(holding: submission.allFingerprints)
        let plan = intake.plan(submission, known: known)
        try await findings.commit(plan, at: now)
        guard !plan.openedCases.isEmpty else { return (plan, nil) }
        let credit = LogEntryDraft.findingsReported(
            cases: plan.openedCases, findings: plan.findings, label: intake.label, reporter: intake.reporter,
            dependencies: intake.dependencies)
        return (plan, credit)
    }
}
