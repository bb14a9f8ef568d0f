public import ClearinghouseCore
import ClearinghouseStore

/// Lapses leases whose holders stopped sending heartbeats, or whose windows ended while they were active, each with
/// an audit event, so that the scope is free again and the record says the scan did not complete.
public enum ScanLeaseExpiry {
    /// The scheduled job: every `period`, reads the active leases in batches of 500 and lapses those due.
    public static func job(every period: Duration = .seconds(60), policy: ScanPolicy) -> ScheduledJob {
        ScheduledJob(name: "scan.lease_expiry", every: period) { context in
            var lapsed = 0
            var after: String?
            while true {
                let position = after
                let batch = try await context.store.read { try await $0.scanLeases.active(after: position, limit: 500) }
                lapsed += try await lapse(batch, policy: policy, context: context)
                guard batch.count == 500, let last = batch.last else { break }
                after = last.id.rawValue
            }
            return lapsed == 0 ? nil : "lapsed \(lapsed) scan leases"
        }
    }

    /// Lapses the leases of `batch` that are due, each in a transaction of its own that reads it again, so that a
    /// heartbeat or an end that came in meanwhile wins and leaves no event.
    static func lapse(_ batch: [ScanLease], policy: ScanPolicy, context: JobContext) async throws -> Int {
        let dependencies = context.dependencies
        let now = dependencies.now()
        var lapsed = 0
        for lease in batch where lease.lapses(at: now, policy: policy) {
            let event = AuditEvent(
                id: dependencies.makeID(), occurredAt: now, actor: .scheduler, action: .scanLapse,
                target: .scanLease(lease.id), requestID: nil, outcome: .success,
                detail: now >= lease.claim.endsAt ? "window ended" : "no heartbeat since \(lease.heartbeatAt)")
            do {
                try await context.commits.commit(event) { repositories in
                    guard let current = try await repositories.scanLeases.find(lease.id),
                        current.lapses(at: now, policy: policy)
                    else { throw NoLongerDue() }
                    try await repositories.scanLeases.update(current.closed(.lapsed, at: now))
                    return .nothing
                }
                lapsed += 1
            } catch is NoLongerDue {
                continue
            }
        }
        return lapsed
    }

    private struct NoLongerDue: Error {}
}
