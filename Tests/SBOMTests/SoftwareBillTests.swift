import Foundation
import SBOM
import Testing

/// CycloneDX and SPDX examples read into their components, purls and dependencies; bad documents say what is wrong.
@Suite struct SoftwareBillTests {
    static let resources = Bundle.module.bundleURL.appendingPathComponent("Resources")

    /// File, format, then components (the described subject included), nested ones, those with a purl, and
    /// dependency edges, counted from the files by a separate reading.
    static let expected: [(String, String, [Int])] = [
        ("cyclonedx/CBOM/Example-With-Dependencies/bom.json", "CycloneDX 1.6", [4, 0, 0, 2]),
        ("cyclonedx/CBOM/Protocol/bom.json", "CycloneDX 1.6", [9, 0, 0, 0]),
        ("cyclonedx/HBOM/PCIe-SATA-adapter-board/bom.json", "CycloneDX 1.4", [7, 0, 0, 0]),
        ("cyclonedx/SBOM/cern-lhc-vdm-editor-e564943/bom.json", "CycloneDX 1.2", [44, 0, 44, 0]),
        ("cyclonedx/SBOM/dropwizard-1.3.15/bom.json", "CycloneDX 1.2", [168, 0, 168, 170]),
        ("cyclonedx/SBOM/laravel-7.12.0/bom.1.2.json", "CycloneDX 1.2", [63, 0, 63, 113]),
        ("cyclonedx/SBOM/laravel-7.12.0/bom.1.3.json", "CycloneDX 1.3", [63, 0, 63, 113]),
        ("cyclonedx/SBOM/laravel-7.12.0/bom.1.4.json", "CycloneDX 1.4", [63, 0, 63, 113]),
        ("cyclonedx/SBOM/proton-bridge/proton-bridge-v1.8.0.bom.json", "CycloneDX 1.2", [202, 0, 202, 232]),
        ("spdx/presentations/01-MinimalSBOM.json", "SPDX 2.3", [1, 0, 1, 0]),
        ("spdx/presentations/02-SBOMwSource.json", "SPDX 2.3", [1, 0, 1, 0]),
        ("spdx/presentations/03-SBOMwDependency.json", "SPDX 2.3", [2, 0, 2, 0]),
        ("spdx/presentations/04-SBOMwSecurity.json", "SPDX 2.3", [2, 0, 2, 0]),
        ("spdx/presentations/05-SBOMwSourceLicense.json", "SPDX 2.3", [1, 0, 1, 0]),
        ("spdx/software/example10-hello-source.spdx.json", "SPDX 2.3", [1, 0, 0, 0]),
        ("spdx/software/example11-sbom.spdx.json", "SPDX 2.3", [4, 0, 4, 3]),
        ("spdx/software/example14-examplemaven-0.0.1-enriched.spdx.json", "SPDX 2.3", [6, 0, 0, 0]),
        ("spdx/software/example8-examplemaven-0.0.1.spdx.json", "SPDX 2.3", [6, 0, 0, 0]),
    ]

    @Test(arguments: expected)
    func readsEveryExample(path: String, format: String, counts: [Int]) throws {
        let bill = try SoftwareBill.read(Data(contentsOf: Self.resources.appendingPathComponent(path)))
        #expect(bill.format.description == format)
        let nested = bill.components.filter { $0.parent != nil }.count
        let withPurl = bill.components.filter { $0.purl != nil }.count
        let edges = bill.dependencies.values.reduce(0) { $0 + $1.count }
        let found: [Int] = [bill.components.count, nested, withPurl, edges]
        #expect(found == counts)
        #expect(Set(bill.components.map(\.reference)).count == bill.components.count, "references are unique")
    }

    @Test func nestedComponentsKeepTheirParent() throws {
        let json = """
            {"bomFormat": "CycloneDX", "specVersion": "1.5",
             "metadata": {"component": {"bom-ref": "app", "name": "patient-portal", "version": "3.1"}},
             "components": [
               {"bom-ref": "lib", "name": "framework", "version": "2.0", "purl": "pkg:npm/framework@2.0.0",
                "components": [{"name": "vendored", "version": "0.1", "purl": "pkg:npm/vendored@0.1.0"}]}],
             "dependencies": [{"ref": "app", "dependsOn": ["lib"]}]}
            """
        let bill = try SoftwareBill.read(Data(json.utf8))
        #expect(bill.subject == "patient-portal")
        #expect(bill.components.map(\.reference) == ["app", "lib", "components[0].components[0]"])
        #expect(bill.components.last?.parent == "lib")
        #expect(bill.dependencies == ["app": ["lib"]])
    }

