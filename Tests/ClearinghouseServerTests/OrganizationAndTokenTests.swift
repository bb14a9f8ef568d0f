import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

@Suite struct OrganizationAndTokenTests {
    /// The README's walkthrough: bootstrap, create and verify an organization, mint its token, `/v1/me`.
    @Test(arguments: engines)
    func walkthrough(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let me = try await api.send(.get, "/v1/me", token: api.coordinatorToken)
            #expect(me.status == .ok)
            let myOrganization = try #require(me["organization"] as? [String: Any])
            #expect(myOrganization["kind"] as? String == "coordinator")
            #expect((me["token"] as? [String: Any])?["role"] as? String == "admin")
            #expect((me["token"] as? [String: Any])?["secret_hash"] == nil)

            let created = try await api.send(
                .post, "/v1/organizations", token: api.coordinatorToken,
                json: #"""
                    {"name": "Valley General Hospital", "kind": "operator", "sector": "healthcare",
                     "contacts": [{"name": "Dana Reyes", "email": "security@valley.example", "role": "CISO"}]}
                    """#)
            #expect(created.status == .created)
            let id = try #require(created["id"] as? String)
            #expect(created.headers[.location] == "/v1/organizations/\(id)")
            #expect((created["verification"] as? [String: Any])?["state"] as? String == "pending")
            #expect(created["sector"] as? String == "healthcare")

            let verified = try await api.send(
                .post, "/v1/organizations/\(id)/verify", token: api.coordinatorToken,
                json: #"{"note": "Called the CISO on the number on the hospital's website."}"#)
            #expect(verified.status == .ok)
            let verification = try #require(verified["verification"] as? [String: Any])
            #expect(verification["state"] as? String == "verified")
            #expect(verification["verified_by"] as? String == api.coordinator.id.rawValue)

            let minted = try await api.send(
                .post, "/v1/organizations/\(id)/tokens", token: api.coordinatorToken,
                json: #"{"role": "admin", "name": "hospital admin", "expires_at": "2027-03-01T00:00:00Z"}"#)
            #expect(minted.status == .created)
            let token = try #require(minted["token"] as? String)
            #expect(token.hasPrefix("chtok_"))
            #expect(minted["expires_at"] as? String == "2027-03-01T00:00:00Z")

            let hospital = try await api.send(.get, "/v1/me", token: token)
            #expect(hospital.status == .ok)
            #expect((hospital["organization"] as? [String: Any])?["id"] as? String == id)

            let shown = try await api.send(.get, "/v1/organizations/\(id)", token: token)
            #expect(shown["name"] as? String == "Valley General Hospital")

            let actions = try await api.auditEvents().map(\.action)
            #expect(actions == [.tokenCreate, .organizationVerify, .organizationCreate, .instanceBootstrap])
            let verifyEvent = try #require(try await api.auditEvents().first { $0.action == .organizationVerify })
            #expect(verifyEvent.detail == "Called the CISO on the number on the hospital's website.")
            #expect(verifyEvent.actor.organizationID == api.coordinator.id)
            #expect(verifyEvent.requestID?.isEmpty == false)
        }
    }

    @Test(arguments: engines)
    func organizationsSeeOnlyThemselvesAndCoordinatorsSeeAll(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let hospital = try await api.createOrganization(name: "Hospital", kind: "operator", sector: "healthcare")
            let bank = try await api.createOrganization(name: "Bank", kind: "operator", sector: "finance")
            let hospitalToken = try await api.mintToken(for: hospital, role: "admin").token

            let hidden = try await api.send(.get, "/v1/organizations/\(bank)", token: hospitalToken)
            let missing = try await api.send(
                .get, "/v1/organizations/\(api.dependencies.makeID() as Organization.ID)", token: hospitalToken)
            let malformed = try await api.send(.get, "/v1/organizations/not-an-id", token: hospitalToken)
            #expect(hidden.status == .notFound)
            #expect(hidden.withoutRequestID == missing.withoutRequestID)
            #expect(malformed.withoutRequestID == missing.withoutRequestID)

            let listed = try await api.send(.get, "/v1/organizations", token: hospitalToken)
            #expect((listed["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [hospital])

            let all = try await api.send(.get, "/v1/organizations", token: api.coordinatorToken)
            #expect((all["items"] as? [[String: Any]])?.count == 3)

            // Minting for an organization one cannot see is a 404, not a 403: existence stays confidential.
            let foreignMint = try await api.send(
                .post, "/v1/organizations/\(bank)/tokens", token: hospitalToken, json: #"{"role":"admin"}"#)
            #expect(foreignMint.withoutRequestID == missing.withoutRequestID)
        }
    }

    @Test(arguments: engines)
    func listsArePaginatedWithCursors(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            var expected = [api.coordinator.id.rawValue]
            for index in 0..<4 {
                api.clock.advance(by: 1)
                expected.append(try await api.createOrganization(name: "Org \(index)", verify: false))
            }
            var seen: [String] = []
            var path = "/v1/organizations?limit=2"
            var pages = 0
            while true {
                let page = try await api.send(.get, path, token: api.coordinatorToken)
                #expect(page.status == .ok)
                let items = try #require(page["items"] as? [[String: Any]])
                #expect(items.count <= 2)
                seen += items.compactMap { $0["id"] as? String }
                pages += 1
                guard let cursor = page["next_cursor"] as? String else { break }
                path = "/v1/organizations?limit=2&cursor=\(cursor)"
            }
            #expect(seen == expected)
            #expect(pages == 3)
        }
    }

    @Test(arguments: engines)
    func tokenRolesAreEnforcedAndRefusalsAudited(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let vendor = try await api.createOrganization(name: "Vendor")
            let admin = try await api.mintToken(for: vendor, role: "admin").token
            let reader = try await api.mintToken(for: vendor, role: "reader")

            // The vendor's admin manages the vendor's own tokens.
            let analyst = try await api.mintToken(for: vendor, role: "analyst", as: admin)
            let listed = try await api.send(.get, "/v1/organizations/\(vendor)/tokens", token: admin)
            #expect((listed["items"] as? [[String: Any]])?.count == 3)
            #expect((listed["items"] as? [[String: Any]])?.allSatisfy { $0["token"] == nil } == true)

            // A reader may not mint, and the refusal is audited without changing anything.
            let before = try await api.auditEvents().count
            let refused = try await api.send(
                .post, "/v1/organizations/\(vendor)/tokens", token: reader.token, json: #"{"role":"admin"}"#)
            #expect(refused.status == .forbidden)
            #expect(refused.code == "forbidden")
            let events = try await api.auditEvents()
            #expect(events.count == before + 1)
            #expect(events.first?.outcome == .denied)
            #expect(events.first?.action == .tokenCreate)
            #expect(
                try await api.send(.get, "/v1/organizations/\(vendor)/tokens", token: reader.token).status == .forbidden
            )

            // Non-coordinators may not create or verify organizations.
            let create = try await api.send(
                .post, "/v1/organizations", token: admin, json: #"{"name":"Shadow","kind":"vendor"}"#)
            #expect(create.status == .forbidden)
            #expect(try await api.send(.post, "/v1/organizations/\(vendor)/verify", token: admin).status == .forbidden)

            // Any token may revoke itself; afterwards it is refused like any bad token.
            #expect(try await api.send(.delete, "/v1/tokens/\(reader.id)", token: reader.token).status == .noContent)
            #expect(try await api.send(.get, "/v1/me", token: reader.token).status == .unauthorized)
            // Revoking again changes nothing.
            #expect(try await api.send(.delete, "/v1/tokens/\(reader.id)", token: admin).status == .noContent)
            #expect(
                try await api.auditEvents().filter { $0.action == .tokenRevoke && $0.outcome == .success }.count == 1)
            // An analyst may not revoke a colleague's token.
            let colleague = try await api.mintToken(for: vendor, role: "reader", as: admin)
            #expect(
                try await api.send(.delete, "/v1/tokens/\(colleague.id)", token: analyst.token).status == .forbidden)
        }
    }

    @Test(arguments: engines)
    func expiredTokensAreRefusedAndUseIsRecorded(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let vendor = try await api.createOrganization(name: "Vendor")
            let token = try await api.mintToken(for: vendor, role: "reader", expiresAt: "2027-01-15T09:00:00Z")
            #expect(try await api.send(.get, "/v1/me", token: token.token).status == .ok)
            let used = try await api.store.read { try await $0.tokens.find(APIToken.ID(token.id)!) }
            #expect(used?.lastUsedAt == api.clock.now)
            api.clock.advance(by: 3_600)
            let expired = try await api.send(.get, "/v1/me", token: token.token)
            #expect(expired.status == .unauthorized)
            #expect(expired.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        }
    }

    @Test(arguments: engines)
    func verifyingTwiceChangesNothing(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let vendor = try await api.createOrganization(name: "Vendor")
            let before = try await api.auditEvents().count
            let again = try await api.send(.post, "/v1/organizations/\(vendor)/verify", token: api.coordinatorToken)
            #expect(again.status == .ok)
            #expect(try await api.auditEvents().count == before)
        }
    }
}
