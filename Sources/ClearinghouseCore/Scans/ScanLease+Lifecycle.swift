public import Foundation

/// What a lease's holder may do with it while it is in force, and when the scheduler ends it.
extension ScanLease {
    /// Whether the lease lapses now: in force, started, and without a heartbeat for the policy's timeout (or past
    /// its end, whatever its heartbeats).
    public func lapses(at now: Date, policy: ScanPolicy) -> Bool {
        guard state == .active else { return false }
        let quietSince = max(heartbeatAt, claim.startsAt)
        return now >= claim.endsAt || now.timeIntervalSince(quietSince) > policy.heartbeatTimeout
    }

    /// The lease with a heartbeat at `now`.
    ///
    /// - Throws: `conflict` when the lease is no longer in force.
    public func beating(at now: Date) throws(ClearinghouseError) -> ScanLease {
        try requireInForce(at: now)
        var lease = self
        lease.heartbeatAt = now
        return lease
    }

    /// The lease with its window longer by `seconds`, which also counts as a heartbeat.
    ///
    /// - Throws: `invalid_field` (`duration_seconds`) when the extension is outside the policy's bounds or would end
    ///   the lease more than the policy's maximum duration from now; `conflict` when the lease is no longer in force.
    public func extended(bySeconds seconds: Int, at now: Date, policy: ScanPolicy) throws(ClearinghouseError)
        -> ScanLease
    {
        try requireInForce(at: now)
        let end = claim.endsAt.addingTimeInterval(try policy.duration(seconds))
        guard end <= now.addingTimeInterval(policy.maximumDuration) else {
            throw .invalidField(
                "duration_seconds",
                "A lease ends at most \(Int(policy.maximumDuration)) s from now; extend it again later.")
        }
        var lease = self
        lease.claim = ScanClaim(
            stored: claim.scope, technique: claim.technique, agent: claim.agent, startsAt: claim.startsAt, endsAt: end,
            allowsOverlap: claim.allowsOverlap)
        lease.heartbeatAt = now
        return lease
    }

    /// The lease ended by its holder: released (the scope is free again, and counts as not scanned) or completed
    /// with what the scan found (the scope counts as scanned, for the cool-down and the coverage map).
    ///
    /// - Throws: `conflict` when the lease is no longer in force.
    public func ended(_ state: State, summary: ScanSummary? = nil, at now: Date) throws(ClearinghouseError)
        -> ScanLease
    {
        precondition(state == .released || state == .completed, "a holder releases or completes a lease")
        try requireInForce(at: now)
        var lease = self
        lease.state = state
        lease.summary = summary?.counts
        lease.finishedAt = now
        return lease
    }

    /// The lease ended by the scheduler (`lapsed`) or by the revocation of its grant (`revoked`).
    public func closed(_ state: State, at date: Date) -> ScanLease {
        var lease = self
        lease.state = state
        lease.finishedAt = min(date, claim.endsAt)
        return lease
    }

    private func requireInForce(at now: Date) throws(ClearinghouseError) {
        guard state == .active else {
            throw ClearinghouseError(.conflict, "This lease is \(state.rawValue); claim a new one.")
        }
        guard now < claim.endsAt else {
            throw ClearinghouseError(.conflict, "This lease's window is over; claim a new one.")
        }
    }
}

/// What a completed scan found, as counts by name: `{"findings": 3, "targets": 120}`.
public struct ScanSummary: Sendable, Hashable {
    public static let maximumCounts = 20
    public static let maximumCount = 1_000_000_000
    public static let maximumNameLength = 40

    public let counts: [String: Int]

    /// Checks counts as a request gives them.
    ///
    /// - Throws: `invalid_field` (`summary`) for more than 20 counts, a name that is not 1 to 40 lower-case letters,
    ///   digits and underscores, or a count outside 0…1,000,000,000.
    public init(_ counts: [String: Int]) throws(ClearinghouseError) {
        guard counts.count <= Self.maximumCounts else {
            throw .invalidField("summary", "`summary` holds at most \(Self.maximumCounts) counts.")
        }
        for (name, count) in counts {
            guard (1...Self.maximumNameLength).contains(name.utf8.count),
                name.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F })
            else {
                throw .invalidField(
                    "summary",
                    "Each name in `summary` is 1 to \(Self.maximumNameLength) lower-case letters, digits and underscores, such as `findings`.")
            }
            guard (0...Self.maximumCount).contains(count) else {
                throw .invalidField("summary", "Each count in `summary` is from 0 to \(Self.maximumCount).")
            }
        }
        self.counts = counts
    }
}
