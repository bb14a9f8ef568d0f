import ClearinghouseCore
import Foundation
import JSONSupport
import PackageURL
import Testing

@Suite struct AdvisoryDraftCVETests {
    static let url = "https://clearinghouse.example/advisories/x_CHX-2026-0001"

    @Test func packagesAreProductsAffectedUntilTheirFix() throws {
        let container = try AdvisoryDraftOSVTests.draft().cveContainer(organization: nil, url: Self.url)
        #expect(container["providerMetadata"] == nil)
        #expect(container["title"] == .string("Heap overflow in hdrparse's header parser"))
        #expect(container["datePublic"] == .string("2026-12-04T16:00:00.000Z"))
        #expect(
            container["affected"]
                == .array([
                    .object([
                        "collectionURL": .string("https://registry.npmjs.org"),
                        "packageName": .string("@acme/hdrparse"), "defaultStatus": .string("unaffected"),
                        "versions": .array([
                            .object([
                                "version": .string("0"), "lessThan": .string("2.4.1"), "status": .string("affected"),
                                "versionType": .string("semver"),
                            ])
                        ]),
                    ]),
                    .object([
                        "collectionURL": .string("https://pypi.python.org"), "packageName": .string("hdrparse"),
                        "defaultStatus": .string("unaffected"),
                        "versions": .array([
                            .object([
                                "version": .string("1.0"), "lessThan": .string("*"), "status": .string("affected"),
                                "versionType": .string("python"),
                            ])
                        ]),
                    ]),
                ]))
    }

    @Test func referencesCreditsAndScoreUseCVEsVocabulary() throws {
        let organization = UUID(uuidString: "8254265B-2729-46B6-B9E3-3DFCA2D5BFCA")!
        let container = try AdvisoryDraftOSVTests.draft().cveContainer(organization: organization, url: Self.url)
        #expect(
            container["providerMetadata"]
                == .object(["orgId": .string("8254265b-2729-46b6-b9e3-3dfca2d5bfca")]))
        #expect(
            container["references"]
                == .array([
                    .object(["url": .string(Self.url), "name": .string("CHX-2026-0001")]),
                    .object([
                        "url": .string("https://git.example/acme/hdrparse/commit/1a2b3c"),
                        "tags": .array([.string("patch")]),
                    ]),
                ]))
        #expect(
            container["credits"]
                == .array([
                    .object([
                        "lang": .string("en"), "value": .string("Rural Hospital Red Team"), "type": .string("finder"),
                    ]),
                    .object([
                        "lang": .string("en"), "value": .string("Acme PSIRT"),
                        "type": .string("remediation developer"),
                    ]),
                ]))
        #expect(
            container["metrics"]
                == .array([
                    .object([
                        "cvssV3_1": .object([
                            "version": .string("3.1"),
                            "vectorString": .string("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                            "baseScore": .number("9.8"), "baseSeverity": .string("CRITICAL"),
                        ])
                    ])
                ]))
    }

    @Test func aPackageWithoutACollectionIsAVendorsProductAndLongDetailsPointToTheAdvisory() throws {
        let draft = try AdvisoryDraftOSVTests.draft(affected: [
            .init(purl: PackageURL(parsing: "pkg:generic/acme/firmware"), introduced: "3.0", fixed: "3.2")
        ])
        let long = AdvisoryDraft(
            id: draft.id, summary: draft.summary, details: String(repeating: "A line of details.\n", count: 400),
            affected: draft.affected, published: draft.published, modified: draft.modified)
        let container = long.cveContainer(organization: nil, url: Self.url)
        guard case .array(let products) = container["affected"], case .object(let product) = products.first else {
            Issue.record("no product")
            return
        }
        #expect(product["vendor"] == .string("acme") && product["product"] == .string("firmware"))
        #expect(product["collectionURL"] == nil)
        guard case .array(let descriptions) = container["descriptions"], case .object(let english) = descriptions.first,
            case .string(let text) = english["value"]
        else {
            Issue.record("no description")
            return
        }
        #expect(text.count <= 4_096 && text.hasSuffix("The full advisory: \(Self.url)"))
        #expect(text.hasPrefix("A line of details.\nA line of details."))
        #expect(container["metrics"] == nil && container["credits"] == nil)
    }

    /// CVE's limits count code points, as JSON Schema does: text of combining marks, fewer characters than code
    /// points, is cut within them.
    @Test func limitsCountCodePoints() throws {
        let draft = try AdvisoryDraftOSVTests.draft()
        let accented = AdvisoryDraft(
            id: draft.id, summary: String(repeating: "e\u{301}", count: 200),
            details: String(repeating: "e\u{301}\n", count: 1_500), affected: draft.affected,
            published: draft.published, modified: draft.modified)
        let container = accented.cveContainer(organization: nil, url: Self.url)
        guard case .string(let title)? = container["title"], case .array(let descriptions)? = container["descriptions"],
            case .string(let text)? = descriptions.first?["value"]
        else {
            Issue.record("no title or description")
            return
        }
        #expect(title.unicodeScalars.count == 256 && title.hasSuffix("…"))
        #expect(text.unicodeScalars.count <= 4_096 && text.hasSuffix("The full advisory: \(Self.url)"))
    }
}
