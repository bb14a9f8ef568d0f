import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

/// The case pages: a coordinator triages a case, writes to its participants and decides its priority; a validator
/// sees the job it claimed and the case it opened; the reporter sees its case and may only withdraw it; everyone
/// else gets the same "not found" as for a case that does not exist. What people typed renders inert.
@Suite struct WebCasesTests {
    static let hostileTitle = "\"><script>alert(1)</script>\u{202E}evil"

    /// A coordinator's person, joined and enrolled.
    static func coordinator(_ api: TestAPI) async throws -> TestBrowser {
        let browser = TestBrowser(api)
        try await WebSignInTests.join(
            browser, link: try await WebSignInTests.invite(api, email: "cora@example.org", name: "Cora Coordinator"))
        let enrol = try await browser.get("/second-factor")
        let totp = try WebSignInTests.authenticator(on: enrol)
        let confirmed = try await browser.post(
            "/second-factor", ["form_token": try #require(enrol.formToken), "code": totp.code(at: api.clock.now)])
        #expect(confirmed.location == "/?notice=second-factor")
        return browser
    }

    /// A researcher's finding with a hostile title, submitted through the API: its case's id.
    static func reportedCase(_ api: TestAPI, researcher: String) async throws -> String {
        let token = try await api.mintToken(for: researcher, role: "analyst").token
        let body = try JSONSerialization.data(withJSONObject: [
            "title": hostileTitle, "target": ["purl": "pkg:generic/demo@1.0"], "cwe": ["CWE-121"],
            "artifacts": [ArtifactDigest(of: Data("proof".utf8)).description],
        ])
        let artifact = try await api.send(
            .post, "/v1/artifacts", token: token, json: "proof", headers: [.contentType: "application/octet-stream"])
        #expect(artifact.status == .created, "\(artifact.text)")
        let reply = try await api.send(.post, "/v1/findings", token: token, json: String(decoding: body, as: UTF8.self))
        #expect(reply.status == .created, "\(reply.text)")
        return try #require((reply["findings"] as? [[String: Any]])?.first?["case_id"] as? String)
    }

    /// The names of the decision form's fields for the table's inputs.
    static func decisionFields(on page: TestBrowser.Page) -> Set<String> {
        Set(
            page.html.components(separatedBy: #"name="input."#).dropFirst().compactMap { rest in
                rest.split(separator: "\"", maxSplits: 1).first.map { "input." + $0 }
            })
    }

    @Test(arguments: engines)
    func aCoordinatorTriagesDecidesAndWritesAndAValidatorSeesTheJob(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let lab = try await api.createOrganization(name: "Independent Lab", kind: "researcher")
            let caseID = try await Self.reportedCase(api, researcher: lab)
            let cora = try await Self.coordinator(api)

            let list = try await cora.get("/cases")
            #expect(list.status == .ok)
            #expect(list.html.contains(#"href="/cases/\#(caseID)""#))
            #expect(!list.html.contains("<script>alert"), "the title renders inert")
            #expect(list.html.contains("&lt;script&gt;"))
            #expect(try await cora.get("/cases?state=disclosed").html.contains("No case matches these filters"))
            #expect(try await cora.get("/cases?state=nonsense").status == .badRequest)

            let page = try await cora.get("/cases/\(caseID)")
            #expect(page.status == .ok)
            #expect(page.html.contains("Independent Lab"), "coordinators see who reported")
            #expect(page.html.contains(#"value="triaged""#))
            #expect(page.html.contains("No validation job yet"))
            let token = try #require(page.formToken)
            let proof = ArtifactDigest(of: Data("proof".utf8)).description
            #expect(page.html.contains(#"<option value="\#(proof)">"#), "the proofs the findings cite are offered")

            let uncited = try await cora.post(
                "/cases/\(caseID)/transitions",
                ["form_token": token, "state": "triaged", "proof": ArtifactDigest(of: Data("other".utf8)).description])
            #expect(uncited.status == .badRequest, "a proof no finding cites is refused")
            #expect(uncited.html.contains(#"id="transition-error""#))
            let triaged = try await cora.post(
                "/cases/\(caseID)/transitions",
                ["form_token": token, "state": "triaged", "proof": proof, "reason": "Reproducible crash"])
            #expect(triaged.location == "/cases/\(caseID)?notice=case-moved")
            let moved = try await cora.get("/cases/\(caseID)?notice=case-moved")
            #expect(moved.html.contains("<strong>triaged</strong>"))
            #expect(moved.html.contains("Reproducible crash"))
            #expect(moved.html.contains("by Cora Coordinator, "), "the history names the person who moved it")
            #expect(moved.html.contains("Reproduce the proof"))
            // A move the state no longer allows is refused next to the form, nothing changed.
            let again = try await cora.post(
                "/cases/\(caseID)/transitions", ["form_token": token, "state": "fixed"])
            #expect(again.status == .badRequest)
            #expect(again.html.contains(#"id="transition-error""#))

            let message = "Vendor contacted <b>today</b> \u{202E}"
            let posted = try await cora.post("/cases/\(caseID)/messages", ["form_token": token, "body": message])
            #expect(posted.location == "/cases/\(caseID)?notice=message-posted#messages")
            let empty = try await cora.post("/cases/\(caseID)/messages", ["form_token": token, "body": "  "])
            #expect(empty.status == .badRequest)
            #expect(empty.html.contains(#"id="body-error""#))

            #expect(Self.decisionFields(on: moved) == ["input.E", "input.A", "input.TI", "input.MWI"])
            let missing = try await cora.post(
                "/cases/\(caseID)/decisions", ["form_token": token, "table": "cisa-coordinator", "input.E": "A"])
            #expect(missing.status == .badRequest)
            #expect(missing.html.contains(#"id="decision-error""#))
            let decided = try await cora.post(
                "/cases/\(caseID)/decisions",
                [
                    "form_token": token, "table": "cisa-coordinator", "input.E": "A", "input.A": "Y", "input.TI": "T",
                    "input.MWI": "H", "rationale": "Exploited at two hospitals",
                ])
            #expect(decided.location == "/cases/\(caseID)?notice=decision-recorded#decisions")
            let shown = try await cora.get("/cases/\(caseID)")
            #expect(shown.html.contains("<strong>Act</strong> by the cisa-coordinator table"))
            #expect(shown.html.contains("Exploited at two hospitals"))
            #expect(shown.html.contains("Vendor contacted &lt;b&gt;today&lt;/b&gt;"))
            #expect(!shown.html.contains("\u{202E}"), "direction overrides do not reach the page")

            // A validator claims the job (as `clearinghouse validator run` does) and sees it, and its case.
            let sandbox = try await api.createOrganization(name: "Sandbox One", kind: "validator")
            let sandboxToken = try await api.mintToken(for: sandbox, role: "analyst").token
            #expect(try await api.send(.post, "/v1/validation-jobs/claim", token: sandboxToken).status == .ok)
            let val = TestBrowser(api)
            try await WebSignInTests.join(
                val, link: try await WebSignInTests.invite(api, email: "v@sandbox.example", organization: sandbox))
            let jobs = try await val.get("/validation")
            #expect(jobs.status == .ok)
            #expect(jobs.html.contains(#"href="/cases/\#(caseID)""#))
            #expect(jobs.html.contains("Reproduce the proof"))
            #expect(jobs.html.contains(ArtifactDigest(of: Data("proof".utf8)).description))
            let seen = try await val.get("/cases/\(caseID)")
            #expect(seen.status == .ok)
            #expect(seen.html.contains("Sandbox One (yours)"))
            #expect(!seen.html.contains(#"action="/cases/\#(caseID)/transitions""#), "a validator moves no case")

            // The reporter sees its case and may only withdraw it; its reader may neither move nor write.
            let ana = TestBrowser(api)
            try await WebSignInTests.join(
                ana, link: try await WebSignInTests.invite(api, email: "ana@lab.example", role: "analyst", organization: lab))
            let own = try await ana.get("/cases/\(caseID)")
            #expect(own.status == .ok)
            #expect(own.html.contains(#"value="withdrawn""#))
            #expect(!own.html.contains(#"value="validated""#))
            let reader = TestBrowser(api)
            try await WebSignInTests.join(
                reader, link: try await WebSignInTests.invite(api, email: "r@lab.example", role: "reader", organization: lab))
            let read = try await reader.get("/cases/\(caseID)")
            #expect(read.status == .ok)
            #expect(!read.html.contains(#"action="/cases/\#(caseID)/messages""#))
            let refused = try await reader.post(
                "/cases/\(caseID)/messages", ["form_token": try #require(read.formToken), "body": "hello"])
            #expect(refused.status == .forbidden)

            // Another organization sees nothing: the case page is the same 404 as a case that does not exist.
            let bank = try await api.createOrganization(name: "Prairie Bank", kind: "operator", sector: "finance")
            let teller = TestBrowser(api)
            try await WebSignInTests.join(
                teller, link: try await WebSignInTests.invite(api, email: "it@prairie.example", organization: bank))
            let hidden = try await teller.get("/cases/\(caseID)")
            let missingCase = try await teller.get("/cases/case_00000000000000000000000000")
            #expect(hidden.status == .notFound)
            #expect(hidden.html == missingCase.html)
            #expect(!(try await teller.get("/cases")).html.contains(caseID))
            let tellerToken = try #require(try await teller.get("/cases").formToken)
            let post = try await teller.post("/cases/\(caseID)/messages", ["form_token": tellerToken, "body": "hi"])
            #expect(post.status == .notFound)
            #expect(post.html == missingCase.html)

            // A form without its session's token changes nothing.
            let forged = try await cora.post("/cases/\(caseID)/transitions", ["state": "rejected"])
            #expect(forged.status == .forbidden)
            #expect(try await cora.get("/cases/\(caseID)").html.contains("<strong>triaged</strong>"))

            let events = try await api.auditEvents().filter { $0.actor.channel == .web }
            #expect(events.contains { $0.action == .caseTransition && $0.outcome == .success })
            #expect(events.contains { $0.action == .caseMessage && $0.outcome == .success })
            #expect(events.contains { $0.action == .ssvcDecide && $0.outcome == .success })
            #expect(events.contains { $0.action == .caseMessage && $0.outcome == .denied })
        }
    }
}
