import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// SBOM and VEX intake and exposure, both ways, following every change.
@Suite struct ExposureAPITests {
    static let advisories = """
        [{"id": "PYSEC-2024-1", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2024-0001"],
          "affected": [{"package": {"ecosystem": "PyPI", "name": "demo"},
                        "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}]},
         {"id": "GHSA-aaaa-bbbb-cccc", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2024-0002"],
          "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"},
                        "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.3.0"}]}]}]},
         {"id": "DSA-5500-1", "modified": "2024-01-01T00:00:00Z",
          "affected": [{"package": {"ecosystem": "Debian:12", "name": "openssl"},
                        "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.11-1~deb12u2"}]}]}]}]
        """

    static let portal = """
        {"bomFormat": "CycloneDX", "specVersion": "1.5",
         "metadata": {"component": {"bom-ref": "portal", "name": "patient-portal", "version": "4.2"}},
         "components": [
           {"bom-ref": "demo", "name": "demo", "version": "1.5", "purl": "pkg:pypi/demo@1.5"},
           {"bom-ref": "pad-old", "name": "left-pad", "version": "1.2.0", "purl": "pkg:npm/left-pad@1.2.0"},
           {"bom-ref": "pad-new", "name": "left-pad", "version": "1.3.0", "purl": "pkg:npm/left-pad@1.3.0"},
           {"bom-ref": "blob", "name": "vendored.c", "purl": "pkg:generic/vendored.c@1"}]}
        """

    static let firmware = """
        {"spdxVersion": "SPDX-2.3", "name": "teller firmware",
         "packages": [{"SPDXID": "SPDXRef-ssl", "name": "openssl", "versionInfo": "3.0.9-1",
                       "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                                         "referenceLocator": "pkg:deb/debian/openssl@3.0.9-1"}]}]}
        """

    func upload(
        _ api: TestAPI, _ path: String, _ body: String, token: String, type: String = "application/json"
    )
        async throws -> TestAPI.Reply
    {
        try await api.send(.post, path, token: token, json: body, headers: [.contentType: type])
    }

    func exposure(_ api: TestAPI, token: String) async throws -> [String: Any] {
        let reply = try await api.send(.get, "/v1/exposure", token: token)
        #expect(reply.status == .ok, "\(reply.text)")
        return reply.json
    }

    static func findings(_ exposure: [String: Any]) -> [String] {
        ((exposure["findings"] as? [[String: Any]]) ?? []).map { finding in
            let component = finding["component"] as? [String: Any]
            let suppressed = finding["suppressed"] as? Bool == true ? " suppressed" : ""
            return "\(finding["advisory"] as? String ?? "") \(component?["reference"] as? String ?? "")\(suppressed)"
        }.sorted()
    }

    @Test(arguments: engines)
    func exposureFollowsSBOMsVEXAndAdvisories(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let imported = try await api.send(
                .post, "/v1/advisories/import", token: api.coordinatorToken, json: Self.advisories)
            #expect(imported["imported"] as? Int == 3)
            let hospital = try await api.createOrganization(
                name: "Valley General Hospital", kind: "operator", sector: "healthcare")
            let hospitalToken = try await api.mintToken(for: hospital, role: "analyst").token
            let bank = try await api.createOrganization(name: "Prairie Bank", kind: "operator", sector: "finance")
            let bankToken = try await api.mintToken(for: bank, role: "analyst").token
            let vendor = try await api.createOrganization(name: "Demo Inc", kind: "vendor")
            let vendorToken = try await api.mintToken(for: vendor, role: "analyst").token

            // Upload: what was read, and what cannot be matched.
            let uploaded = try await upload(
                api, "/v1/sboms?asset=Patient%20portal&internet_facing=true", Self.portal, token: hospitalToken,
                type: "application/vnd.cyclonedx+json")
            #expect(uploaded.status == .created, "\(uploaded.text)")
            #expect(uploaded["format"] as? String == "CycloneDX 1.5")
            #expect(uploaded["components"] as? Int == 5)
            #expect(uploaded["matched"] as? Int == 3)
            let unmatched = try #require(uploaded["unmatched"] as? [[String: Any]])
            #expect(unmatched.map { $0["reference"] as? String } == ["portal", "blob"])
            #expect((unmatched[0]["reason"] as? String) == "The component has no purl.")
            #expect((unmatched[1]["reason"] as? String)?.contains("`generic` has no OSV ecosystem") == true)
            let portal = try #require(uploaded["id"] as? String)
            let firmware = try await upload(api, "/v1/sboms?asset=Teller", Self.firmware, token: bankToken)
            #expect(firmware.status == .created)

            var hospitalExposure = try await exposure(api, token: hospitalToken)
            #expect(Self.findings(hospitalExposure) == ["GHSA-aaaa-bbbb-cccc pad-old", "PYSEC-2024-1 demo"])
            #expect(hospitalExposure["affected_components"] as? Int == 2)
            let demo = try #require(
                (hospitalExposure["findings"] as? [[String: Any]])?.first {
                    $0["advisory"] as? String == "PYSEC-2024-1"
                })
            #expect(demo["fixed_versions"] as? [String] == ["2.0"])
            #expect(demo["internet_facing"] as? Bool == true)
            #expect(Self.findings(try await exposure(api, token: bankToken)) == ["DSA-5500-1 SPDXRef-ssl"])

