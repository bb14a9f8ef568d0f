import CSAF
import Foundation
import Testing

/// CSAF 2.0 documents: the OASIS examples read with their products and vulnerabilities; bad documents say why.
@Suite struct CSAFDocumentTests {
    static let examples = Bundle.module.bundleURL.appendingPathComponent("Resources")

    static func read(_ name: String) throws -> CSAFDocument {
        try CSAFDocument.read(Data(contentsOf: examples.appendingPathComponent(name)))
    }

    @Test(arguments: [
        ("bsi-2022-0001.json", "csaf_security_advisory", 1),
        ("cisco-sa-20180328-smi2.json", "Cisco Security Advisory", 1),
        ("rhsa-2019_1862.json", "csaf_informational_advisory", 0),
        ("rhsa-2021_5186.json", "csaf_security_advisory", 2),
        ("rhsa-2021_5217.json", "csaf_security_advisory", 1),
        ("rhsa-2022_0011.json", "csaf_security_advisory", 1),
    ])
    func everyExampleReads(name: String, category: String, vulnerabilities: Int) throws {
        let document = try Self.read(name)
        #expect(document.document.category == category)
        #expect(document.vulnerabilities.count == vulnerabilities)
        #expect(document.document.csafVersion == "2.0")
    }

    @Test func productsCarryTheirPurlsAndBranchVersions() throws {
        let bsi = try Self.read("bsi-2022-0001.json")
        let vulnerability = try #require(bsi.vulnerabilities.first)
        #expect(vulnerability.cve == "CVE-2022-27193")
        #expect(vulnerability.cwe?.id == "CWE-611")
        #expect(vulnerability.identifiers.first == "CVE-2022-27193")
        let affected = vulnerability.productStatus?["known_affected"] ?? []
        #expect(affected.count == 5)
        #expect(affected.allSatisfy { bsi.products[$0] != nil })
        #expect(affected.contains { bsi.products[$0]?.version != nil })
        let scored = try #require(vulnerability.scores?.first?.cvssV3?.vectorString)
        #expect(scored.hasPrefix("CVSS:3.1/"))
        #expect(try Self.read("rhsa-2021_5217.json").document.tracking?.id == "RHSA-2021:5217")
    }

    @Test func purlsComeFromHelpersAndVersionsFromBranchesAndRelationships() throws {
        let text = """
            {"document": {"category": "csaf_security_advisory", "csaf_version": "2.0", "title": "t"},
             "product_tree": {
               "branches": [{"category": "vendor", "name": "Demo", "branches": [
                 {"category": "product_version", "name": "1.0",
                  "product": {"product_id": "DEMO-1.0", "name": "demo 1.0",
                              "product_identification_helper": {"purl": "pkg:pypi/demo"}}}]}],
               "relationships": [{"category": "installed_on", "product_reference": "DEMO-1.0",
                                  "relates_to_product_reference": "OS",
                                  "full_product_name": {"product_id": "OS:DEMO-1.0", "name": "demo on OS"}}]},
             "vulnerabilities": [{"cve": "CVE-2026-1", "product_status": {"known_affected": ["OS:DEMO-1.0"]}}]}
            """
        let document = try CSAFDocument.read(Data(text.utf8))
        #expect(document.products["DEMO-1.0"]?.version == "1.0")
        #expect(document.products["OS:DEMO-1.0"]?.purl == "pkg:pypi/demo")
        #expect(document.products["OS:DEMO-1.0"]?.version == "1.0")
    }

    @Test(arguments: [
        ("[]", "a JSON object"),
        ("{}", "`document` is required"),
        (#"{"document": {"category": 3}}"#, "`document.category`"),
        (#"{"document": {"category": "x"}, "vulnerabilities": [{"cwe": {"name": "n"}}]}"#, "vulnerabilities[0].cwe"),
        ("not json", "the JSON text is malformed"),
    ])
    func badDocumentsSayWhatIsWrong(text: String, mention: String) {
        #expect {
            try CSAFDocument.read(Data(text.utf8))
        } throws: { error in
            (error as? CSAFError)?.message.contains(mention) == true
        }
    }
}
