public import ClearinghouseCore
public import Foundation

extension Store {
    /// Folds submitted findings into cases and commits them, with the submission's audit event and the log entry
    /// that credits the first finders, in one transaction.
    ///
    /// The transaction takes the transparency log's row lock before it looks fingerprints up, so submissions on
    /// every server node are folded one after the other and one vulnerability cannot open two cases, and an
    /// organization's quota is counted exactly.
    ///
    /// - Parameters:
    ///   - submission: The findings, checked, in submission order.
    ///   - intake: Who submits them, and the label of the cases they open.
    ///   - event: The submission's audit event.
    /// - Returns: What was committed, and how many log entries were appended.
    /// - Throws: `quota_exceeded` or `invalid_field` when the reporter's intake policy refuses the submission;
    ///   nothing is written then.
    public func submit(
        _ submission: FindingIntake.Submission, through intake: FindingIntake, event: AuditEvent
    ) async throws -> (plan: FindingIntake.Plan, logged: Int) {
        let now = intake.dependencies.now()
        return try await write(event) { repositories in
            _ = try await repositories.log.state(locking: true)
            let policy = try await repositories.reporters.policy(of: intake.reporter)
            if policy != IntakePolicy() {
                let quality = try await repositories.reporters.quality(of: intake.reporter, now: now)
                try policy.check(submission.drafts, from: quality)
            }
            let known = try await repositories.findings.cases(holding: submission.allFingerprints)
            let plan = intake.plan(submission, known: known)
            try await repositories.findings.commit(plan)
            guard !plan.openedCases.isEmpty else { return (plan, 0) }
            let credit = LogEntryDraft.findingsReported(
                cases: plan.openedCases, findings: plan.findings, label: intake.label, reporter: intake.reporter,
                dependencies: intake.dependencies)
            _ = try await repositories.log.append([credit], at: now)
            return (plan, 1)
        }
    }
}
