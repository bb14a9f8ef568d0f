import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

/// People submit findings files from the findings page and see their organization's findings with their cases;
/// a reader may not submit, and a file that is not findings is refused next to the field.
@Suite struct WebFindingsTests {
    @Test(arguments: engines)
    func aFindingsFileSubmittedFromThePageOpensACase(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let lab = try await api.createOrganization(name: "Independent Lab", kind: "researcher")
            let analyst = TestBrowser(api)
            try await WebSignInTests.join(
                analyst,
                link: try await WebSignInTests.invite(api, email: "ana@lab.example", role: "analyst", organization: lab))
            let page = try await analyst.get("/findings")
            #expect(page.status == .ok)
            #expect(page.html.contains("has submitted no findings yet"))
            let token = try #require(page.formToken)

            let notFindings = try await analyst.postFile(
                "/findings", ["form_token": token, "label": "AMBER"], file: ("document", "x.json", #"{"a": 1}"#))
            #expect(notFindings.status == .badRequest)
            #expect(notFindings.html.contains(#"id="document-error""#))
            let sarif = try FindingsAPITests.sample("Baseline.sarif")
            let submitted = try await analyst.postFile(
                "/findings", ["form_token": token, "label": "AMBER", "purl": "pkg:pypi/demo@1.0"],
                file: ("document", "scan.sarif", sarif))
            let location = try #require(submitted.location)
            #expect(location.hasPrefix("/findings?notice=findings-submitted&count="))
            let list = try await analyst.get(location)
            #expect(list.html.contains("submitted"))
            #expect(list.html.contains("TLP:AMBER"))
            #expect(list.html.contains(#"<a href="/cases/"#), "each finding links its case")
            let again = try await analyst.postFile(
                "/findings", ["form_token": token, "label": "AMBER", "purl": "pkg:pypi/demo@1.0"],
                file: ("document", "scan.sarif", sarif))
            #expect(try await analyst.get(try #require(again.location)).html.contains("joined a case someone had already reported"))

            let reader = TestBrowser(api)
            try await WebSignInTests.join(
                reader,
                link: try await WebSignInTests.invite(api, email: "rd@lab.example", role: "reader", organization: lab))
            let readerToken = try #require(try await reader.get("/findings").formToken)
            let refused = try await reader.postFile(
                "/findings", ["form_token": readerToken], file: ("document", "scan.sarif", sarif))
            #expect(refused.status == .forbidden)
            #expect(refused.html.contains("Your role does not allow this"))
        }
    }
}
