import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

@testable import ClearinghouseServer

/// Advisories can be found by id, Package URL or package, without signing in as through the OSV API; an advisory's
/// page shows its ranges as a table and only http and https references as links.
@Suite struct WebAdvisoryTests {
    static let hostile = """
        [{"id": "GHSA-xxxx-yyyy-zzzz", "modified": "2024-02-01T00:00:00Z", "aliases": ["CVE-2024-9999"],
          "summary": "<img src=x onerror=alert(1)> in the parser",
          "details": "Line one.\\nLine two with \\"quotes\\".",
          "affected": [{"package": {"ecosystem": "npm", "name": "left-pad", "purl": "pkg:npm/left-pad"},
                        "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"fixed": "1.3.1"}]}]}],
          "references": [{"type": "WEB", "url": "https://example.org/advisory"},
                         {"type": "WEB", "url": "javascript:alert(document.cookie)"}]}]
        """

    @Test(arguments: engines)
    func advisoriesAreFoundAndShownInert(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            for records in [ExposureAPITests.advisories, Self.hostile] {
                let imported = try await api.send(
                    .post, "/v1/advisories/import", token: api.coordinatorToken, json: records)
                #expect(imported.status == .ok, "\(imported.text)")
            }
            let anonymous = TestBrowser(api)
            let search = try await anonymous.get("/advisories")
            #expect(search.status == .ok)
            #expect(search.html.contains(#"href="/sign-in""#))

            let byPurl = try await anonymous.get("/advisories?purl=pkg:npm/left-pad@1.2.0")
            #expect(byPurl.html.contains(#"href="/advisories/GHSA-aaaa-bbbb-cccc""#))
            #expect(byPurl.html.contains(#"href="/advisories/GHSA-xxxx-yyyy-zzzz""#))
            let fixed = try await anonymous.get("/advisories?ecosystem=npm&name=left-pad&version=1.3.0")
            #expect(!fixed.html.contains("GHSA-aaaa-bbbb-cccc"), "1.3.0 is fixed")
            #expect(fixed.html.contains("GHSA-xxxx-yyyy-zzzz"))
            let bad = try await anonymous.get("/advisories?purl=npm/left-pad")
            #expect(bad.status == .badRequest)
            #expect(bad.html.contains(#"id="purl-error""#))

            #expect(try await anonymous.get("/advisories?id=ghsa-xxxx-yyyy-zzzz").location == "/advisories/GHSA-xxxx-yyyy-zzzz")
            #expect(try await anonymous.get("/advisories?id=GHSA-none").status == .notFound)
            let page = try await anonymous.get("/advisories/GHSA-xxxx-yyyy-zzzz")
            #expect(page.status == .ok)
            #expect(page.html.contains("&lt;img src=x onerror=alert(1)&gt;"))
            #expect(!page.html.contains("<img"))
            #expect(page.html.contains("SEMVER: introduced 1.0.0, fixed 1.3.1"))
            #expect(page.html.contains(#"<a href="https://example.org/advisory""#))
            #expect(!page.html.contains(#"href="javascript:"#))
            #expect(page.html.contains("javascript:alert(document.cookie)"), "shown as text")
            let missing = try await anonymous.get("/advisories/GHSA-none")
            #expect(missing.status == .notFound)
        }
    }

    @Test func onlyHTTPAndHTTPSAreLinks() {
        #expect(WebController.isWebLink("https://example.org/a"))
        #expect(WebController.isWebLink("HTTP://example.org"))
        for text in ["javascript:alert(1)", "data:text/html,x", "//example.org", "https:///nohost", "vbscript:x", ""] {
            #expect(!WebController.isWebLink(text), "\(text)")
        }
    }
}
