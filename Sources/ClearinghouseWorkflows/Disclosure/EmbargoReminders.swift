public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// Reminds those on a case, by webhook, that its public date is near and then that it has come; each reminder
/// once for each date, with an audit event, written with its webhooks in one transaction.
public enum EmbargoReminders {
    /// The scheduled job: every `period`, reads the active embargoes whose date is within the longest lead time,
    /// in batches of 500, and sends the reminders due.
    public static func job(
        every period: Duration = .seconds(60), leadTimes: [TimeInterval] = DeadlineReminder.standardLeadTimes
    ) -> ScheduledJob {
        ScheduledJob(name: "embargo.reminders", every: period) { context in
            let horizon = context.dependencies.now().addingTimeInterval(leadTimes.max() ?? 0)
            var sent = 0
            var after: String?
            while true {
                let position = after
                let batch = try await context.store.read {
                    try await $0.disclosure.active(dueBefore: horizon, after: position, limit: 500)
                }
                for caseID in batch where try await remind(caseID, leadTimes: leadTimes, context: context) {
                    sent += 1
                }
                guard batch.count == 500, let last = batch.last else { break }
                after = last.rawValue
            }
            return sent == 0 ? nil : "sent \(sent) embargo reminders"
        }
    }

    /// Sends the reminder a case's embargo is due, reading it again in the transaction.
    ///
    /// - Returns: whether one was sent.
    static func remind(_ caseID: Case.ID, leadTimes: [TimeInterval], context: JobContext) async throws -> Bool {
        let dependencies = context.dependencies
        let now = dependencies.now()
        // Most runs find nothing due: decided on a read, so that only a reminder to send opens a write.
        let due = try await context.store.read { repositories -> Bool in
            guard let embargo = try await repositories.disclosure.embargo(of: caseID),
                let reminder = EmbargoReminder.due(for: embargo, at: now, leadTimes: leadTimes)
            else { return false }
            return try await !repositories.disclosure.wasSent(reminder)
        }
        guard due else { return false }
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: now, actor: .scheduler, action: .embargoRemind,
            target: .case(caseID), requestID: nil, outcome: .success)
        do {
            return try await context.commits.commit(event) { repositories in
                guard let embargo = try await repositories.disclosure.embargo(of: caseID, locking: true),
                    let reminder = EmbargoReminder.due(for: embargo, at: now, leadTimes: leadTimes),
                    let found = try await repositories.cases.find(caseID),
                    try await repositories.disclosure.recordReminder(reminder, at: now)
                else { throw NothingDue() }
                let notices = try await WebhookNotices.enqueue(
                    [.embargoReminder(reminder, of: found, at: now)], repositories: repositories,
                    dependencies: dependencies)
                return Recorded(true, outbox: notices)
            }
        } catch is NothingDue {
            return false
        }
    }

    private struct NothingDue: Error {}
}
