import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// Members of any organization trying to read what is not theirs: by squatting on aliases, by uploading content
/// they guess, by filling the store.
@Suite struct MemberAbuseTests {
    static func finding(_ title: String, aliases: [String], artifacts: [String] = []) -> String {
        let quoted = aliases.map { "\"\($0)\"" }.joined(separator: ",")
        let cited = artifacts.map { "\"\($0)\"" }.joined(separator: ",")
        return
            #"{"title": "\#(title)", "target": {"purl": "pkg:pypi/demo@1.0"}, "aliases": [\#(quoted)], "artifacts": [\#(cited)]}"#
    }

    static func upload(_ api: TestAPI, _ content: String, token: String) async throws -> TestAPI.Reply {
        try await api.send(
            .post, "/v1/artifacts", token: token, json: content, headers: [.contentType: "application/octet-stream"])
    }

    /// A squatter opens a CLEAR case holding many aliases; a victim's later report naming one of them joins it. The
    /// squatter reads nothing of the victim's report or proof, the case stops being CLEAR, and the victim learns
    /// only that its finding is a duplicate.
    @Test(arguments: engines)
    func squattingOnAliasesRevealsNothing(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let squatter = try await api.createOrganization(name: "Squatter", kind: "researcher")
            let squatterToken = try await api.mintToken(for: squatter, role: "analyst").token
            let victim = try await api.createOrganization(name: "Valley Hospital", kind: "operator", sector: "healthcare")
            let victimToken = try await api.mintToken(for: victim, role: "analyst").token
            let bystander = try await api.createOrganization(name: "Bystander", kind: "vendor")
            let bystanderToken = try await api.mintToken(for: bystander, role: "analyst").token

            let aliases = (1...10).map { "CVE-2026-1000\($0 % 10)" }
            let squat = try await api.send(
                .post, "/v1/findings?tlp=CLEAR", token: squatterToken, json: Self.finding("Many things", aliases: aliases))
            #expect(squat.status == .created, "\(squat.text)")
            let caseID = try #require((squat["findings"] as? [[String: Any]])?.first?["case_id"] as? String)
            #expect(try await api.send(.get, "/v1/cases/\(caseID)", token: bystanderToken).status == .ok)

            let proof = try await Self.upload(api, "victim's crash input", token: victimToken)
            let digest = try #require(proof["sha256"] as? String)
            let report = try await api.send(
                .post, "/v1/findings", token: victimToken,
                json: Self.finding("Overflow in the infusion pump", aliases: ["CVE-2026-10005"], artifacts: [digest]))
            #expect(report.status == .created, "\(report.text)")
            let placed = try #require((report["findings"] as? [[String: Any]])?.first)
            #expect(placed["duplicate"] as? Bool == true)
            #expect(placed["case_id"] is NSNull && placed["duplicate_of"] is NSNull, "\(report.text)")
            let victimFinding = try #require(placed["id"] as? String)
            #expect(try await FindingsAPITests.cases(report, api: api) == [caseID])

            // The squatter, owner of the case, reads neither the victim's finding nor its proof.
            let listed = try await api.send(.get, "/v1/cases/\(caseID)/findings", token: squatterToken)
            #expect((listed["items"] as? [[String: Any]])?.count == 1, "\(listed.text)")
            #expect(try await api.send(.get, "/v1/findings/\(victimFinding)", token: squatterToken).status == .notFound)
            #expect(try await api.send(.get, "/v1/artifacts/\(digest)", token: squatterToken).status == .notFound)
            // The case is now as restrictive as the victim's finding: no longer CLEAR to everyone.
            let shown = try await api.send(.get, "/v1/cases/\(caseID)", token: squatterToken)
            #expect((shown["case"] as? [String: Any])?["tlp"] as? String == "TLP:AMBER+STRICT", "\(shown.text)")
            #expect(try await api.send(.get, "/v1/cases/\(caseID)", token: bystanderToken).status == .notFound)
            #expect(try await api.send(.get, "/v1/cases/\(caseID)").status == .unauthorized)
            // Coordinators oversee AMBER+STRICT: they read both.
            #expect(try await api.send(.get, "/v1/findings/\(victimFinding)", token: api.coordinatorToken).status == .ok)
            #expect(try await api.send(.get, "/v1/artifacts/\(digest)", token: api.coordinatorToken).status == .ok)
        }
    }

    @Test func aliasesAreWellFormedAndFew() async throws {
        try await TestAPI.run(.sqlite) { api in
            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let token = try await api.mintToken(for: lab, role: "analyst").token
            let cases: [([String], String)] = [
                ((0...10).map { "CVE-2026-2000\($0)" }, "aliases"),
                (["CVE-1"], "aliases[0]"),
                (["GHSA-1234"], "aliases[0]"),
                (["CVE-2026-1234", "<script>"], "aliases[1]"),
                (["-2026-1"], "aliases[0]"),
                (["X-1"], "aliases[0]"),
            ]
            for (aliases, field) in cases {
                let reply = try await api.send(
                    .post, "/v1/findings", token: token, json: Self.finding("Bug", aliases: aliases))
                #expect(reply.status == .badRequest, "\(aliases)")
                #expect(reply["field"] as? String == field, "\(aliases): \(reply.text)")
            }
            for aliases in [["CVE-2026-12345"], ["GHSA-abcd-efgh-ijkl"], ["PYSEC-2024-1", "RUSTSEC-2024-0001"]] {
                let reply = try await api.send(
                    .post, "/v1/findings", token: token, json: Self.finding("Bug \(aliases[0])", aliases: aliases))
                #expect(reply.status == .created, "\(aliases): \(reply.text)")
            }
        }
    }

    /// A daily quota of n findings allows 4n fingerprints: a finding naming ten aliases counts as several.
    @Test func quotasCountFingerprints() async throws {
        try await TestAPI.run(.sqlite) { api in
            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let token = try await api.mintToken(for: lab, role: "analyst").token
            let policy = try await api.send(
                .put, "/v1/organizations/\(lab)/intake-policy", token: api.coordinatorToken,
                json: #"{"daily_quota": 2}"#)
            #expect(policy.status == .ok)
            let many = try await api.send(
                .post, "/v1/findings", token: token,
                json: Self.finding("Bug", aliases: (0..<9).map { "CVE-2026-3000\($0)" }))
            #expect(many.status == .tooManyRequests, "\(many.text)")
            #expect(many.text.contains("fingerprints"))
            let few = try await api.send(
                .post, "/v1/findings", token: token, json: Self.finding("Bug", aliases: ["CVE-2026-30001"]))
            #expect(few.status == .created, "\(few.text)")
        }
    }

    /// An artifact cited only under RED is not a coordinator's to read; uploading content someone else uploaded
    /// first tells nothing of when; an organization's artifacts have a storage quota.
    @Test(arguments: engines)
    func artifactsAnswerOnlyForTheirCitingFindings(engine: Dialect) async throws {
        try await TestAPI.run(engine, configure: { $0.artifactStorageQuota = 100 }) { api in
            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let token = try await api.mintToken(for: lab, role: "analyst").token
            let rival = try await api.createOrganization(name: "Rival", kind: "researcher")
            let rivalToken = try await api.mintToken(for: rival, role: "analyst").token
            let coordinatorReader = try await api.mintToken(for: api.coordinator.id.rawValue, role: "reader").token

            let proof = try await Self.upload(api, "red proof", token: token)
            let digest = try #require(proof["sha256"] as? String)
            let uploadedAt = try #require(proof["created_at"] as? String)
            #expect(try await api.send(.get, "/v1/artifacts/\(digest)", token: coordinatorReader).status == .notFound)
            let red = try await api.send(
                .post, "/v1/findings?tlp=RED", token: token,
                json: Self.finding("Bug", aliases: ["CVE-2026-40001"], artifacts: [digest]))
            #expect(red.status == .created, "\(red.text)")
            #expect(try await api.send(.get, "/v1/artifacts/\(digest)", token: coordinatorReader).status == .notFound)
            #expect(try await api.send(.get, "/v1/artifacts/\(digest)", token: token).status == .ok)

            api.clock.advance(by: 3_600)
            let guessed = try await Self.upload(api, "red proof", token: rivalToken)
            #expect(guessed.status == .created || guessed.status == .ok, "\(guessed.text)")
            #expect(guessed["created_at"] as? String != uploadedAt, "the first uploader's time must not be told")

            // The audit listing withholds the digest from a coordinator who may not read the proof.
            let coordinatorAnalyst = try await api.mintToken(for: api.coordinator.id.rawValue, role: "analyst").token
            let audit = try await api.send(.get, "/v1/audit?action=artifact.upload", token: coordinatorAnalyst)
            let targets = (audit["items"] as? [[String: Any]])?.compactMap { ($0["target"] as? [String: Any])?["id"] as? String }
            #expect(targets?.isEmpty == false && targets?.allSatisfy { $0 == "withheld" } == true, "\(audit.text)")

            let big = try await Self.upload(api, String(repeating: "x", count: 95), token: token)
            #expect(big.status == .tooManyRequests && big.code == "quota_exceeded", "\(big.text)")
            // Content already the organization's costs nothing more.
            #expect(try await Self.upload(api, "red proof", token: token).status.code < 300)
        }
    }

    /// A reporter's quality counts what its own findings earned: a case it joined as a duplicate neither credits it
    /// nor tells it how that case was judged.
    @Test(arguments: engines)
    func qualityCountsOnlyCasesTheReporterOpened(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let labToken = try await api.mintToken(for: lab, role: "analyst").token
            let rival = try await api.createOrganization(name: "Rival", kind: "researcher")
            let rivalToken = try await api.mintToken(for: rival, role: "analyst").token
            let first = try await api.send(
                .post, "/v1/findings", token: labToken, json: Self.finding("Bug", aliases: ["CVE-2026-50001"]))
            let caseID = try #require((first["findings"] as? [[String: Any]])?.first?["case_id"] as? String)
            let joined = try await api.send(
                .post, "/v1/findings", token: rivalToken, json: Self.finding("Bug", aliases: ["CVE-2026-50001"]))
            #expect((joined["findings"] as? [[String: Any]])?.first?["duplicate"] as? Bool == true)
            for state in ["triaged", "rejected"] {
                _ = try await api.send(
                    .post, "/v1/cases/\(caseID)/transitions", token: api.coordinatorToken, json: #"{"state": "\#(state)"}"#)
            }
            let rivalQuality = try await api.send(.get, "/v1/organizations/\(rival)/quality", token: rivalToken)
            #expect(rivalQuality["rejected"] as? Int == 0 && rivalQuality["validated"] as? Int == 0, "\(rivalQuality.text)")
            #expect(rivalQuality["findings"] as? Int == 1)
            let labQuality = try await api.send(.get, "/v1/organizations/\(lab)/quality", token: labToken)
            #expect(labQuality["rejected"] as? Int == 1, "\(labQuality.text)")
        }
    }

    /// Lists read only what the caller may see from the database: the rows a query returns do not grow with the
    /// rows hidden from the caller, so neither does the time it takes.
    @Test(arguments: engines)
    func listsFilterByVisibilityInTheQuery(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let busy = try await api.createOrganization(name: "Busy Lab", kind: "researcher")
            let busyToken = try await api.mintToken(for: busy, role: "analyst").token
            let quiet = try await api.createOrganization(name: "Quiet Lab", kind: "researcher")
            let quietToken = try await api.mintToken(for: quiet, role: "analyst").token
            for index in 0..<30 {
                _ = try await api.send(
                    .post, "/v1/findings", token: busyToken, json: Self.finding("Bug \(index)", aliases: ["CVE-2026-6\(1000 + index)"]))
            }
            _ = try await api.send(
                .post, "/v1/findings?tlp=CLEAR", token: busyToken, json: Self.finding("Public", aliases: ["CVE-2026-70001"]))
            _ = try await api.send(
                .post, "/v1/findings", token: quietToken, json: Self.finding("Own", aliases: ["CVE-2026-80001"]))
            let quietOrganization = try #require(try await api.store.read { try await $0.organizations.find(Organization.ID(quiet)!) })
            let issued = try TokenRequest(role: "analyst", name: nil, expiresAt: nil)
                .issue(for: quietOrganization.id, createdBy: nil, dependencies: api.dependencies)
            let scope = AccessPolicy().scope(for: .member(Member(organization: quietOrganization, token: issued.token)))
            let rows = try await api.store.read { try await $0.cases.list(after: nil, limit: 100, within: scope) }
            #expect(rows.count == 2, "its own case and the CLEAR one, not the 30 hidden")
            let organizations = try await api.store.read {
                try await $0.organizations.list(after: nil, limit: 100, within: scope)
            }
            #expect(organizations.map(\.id) == [quietOrganization.id])
            let listed = try await api.send(.get, "/v1/cases?limit=50", token: quietToken)
            #expect((listed["items"] as? [Any])?.count == 2)
            let overseen = try await api.send(.get, "/v1/cases?limit=50", token: api.coordinatorToken)
            #expect((overseen["items"] as? [Any])?.count == 32)
        }
    }

    /// Registering a vendor's products is a coordinator admin's act, for vendors only, and checked.
    @Test func vendorProductsAreRegisteredByCoordinatorsForVendorsOnly() async throws {
        try await TestAPI.run(.sqlite) { api in
            let vendor = try await api.createOrganization(name: "Acme", kind: "vendor")
            let vendorAdmin = try await api.mintToken(for: vendor, role: "admin").token
            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let path = "/v1/organizations/\(vendor)/products"
            let body = #"{"products": [{"type": "maven", "namespace": "com.acme"}, {"type": "npm", "namespace": "@acme", "name": "widget"}]}"#
            #expect(try await api.send(.put, path, token: vendorAdmin, json: body).status == .forbidden)
            #expect(
                try await api.send(.put, "/v1/organizations/\(lab)/products", token: api.coordinatorToken, json: body)
                    .status == .badRequest)
            for (bad, field) in [
                (#"{"products": [{"type": "maven"}]}"#, "products[0]"),
                (#"{"products": [{"type": "9x", "name": "a"}]}"#, "products[0]"),
                (#"{"products": [{"type": "npm", "name": "a", "version": "1"}]}"#, "products[0].version"),
            ] {
                let reply = try await api.send(.put, path, token: api.coordinatorToken, json: bad)
                #expect(reply.status == .badRequest && reply["field"] as? String == field, "\(bad): \(reply.text)")
            }
            let set = try await api.send(.put, path, token: api.coordinatorToken, json: body)
            #expect(set.status == .ok, "\(set.text)")
            let shown = try await api.send(.get, path, token: vendorAdmin)
            #expect(
                (shown["products"] as? [[String: Any]])?.compactMap { $0["scope"] as? String }
                    == ["pkg:maven/com.acme", "pkg:npm/@acme/widget"], "\(shown.text)")
            let labToken = try await api.mintToken(for: lab, role: "admin").token
            #expect(try await api.send(.get, path, token: labToken).status == .notFound)
            #expect(try await api.loggedKinds().contains("vendor_products.set"))
        }
    }
}

