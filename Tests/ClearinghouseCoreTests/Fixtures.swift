import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation

/// Builders for domain values in tests.
enum Fixtures {
    static let dependencies = Dependencies.test()

    static func organization(
        _ kind: OrganizationKind, verified: Bool = true, id: Organization.ID? = nil
    ) -> Organization {
        Organization(
            id: id ?? dependencies.makeID(), name: "\(kind.rawValue) org", kind: kind,
            sector: kind == .operator ? .healthcare : nil, contacts: [],
            verification: verified ? .verified(at: dependencies.now(), by: nil) : .pending,
            createdAt: dependencies.now())
    }

    static func member(_ organization: Organization, role: TokenRole) -> Member {
        let issued = try! TokenRequest(role: role.rawValue, name: nil, expiresAt: nil)
            .issue(for: organization.id, createdBy: nil, dependencies: dependencies)
        return Member(organization: organization, token: issued.token)
    }
}
