import CSAF
import ClearinghouseCore
import Foundation
import JSONSupport
import Testing

@Suite struct CSAFProviderLayoutTests {
    static let filenames = Bundle.module.bundleURL.appendingPathComponent("Resources/csaf-filenames")

    /// The CSAF TC's file name tests: each valid document is named after its tracking id; no invalid one is.
    @Test(arguments: ["valid", "invalid"]) func fileNamesFollowTheTrackingID(_ folder: String) throws {
        let directory = Self.filenames.appendingPathComponent(folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.count == 3)
        for file in files {
            let document = try CSAFDocument.read(Data(contentsOf: directory.appendingPathComponent(file)))
            let trackingID = try #require(document.document.tracking?.id)
            let name = CSAFProviderLayout.filename(trackingID: trackingID)
            #expect((name == file) == (folder == "valid"), "\(trackingID) → \(name), file \(file)")
        }
    }

    static func draft(number: Int, published: TimeInterval, modified: TimeInterval) throws -> AdvisoryDraft {
        let base = try AdvisoryDraftOSVTests.draft()
        return AdvisoryDraft(
            id: try AdvisoryID(prefix: "CHX", year: 2026, number: number), summary: base.summary, details: base.details,
            affected: base.affected, published: Date(timeIntervalSince1970: published),
            modified: Date(timeIntervalSince1970: modified))
    }

    @Test func theIndexListsEveryPathAndChangesTheLatestFirst() throws {
        let entries = try [
            // Published on 2025-12-31 at 23:00 UTC: its folder is 2025 (the year of its initial release).
            Self.draft(number: 1, published: 1_767_222_000, modified: 1_767_222_000),
            Self.draft(number: 2, published: 1_796_400_000, modified: 1_796_400_000),
            Self.draft(number: 3, published: 1_780_000_000, modified: 1_800_000_000),
        ].map(CSAFProviderLayout.Entry.init)
        #expect(
            CSAFProviderLayout.index(entries)
                == "2025/chx-2026-0001.json\n2026/chx-2026-0002.json\n2026/chx-2026-0003.json\n")
        #expect(
            CSAFProviderLayout.changes(entries) == """
                "2026/chx-2026-0003.json","2027-01-15T08:00:00.000Z"
                "2026/chx-2026-0002.json","2026-12-04T16:00:00.000Z"
                "2025/chx-2026-0001.json","2025-12-31T23:00:00.000Z"

                """)
    }

    @Test func hashFilesReadAsSha256sumWritesThem() {
        let document = Data("abc".utf8)
        #expect(
            CSAFProviderLayout.HashAlgorithm.sha256.file(of: document, named: "chx-2026-0001.json")
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  chx-2026-0001.json\n")
        #expect(
            CSAFProviderLayout.HashAlgorithm.sha512.file(of: document, named: "x.json").hasPrefix(
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"))
    }

    @Test func theMetadataNamesTheKeyOnlyWhenTheInstanceSigns() {
        let publisher = AdvisoryDraft.CSAFPublisher(name: "Clearinghouse", namespace: "https://ch.example")
        let unsigned = CSAFProviderLayout.providerMetadata(
            base: "https://ch.example", publisher: publisher, lastUpdated: Date(timeIntervalSince1970: 0), key: nil)
        #expect(unsigned["role"] == .string("csaf_provider") && unsigned["public_openpgp_keys"] == nil)
        #expect(
            unsigned["distributions"]
                == .array([.object(["directory_url": .string("https://ch.example/.well-known/csaf/white/")])]))
        let signed = CSAFProviderLayout.providerMetadata(
            base: "https://ch.example", publisher: publisher, lastUpdated: Date(timeIntervalSince1970: 0),
            key: ("C959BDBAFA32A2F89A153B678CFDE12197965A9A", "https://ch.example/k.asc"))
        #expect(signed["role"] == .string("csaf_trusted_provider"))
        #expect(
            signed["public_openpgp_keys"]
                == .array([
                    .object([
                        "fingerprint": .string("C959BDBAFA32A2F89A153B678CFDE12197965A9A"),
                        "url": .string("https://ch.example/k.asc"),
                    ])
                ]))
        #expect(signed["canonical_url"] == .string("https://ch.example/.well-known/csaf/provider-metadata.json"))
    }
}
