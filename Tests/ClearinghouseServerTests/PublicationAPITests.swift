import CSAF
import ClearinghouseCore
import ClearinghouseStore
import Crypto
import Foundation
import HTTPTypes
import JSONSupport
import Testing
import VEX

/// Vendors record fixes; once the embargo allows, a coordinator publishes the case as an advisory that anyone
/// reads in OSV and STIX and that the OSV API matches, with a public log entry of the OSV document's digest.
@Suite struct PublicationAPITests {
    @Test(arguments: engines)
    func aCaseIsPublishedOnceItsEmbargoAllows(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let lab = try await api.createOrganization(name: "Harbor Lab", kind: "researcher")
            let labToken = try await api.mintToken(for: lab, role: "analyst").token
            let vendor = try await api.createOrganization(name: "Demo Software", kind: "vendor")
            let vendorToken = try await api.mintToken(for: vendor, role: "analyst").token
            let caseID = try await DisclosureAPITests.validatedCase(
                api, reporterToken: labToken, vendor: vendor, aliases: #"["CVE-2026-1234"]"#)
            let fixes = "/v1/cases/\(caseID)/fixes"

            // The vendor records its fixed version and the commit, with a patch it uploaded.
            let patch = try await api.send(
                .post, "/v1/artifacts", token: vendorToken, json: "--- a/parse.c\n+++ b/parse.c\n",
                headers: [.contentType: "application/octet-stream"])
            let digest = try #require(patch["sha256"] as? String, "\(patch.text)")
            let released = try await api.send(
                .post, fixes, token: vendorToken,
                json: #"{"target": {"purl": "pkg:pypi/demo@1.1"}, "introduced": "1.0", "note": "Released today."}"#)
            #expect(released.status == .created && released["introduced"] as? String == "1.0", "\(released.text)")
            let committed = try await api.send(
                .post, fixes, token: vendorToken,
                json:
                    #"{"target": {"repository": "https://github.com/example/demo.git", "commit": "0a1b2c3d4e5f"}, "patch": "\#(digest)"}"#
            )
            #expect(committed.status == .created && committed["patch"] as? String == digest, "\(committed.text)")
            for (body, field) in [
                (#"{"target": {"purl": "pkg:pypi/demo"}}"#, "target.purl"),
                (#"{"target": {"repository": "https://github.com/example/demo"}}"#, "target.commit"),
                (
                    #"{"target": {"repository": "https://github.com/example/demo", "commit": "0a1b2c3d"}, "introduced": "1.0"}"#,
                    "introduced"
                ),
                (
                    #"{"target": {"purl": "pkg:pypi/demo@1.2"}, "patch": "sha256:\#(String(repeating: "ab", count: 32))"}"#,
                    "patch"
                ),
            ] {
                let refused = try await api.send(.post, fixes, token: vendorToken, json: body)
                #expect(
                    refused.status == .badRequest && refused["field"] as? String == field, "\(body): \(refused.text)")
            }
            #expect(
                try await api.send(.post, fixes, token: labToken, json: #"{"target": {"purl": "pkg:pypi/demo@1.1"}}"#)
                    .status == .forbidden)

            // Not before the date agreed, not by a vendor, not without details.
            let publication = "/v1/cases/\(caseID)/publication"
            let details = #"{"details": "A header longer than 512 bytes overflows a stack buffer.\n\nUpgrade to 1.1."}"#
            let early = try await api.send(.post, publication, token: api.coordinatorToken, json: details)
            #expect(early.status == .conflict && (early["detail"] as? String)?.contains("embargo holds until") == true)
            #expect(try await api.send(.post, publication, token: vendorToken, json: details).status == .forbidden)
            #expect(
                try await api.send(.post, publication, token: api.coordinatorToken, json: #"{"details": " "}"#)[
                    "field"] as? String == "details")

            // The vendor asks for ten days from validation (the test clock reads 2027-01-15T08:00Z); the date comes.
            let shortened = try await api.send(
                .post, "/v1/cases/\(caseID)/embargo/proposals", token: vendorToken,
                json: DisclosureAPITests.proposal("2027-01-25T08:00"))
            #expect(shortened.status == .ok, "\(shortened.text)")
            let given = try await api.send(
                .put, "/v1/cases/\(caseID)/participants/\(vendor)/status", token: vendorToken,
                json: #"{"status": "fixed", "statement": "Fixed in 1.1."}"#)
            #expect(given.status == .ok, "\(given.text)")
            api.clock.advance(by: 11 * 86_400)
            let published = try await api.send(.post, publication, token: api.coordinatorToken, json: details)
            #expect(published.status == .created, "\(published.text)")
            #expect(
                published["id"] as? String == "CHX-2027-0001" && published["osv_id"] as? String == "x_CHX-2027-0001")
            #expect(published.headers[.location] == "/v1/published-advisories/CHX-2027-0001")
            #expect(published["aliases"] as? [String] == ["CVE-2026-1234"])
            let affected = try #require(published["affected"] as? [[String: Any]])
            #expect(affected.count == 1 && affected.first?["purl"] as? String == "pkg:pypi/demo")
            #expect(affected.first?["introduced"] as? String == "1.0" && affected.first?["fixed"] as? String == "1.1")
            let credits = (published["credits"] as? [[String: Any]])?.map { "\($0["type"]!) \($0["name"]!)" }
            #expect(
                credits == [
                    "FINDER Harbor Lab", "REMEDIATION_DEVELOPER Demo Software", "COORDINATOR Coordination Center",
                ], "\(published.text)")
            #expect(
                (published["references"] as? [[String: Any]])?.first?["url"] as? String
                    == "https://github.com/example/demo/commit/0a1b2c3d4e5f")
            #expect(
                try await api.send(.post, publication, token: api.coordinatorToken, json: details).code == "conflict")

