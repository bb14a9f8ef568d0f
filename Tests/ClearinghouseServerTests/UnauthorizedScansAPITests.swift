import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// Findings about infrastructure: kept, but flagged when no lease of their reporter covers the place, with the
/// place's verified owner told.
@Suite struct UnauthorizedScansAPITests {
    static func finding(_ title: String, _ place: String, lease: String? = nil) -> String {
        let leased = lease.map { #", "lease": "\#($0)""# } ?? ""
        return #"{"title": "\#(title)", "network": {\#(place)\#(leased), "port": 443}, "cwe": ["CWE-319"]}"#
    }

    /// Submits one finding and returns it as its reporter reads it back.
    func submit(_ api: TestAPI, _ body: String, token: String) async throws -> [String: Any] {
        let reply = try await api.send(.post, "/v1/findings", token: token, json: body)
        #expect(reply.status == .created, "\(reply.text)")
        let placed = try #require((reply["findings"] as? [[String: Any]])?.first, "\(reply.text)")
        let id = try #require(placed["id"] as? String)
        let read = try await api.send(.get, "/v1/findings/\(id)", token: token)
        #expect(read.status == .ok, "\(read.text)")
        #expect(
            (read["unauthorized_scan"] as? [String: Any])?["reason"] as? String
                == (placed["unauthorized_scan"] as? [String: Any])?["reason"] as? String)
        return placed
    }

    func reason(_ finding: [String: Any]) -> String? {
        (finding["unauthorized_scan"] as? [String: Any])?["reason"] as? String
    }

    @Test(arguments: engines)
    func findingsAtPlacesNoLeaseOfTheirReporterCoversAreFlaggedAndTheOwnerIsTold(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let grants = ScanGrantsAPITests()
            let parties = try await grants.parties(api)
            let asset = try await grants.verifiedNetwork(api, parties)
            let ends = JSONTime.text(api.clock.now.addingTimeInterval(86_400))
            let granted = try await api.send(
                .post, "/v1/scan-grants", token: parties.hospitalAdmin,
                json: ScanGrantsAPITests.grant(to: parties.researcherID, endsAt: ends))
            #expect(granted.status == .created, "\(granted.text)")
            let leased = try await api.send(
                .post, "/v1/scans", token: parties.researcher, json: ScanGrantsAPITests.claim("198.51.100.0/26"))
            let lease = try #require(leased["id"] as? String, "\(leased.text)")

            // Inside the reporter's lease: no flag.
            let covered = try await submit(
                api, Self.finding("Telnet open", #""address": "198.51.100.10""#, lease: lease),
                token: parties.researcher)
            #expect(covered["unauthorized_scan"] == nil, "\(covered)")

            // Outside it, or under no lease, or under someone else's: kept, and flagged with the reason.
            let cases: [(String, String, String)] = [
                (
                    parties.researcher, Self.finding("SMB signing off", #""address": "198.51.100.200""#, lease: lease),
                    "outside_lease"
                ),
                (parties.outsider, Self.finding("RDP exposed", #""address": "198.51.100.7""#), "no_lease"),
                (
                    parties.outsider, Self.finding("SNMP public", #""address": "198.51.100.8""#, lease: lease),
                    "unknown_lease"
                ),
                (parties.outsider, Self.finding("Admin panel", #""host": "portal.elsewhere.example""#), "no_lease"),
            ]
            var flagged: [String] = []
            for (token, body, expected) in cases {
                let finding = try await submit(api, body, token: token)
                #expect(reason(finding) == expected, "\(finding)")
                flagged.append(try #require(finding["id"] as? String))
            }

            // Coordinators list every flag, with the finding and who reported it.
            let all = try await api.send(.get, "/v1/unauthorized-scans", token: api.coordinatorToken)
            let items = try #require(all["items"] as? [[String: Any]], "\(all.text)")
            #expect(items.map { $0["finding_id"] as? String } == flagged)
            #expect(items.first?["owner"] as? String != nil && items.first?["asset_id"] as? String == asset)
            #expect(items.last?["host"] as? String == "portal.elsewhere.example" && items.last?["owner"] is NSNull)
            #expect(items.last?["reporter"] as? String != nil && items.first?["port"] as? Int == 443)

            // The owner is told where and when its asset was scanned without consent, not by whom.
            let told = try await api.send(.get, "/v1/unauthorized-scans", token: parties.hospitalAnalyst)
            let notices = try #require(told["items"] as? [[String: Any]], "\(told.text)")
            #expect(notices.map { $0["address"] as? String } == ["198.51.100.200", "198.51.100.7", "198.51.100.8"])
            #expect(notices.allSatisfy { $0["reporter"] == nil && $0["finding_id"] == nil && $0["lease"] == nil })
            #expect(notices.allSatisfy { $0["asset_id"] as? String == asset })

            // Scanners, and everyone else, see no one's flags here.
            for token in [parties.researcher, parties.outsider] {
                let none = try await api.send(.get, "/v1/unauthorized-scans", token: token)
                #expect((none["items"] as? [[String: Any]])?.isEmpty == true, "\(none.text)")
            }
            #expect(try await api.send(.get, "/v1/unauthorized-scans").status == .unauthorized)
        }
    }

    @Test(arguments: engines)
    func malformedPlacesAreRefused(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let parties = try await ScanGrantsAPITests().parties(api)
            let refusals: [(String, String)] = [
                (#"{"title": "x", "network": {"address": "198.51.100.0/24"}}"#, "network.address"),
                (#"{"title": "x", "network": {"address": "198.51.100.256"}}"#, "network.address"),
                (#"{"title": "x", "network": {"host": "*.hospital.example"}}"#, "network.host"),
                (#"{"title": "x", "network": {"host": "a.example", "address": "192.0.2.1"}}"#, "network.host"),
                (#"{"title": "x", "network": {"host": "a.example", "port": 70000}}"#, "network.port"),
                (#"{"title": "x", "network": {"host": "a.example", "via": "vpn"}}"#, "network.via"),
            ]
            for (body, field) in refusals {
                let refused = try await api.send(.post, "/v1/findings", token: parties.researcher, json: body)
                #expect(refused.status == .badRequest, "\(refused.text)")
                #expect((refused["field"] as? String)?.hasSuffix(field) == true, "\(body): \(refused.text)")
            }
        }
    }
}
