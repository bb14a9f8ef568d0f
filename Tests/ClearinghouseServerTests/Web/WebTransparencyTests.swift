import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

/// Anyone can read the latest checkpoint and check an entry's inclusion proof on the transparency page.
@Suite struct WebTransparencyTests {
    @Test(arguments: engines)
    func anEntryIsCheckedAgainstTheSignedRoot(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let browser = TestBrowser(api)
            _ = try await api.createOrganization(name: "Valley General Hospital", kind: "operator", sector: "healthcare")
            let checkpoint = try await api.signCheckpoint()
            let page = try await browser.get("/transparency")
            #expect(page.status == .ok)
            #expect(page.html.contains(checkpoint.root.base64))
            #expect(page.html.contains("<dt>Entries</dt><dd>\(checkpoint.size)</dd>"))
            let last = checkpoint.size - 1
            let entry = try await browser.get("/transparency?index=\(last)")
            #expect(entry.html.contains("Entry \(last) is included in the tree of \(checkpoint.size) entries"))
            #expect(entry.html.contains("the entry's bytes hash to it"))
            #expect(entry.html.contains("organization.verify"))
            let beyond = try await browser.get("/transparency?index=\(checkpoint.size)")
            #expect(beyond.status == .badRequest)
            #expect(beyond.html.contains(#"id="index-error""#))
            #expect(try await browser.get("/transparency?index=-1").status == .badRequest)
        }
    }
}
