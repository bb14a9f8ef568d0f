import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// Owners' assets and grants, and the `net` claims they authorize, through the API.
@Suite struct ScanGrantsAPITests {
    /// A hospital that owns a network, a researcher it grants scans to, and an outsider.
    struct Parties {
        let hospitalAnalyst: String
        let hospitalAdmin: String
        let researcher: String
        let researcherID: String
        let outsider: String
    }

    func parties(_ api: TestAPI) async throws -> Parties {
        let hospital = try await api.createOrganization(name: "Valley Hospital", kind: "operator", sector: "healthcare")
        let researcher = try await api.createOrganization(name: "Northwind Research", kind: "researcher")
        let outsider = try await api.createOrganization(name: "Elsewhere Labs", kind: "researcher")
        return Parties(
            hospitalAnalyst: try await api.mintToken(for: hospital, role: "analyst").token,
            hospitalAdmin: try await api.mintToken(for: hospital, role: "admin").token,
            researcher: try await api.mintToken(for: researcher, role: "analyst").token, researcherID: researcher,
            outsider: try await api.mintToken(for: outsider, role: "analyst").token)
    }

    static func grant(to grantee: String, cidr: String = "198.51.100.0/25", techniques: String = #"["network"]"#, endsAt: String) -> String {
        #"{"grantee_id": "\#(grantee)", "scopes": [{"kind": "net", "cidr": "\#(cidr)"}], "techniques": \#(techniques), "ends_at": "\#(endsAt)", "max_requests_per_second": 20, "contact": "noc@valley.example"}"#
    }

    static func claim(_ cidr: String, technique: String = "network", seconds: Int = 3_600) -> String {
        #"{"scope": {"kind": "net", "cidr": "\#(cidr)"}, "technique": "\#(technique)", "agent": {"tool": "nmap", "version": "7.94"}, "duration_seconds": \#(seconds)}"#
    }

