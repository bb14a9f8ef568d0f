public import ClearinghouseCore
public import Foundation
import SQLKit
public import ThreatFeeds

extension Repositories {
    public var threatFeeds: ThreatFeedRepository { ThreatFeedRepository(database: database) }
}

/// Holds one version of each public exploitation feed: CISA's KEV catalog and FIRST's EPSS scores.
public struct ThreatFeedRepository: Sendable {
    let database: any SQLDatabase

    /// The version of a feed held, if any.
    public func status(of feed: String) async throws -> ThreatFeedStatus? {
        guard
            let row = try await database.select().columns(
                "name", "version", "released", "released_at", "entries", "imported_at"
            )
            .from("threat_feeds").where("name", .equal, feed).first()
        else { return nil }
        let stored = try StoredRow(row, table: "threat_feeds", idColumn: "name")
        return ThreatFeedStatus(
            feed: feed, version: try stored.text("version"), released: try stored.text("released"),
            releasedAt: try stored.date("released_at"), entries: Int(try stored.value("entries", as: Int64.self)),
            importedAt: try stored.date("imported_at"))
    }

    /// Replaces the KEV catalog held with another.
    ///
    /// - Throws: `conflict` when the catalog held was released later than this one.
    public func replace(with catalog: KEVCatalog, at date: Date) async throws -> ThreatFeedImport {
        let status = ThreatFeedStatus(
            feed: "kev", version: catalog.catalogVersion, released: catalog.dateReleased,
            releasedAt: catalog.releasedAt, entries: catalog.entries.count, importedAt: date)
        return try await replace(
            status, table: KEVEntryRecord.table, columns: KEVEntryRecord.columns,
            entries: catalog.entries.map { ($0.cveID, $0) }, values: KEVEntryRecord.values
        ) {
            try await database.select().columns(KEVEntryRecord.columns).from(KEVEntryRecord.table).all()
                .map(KEVEntryRecord.entry).map { ($0.cveID, $0) }
        }
    }

    /// Replaces the EPSS scores held with a newer day's.
    ///
    /// - Throws: `conflict` when the scores held are of a later day than these.
    public func replace(with snapshot: EPSSSnapshot, at date: Date) async throws -> ThreatFeedImport {
        let status = ThreatFeedStatus(
            feed: "epss", version: snapshot.modelVersion, released: snapshot.scoreDateText,
            releasedAt: snapshot.scoreDate, entries: snapshot.scores.count, importedAt: date)
        return try await replace(
            status, table: Self.epssTable, columns: Self.epssColumns, entries: snapshot.scores.map { ($0.cveID, $0) },
            values: { [$0.cveID, $0.probability, $0.percentile] }
        ) {
            try await database.select().columns(Self.epssColumns).from(Self.epssTable).all().map(Self.score)
                .map { ($0.cveID, $0) }
        }
    }

    /// Replaces a feed's rows in one go, after refusing an older release, and counts what changed.
    private func replace<Entry: Equatable>(
        _ status: ThreatFeedStatus, table: String, columns: [String], entries: [(String, Entry)],
        values: (Entry) -> [any Encodable & Sendable], held readHeld: () async throws -> [(String, Entry)]
    ) async throws -> ThreatFeedImport {
        if let held = try await self.status(of: status.feed), held.releasedAt > status.releasedAt {
            throw ClearinghouseError(
                .conflict,
                "The \(status.feed.uppercased()) data held (\(held.version), \(held.released)) is newer than this file's (\(status.version), \(status.released)); import a newer file."
            )
        }
        let held = Dictionary(try await readHeld(), uniquingKeysWith: { first, _ in first })
        let next = Dictionary(entries, uniquingKeysWith: { first, _ in first })
        var (added, updated, unchanged) = (0, 0, 0)
        for (key, value) in next {
            switch held[key] {
            case nil: added += 1
            case value: unchanged += 1
            default: updated += 1
            }
        }
        try await database.delete(from: table).run()
        try await database.insert(entries.map { values($0.1) }, into: table, columns: columns)
        try await database.delete(from: "threat_feeds").where("name", .equal, status.feed).run()
        try await database.insert(
            [
                [
                    status.feed, status.version, status.released, Timestamp.microseconds(status.releasedAt),
                    Int64(status.entries), Timestamp.microseconds(status.importedAt),
                ]
            ], into: "threat_feeds",
            columns: ["name", "version", "released", "released_at", "entries", "imported_at"])
        return ThreatFeedImport(
            status: status, added: added, updated: updated, removed: held.keys.filter { next[$0] == nil }.count,
            unchanged: unchanged)
    }

    /// The KEV entries of these CVEs, by CVE.
    public func knownExploited(_ cves: Set<String>) async throws -> [String: KEVCatalog.Entry] {
        var found: [String: KEVCatalog.Entry] = [:]
        for chunk in cves.sorted().inListChunks() {
            for entry in try await database.select().columns(KEVEntryRecord.columns).from(KEVEntryRecord.table)
                .where("cve_id", .in, Array(chunk)).all().map(KEVEntryRecord.entry)
            {
                found[entry.cveID] = entry
            }
        }
        return found
    }

    /// The EPSS scores of these CVEs, by CVE, with the day they were scored.
    public func predictions(_ cves: Set<String>) async throws -> [String: ExploitationEvidence.Prediction] {
        guard let status = try await status(of: "epss") else { return [:] }
        var found: [String: ExploitationEvidence.Prediction] = [:]
        for chunk in cves.sorted().inListChunks() {
            let rows = try await database.select().columns(Self.epssColumns).from(Self.epssTable)
                .where("cve_id", .in, Array(chunk)).all()
            for score in try rows.map(Self.score) {
                found[score.cveID] = ExploitationEvidence.Prediction(score: score, scoredAt: status.releasedAt)
            }
        }
        return found
    }

    private static let epssTable = "epss_scores"
    private static let epssColumns = ["cve_id", "probability", "percentile"]

    private static func score(_ row: any SQLRow) throws -> EPSSSnapshot.Score {
        let stored = try StoredRow(row, table: epssTable, idColumn: "cve_id")
        return EPSSSnapshot.Score(
            cveID: stored.id, probability: try stored.value("probability"), percentile: try stored.value("percentile"))
    }
}
