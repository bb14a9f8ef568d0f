import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// Finding intake over HTTP: SARIF, OSV drafts and native findings fold into cases; later reporters learn only
/// that they duplicated a case; cases move through their states; artifacts are shared on a need-to-know basis.
@Suite struct FindingsAPITests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../SARIFTests/Resources/samples").standardized

    static func sample(_ name: String) throws -> String {
        try String(contentsOf: samples.appendingPathComponent(name), encoding: .utf8)
    }

    static let native = """
        {"title": "Heap overflow in parse_header", "target": {"purl": "pkg:pypi/demo@1.0"}, "cwe": ["CWE-787"],
         "locations": [{"path": "src/parse.c", "start_line": 10, "function": "parse_header"}],
         "provenance": {"tool": "acme-agent", "tool_version": "2.1", "model": "acme-1", "configuration_hash": "c0ffee"}}
        """

    struct Parties {
        let researcher: String
        let researcherToken: String
        let rival: String
        let rivalToken: String
        let vendor: String
        let vendorToken: String
    }

    func parties(_ api: TestAPI) async throws -> Parties {
        let researcher = try await api.createOrganization(name: "Independent Lab", kind: "researcher")
        let rival = try await api.createOrganization(name: "Agent Co", kind: "ai-developer")
        let vendor = try await api.createOrganization(name: "Demo Inc", kind: "vendor")
        return Parties(
            researcher: researcher, researcherToken: try await api.mintToken(for: researcher, role: "analyst").token,
            rival: rival, rivalToken: try await api.mintToken(for: rival, role: "analyst").token,
            vendor: vendor, vendorToken: try await api.mintToken(for: vendor, role: "analyst").token)
    }

    func submit(
        _ api: TestAPI, _ body: String, token: String, query: String = "", type: String = "application/json"
    ) async throws -> TestAPI.Reply {
        try await api.send(.post, "/v1/findings\(query)", token: token, json: body, headers: [.contentType: type])
    }

    static func placements(_ reply: TestAPI.Reply) -> [[String: Any]] {
        (reply["findings"] as? [[String: Any]]) ?? []
    }

    /// The case of each placed finding, as a coordinator sees it: a reporter that may not see the case it joined is
    /// not told which it is.
    static func cases(_ reply: TestAPI.Reply, api: TestAPI) async throws -> [String?] {
        var cases: [String?] = []
        for placement in placements(reply) {
            let id = placement["id"] as? String ?? ""
            cases.append(try await api.send(.get, "/v1/findings/\(id)", token: api.coordinatorToken)["case_id"] as? String)
        }
        return cases
    }

    @Test(arguments: engines)
    func duplicatesFoldIntoTheFirstReportersCase(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let parties = try await parties(api)
            let first = try await submit(api, Self.native, token: parties.researcherToken)
            #expect(first.status == .created, "\(first.text)")
            let placed = try #require(Self.placements(first).first)
            let caseID = try #require(placed["case_id"] as? String)
            let firstID = try #require(placed["id"] as? String)
            #expect(placed["duplicate_of"] is NSNull)

            // Another organization reports the same bug at another version: it joins the case, is told so, and
            // learns nothing else about it: not the case's id nor the first finding's, which would date them.
            let later = Self.native.replacingOccurrences(of: "demo@1.0", with: "demo@1.1")
            let second = try await submit(api, later, token: parties.rivalToken)
            #expect(second.status == .created, "\(second.text)")
            let duplicate = try #require(Self.placements(second).first)
            #expect(duplicate["duplicate"] as? Bool == true)
            #expect(duplicate["case_id"] is NSNull && duplicate["duplicate_of"] is NSNull, "\(second.text)")
            #expect(try await Self.cases(second, api: api) == [caseID])
            let hidden = try await api.send(.get, "/v1/cases/\(caseID)", token: parties.rivalToken)
            let missing = try await api.send(
                .get, "/v1/cases/\(UUID().uuidString.lowercased())", token: parties.rivalToken)
            #expect(hidden.status == .notFound && hidden.withoutRequestID == missing.withoutRequestID)
            #expect(try await api.send(.get, "/v1/findings/\(firstID)", token: parties.rivalToken).status == .notFound)
            let own = try await api.send(
                .get, "/v1/findings/\(duplicate["id"] as? String ?? "")", token: parties.rivalToken)
            #expect(own.status == .ok)
            #expect(own["duplicate"] as? Bool == true)
            #expect(own["case_id"] is NSNull && own["duplicate_of"] is NSNull, "\(own.text)")
            let ownList = try await api.send(.get, "/v1/findings", token: parties.rivalToken)
            #expect((ownList["items"] as? [[String: Any]])?.first?["case_id"] is NSNull)

            // The first reporter and coordinators see the case, with both findings and its opening.
            for token in [parties.researcherToken, api.coordinatorToken] {
                let shown = try await api.send(.get, "/v1/cases/\(caseID)", token: token)
                #expect(shown.status == .ok, "\(shown.text)")
                let body = shown.json
                #expect(body["findings"] as? Int == 2)
                let caseBody = body["case"] as? [String: Any]
                #expect(caseBody?["owner"] as? String == parties.researcher)
                #expect(caseBody?["state"] as? String == "reported")
                #expect(caseBody?["tlp"] as? String == "TLP:AMBER+STRICT")
                #expect((body["transitions"] as? [[String: Any]])?.first?["to"] as? String == "reported")
            }
            // The first reporter does not read the rival's finding: joining its case shares it with nobody the
            // rival's label leaves out. Coordinators, under the label's oversight rule, read both.
            let listed = try await api.send(.get, "/v1/cases/\(caseID)/findings", token: parties.researcherToken)
            #expect((listed["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [firstID])
            let rivalFinding = duplicate["id"] as? String ?? ""
            #expect(
                try await api.send(.get, "/v1/findings/\(rivalFinding)", token: parties.researcherToken).status
                    == .notFound)
            let overseen = try await api.send(.get, "/v1/cases/\(caseID)/findings", token: api.coordinatorToken)
            #expect((overseen["items"] as? [Any])?.count == 2)
            let located = try await api.send(.get, "/v1/findings/\(rivalFinding)", token: api.coordinatorToken)
            #expect(located["case_id"] as? String == caseID && located["duplicate_of"] as? String == firstID)
            let finding = try await api.send(.get, "/v1/findings/\(firstID)", token: parties.researcherToken)
            let report = finding["report"] as? [String: Any]
            #expect(report?["title"] as? String == "Heap overflow in parse_header")
            #expect((report?["provenance"] as? [String: Any])?["model"] as? String == "acme-1")
            #expect((finding["fingerprints"] as? [String])?.contains { $0.hasPrefix("location:") } == true)
            #expect(try await api.send(.get, "/v1/cases", token: parties.rivalToken)["items"] as? [Any] != nil)
            let rivalCases = try await api.send(.get, "/v1/cases", token: parties.rivalToken)
            #expect((rivalCases["items"] as? [Any])?.isEmpty == true)

            // Audited, and first-finder credit committed to the log once.
            let events = try await api.auditEvents().filter { $0.action == .findingSubmit }
            #expect(events.count == 2 && events.allSatisfy { $0.outcome == .success })
            #expect(try await api.loggedKinds().filter { $0 == "finding.submit" }.count == 1)
        }
    }

    @Test(arguments: engines)
    func sarifLogsFromTheTutorialsGoIn(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let parties = try await parties(api)
            let log = try Self.sample("RegionVariants.sarif")
            let reply = try await submit(
                api, log, token: parties.researcherToken,
                query: "?repository=https://github.com/example/app&commit=0123abc&model=acme-1",
                type: "application/sarif+json")
            #expect(reply.status == .created, "\(reply.text)")
            let placements = Self.placements(reply)
            #expect(placements.count == 18)
            // Sending the same log again duplicates every result, by the tool's fingerprints and locations.
            let again = try await submit(
                api, log, token: parties.rivalToken, query: "?repository=https://github.com/example/app",
                type: "application/sarif+json")
            #expect(try await Self.cases(again, api: api) == placements.map { $0["case_id"] as? String })
            #expect(Self.placements(again).allSatisfy { $0["duplicate"] as? Bool == true })

            // Results that name no place meet only a report of the same words.
            let baseline = try await submit(api, try Self.sample("Baseline.sarif"), token: parties.researcherToken)
            #expect(Set(Self.placements(baseline).map { $0["case_id"] as? String }).count == 4)
            let baselineAgain = try await submit(api, try Self.sample("Baseline.sarif"), token: parties.rivalToken)
            #expect(Self.placements(baselineAgain).allSatisfy { $0["duplicate"] as? Bool == true })

            let stacks = try await submit(api, try Self.sample("ResultStacks.sarif"), token: parties.researcherToken)
            #expect(stacks.status == .created)
            let id = try #require(Self.placements(stacks).first?["id"] as? String)
            let finding = try await api.send(.get, "/v1/findings/\(id)", token: parties.researcherToken)
            let report = try #require(finding["report"] as? [String: Any])
            #expect(report["format"] as? String == "sarif")
            #expect((report["stacks"] as? [Any])?.isEmpty == false)

            // A CSAF advisory: one finding per vulnerability, deduplicated by its CVE.
            let csaf = try String(
                contentsOf: Self.samples.appendingPathComponent("../../../CSAFTests/Resources/rhsa-2021_5186.json")
                    .standardized, encoding: .utf8)
            let advisory = try await submit(api, csaf, token: parties.researcherToken)
            #expect(advisory.status == .created && Self.placements(advisory).count == 2, "\(advisory.text)")
            let osv =
                #"{"id": "GHSA-aaaa-bbbb-cccc", "modified": "2026-01-01T00:00:00Z", "aliases": ["CVE-2021-4104"]}"#
            let draft = try await submit(api, osv, token: parties.rivalToken)
            #expect(try await Self.cases(draft, api: api).first == Self.placements(advisory).first?["case_id"] as? String)

            let noRuns = try await submit(
                api, try Self.sample("ExceptionalConditions/No runs.sarif"), token: parties.researcherToken)
            #expect(noRuns.status == .badRequest)
            #expect(noRuns.code == "invalid_request")
            #expect((noRuns["detail"] as? String)?.contains("`runs` is null") == true)
            let emptyRuns = try await submit(
                api, try Self.sample("ExceptionalConditions/Empty runs.sarif"), token: parties.researcherToken)
            #expect(emptyRuns.status == .created && Self.placements(emptyRuns).isEmpty)
        }
    }

    @Test(arguments: engines)
    func casesMoveThroughTheirStatesByWhoMayMoveThem(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let parties = try await parties(api)
            let reply = try await submit(api, Self.native, token: parties.researcherToken)
            let caseID = try #require(Self.placements(reply).first?["case_id"] as? String)
            func move(_ state: String, token: String) async throws -> TestAPI.Reply {
                try await api.send(
                    .post, "/v1/cases/\(caseID)/transitions", token: token,
                    json: #"{"state": "\#(state)", "reason": "checked"}"#)
            }
            // The reporter may not triage its own case; nobody may jump from reported to fixed.
            #expect(try await move("triaged", token: parties.researcherToken).status == .forbidden)
            let jump = try await move("fixed", token: api.coordinatorToken)
            #expect(jump.status == .conflict)
            #expect((jump["detail"] as? String)?.contains("`triaged`") == true)
            #expect(try await move("triaged", token: api.coordinatorToken).status == .ok)
            #expect(try await move("validated", token: api.coordinatorToken).status == .ok)
            // A vendor that is not on the case cannot even see it.
            #expect(try await move("remediating", token: parties.vendorToken).status == .notFound)
            #expect(try await move("bogus", token: api.coordinatorToken).code == "invalid_field")
            let withdrawn = try await move("withdrawn", token: parties.researcherToken)
            #expect(withdrawn.status == .ok, "\(withdrawn.text)")
            #expect(withdrawn["state"] as? String == "withdrawn")
            #expect(try await move("triaged", token: api.coordinatorToken).status == .conflict)

            let shown = try await api.send(.get, "/v1/cases/\(caseID)", token: parties.researcherToken)
            let history = (shown["transitions"] as? [[String: Any]] ?? []).map { $0["to"] as? String ?? "" }
            #expect(history == ["reported", "triaged", "validated", "withdrawn"])
            let audited = try await api.auditEvents().filter { $0.action == .caseTransition }
            #expect(audited.filter { $0.outcome == .success }.count == 3)
            #expect(audited.filter { $0.outcome == .denied }.count == 1)
            #expect(try await api.loggedKinds().filter { $0 == "case.transition" }.count == 3)
        }
    }

    @Test(arguments: engines)
    func artifactsAreSharedOnlyWithTheCase(engine: Dialect) async throws {
        try await TestAPI.run(engine, configure: { $0.maximumArtifactSize = 1_024 }) { api in
            let parties = try await parties(api)
            let proof = "crash-input-\u{1}\u{2}"
            let uploaded = try await api.send(
                .post, "/v1/artifacts", token: parties.researcherToken, json: proof,
                headers: [.contentType: "application/octet-stream"])
            #expect(uploaded.status == .created, "\(uploaded.text)")
            let digest = try #require(uploaded["sha256"] as? String)
            #expect(digest == ArtifactDigest(of: Data(proof.utf8)).description)

            // Citing an artifact one did not upload looks the same whether it exists or not.
            let cited = Self.native.replacingOccurrences(
                of: #""cwe""#, with: #""artifacts": ["\#(digest)"], "cwe""#)
            let foreign = try await submit(api, cited, token: parties.rivalToken)
            #expect(foreign.status == .badRequest && foreign["field"] as? String == "artifacts")
            #expect(try await api.send(.get, "/v1/artifacts/\(digest)", token: parties.rivalToken).status == .notFound)

            let reply = try await submit(api, cited, token: parties.researcherToken)
            #expect(reply.status == .created, "\(reply.text)")
            let download = try await api.send(.get, "/v1/artifacts/\(digest)", token: api.coordinatorToken)
            #expect(download.status == .ok && download.text == proof)
            #expect(download.headers[.contentType] == "application/octet-stream")
            // A client that percent-encodes the colon of `sha256:` in the path gets the same artifact.
            let encoded = digest.replacingOccurrences(of: ":", with: "%3A")
            #expect(try await api.send(.get, "/v1/artifacts/\(encoded)", token: api.coordinatorToken).text == proof)

            let tooLarge = try await api.send(
                .post, "/v1/artifacts", token: parties.researcherToken, json: String(repeating: "A", count: 2_000),
                headers: [.contentType: "application/octet-stream"])
            #expect(tooLarge.status == .contentTooLarge)
            let damaged = try await api.send(
                .post, "/v1/artifacts?sha256=\(String(repeating: "0", count: 64))", token: parties.researcherToken,
                json: "abc", headers: [.contentType: "text/plain"])
            #expect(damaged.status == .badRequest && damaged["field"] as? String == "sha256")
        }
    }

    @Test(arguments: engines)
    func badSubmissionsAreRefusedAndWriteNothing(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let parties = try await parties(api)
            let reader = try await api.mintToken(for: parties.researcher, role: "reader").token
            #expect(try await submit(api, Self.native, token: reader).status == .forbidden)
            #expect(try await api.send(.post, "/v1/findings", json: Self.native).status == .unauthorized)
            let cases: [(String, String, String)] = [
                ("{", "", "invalid_request"),
                (#"{"title": "x"}"#, "", "invalid_field"),
                (Self.native, "?tlp=purple", "invalid_field"),
                (Self.native, "?format=pdf", "invalid_field"),
                (Self.native, "?purl=pkg:pypi/demo", "invalid_field"),
                (#"{"version": "2.1.0", "runs": [{"tool": {}}]}"#, "", "invalid_request"),
                (#"{"version": "2.0.0", "runs": []}"#, "", "invalid_request"),
                (#"{"id": "GHSA-x", "modified": "yesterday"}"#, "", "invalid_request"),
            ]
            for (body, query, code) in cases {
                let reply = try await submit(api, body, token: parties.researcherToken, query: query)
                #expect(reply.status == .badRequest, "\(body) \(query): \(reply.text)")
                #expect(reply.code == code, "\(body) \(query): \(reply.text)")
            }
            let text = try await submit(api, Self.native, token: parties.researcherToken, type: "text/plain")
            #expect(text.status == .unsupportedMediaType)
            let stored = try await api.store.read { try await $0.cases.list(after: nil, limit: 10) }
            #expect(stored.isEmpty)
        }
    }

    @Test(arguments: engines)
    func reporterQualityDrivesQuotasAndProofRequirements(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let parties = try await parties(api)
            func finding(_ name: String, artifact: String? = nil) -> String {
                let cited = artifact.map { #", "artifacts": ["\#($0)"]"# } ?? ""
                return
                    #"{"title": "Bug in \#(name)", "target": {"purl": "pkg:pypi/demo@1.0"}, "locations": [{"path": "a.py", "function": "\#(name)"}]\#(cited)}"#
            }
            var cases: [String] = []
            for name in ["alpha", "beta"] {
                let reply = try await submit(api, finding(name), token: parties.researcherToken)
                cases.append(try #require(Self.placements(reply).first?["case_id"] as? String))
            }
            let path = "/v1/organizations/\(parties.researcher)/quality"
            let fresh = try await api.send(.get, path, token: parties.researcherToken)
            #expect(fresh["findings"] as? Int == 2 && fresh["cases_opened"] as? Int == 2, "\(fresh.text)")
            #expect(fresh["precision"] is NSNull && fresh["proof_required"] as? Bool == false)
            #expect(try await api.send(.get, path, token: parties.rivalToken).status == .notFound)

            let policyPath = "/v1/organizations/\(parties.researcher)/intake-policy"
            #expect(
                try await api.send(.put, policyPath, token: parties.researcherToken, json: #"{"daily_quota": 3}"#)
                    .status == .forbidden)
            #expect(
                try await api.send(.put, policyPath, token: api.coordinatorToken, json: #"{"daily_quota": -1}"#)
                    .code == "invalid_field")
            let limited = try await api.send(
                .put, policyPath, token: api.coordinatorToken, json: #"{"daily_quota": 3}"#)
            #expect(limited.status == .ok && limited["daily_quota"] as? Int == 3, "\(limited.text)")
            let over = try await submit(
                api, "[\(finding("gamma")), \(finding("delta"))]", token: parties.researcherToken)
            #expect(over.status == .tooManyRequests && over.code == "quota_exceeded", "\(over.text)")
            #expect(try await submit(api, finding("gamma"), token: parties.researcherToken).status == .created)

            // Half its judged cases rejected: under a floor of 0.9, every finding must carry a proof.
            for (caseID, verdict) in zip(cases, ["validated", "rejected"]) {
                for state in ["triaged", verdict] {
                    let moved = try await api.send(
                        .post, "/v1/cases/\(caseID)/transitions", token: api.coordinatorToken,
                        json: #"{"state": "\#(state)"}"#)
                    #expect(moved.status == .ok, "\(moved.text)")
                }
            }
            _ = try await api.send(
                .put, policyPath, token: api.coordinatorToken, json: #"{"daily_quota": null, "precision_floor": 0.9}"#)
            let judged = try await api.send(.get, path, token: api.coordinatorToken)
            #expect(judged["validated"] as? Int == 1 && judged["rejected"] as? Int == 1, "\(judged.text)")
            #expect(judged["precision"] as? Double == 0.5 && judged["proof_required"] as? Bool == true)
            let bare = try await submit(api, finding("epsilon"), token: parties.researcherToken)
            #expect(bare.status == .badRequest && bare["field"] as? String == "artifacts", "\(bare.text)")
            let proof = try await api.send(
                .post, "/v1/artifacts", token: parties.researcherToken, json: "crash",
                headers: [.contentType: "application/octet-stream"])
            let digest = try #require(proof["sha256"] as? String)
            let proven = try await submit(api, finding("epsilon", artifact: digest), token: parties.researcherToken)
            #expect(proven.status == .created, "\(proven.text)")
        }
    }
}
