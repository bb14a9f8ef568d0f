public import ClearinghouseCore
import ClearinghouseStore

/// Closes validation claims that lapsed without an attestation, each with an audit event, so that the record
/// says when a validator's turn ended, and takes the validator off the case's need-to-know list the claim put it
/// on (unless it attested on the case, or holds another open claim there). Offering jobs already skips lapsed claims by their expiry; this makes the
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

    /// The (validator, case) pairs whose access came from the lapsed claims.
    private static func accessToReview(
        _ lapsed: [ValidationClaim], repositories: Repositories
    ) async throws -> [(Organization.ID, Case.ID)] {
        var pairs: [(Organization.ID, Case.ID)] = []
        var seen: Set<String> = []
        for claim in lapsed {
            guard let job = try await repositories.validation.job(claim.jobID),
                seen.insert("\(claim.organization) \(job.caseID)").inserted
            else { continue }
            pairs.append((claim.organization, job.caseID))
        }
        return pairs
    }

    /// Closes up to `limit` lapsed claims in one transaction; a validator whose only reason to be on a case's
    /// need-to-know list was the lapsed claim is taken off it, and the withdrawal is logged.
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
            var withdrawals: [LogEntryDraft] = []
            var removals: [AuditEvent] = []
            for (organization, caseID) in try await Self.accessToReview(lapsed, repositories: repositories) {
                guard let found = try await repositories.cases.find(caseID), found.participants.contains(organization),
                    !(try await repositories.validation.keepsValidationAccess(organization, toCase: caseID, at: now))
                else { continue }
                try await repositories.cases.removeParticipant(organization, from: caseID, at: now)
                withdrawals.append(
                    .caseChanged(
                        .caseParticipantRemove, found,
                        details: ["organization_id": .string(organization.rawValue), "reason": .string("validation_claim_lapsed")],
                        at: now, dependencies: dependencies))
                removals.append(
                    AuditEvent(
                        id: dependencies.makeID(), occurredAt: now, actor: .scheduler, action: .caseParticipantRemove,
                        target: .case(caseID), requestID: nil, outcome: .success,
                        detail: "\(organization): its validation claim lapsed without an attestation"))
            }
            return Recorded((), log: withdrawals, events: Array(events.dropFirst()) + removals)
        }
        return lapsed.count
    }
}
