import ClearinghouseCore
import ClearinghouseServer
import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// Embargo-safe alerts: under embargo a coordinator alerts the organizations whose SBOMs hold the version a case
/// names, and each learns only its own component and what to do; once published, the scheduler alerts every
/// organization the advisory affects.
@Suite struct ExposureAlertsAPITests {
    static func sbom(_ version: String) -> String {
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.5",
         "components": [{"bom-ref": "demo", "name": "demo", "version": "\(version)", "purl": "pkg:pypi/demo@\(version)"}]}
        """
    }

    @Test(arguments: engines)
    func operatorsLearnOnlyThatTheyAreAffectedThenTheAdvisory(engine: Dialect) async throws {
        try await WebhookReceiver.with { receiver, url in
            try await TestAPI.run(engine, configure: WebhooksAPITests.configure) { api in
                let hospital = try await api.createOrganization(
                    name: "County Hospital", kind: "operator", sector: "healthcare")
                let hospitalAdmin = try await api.mintToken(for: hospital, role: "admin").token
                let bank = try await api.createOrganization(name: "Community Bank", kind: "operator", sector: "finance")
                let bankAdmin = try await api.mintToken(for: bank, role: "admin").token
                for (token, version) in [(hospitalAdmin, "1.0"), (bankAdmin, "2.0")] {
                    let uploaded = try await api.send(
                        .post, "/v1/sboms?asset=Portal", token: token, json: Self.sbom(version))
                    #expect(uploaded.status == .created, "\(uploaded.text)")
                }
                let hook = try #require(
                    try await api.send(
                        .post, "/v1/webhooks", token: hospitalAdmin,
                        json: #"{"url": "\#(url)", "events": ["exposure.alert"]}"#)["id"] as? String)

                let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
                let labToken = try await api.mintToken(for: lab, role: "analyst").token
                let vendor = try await api.createOrganization(name: "Demo Inc", kind: "vendor")
                let vendorToken = try await api.mintToken(for: vendor, role: "analyst").token
                let early = try await DisclosureAPITests.reportedCase(api, reporterToken: labToken)
                let instructions = #"{"instructions": "Put the patient portal behind the VPN until a fix is out."}"#
                let tooEarly = try await api.send(
                    .post, "/v1/cases/\(early)/alerts", token: api.coordinatorToken, json: instructions)
                #expect(tooEarly.status == .conflict, "\(tooEarly.text)")
                let caseID = try await DisclosureAPITests.validatedCase(api, reporterToken: labToken, vendor: vendor)

                // Only coordinators alert; they say what to do.
                #expect(
                    try await api.send(.post, "/v1/cases/\(caseID)/alerts", token: vendorToken, json: instructions)
                        .status == .forbidden)
                #expect(
                    try await api.send(
                        .post, "/v1/cases/\(caseID)/alerts", token: api.coordinatorToken,
                        json: #"{"instructions": " "}"#)["field"] as? String == "instructions")
                let sent = try await api.send(
                    .post, "/v1/cases/\(caseID)/alerts", token: api.coordinatorToken, json: instructions)
                #expect(sent["sent"] as? Int == 1 && sent["organizations"] as? Int == 1, "\(sent.text)")
                let again = try await api.send(
                    .post, "/v1/cases/\(caseID)/alerts", token: api.coordinatorToken, json: instructions)
                #expect(again["sent"] as? Int == 0 && again["already_sent"] as? Int == 1, "\(again.text)")

                // The hospital learns its component and what to do: not the case, its title or its reporter.
                let listed = try await api.send(.get, "/v1/alerts", token: hospitalAdmin)
                let alert = try #require((listed["items"] as? [[String: Any]])?.first, "\(listed.text)")
                #expect(alert["kind"] as? String == "embargoed" && alert["component"] as? String == "pkg:pypi/demo@1.0")
                #expect(alert["advisory_id"] is NSNull)
                for secret in [caseID, "Overflow in parse", "Lab"] {
                    #expect(!listed.text.contains(secret), "\(secret)")
                }
                let delivered = try await WebhooksAPITests.deliveries(api, of: hook, token: hospitalAdmin) {
                    $0.first?["state"] as? String == "delivered"
                }
                let body = try #require(delivered.first?["body"] as? String)
                #expect(body.contains("\"kind\":\"embargoed\"") && !body.contains(caseID) && !body.contains("Lab"))
                #expect(receiver.received.count == 1)
                // The bank's SBOM holds another version: it hears nothing and cannot read the hospital's alert.
                #expect((try await api.send(.get, "/v1/alerts", token: bankAdmin)["items"] as? [Any])?.isEmpty == true)
                let alertID = try #require(alert["id"] as? String)
                #expect(try await api.send(.get, "/v1/alerts/\(alertID)", token: bankAdmin).status == .notFound)
                #expect(try await api.send(.get, "/v1/alerts/\(alertID)", token: hospitalAdmin).status == .ok)

                // Published with a fix in 1.1: the scheduler alerts the hospital again, naming the advisory; the
                // bank's 2.0 is not affected.
                _ = try await api.send(
                    .post, "/v1/cases/\(caseID)/fixes", token: vendorToken,
                    json: #"{"target": {"purl": "pkg:pypi/demo@1.1"}, "introduced": "1.0"}"#)
                _ = try await api.send(
                    .post, "/v1/cases/\(caseID)/embargo/end", token: api.coordinatorToken,
                    json: #"{"reason": "Exploited in the wild."}"#)
                let published = try await api.send(
                    .post, "/v1/cases/\(caseID)/publication", token: api.coordinatorToken,
                    json: #"{"summary": "Overflow in parse", "details": "Upgrade."}"#)
                let advisory = try #require(published["id"] as? String, "\(published.text)")
                let after = try await WebhooksAPITests.deliveries(api, of: hook, token: hospitalAdmin) {
                    $0.count == 2 && $0.allSatisfy { $0["state"] as? String == "delivered" }
                }
                #expect((after.first?["body"] as? String)?.contains(advisory) == true)
                let alerts = try await api.send(.get, "/v1/alerts", token: hospitalAdmin)["items"] as? [[String: Any]]
                #expect(alerts?.first?["kind"] as? String == "published")
                #expect(alerts?.first?["advisory_id"] as? String == advisory)
                #expect((alerts?.first?["instructions"] as? String)?.contains("upgrade to 1.1") == true)
                #expect((try await api.send(.get, "/v1/alerts", token: bankAdmin)["items"] as? [Any])?.isEmpty == true)
                // After publication the coordinator's route says the alerts went with the advisory.
                #expect(
                    try await api.send(
                        .post, "/v1/cases/\(caseID)/alerts", token: api.coordinatorToken, json: instructions
                    ).status == .conflict)
                #expect(try await api.auditEvents().filter { $0.action == .exposureAlert }.count >= 3)
            }
        }
    }
}
