import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

@testable import ClearinghouseServer

/// The home page shows a person their organization's priority queue, explained, with counts by level and the open
/// cases' deadlines, under the same access policy as `GET /v1/priorities`.
@Suite struct WebHomeTests {
    @Test(arguments: engines)
    func theHomePageShowsTheOrganizationsQueueAndOnlyIt(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let (hospital, nurse) = try await WebSignInTests.hospitalWithAdvisories(api)
            let hospitalToken = try await api.mintToken(for: hospital, role: "analyst").token
            #expect(
                try await api.send(
                    .post, "/v1/sboms?asset=Portal&internet_facing=true", token: hospitalToken,
                    json: ExposureAPITests.portal
                ).status == .created)
            let bank = try await api.createOrganization(name: "Prairie Bank", kind: "operator", sector: "finance")

            let home = try await nurse.get("/")
            #expect(home.status == .ok)
            let apiQueue = try await api.send(.get, "/v1/priorities", token: hospitalToken)
            let ids = ((apiQueue["items"] as? [[String: Any]]) ?? []).compactMap {
                ($0["subject"] as? [String: Any])?["id"] as? String
            }
            #expect(!ids.isEmpty)
            for id in ids { #expect(home.html.contains(id), "the page lists \(id) as the API does") }
            #expect(home.html.contains("No SSVC decision yet"), "each item is explained")
            #expect(home.html.contains(#"<svg class="chart" role="img""#))
            #expect(home.html.contains("Unassessed: \(ids.count)"))
            #expect(home.html.contains("No open cases."))
            // An offset past the end (even the largest number) shows the last page, not a trap.
            let beyond = try await nurse.get("/?offset=\(Int.max)")
            #expect(beyond.status == .ok)
            for id in ids { #expect(beyond.html.contains(id)) }

            // Another organization's person sees none of it, and is told what to do.
            let teller = TestBrowser(api)
            try await WebSignInTests.join(
                teller, link: try await WebSignInTests.invite(api, email: "it@prairie.example", organization: bank))
            let empty = try await teller.get("/")
            for id in ids { #expect(!empty.html.contains(id)) }
            #expect(empty.html.contains("Nothing waits for you."))
            #expect(empty.html.contains("upload your SBOMs"))
        }
    }

    @Test func theQueueIsPagedTwentyAtATime() {
        let first = WebController.pagination(offset: 0, shown: 20, total: 45)
        #expect(first["previous"] == nil)
        #expect(first["next"] as? String == "/?offset=20")
        #expect(first["from"] as? Int == 1 && first["to"] as? Int == 20)
        let last = WebController.pagination(offset: 40, shown: 5, total: 45)
        #expect(last["previous"] as? String == "/?offset=20")
        #expect(last["next"] == nil)
        #expect(WebController.pagination(offset: 0, shown: 0, total: 0)["from"] as? Int == 0)
    }
}
