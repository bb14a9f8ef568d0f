import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

@testable import ClearinghouseServer

/// A vendor's coordination page: the cases it is on (and no other), each with its status, its fix and the deadline
/// for it, the embargo's date, and the advisory once published; published cases only when asked for.
@Suite struct WebCoordinationTests {
    @Test(arguments: engines)
    func aVendorSeesWhatItOwesOnEachCaseItIsOn(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let labToken = try await api.mintToken(for: lab, role: "analyst").token
            let vendor = try await api.createOrganization(name: "Demo Inc", kind: "vendor")
            let vendorToken = try await api.mintToken(for: vendor, role: "analyst").token
            let other = try await api.createOrganization(name: "Other Inc", kind: "vendor")
            let owing = try await DisclosureAPITests.validatedCase(
                api, reporterToken: labToken, vendor: vendor, purl: "pkg:pypi/owing@1.0")
            let unaffected = try await DisclosureAPITests.validatedCase(
                api, reporterToken: labToken, vendor: vendor, purl: "pkg:pypi/unaffected@1.0")
            let status = try await api.send(
                .put, "/v1/cases/\(unaffected)/participants/\(vendor)/status", token: vendorToken,
                json: #"{"status": "not_affected", "justification": "component_not_present"}"#)
            #expect(status.status == .ok, "\(status.text)")
            let elsewhere = try await DisclosureAPITests.validatedCase(
                api, reporterToken: labToken, vendor: other, purl: "pkg:pypi/elsewhere@1.0")
            let published = try await DisclosureAPITests.validatedCase(
                api, reporterToken: labToken, vendor: vendor, purl: "pkg:pypi/published@1.0")
            let advisoryID = try await DisclosureAPITests.publish(published, api)

            let browser = TestBrowser(api)
            try await WebSignInTests.join(
                browser,
                link: try await WebSignInTests.invite(api, email: "psirt@demo.example", organization: vendor))
            let page = try await browser.get("/coordination")
            #expect(page.status == .ok && page.html.contains(#"href="/coordination" aria-current="page""#))
            let rows = page.html.components(separatedBy: "<tr><td>").dropFirst()
            #expect(rows.count == 2, "the two open cases it is on")
            let owingRow = try #require(rows.first { $0.contains(owing) })
            #expect(owingRow.contains("<strong>not given</strong>") && owingRow.contains("<strong>due "))
            #expect(owingRow.contains("not decided") && owingRow.contains("until <time"))
            #expect(!owingRow.contains("overdue"))
            let unaffectedRow = try #require(rows.first { $0.contains(unaffected) })
            #expect(unaffectedRow.contains("not affected") && unaffectedRow.contains("0 recorded"))
            #expect(!page.html.contains(elsewhere) && !page.html.contains(published))

            // Every case, published ones too, with the advisory; and, once the week has passed, the fix is overdue.
            // (A session does not last the week: a new one.)
            api.clock.advance(by: 8 * 86_400)
            let later = TestBrowser(api)
            try await WebSignInTests.join(
                later, link: try await WebSignInTests.invite(api, email: "lead@demo.example", organization: vendor))
            let all = try await later.get("/coordination?show=all")
            #expect(all.html.contains(published) && all.html.contains(advisoryID))
            #expect(
                try #require(all.html.components(separatedBy: "<tr><td>").first { $0.contains(owing) }).contains(
                    "overdue"))
            #expect(try await later.get("/coordination?show=mine").status == .badRequest)

            // Another vendor sees only its own case; an operator has no link to the page.
            let otherBrowser = TestBrowser(api)
            try await WebSignInTests.join(
                otherBrowser,
                link: try await WebSignInTests.invite(api, email: "psirt@other.example", organization: other))
            let otherPage = try await otherBrowser.get("/coordination")
            #expect(otherPage.html.contains(elsewhere) && !otherPage.html.contains(owing))
            let hospital = try await api.createOrganization(
                name: "County Hospital", kind: "operator", sector: "healthcare")
            let operatorBrowser = TestBrowser(api)
            let home = try await WebSignInTests.join(
                operatorBrowser,
                link: try await WebSignInTests.invite(api, email: "it@county.example", organization: hospital))
            #expect(!home.html.contains(#"href="/coordination""#))
            #expect(
                try await operatorBrowser.get("/coordination").html.contains("No case being worked on concerns you"))
        }
    }
}
