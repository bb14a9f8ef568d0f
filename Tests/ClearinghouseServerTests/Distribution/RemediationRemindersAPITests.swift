import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

/// Remediation deadlines run in the background: a vendor on a validated case that has not fixed it is reminded by
/// webhook a week before its deadline, a day before, and when it comes, each once; a vendor that recorded a fix,
/// and a vendor not on the case, hear nothing.
@Suite struct RemediationRemindersAPITests {
    @Test(arguments: engines)
    func aVendorOwingAFixIsRemindedOnceAtEachLeadTime(engine: Dialect) async throws {
        try await WebhookReceiver.with { receiver, url in
            try await TestAPI.run(engine, configure: WebhooksAPITests.configure) { api in
                let body = #"{"url": "\#(url)", "events": ["remediation.reminder"]}"#
                let lasting = "2028-01-01T00:00:00Z"
                var hooks: [(id: String, token: String)] = []
                var vendors: [String] = []
                for name in ["Owing Vendor", "Fixing Vendor", "Bystander Vendor"] {
                    let vendor = try await api.createOrganization(name: name, kind: "vendor")
                    let admin = try await api.mintToken(for: vendor, role: "admin", expiresAt: lasting).token
                    let hook = try #require(
                        try await api.send(.post, "/v1/webhooks", token: admin, json: body)["id"] as? String)
                    hooks.append((hook, admin))
                    vendors.append(vendor)
                }
                let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
                let labToken = try await api.mintToken(for: lab, role: "analyst").token
                let caseID = try await DisclosureAPITests.validatedCase(
                    api, reporterToken: labToken, vendor: vendors[0])
                let added = try await api.send(
                    .post, "/v1/cases/\(caseID)/participants", token: api.coordinatorToken,
                    json: #"{"organization_id": "\#(vendors[1])"}"#)
                #expect(added.status == .ok, "\(added.text)")
                let fixed = try await api.send(
                    .post, "/v1/cases/\(caseID)/fixes", token: hooks[1].token,
                    json: #"{"target": {"purl": "pkg:pypi/demo@1.1"}}"#)
                #expect(fixed.status == .created, "\(fixed.text)")
                let shown = try await api.send(.get, "/v1/cases/\(caseID)", token: api.coordinatorToken)
                let created = try #require(
                    ISO8601DateFormatter().date(from: (shown["case"] as? [String: Any])?["created_at"] as? String ?? "")
                )

                // Nobody decided on the case: the policy gives 7 days from its opening. A week's reminder goes at
                // once, the day's at 6.5 days, the due notice at 7.
                var kinds: [String] = []
                for days in [0.0, 6.5, 7.0] {
                    let target = created.addingTimeInterval(days * 86_400)
                    api.clock.advance(by: max(0, target.timeIntervalSince(api.clock.now)))
                    let items = try await WebhooksAPITests.deliveries(api, of: hooks[0].id, token: hooks[0].token) {
                        items in
                        items.count == kinds.count + 1 && items.allSatisfy { $0["state"] as? String == "delivered" }
                    }
                    let data = try #require(
                        (try JSONSerialization.jsonObject(with: Data((items.first?["body"] as? String ?? "").utf8))
                            as? [String: Any])?["data"] as? [String: Any])
                    #expect(
                        data["case_id"] as? String == caseID && data["case_url"] as? String == "/v1/cases/\(caseID)")
                    #expect(data["due_from_kev"] as? Bool == false && data["level"] is NSNull, "\(data)")
                    kinds.append("\(data["reminder"] ?? "")/\(data["lead_hours"] ?? "-")")
                }
                #expect(kinds == ["before/168", "before/24", "due/-"])

                api.clock.advance(by: 3_600)
                try await Task.sleep(for: .milliseconds(300))
                let all = try await api.send(.get, "/v1/webhooks/\(hooks[0].id)/deliveries", token: hooks[0].token)
                #expect((all["items"] as? [Any])?.count == 3)
                for (hook, token) in hooks.dropFirst() {
                    let none = try await api.send(.get, "/v1/webhooks/\(hook)/deliveries", token: token)
                    #expect((none["items"] as? [Any])?.isEmpty == true, "\(none.text)")
                }
                #expect(receiver.received.count == 3)
                #expect(try await api.auditEvents().filter { $0.action == .remediationRemind }.count == 3)
            }
        }
    }
}
