import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// KEV and EPSS import, SSVC decisions, and the priority queue that orders and explains open cases and exposed
/// advisories, following every change of its inputs.
@Suite struct PrioritiesAPITests {
    static let kev = """
        {"title": "test catalog", "catalogVersion": "2024.01.02", "dateReleased": "2024-01-02T10:00:00.000Z",
         "count": 1, "vulnerabilities": [
          {"cveID": "CVE-2024-0002", "vendorProject": "left-pad", "product": "left-pad",
           "vulnerabilityName": "left-pad padding overflow", "dateAdded": "2024-01-02",
           "shortDescription": "d", "requiredAction": "Update to 1.3.0.", "dueDate": "2024-01-23",
           "knownRansomwareCampaignUse": "Known", "notes": "", "cwes": ["CWE-787"]}]}
        """

    static let epss = """
        #model_version:v2025.03.14,score_date:2024-01-03T00:00:00Z
        cve,epss,percentile
        CVE-2024-0001,0.50000,0.97000
        CVE-2024-0002,0.10000,0.90000
        CVE-2024-0003,0.90000,0.99500
        """

    static let finding = """
        {"title": "Heap overflow in parse_header", "target": {"purl": "pkg:pypi/demo@1.5"}, "cwe": ["CWE-787"],
         "aliases": ["CVE-2024-0003"], "provenance": {"tool": "acme-agent", "tool_version": "2.1"}}
        """

    static func order(_ reply: TestAPI.Reply) -> [String] {
        ((reply["items"] as? [[String: Any]]) ?? []).map { (($0["subject"] as? [String: Any])?["id"] as? String) ?? "" }
    }

    static func item(_ reply: TestAPI.Reply, _ id: String) -> [String: Any]? {
        ((reply["items"] as? [[String: Any]]) ?? []).first { ($0["subject"] as? [String: Any])?["id"] as? String == id }
    }

    @Test(arguments: engines)
    func theQueueOrdersExplainsAndFollowsItsInputs(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let imported = try await api.send(
                .post, "/v1/advisories/import", token: api.coordinatorToken, json: ExposureAPITests.advisories)
            #expect(imported["imported"] as? Int == 3)
            let hospital = try await api.createOrganization(
                name: "Valley General Hospital", kind: "operator", sector: "healthcare")
            let hospitalToken = try await api.mintToken(for: hospital, role: "analyst").token
            let hospitalReader = try await api.mintToken(for: hospital, role: "reader").token
            let bank = try await api.createOrganization(name: "Prairie Bank", kind: "operator", sector: "finance")
            let bankToken = try await api.mintToken(for: bank, role: "analyst").token
            let researcher = try await api.createOrganization(name: "Lab", kind: "researcher")
            let researcherToken = try await api.mintToken(for: researcher, role: "analyst").token
            let portal = try await api.send(
                .post, "/v1/sboms?asset=Portal&internet_facing=true", token: hospitalToken,
                json: ExposureAPITests.portal)
            #expect(portal.status == .created)
            #expect(
                try await api.send(.post, "/v1/sboms?asset=Teller", token: bankToken, json: ExposureAPITests.firmware)
                    .status == .created)
            let submitted = try await api.send(.post, "/v1/findings", token: researcherToken, json: Self.finding)
            #expect(submitted.status == .created, "\(submitted.text)")
            let caseID = try #require((submitted["findings"] as? [[String: Any]])?.first?["case_id"] as? String)

