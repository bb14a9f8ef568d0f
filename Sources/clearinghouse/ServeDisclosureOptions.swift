import ArgumentParser
import ClearinghouseCore
import ClearinghouseServer
import Foundation

/// `serve` options for coordinated disclosure: the embargo policy, the advisories' prefix and the CNA's organization.
struct ServeDisclosureOptions: ParsableArguments {
    private static let defaults = EmbargoPolicy()

    @Option(name: .long, help: "Days from a case's validation to the public date the policy proposes.")
    var embargoDays: Int = defaults.standardDays

    @Option(
        name: .long,
        help: "Days from validation to the proposed public date when one of the case's CVEs is in CISA's KEV catalog.")
    var embargoKnownExploitedDays: Int = defaults.knownExploitedDays

    @Option(name: .long, help: "The latest public date any proposal may set, in days after validation.")
    var embargoMaxDays: Int = defaults.maximumDays

    @Option(
        name: .long, help: "The IANA time zone the policy's own proposal is written in, such as UTC or Europe/Berlin.")
    var embargoTimeZone: String = defaults.timeZone

    @Option(
        name: .long,
        help:
            "The prefix of the advisories this instance publishes (CHX-2026-0001): 2 to 12 capital letters and digits, not another database's."
    )
    var advisoryPrefix: String = "CHX"

    @Option(
        name: .long,
        help:
            "This instance's organization UUID in CVE Services, when it is a CVE Numbering Authority: written as the provider of the CVE records it offers (left out, cvelib fills in the submitter's)."
    )
    var cveOrgId: String?

    func validate() throws {
        guard (1...3_650).contains(embargoMaxDays) else {
            throw ValidationError("--embargo-max-days is from 1 to 3650.")
        }
        guard (1...embargoMaxDays).contains(embargoDays) else {
            throw ValidationError("--embargo-days is from 1 to --embargo-max-days (\(embargoMaxDays)).")
        }
        guard (1...embargoDays).contains(embargoKnownExploitedDays) else {
            throw ValidationError("--embargo-known-exploited-days is from 1 to --embargo-days (\(embargoDays)).")
        }
        do {
            try AdvisoryID.checkPrefix(advisoryPrefix)
        } catch {
            throw ValidationError("--advisory-prefix: \(error.message)")
        }
        if let cveOrgId, UUID(uuidString: cveOrgId) == nil {
            throw ValidationError("--cve-org-id is a UUID, such as 8254265b-2729-46b6-b9e3-3dfca2d5bfca.")
        }
        do {
            _ = try PublicDate(Date(timeIntervalSince1970: 0), in: embargoTimeZone)
        } catch {
            throw ValidationError(
                "--embargo-time-zone is an IANA time zone name such as UTC or America/New_York, not `\(embargoTimeZone)`."
            )
        }
    }

    /// Puts the options into a configuration.
    func apply(to configuration: inout ServerConfiguration) {
        configuration.embargoPolicy.standardDays = embargoDays
        configuration.embargoPolicy.knownExploitedDays = embargoKnownExploitedDays
        configuration.embargoPolicy.maximumDays = embargoMaxDays
        configuration.embargoPolicy.timeZone = embargoTimeZone
        configuration.advisoryPrefix = advisoryPrefix
        configuration.cveOrganization = cveOrgId.flatMap(UUID.init(uuidString:))
    }
}
