/// What a token may do within its organization. Roles are ordered: `reader < analyst < admin`.
public enum TokenRole: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Reads what the organization may see, except TLP:RED.
    case reader
    /// Reads everything the organization may see and does the organization's day-to-day work.
    case analyst
    /// Everything an analyst does, and manages the organization's tokens; coordinator admins also manage
    /// organizations.
    case admin

    private var rank: Int {
        switch self {
        case .reader: 0
        case .analyst: 1
        case .admin: 2
        }
    }

    public static func < (lhs: TokenRole, rhs: TokenRole) -> Bool {
        lhs.rank < rhs.rank
    }
}
