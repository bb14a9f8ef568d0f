public import ClearinghouseCore
public import Foundation
import SQLKit
public import ThreatFeeds

/// Holds one version of each public exploitation feed: CISA's KEV catalog and FIRST's EPSS scores.
public struct ThreatFeedRepository: Sendable {
    let database: any SQLDatabase

    /// The version of a feed held, if any.
    public func status(of feed: String) async throws -> ThreatFeedStatus? {
        guard
            let row = try await database.select().columns("name", "version", "released", "released_at", "entries", "imported_at")
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
        try await refuseOlder(status)
        let held = try await database.select().columns(KEVEntryRecord.columns).from(KEVEntryRecord.table).all()
            .map(KEVEntryRecord.entry)
        let changes = Self.changes(
            from: Dictionary(held.map { ($0.cveID, $0) }, uniquingKeysWith: { first, _ in first }),
            to: Dictionary(catalog.entries.map { ($0.cveID, $0) }, uniquingKeysWith: { first, _ in first }))
        try await database.delete(from: KEVEntryRecord.table).run()
        try await database.insert(
            catalog.entries.map(KEVEntryRecord.values), into: KEVEntryRecord.table, columns: KEVEntryRecord.columns)
        try await record(status)
        return ThreatFeedImport(
            status: status, added: changes.added, updated: changes.updated, removed: changes.removed,
            unchanged: changes.unchanged)
    }

    /// Replaces the EPSS scores held with a newer day's.
    ///
    /// - Throws: `conflict` when the scores held are of a later day than these.
    public func replace(with snapshot: EPSSSnapshot, at date: Date) async throws -> ThreatFeedImport {
        let status = ThreatFeedStatus(
            feed: "epss", version: snapshot.modelVersion, released: snapshot.scoreDateText,
            releasedAt: snapshot.scoreDate, entries: snapshot.scores.count, importedAt: date)
        try await refuseOlder(status)
        var held: [String: EPSSSnapshot.Score] = [:]
        for row in try await database.select().columns("cve_id", "probability", "percentile").from("epss_scores").all() {
            let stored = try StoredRow(row, table: "epss_scores", idColumn: "cve_id")
            held[stored.id] = EPSSSnapshot.Score(
                cveID: stored.id, probability: try stored.value("probability"), percentile: try stored.value("percentile"))
        }
        let changes = Self.changes(
            from: held, to: Dictionary(snapshot.scores.map { ($0.cveID, $0) }, uniquingKeysWith: { first, _ in first }))
        try await database.delete(from: "epss_scores").run()
        try await database.insert(
            snapshot.scores.map { [$0.cveID, $0.probability, $0.percentile] }, into: "epss_scores",
            columns: ["cve_id", "probability", "percentile"])
        try await record(status)
        return ThreatFeedImport(
            status: status, added: changes.added, updated: changes.updated, removed: changes.removed,
            unchanged: changes.unchanged)
    }

    /// The KEV entries of these CVEs, by CVE.
    public func knownExploited(_ cves: Set<String>) async throws -> [String: KEVCatalog.Entry] {
        var found: [String: KEVCatalog.Entry] = [:]
        for chunk in Self.chunks(cves) {
            for entry in try await database.select().columns(KEVEntryRecord.columns).from(KEVEntryRecord.table)
                .where("cve_id", .in, chunk).all().map(KEVEntryRecord.entry)
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
        for chunk in Self.chunks(cves) {
            let rows = try await database.select().columns("cve_id", "probability", "percentile").from("epss_scores")
                .where("cve_id", .in, chunk).all()
            for row in rows {
                let stored = try StoredRow(row, table: "epss_scores", idColumn: "cve_id")
                found[stored.id] = ExploitationEvidence.Prediction(
                    score: EPSSSnapshot.Score(
                        cveID: stored.id, probability: try stored.value("probability"),
                        percentile: try stored.value("percentile")),
                    scoredAt: status.releasedAt)
            }
        }
        return found
    }

    private func refuseOlder(_ status: ThreatFeedStatus) async throws {
        if let held = try await self.status(of: status.feed), held.releasedAt > status.releasedAt {
            throw ClearinghouseError(
                .conflict,
                "The \(status.feed.uppercased()) data held (\(held.version), \(held.released)) is newer than this file's (\(status.version), \(status.released)); import a newer file."
            )
        }
    }

    private func record(_ status: ThreatFeedStatus) async throws {
        try await database.delete(from: "threat_feeds").where("name", .equal, status.feed).run()
        try await database.insert(
            [[
                status.feed, status.version, status.released, Timestamp.microseconds(status.releasedAt),
                Int64(status.entries), Timestamp.microseconds(status.importedAt),
            ]], into: "threat_feeds",
            columns: ["name", "version", "released", "released_at", "entries", "imported_at"])
    }

    private static func changes<Value: Equatable>(
        from held: [String: Value], to next: [String: Value]
    ) -> (added: Int, updated: Int, removed: Int, unchanged: Int) {
        var added = 0
        var updated = 0
        var unchanged = 0
        for (key, value) in next {
            switch held[key] {
            case nil: added += 1
            case value: unchanged += 1
            default: updated += 1
            }
        }
        return (added, updated, held.keys.filter { next[$0] == nil }.count, unchanged)
    }

    private static func chunks(_ cves: Set<String>) -> [[String]] {
        let sorted = cves.sorted()
        return stride(from: 0, to: sorted.count, by: 500).map { Array(sorted[$0..<min($0 + 500, sorted.count)]) }
    }
}