    /// Registers the hospital's network and has the coordinator verify it.
    func verifiedNetwork(_ api: TestAPI, _ parties: Parties) async throws -> String {
        let registered = try await api.send(
            .post, "/v1/scan-assets", token: parties.hospitalAnalyst,
            json: #"{"scope": {"kind": "net", "cidr": "198.51.100.0/24"}, "name": "Main campus"}"#)
        let id = try #require(registered["id"] as? String, "\(registered.text)")
        let verified = try await api.send(
            .post, "/v1/scan-assets/\(id)/verify", token: api.coordinatorToken,
            json: #"{"method": "registry-record", "note": "ARIN lists Valley Hospital for the /24"}"#)
        #expect(verified.status == .ok, "\(verified.text)")
        return id
    }

    @Test(arguments: engines)
    func aVerifiedOwnersGrantAuthorizesNetClaimsWithinItAndNothingElse(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let parties = try await parties(api)
            let registered = try await api.send(
                .post, "/v1/scan-assets", token: parties.hospitalAnalyst,
                json: #"{"scope": {"kind": "net", "cidr": "198.51.100.0/24"}, "name": "Main campus"}"#)
            #expect(registered.status == .created && registered["verified"] as? Bool == false, "\(registered.text)")
            let asset = try #require(registered["id"] as? String)
            // Unverified, the asset grants nothing.
            let early = try await api.send(
                .post, "/v1/scan-grants", token: parties.hospitalAdmin, json: Self.grant(to: parties.researcherID, endsAt: JSONTime.text(api.clock.now.addingTimeInterval(86_400))))
            #expect(early.status == .badRequest && early["field"] as? String == "scopes[0]", "\(early.text)")

            let verified = try await api.send(
                .post, "/v1/scan-assets/\(asset)/verify", token: api.coordinatorToken,
                json: #"{"method": "registry-record", "note": "ARIN lists Valley Hospital for the /24"}"#)
            let verification = try #require(verified["verification"] as? [String: Any], "\(verified.text)")
            #expect(verification["method"] as? String == "registry-record")
            #expect(verification["verified_by"] as? String == api.coordinator.id.rawValue)

            let granted = try await api.send(
                .post, "/v1/scan-grants", token: parties.hospitalAdmin, json: Self.grant(to: parties.researcherID, endsAt: JSONTime.text(api.clock.now.addingTimeInterval(86_400))))
            #expect(granted.status == .created, "\(granted.text)")
            let grant = try #require(granted["id"] as? String)
            #expect(try await api.loggedKinds().suffix(2) == ["scan_asset.verify", "scan_grant.create"])

            let leased = try await api.send(.post, "/v1/scans", token: parties.researcher, json: Self.claim("198.51.100.0/26"))
            #expect(leased.status == .created, "\(leased.text)")
            #expect(leased["grant_id"] as? String == grant)

            // Outside the grant's scope, technique or window, or for someone else: refused, saying what is missing.
            let refusals: [(String, String, String)] = [
                (parties.researcher, Self.claim("198.51.100.128/26"), "no grant to your organization covers it"),
                (parties.researcher, Self.claim("198.51.100.0/26", technique: "dast"), "none for the `dast` technique"),
                (parties.outsider, Self.claim("198.51.100.0/26"), "no grant to your organization covers it"),
            ]
            for (token, claim, reason) in refusals {
                let refused = try await api.send(.post, "/v1/scans", token: token, json: claim)
                #expect(refused.status == .forbidden && refused["field"] as? String == "scope", "\(refused.text)")
                #expect((refused["detail"] as? String)?.contains(reason) == true, "\(refused.text)")
            }

            // The grant is its granter's and grantee's to see; the outsider gets a missing record.
            #expect(try await api.send(.get, "/v1/scan-grants/\(grant)", token: parties.researcher).status == .ok)
            #expect(try await api.send(.get, "/v1/scan-grants/\(grant)", token: parties.outsider).status == .notFound)
            #expect(try await api.send(.get, "/v1/scan-assets/\(asset)", token: parties.researcher).status == .notFound)
            let listed = try await api.send(.get, "/v1/scan-grants", token: parties.researcher)
            #expect((listed["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [grant])

            // The grantee cannot revoke it; the owner can, at once, and the lease resting on it ends.
            let grantee = try await api.send(.post, "/v1/scan-grants/\(grant)/revoke", token: parties.researcher)
            #expect(grantee.status == .forbidden, "\(grantee.text)")
            let revoked = try await api.send(.post, "/v1/scan-grants/\(grant)/revoke", token: parties.hospitalAnalyst)
            #expect(revoked["revoked_at"] is String, "\(revoked.text)")
            let lease = try #require(leased["id"] as? String)
            let ended = try await api.send(.get, "/v1/scans/\(lease)", token: parties.researcher)
            #expect(ended["state"] as? String == "revoked", "\(ended.text)")
            #expect(try await api.loggedKinds().last == "scan_grant.revoke")
            #expect(try await api.auditEvents().contains { $0.action == .scanRevoke && $0.target?.id == lease })
            let after = try await api.send(.post, "/v1/scans", token: parties.researcher, json: Self.claim("198.51.100.0/26"))
            #expect(after.status == .forbidden, "\(after.text)")
        }
    }

    @Test(arguments: engines)
    func aRemovedAssetOrAGrantsWindowStopsClaims(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let parties = try await parties(api)
            let asset = try await verifiedNetwork(api, parties)
            let ends = JSONTime.text(api.clock.now.addingTimeInterval(1_800))
            let granted = try await api.send(
                .post, "/v1/scan-grants", token: parties.hospitalAdmin,
                json: Self.grant(to: parties.researcherID, endsAt: ends))
            #expect(granted.status == .created, "\(granted.text)")
            let long = try await api.send(.post, "/v1/scans", token: parties.researcher, json: Self.claim("198.51.100.0/26"))
            #expect(long.status == .forbidden, "\(long.text)")
            #expect((long["detail"] as? String)?.contains("claim a window inside one") == true, "\(long.text)")
            let short = try await api.send(
                .post, "/v1/scans", token: parties.researcher, json: Self.claim("198.51.100.0/26", seconds: 600))
            #expect(short.status == .created, "\(short.text)")
            _ = try await api.send(.post, "/v1/scans/\(try #require(short["id"] as? String))/release", token: parties.researcher)

            #expect(try await api.send(.delete, "/v1/scan-assets/\(asset)", token: parties.hospitalAnalyst).status == .noContent)
            let orphaned = try await api.send(
                .post, "/v1/scans", token: parties.researcher, json: Self.claim("198.51.100.0/26", seconds: 600))
            #expect(orphaned.status == .forbidden, "\(orphaned.text)")
            #expect((orphaned["detail"] as? String)?.contains("verified assets no longer hold") == true, "\(orphaned.text)")
        }
    }

    @Test(arguments: [
        (#"{"grantee_id": "G", "scopes": [{"kind": "net", "cidr": "198.51.100.1/24"}], "techniques": ["network"], "ends_at": "END", "max_requests_per_second": 1, "contact": "c"}"#, "scopes[0].cidr"),
        (#"{"grantee_id": "G", "scopes": [{"kind": "pkg", "purl": "pkg:npm/a"}], "techniques": ["network"], "ends_at": "END", "max_requests_per_second": 1, "contact": "c"}"#, "scopes[0].kind"),
        (#"{"grantee_id": "G", "scopes": [], "techniques": ["network"], "ends_at": "END", "max_requests_per_second": 1, "contact": "c"}"#, "scopes"),
        (#"{"grantee_id": "G", "scopes": [{"kind": "net", "cidr": "198.51.100.0/25"}], "techniques": ["probing"], "ends_at": "END", "max_requests_per_second": 1, "contact": "c"}"#, "techniques"),
        (#"{"grantee_id": "G", "scopes": [{"kind": "net", "cidr": "198.51.100.0/25"}], "techniques": ["network"], "ends_at": "2001-01-01T00:00:00Z", "max_requests_per_second": 1, "contact": "c"}"#, "ends_at"),
        (#"{"grantee_id": "G", "scopes": [{"kind": "net", "cidr": "198.51.100.0/25"}], "techniques": ["network"], "ends_at": "END", "max_requests_per_second": 0, "contact": "c"}"#, "max_requests_per_second"),
        (#"{"grantee_id": "G", "scopes": [{"kind": "net", "cidr": "198.51.100.0/25"}], "techniques": ["network"], "ends_at": "END", "max_requests_per_second": 1, "contact": " \n "}"#, "contact"),
        (#"{"grantee_id": "SELF", "scopes": [{"kind": "net", "cidr": "198.51.100.0/25"}], "techniques": ["network"], "ends_at": "END", "max_requests_per_second": 1, "contact": "c"}"#, "grantee_id"),
        (#"{"grantee_id": "0190c3d8-0000-7000-8000-00000000dead", "scopes": [{"kind": "net", "cidr": "198.51.100.0/25"}], "techniques": ["network"], "ends_at": "END", "max_requests_per_second": 1, "contact": "c"}"#, "grantee_id"),
    ])
    func malformedGrantsAreRefusedNamingTheField(body: String, field: String) async throws {
        try await TestAPI.run(.sqlite) { api in
            let parties = try await parties(api)
            _ = try await verifiedNetwork(api, parties)
            let me = try await api.send(.get, "/v1/me", token: parties.hospitalAdmin)
            let hospital = try #require((me["organization"] as? [String: Any])?["id"] as? String, "\(me.text)")
            let filled = body.replacingOccurrences(of: "\"G\"", with: "\"\(parties.researcherID)\"")
                .replacingOccurrences(of: "\"SELF\"", with: "\"\(hospital)\"")
                .replacingOccurrences(of: "END", with: JSONTime.text(api.clock.now.addingTimeInterval(86_400)))
            let refused = try await api.send(.post, "/v1/scan-grants", token: parties.hospitalAdmin, json: filled)
            #expect(refused.status == .badRequest, "\(refused.text)")
            #expect(refused["field"] as? String == field, "\(refused.text)")
        }
    }

    @Test func assetsAreNetworksAndNamesAndVerificationSaysHow() async throws {
        try await TestAPI.run(.sqlite) { api in
            let parties = try await parties(api)
            let package = try await api.send(
                .post, "/v1/scan-assets", token: parties.hospitalAnalyst,
                json: #"{"scope": {"kind": "pkg", "purl": "pkg:npm/a"}, "name": "A package"}"#)
            #expect(package.status == .badRequest && package["field"] as? String == "scope.kind", "\(package.text)")
            let host = try await api.send(
                .post, "/v1/scan-assets", token: parties.hospitalAnalyst,
                json: #"{"scope": {"kind": "net", "host": "*.Valley.example."}, "name": "Public sites"}"#)
            let id = try #require(host["id"] as? String, "\(host.text)")
            #expect((host["scope"] as? [String: Any])?["canonical"] as? String == "*.valley.example")
            let badMethod = try await api.send(
                .post, "/v1/scan-assets/\(id)/verify", token: api.coordinatorToken, json: #"{"method": "trust-me"}"#)
            #expect(badMethod.status == .badRequest && badMethod["field"] as? String == "method", "\(badMethod.text)")
            let byOwner = try await api.send(
                .post, "/v1/scan-assets/\(id)/verify", token: parties.hospitalAdmin, json: #"{"method": "dns-record"}"#)
            #expect(byOwner.status == .forbidden, "\(byOwner.text)")
            let assets = try await api.send(.get, "/v1/scan-assets", token: api.coordinatorToken)
            #expect((assets["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
        }
    }
}

/// `GET /v1/coverage`: what was scanned, as each caller may know it.
@Suite struct ScanCoverageAPITests {
    @Test(arguments: engines)
    func coverageGroupsScansAndNamesOnlyHoldersTheCallerMayKnow(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let grants = ScanGrantsAPITests()
            let parties = try await grants.parties(api)
            let leftPad = #"{"kind": "pkg", "purl": "pkg:npm/left-pad", "range": "vers:npm/>=1.0.0|<2.0.0"}"#
            let completed = try await api.send(
                .post, "/v1/scans", token: parties.researcher, json: ScansAPITests.claim(leftPad))
            let id = try #require(completed["id"] as? String, "\(completed.text)")
            _ = try await api.send(.post, "/v1/scans/\(id)/complete", token: parties.researcher)
            let running = try await api.send(
                .post, "/v1/scans", token: parties.outsider, json: ScansAPITests.claim(leftPad, technique: "sast"))
            #expect(running.status == .created, "\(running.text)")

            let scope = "pkg:npm/left-pad%20vers:npm/%3E=1.5.0"
            let seen = try await api.send(.get, "/v1/coverage?scope=\(scope)", token: parties.researcher)
            let items = try #require(seen["items"] as? [[String: Any]], "\(seen.text)")
            #expect(Set(items.map { "\($0["technique"] as? String ?? "") \($0["outcome"] as? String ?? "")" }) == ["fuzzing completed", "sast in_progress"])
            let own = try #require(items.first { $0["technique"] as? String == "fuzzing" })
            #expect((own["holders"] as? [[String: Any]])?.first?["name"] as? String == "Northwind Research")
            let other = try #require(items.first { $0["technique"] as? String == "sast" })
            #expect((other["holders"] as? [Any])?.isEmpty == true && other["other_participants"] as? Int == 1)
            // A coordinator knows every holder; a scope beside them shows nothing.
            let coordinator = try await api.send(.get, "/v1/coverage?scope=\(scope)", token: api.coordinatorToken)
            #expect((coordinator["items"] as? [[String: Any]])?.allSatisfy { ($0["holders"] as? [Any])?.count == 1 } == true)
            let beside = try await api.send(.get, "/v1/coverage?scope=pkg:npm/left-pad%20vers:npm/%3E=2.0.0", token: parties.researcher)
            #expect((beside["items"] as? [Any])?.isEmpty == true, "\(beside.text)")
        }
    }

    @Test(arguments: engines)
    func networkCoverageIsForItsOwnersAndScannersOnly(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let grants = ScanGrantsAPITests()
            let parties = try await grants.parties(api)
            _ = try await grants.verifiedNetwork(api, parties)
            let granted = try await api.send(
                .post, "/v1/scan-grants", token: parties.hospitalAdmin,
                json: ScanGrantsAPITests.grant(
                    to: parties.researcherID, endsAt: JSONTime.text(api.clock.now.addingTimeInterval(86_400))))
            #expect(granted.status == .created, "\(granted.text)")
            let leased = try await api.send(
                .post, "/v1/scans", token: parties.researcher, json: ScanGrantsAPITests.claim("198.51.100.0/26", seconds: 600))
            #expect(leased.status == .created, "\(leased.text)")

            let path = "/v1/coverage?scope=198.51.100.0/24"
            for (token, holders) in [(parties.hospitalAnalyst, 1), (parties.researcher, 1), (parties.outsider, 0)] {
                let seen = try await api.send(.get, path, token: token)
                let items = try #require(seen["items"] as? [[String: Any]], "\(seen.text)")
                #expect(items.count == holders, "\(seen.text)")
                #expect(items.allSatisfy { $0["other_participants"] as? Int == 0 })
            }
            let bad = try await api.send(.get, "/v1/coverage?scope=10.0.0.1/8", token: parties.outsider)
            #expect(bad.status == .badRequest && bad["field"] as? String == "scope", "\(bad.text)")
            let none = try await api.send(.get, "/v1/coverage", token: parties.outsider)
            #expect(none.status == .badRequest && none["field"] as? String == "scope", "\(none.text)")
        }
    }
}

/// Maintainers' preferences, published by a vendor for its registered products, honoured by claims and intake.
@Suite struct ScanPreferencesAPITests {
    @Test(arguments: engines)
    func claimsAndFindingsHonourTheMaintainersPreferences(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let vendor = try await api.createOrganization(name: "Acme Widgets", kind: "vendor")
            let vendorAdmin = try await api.mintToken(for: vendor, role: "admin").token
            let vendorAnalyst = try await api.mintToken(for: vendor, role: "analyst").token
            let researcher = try await api.createOrganization(name: "Northwind Research", kind: "researcher")
            let scanner = try await api.mintToken(for: researcher, role: "analyst").token
            let products = try await api.send(
                .put, "/v1/organizations/\(vendor)/products", token: api.coordinatorToken,
                json: #"{"products": [{"type": "npm", "namespace": "@acme"}]}"#)
            #expect(products.status == .ok, "\(products.text)")

            // Only the vendor's admins publish; the analyst is refused, another organization sees nothing.
            let body = #"{"require_proof": true, "ai_agents": false, "contact": "psirt@acme.example"}"#
            let analyst = try await api.send(.put, "/v1/organizations/\(vendor)/scan-preferences", token: vendorAnalyst, json: body)
            #expect(analyst.status == .forbidden, "\(analyst.text)")
            let other = try await api.send(.put, "/v1/organizations/\(vendor)/scan-preferences", token: scanner, json: body)
            #expect(other.status == .notFound, "\(other.text)")
            let published = try await api.send(.put, "/v1/organizations/\(vendor)/scan-preferences", token: vendorAdmin, json: body)
            #expect(published["ai_agents"] as? Bool == false, "\(published.text)")

            let lookup = try await api.send(.get, "/v1/scan-preferences?purl=pkg:npm/%40acme/widget", token: scanner)
            let maintainer = try #require((lookup["maintainers"] as? [[String: Any]])?.first, "\(lookup.text)")
            #expect(maintainer["name"] as? String == "Acme Widgets" && maintainer["contact"] as? String == "psirt@acme.example")
            let elsewhere = try await api.send(.get, "/v1/scan-preferences?purl=pkg:npm/left-pad", token: scanner)
            #expect((elsewhere["maintainers"] as? [Any])?.isEmpty == true)

            // An AI agent's claim on the vendor's package is refused; another technique, or another package, is not.
            let widget = #"{"kind": "pkg", "purl": "pkg:npm/%40acme/widget"}"#
            let agent = try await api.send(
                .post, "/v1/scans", token: scanner, json: ScansAPITests.claim(widget, technique: "ai-agent"))
            #expect(agent.status == .forbidden && agent["field"] as? String == "technique", "\(agent.text)")
            #expect((agent["detail"] as? String)?.contains("psirt@acme.example") == true)
            #expect(try await api.send(.post, "/v1/scans", token: scanner, json: ScansAPITests.claim(widget)).status == .created)

            // Findings on the vendor's packages cite a proof artifact and come from no AI agent.
            let bare = try await api.send(
                .post, "/v1/findings", token: scanner,
                json: #"{"title": "Overflow in widget", "target": {"purl": "pkg:npm/%40acme/widget@1.0.0"}}"#)
            #expect(bare.status == .badRequest && bare["field"] as? String == "artifacts", "\(bare.text)")
            let proof = try await api.send(
                .post, "/v1/artifacts", token: scanner, json: "widget crash input",
                headers: [.contentType: "application/octet-stream"])
            let digest = try #require(proof["sha256"] as? String, "\(proof.text)")
            let byAgent = try await api.send(
                .post, "/v1/findings", token: scanner,
                json: #"{"title": "Overflow in widget", "target": {"purl": "pkg:npm/%40acme/widget@1.0.0"}, "artifacts": ["\#(digest)"], "provenance": {"model": "example-model"}}"#)
            #expect(byAgent.status == .badRequest && byAgent["field"] as? String == "provenance.model", "\(byAgent.text)")
            let proved = try await api.send(
                .post, "/v1/findings", token: scanner,
                json: #"{"title": "Overflow in widget", "target": {"purl": "pkg:npm/%40acme/widget@1.0.0"}, "artifacts": ["\#(digest)"]}"#)
            #expect(proved.status == .created, "\(proved.text)")
            let unrelated = try await api.send(
                .post, "/v1/findings", token: scanner,
                json: #"{"title": "Overflow in pad", "target": {"purl": "pkg:npm/left-pad@1.0.0"}, "provenance": {"model": "example-model"}}"#)
            #expect(unrelated.status == .created, "\(unrelated.text)")
        }
    }
}