            // Coordinators see whom an advisory affects, by sector.
            let byAdvisory = try await api.send(
                .get, "/v1/advisories/PYSEC-2024-1/exposure", token: api.coordinatorToken)
            #expect(byAdvisory.status == .ok, "\(byAdvisory.text)")
            #expect(byAdvisory["organizations"] as? Int == 1)
            #expect(byAdvisory["by_sector"] as? [String: Int] == ["healthcare": 1])
            let affected = try #require(byAdvisory["affected"] as? [[String: Any]])
            #expect(affected.first?["organization_name"] as? String == "Valley General Hospital")
            #expect(
                try await api.send(.get, "/v1/advisories/PYSEC-2024-1/exposure", token: vendorToken).status
                    == .forbidden)
            #expect(
                try await api.send(.get, "/v1/advisories/NOPE-1/exposure", token: api.coordinatorToken).status
                    == .notFound)

            // The hospital's own VEX: left-pad 1.2.0 is not affected in its use.
            let openvex = """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2024-0002"},
                 "products": [{"@id": "pkg:npm/left-pad@1.2.0"}], "status": "not_affected",
                 "justification": "vulnerable_code_not_in_execute_path"}]}
                """
            let ownVEX = try await upload(api, "/v1/vex", openvex, token: hospitalToken)
            #expect(ownVEX.status == .created, "\(ownVEX.text)")
            #expect(ownVEX["applies_to_everyone"] as? Bool == false)
            hospitalExposure = try await exposure(api, token: hospitalToken)
            #expect(Self.findings(hospitalExposure) == ["GHSA-aaaa-bbbb-cccc pad-old suppressed", "PYSEC-2024-1 demo"])
            #expect(hospitalExposure["affected_components"] as? Int == 1)

            // A verified vendor's VEX applies to its customers, for the versions it names; a statement about every
            // version of a package would silence everyone's exposure, and applies to no one else's SBOM.
            let unversioned = """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2024-0001"},
                 "products": [{"@id": "pkg:pypi/demo"}], "status": "fixed"}]}
                """
            let broad = try await upload(api, "/v1/vex", unversioned, token: vendorToken)
            #expect(broad.status == .created)
            #expect(
                Self.findings(try await exposure(api, token: hospitalToken)) == [
                    "GHSA-aaaa-bbbb-cccc pad-old suppressed", "PYSEC-2024-1 demo",
                ])
            #expect(
                try await api.send(.delete, "/v1/vex/\(try #require(broad["id"] as? String))", token: vendorToken).status
                    == .noContent)
            let vendorVEX = """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2024-0001"},
                 "products": [{"@id": "pkg:pypi/demo@1.5"}], "status": "fixed"}]}
                """
            let vendorUpload = try await upload(api, "/v1/vex", vendorVEX, token: vendorToken)
            #expect(vendorUpload["applies_to_everyone"] as? Bool == true)
            // Only for the products a coordinator registered for the vendor: none yet.
            #expect(
                Self.findings(try await exposure(api, token: hospitalToken)) == [
                    "GHSA-aaaa-bbbb-cccc pad-old suppressed", "PYSEC-2024-1 demo",
                ])
            let registered = try await api.send(
                .put, "/v1/organizations/\(vendor)/products", token: api.coordinatorToken,
                json: #"{"products": [{"type": "pypi", "name": "Demo"}]}"#)
            #expect(registered.status == .ok, "\(registered.text)")
            #expect(((registered["products"] as? [[String: Any]])?.first)?["scope"] as? String == "pkg:pypi/demo")
            #expect(
                Self.findings(try await exposure(api, token: hospitalToken)) == [
                    "GHSA-aaaa-bbbb-cccc pad-old suppressed", "PYSEC-2024-1 demo suppressed",
                ])
            let vendorVEXID = try #require(vendorUpload["id"] as? String)
            #expect(try await api.send(.delete, "/v1/vex/\(vendorVEXID)", token: vendorToken).status == .noContent)

            // A newer advisory moves the fix below the hospital's version: the finding goes.
            let newer = try await api.send(
                .post, "/v1/advisories/import", token: api.coordinatorToken,
                json:
                    #"{"id": "PYSEC-2024-1", "modified": "2024-03-01T00:00:00Z", "aliases": ["CVE-2024-0001"], "affected": [{"package": {"ecosystem": "PyPI", "name": "demo"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.4"}]}]}]}"#
            )
            #expect(newer["updated"] as? Int == 1)
            #expect(
                Self.findings(try await exposure(api, token: hospitalToken)) == [
                    "GHSA-aaaa-bbbb-cccc pad-old suppressed"
                ])

            // Replacing the SBOM with an older demo brings it back; deleting it clears the exposure.
            let replaced = try await api.send(
                .put, "/v1/sboms/\(portal)", token: hospitalToken,
                json: Self.portal.replacingOccurrences(of: "demo@1.5", with: "demo@1.0"))
            #expect(replaced.status == .ok, "\(replaced.text)")
            #expect(replaced["asset"] as? String == "Patient portal")
            #expect(Self.findings(try await exposure(api, token: hospitalToken)).contains("PYSEC-2024-1 demo"))
            #expect(try await api.send(.delete, "/v1/sboms/\(portal)", token: hospitalToken).status == .noContent)
            #expect(Self.findings(try await exposure(api, token: hospitalToken)).isEmpty)

            // Every change is audited.
            let actions = try await api.auditEvents().map(\.action)
            for action in [AuditAction.sbomUpload, .sbomReplace, .sbomDelete, .vexUpload, .vexDelete] {
                #expect(actions.contains(action), "\(action)")
            }
        }
    }

    @Test(arguments: engines)
    func sbomsAreTheirOrganizations(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let hospital = try await api.createOrganization(name: "Hospital", kind: "operator", sector: "healthcare")
            let hospitalToken = try await api.mintToken(for: hospital, role: "analyst").token
            let reader = try await api.mintToken(for: hospital, role: "reader").token
            let bank = try await api.createOrganization(name: "Bank", kind: "operator", sector: "finance")
            let bankToken = try await api.mintToken(for: bank, role: "admin").token
            let uploaded = try await upload(api, "/v1/sboms?asset=Portal", Self.portal, token: hospitalToken)
            let id = try #require(uploaded["id"] as? String)

            #expect(try await upload(api, "/v1/sboms?asset=Portal", Self.portal, token: reader).status == .forbidden)
            #expect(try await api.send(.post, "/v1/sboms?asset=Portal", json: Self.portal).status == .unauthorized)
            let hidden = try await api.send(.get, "/v1/sboms/\(id)", token: bankToken)
            let missing = try await api.send(.get, "/v1/sboms/01939b2e-0000-7000-8000-000000000000", token: bankToken)
            #expect(hidden.status == .notFound)
            #expect(hidden.withoutRequestID == missing.withoutRequestID)
            #expect(try await api.send(.delete, "/v1/sboms/\(id)", token: bankToken).status == .notFound)
            let bankList = try await api.send(.get, "/v1/sboms", token: bankToken)
            #expect((bankList["items"] as? [Any])?.isEmpty == true)
            let coordinatorList = try await api.send(.get, "/v1/sboms", token: api.coordinatorToken)
            #expect((coordinatorList["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            #expect(try await api.send(.get, "/v1/exposure?sbom=\(id)", token: bankToken).status == .notFound)
        }
    }

    @Test(
        arguments: [
            ("/v1/sboms?asset=A", "<bom/>", "application/xml", 415, nil),
            ("/v1/sboms?asset=A", "<bom/>", "application/json", 400, nil),
            ("/v1/sboms", #"{"bomFormat": "CycloneDX", "specVersion": "1.5"}"#, "application/json", 400, "asset"),
            (
                "/v1/sboms?asset=A&internet_facing=maybe", #"{"bomFormat": "CycloneDX", "specVersion": "1.5"}"#,
                "application/json", 400, "internet_facing"
            ),
            ("/v1/sboms?asset=A", #"{"bomFormat": "CycloneDX", "specVersion": "1.1"}"#, "application/json", 400, nil),
            ("/v1/sboms?asset=A", #"{"spdxVersion": "SPDX-3.0"}"#, "application/json", 400, nil),
            (
                "/v1/vex",
                #"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": "CVE-1", "status": "maybe"}]}"#,
                "application/json", 400, nil
            ),
            ("/v1/vex", "", "application/json", 400, nil),
        ] as [(String, String, String, Int, String?)])
    func badDocumentsGetProblemsAndWriteNothing(
        path: String, body: String, type: String, status: Int, field: String?
    )
        async throws
    {
        try await TestAPI.run(.sqlite) { api in
            let operatorID = try await api.createOrganization(name: "Hospital", kind: "operator", sector: "healthcare")
            let token = try await api.mintToken(for: operatorID, role: "analyst").token
            let events = try await api.auditEvents().count
            let reply = try await upload(api, path, body, token: token, type: type)
            #expect(Int(reply.status.code) == status, "\(reply.text)")
            #expect(reply.headers[.contentType] == "application/problem+json")
            if let field { #expect(reply["field"] as? String == field) }
            #expect((reply["detail"] as? String)?.isEmpty == false)
            #expect(try await api.auditEvents().count == events)
        }
    }
}
