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

    @Test func theCurrentReleaseIsNeverBeforeTheFirst() throws {
        let draft = try AdvisoryDraftOSVTests.draft()
        #expect(draft.csafCurrentRelease == draft.modified)
        let backdated = AdvisoryDraft(
            id: draft.id, summary: draft.summary, details: draft.details, affected: draft.affected,
            published: draft.modified, modified: draft.published)
        #expect(backdated.csafCurrentRelease == backdated.published)
    }
}
