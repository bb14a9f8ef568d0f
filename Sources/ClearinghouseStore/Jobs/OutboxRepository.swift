public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var outbox: OutboxRepository { OutboxRepository(database: database) }
}

/// The transactional outbox: a side effect that leaves the process (a webhook, a notice) is written here in the
/// same transaction as the change that causes it, and a scheduled relay delivers it afterwards, retrying until it
/// is delivered. The relay runs as one scheduled job, so one node at a time delivers.
public struct OutboxRepository: Sendable {
    let database: any SQLDatabase

    /// Adds messages to deliver.
    public func enqueue(_ messages: [OutboxMessage]) async throws {
        let rows: [[any Encodable & Sendable]] = messages.map { message in
            [
                message.id.rawValue, message.topic, message.payload, Timestamp.microseconds(message.createdAt),
                Timestamp.microseconds(message.availableAt), message.attempts,
            ]
        }
        try await database.insert(
            rows, into: "outbox", columns: ["id", "topic", "payload", "created_at", "available_at", "attempts"])
    }

    /// Up to `limit` undelivered messages that are due, oldest first.
    public func due(at date: Date, limit: Int) async throws -> [OutboxMessage] {
        try await database.select().columns("id", "topic", "payload", "created_at", "available_at", "attempts")
            .from("outbox").where("delivered_at", .is, SQLLiteral.null)
            .where("available_at", .lessThanOrEqual, Timestamp.microseconds(date))
            .orderBy("available_at").orderBy("id").limit(limit).all()
            .map { row in
                let stored = try StoredRow(row, table: "outbox")
                return OutboxMessage(
                    id: try stored.identifier("id"), topic: try stored.text("topic"),
                    payload: try stored.text("payload"), createdAt: try stored.date("created_at"),
                    availableAt: try stored.date("available_at"), attempts: try stored.value("attempts"))
            }
    }

    /// Marks a message delivered.
    public func delivered(_ id: OutboxMessage.ID, at date: Date) async throws {
        try await database.update("outbox").set("delivered_at", to: Timestamp.microseconds(date))
            .set("attempts", to: SQLRaw("attempts + 1")).where("id", .equal, id.rawValue).run()
    }

    /// Records a failed attempt and when to try again.
    public func failed(_ id: OutboxMessage.ID, error: String, retryAt date: Date) async throws {
        try await database.update("outbox").set("last_error", to: String(error.prefix(1_000)))
            .set("available_at", to: Timestamp.microseconds(date)).set("attempts", to: SQLRaw("attempts + 1"))
            .where("id", .equal, id.rawValue).run()
    }

    /// A message's delivery state: attempts, when delivered, the last error.
    public func state(
        of id: OutboxMessage.ID
    ) async throws -> (attempts: Int, deliveredAt: Date?, lastError: String?)? {
        try await database.select().columns("id", "attempts", "delivered_at", "last_error").from("outbox")
            .where("id", .equal, id.rawValue).first()
            .map { row in
                let stored = try StoredRow(row, table: "outbox")
                return (
                    try stored.value("attempts"), try stored.optionalDate("delivered_at"),
                    try stored.optionalText("last_error")
                )
            }
    }
}

/// A side effect waiting to leave the process.
public struct OutboxMessage: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<OutboxMessage>

    public let id: ID
    /// Which deliverer takes it, for example `webhook`.
    public let topic: String
    /// What the deliverer needs, as JSON text.
    public let payload: String
    public let createdAt: Date
    /// Not delivered before this time (later after each failure).
    public let availableAt: Date
    /// Attempts made so far.
    public let attempts: Int

    public init(id: ID, topic: String, payload: String, createdAt: Date, availableAt: Date, attempts: Int = 0) {
        self.id = id
        self.topic = topic
        self.payload = payload
        self.createdAt = createdAt
        self.availableAt = availableAt
        self.attempts = attempts
    }
}
