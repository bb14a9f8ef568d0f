public import SSVC

/// How urgent work is, in the four levels of CISA's coordinator tree, from most to least urgent. Decisions of
/// CERT/CC's deployer and supplier trees map onto them by rank (Immediate is Act, Out-of-Cycle Attend, Scheduled
/// Track*, Defer Track).
public enum PriorityTier: Int, Sendable, Hashable, CaseIterable, Comparable {
    case act = 0
    case attend
    case trackStar
    case track

    /// The name CISA gives the level.
    public var name: String {
        switch self {
        case .act: "Act"
        case .attend: "Attend"
        case .trackStar: "Track*"
        case .track: "Track"
        }
    }

    /// The level a decision's outcome means, or nil for tables whose outcomes are not priorities (publication,
    /// triage, impact).
    public init?(_ decision: SSVCDecision) {
        let ranks: [String]
        if decision.outcomePoint.hasPrefix("cisa:CISA:") {
            ranks = ["AC", "AT", "T*", "T"]
        } else if decision.outcomePoint.hasPrefix("ssvc:DSOI:") {
            ranks = ["I", "O", "S", "D"]
        } else {
            return nil
        }
        guard let rank = ranks.firstIndex(of: decision.outcome), let tier = PriorityTier(rawValue: rank) else {
            return nil
        }
        self = tier
    }

    /// A level by its name, in any letter case (`act`, `Track*`, `track-star`).
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "track-star" {
            self = .trackStar
            return
        }
        guard let tier = Self.allCases.first(where: { $0.name.lowercased() == lowered }) else { return nil }
        self = tier
    }

    public static func < (lhs: PriorityTier, rhs: PriorityTier) -> Bool { lhs.rawValue < rhs.rawValue }
}
