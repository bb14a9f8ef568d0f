public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// Tells each evaluator, by webhook, that its access window closes soon (once, 48 hours before the end), and once the
/// window has ended, asks for its attestation until it is given (every 72 hours). Each reminder is sent once among
/// all nodes, with an audit event, written with its webhook in one transaction. Access itself needs no job: a
/// window's state follows from its dates, so it ends by itself.
public enum AccessWindowReminders {
    /// The scheduled job: every `period`, reads the reminders due, at most 500 a run, and sends them.
    public static func job(
        every period: Duration = .seconds(300), lead: TimeInterval = WindowReminder.closingLead,
        chaseInterval: TimeInterval = WindowReminder.chaseInterval
    ) -> ScheduledJob {
        ScheduledJob(name: "access_window.reminders", every: period) { context in
            let now = context.dependencies.now()
            let due = try await context.store.read { repositories in
                try await repositories.accessWindows.dueReminders(
                    at: now, lead: lead, chaseInterval: chaseInterval, limit: 500)
            }
            var sent = 0
            for (reminder, window, evaluator) in due
            where try await send(reminder, window, evaluator, at: now, chaseInterval: chaseInterval, context: context) {
                sent += 1
            }
            return sent == 0 ? nil : "sent \(sent) access-window reminders"
        }
    }

    /// Sends one reminder, unless another node sent it meanwhile.
    ///
    /// - Returns: whether it was sent.
    static func send(
        _ reminder: WindowReminder, _ id: AccessWindow.ID, _ evaluator: Organization.ID, at now: Date,
        chaseInterval: TimeInterval, context: JobContext
    ) async throws -> Bool {
        let dependencies = context.dependencies
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: now, actor: .scheduler, action: .accessWindowRemind,
            target: .accessWindow(id), requestID: nil, outcome: .success, detail: "\(evaluator) \(reminder.rawValue)")
        do {
            return try await context.commits.commit(event) { repositories in
                guard
                    try await repositories.accessWindows.recordReminder(
                        reminder, window: id, evaluator: evaluator, at: now, chaseInterval: chaseInterval),
                    let window = try await repositories.accessWindows.find(id)
                else { throw NothingDue() }
                let notices = try await WebhookNotices.enqueue(
                    [.accessWindowReminder(reminder, window: window, evaluator: evaluator, at: now)],
                    repositories: repositories, dependencies: dependencies)
                return Recorded(true, outbox: notices)
            }
        } catch is NothingDue {
            return false
        }
    }

    private struct NothingDue: Error {}
}
