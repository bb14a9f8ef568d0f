import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

@testable import ClearinghouseServer

/// An operator's alerts page: an embargoed alert shows the system, the component and what to do, and nothing of
/// the case; admins subscribe a webhook (its secret shown once) and delete it; an analyst sees the subscriptions and
/// manages none, a reader is told who sees them; another organization's subscription is the same "not found" as a
/// missing one.
@Suite struct WebAlertsTests {
    @Test(arguments: engines)
    func anOperatorReadsItsAlertsAndManagesItsWebhooks(engine: Dialect) async throws {
        try await TestAPI.run(engine, configure: WebhooksAPITests.configure) { api in
            let hospital = try await api.createOrganization(
                name: "County Hospital", kind: "operator", sector: "healthcare")
            let hospitalAdmin = try await api.mintToken(for: hospital, role: "admin").token
            let uploaded = try await api.send(
                .post, "/v1/sboms?asset=Patient%20portal", token: hospitalAdmin,
                json: ExposureAlertsAPITests.sbom("1.0"))
            #expect(uploaded.status == .created, "\(uploaded.text)")
            let browser = TestBrowser(api)
            try await WebSignInTests.join(
                browser,
                link: try await WebSignInTests.invite(api, email: "it@county.example", organization: hospital))
            let empty = try await browser.get("/alerts")
            #expect(empty.status == .ok && empty.html.contains("No alerts.") && empty.html.contains("Subscribe"))

            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let labToken = try await api.mintToken(for: lab, role: "analyst").token
            let vendor = try await api.createOrganization(name: "Demo Inc", kind: "vendor")
            let caseID = try await DisclosureAPITests.validatedCase(api, reporterToken: labToken, vendor: vendor)
            let sent = try await api.send(
                .post, "/v1/cases/\(caseID)/alerts", token: api.coordinatorToken,
                json: #"{"instructions": "Put the patient portal behind the VPN until a fix is out."}"#)
            #expect(sent["sent"] as? Int == 1, "\(sent.text)")
            let alerted = try await browser.get("/alerts")
            #expect(alerted.html.contains("Patient portal") && alerted.html.contains("pkg:pypi/demo@1.0"))
            #expect(
                alerted.html.contains("Put the patient portal behind the VPN") && alerted.html.contains("under embargo")
            )
            for secret in [caseID, "Overflow in parse", "Lab", "Demo Inc"] {
                #expect(!alerted.html.contains(secret), "\(secret)")
            }

            // Subscribing: a refusal names the field and keeps what was typed; then the secret, this once.
            let token = try #require(alerted.formToken)
            let refused = try await browser.post(
                "/alerts/webhooks",
                ["form_token": token, "url": "ftp://soc.county.example", "event-exposure.alert": "1"])
            #expect(refused.status == .badRequest && refused.html.contains(#"id="subscribe-error""#))
            #expect(refused.html.contains(#"value="ftp://soc.county.example""#))
            let created = try await browser.post(
                "/alerts/webhooks",
                [
                    "form_token": token, "url": "https://soc.county.example/hook", "event-exposure.alert": "1",
                    "event-advisory.published": "1", "description": "SOC",
                ])
            #expect(created.status == .created && created.html.contains(#"id="webhook-secret""#), "\(created.html)")
            #expect(created.html.contains("whsec_"))
            let listed = try await browser.get("/alerts")
            #expect(listed.html.contains("https://soc.county.example/hook") && !listed.html.contains("whsec_"))
            #expect(listed.html.contains("advisory.published, exposure.alert"))
            let hooks = try await api.send(.get, "/v1/webhooks", token: hospitalAdmin)
            let hook = try #require((hooks["items"] as? [[String: Any]])?.first?["id"] as? String)

            // An analyst of the hospital sees the subscription and no form; a reader is told who sees them.
            let analyst = TestBrowser(api)
            try await WebSignInTests.join(
                analyst,
                link: try await WebSignInTests.invite(
                    api, email: "soc@county.example", role: "analyst", organization: hospital))
            let analystPage = try await analyst.get("/alerts")
            #expect(analystPage.html.contains("https://soc.county.example/hook"))
            #expect(!analystPage.html.contains(#"action="/alerts/webhooks""#))
            #expect(!analystPage.html.contains("/alerts/webhooks/\(hook)/delete"))
            let reader = TestBrowser(api)
            try await WebSignInTests.join(
                reader,
                link: try await WebSignInTests.invite(
                    api, email: "desk@county.example", role: "reader", organization: hospital))
            let readerPage = try await reader.get("/alerts")
            #expect(!readerPage.html.contains("https://soc.county.example/hook"))
            #expect(readerPage.html.contains("analysts and administrators see its webhook subscriptions"))
            #expect(readerPage.html.contains("Put the patient portal behind the VPN"))
            let bank = try await api.createOrganization(name: "Prairie Bank", kind: "operator", sector: "finance")
            let other = TestBrowser(api)
            try await WebSignInTests.join(
                other, link: try await WebSignInTests.invite(api, email: "it@prairie.example", organization: bank))
            let otherToken = try #require(try await other.get("/alerts").formToken)
            let hidden = try await other.post("/alerts/webhooks/\(hook)/delete", ["form_token": otherToken])
            let missing = try await other.post(
                "/alerts/webhooks/01a3185c-5000-7000-8000-000000000000/delete", ["form_token": otherToken])
            #expect(hidden.status == .notFound && hidden.html == missing.html)

            let deleted = try await browser.post("/alerts/webhooks/\(hook)/delete", ["form_token": token])
            #expect(deleted.location == "/alerts?notice=webhook-deleted")
            let after = try await browser.get("/alerts?notice=webhook-deleted")
            #expect(
                after.html.contains("The webhook subscription is deleted")
                    && after.html.contains("No webhook subscriptions yet."))
        }
    }
}
