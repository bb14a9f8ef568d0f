public import Foundation

/// How a scan looks at its scope.
public enum ScanTechnique: String, Codable, Sendable, CaseIterable {
    case sast, fuzzing, dast, network
    case aiAgent = "ai-agent"

    /// Reads a technique as a request names it.
    ///
    /// - Throws: `invalid_field` naming `field`, with the techniques there are.
    public init(named name: String, field: String) throws(ClearinghouseError) {
        guard let technique = ScanTechnique(rawValue: name) else {
            let names = Self.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            throw .invalidField(field, "`\(field)` is one of \(names).")
        }
        self = technique
    }
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

    /// The provenance with each field checked as one line of text (trimmed, bounded, no control characters).
    func checked() throws(ClearinghouseError) -> ScanProvenance {
        func line(_ value: String, _ field: String) throws(ClearinghouseError) -> String {
            try TextRules.singleLine(value, field: "agent.\(field)", maximumLength: Self.maximumLength)
        }
        return ScanProvenance(
            tool: try line(tool, "tool"), model: try model.map { value throws(ClearinghouseError) in try line(value, "model") },
            version: try version.map { value throws(ClearinghouseError) in try line(value, "version") })
    }
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
        let duration = try policy.duration(durationSeconds)
        self.scope = scope
        self.technique = technique
        self.agent = try agent.checked()
        self.startsAt = start
        self.endsAt = start.addingTimeInterval(duration)
        self.allowsOverlap = allowsOverlap
    }
}
