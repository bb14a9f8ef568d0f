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

/// The outcome of an import: how many records were imported, updated and unchanged, and which documents were
/// invalid and why.
public struct AdvisoryImportSummary: Sendable, Hashable {
    /// A document that was not imported.
    public struct Rejection: Sendable, Hashable {
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
    public var invalid: [Rejection] = []

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
