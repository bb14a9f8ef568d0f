import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseTestSupport
import Foundation

/// Domain values for store tests, with whole-second times so that they round-trip exactly.
struct StoreFixtures {
    let clock = TestClock()
    let dependencies: Dependencies

    init(seed: UInt64 = 1) {
        dependencies = .test(clock: clock, seed: seed)
    }

    func organization(_ kind: OrganizationKind = .vendor, name: String = "Acme") -> Organization {
        Organization(
            id: dependencies.makeID(), name: name, kind: kind, sector: kind == .operator ? .energy : nil,
            contacts: [Contact(name: "PSIRT", email: "psirt@acme.example", phone: nil, role: "triage")],
            verification: .pending, createdAt: clock.now)
    }

    func token(for organization: Organization.ID, role: TokenRole = .analyst) throws -> IssuedToken {
        try TokenRequest(role: role.rawValue, name: "ci", expiresAt: nil)
            .issue(for: organization, createdBy: nil, dependencies: dependencies)
    }

    /// Stores a new organization with one token.
    func organizationWithToken(in store: Store) async throws -> (Organization, IssuedToken) {
        let organization = organization()
        let issued = try token(for: organization.id)
        try await store.write(event(.tokenCreate)) { repositories in
            try await repositories.organizations.insert(organization)
            try await repositories.tokens.insert(issued.token)
        }
        return (organization, issued)
    }

    func event(_ action: AuditAction, target: AuditTarget? = nil, actor: Organization.ID? = nil) -> AuditEvent {
        AuditEvent(
            id: dependencies.makeID(), occurredAt: clock.now,
            actor: AuditActor(organizationID: actor, tokenID: nil, channel: .api), action: action, target: target,
            requestID: "req-1", outcome: .success)
    }
}

/// Every engine the store runs on: each store test runs once per engine.
let engines = Dialect.allCases
