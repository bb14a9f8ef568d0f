import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

/// The disclosure part of a case's page: the vendor's person proposes a date, gives its status and records a fix;
/// the reporter's person agrees; the coordinator's person is told when publication opens, ends the embargo and
/// publishes, and the public advisory page offers the downloads. Each form is offered only to those it is for.
@Suite struct WebDisclosureTests {
    @Test(arguments: engines)
    func aCaseIsNegotiatedFixedAndPublishedFromItsPage(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let lab = try await api.createOrganization(name: "Harbor Lab", kind: "researcher")
            let labToken = try await api.mintToken(for: lab, role: "analyst").token
            let vendor = try await api.createOrganization(name: "Demo Software", kind: "vendor")
            let caseID = try await DisclosureAPITests.validatedCase(api, reporterToken: labToken, vendor: vendor)
            let casePath = "/cases/\(caseID)"

            let vera = TestBrowser(api)
            try await WebSignInTests.join(
                vera,
                link: try await WebSignInTests.invite(
                    api, email: "vera@demo.example", name: "Vera Vendor", role: "analyst", organization: vendor))
            let page = try await vera.get(casePath)
            #expect(page.status == .ok && page.html.contains("2027-04-15T08:00 UTC"), "the policy's date is shown")
            #expect(
                page.html.contains(#"action="\#(casePath)/status""#)
                    && page.html.contains(#"action="\#(casePath)/fixes""#))
            #expect(!page.html.contains(#"action="\#(casePath)/publication""#), "a vendor is not offered publication")
            #expect(!page.html.contains(#"action="\#(casePath)/embargo/end""#))
            let token = try #require(page.formToken)

            let skipped = try await vera.post(
                "\(casePath)/embargo/proposals",
                ["form_token": token, "local": "2027-03-14T02:30", "time_zone": "America/New_York"])
            #expect(skipped.status == .badRequest && skipped.html.contains(#"id="embargo-error""#))
            #expect(skipped.html.contains(#"value="2027-03-14T02:30""#), "the date typed is kept")
            let proposed = try await vera.post(
                "\(casePath)/embargo/proposals",
                ["form_token": token, "local": "2027-02-01T09:00", "time_zone": "America/New_York"])
            #expect(proposed.location == "\(casePath)?notice=date-proposed#disclosure")
            let status = try await vera.post(
                "\(casePath)/status",
                ["form_token": token, "status": "fixed", "justification": "", "statement": "Fixed in 1.1 <b>today</b>"])
            #expect(status.location == "\(casePath)?notice=status-given#disclosure")
            let unversioned = try await vera.post(
                "\(casePath)/fixes", ["form_token": token, "purl": "pkg:pypi/demo", "introduced": "1.0"])
            #expect(unversioned.status == .badRequest && unversioned.html.contains(#"id="fix-error""#))
            let fixed = try await vera.post(
                "\(casePath)/fixes", ["form_token": token, "purl": "pkg:pypi/demo@1.1", "introduced": "1.0"])
            #expect(fixed.location == "\(casePath)?notice=fix-recorded#disclosure")
            let after = try await vera.get(casePath)
            #expect(after.html.contains("2027-02-01T09:00 America/New_York"))
            #expect(after.html.contains("Fixed in 1.1 &lt;b&gt;today&lt;/b&gt;"), "the statement renders inert")
            #expect(after.html.contains("<code>pkg:pypi/demo@1.1</code>, affected from 1.0"))
            #expect(!after.html.contains(#"action="\#(casePath)/embargo/agreements""#), "the proposer already agreed")

            let lena = TestBrowser(api)
            try await WebSignInTests.join(
                lena,
                link: try await WebSignInTests.invite(
                    api, email: "lena@harbor.example", name: "Lena Lab", role: "analyst", organization: lab))
            let reporterPage = try await lena.get(casePath)
            #expect(!reporterPage.html.contains(#"action="\#(casePath)/status""#), "the reporter gives no status")
            let agreed = try await lena.post(
                "\(casePath)/embargo/agreements", ["form_token": try #require(reporterPage.formToken)])
            #expect(agreed.location == "\(casePath)?notice=date-agreed#disclosure")

            let cora = try await WebCasesTests.coordinator(api)
            let coordinatorPage = try await cora.get(casePath)
            #expect(coordinatorPage.html.contains("Publication opens on 2027-02-01T09:00 America/New_York"))
            #expect(!coordinatorPage.html.contains(#"action="\#(casePath)/publication""#))
            let coordinatorToken = try #require(coordinatorPage.formToken)
            let ended = try await cora.post(
                "\(casePath)/embargo/end", ["form_token": coordinatorToken, "reason": "Exploitation reported"])
            #expect(ended.location == "\(casePath)?notice=embargo-ended#disclosure")
            let publishable = try await cora.get(casePath)
            #expect(publishable.html.contains(#"action="\#(casePath)/publication""#))
            let blank = try await cora.post(
                "\(casePath)/publication", ["form_token": coordinatorToken, "summary": "Overflow", "details": " "])
            #expect(blank.status == .badRequest && blank.html.contains(#"id="publish-error""#))
            let published = try await cora.post(
                "\(casePath)/publication",
                ["form_token": coordinatorToken, "summary": "Overflow in demo's parser", "details": "Upgrade to 1.1."])
            #expect(published.location == "\(casePath)?notice=case-published#disclosure")
            let done = try await cora.get(casePath)
            #expect(done.html.contains(#"<a href="/advisories/x_CHX-2027-0001">CHX-2027-0001</a>"#))

            // Anyone reads the advisory's page, with its downloads.
            let visitor = TestBrowser(api)
            let advisory = try await visitor.get("/advisories/x_CHX-2027-0001")
            #expect(
                advisory.status == .ok && advisory.html.contains("Overflow in demo&#39;s parser"), "\(advisory.html)")
            for format in ["osv", "csaf", "csaf-vex", "cve", "stix"] {
                #expect(
                    advisory.html.contains(#"href="/v1/published-advisories/CHX-2027-0001/\#(format)""#), "\(format)")
                #expect(done.html.contains(#"href="/v1/published-advisories/CHX-2027-0001/\#(format)""#), "\(format)")
            }
        }
    }
}
