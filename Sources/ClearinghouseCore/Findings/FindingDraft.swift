public import Foundation
public import JSONSupport

/// One finding as a reporter submitted it, read from SARIF, an OSV draft, a CSAF document or the native JSON form,
/// before the clearinghouse gives it an id and a case.
public struct FindingDraft: Sendable, Hashable {
    /// The format it was read from.
    public var format: FindingFormat
    /// A one-line summary (a SARIF message's first line, an OSV summary, a CSAF vulnerability title).
    public var title: String
    public var description: String?
    public var target: FindingTarget?
    /// Where on a network it was observed, for a finding about someone's infrastructure.
    public var network: FindingNetworkTarget?
    /// The tool's rule (SARIF `ruleId`) or the crash type.
    public var ruleID: String?
    /// The tool's level or severity word (`error`, `warning`, `note`, `high` ...), as given.
    public var level: String?
    /// CWE identifiers, as `CWE-79`.
    public var weaknesses: [String]
    /// A CVSS vector, when the reporter scored the finding.
    public var cvssVector: String?
    /// Advisory identifiers the finding is known under (`CVE-2024-1234`, `GHSA-…`, `PYSEC-…`).
    public var aliases: [String]
    /// The primary location first.
    public var locations: [FindingLocation]
    /// Each code flow's steps in order.
    public var codeFlows: [[FindingLocation]]
    /// Each stack's frames, innermost first.
    public var stacks: [[FindingLocation]]
    /// The tool's own fingerprints (SARIF `fingerprints`), by name.
    public var toolFingerprints: [String: String]
    /// The tool's fingerprints of parts of the finding (SARIF `partialFingerprints`), by name.
    public var partialFingerprints: [String: String]
    /// SHA-256 digests of proof-of-vulnerability artifacts uploaded with `POST /v1/artifacts`.
    public var artifacts: [ArtifactDigest]
    /// Anything else the format carries that a reader may want (a SARIF property bag, an OSV record's fields).
    public var properties: [String: JSONTree]
    /// Who and what produced it, apart from the reporting organization.
    public var provenance: FindingProvenance

    public init(
        format: FindingFormat, title: String, description: String? = nil, target: FindingTarget? = nil,
        network: FindingNetworkTarget? = nil, ruleID: String? = nil, level: String? = nil, weaknesses: [String] = [],
        cvssVector: String? = nil, aliases: [String] = [], locations: [FindingLocation] = [],
        codeFlows: [[FindingLocation]] = [], stacks: [[FindingLocation]] = [], toolFingerprints: [String: String] = [:],
        partialFingerprints: [String: String] = [:], artifacts: [ArtifactDigest] = [],
        properties: [String: JSONTree] = [:], provenance: FindingProvenance = FindingProvenance()
    ) {
        self.format = format
        self.title = title
        self.description = description
        self.target = target
        self.network = network
        self.ruleID = ruleID
        self.level = level
        self.weaknesses = weaknesses
        self.cvssVector = cvssVector
        self.aliases = aliases
        self.locations = locations
        self.codeFlows = codeFlows
        self.stacks = stacks
        self.toolFingerprints = toolFingerprints
        self.partialFingerprints = partialFingerprints
        self.artifacts = artifacts
        self.properties = properties
        self.provenance = provenance
    }

    /// The longest title kept; longer ones are cut at a word boundary.
    public static let maximumTitleLength = 300

    /// A title from free text: its first non-empty line, cut to ``maximumTitleLength`` bytes.
    public static func title(from text: String) -> String {
        if TextRules.isPlainLine(text, maximumLength: maximumTitleLength) {
            return text
        }
        let line =
            text.split(whereSeparator: \.isNewline).lazy
            .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
        let printable = String(
            String.UnicodeScalarView(
                line.unicodeScalars.filter {
                    $0.properties.generalCategory != .control
                }))
        return TextRules.prefix(printable, fittingBytes: maximumTitleLength)
    }
}

/// The format a finding was submitted in.
public enum FindingFormat: String, Sendable, Hashable, CaseIterable {
    case sarif
    case osv
    case csaf
    case native
}
