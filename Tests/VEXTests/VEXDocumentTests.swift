import Foundation
import Testing
import VEX

/// Every VEX example of CycloneDX, OpenVEX and CSAF reads into the statements it holds.
@Suite struct VEXDocumentTests {
    static let resources = Bundle.module.bundleURL.appendingPathComponent("Resources")

    static func read(_ path: String) throws -> VEXDocument {
        try VEXDocument.read(Data(contentsOf: resources.appendingPathComponent(path)))
    }

    /// File, format, and its statements' count per status (not affected, affected, fixed, under investigation),
    /// counted from the files by a separate reading.
    static let expected: [(String, VEXDocument.Format, [Int])] = [
        ("csaf/2022-evd-uc-01-a-001.json", .csaf, [0, 1, 0, 0]),
        ("csaf/2022-evd-uc-01-f-001.json", .csaf, [0, 0, 1, 0]),
        ("csaf/2022-evd-uc-01-na-001.json", .csaf, [1, 0, 0, 0]),
        ("csaf/2022-evd-uc-01-ui-001.json", .csaf, [0, 0, 0, 1]),
        ("csaf/2022-evd-uc-02-na-001.json", .csaf, [19, 0, 0, 0]),
        ("csaf/2022-evd-uc-03-ms-001.json", .csaf, [6, 5, 3, 5]),
        ("csaf/2022-evd-uc-04-001.json", .csaf, [0, 3, 0, 0]),
        ("csaf/2022-evd-uc-05-001.json", .csaf, [0, 0, 0, 1]),
        ("csaf/2022-evd-uc-06-001.json", .csaf, [4, 3, 0, 0]),
        ("csaf/2022-evd-uc-07-001.json", .csaf, [5, 4, 1, 0]),
        ("csaf/2022-evd-uc-08-001.json", .csaf, [10, 8, 3, 0]),
        ("csaf/2022-evd-uc-09-001.json", .csaf, [2, 2, 0, 0]),
        ("csaf/sec-vex-2022-0001.json", .csaf, [3, 0, 0, 0]),
        ("cyclonedx/CISA-Use-Cases/Case-1/vex-affected.json", .cycloneDX, [0, 1, 0, 0]),
        ("cyclonedx/CISA-Use-Cases/Case-1/vex-fixed.json", .cycloneDX, [0, 0, 1, 0]),
        ("cyclonedx/CISA-Use-Cases/Case-1/vex-not_affected.json", .cycloneDX, [1, 0, 0, 0]),
        ("cyclonedx/CISA-Use-Cases/Case-1/vex-under_investigation.json", .cycloneDX, [0, 0, 0, 1]),
        ("cyclonedx/CISA-Use-Cases/Case-2/vex.json", .cycloneDX, [19, 0, 0, 0]),
        ("cyclonedx/CISA-Use-Cases/Case-3/vex.json", .cycloneDX, [6, 5, 3, 5]),
        ("cyclonedx/CISA-Use-Cases/Case-4/vex.json", .cycloneDX, [0, 1, 0, 0]),
        ("cyclonedx/CISA-Use-Cases/Case-5/vex.json", .cycloneDX, [0, 0, 0, 1]),
        ("cyclonedx/CISA-Use-Cases/Case-6/vex.json", .cycloneDX, [1, 1, 0, 0]),
        ("cyclonedx/CISA-Use-Cases/Case-7/bom-1.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/CISA-Use-Cases/Case-7/bom-2.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/CISA-Use-Cases/Case-7/vex.json", .cycloneDX, [2, 1, 1, 0]),
        ("cyclonedx/CISA-Use-Cases/Case-8/bom-1.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/CISA-Use-Cases/Case-8/bom-2.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/CISA-Use-Cases/Case-8/vex.json", .cycloneDX, [4, 2, 2, 0]),
        ("cyclonedx/Use-Cases/Case-1/vex.json", .cycloneDX, [1, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-10/vex.json", .cycloneDX, [1, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-11/vex.json", .cycloneDX, [19, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-12/vex.json", .cycloneDX, [2, 1, 0, 0]),
        ("cyclonedx/Use-Cases/Case-13/bom-1.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-13/bom-2.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-13/bom-3.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-13/vex.json", .cycloneDX, [1, 1, 0, 0]),
        ("cyclonedx/Use-Cases/Case-2/vex.json", .cycloneDX, [0, 1, 0, 0]),
        ("cyclonedx/Use-Cases/Case-3/vex.json", .cycloneDX, [0, 0, 0, 1]),
        ("cyclonedx/Use-Cases/Case-4/vex.json", .cycloneDX, [1, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-5/vex.json", .cycloneDX, [1, 1, 0, 0]),
        ("cyclonedx/Use-Cases/Case-6/bom-1.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-6/bom-2.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-6/bom-3.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-6/vex.json", .cycloneDX, [1, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-7/vex.json", .cycloneDX, [1, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-8/vex.json", .cycloneDX, [1, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-9/bom-1.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-9/bom-2.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-9/bom-3.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/Use-Cases/Case-9/vex.json", .cycloneDX, [19, 0, 0, 0]),
        ("cyclonedx/bom.json", .cycloneDX, [0, 0, 0, 0]),
        ("cyclonedx/vex.json", .cycloneDX, [1, 0, 0, 0]),
        ("openvex/csaf.json", .csaf, [1, 0, 0, 0]),
        ("openvex/v0.0.1-noversion.json", .openVEX, [0, 0, 1, 0]),
        ("openvex/v0.0.1.json", .openVEX, [0, 0, 1, 0]),
        ("openvex/v0.2.0.json", .openVEX, [2, 0, 3, 0]),
        ("openvex/v001-1.vex.json", .openVEX, [0, 0, 0, 1]),
        ("openvex/v001-2.vex.json", .openVEX, [0, 0, 1, 0]),
        ("openvex/v020-1.vex.json", .openVEX, [0, 0, 0, 1]),
        ("openvex/v020-2.vex.json", .openVEX, [0, 0, 0, 1]),
    ]

    @Test(arguments: expected)
    func readsEveryExample(path: String, format: VEXDocument.Format, counts: [Int]) throws {
        let document = try Self.read(path)
        #expect(document.format == format)
        let statuses: [VEXStatement.Status] = [.notAffected, .affected, .fixed, .underInvestigation]
        #expect(statuses.map { status in document.statements.filter { $0.status == status }.count } == counts)
    }

    @Test func cycloneDXStatementsNameTheirComponents() throws {
        let document = try Self.read("cyclonedx/CISA-Use-Cases/Case-1/vex-not_affected.json")
        let statement = try #require(document.statements.first)
        #expect(statement.status == .notAffected)
        #expect(statement.justification != nil)
        #expect(!statement.products.isEmpty)
        #expect(statement.products.allSatisfy { $0.reference != nil })
    }

    @Test func openVEXProductsIncludeSubcomponents() throws {
        let document = try Self.read("openvex/v0.2.0.json")
        let statement = try #require(document.statements.first)
        #expect(statement.vulnerability == "CVE-2023-1255")
        #expect(statement.status == .fixed)
        #expect(statement.products.compactMap(\.purl).contains("pkg:apk/alpine/libssl3@3.0.8-r3"))
        let old = try Self.read("openvex/v0.0.1.json")
        #expect(old.statements.first?.vulnerability.isEmpty == false)
    }

    @Test func csafProductsCarryNamesAndVersions() throws {
        let document = try Self.read("csaf/2022-evd-uc-01-na-001.json")
        let statement = try #require(document.statements.first)
        #expect(statement.vulnerability == "CVE-2021-44228")
        #expect(statement.status == .notAffected)
        #expect(
            statement.products == [.init(reference: "CSAFPID-0001", name: "Example Company ABC 4.2", version: "4.2")])
        #expect(statement.detail == "Class with vulnerable code was removed before shipping.")
    }

    @Test(arguments: [
        ("[]", "not a JSON object"),
        (
            #"{"bomFormat": "CycloneDX", "specVersion": "1.4", "vulnerabilities": [{"id": "CVE-1"}]}"#,
            "analysis.state` is required"
        ),
        (
            #"{"bomFormat": "CycloneDX", "specVersion": "1.4", "vulnerabilities": [{"id": "CVE-1", "analysis": {"state": "fine"}}]}"#,
            "is not a CycloneDX analysis state"
        ),
        (
            #"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-1"}, "status": "ok"}]}"#,
            "is not an OpenVEX status"
        ),
        (
            #"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"status": "fixed"}]}"#,
            "`statements[0].vulnerability` is required"
        ),
        (#"{"document": {"category": "csaf_security_advisory"}}"#, "a CSAF VEX document says `csaf_vex`"),
        (#"{"spdxVersion": "SPDX-2.3"}"#, "is not CycloneDX VEX"),
    ])
    func badDocumentsSayWhatIsWrong(text: String, fragment: String) {
        #expect {
            try VEXDocument.read(Data(text.utf8))
        } throws: { error in
            (error as? VEXError)?.message.contains(fragment) == true
        }
    }
}

/// VEX documents beyond the reader's bounds are refused with a message.
@Suite struct VEXBoundTests {
    @Test func statementsAreCapped() throws {
        let statement = #"{"vulnerability": {"name": "CVE-2024-1"}, "products": [{"@id": "pkg:pypi/a@1"}], "status": "fixed"}"#
        func document(_ count: Int) -> Data {
            Data(
                (#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": ["#
                    + Array(repeating: statement, count: count).joined(separator: ",") + "]}").utf8)
        }
        let error = try #require(throws: VEXError.self) {
            _ = try VEXDocument.read(document(VEXDocument.maximumStatements + 1))
        }
        #expect(error.message.contains("at most \(VEXDocument.maximumStatements)"))
        #expect(throws: VEXError.self) {
            _ = try VEXDocument.read(Data((String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000)).utf8))
        }
    }
}
