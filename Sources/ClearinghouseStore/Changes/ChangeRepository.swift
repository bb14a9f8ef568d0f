public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var changes: ChangeRepository { ChangeRepository(database: database, marks: marks) }
}

/// The change feed: every write to a record that an in-memory catalog indexes adds the record's id here, in the
/// same transaction, so that every server node can follow what any node (or the command line) stored.
public struct ChangeRepository: Sendable {
    let database: any SQLDatabase
    let marks: ChangeMarks?

    /// Records changed records. Takes numbers under the feed's row lock, held until the transaction ends: two
    /// transactions never commit numbers out of order, so a follower can never skip one that commits late.
    public func record(_ topic: ChangeTopic, ids: [String], at date: Date) async throws {
        guard !ids.isEmpty else { return }
        marks?.note()
        guard
            let row = try await database.update("change_sequence")
                .set("last", to: SQLRaw("last + \(ids.count)"))
                .where("singleton", .equal, 1)
                .returning("last").first()
        else { throw StoreCorruption(table: "change_sequence", id: "1", problem: "the feed's row is missing") }
        let last = try row.decode(column: "last", as: Int64.self)
        let first = last - Int64(ids.count) + 1
        let time = Timestamp.microseconds(date)
        let rows: [[any Encodable & Sendable]] = ids.enumerated().map { offset, id in
            [first + Int64(offset), topic.rawValue, id, time]
        }
        try await database.insert(rows, into: "catalog_changes", columns: ["sequence", "topic", "record_id", "recorded_at"])
    }

    /// Takes the feed's row lock now, until the transaction ends (PostgreSQL; SQLite has one writer). Transactions
    /// that record changes take it before the transparency log's row, when they append; one that must hold the
    /// log's row from its start takes this first, so that no two transactions wait on each other in a circle.
    public func lock() async throws {
        _ = try await database.select().column("last").from("change_sequence").where("singleton", .equal, 1)
            .for(.update).first()
    }

    /// Where the feed stands now.
    public func position() async throws -> ChangeFeedPosition {
        guard
            let row = try await database.select().columns("last", "pruned_through").from("change_sequence")
                .where("singleton", .equal, 1).first()
        else { throw StoreCorruption(table: "change_sequence", id: "1", problem: "the feed's row is missing") }
        return ChangeFeedPosition(
            last: try row.decode(column: "last", as: Int64.self),
            prunedThrough: try row.decode(column: "pruned_through", as: Int64.self))
    }

    /// Up to `limit` changes after a number, in order.
    public func changes(after sequence: Int64, limit: Int) async throws -> [CatalogChange] {
        try await database.select().columns("sequence", "topic", "record_id").from("catalog_changes")
            .where("sequence", .greaterThan, sequence).orderBy("sequence").limit(limit).all()
            .map { row in
                CatalogChange(
                    sequence: try row.decode(column: "sequence", as: Int64.self),
                    topic: ChangeTopic(rawValue: try row.decode(column: "topic", as: String.self)),
                    recordID: try row.decode(column: "record_id", as: String.self))
            }
    }

    /// Deletes the changes recorded before a time, and remembers the highest number deleted.
    ///
    /// - Returns: how many changes were deleted.
    @discardableResult
    public func prune(recordedBefore date: Date) async throws -> Int {
        let time = Timestamp.microseconds(date)
        // The highest number and the count first, so that a large prune does not bring every row back.
        guard
            let row = try await database.select().column(SQLFunction("max", args: SQLColumn("sequence")), as: "highest")
                .column(SQLFunction("count", args: SQLLiteral.all), as: "pruned")
                .from("catalog_changes").where("recorded_at", .lessThan, time).first(),
            let highest = try row.decode(column: "highest", as: Int64?.self)
        else { return 0 }
        let pruned = try row.decode(column: "pruned", as: Int.self)
        try await database.delete(from: "catalog_changes").where("recorded_at", .lessThan, time).run()
        try await database.update("change_sequence")
            .set("pruned_through", to: SQLRaw("CASE WHEN pruned_through > \(highest) THEN pruned_through ELSE \(highest) END"))
            .where("singleton", .equal, 1).run()
        return pruned
    }
}
