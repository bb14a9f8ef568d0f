public import Foundation

/// What an import did with one record.
public enum AdvisoryImportOutcome: String, Sendable, Hashable {
    /// The record was new.
    case imported
    /// The record replaced an older version (an earlier `modified`).
    case updated
    /// The store already held this version, or a newer one.
    case unchanged

    /// Decides by id and `modified`, which makes imports idempotent: the same record twice changes nothing, and an
    /// older version never replaces a newer one.
    public static func decide(incoming: Date, stored: Date?) -> AdvisoryImportOutcome {
        guard let stored else { return .imported }
        return incoming > stored ? .updated : .unchanged
    }
}

/// The outcome of an import: how many records were imported, updated and unchanged, which documents were invalid
/// and why, and which were imported with warnings (departures the OSV schema allows, such as an unknown field or a
/// repeated alias, which reading normalizes).
public struct AdvisoryImportSummary: Sendable, Hashable {
    /// A document and what was found in it: why it was not imported, or the warnings it was imported with.
    public struct DocumentReport: Sendable, Hashable, Codable {
        /// Where it came from: a file, an archive member, an array index.
        public let source: String
        /// What is wrong, one line per problem, naming the record and the field.
        public let reasons: [String]

        public init(source: String, reasons: [String]) {
            self.source = source
            self.reasons = reasons
        }
    }

    public var imported = 0
    public var updated = 0
    public var unchanged = 0
    public var invalid: [DocumentReport] = []
    /// How many documents were imported with warnings.
    public var warned = 0
    /// The first ``listedWarnings`` of them, each with its warnings.
    public private(set) var warnings: [DocumentReport] = []
    /// How many documents with warnings a summary lists (the count covers them all): an import of a whole
    /// database stays a short answer.
    public static let listedWarnings = 100

    /// Notes a document imported with warnings.
    public mutating func warn(source: String, _ messages: [String]) {
        warned += 1
        if warnings.count < Self.listedWarnings { warnings.append(DocumentReport(source: source, reasons: messages)) }
    }

    public init() {}

    /// How many documents the import looked at.
    public var total: Int { imported + updated + unchanged + invalid.count }

    /// Counts one outcome.
    public mutating func count(_ outcome: AdvisoryImportOutcome) {
        switch outcome {
        case .imported: imported += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }
}
