public import Foundation

/// How a scan looks at its scope.
public enum ScanTechnique: String, Codable, Sendable, CaseIterable {
    case sast, fuzzing, dast, network
    case aiAgent = "ai-agent"
}

/// What does the scanning, as the claimant declares it: the tool, and for an AI agent the model behind it.
public struct ScanProvenance: Codable, Sendable, Hashable {
    public var tool: String
    public var model: String?
    public var version: String?

    public static let maximumLength = 200

    public init(tool: String, model: String? = nil, version: String? = nil) {
        (self.tool, self.model, self.version) = (tool, model, version)
    }

    func checked() throws(ClearinghouseError) -> ScanProvenance {
        for (field, value) in [("tool", tool as String?), ("model", model), ("version", version)] {
            guard let value else { continue }
            guard (1...Self.maximumLength).contains(value.utf8.count),
                !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else {
                throw .invalidField(
                    "agent.\(field)", "`agent.\(field)` has 1 to \(Self.maximumLength) bytes and no control characters.")
            }
        }
        return self
    }
}

/// The instance's rules for scan claims (`serve` options).
public struct ScanPolicy: Sendable, Hashable {
    /// The longest lease one claim may ask for.
    public var maximumDuration: TimeInterval = 24 * 3_600
    /// The shortest.
    public var minimumDuration: TimeInterval = 60
    /// How long after a scope was scanned to completion with a technique a new claim on it is refused as
    /// `recently_scanned`, unless the claimant opts into overlap.
    public var coolDown: TimeInterval = 7 * 24 * 3_600
    /// How far ahead a lease may start.
    public var maximumLeadTime: TimeInterval = 30 * 24 * 3_600

    public init() {}
}

/// A claim on a scope for a window of time, checked.
public struct ScanClaim: Sendable, Hashable {
    public let scope: ScanScope
    public let technique: ScanTechnique
    public let agent: ScanProvenance
    public let startsAt: Date
    public let endsAt: Date
    /// The claimant accepts working beside overlapping leases and recent scans (never on `net` scopes while
    /// another participant holds them: that would double the load on someone's infrastructure).
    public let allowsOverlap: Bool

    /// A claim as it was stored, already checked.
    public init(
        stored scope: ScanScope, technique: ScanTechnique, agent: ScanProvenance, startsAt: Date, endsAt: Date,
        allowsOverlap: Bool
    ) {
        (self.scope, self.technique, self.agent, self.startsAt, self.endsAt, self.allowsOverlap) =
            (scope, technique, agent, startsAt, endsAt, allowsOverlap)
    }

    /// Checks a claim as `POST /v1/scans` gives it.
    ///
    /// - Throws: `invalid_field` for a window that starts in the past (more than a minute ago, for clock skew) or
    ///   too far ahead, or a duration outside the policy's bounds, naming the field.
    public init(
        scope: ScanScope, technique: ScanTechnique, agent: ScanProvenance, startsAt: Date?,
        durationSeconds: Int, allowsOverlap: Bool, now: Date, policy: ScanPolicy
    ) throws(ClearinghouseError) {
        let start = startsAt ?? now
        guard start >= now.addingTimeInterval(-60) else {
            throw .invalidField("starts_at", "`starts_at` is now or later; a lease cannot start in the past.")
        }
        guard start <= now.addingTimeInterval(policy.maximumLeadTime) else {
            throw .invalidField(
                "starts_at", "`starts_at` is at most \(Int(policy.maximumLeadTime / 86_400)) days ahead.")
        }
        guard TimeInterval(durationSeconds) >= policy.minimumDuration,
            TimeInterval(durationSeconds) <= policy.maximumDuration
        else {
            throw .invalidField(
                "duration_seconds",
                "`duration_seconds` is from \(Int(policy.minimumDuration)) to \(Int(policy.maximumDuration)) on this instance; extend a lease to keep it longer.")
        }
        self.scope = scope
        self.technique = technique
        self.agent = try agent.checked()
        self.startsAt = start
        self.endsAt = start.addingTimeInterval(TimeInterval(durationSeconds))
        self.allowsOverlap = allowsOverlap
    }
}

/// A lease in force or booked, as the deconfliction rules see it.
public struct HeldLease: Sendable, Hashable {
    public let id: String
    public let holder: Organization.ID
    public let scope: ScanScope
    public let technique: ScanTechnique
    public let startsAt: Date
    public let endsAt: Date

    public init(
        id: String, holder: Organization.ID, scope: ScanScope, technique: ScanTechnique, startsAt: Date, endsAt: Date
    ) {
        (self.id, self.holder, self.scope, self.technique, self.startsAt, self.endsAt) =
            (id, holder, scope, technique, startsAt, endsAt)
    }
}

/// A scan that ran to completion.
public struct CompletedScan: Sendable, Hashable {
    public let scope: ScanScope
    public let technique: ScanTechnique
    public let completedAt: Date

    public init(scope: ScanScope, technique: ScanTechnique, completedAt: Date) {
        (self.scope, self.technique, self.completedAt) = (scope, technique, completedAt)
    }
}

/// Whether a claim may have its lease.
public enum ClaimDecision: Sendable, Hashable {
    case granted
    /// Other participants' leases that overlap it, in scope and time.
    case conflict([HeldLease])
    /// The same scope was scanned to completion with the same technique within the cool-down; a new claim may
    /// start after `until`.
    case recentlyScanned(CompletedScan, until: Date)
}

/// The deconfliction rules, on what the store found around a claim.
///
/// Two leases conflict when they belong to different participants, their scopes overlap (``ScanScope/overlaps(_:)``)
/// and their windows share a moment, and either they use the same technique or the scope is a `net` one (two scans
/// of one network at once, whatever their techniques, double the load on its owner). A participant's own leases
/// never conflict with each other. A claimant that opts into overlap is granted beside `pkg` and `repo` leases.
public enum ScanDeconfliction {
    public static func decide(
        _ claim: ScanClaim, by claimant: Organization.ID, live: [HeldLease], completed: [CompletedScan],
        policy: ScanPolicy
    ) -> ClaimDecision {
        let conflicts = live.filter { lease in
            lease.holder != claimant && lease.scope.overlaps(claim.scope)
                && lease.startsAt < claim.endsAt && claim.startsAt < lease.endsAt
                && (lease.technique == claim.technique || claim.scope.kind == .net)
                && !(claim.allowsOverlap && claim.scope.kind != .net)
        }
        if !conflicts.isEmpty {
            return .conflict(conflicts.sorted { ($0.endsAt, $0.id) < ($1.endsAt, $1.id) })
        }
        guard !claim.allowsOverlap else { return .granted }
        let recent = completed
            .filter { $0.scope == claim.scope && $0.technique == claim.technique }
            .filter { $0.completedAt.addingTimeInterval(policy.coolDown) > claim.startsAt }
            .max { $0.completedAt < $1.completedAt }
        if let recent {
            return .recentlyScanned(recent, until: recent.completedAt.addingTimeInterval(policy.coolDown))
        }
        return .granted
    }
}
