import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

@testable import ClearinghouseServer

/// Coordinators import OSV, KEV and EPSS files from the imports page: the file is read in the background, its page
/// shows how the run stands and how it ended, and nobody else sees the page or the runs.
@Suite struct WebImportTests {
    /// Follows a run's page until it stops refreshing itself (the run ended), for at most 2 minutes (a loaded
    /// machine runs the whole suite at once).
    static func ended(_ browser: TestBrowser, _ path: String) async throws -> TestBrowser.Page {
        let deadline = ContinuousClock.now + .seconds(120)
        while true {
            let page = try await browser.get(path)
            if !page.html.contains(#"http-equiv="refresh""#) || ContinuousClock.now > deadline { return page }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test(arguments: engines)
    func coordinatorsImportFilesAndFollowTheirRuns(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let cora = try await WebCasesTests.coordinator(api)
            let empty = try await cora.get("/imports")
            #expect(empty.status == .ok)
            #expect(empty.html.contains("No import yet"))
            let token = try #require(empty.formToken)

            // 601 records, the last one invalid: progress is reported on the way (every 500), every record is counted.
            let records = (0..<600).map { OSVAPITests.record("PYSEC-2026-\($0)") } + [#"{"id": "BROKEN-1"}"#]
            let started = try await cora.postFile(
                "/imports", ["form_token": token, "kind": "osv"],
                file: ("document", "batch.json", "[" + records.joined(separator: ",") + "]"))
            let path = try #require(started.location)
            #expect(path.hasPrefix("/imports/"))
            let finished = try await Self.ended(cora, path)
            #expect(finished.html.contains(#"id="state">finished<"#), "\(finished.html)")
            #expect(finished.html.contains("<th scope=\"row\">Documents read</th><td>601</td>"))
            #expect(finished.html.contains("<th scope=\"row\">New</th><td>600</td>"))
            #expect(finished.html.contains("<th scope=\"row\">Skipped as invalid</th><td>1</td>"))
            #expect(finished.html.contains("<code>batch.json[600]</code>"))
            #expect(try await api.send(.get, "/v1/vulns/PYSEC-2026-599").status == .ok)
            let listed = try await cora.get("/imports")
            #expect(listed.html.contains(#"<a href="\#(path)">batch.json</a>"#))

            // A file's name is the browser's to give: shown as text, never as markup.
            let hostileName = #""><script>alert(1)</script>.json"#
            let named = try #require(
                try await cora.postFile(
                    "/imports", ["form_token": token, "kind": "osv"],
                    file: ("document", hostileName, OSVAPITests.record("PYSEC-2026-NAME"))
                ).location)
            let namedRun = try await Self.ended(cora, named)
            #expect(!namedRun.html.contains("<script>alert(1)"))
            #expect(namedRun.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;.json"))

            // Threat feeds: a KEV catalog is taken; an EPSS file with a problem fails whole, saying why.
            let kev = try #require(
                try await cora.postFile(
                    "/imports", ["form_token": token, "kind": "kev"],
                    file: ("document", "known_exploited_vulnerabilities.json", PrioritiesAPITests.kev)
                ).location)
            let kevRun = try await Self.ended(cora, kev)
            #expect(kevRun.html.contains(#"id="state">finished<"#))
            #expect(kevRun.html.contains("<th scope=\"row\">New</th><td>1</td>"))
            let epss = try #require(
                try await cora.postFile(
                    "/imports", ["form_token": token, "kind": "epss"],
                    file: ("document", "epss.csv", "cve,epss,percentile\nCVE-2024-0001,2.5,0.9\n")
                ).location)
            let epssRun = try await Self.ended(cora, epss)
            #expect(epssRun.html.contains(#"id="state">failed<"#))
            #expect(epssRun.html.contains("nothing was imported"))

            // Refusals: no kind, no file, an expired form.
            let noKind = try await cora.postFile(
                "/imports", ["form_token": token], file: ("document", "a.json", OSVAPITests.record("PYSEC-2026-X")))
            #expect(noKind.status == .badRequest)
            #expect(noKind.html.contains(#"id="kind-error""#))
            let stale = try await cora.postFile(
                "/imports", ["kind": "osv"], file: ("document", "a.json", OSVAPITests.record("PYSEC-2026-X")))
            #expect(stale.status == .forbidden)

            // A run whose node stopped reporting shows as interrupted, and stops refreshing.
            let runID = try #require(ImportRun.ID(String(path.dropFirst("/imports/".count))))
            let member = try #require(try await api.store.read { try await $0.importRuns.find(runID) })
            let abandoned = ImportRun(
                id: api.dependencies.makeID(), kind: .osv, filename: "all.zip", byteCount: 10, organization: member.organization,
                person: nil, node: "gone", state: .running, createdAt: api.clock.now)
            try await api.store.bookkeeping { try await $0.importRuns.insert(abandoned) }
            #expect(try await cora.get("/imports/\(abandoned.id)").html.contains(#"http-equiv="refresh""#))
            api.clock.advance(by: ImportRun.interruptedAfter + 1)
            let interrupted = try await cora.get("/imports/\(abandoned.id)")
            #expect(interrupted.html.contains(#"id="state">interrupted<"#))
            #expect(!interrupted.html.contains(#"http-equiv="refresh""#))

            // Another organization's person: neither the list nor a run, and a run looks like a missing one.
            let lab = try await api.createOrganization(name: "Independent Lab", kind: "researcher")
            let ana = TestBrowser(api)
            try await WebSignInTests.join(
                ana, link: try await WebSignInTests.invite(api, email: "ana@lab.example", organization: lab))
            #expect(try await ana.get("/imports").status == .notFound)
            let hidden = try await ana.get(path)
            let missing = try await ana.get("/imports/01a3185c-5000-7000-8000-000000000000")
            #expect(hidden.status == .notFound)
            #expect(hidden.html == missing.html)
            let anaToken = try #require(try await ana.get("/").formToken)
            let refused = try await ana.postFile(
                "/imports", ["form_token": anaToken, "kind": "osv"],
                file: ("document", "a.json", OSVAPITests.record("PYSEC-2026-Y")))
            #expect(refused.status == .forbidden)
            #expect(try await api.send(.get, "/v1/vulns/PYSEC-2026-Y").status == .notFound)
        }
    }

    /// A node holds at most a few files waiting to be read; the next is refused until one is done.
    @Test func aNodeQueuesAFewFilesAtMost() throws {
        let queue = ImportQueue()
        for _ in 0..<ImportQueue.capacity { try queue.reserve() }
        #expect(throws: ClearinghouseError.self) { try queue.reserve() }
        queue.release()
        try queue.reserve()
    }
}