    @Test func spdxRelationshipsBecomeDependenciesAndParents() throws {
        let json = """
            {"spdxVersion": "SPDX-2.3", "name": "device firmware",
             "packages": [
               {"SPDXID": "SPDXRef-fw", "name": "firmware", "versionInfo": "1.0"},
               {"SPDXID": "SPDXRef-ssl", "name": "openssl", "versionInfo": "3.0.2",
                "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                                  "referenceLocator": "pkg:deb/debian/openssl@3.0.2"}]},
               {"SPDXID": "SPDXRef-z", "name": "zlib", "versionInfo": "NOASSERTION"}],
             "relationships": [
               {"spdxElementId": "SPDXRef-fw", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-ssl"},
               {"spdxElementId": "SPDXRef-z", "relationshipType": "DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-fw"},
               {"spdxElementId": "SPDXRef-fw", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-z"}]}
            """
        let bill = try SoftwareBill.read(Data(json.utf8))
        #expect(bill.components[1].purl == "pkg:deb/debian/openssl@3.0.2")
        #expect(bill.components[2].version == nil)
        #expect(bill.components[2].parent == "SPDXRef-fw")
        #expect(bill.dependencies["SPDXRef-fw"] == ["SPDXRef-ssl", "SPDXRef-z"])
    }

    @Test(arguments: [
        ("<bom/>", "not JSON"),
        ("[]", "An SBOM is a JSON object."),
        (#"{"bomFormat": "CycloneDX", "specVersion": "1.1"}"#, "`1.1` is not supported; send CycloneDX 1.2 to 1.6"),
        (#"{"bomFormat": "SPDX"}"#, "a CycloneDX document says `CycloneDX`"),
        (#"{"spdxVersion": "SPDX-3.0"}"#, "send SPDX 2.2 or 2.3 JSON"),
        (#"{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"}"#, "neither CycloneDX"),
        (
            #"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"version": "1"}]}"#,
            "`components[0].name` is required"
        ),
        (
            #"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"name": 7}]}"#,
            "`components[0].name` must be a string"
        ),
        (#"{"spdxVersion": "SPDX-2.3", "packages": [{"name": "a"}]}"#, "`packages[0].SPDXID` is required"),
    ])
    func badDocumentsSayWhatIsWrong(text: String, fragment: String) {
        #expect {
            try SoftwareBill.read(Data(text.utf8))
        } throws: { error in
            (error as? SBOMError)?.message.contains(fragment) == true
        }
    }
}

/// Documents beyond the readers' bounds are refused with a message, not read.
@Suite struct SoftwareBillBoundTests {
    @Test func componentsAreCapped() throws {
        let component = #"{"name": "a", "version": "1"}"#
        func bom(_ count: Int) -> Data {
            Data(
                (#"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": ["#
                    + Array(repeating: component, count: count).joined(separator: ",") + "]}").utf8)
        }
        #expect(try SoftwareBill.read(bom(SoftwareBill.maximumComponents)).components.count == SoftwareBill.maximumComponents)
        let error = try #require(throws: SBOMError.self) { _ = try SoftwareBill.read(bom(SoftwareBill.maximumComponents + 1)) }
        #expect(error.message.contains("at most \(SoftwareBill.maximumComponents)"))
    }

    @Test func deeplyNestedComponentsAreRefusedNotRecursed() throws {
        let depth = 10_000
        let text =
            #"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": ["#
            + String(repeating: #"{"name": "a", "components": ["#, count: depth) + #"{"name": "leaf"}"#
            + String(repeating: "]}", count: depth) + "]}"
        let error = try #require(throws: SBOMError.self) { _ = try SoftwareBill.read(Data(text.utf8)) }
        #expect(error.message.contains("deeper than"))
        // Nesting within the bound is flattened, parents first.
        let shallow =
            #"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": ["#
            + String(repeating: #"{"name": "a", "components": ["#, count: 40) + #"{"name": "leaf"}"#
            + String(repeating: "]}", count: 40) + "]}"
        let bill = try SoftwareBill.read(Data(shallow.utf8))
        #expect(bill.components.count == 41)
        #expect(bill.components.last?.name == "leaf")
        #expect(bill.components.last?.parent == bill.components[39].reference)
    }
}
