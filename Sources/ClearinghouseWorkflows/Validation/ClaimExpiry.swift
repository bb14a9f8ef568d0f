public import ClearinghouseCore
import ClearinghouseStore

/// Closes validation claims that lapsed without an attestation, each with an audit event, so that the record
/// says when a validator's turn ended. Offering jobs already skips lapsed claims by their expiry; this makes the
/// lapse a recorded fact instead of something every reader works out.
public enum ClaimExpiry {
    /// The scheduled job: every `period`, closes up to 500 lapsed claims per transaction until none are left.
    public static func job(every period: Duration = .seconds(60)) -> ScheduledJob {
        ScheduledJob(name: "validation.claim_expiry", every: period) { context in
            var closed = 0
            while true {
                let count = try await closeLapsed(context: context, limit: 500)
                closed += count
                if count < 500 { break }
            }
            return closed == 0 ? nil : "closed \(closed) lapsed claims"
        }
    }

    /// Closes up to `limit` lapsed claims in one transaction.
    ///
    /// - Returns: how many were closed.
    static func closeLapsed(context: JobContext, limit: Int) async throws -> Int {
        let dependencies = context.dependencies
        let now = dependencies.now()
        let lapsed = try await context.store.read { try await $0.validation.lapsedClaims(at: now, limit: limit) }
        guard !lapsed.isEmpty else { return 0 }
        let events = lapsed.map { claim in
            AuditEvent(
                id: dependencies.makeID(), occurredAt: now, actor: .scheduler, action: .validationClaimExpire,
                target: .validationJob(claim.jobID), requestID: nil, outcome: .success,
                detail: "organization \(claim.organization), claimed \(claim.claimedAt), lapsed \(claim.expiresAt)")
        }
        try await context.commits.commit(events[0]) { repositories in
            try await repositories.validation.closeLapsed(lapsed.map(\.id), at: now)
            return Recorded((), events: Array(events.dropFirst()))
        }
        return lapsed.count
    }
}
