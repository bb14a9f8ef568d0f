public import Foundation
public import OSV
import Versions

/// A vulnerability advisory held by the clearinghouse: an OSV record, who may see it, and whether it is
/// published (drafts are not served by the OSV API).
public struct Advisory: Sendable {
    /// An advisory's OSV id (`PYSEC-2023-74`, `GHSA-...`): the id its home database gave it.
    public struct ID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var record: OSVRecord
    public var visibility: Visibility
    public var isPublished: Bool
    /// When the record says it was last modified.
    public let modified: Date

    public var id: ID { ID(rawValue: record.id) }

    /// Wraps a valid record.
    ///
    /// - Throws: `ClearinghouseError.invalidField` when the record's `modified` time cannot be read (a valid
    ///   record's always can).
    public init(record: OSVRecord, visibility: Visibility, isPublished: Bool) throws {
        guard let modified = OSVTime.date(record.modified) else {
            throw ClearinghouseError.invalidField("modified", "must be an RFC 3339 timestamp in UTC.")
        }
        self.record = record
        self.visibility = visibility
        self.isPublished = isPublished
        self.modified = modified
    }

    /// Public advisories, as imported from public databases: TLP:CLEAR and published.
    public static func published(_ record: OSVRecord) throws -> Advisory {
        try Advisory(record: record, visibility: Visibility(label: .clear, owner: nil), isPublished: true)
    }
}

/// OSV timestamps as dates, to the microsecond.
public enum OSVTime {
    /// Reads `2024-01-31T12:00:00.123456Z`.
    public static func date(_ text: String) -> Date? {
        guard let version = try? DateTimeVersion(parsing: text) else { return nil }
        return Date(unixMicroseconds: version.microsecondsSinceEpoch)
    }
}
