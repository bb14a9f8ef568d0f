import ClearinghouseCore
import TLP

/// The organizations of the authorization matrix's world: one of every kind, verified, and two unverified ones.
/// The operator holds the records the matrix reads; the vendor is on their need-to-know lists.
enum MatrixOrganization: String, CaseIterable, Sendable {
    case coordinator
    case owner
    case participant
    case validator
    case researcher
    case aiDeveloper = "ai-developer"
    case government
    case unverifiedResearcher = "unverified-researcher"
    case unverifiedCoordinator = "unverified-coordinator"

    var kind: OrganizationKind {
        switch self {
        case .coordinator, .unverifiedCoordinator: .coordinator
        case .owner: .operator
        case .participant: .vendor
        case .validator: .validator
        case .researcher, .unverifiedResearcher: .researcher
        case .aiDeveloper: .aiDeveloper
        case .government: .government
        }
    }

    var isVerified: Bool { self != .unverifiedResearcher && self != .unverifiedCoordinator }
    var isVerifiedCoordinator: Bool { self == .coordinator }
}

/// Who sends a request in one cell: nobody, or a token of some role of one of the world's organizations.
struct MatrixCaller: Sendable, CustomStringConvertible {
    let organization: MatrixOrganization?
    let role: TokenRole?
    let token: String?

    static let anonymous = MatrixCaller(organization: nil, role: nil, token: nil)

    var description: String {
        guard let organization, let role else { return "anonymous" }
        return "\(organization.rawValue) \(role.rawValue)"
    }

    var isMember: Bool { organization != nil }
    var isVerifiedCoordinator: Bool { organization?.isVerifiedCoordinator == true }

    func has(_ minimum: TokenRole) -> Bool {
        guard let role else { return false }
        return role >= minimum
    }

    /// Whether the caller may read a record with this label, holder and need-to-know list, as the table of
    /// `docs/access-policy.md` says; written out here on its own so that the matrix does not test the policy
    /// against itself.
    func reads(_ label: TLPLabel, holders: Set<MatrixOrganization>) -> Bool {
        if label == .clear { return true }
        guard let organization, let role else { return false }
        if holders.contains(organization) { return label != .red || role != .reader }
        switch label {
        case .green: return organization.isVerified
        case .amber, .amberStrict: return organization.isVerifiedCoordinator
        case .clear, .red: return false
        }
    }
}
