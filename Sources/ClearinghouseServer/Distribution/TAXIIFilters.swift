import ClearinghouseCore
import ClearinghouseStore
import Foundation
import ThreatFeeds

/// The filters and paging of a TAXII 2.1 `Get Objects` or `Get Object Manifests` request (section 3.4), read
/// strictly: a filter this server cannot apply is refused rather than ignored, so that a client never takes a
/// partial answer for a whole one.
struct TAXIIFilters {
    static let defaultLimit = 100
    static let maximumLimit = 500
    /// The most ids or types one `match[…]` filter may list.
    static let maximumMatches = 100

    var addedAfter: Date?
    var limit = defaultLimit
    /// Where the previous page ended.
    var position: PublishedAdvisoryRepository.AddedPosition?
    var ids: Set<String>?
    var types: Set<String>?
    /// `match[version]`: `nil` or `last`/`first`/`all` keep the one version each object has; timestamps keep the
    /// objects modified at one of them.
    var versions: Set<Date>?
    var specVersions: Set<String>?

    /// Reads the query.
    ///
    /// - Throws: `invalid_field` naming the parameter that cannot be read.
    init(_ query: [String: String]) throws(ClearinghouseError) {
        for name in query.keys where !Self.known.contains(name) {
            throw .invalidField(
                name,
                "`\(name)` is not a filter this TAXII server applies; it applies \(Self.known.sorted().joined(separator: ", "))."
            )
        }
        if let text = query["added_after"] {
            guard let date = FeedTimestamp.parse(text) else {
                throw .invalidField("added_after", "`added_after` is a timestamp such as `2026-12-04T09:00:00.000Z`.")
            }
            addedAfter = date
        }
        if let text = query["limit"] {
            guard let value = Int(text), (1...Self.maximumLimit).contains(value) else {
                throw .invalidField("limit", "`limit` is a whole number from 1 to \(Self.maximumLimit).")
            }
            limit = value
        }
        if let text = query["next"] {
            position = try Self.position(text)
        }
        ids = try Self.list(query["match[id]"], name: "match[id]")
        types = try Self.list(query["match[type]"], name: "match[type]")
        specVersions = try Self.list(query["match[spec_version]"], name: "match[spec_version]")
        if let listed = try Self.list(query["match[version]"], name: "match[version]") {
            let keywords: Set<String> = ["last", "first", "all"]
            if listed.isDisjoint(with: keywords) {
                var dates: Set<Date> = []
                for text in listed {
                    guard let date = FeedTimestamp.parse(text) else {
                        throw .invalidField(
                            "match[version]", "`match[version]` is `last`, `first`, `all` or timestamps.")
                    }
                    dates.insert(date)
                }
                versions = dates
            }
        }
    }

    static let known: Set<String> = [
        "added_after", "limit", "next", "match[id]", "match[type]", "match[version]", "match[spec_version]",
    ]

    /// Where to start: after the previous page, or after `added_after`.
    var start: PublishedAdvisoryRepository.AddedPosition? {
        position ?? addedAfter.map { .init(time: $0, id: nil) }
    }

    /// Whether an advisory's object passes the `match[…]` filters.
    func matches(_ draft: AdvisoryDraft) -> Bool {
        matches(stixID: draft.stixID, version: Self.version(of: draft))
    }

    /// Whether a listed advisory's object passes them: a published advisory never changes, so its one version is
    /// its publication.
    func matches(_ listing: PublishedAdvisoryRepository.Listing) -> Bool {
        matches(stixID: listing.stixID, version: listing.published)
    }

    private func matches(stixID: String, version: Date) -> Bool {
        guard mayMatchAnything else { return false }
        if let ids, !ids.contains(stixID) { return false }
        if let versions, !versions.contains(where: { abs($0.timeIntervalSince(version)) < 0.000_5 }) {
            return false
        }
        return true
    }

    /// Whether any object could pass `match[type]` and `match[spec_version]`: the collection holds STIX 2.1
    /// `vulnerability` objects only.
    var mayMatchAnything: Bool {
        types?.contains("vulnerability") != false && specVersions?.contains("2.1") != false
    }

    /// The position just after an advisory, in the order advisories were added.
    static func position(
        after listing: PublishedAdvisoryRepository.Listing
    ) -> PublishedAdvisoryRepository.AddedPosition {
        .init(time: listing.published, id: listing.id.description)
    }

    /// The `next` token of a position.
    static func token(_ position: PublishedAdvisoryRepository.AddedPosition) -> String {
        Cursor.encode("\(position.time.unixMicroseconds) \(position.id ?? "")")
    }

    /// An object's one version: its `modified` time.
    static func version(of draft: AdvisoryDraft) -> Date {
        max(draft.modified, draft.published)
    }

    private static func position(_ text: String) throws(ClearinghouseError) -> PublishedAdvisoryRepository.AddedPosition
    {
        let key = try Cursor.decode(text)
        let parts = key.split(separator: " ")
        guard parts.count == 2, let micros = Int64(parts[0]) else {
            throw .invalidField("next", "`next` is the value a previous page gave.")
        }
        return .init(time: Date(unixMicroseconds: micros), id: String(parts[1]))
    }

    private static func list(_ text: String?, name: String) throws(ClearinghouseError) -> Set<String>? {
        guard let text else { return nil }
        let items = text.split(separator: ",").map { String($0) }
        guard !items.isEmpty, items.count <= maximumMatches, items.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 256 })
        else {
            throw .invalidField(name, "`\(name)` lists up to \(maximumMatches) values, separated by commas.")
        }
        return Set(items)
    }
}
