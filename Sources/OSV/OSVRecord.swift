public import JSONSupport

/// An OSV record (OSV schema 1.x): one vulnerability, the packages and versions it affects, and what is known
/// about it. Read from JSON or YAML with `OSVRecord.read`, which also validates it.
public struct OSVRecord: Sendable, Hashable {
    public var schemaVersion: String?
    public var id: String
    /// RFC 3339 timestamps in UTC, as written.
    public var modified: String
    public var published: String?
    public var withdrawn: String?
    public var aliases: [String]
    public var upstream: [String]
    public var related: [String]
    public var summary: String?
    public var details: String?
    public var severity: [Severity]
    public var affected: [Affected]
    public var references: [Reference]
    public var credits: [Credit]
    public var databaseSpecific: JSONTree?

    /// The whole document as read, unknown fields included: what is stored and served back.
    public var document: JSONTree

    /// A severity score: `CVSS_V2`, `CVSS_V3`, `CVSS_V4` vectors or an ecosystem's own (`Ubuntu`).
    public struct Severity: Sendable, Hashable {
        public var type: String
        public var score: String
    }

    /// A package and the versions of it that the vulnerability affects.
    public struct Affected: Sendable, Hashable {
        public var package: Package?
        public var severity: [Severity]
        public var ranges: [Range]
        /// Versions listed one by one, compared as text.
        public var versions: [String]
        public var ecosystemSpecific: JSONTree?
        public var databaseSpecific: JSONTree?
    }

    /// A package: its ecosystem (with an optional `:suffix`, as `Debian:12`), its name, and optionally its purl.
    public struct Package: Sendable, Hashable {
        public var ecosystem: String
        public var name: String
        public var purl: String?
    }

    /// A range of affected versions, as a sequence of events.
    public struct Range: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case git = "GIT"
            case semver = "SEMVER"
            case ecosystem = "ECOSYSTEM"
        }

        public var type: Kind
        public var repo: String?
        public var events: [Event]
        public var databaseSpecific: JSONTree?
    }

    /// An event of a range: where it becomes affected, and where that ends.
    public enum Event: Sendable, Hashable {
        case introduced(String)
        case fixed(String)
        case lastAffected(String)
        case limit(String)

        /// The version or commit the event names.
        public var version: String {
            switch self {
            case .introduced(let value), .fixed(let value), .lastAffected(let value), .limit(let value): value
            }
        }

        /// The event's field name in the schema.
        public var name: String {
            switch self {
            case .introduced: "introduced"
            case .fixed: "fixed"
            case .lastAffected: "last_affected"
            case .limit: "limit"
            }
        }
    }

    /// A link to more information.
    public struct Reference: Sendable, Hashable {
        public var type: String
        public var url: String
    }

    /// Someone credited for the record.
    public struct Credit: Sendable, Hashable {
        public var name: String
        public var contact: [String]
        public var type: String?
    }

    /// Whether the record was withdrawn: it stays readable by id, but affects nothing.
    public var isWithdrawn: Bool { withdrawn != nil }
}