            // Feeds: only coordinators import; a bad file is refused whole, by line; nothing of it is kept.
            #expect(
                try await api.send(.post, "/v1/kev/import", token: hospitalToken, json: Self.kev).status == .forbidden)
            let broken = Self.kev.replacingOccurrences(of: "\"2024-01-23\"", with: "\"2024-02-30\"")
            let refused = try await api.send(.post, "/v1/kev/import", token: api.coordinatorToken, json: broken)
            #expect(refused.status == .badRequest)
            #expect((refused["detail"] as? String)?.contains("line 3: `dueDate` `2024-02-30` of CVE-2024-0002") == true)
            let none = try await api.send(.get, "/v1/threat-feeds", token: hospitalToken)
            #expect(none.json["kev"] is NSNull)
            let kev = try await api.send(.post, "/v1/kev/import", token: api.coordinatorToken, json: Self.kev)
            #expect(kev.status == .ok, "\(kev.text)")
            #expect(kev["added"] as? Int == 1)
            let epss = try await api.send(
                .post, "/v1/epss/import", token: api.coordinatorToken, json: Self.epss,
                headers: [.contentType: "text/csv"])
            #expect(epss.status == .ok, "\(epss.text)")
            #expect(epss["entries"] as? Int == 3)
            let older = Self.epss.replacingOccurrences(of: "2024-01-03", with: "2023-12-01")
            let stale = try await api.send(
                .post, "/v1/epss/import", token: api.coordinatorToken, json: older, headers: [.contentType: "text/csv"])
            #expect(stale.status == .conflict)
            let feeds = try await api.send(.get, "/v1/threat-feeds", token: hospitalToken)
            #expect((feeds["kev"] as? [String: Any])?["version"] as? String == "2024.01.02")
            #expect((feeds["epss"] as? [String: Any])?["entries"] as? Int == 3)

            // Nobody has decided: KEV first, then EPSS, then exposure.
            var queue = try await api.send(.get, "/v1/priorities", token: api.coordinatorToken)
            #expect(queue.status == .ok, "\(queue.text)")
            #expect(Self.order(queue) == ["GHSA-aaaa-bbbb-cccc", caseID, "PYSEC-2024-1", "DSA-5500-1"])
            let ghsa = try #require(Self.item(queue, "GHSA-aaaa-bbbb-cccc"))
            #expect(ghsa["tier"] is NSNull)
            #expect((ghsa["kev"] as? [String: Any])?["due_date"] as? String == "2024-01-23")
            #expect(ghsa["due_at"] as? String == "2024-01-23T00:00:00Z")
            #expect(ghsa["overdue"] as? Bool == true)
            let ghsaExposure = try #require(ghsa["exposure"] as? [String: Any])
            #expect(ghsaExposure["internet_facing_assets"] as? Int == 1)
            #expect(ghsaExposure["by_sector"] as? [String: Int] == ["healthcare": 1])
            let explanation = try #require(ghsa["explanation"] as? [String])
            #expect(explanation.first == "No SSVC decision yet, so it ranks after every decided subject.")
            #expect(
                explanation.contains {
                    $0.contains("CVE-2024-0002 is in CISA's Known Exploited Vulnerabilities catalog since 2024-01-02")
                })
            #expect(explanation.last?.contains("CISA's KEV due date comes before the policy's") == true)
            let caseItem = try #require(Self.item(queue, caseID))
            #expect((caseItem["epss"] as? [String: Any])?["cve_id"] as? String == "CVE-2024-0003")
            #expect(caseItem["state"] as? String == "reported")
            // The case is not published, yet its target, demo 1.5, runs on the hospital's internet-facing portal.
            let caseExposure = try #require(caseItem["exposure"] as? [String: Any])
            #expect(caseExposure["internet_facing_assets"] as? Int == 1)
            #expect(caseExposure["components"] as? Int == 1)
            #expect(caseExposure["by_sector"] as? [String: Int] == ["healthcare": 1])

            // A coordinator decides Act on the case with CISA's tree; it moves to the top, due in 3 days.
            let decided = try await api.send(
                .post, "/v1/ssvc-decisions", token: api.coordinatorToken,
                json: """
                    {"case_id": "\(caseID)", "table": "cisa-coordinator", "rationale": "exploited in the wild",
                     "inputs": {"Exploitation": "active", "Automatable": "yes", "Technical Impact": "total",
                                "Mission and Well-Being Impact": "high"}}
                    """)
            #expect(decided.status == .created, "\(decided.text)")
            #expect(decided["outcome_name"] as? String == "Act")
            #expect(decided["tier"] as? String == "Act")
            #expect((decided["inputs"] as? [[String: Any]])?.count == 4)
            queue = try await api.send(.get, "/v1/priorities", token: api.coordinatorToken)
            #expect(Self.order(queue) == [caseID, "GHSA-aaaa-bbbb-cccc", "PYSEC-2024-1", "DSA-5500-1"])
            let acted = try #require(Self.item(queue, caseID))
            #expect(acted["tier"] as? String == "Act")
            #expect(acted["due_at"] as? String == "2027-01-18T08:00:00Z")
            #expect(
                (acted["explanation"] as? [String])?.first?.hasPrefix(
                    "SSVC Act (Act) from cisa-coordinator with Exploitation: Active") == true)
            #expect(
                try await api.send(.get, "/v1/priorities?tier=act", token: api.coordinatorToken).json["total"] as? Int
                    == 1)
            #expect(
                Self.order(
                    try await api.send(.get, "/v1/priorities?kind=advisory&limit=1", token: api.coordinatorToken)) == [
                        "GHSA-aaaa-bbbb-cccc"
                    ])

            // The hospital sees its own exposure only, and its own deployer decision ranks it; coordinators'
            // queues do not follow an operator's decision.
            queue = try await api.send(.get, "/v1/priorities", token: hospitalToken)
            #expect(Self.order(queue) == ["GHSA-aaaa-bbbb-cccc", "PYSEC-2024-1"])
            let deployer = try await api.send(
                .post, "/v1/ssvc-decisions", token: hospitalToken,
                json: """
                    {"advisory_id": "PYSEC-2024-1", "table": "deployer",
                     "inputs": {"E": "A", "EXP": "O", "A": "Y", "HI": "VH"}}
                    """)
            #expect(deployer.status == .created, "\(deployer.text)")
            #expect(deployer["outcome_name"] as? String == "Immediate")
            queue = try await api.send(.get, "/v1/priorities", token: hospitalToken)
            #expect(Self.order(queue) == ["PYSEC-2024-1", "GHSA-aaaa-bbbb-cccc"])
            #expect(Self.item(queue, "PYSEC-2024-1")?["tier"] as? String == "Act")
            #expect(
                Self.item(try await api.send(.get, "/v1/priorities", token: api.coordinatorToken), "PYSEC-2024-1")?[
                    "tier"] is NSNull)

            // Decisions are history that the access policy filters.
            let history = try await api.send(
                .get, "/v1/ssvc-decisions?advisory_id=PYSEC-2024-1", token: api.coordinatorToken)
            #expect((history["decisions"] as? [[String: Any]])?.count == 1)
            let bankView = try await api.send(.get, "/v1/ssvc-decisions?advisory_id=PYSEC-2024-1", token: bankToken)
            #expect((bankView["decisions"] as? [[String: Any]])?.isEmpty == true)

            // A VEX statement that the portal is not affected takes PYSEC off the hospital's queue.
            let vex = """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2024-0001"},
                 "products": [{"@id": "pkg:pypi/demo@1.5"}], "status": "not_affected",
                 "justification": "vulnerable_code_not_in_execute_path"}]}
                """
            #expect(try await api.send(.post, "/v1/vex", token: hospitalToken, json: vex).status == .created)
            #expect(
                Self.order(try await api.send(.get, "/v1/priorities", token: hospitalToken)) == ["GHSA-aaaa-bbbb-cccc"])

            // Bad input.
            let cases: [(String, String, HTTPResponse.Status, String)] = [
                (
                    hospitalToken, #"{"case_id": "\#(caseID)", "table": "deployer", "inputs": {}}"#, .notFound,
                    "not_found"
                ),
                (
                    hospitalReader,
                    #"{"advisory_id": "GHSA-aaaa-bbbb-cccc", "table": "deployer", "inputs": {"E": "A", "EXP": "O", "A": "Y", "HI": "VH"}}"#,
                    .forbidden, "forbidden"
                ),
                (
                    hospitalToken, #"{"advisory_id": "GHSA-aaaa-bbbb-cccc", "table": "nope", "inputs": {}}"#,
                    .badRequest, "invalid_field"
                ),
                (
                    hospitalToken,
                    #"{"advisory_id": "GHSA-aaaa-bbbb-cccc", "table": "deployer", "inputs": {"E": "sometimes"}}"#,
                    .badRequest, "invalid_field"
                ),
                (
                    hospitalToken,
                    #"{"case_id": "\#(caseID)", "advisory_id": "PYSEC-2024-1", "table": "deployer", "inputs": {}}"#,
                    .badRequest, "invalid_field"
                ),
                (
                    hospitalToken, #"{"advisory_id": "NOPE-1", "table": "deployer", "inputs": {}}"#, .notFound,
                    "not_found"
                ),
            ]
            for (token, body, status, code) in cases {
                let reply = try await api.send(.post, "/v1/ssvc-decisions", token: token, json: body)
                #expect(reply.status == status, "\(body): \(reply.text)")
                #expect(reply.code == code, "\(body)")
            }
            let unknownValue = try await api.send(
                .post, "/v1/ssvc-decisions", token: hospitalToken,
                json: #"{"advisory_id": "GHSA-aaaa-bbbb-cccc", "table": "deployer", "inputs": {"E": "sometimes"}}"#)
            #expect((unknownValue["detail"] as? String)?.contains("`E` (Exploitation) cannot be `sometimes`") == true)
            #expect(
                try await api.send(.get, "/v1/priorities?tier=urgent", token: hospitalToken).code == "invalid_field")
            #expect(try await api.send(.get, "/v1/priorities?kind=asset", token: hospitalToken).code == "invalid_field")
            #expect(try await api.send(.get, "/v1/priorities").status == .unauthorized)

            let actions = Set(try await api.auditEvents().map(\.action.rawValue))
            #expect(actions.isSuperset(of: ["kev.import", "epss.import", "ssvc.decide"]))
        }
    }

    static let catalog = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ThreatFeedsTests/Resources/known_exploited_vulnerabilities.json")

    /// Real records: the PyPA database and CISA's catalog, and a hospital running vulnerable salt, pillow and
    /// requests. The advisories whose CVEs CISA lists come first, each explained with the catalog's own dates.
    @Test func realAdvisoriesRankByTheRealCatalog() async throws {
        let archive = try Data(contentsOf: OSVAPITests.pypaArchive)
        let catalog = try String(contentsOf: Self.catalog, encoding: .utf8)
        try await TestAPI.run(.sqlite) { api in
            let imported = try await api.client.execute(
                uri: "/v1/advisories/import", method: .post,
                headers: [.authorization: "Bearer \(api.coordinatorToken)", .contentType: "application/zip"],
                body: ByteBuffer(bytes: archive))
            #expect(imported.status == .ok)
            let kev = try await api.send(.post, "/v1/kev/import", token: api.coordinatorToken, json: catalog)
            #expect(kev["entries"] as? Int == 1404, "\(kev.text)")
            let hospital = try await api.createOrganization(
                name: "Rural Hospital", kind: "operator", sector: "healthcare")
            let token = try await api.mintToken(for: hospital, role: "analyst").token
            let sbom = """
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
                  {"bom-ref": "salt", "name": "salt", "version": "3000.1", "purl": "pkg:pypi/salt@3000.1"},
                  {"bom-ref": "pillow", "name": "pillow", "version": "10.0.0", "purl": "pkg:pypi/pillow@10.0.0"},
                  {"bom-ref": "requests", "name": "requests", "version": "2.19.0", "purl": "pkg:pypi/requests@2.19.0"}]}
                """
            #expect(try await api.send(.post, "/v1/sboms?asset=Imaging", token: token, json: sbom).status == .created)

            let queue = try await api.send(.get, "/v1/priorities?limit=500", token: token)
            let items = try #require(queue["items"] as? [[String: Any]])
            let listed = items.prefix { !($0["kev"] is NSNull) }
            #expect(items[listed.count...].allSatisfy { $0["kev"] is NSNull })
            let listedIDs = Set(listed.compactMap { ($0["subject"] as? [String: Any])?["id"] as? String })
            // Salt's three CVEs are listed. Pillow's advisory names libwebp's CVE-2023-4863 as `related`, not as an
            // alias: a different vulnerability by OSV's definition, so the listing does not carry over.
            #expect(listedIDs == ["PYSEC-2020-102", "PYSEC-2020-103", "PYSEC-2020-104"])
            #expect(items.count > listed.count)
            #expect(items.contains { ($0["subject"] as? [String: Any])?["id"] as? String == "PYSEC-2018-28" })
            let pillow = try #require(Self.item(queue, "PYSEC-2023-175"))
            #expect(pillow["kev"] is NSNull)
            #expect(
                (pillow["explanation"] as? [String])?.contains("Not in CISA's Known Exploited Vulnerabilities catalog.")
                    == true)
            let salt = try #require(Self.item(queue, "PYSEC-2020-102"))
            #expect(
                (salt["explanation"] as? [String])?.contains(
                    "CVE-2020-11651 is in CISA's Known Exploited Vulnerabilities catalog since 2021-11-03 (due 2022-05-03)."
                ) == true)
            #expect(salt["due_at"] as? String == "2022-05-03T00:00:00Z")
            #expect(salt["overdue"] as? Bool == true)
            #expect(
                (Self.item(queue, "PYSEC-2020-102")?["kev"] as? [String: Any])?["date_added"] as? String == "2021-11-03"
            )
        }
    }
}
