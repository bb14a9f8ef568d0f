import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseTestSupport
import Foundation
import Testing

@Suite struct OrganizationRepositoryTests {
    @Test(arguments: engines)
    func organizationsRoundTripAndVerify(engine: Dialect) async throws {
        let fixtures = StoreFixtures()
        try await Store.withTestStore(engine) { store async throws in
            let organization = fixtures.organization(.operator, name: "Valley Water")
            try await store.write(fixtures.event(.organizationCreate)) {
                try await $0.organizations.insert(organization)
            }
            #expect(try await store.read { try await $0.organizations.find(organization.id) } == organization)

            let coordinator = fixtures.organization(.coordinator)
            try await store.write(fixtures.event(.organizationCreate)) {
                try await $0.organizations.insert(coordinator)
            }
            let verification = Verification.verified(at: fixtures.clock.now, by: coordinator.id)
            try await store.write(fixtures.event(.organizationVerify)) {
                try await $0.organizations.setVerification(verification, of: organization.id)
            }
            let verified = try await store.read { try await $0.organizations.find(organization.id) }
            #expect(verified?.verification == verification)
            #expect(try await store.read { try await $0.organizations.find(fixtures.dependencies.makeID()) } == nil)
        }
    }

    @Test(arguments: engines)
    func listsInCreationOrderAfterAKey(engine: Dialect) async throws {
        let fixtures = StoreFixtures()
        try await Store.withTestStore(engine) { store async throws in
            let created = (0..<7).map { index in
                fixtures.clock.advance(by: 1)
                return fixtures.organization(name: "Org \(index)")
            }
            try await store.write(fixtures.event(.organizationCreate)) { repositories in
                for organization in created.shuffled() {
                    try await repositories.organizations.insert(organization)
                }
            }
            let first = try await store.read { try await $0.organizations.list(after: nil, limit: 3) }
            #expect(first.map(\.name) == ["Org 0", "Org 1", "Org 2"])
            let rest = try await store.read {
                try await $0.organizations.list(after: first.last!.id.rawValue, limit: 10)
            }
            #expect(rest.map(\.name) == ["Org 3", "Org 4", "Org 5", "Org 6"])
            #expect(try await store.read { try await $0.organizations.count() } == 7)
        }
    }
}

@Suite struct TokenRepositoryTests {
    @Test(arguments: engines)
    func tokensAreFoundByPrefixWithTheirOrganization(engine: Dialect) async throws {
        let fixtures = StoreFixtures()
        try await Store.withTestStore(engine) { store async throws in
            let (organization, issued) = try await fixtures.organizationWithToken(in: store)
            let found = try await store.read { try await $0.tokens.findForAuthentication(prefix: issued.secret.prefix) }
            #expect(found?.token == issued.token)
            #expect(found?.organization == organization)
            #expect(
                try await store.read { try await $0.tokens.findForAuthentication(prefix: "0000000000000000") } == nil)
            #expect(try await store.read { try await $0.tokens.find(issued.token.id) } == issued.token)
        }
    }

    @Test(arguments: engines)
    func revocationIsRecordedOnceAndUseIsRecorded(engine: Dialect) async throws {
        let fixtures = StoreFixtures()
        try await Store.withTestStore(engine) { store async throws in
            let (organization, issued) = try await fixtures.organizationWithToken(in: store)
            let id = issued.token.id
            let first = fixtures.clock.now
            try await store.recordTokenUse(id, at: first)
            try await store.write(fixtures.event(.tokenRevoke)) { try await $0.tokens.revoke(id, at: first) }
            try await store.write(fixtures.event(.tokenRevoke)) {
                try await $0.tokens.revoke(id, at: first.addingTimeInterval(60))
            }
            let token = try await store.read { try await $0.tokens.find(id) }
            #expect(token?.revokedAt == first)
            #expect(token?.lastUsedAt == first)
        }
    }

    @Test(arguments: engines)
    func listsAnOrganizationsTokensOnly(engine: Dialect) async throws {
        let fixtures = StoreFixtures()
        try await Store.withTestStore(engine) { store async throws in
            let mine = fixtures.organization(name: "Mine")
            let theirs = fixtures.organization(name: "Theirs")
            let tokens = try (0..<3).map { _ in try fixtures.token(for: mine.id).token }
            let other = try fixtures.token(for: theirs.id).token
            try await store.write(fixtures.event(.tokenCreate)) { repositories in
                try await repositories.organizations.insert(mine)
                try await repositories.organizations.insert(theirs)
                for token in tokens + [other] {
                    try await repositories.tokens.insert(token)
                }
            }
            let listed = try await store.read { try await $0.tokens.list(of: mine.id, after: nil, limit: 10) }
            #expect(listed.map(\.id) == tokens.map(\.id).sorted())
        }
    }

    @Test(arguments: engines)
    func aDuplicatePrefixIsAConflictAndWritesNothing(engine: Dialect) async throws {
        let fixtures = StoreFixtures()
        try await Store.withTestStore(engine) { store async throws in
            let (organization, issued) = try await fixtures.organizationWithToken(in: store)
            var token = try fixtures.token(for: organization.id).token
            token.prefix = issued.token.prefix
            let clash = token
            let event = fixtures.event(.tokenCreate, target: .token(clash.id))
            await #expect {
                try await store.write(event) { try await $0.tokens.insert(clash) }
            } throws: { ($0 as? ClearinghouseError)?.code == .conflict }
            #expect(try await store.read { try await $0.tokens.find(clash.id) } == nil)
            let audit = try await store.read {
                try await $0.audit.list(AuditFilter(targetID: clash.id.rawValue), before: nil, limit: 10)
            }
            #expect(audit.isEmpty)
        }
    }
}
