import ClearinghouseCore
import Foundation
import JSONSupport
import OSV
import PackageURL
import Testing

@Suite struct AdvisoryDraftOSVTests {
    static func draft(affected: [AdvisoryDraft.AffectedPackage]? = nil) throws -> AdvisoryDraft {
        try AdvisoryDraft(
            id: AdvisoryID(prefix: "CHX", year: 2026, number: 1),
            summary: "Heap overflow in hdrparse's header parser",
            details: "A header longer than 64 bytes overflows a stack buffer.\n\nUpgrade to 2.4.1.",
            aliases: ["CVE-2026-40001"],
            affected: affected ?? [
                .init(purl: PackageURL(parsing: "pkg:npm/%40acme/hdrparse"), fixed: "2.4.1"),
                .init(purl: PackageURL(parsing: "pkg:pypi/hdrparse"), introduced: "1.0"),
            ],
            credits: [
                .init(name: "Rural Hospital Red Team", kind: .finder, contact: ["mailto:security@hospital.example"]),
                .init(name: "Acme PSIRT", kind: .remediationDeveloper),
            ],
            references: [.init(kind: .fix, url: "https://git.example/acme/hdrparse/commit/1a2b3c")],
            cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            published: Date(timeIntervalSince1970: 1_796_400_000), modified: Date(timeIntervalSince1970: 1_796_403_600))
    }

    @Test func anAdvisoryIsAValidOSVRecordThatClientsMatch() throws {
        let document = try Self.draft().osvDocument()
        let reading = OSVRecord.read(document, numbersAreText: false)
        #expect(reading.diagnostics.isEmpty, "\(reading.diagnostics)")
        let record = try #require(reading.record)
        #expect(record.id == "x_CHX-2026-0001" && record.aliases == ["CVE-2026-40001"])
        #expect(record.published == "2026-12-04T16:00:00Z" && record.modified == "2026-12-04T17:00:00Z")
        #expect(record.credits.count == 2 && record.references.count == 1 && record.severity.count == 1)

        // Below the fix, affected; from it on, not.
        #expect(record.affects(ecosystem: "npm", name: "@acme/hdrparse", version: "2.4.0"))
        #expect(!record.affects(ecosystem: "npm", name: "@acme/hdrparse", version: "2.4.1"))
        // No fix yet: every version from the one that introduced it.
        #expect(!record.affects(ecosystem: "PyPI", name: "hdrparse", version: "0.9"))
        #expect(record.affects(ecosystem: "PyPI", name: "hdrparse", version: "7.0"))
    }

    @Test func theDocumentReadsBackFromItsJSONText() throws {
        let draft = try Self.draft()
        let text = try JSONEncoder().encode(try draft.osvDocument())
        let reading = try OSVRecord.read(text, format: .json)
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.record == (try draft.osvRecord()))
    }

    @Test func aPackageOSVCannotNameIsRefusedWithItsPlace() throws {
        let draft = try Self.draft(affected: [
            .init(purl: PackageURL(parsing: "pkg:npm/left-pad"), fixed: "1.3.0"),
            .init(purl: PackageURL(parsing: "pkg:generic/hdrparse"), fixed: "1.1"),
        ])
        let error = #expect(throws: ClearinghouseError.self) { try draft.osvRecord() }
        #expect(error?.field == "affected[1].purl", "\(String(describing: error))")
    }
}
