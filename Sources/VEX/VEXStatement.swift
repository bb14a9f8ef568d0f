/// What a supplier or an operator states about one vulnerability in some products: the common ground of
/// CycloneDX VEX, OpenVEX and CSAF VEX.
public struct VEXStatement: Sendable, Hashable {
    /// The states the three formats share (CISA's minimum VEX requirements).
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case notAffected = "not_affected"
        case affected
        case fixed
        case underInvestigation = "under_investigation"
    }

    /// A product a statement is about, as precisely as the document names it.
    public struct Product: Sendable, Hashable {
        /// A Package URL; one without a version covers every version.
        public let purl: String?
        /// A component reference (`bom-ref`, possibly of another BOM) when the document names products that way.
        public let reference: String?
        /// A name and version when the document has nothing better (CSAF products without identification helper).
        public let name: String?
        public let version: String?

        public init(purl: String? = nil, reference: String? = nil, name: String? = nil, version: String? = nil) {
            self.purl = purl
            self.reference = reference
            self.name = name
            self.version = version
        }
    }

    /// The vulnerability's id (`CVE-2021-44228`, `GHSA-...`).
    public let vulnerability: String
    /// Other ids the document gives for it.
    public let aliases: [String]
    public let products: [Product]
    public let status: Status
    /// Why the products are not affected (`code_not_present`, `vulnerable_code_not_in_execute_path` ...).
    public let justification: String?
    /// Free text: the impact statement, the analysis detail, or the action to take.
    public let detail: String?

    public init(
        vulnerability: String, aliases: [String] = [], products: [Product], status: Status,
        justification: String? = nil, detail: String? = nil
    ) {
        self.vulnerability = vulnerability
        self.aliases = aliases
        self.products = products
        self.status = status
        self.justification = justification
        self.detail = detail
    }

    /// Every id the statement is about.
    public var vulnerabilityIDs: Set<String> { Set([vulnerability] + aliases) }
}

/// A VEX document: its format and its statements.
public struct VEXDocument: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case cycloneDX = "cyclonedx"
        case openVEX = "openvex"
        case csaf
    }

    public let format: Format
    public let statements: [VEXStatement]

    public init(format: Format, statements: [VEXStatement]) {
        self.format = format
        self.statements = statements
    }
}

/// Why a document is not a VEX document this library reads.
public struct VEXError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