            // Anyone reads it, and the OSV API matches it for 1.0, not for 1.1.
            let record = try await api.send(.get, "/v1/vulns/x_CHX-2027-0001")
            #expect(record.status == .ok && record["summary"] as? String == "Overflow in parse", "\(record.text)")
            let affectedQuery = try await api.send(
                .post, "/v1/query", json: #"{"package": {"purl": "pkg:pypi/demo@1.0"}}"#)
            #expect(
                (affectedQuery["vulns"] as? [[String: Any]])?.map { $0["id"] as? String } == ["x_CHX-2027-0001"],
                "\(affectedQuery.text)")
            let fixedQuery = try await api.send(
                .post, "/v1/query", json: #"{"package": {"purl": "pkg:pypi/demo@1.1"}}"#)
            #expect(fixedQuery["vulns"] == nil, "\(fixedQuery.text)")
            let listed = try await api.send(.get, "/v1/published-advisories")
            #expect((listed["items"] as? [[String: Any]])?.map { $0["id"] as? String } == ["CHX-2027-0001"])
            let osv = try await api.send(.get, "/v1/published-advisories/CHX-2027-0001/osv")
            #expect(osv.status == .ok && osv["id"] as? String == "x_CHX-2027-0001")
            let stix = try await api.send(.get, "/v1/published-advisories/CHX-2027-0001/stix")
            #expect(stix.headers[.contentType] == "application/stix+json;version=2.1")
            let object = (stix["objects"] as? [[String: Any]])?.first
            #expect(object?["type"] as? String == "vulnerability" && object?["name"] as? String == "CHX-2027-0001")
            // CSAF: the security advisory and the VEX document read back through this project's readers.
            let csaf = try await api.send(.get, "/v1/published-advisories/CHX-2027-0001/csaf")
            let advisoryDocument = try CSAFDocument.read(Data(csaf.text.utf8))
            #expect(advisoryDocument.document.category == "csaf_security_advisory")
            #expect(advisoryDocument.document.tracking?.id == "CHX-2027-0001")
            #expect(advisoryDocument.vulnerabilities.first?.cve == "CVE-2026-1234")
            let statuses = try #require(advisoryDocument.vulnerabilities.first?.productStatus)
            #expect(
                statuses["known_affected"]?.compactMap { advisoryDocument.products[$0]?.name }
                    == ["demo vers:pypi/>=1.0|<1.1"], "\(csaf.text)")
            #expect(statuses["fixed"]?.compactMap { advisoryDocument.products[$0]?.purl } == ["pkg:pypi/demo@1.1"])
            // The vendor's own status: its products, fixed, with its statement.
            #expect(
                statuses["fixed"]?.compactMap { advisoryDocument.products[$0]?.name }.contains("Demo Software products")
                    == true, "\(csaf.text)")
            #expect(csaf.text.contains("Statement of Demo Software") && csaf.text.contains("Fixed in 1.1."))
            let vex = try VEXDocument.read(
                Data(try await api.send(.get, "/v1/published-advisories/CHX-2027-0001/csaf-vex").text.utf8))
            #expect(
                vex.statements.contains {
                    $0.status == .fixed && $0.products.contains { $0.purl == "pkg:pypi/demo@1.1" }
                },
                "\(vex.statements)")
            // CVE: the CNA container names the package's collection and the public page.
            let cve = try await api.send(.get, "/v1/published-advisories/CHX-2027-0001/cve")
            #expect(
                ((cve["affected"] as? [[String: Any]])?.first?["packageName"] as? String) == "demo"
                    && ((cve["references"] as? [[String: Any]])?.first?["url"] as? String)?
                        .hasSuffix("/advisories/x_CHX-2027-0001") == true,
                "\(cve.text)")
            #expect(try await api.send(.get, "/v1/published-advisories/CHX-2027-0002").status == .notFound)
            #expect(try await api.send(.get, "/v1/published-advisories/nonsense").status == .notFound)

            // The case is disclosed and its embargo lifted; the log's public entry holds the OSV document's digest.
            let coordination = try await api.send(.get, "/v1/cases/\(caseID)/coordination", token: labToken)
            #expect(
                coordination["state"] as? String == "disclosed"
                    && coordination["advisory_id"] as? String == "CHX-2027-0001")
            #expect((coordination["embargo"] as? [String: Any])?["state"] as? String == "lifted")
            #expect((coordination["fixes"] as? [Any])?.count == 2)
            let entry = try await api.store.read { repositories in
                let size = try await repositories.log.state().size
                return try await repositories.log.entries(from: 0, to: size).last { $0.kind == "advisory.publish" }
            }
            let leaf = try JSONTree(json: Data(try #require(entry).data))
            let expected = SHA256.hash(data: Data(osv.text.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(leaf["body"]?["osv_sha256"] == .string(expected), "\(leaf.canonicalText)")

            // The next publication takes the next number.
            let second = try await DisclosureAPITests.validatedCase(api, reporterToken: labToken, vendor: vendor)
            _ = try await api.send(
                .post, "/v1/cases/\(second)/embargo/end", token: api.coordinatorToken,
                json: #"{"reason": "Exploited in the wild."}"#)
            let next = try await api.send(
                .post, "/v1/cases/\(second)/publication", token: api.coordinatorToken,
                json: #"{"summary": "Another overflow", "details": "Upgrade."}"#)
            #expect(next["id"] as? String == "CHX-2027-0002", "\(next.text)")
        }
    }

    /// A case that is not validated is not published.
    @Test func anUnvalidatedCaseIsNotPublished() async throws {
        try await TestAPI.run(.sqlite) { api in
            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let labToken = try await api.mintToken(for: lab, role: "analyst").token
            let caseID = try await DisclosureAPITests.reportedCase(api, reporterToken: labToken)
            let refused = try await api.send(
                .post, "/v1/cases/\(caseID)/publication", token: api.coordinatorToken, json: #"{"details": "x"}"#)
            #expect(refused.status == .conflict && refused["field"] as? String == "state", "\(refused.text)")
            #expect((refused["detail"] as? String)?.contains("Only a validated case is published") == true)
        }
    }
}
