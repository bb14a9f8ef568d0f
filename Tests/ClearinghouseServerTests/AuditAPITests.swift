import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

@Suite struct AuditAPITests {
    @Test(arguments: engines)
    func coordinatorsFilterAndPageTheTrail(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let start = api.clock.now
            api.clock.advance(by: 60)
            let vendor = try await api.createOrganization(name: "Vendor", verify: false)
            api.clock.advance(by: 60)
            try await api.send(.post, "/v1/organizations/\(vendor)/verify", token: api.coordinatorToken)
            api.clock.advance(by: 60)
            _ = try await api.mintToken(for: vendor, role: "admin")

            let all = try await api.send(.get, "/v1/audit", token: api.coordinatorToken)
            let actions = (all["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
            #expect(actions == ["token.create", "organization.verify", "organization.create", "instance.bootstrap"])

            let byTarget = try await api.send(.get, "/v1/audit?target=\(vendor)", token: api.coordinatorToken)
            #expect((byTarget["items"] as? [[String: Any]])?.count == 2)

            let byActor = try await api.send(
                .get, "/v1/audit?actor=\(api.coordinator.id)&action=organization.create", token: api.coordinatorToken)
            #expect((byActor["items"] as? [[String: Any]])?.count == 1)

            let window = try await api.send(
                .get,
                "/v1/audit?since=\(RFC3339.format(start.addingTimeInterval(90)))&until=\(RFC3339.format(start.addingTimeInterval(150)))",
                token: api.coordinatorToken)
            #expect(
                (window["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String } == ["organization.verify"]
            )

            let first = try await api.send(.get, "/v1/audit?limit=3", token: api.coordinatorToken)
            let cursor = try #require(first["next_cursor"] as? String)
            let second = try await api.send(.get, "/v1/audit?limit=3&cursor=\(cursor)", token: api.coordinatorToken)
            #expect(
                (second["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String } == ["instance.bootstrap"])
            #expect(second["next_cursor"] is NSNull)
        }
    }

    @Test(arguments: engines)
    func onlyCoordinatorAnalystsAndAdminsReadIt(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let vendor = try await api.createOrganization(name: "Vendor")
            let vendorAdmin = try await api.mintToken(for: vendor, role: "admin").token
            let coordinatorReader = try await api.mintToken(for: api.coordinator.id.rawValue, role: "reader").token
            let coordinatorAnalyst = try await api.mintToken(for: api.coordinator.id.rawValue, role: "analyst").token
            #expect(try await api.send(.get, "/v1/audit").status == .unauthorized)
            #expect(try await api.send(.get, "/v1/audit", token: vendorAdmin).status == .forbidden)
            #expect(try await api.send(.get, "/v1/audit", token: coordinatorReader).status == .forbidden)
            #expect(try await api.send(.get, "/v1/audit", token: coordinatorAnalyst).status == .ok)
        }
    }

    @Test(arguments: [
        ("actor=nope", "actor"), ("actor_token=1234", "actor_token"), ("since=yesterday", "since"),
        ("until=2027-13-01T00:00:00Z", "until"), ("outcome=maybe", "outcome"), ("limit=0", "limit"),
        ("limit=abc", "limit"), ("cursor=%%%", "cursor"),
        ("since=2027-01-02T00:00:00Z&until=2027-01-01T00:00:00Z", "until"),
    ])
    func badFiltersNameTheParameter(query: String, field: String) async throws {
        try await TestAPI.run(.sqlite) { api in
            let reply = try await api.send(.get, "/v1/audit?\(query)", token: api.coordinatorToken)
            #expect(reply.status == .badRequest)
            #expect(reply["field"] as? String == field)
        }
    }
}

/// RFC 3339 times as the API writes them.
enum RFC3339 {
    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }
}
