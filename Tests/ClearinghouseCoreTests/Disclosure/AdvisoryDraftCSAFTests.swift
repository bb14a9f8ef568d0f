import CSAF
import ClearinghouseCore
import Foundation
import JSONSupport
import PackageURL
import Testing

@Suite struct AdvisoryDraftCSAFTests {
    static let publisher = AdvisoryDraft.CSAFPublisher(name: "Clearinghouse", namespace: "https://ch.example")

    /// Both profiles pass the CSAF mandatory tests run here, fixed packages and unfixed ones alike.
    @Test(arguments: AdvisoryDraft.CSAFProfile.allCases)
    func bothProfilesPassTheMandatoryTests(_ profile: AdvisoryDraft.CSAFProfile) throws {
        let document = try AdvisoryDraftOSVTests.draft().csafDocument(
            profile, publisher: Self.publisher, url: "https://ch.example/v1/published-advisories/CHX-2026-0001/csaf")
        #expect(CSAFMandatoryTest.run(document).isEmpty, "\(CSAFMandatoryTest.run(document))")
        #expect(document["document"]?["category"] == .string(profile.rawValue))
        // The npm package is fixed and the PyPI one is not: two ranges known affected, one version fixed.
        let status = document["vulnerabilities"].flatMap { tree -> JSONTree? in
            guard case .array(let items) = tree else { return nil }
            return items.first?["product_status"]
        }
        #expect(status?["known_affected"]?.strings == ["CSAFPID-0001", "CSAFPID-0003"])
        #expect(status?["fixed"]?.strings == ["CSAFPID-0002"])
    }

    static func withVendors() throws -> AdvisoryDraft {
        let draft = try AdvisoryDraftOSVTests.draft()
        return AdvisoryDraft(
            id: draft.id, summary: draft.summary, details: draft.details, aliases: draft.aliases,
            affected: draft.affected,
            vendorStatements: [
                .init(vendor: "Acme", status: .affected, statement: "Fixed in 2.4.1.", recordedFix: true),
                .init(vendor: "Bolt", status: .affected),
                .init(vendor: "Cobalt", status: .notAffected, justification: .vulnerableCodeNotPresent),
                .init(vendor: "Delta", status: .notAffected, statement: "We never parse headers."),
                .init(vendor: "Echo", status: .fixed),
                .init(vendor: "Foxtrot", status: .unknown),
            ], published: draft.published, modified: draft.modified)
    }

    /// Each vendor's statement adds its products under the status it gave, with the justification as a flag, the
    /// statement as an impact and a note, and its fix (or none) as the remediation; both profiles still pass.
    @Test(arguments: AdvisoryDraft.CSAFProfile.allCases)
    func vendorsStatementsBecomeProductStatuses(_ profile: AdvisoryDraft.CSAFProfile) throws {
        let document = try Self.withVendors().csafDocument(
            profile, publisher: Self.publisher, url: "https://ch.example/x")
        #expect(CSAFMandatoryTest.run(document).isEmpty, "\(CSAFMandatoryTest.run(document))")
        guard case .array(let vulnerabilities)? = document["vulnerabilities"],
            let vulnerability = vulnerabilities.first,
            case .array(let branches)? = document["product_tree"]?["branches"]
        else {
            Issue.record("no vulnerability or product tree")
            return
        }
        let status = vulnerability["product_status"]
        #expect(status?["known_affected"]?.strings == ["CSAFPID-0001", "CSAFPID-0003", "CSAFPID-V001", "CSAFPID-V002"])
        #expect(status?["fixed"]?.strings == ["CSAFPID-0002", "CSAFPID-V005"])
        #expect(status?["known_not_affected"]?.strings == ["CSAFPID-V003", "CSAFPID-V004"])
        #expect(status?["under_investigation"]?.strings == ["CSAFPID-V006"])
        let vendors = branches.filter { $0["category"] == .string("vendor") }
        #expect(
            vendors.map { $0["name"] } == ["Acme", "Bolt", "Cobalt", "Delta", "Echo", "Foxtrot"].map(JSONTree.string))
        #expect(
            vulnerability["flags"]
                == .array([
                    .object([
                        "label": .string("vulnerable_code_not_present"),
                        "product_ids": .array([.string("CSAFPID-V003")]),
                    ])
                ]))
        #expect(
            vulnerability["threats"]
                == .array([
                    .object([
                        "category": .string("impact"), "details": .string("We never parse headers."),
                        "product_ids": .array([.string("CSAFPID-V004")]),
                    ])
                ]))
        guard case .array(let remediations)? = vulnerability["remediations"] else {
            Issue.record("no remediations")
            return
        }
        let vendorActions = remediations.filter { $0["product_ids"]?.strings.first?.hasPrefix("CSAFPID-V") == true }
        #expect(vendorActions.compactMap { $0["category"] } == [.string("vendor_fix"), .string("none_available")])
        guard case .array(let notes)? = vulnerability["notes"] else {
            Issue.record("no notes")
            return
        }
        #expect(notes.compactMap { $0["title"] }.contains(.string("Statement of Acme")))

        // A stored draft keeps the statements; one stored before they were kept reads with none.
        let stored = try JSONEncoder().encode(try Self.withVendors())
        #expect(try JSONDecoder().decode(AdvisoryDraft.self, from: stored) == (try Self.withVendors()))
        let older = try JSONEncoder().encode(try AdvisoryDraftOSVTests.draft())
        #expect(!String(decoding: older, as: UTF8.self).contains("vendor_statements"))
        #expect(try JSONDecoder().decode(AdvisoryDraft.self, from: older).vendorStatements.isEmpty)
    }

    @Test func theCurrentReleaseIsNeverBeforeTheFirst() throws {
        let draft = try AdvisoryDraftOSVTests.draft()
        #expect(draft.csafCurrentRelease == draft.modified)
        let backdated = AdvisoryDraft(
            id: draft.id, summary: draft.summary, details: draft.details, affected: draft.affected,
            published: draft.modified, modified: draft.published)
        #expect(backdated.csafCurrentRelease == backdated.published)
    }
}
