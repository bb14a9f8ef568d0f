import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

/// The scan pages: an operator registers its network and grants a researcher scans of part of it after a
/// coordinator verified it; the researcher claims, extends and completes a lease from its page and is refused with
/// the reason outside the grant; the coverage map names the holder to the owner; the owner sees an unauthorized scan
/// of its network without the reporter, the coordinator with it; a revoked grant ends the lease.
@Suite struct WebScansTests {
    static func person(_ api: TestAPI, _ email: String, of organization: String) async throws -> TestBrowser {
        let browser = TestBrowser(api)
        try await WebSignInTests.join(
            browser, link: try await WebSignInTests.invite(api, email: email, organization: organization))
        return browser
    }

    @Test(arguments: engines)
    func anOwnerGrantsAScannerClaimsAndTheOwnerSeesWhatWasScanned(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let hospital = try await api.createOrganization(
                name: "Valley Hospital", kind: "operator", sector: "healthcare")
            let lab = try await api.createOrganization(name: "Northwind Research", kind: "researcher")
            let owner = try await Self.person(api, "noc@valley.example", of: hospital)
            let scanner = try await Self.person(api, "ana@northwind.example", of: lab)
            let cora = try await WebCasesTests.coordinator(api)

            // The owner registers its network; a coordinator verifies it from the same page.
            let empty = try await owner.get("/scans/assets")
            #expect(empty.status == .ok && empty.html.contains("No assets yet."))
            let token = try #require(empty.formToken)
            let bad = try await owner.post(
                "/scans/assets", ["form_token": token, "scope": "198.51.100.0/33", "name": "Main campus"])
            #expect(bad.status == .badRequest && bad.html.contains("prefix length"), "\(bad.html)")
            #expect(bad.html.contains(#"value="Main campus""#), "what was typed is kept")
            let registered = try await owner.post(
                "/scans/assets", ["form_token": token, "scope": "198.51.100.0/24", "name": "Main campus"])
            #expect(registered.location == "/scans/assets?notice=asset-registered")
            let pending = try await cora.get("/scans/assets")
            let verify = try #require(pending.actions.first { $0.hasSuffix("/verify") }, "\(pending.html)")
            let verified = try await cora.post(
                verify, ["form_token": try #require(pending.formToken), "method": "registry-record", "note": "ARIN"])
            #expect(verified.location == "/scans/assets?notice=asset-verified")
            #expect(try await owner.get("/scans/assets").html.contains("registry-record by"))

            // The owner grants the lab scans of half of it.
            let ends = Date.ISO8601FormatStyle().year().month().day().format(
                api.clock.now.addingTimeInterval(7 * 86_400))
            let grant: KeyValuePairs<String, String> = [
                "form_token": token, "grantee_id": lab, "scopes": "198.51.100.0/25\n", "technique.network": "on",
                "ends_on": ends, "rate": "20", "contact": "noc@valley.example",
            ]
            #expect(try await owner.post("/scans/grants", grant).location == "/scans/assets?notice=scans-granted")
            #expect(
                try await scanner.get("/scans/assets").html.contains("Valley Hospital"), "the grantee sees its grant")

            // The lab claims inside the grant from its page; outside it, it is told what is missing.
            let scans = try await scanner.get("/scans")
            #expect(scans.html.contains("holds no lease yet"))
            let scanToken = try #require(scans.formToken)
            let outside = try await scanner.post(
                "/scans",
                [
                    "form_token": scanToken, "scope": "198.51.100.128/26", "technique": "network", "hours": "2",
                    "tool": "nmap",
                ])
            #expect(outside.status == .badRequest && outside.html.contains("no grant to your organization covers it"))
            #expect(outside.html.contains(#"value="198.51.100.128/26""#))
            let claimed = try await scanner.post(
                "/scans",
                [
                    "form_token": scanToken, "scope": "198.51.100.0/26", "technique": "network", "hours": "2",
                    "tool": "nmap",
                ])
            #expect(claimed.location == "/scans?notice=scan-claimed")
            let leases = try await scanner.get("/scans")
            #expect(leases.html.contains("198.51.100.0/26") && leases.html.contains("active"))
            let extend = try #require(leases.actions.first { $0.hasSuffix("/extend") })
            #expect(
                try await scanner.post(extend, ["form_token": scanToken, "hours": "1"]).location
                    == "/scans?notice=scan-extended")
            let complete = try #require(leases.actions.first { $0.hasSuffix("/complete") })
            let completed = try await scanner.post(
                complete, ["form_token": scanToken, "findings": "1", "targets": "64"])
            #expect(completed.location == "/scans?notice=scan-completed")
            #expect(try await scanner.get("/scans").html.contains("1 findings, 64 targets"))

            // The owner's coverage map of its network names the lab; an outsider's page says nothing was scanned.
            let coverage = try await owner.get("/scans/coverage?scope=198.51.100.0/24")
            #expect(
                coverage.html.contains("Northwind Research") && coverage.html.contains("completed"), "\(coverage.html)")
            let outsider = try await Self.person(
                api, "it@elsewhere.example",
                of: try await api.createOrganization(name: "Elsewhere", kind: "operator", sector: "other"))
            #expect(
                try await outsider.get("/scans/coverage?scope=198.51.100.0/24").html.contains("Nothing you may see"))

            // An unauthorized scan of the network: the owner is told where, the coordinator also by whom.
            let lab2 = try await api.mintToken(for: lab, role: "analyst").token
            let finding = try await api.send(
                .post, "/v1/findings", token: lab2,
                json: #"{"title": "RDP exposed", "network": {"address": "198.51.100.200", "port": 3389}}"#)
            #expect(finding.status == .created)
            let told = try await owner.get("/scans/assets")
            #expect(told.html.contains("198.51.100.200:3389") && told.html.contains("Main campus"))
            #expect(!told.html.contains("Reported by"))
            let oversight = try await cora.get("/scans/assets")
            #expect(oversight.html.contains("198.51.100.200:3389") && oversight.html.contains("Northwind Research"))
            #expect(try await outsider.get("/scans/assets").html.contains("No unauthorized scans are flagged."))

            // Revoking from the page ends the grant for the lab.
            let revoke = try #require(told.actions.first { $0.hasSuffix("/revoke") })
            #expect(
                try await owner.post(revoke, ["form_token": token]).location == "/scans/assets?notice=grant-revoked")
            #expect(try await scanner.get("/scans/assets").html.contains("revoked"))
            let forged = try await scanner.post("/scans", ["scope": "198.51.100.0/26", "technique": "network"])
            #expect(forged.status == .forbidden)
        }
    }
}
