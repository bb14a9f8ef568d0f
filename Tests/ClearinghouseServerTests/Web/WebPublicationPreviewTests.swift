import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

@testable import ClearinghouseServer

/// A coordinator reads what publishing a case would write, in each format, before publishing: the next id, not
/// taken; the vendor's status among the products. Anyone else, and anyone once the case is published, gets the same
/// "not found" as a missing case.
@Suite struct WebPublicationPreviewTests {
    @Test(arguments: engines)
    func aCoordinatorPreviewsEachFormatBeforePublishing(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let labToken = try await api.mintToken(for: lab, role: "analyst").token
            let vendor = try await api.createOrganization(name: "Demo Inc", kind: "vendor")
            let vendorToken = try await api.mintToken(for: vendor, role: "analyst").token
            let caseID = try await DisclosureAPITests.validatedCase(
                api, reporterToken: labToken, vendor: vendor, aliases: #"["CVE-2026-1234"]"#)
            let status = try await api.send(
                .put, "/v1/cases/\(caseID)/participants/\(vendor)/status", token: vendorToken,
                json: #"{"status": "affected", "statement": "Working on 1.1."}"#)
            #expect(status.status == .ok, "\(status.text)")

            let coordinator = try await WebCasesTests.coordinator(api)
            let casePage = try await coordinator.get("/cases/\(caseID)")
            #expect(casePage.html.contains("/cases/\(caseID)/preview?format=csaf"))
            for format in AdvisoryFormat.allCases {
                let page = try await coordinator.get("/cases/\(caseID)/preview?format=\(format.rawValue)")
                #expect(page.status == .ok, "\(format)")
                #expect(page.html.contains("CHX-2027-0001") && page.html.contains("Preview: \(format.title)"))
            }
            let csaf = try await coordinator.get("/cases/\(caseID)/preview?format=csaf")
            #expect(csaf.html.contains("Demo Inc products") && csaf.html.contains("Working on 1.1."))
            #expect(try await coordinator.get("/cases/\(caseID)/preview?format=pdf").status == .badRequest)

            // The vendor on the case may not preview it: the same 404 as a missing case.
            let vendorBrowser = TestBrowser(api)
            try await WebSignInTests.join(
                vendorBrowser,
                link: try await WebSignInTests.invite(api, email: "psirt@demo.example", organization: vendor))
            #expect(try await vendorBrowser.get("/cases/\(caseID)/preview").status == .notFound)
            #expect(!(try await vendorBrowser.get("/cases/\(caseID)").html.contains("/preview?format=")))

            // Previewing took no id: publishing gives the one previewed; then there is nothing to preview.
            #expect(try await DisclosureAPITests.publish(caseID, api) == "CHX-2027-0001")
            #expect(try await coordinator.get("/cases/\(caseID)/preview").status == .notFound)
        }
    }
}
