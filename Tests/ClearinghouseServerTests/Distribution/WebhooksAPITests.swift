import ClearinghouseCore
import ClearinghouseServer
import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// Webhooks end to end: an operator subscribes, deliveries reach a real receiver on a loopback port signed with
/// the subscription's secret, failures are retried with growing delays until the dead-letter list, and notices
/// about a case reach only the organizations on it.
@Suite struct WebhooksAPITests {
    static func configure(_ configuration: inout ServerConfiguration) {
        configuration.webhookPolicy.allowsPrivateTargets = true
        configuration.webhookPolicy.maximumAttempts = 3
        configuration.schedulerTick = .milliseconds(20)
    }

    static let allEvents = #"["advisory.published", "case.participant_added", "embargo.changed"]"#

    /// The subscription's deliveries once `done` holds for them; the test clock moves a second at each look, so
    /// that the outbox's delays pass.
    static func deliveries(
        _ api: TestAPI, of subscription: String, token: String, state: String? = nil,
        until done: ([[String: Any]]) -> Bool
    ) async throws -> [[String: Any]] {
        let query = state.map { "?state=\($0)" } ?? ""
        var items: [[String: Any]] = []
        for _ in 0..<400 {
            let reply = try await api.send(.get, "/v1/webhooks/\(subscription)/deliveries\(query)", token: token)
            items = reply["items"] as? [[String: Any]] ?? []
            if done(items) { return items }
            api.clock.advance(by: 1)
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the deliveries never settled: \(items)")
        return items
    }

    @Test(arguments: engines)
    func deliveriesAreSignedRetriedAndDeadLettered(engine: Dialect) async throws {
        try await WebhookReceiver.with { receiver, url in
            try await TestAPI.run(engine, configure: Self.configure) { api in
                let hospital = try await api.createOrganization(
                    name: "County Hospital", kind: "operator", sector: "water")
                let admin = try await api.mintToken(for: hospital, role: "admin").token
                let analyst = try await api.mintToken(for: hospital, role: "analyst").token

                // Analysts read subscriptions; only admins make them.
                let body = #"{"url": "\#(url)", "events": \#(Self.allEvents), "description": "SOC"}"#
                #expect(try await api.send(.post, "/v1/webhooks", token: analyst, json: body).status == .forbidden)
                let made = try await api.send(.post, "/v1/webhooks", token: admin, json: body)
                #expect(made.status == .created, "\(made.text)")
                let id = try #require(made["id"] as? String)
                let secret = try #require(made["secret"] as? String)
                #expect(secret.hasPrefix("whsec_") && secret.count == 70)
                let shown = try await api.send(.get, "/v1/webhooks/\(id)", token: analyst)
                #expect(
                    shown.status == .ok && shown["secret"] == nil && shown["url"] as? String == url, "\(shown.text)")

                // A ping fails twice (500), then arrives: three attempts, each signed, one body.
                receiver.answer(.internalServerError)
                let ping = try await api.send(.post, "/v1/webhooks/\(id)/ping", token: admin)
                #expect(ping.status == .accepted && ping["state"] as? String == "pending", "\(ping.text)")
                _ = try await Self.deliveries(api, of: id, token: admin) {
                    ($0.first?["attempts"] as? [Any])?.count == 2
                }
                receiver.answer(.noContent)
                let settled = try await Self.deliveries(api, of: id, token: admin) {
                    $0.first?["state"] as? String == "delivered"
                }
                let attempts = try #require(settled.first?["attempts"] as? [[String: Any]])
                #expect(attempts.map { $0["status_code"] as? Int } == [500, 500, 204])
                let received = receiver.received
                #expect(received.count == 3 && Set(received.map(\.body)).count == 1)
                for request in received {
                    let signature = try #require(request.headers[HTTPField.Name(WebhookSignature.header)!])
                    #expect(
                        WebhookSignature.verify(
                            signature, body: Array(request.body.utf8), secret: Array(secret.utf8),
                            now: api.clock.now, tolerance: 3_600))
                    #expect(request.headers[HTTPField.Name("Clearinghouse-Event")!] == "ping")
                }
                let event = try #require(
                    try JSONSerialization.jsonObject(with: Data(received[0].body.utf8)) as? [String: Any])
                #expect(event["type"] as? String == "ping" && event["id"] as? String == ping["id"] as? String)

                // A receiver that never answers 2xx: after the policy's three attempts the delivery is dead, and
                // sent again on request.
                receiver.answer(.serviceUnavailable)
                let second = try await api.send(.post, "/v1/webhooks/\(id)/ping", token: admin)
                let secondID = try #require(second["id"] as? String)
                let dead = try await Self.deliveries(api, of: id, token: admin, state: "dead") { !$0.isEmpty }
                #expect(dead.map { $0["id"] as? String } == [secondID])
                #expect((dead.first?["attempts"] as? [Any])?.count == 3)
                receiver.answer(.ok)
                let again = try await api.send(
                    .post, "/v1/webhooks/\(id)/deliveries/\(secondID)/redelivery", token: admin)
                #expect(again.status == .accepted && again["state"] as? String == "pending", "\(again.text)")
                _ = try await Self.deliveries(api, of: id, token: admin) { items in
                    items.first { $0["id"] as? String == secondID }?["state"] as? String == "delivered"
                }
                #expect(
                    try await api.send(
                        .post, "/v1/webhooks/\(id)/deliveries/\(UUID().uuidString.lowercased())/redelivery",
                        token: admin
                    ).status == .notFound)

