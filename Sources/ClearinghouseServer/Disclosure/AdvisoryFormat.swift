import ClearinghouseCore
import Foundation
import JSONSupport

/// The formats an advisory is written in, as the API serves them under `/v1/published-advisories/{id}/…` and the
/// case page previews them before publication.
enum AdvisoryFormat: String, CaseIterable {
    case osv
    case csaf
    case csafVEX = "csaf-vex"
    case cve
    case stix

    /// How the pages name it.
    var title: String {
        switch self {
        case .osv: "OSV"
        case .csaf: "CSAF"
        case .csafVEX: "CSAF VEX"
        case .cve: "CVE JSON 5"
        case .stix: "STIX 2.1"
        }
    }

    /// The advisory in this format, as published at `base` (the instance's URL as its reader used it).
    func document(of draft: AdvisoryDraft, base: String, cveOrganization: UUID?) throws -> JSONTree {
        switch self {
        case .osv: try draft.osvDocument()
        case .csaf, .csafVEX:
            draft.csafDocument(
                self == .csaf ? .securityAdvisory : .vex,
                publisher: PublishedAdvisoriesController.csafPublisher(base: base),
                url: "\(base)/v1/published-advisories/\(draft.id)/\(rawValue)")
        case .cve: draft.cveContainer(organization: cveOrganization, url: "\(base)/advisories/\(draft.id.osv)")
        case .stix: draft.stixBundle()
        }
    }
}
