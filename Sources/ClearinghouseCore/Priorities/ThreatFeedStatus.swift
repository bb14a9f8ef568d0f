public import Foundation

/// Which version of a public feed the store holds, and what an import changed.
public struct ThreatFeedStatus: Sendable, Hashable {
    /// `kev` or `epss`.
    public let feed: String
    /// KEV's `catalogVersion`, EPSS's `model_version`.
    public let version: String
    /// When the feed's publisher released it (KEV `dateReleased`, EPSS `score_date`), as written.
    public let released: String
    public let releasedAt: Date
    public let entries: Int
    public let importedAt: Date

    public init(feed: String, version: String, released: String, releasedAt: Date, entries: Int, importedAt: Date) {
        self.feed = feed
        self.version = version
        self.released = released
        self.releasedAt = releasedAt
        self.entries = entries
        self.importedAt = importedAt
    }
}

/// What replacing a feed changed: entries added, changed, removed and unchanged.
public struct ThreatFeedImport: Sendable, Hashable {
    public let status: ThreatFeedStatus
    public let added: Int
    public let updated: Int
    public let removed: Int
    public let unchanged: Int

    public init(status: ThreatFeedStatus, added: Int, updated: Int, removed: Int, unchanged: Int) {
        self.status = status
        self.added = added
        self.updated = updated
        self.removed = removed
        self.unchanged = unchanged
    }
}