                // A new secret signs what follows; the old one no longer verifies.
                let rotated = try await api.send(.post, "/v1/webhooks/\(id)/secret", token: admin)
                let newSecret = try #require(rotated["secret"] as? String)
                #expect(newSecret != secret)
                let before = receiver.received.count
                _ = try await api.send(.post, "/v1/webhooks/\(id)/ping", token: admin)
                _ = try await Self.deliveries(api, of: id, token: admin) {
                    $0.first?["state"] as? String == "delivered"
                }
                let last = try #require(receiver.received.dropFirst(before).first)
                let header = try #require(last.headers[HTTPField.Name(WebhookSignature.header)!])
                let now = api.clock.now
                #expect(
                    WebhookSignature.verify(
                        header, body: Array(last.body.utf8), secret: Array(newSecret.utf8), now: now, tolerance: 3_600))
                #expect(
                    !WebhookSignature.verify(
                        header, body: Array(last.body.utf8), secret: Array(secret.utf8), now: now, tolerance: 3_600))

                // Each change was audited.
                let actions = try await api.auditEvents().map(\.action.rawValue)
                for action in ["webhook.create", "webhook.ping", "webhook.redeliver", "webhook.rotate_secret"] {
                    #expect(actions.contains(action), "\(action)")
                }
            }
        }
    }

    /// Notices about a case go only to organizations on it; a published advisory goes to every subscriber.
    @Test(arguments: engines)
    func caseNoticesReachOnlyThoseOnTheCase(engine: Dialect) async throws {
        try await WebhookReceiver.with { receiver, url in
            try await TestAPI.run(engine, configure: Self.configure) { api in
                let body = #"{"url": "\#(url)", "events": \#(Self.allEvents)}"#
                let vendor = try await api.createOrganization(name: "Demo Inc", kind: "vendor")
                let vendorAdmin = try await api.mintToken(for: vendor, role: "admin").token
                let bystander = try await api.createOrganization(
                    name: "Other Utility", kind: "operator", sector: "water")
                let bystanderAdmin = try await api.mintToken(for: bystander, role: "admin").token
                let vendorHook = try #require(
                    try await api.send(.post, "/v1/webhooks", token: vendorAdmin, json: body)["id"] as? String)
                let bystanderHook = try #require(
                    try await api.send(.post, "/v1/webhooks", token: bystanderAdmin, json: body)["id"] as? String)

                let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
                let labToken = try await api.mintToken(for: lab, role: "analyst").token
                let caseID = try await DisclosureAPITests.validatedCase(api, reporterToken: labToken, vendor: vendor)
                _ = try await api.send(
                    .post, "/v1/cases/\(caseID)/embargo/end", token: api.coordinatorToken,
                    json: #"{"reason": "Exploited in the wild."}"#)

                // The vendor hears that it was added and that the embargo ended; the bystander hears nothing.
                let vendorSeen = try await Self.deliveries(api, of: vendorHook, token: vendorAdmin) { items in
                    items.count == 2 && items.allSatisfy { $0["state"] as? String == "delivered" }
                }
                #expect(
                    Set(vendorSeen.compactMap { $0["event"] as? String }) == [
                        "case.participant_added", "embargo.changed",
                    ])
                let ended = try #require(vendorSeen.first { $0["event"] as? String == "embargo.changed" })
                let data = try #require(
                    (try JSONSerialization.jsonObject(with: Data((ended["body"] as? String ?? "").utf8))
                        as? [String: Any])?["data"] as? [String: Any])
                #expect(data["case_id"] as? String == caseID && data["change"] as? String == "ended_early")
                let quiet = try await api.send(.get, "/v1/webhooks/\(bystanderHook)/deliveries", token: bystanderAdmin)
                #expect((quiet["items"] as? [Any])?.isEmpty == true, "\(quiet.text)")

                // Publication is public: both hear of it.
                let published = try await api.send(
                    .post, "/v1/cases/\(caseID)/publication", token: api.coordinatorToken,
                    json: #"{"summary": "Overflow in parse", "details": "Upgrade."}"#)
                let advisory = try #require(published["id"] as? String, "\(published.text)")
                for (hook, token) in [(vendorHook, vendorAdmin), (bystanderHook, bystanderAdmin)] {
                    let seen = try await Self.deliveries(api, of: hook, token: token) { items in
                        items.first?["event"] as? String == "advisory.published"
                            && items.first?["state"] as? String == "delivered"
                    }
                    #expect((seen.first?["body"] as? String)?.contains(advisory) == true)
                }
                #expect(receiver.received.filter { $0.body.contains(caseID) }.count == 2)
            }
        }
    }

    /// Subscriptions are their organization's: others get 404; a bad URL, event or description is refused.
    @Test func subscriptionsAreTheirOrganizationsAndBadRequestsAreRefused() async throws {
        try await TestAPI.run(.sqlite) { api in
            let utility = try await api.createOrganization(name: "Water Utility", kind: "operator", sector: "water")
            let admin = try await api.mintToken(for: utility, role: "admin").token
            let other = try await api.createOrganization(name: "Other", kind: "operator", sector: "water")
            let otherAdmin = try await api.mintToken(for: other, role: "admin").token
            let unverified = try await api.createOrganization(
                name: "New", kind: "operator", sector: "water", verify: false)
            let unverifiedAdmin = try await api.mintToken(for: unverified, role: "admin").token

            for (json, field) in [
                (#"{"url": "https://127.0.0.1/hook", "events": ["ping"]}"#, "url"),
                (#"{"url": "https://10.1.2.3/hook", "events": ["advisory.published"]}"#, "url"),
                (#"{"url": "https://localhost/hook", "events": ["advisory.published"]}"#, "url"),
                (#"{"url": "http://hooks.example.com/", "events": ["advisory.published"]}"#, "url"),
                (#"{"url": "https://user:pw@hooks.example.com/", "events": ["advisory.published"]}"#, "url"),
                (#"{"url": "https://hooks.example.com/", "events": []}"#, "events"),
                (#"{"url": "https://hooks.example.com/", "events": ["ping"]}"#, "events[0]"),
                (#"{"url": "https://hooks.example.com/", "events": ["advisory.deleted"]}"#, "events[0]"),
                (
                    #"{"url": "https://hooks.example.com/", "events": ["advisory.published"], "description": "a\nb"}"#,
                    "description"
                ),
            ] {
                let refused = try await api.send(.post, "/v1/webhooks", token: admin, json: json)
                #expect(
                    refused.status == .badRequest && refused["field"] as? String == field, "\(json): \(refused.text)")
            }
            let good = #"{"url": "https://hooks.example.com/clearinghouse", "events": ["advisory.published"]}"#
            #expect(try await api.send(.post, "/v1/webhooks", token: unverifiedAdmin, json: good).status == .forbidden)
            let made = try await api.send(.post, "/v1/webhooks", token: admin, json: good)
            let id = try #require(made["id"] as? String, "\(made.text)")

            // To another organization it does not exist, whatever it tries.
            let missing = try await api.send(.get, "/v1/webhooks/\(UUID().uuidString.lowercased())", token: otherAdmin)
            for (method, path) in [
                (HTTPRequest.Method.get, "/v1/webhooks/\(id)"), (.delete, "/v1/webhooks/\(id)"),
                (.post, "/v1/webhooks/\(id)/ping"), (.post, "/v1/webhooks/\(id)/secret"),
                (.get, "/v1/webhooks/\(id)/deliveries"),
            ] {
                let reply = try await api.send(method, path, token: otherAdmin)
                #expect(reply.status == .notFound && reply.withoutRequestID == missing.withoutRequestID, "\(path)")
            }
            #expect((try await api.send(.get, "/v1/webhooks", token: otherAdmin)["items"] as? [Any])?.isEmpty == true)
            #expect((try await api.send(.get, "/v1/webhooks", token: admin)["items"] as? [Any])?.count == 1)
            #expect(
                try await api.send(.get, "/v1/webhooks/\(id)/deliveries?state=lost", token: admin)["field"] as? String
                    == "state")

            // Deleting cancels what waits, and the subscription is gone.
            _ = try await api.send(.post, "/v1/webhooks/\(id)/ping", token: admin)
            #expect(try await api.send(.delete, "/v1/webhooks/\(id)", token: admin).status == .noContent)
            #expect(try await api.send(.get, "/v1/webhooks/\(id)", token: admin).status == .notFound)
            #expect((try await api.send(.get, "/v1/webhooks", token: admin)["items"] as? [Any])?.isEmpty == true)
            let states = try await api.store.read { repositories in
                try await repositories.webhooks.deliveries(
                    of: WebhookSubscription.ID(id)!, state: nil, before: nil, limit: 10
                ).map(\.state)
            }
            #expect(states == [.cancelled])
        }
    }
}

extension WebhooksAPITests {
    /// A week before the public date, a day before, and when it comes, those on the case are told, once each,
    /// through the scheduler; nobody else is.
    @Test(arguments: engines)
    func embargoRemindersGoOutOnceEachAsTheDateNears(engine: Dialect) async throws {
        try await WebhookReceiver.with { receiver, url in
            try await TestAPI.run(engine, configure: Self.configure) { api in
                let body = #"{"url": "\#(url)", "events": ["embargo.reminder"]}"#
                let vendor = try await api.createOrganization(name: "Demo Inc", kind: "vendor")
                // Tokens that outlive the embargo.
                let lasting = "2028-01-01T00:00:00Z"
                let vendorAdmin = try await api.mintToken(for: vendor, role: "admin", expiresAt: lasting).token
                let bystander = try await api.createOrganization(name: "Other Vendor", kind: "vendor")
                let bystanderAdmin = try await api.mintToken(for: bystander, role: "admin", expiresAt: lasting).token
                let hook = try #require(
                    try await api.send(.post, "/v1/webhooks", token: vendorAdmin, json: body)["id"] as? String)
                let otherHook = try #require(
                    try await api.send(.post, "/v1/webhooks", token: bystanderAdmin, json: body)["id"] as? String)
                let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
                let labToken = try await api.mintToken(for: lab, role: "analyst").token
                let caseID = try await DisclosureAPITests.validatedCase(api, reporterToken: labToken, vendor: vendor)

                // The policy's date is 90 days out. At 84 days the week's reminder goes; at 89.5 the day's; at
                // 90 the date has come. Each look moves the clock a second more, which changes none of this.
                var kinds: [String] = []
                for days in [84.0, 89.5, 90.0] {
                    let target = try #require(ISO8601DateFormatter().date(from: "2027-01-15T08:00:00Z"))
                        .addingTimeInterval(days * 86_400)
                    api.clock.advance(by: target.timeIntervalSince(api.clock.now))
                    let items = try await Self.deliveries(api, of: hook, token: vendorAdmin) { items in
                        items.count == kinds.count + 1 && items.allSatisfy { $0["state"] as? String == "delivered" }
                    }
                    let data = try #require(
                        (try JSONSerialization.jsonObject(with: Data((items.first?["body"] as? String ?? "").utf8))
                            as? [String: Any])?["data"] as? [String: Any])
                    #expect(data["case_id"] as? String == caseID)
                    kinds.append("\(data["reminder"] ?? "")/\(data["lead_hours"] ?? "-")")
                }
                #expect(kinds == ["before/168", "before/24", "due/-"])
                // Nothing more, however long the scheduler runs; the other vendor heard nothing.
                api.clock.advance(by: 3_600)
                try await Task.sleep(for: .milliseconds(300))
                let all = try await api.send(.get, "/v1/webhooks/\(hook)/deliveries", token: vendorAdmin)
                #expect((all["items"] as? [Any])?.count == 3)
                let other = try await api.send(.get, "/v1/webhooks/\(otherHook)/deliveries", token: bystanderAdmin)
                #expect((other["items"] as? [Any])?.isEmpty == true)
                #expect(receiver.received.count == 3)
                #expect(try await api.auditEvents().filter { $0.action == .embargoRemind }.count == 3)
            }
        }
    }
}
