public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// Reminds each vendor on a validated case, by webhook, that its deadline to fix it is near and then that it has
/// come (``RemediationDeadline``): each reminder once for each due date, with an audit event, written with its
/// webhook in one transaction. The vendor alone is told; nobody else learns of the case.
public enum RemediationReminders {
    /// The scheduled job: every `period`, reads the cases awaiting fixes, in batches of 500, and sends the
    /// reminders due.
    public static func job(
        policy: PriorityPolicy, every period: Duration = .seconds(300),
        leadTimes: [TimeInterval] = DeadlineReminder.standardLeadTimes
    ) -> ScheduledJob {
        ScheduledJob(name: "remediation.reminders", every: period) { context in
            let now = context.dependencies.now()
            // Most runs find nothing due: decided on reads, so that only a reminder to send opens a write.
            let due = try await context.store.read { repositories in
                try await dueReminders(at: now, policy: policy, leadTimes: leadTimes, repositories: repositories)
            }
            var sent = 0
            for (kind, deadline) in due where try await send(kind, of: deadline, at: now, context: context) {
                sent += 1
            }
            return sent == 0 ? nil : "sent \(sent) remediation reminders"
        }
    }

    /// The reminders due at `now` and not sent yet.
    static func dueReminders(
        at now: Date, policy: PriorityPolicy, leadTimes: [TimeInterval], repositories: Repositories
    ) async throws -> [(DeadlineReminder, RemediationDeadline)] {
        let cases = try await repositories.cases.list(excluding: PriorityBoard.settledStates)
        var due: [(DeadlineReminder, RemediationDeadline)] = []
        for start in stride(from: 0, to: cases.count, by: 500) {
            let batch = Array(cases[start..<min(start + 500, cases.count)])
            let standings = try await standings(of: batch.filter(awaitsFixes), repositories: repositories)
            for deadline in try await deadlines(
                of: batch, standings: standings, policy: policy, repositories: repositories
            ).values.joined() {
                guard let kind = deadline.reminder(at: now, leadTimes: leadTimes),
                    try await !repositories.disclosure.wasSent(kind, of: deadline)
                else { continue }
                due.append((kind, deadline))
            }
        }
        return due
    }

    /// Where those on a case stand: the statuses they gave and the fixes they recorded.
    typealias Standing = (statuses: [ParticipantStatus], fixes: [CaseFix])

    /// Whether vendors on a case may owe fixes of it.
    static func awaitsFixes(_ found: Case) -> Bool {
        RemediationDeadline.remediationStates.contains(found.state) && found.mergedInto == nil
            && !found.participants.isEmpty
    }

    /// The standings of these cases, by case.
    static func standings(of cases: [Case], repositories: Repositories) async throws -> [Case.ID: Standing] {
        var standings: [Case.ID: Standing] = [:]
        for found in cases {
            standings[found.id] = (
                try await repositories.disclosure.statuses(of: found.id),
                try await repositories.caseFixes.fixes(of: found.id)
            )
        }
        return standings
    }

    /// The remediation deadlines of these cases, by case: one for each vendor on a case awaiting fixes that still
    /// owes one, from the case's standing (a case without one owes nothing).
    static func deadlines(
        of cases: [Case], standings: [Case.ID: Standing], policy: PriorityPolicy, repositories: Repositories
    ) async throws -> [Case.ID: [RemediationDeadline]] {
        let awaiting = cases.filter { awaitsFixes($0) && standings[$0.id] != nil }
        guard !awaiting.isEmpty else { return [:] }
        let open = try await OpenCaseCatalog.openCases(awaiting, from: repositories)
        let deciders = Set(open.values.flatMap(\.decisions).compactMap(\.decidedBy.organizationID))
        let organizations = try await repositories.organizations.find(
            deciders.union(awaiting.flatMap(\.participants)))
        let coordinators = Set(organizations.values.filter(\.isVerifiedCoordinator).map(\.id))
        let vendors = Set(organizations.values.filter { $0.kind == .vendor }.map(\.id))
        let knownExploited = try await repositories.threatFeeds.knownExploited(
            Set(open.values.flatMap(\.aliases).filter { $0.hasPrefix("CVE-") }))
        var deadlines: [Case.ID: [RemediationDeadline]] = [:]
        for found in awaiting {
            guard let openCase = open[found.id], let standing = standings[found.id] else { continue }
            deadlines[found.id] = RemediationDeadline.owed(
                on: openCase, vendors: vendors, statuses: standing.statuses,
                fixers: Set(standing.fixes.map(\.organization)), coordinators: coordinators,
                knownExploited: knownExploited, policy: policy)
        }
        return deadlines
    }

    /// Sends one reminder, unless another node sent it meanwhile.
    ///
    /// - Returns: whether it was sent.
    static func send(
        _ kind: DeadlineReminder, of deadline: RemediationDeadline, at now: Date, context: JobContext
    ) async throws -> Bool {
        let dependencies = context.dependencies
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: now, actor: .scheduler, action: .remediationRemind,
            target: .case(deadline.caseID), requestID: nil, outcome: .success,
            detail: "\(deadline.organization) \(kind.name)")
        do {
            return try await context.commits.commit(event) { repositories in
                guard try await repositories.disclosure.recordReminder(kind, of: deadline, at: now) else {
                    throw NothingDue()
                }
                let notices = try await WebhookNotices.enqueue(
                    [.remediationReminder(kind, of: deadline, at: now)], repositories: repositories,
                    dependencies: dependencies)
                return Recorded(true, outbox: notices)
            }
        } catch is NothingDue {
            return false
        }
    }

    private struct NothingDue: Error {}
}
