public import Foundation
public import PackageURL

/// What a disclosure publishes about one vulnerability, before it is written in any format: its id, its words, the
/// packages and versions it affects and where the fix is, who to credit, and where to read more. Each format
/// (OSV, CSAF, CVE, STIX) is written from this one value.
public struct AdvisoryDraft: Sendable, Hashable {
    /// A package the vulnerability affects, from a version on (or from the first), until a fixed version (or with
    /// no fix yet).
    public struct AffectedPackage: Sendable, Hashable {
        /// The package, without a version.
        public let purl: PackageURL
        /// The first affected version; `nil` is every version before the fix.
        public let introduced: String?
        /// The first version with the fix; `nil` while there is none.
        public let fixed: String?

        public init(purl: PackageURL, introduced: String? = nil, fixed: String? = nil) {
            self.purl = purl
            self.introduced = introduced
            self.fixed = fixed
        }
    }

    /// Someone the advisory thanks, with OSV's kinds of credit.
    public struct Credit: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
            case finder = "FINDER"
            case reporter = "REPORTER"
            case analyst = "ANALYST"
            case coordinator = "COORDINATOR"
            case remediationDeveloper = "REMEDIATION_DEVELOPER"
            case remediationReviewer = "REMEDIATION_REVIEWER"
            case remediationVerifier = "REMEDIATION_VERIFIER"
            case tool = "TOOL"
            case sponsor = "SPONSOR"
            case other = "OTHER"
        }

        public let name: String
        public let kind: Kind
        /// How to reach them (a URL or `mailto:`), when they wish it published.
        public let contact: [String]

        public init(name: String, kind: Kind, contact: [String] = []) {
            self.name = name
            self.kind = kind
            self.contact = contact
        }
    }

    /// A link, with OSV's kinds of reference.
    public struct Reference: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
            case advisory = "ADVISORY"
            case article = "ARTICLE"
            case detection = "DETECTION"
            case discussion = "DISCUSSION"
            case report = "REPORT"
            case fix = "FIX"
            case introduced = "INTRODUCED"
            case git = "GIT"
            case package = "PACKAGE"
            case evidence = "EVIDENCE"
            case web = "WEB"
        }

        public let kind: Kind
        public let url: String

        public init(kind: Kind, url: String) {
            self.kind = kind
            self.url = url
        }
    }

    /// Where a vendor on the case said its products stand, in its own words, as it stood at publication: what the
    /// CSAF documents' vendor products and their statuses are made from.
    public struct VendorStatement: Sendable, Hashable {
        /// The vendor's name.
        public let vendor: String
        public let status: ParticipantStatus.Status
        public let justification: ParticipantStatus.Justification?
        public let statement: String?
        /// Whether the vendor recorded a fix of the case.
        public let recordedFix: Bool

        public init(
            vendor: String, status: ParticipantStatus.Status, justification: ParticipantStatus.Justification? = nil,
            statement: String? = nil, recordedFix: Bool = false
        ) {
            self.vendor = vendor
            self.status = status
            self.justification = justification
            self.statement = statement
            self.recordedFix = recordedFix
        }
    }

    public let id: AdvisoryID
    /// One line: what the vulnerability is and where.
    public let summary: String
    /// What it is, its impact and what to do, in CommonMark.
    public let details: String
    /// The same vulnerability's ids elsewhere (`CVE-2026-12345`).
    public let aliases: [String]
    public let affected: [AffectedPackage]
    public let credits: [Credit]
    public let references: [Reference]
    /// A CVSS v3.x or v4.0 vector, when the vulnerability was scored.
    public let cvssVector: String?
    /// The statuses the vendors on the case gave, by vendor name.
    public let vendorStatements: [VendorStatement]
    public let published: Date
    public let modified: Date

    public init(
        id: AdvisoryID, summary: String, details: String, aliases: [String] = [], affected: [AffectedPackage],
        credits: [Credit] = [], references: [Reference] = [], cvssVector: String? = nil,
        vendorStatements: [VendorStatement] = [], published: Date, modified: Date
    ) {
        self.id = id
        self.summary = summary
        self.details = details
        self.aliases = aliases
        self.affected = affected
        self.credits = credits
        self.references = references
        self.cvssVector = cvssVector
        self.vendorStatements = vendorStatements
        self.published = published
        self.modified = modified
    }
}
