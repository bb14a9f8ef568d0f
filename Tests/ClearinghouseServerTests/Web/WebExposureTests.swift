import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

@testable import ClearinghouseServer

/// People upload their organization's SBOMs from the exposure page and see which components advisories affect;
/// they delete only their own, and another's SBOM is the same "not found" as a missing one.
@Suite struct WebExposureTests {
    @Test(arguments: engines)
    func anSBOMUploadedFromThePageShowsItsAffectedComponents(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let (_, browser) = try await WebSignInTests.hospitalWithAdvisories(api)
            let empty = try await browser.get("/exposure")
            #expect(empty.status == .ok)
            #expect(empty.html.contains("you have not uploaded any yet"))
            let token = try #require(empty.formToken)

            // Refusals name the field at fault and keep what was typed.
            let noAsset = try await browser.postFile(
                "/exposure/sboms", ["form_token": token, "asset": ""],
                file: ("document", "portal.json", ExposureAPITests.portal))
            #expect(noAsset.status == .badRequest)
            #expect(noAsset.html.contains(#"id="asset-error""#))
            let notSBOM = try await browser.postFile(
                "/exposure/sboms", ["form_token": token, "asset": "Patient portal"],
                file: ("document", "notes.json", #"{"hello": "world"}"#))
            #expect(notSBOM.status == .badRequest)
            #expect(notSBOM.html.contains(#"id="document-error""#))
            #expect(notSBOM.html.contains(#"value="Patient portal""#))
            let forged = try await browser.postFile(
                "/exposure/sboms", ["asset": "Patient portal"], file: ("document", "p.json", ExposureAPITests.portal))
            #expect(forged.status == .forbidden)

            let uploaded = try await browser.postFile(
                "/exposure/sboms", ["form_token": token, "asset": "Patient portal", "internet_facing": "1"],
                file: ("document", "portal.json", ExposureAPITests.portal))
            #expect(uploaded.location == "/exposure?notice=sbom-uploaded")
            let page = try await browser.get("/exposure?notice=sbom-uploaded")
            #expect(page.html.contains("Patient portal"))
            #expect(page.html.contains("internet-facing"))
            #expect(page.html.contains("PYSEC-2024-1"))
            #expect(page.html.contains("GHSA-aaaa-bbbb-cccc"))
            #expect(!page.html.contains("DSA-5500-1"), "an advisory of no component of the SBOM is not listed")
            let sboms = try await api.send(.get, "/v1/sboms", token: api.coordinatorToken)
            let id = try #require((sboms["items"] as? [[String: Any]])?.first?["id"] as? String)

            // Another organization's person: the same page as for an SBOM that does not exist, and nothing deleted.
            let bank = try await api.createOrganization(name: "Prairie Bank", kind: "operator", sector: "finance")
            let other = TestBrowser(api)
            try await WebSignInTests.join(
                other, link: try await WebSignInTests.invite(api, email: "it@prairie.example", organization: bank))
            let otherToken = try #require(try await other.get("/exposure").formToken)
            let hidden = try await other.post("/exposure/sboms/\(id)/delete", ["form_token": otherToken])
            let missing = try await other.post(
                "/exposure/sboms/01a3185c-5000-7000-8000-000000000000/delete", ["form_token": otherToken])
            #expect(hidden.status == .notFound)
            #expect(hidden.html == missing.html)
            #expect(!(try await other.get("/exposure").html.contains("PYSEC-2024-1")))

            let deleted = try await browser.post("/exposure/sboms/\(id)/delete", ["form_token": token])
            #expect(deleted.location == "/exposure?notice=sbom-deleted")
            #expect(try await browser.get("/exposure").html.contains("No SBOMs yet."))
        }
    }

    @Test(arguments: engines)
    func aVEXDocumentRulesAComponentOutUntilWithdrawnAndAnSBOMIsReplaced(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let (_, browser) = try await WebSignInTests.hospitalWithAdvisories(api)
            let token = try #require(try await browser.get("/exposure").formToken)
            _ = try await browser.postFile(
                "/exposure/sboms", ["form_token": token, "asset": "Patient portal"],
                file: ("document", "portal.json", ExposureAPITests.portal))
            #expect(try await browser.get("/exposure").html.contains("GHSA-aaaa-bbbb-cccc"))

            let notVEX = try await browser.postFile(
                "/exposure/vex", ["form_token": token], file: ("document", "x.json", #"{"statements": 1}"#))
            #expect(notVEX.status == .badRequest)
            #expect(notVEX.html.contains(#"id="vex-error""#))
            let openVEX = """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2024-0002"},
                 "products": [{"@id": "pkg:npm/left-pad@1.2.0"}], "status": "not_affected",
                 "justification": "vulnerable_code_not_in_execute_path"}]}
                """
            let published = try await browser.postFile(
                "/exposure/vex", ["form_token": token], file: ("document", "vex.json", openVEX))
            #expect(published.location == "/exposure?notice=vex-published")
            let ruledOut = try await browser.get("/exposure")
            #expect(!ruledOut.html.contains(#"href="/advisories/GHSA-aaaa-bbbb-cccc""#), "the VEX rules left-pad out")
            #expect(ruledOut.html.contains("PYSEC-2024-1"))
            let withdraw = try #require(
                ruledOut.html.components(separatedBy: #"action=""#).dropFirst()
                    .map { String($0.prefix { $0 != "\"" }) }.first { $0.hasSuffix("/withdraw") })
            #expect(try await browser.post(withdraw, ["form_token": token]).location == "/exposure?notice=vex-withdrawn")
            #expect(try await browser.get("/exposure").html.contains(#"href="/advisories/GHSA-aaaa-bbbb-cccc""#))

            let sboms = try await api.send(.get, "/v1/sboms", token: api.coordinatorToken)
            let id = try #require((sboms["items"] as? [[String: Any]])?.first?["id"] as? String)
            let replaced = try await browser.postFile(
                "/exposure/sboms/\(id)/replace", ["form_token": token],
                file: ("document", "firmware.spdx.json", ExposureAPITests.firmware))
            #expect(replaced.location == "/exposure?notice=sbom-replaced")
            let after = try await browser.get("/exposure")
            #expect(after.html.contains("Patient portal"), "the system keeps its name")
            #expect(!after.html.contains("PYSEC-2024-1"), "the portal's components are gone with its old SBOM")
            let broken = try await browser.postFile(
                "/exposure/sboms/\(id)/replace", ["form_token": token], file: ("document", "x.json", "{}"))
            #expect(broken.status == .badRequest)
            #expect(broken.html.contains(#"id="sboms-error""#))
        }
    }

    @Test func multipartBodiesAreReadFlatAndBounded() throws {
        let boundary = "xyz"
        let body = "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n"
            + "--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.json\"\r\nContent-Type: application/json\r\n\r\n{\"k\": 1}\r\n--xyz--\r\n"
        let form = try MultipartForm(body: Data(body.utf8), boundary: boundary)
        #expect(form["a"] == "one")
        #expect(form.file("f").map { String(decoding: $0.content, as: UTF8.self) } == #"{"k": 1}"#)
        #expect(MultipartForm.boundary(in: #"multipart/form-data; boundary="a b""#) == "a b")
        #expect(MultipartForm.boundary(in: "multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
        for malformed in [
            "", "--xyz", "--xyz\r\nno headers end", "--abc\r\n\r\n\r\nx\r\n--abc--",
            "--xyz\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n--xyz--",
            String(repeating: "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n", count: 17) + "--xyz--",
        ] {
            #expect(throws: (any Error).self, "\(malformed.prefix(40))") {
                try MultipartForm(body: Data(malformed.utf8), boundary: boundary)
            }
        }
        // Near-delimiters repeated through a large body: read in one linear pass.
        let hostile = "--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n"
            + String(repeating: "\r\n--xy", count: 400_000) + "\r\n--xyz--"
        #expect(try MultipartForm(body: Data(hostile.utf8), boundary: boundary).parts.count == 1)
    }
}
