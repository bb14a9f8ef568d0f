public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var publishedAdvisories: PublishedAdvisoryRepository { PublishedAdvisoryRepository(database: database) }
}

/// The advisories this instance published, each the draft it was written from, and the numbers given so far.
public struct PublishedAdvisoryRepository: Sendable {
    let database: any SQLDatabase

    /// The next number in a prefix and year, counted in the database: two publications at once, on any node, get
    /// two numbers, and a number is never given twice.
    public func nextID(prefix: String, year: Int) async throws -> AdvisoryID {
        let number =
            try await database.raw(
                """
                INSERT INTO advisory_numbers (prefix, year, last_number) VALUES (\(bind: prefix), \(bind: year), 1)
                ON CONFLICT (prefix, year) DO UPDATE SET last_number = advisory_numbers.last_number + 1
                RETURNING last_number
                """
            ).first()?.decode(column: "last_number", as: Int.self) ?? 0
        return try AdvisoryID(prefix: prefix, year: year, number: number)
    }

    /// The id ``nextID(prefix:year:)`` would give now, without taking it (another publication may take it first).
    public func peekNextID(prefix: String, year: Int) async throws -> AdvisoryID {
        let last =
            try await database.select().column("last_number").from("advisory_numbers").where("prefix", .equal, prefix)
            .where("year", .equal, year).first()?.decode(column: "last_number", as: Int.self) ?? 0
        return try AdvisoryID(prefix: prefix, year: year, number: last + 1)
    }

    public func insert(_ draft: AdvisoryDraft, of caseID: Case.ID) async throws {
        let text = String(decoding: try JSONEncoder().encode(draft), as: UTF8.self)
        try await database.insert(
            [
                [draft.id.description, caseID.rawValue, draft.stixID, text, Timestamp.microseconds(draft.published)]
                    as [any Encodable & Sendable]
            ],
            into: "published_advisories", columns: ["id", "case_id", "stix_id", "draft", "published_at"])
    }

    /// A published advisory by id.
    public func find(_ id: AdvisoryID) async throws -> AdvisoryDraft? {
        try await database.select().columns("id", "draft").from("published_advisories")
            .where("id", .equal, id.description).first().map(Self.draft)
    }

    /// The advisory a case was published as.
    public func find(ofCase caseID: Case.ID) async throws -> AdvisoryDraft? {
        try await database.select().columns("id", "draft").from("published_advisories")
            .where("case_id", .equal, caseID.rawValue).first().map(Self.draft)
    }

    /// Published advisories, newest first, after a cursor (an id of the previous page's last).
    public func list(before cursor: AdvisoryID?, limit: Int) async throws -> [AdvisoryDraft] {
        try await newestFirst(["id", "draft"], before: cursor, limit: limit).map(Self.draft)
    }

    /// The same, without their drafts.
    public func listed(before cursor: AdvisoryID?, limit: Int) async throws -> [Listing] {
        try await newestFirst(Self.listingColumns, before: cursor, limit: limit).map(Self.listing)
    }

    private func newestFirst(_ columns: [String], before cursor: AdvisoryID?, limit: Int) async throws -> [any SQLRow] {
        var query = database.select().columns(columns).from("published_advisories")
        if let cursor {
            query = query.where("id", .lessThan, cursor.description)
        }
        return try await query.orderBy("id", .descending).limit(limit).all()
    }

    /// The advisory whose STIX `vulnerability` object has this id.
    public func find(stixID: String) async throws -> AdvisoryDraft? {
        try await database.select().columns("id", "draft").from("published_advisories")
            .where("stix_id", .equal, stixID).first().map(Self.draft)
    }

    /// What lists a published advisory in the order advisories were added, without its draft: its id, its STIX
    /// object's id and when it was published. A published advisory never changes, so this is all a TAXII page's
    /// filters and manifest need.
    public struct Listing: Sendable, Hashable {
        public let id: AdvisoryID
        public let stixID: String
        public let published: Date
    }

    /// Published advisories in the order they were added (their publication time, then their id), after a
    /// position in that order.
    public func added(after position: AddedPosition?, limit: Int) async throws -> [Listing] {
        var query = database.select().columns(Self.listingColumns).from("published_advisories")
        if let position {
            let time = Timestamp.microseconds(position.time)
            if let id = position.id {
                query = query.where { group in
                    group.where("published_at", .greaterThan, time)
                        .orWhere { $0.where("published_at", .equal, time).where("id", .greaterThan, id) }
                }
            } else {
                query = query.where("published_at", .greaterThan, time)
            }
        }
        return try await query.orderBy("published_at").orderBy("id").limit(limit).all().map(Self.listing)
    }

    static let listingColumns = ["id", "stix_id", "published_at"]

    private static func listing(_ row: any SQLRow) throws -> Listing {
        let stored = try StoredRow(row, table: "published_advisories")
        guard let id = try? AdvisoryID(parsing: stored.id) else {
            throw StoreCorruption(table: "published_advisories", id: stored.id, problem: "the id is unreadable")
        }
        return Listing(id: id, stixID: try stored.text("stix_id"), published: try stored.date("published_at"))
    }

    /// The drafts of these advisories, by id.
    public func find(_ ids: [AdvisoryID]) async throws -> [AdvisoryID: AdvisoryDraft] {
        var found: [AdvisoryID: AdvisoryDraft] = [:]
        for chunk in ids.map(\.description).inListChunks() {
            for row in try await database.select().columns("id", "draft").from("published_advisories")
                .where("id", .in, Array(chunk)).all()
            {
                let draft = try Self.draft(row)
                found[draft.id] = draft
            }
        }
        return found
    }

    /// A position in the order advisories were added: after those added before `time`, and of those added at
    /// `time`, after `id`; after all of them when `id` is `nil`, as TAXII's `added_after` asks.
    public struct AddedPosition: Sendable, Hashable {
        public let time: Date
        public let id: String?

        public init(time: Date, id: String?) {
            self.time = time
            self.id = id
        }
    }

    private static func draft(_ row: any SQLRow) throws -> AdvisoryDraft {
        try StoredRow(row, table: "published_advisories").json("draft", as: AdvisoryDraft.self, what: "advisory draft")
    }
}
