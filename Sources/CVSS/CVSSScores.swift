/// A vector's scores, with the qualitative severity of the most specific one.
public struct CVSSScores: Sendable, Hashable {
    public let version: CVSSVector.Version
    public let base: Double
    /// CVSS 2 and 3.x: the temporal score. CVSS 4.0: the score with the threat metrics (CVSS-BT).
    public let temporalOrThreat: Double
    /// CVSS 2 and 3.x: the environmental score. CVSS 4.0: the score with every metric given (CVSS-BTE).
    public let environmental: Double

    public init(version: CVSSVector.Version, base: Double, temporalOrThreat: Double, environmental: Double) {
        self.version = version
        self.base = base
        self.temporalOrThreat = temporalOrThreat
        self.environmental = environmental
    }

    /// The severity of the environmental score (which equals the others when no further metric is given). CVSS 2
    /// has no critical rating (NVD: low below 4.0, medium below 7.0, high from 7.0).
    public var severity: Severity {
        guard version == .v2_0 else { return Severity(environmental) }
        return environmental < 4 ? .low : environmental < 7 ? .medium : .high
    }

    /// The qualitative severity rating of a score, the same in CVSS 3.x and 4.0.
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        case none = "NONE", low = "LOW", medium = "MEDIUM", high = "HIGH", critical = "CRITICAL"

        public init(_ score: Double) {
            switch score {
            case ..<0.1: self = .none
            case ..<4.0: self = .low
            case ..<7.0: self = .medium
            case ..<9.0: self = .high
            default: self = .critical
            }
        }
    }
}

extension CVSSVector {
    /// Scores the vector as its version's specification says.
    public var scores: CVSSScores {
        switch version {
        case .v2_0: CVSS2(self).scores
        case .v3_0, .v3_1: CVSS3(self).scores
        case .v4_0: CVSS4(self).scores
        }
    }
}
