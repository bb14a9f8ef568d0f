import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

/// The scheduler's work on access windows: an evaluator is told by webhook that its window closes, 48 hours before,
/// once; once the window has ended, it is asked for its attestation every 72 hours until it gives it.
@Suite struct AccessWindowRemindersAPITests {
    @Test(arguments: engines)
    func anEvaluatorIsToldOfTheCloseAndAskedToAttestUntilItDoes(engine: Dialect) async throws {
        try await WebhookReceiver.with { receiver, url in
            try await TestAPI.run(engine, configure: WebhooksAPITests.configure) { api in
                let subject = try await DeterminationAPITests.subject(api)
                let parties = subject.parties
                _ = try await api.send(
                    .post, "/v1/models/\(subject.model)/determinations", token: parties.authority,
                    json: DeterminationAPITests.determination(subject, outcome: "covered"))
                let lab = try await api.createOrganization(name: "Evaluation Lab", kind: "researcher")
                let admin = try await api.mintToken(for: lab, role: "admin", expiresAt: "2028-01-01T00:00:00Z").token
                let hook = try #require(
                    try await api.send(
                        .post, "/v1/webhooks", token: admin,
                        json: #"{"url": "\#(url)", "events": ["access_window.reminder"]}"#)["id"] as? String)
                let start = api.dependencies.now()
                let opened = try await api.send(
                    .post, "/v1/models/\(subject.model)/access-windows", token: parties.developer,
                    json: AccessWindowAPITests.windowBody(evaluator: lab, days: 10, from: start))
                let window = try #require(opened["id"] as? String, "\(opened.text)")
                let path = "/v1/access-windows/\(window)"
                #expect(
                    try await api.send(.post, "\(path)/terms", token: admin, json: AccessWindowAPITests.terms).status
                        == .created)

                // Each step moves the clock to a time, then waits for the deliveries it should bring.
                var reminders: [String] = []
                for (days, expected) in [(8.5, 1), (10.01, 2), (11.0, 2), (13.2, 3)] {
                    let target = start.addingTimeInterval(days * 86_400)
                    api.clock.advance(by: max(0, target.timeIntervalSince(api.clock.now)))
                    let items = try await WebhooksAPITests.deliveries(api, of: hook, token: admin) { items in
                        items.count == expected && items.allSatisfy { $0["state"] as? String == "delivered" }
                    }
                    let data = try #require(
                        (try JSONSerialization.jsonObject(with: Data((items.first?["body"] as? String ?? "").utf8))
                            as? [String: Any])?["data"] as? [String: Any])
                    #expect(data["window_id"] as? String == window && data["window_url"] as? String == path)
                    reminders.append(data["reminder"] as? String ?? "")
                }
                #expect(reminders == ["closing", "attestation_due", "attestation_due", "attestation_due"])

                // Attested: nobody asks again.
                #expect(
                    try await api.send(
                        .post, "\(path)/attestations", token: admin,
                        json: #"{"disposition": "destroyed", "statement": "Wiped."}"#
                    ).status == .created)
                api.clock.advance(by: 4 * 86_400)
                try await Task.sleep(for: .milliseconds(300))
                let all = try await api.send(.get, "/v1/webhooks/\(hook)/deliveries", token: admin)
                #expect((all["items"] as? [Any])?.count == 3, "\(all.text)")
                #expect(receiver.received.count == 3)
                #expect(try await api.auditEvents().filter { $0.action == .accessWindowRemind }.count == 3)
            }
        }
    }
}
