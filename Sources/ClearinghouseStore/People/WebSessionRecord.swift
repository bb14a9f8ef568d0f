import ClearinghouseCore
import Foundation

/// A row of `web_sessions`. The secret is kept only as its SHA-256.
struct WebSessionRecord: Codable, Sendable {
    static let table = "web_sessions"
    static let columns = [
        "id", "person_id", "prefix", "secret_hash", "stage", "pending_second_factor", "created_at", "last_seen_at",
        "ended_at",
    ]

    var id: String
    var personId: String
    var prefix: String
    var secretHash: String
    var stage: String
    var pendingSecondFactor: String?
    var createdAt: Int64
    var lastSeenAt: Int64
    var endedAt: Int64?

    init(_ session: WebSession) {
        id = session.id.rawValue
        personId = session.personID.rawValue
        prefix = session.prefix
        secretHash = SecretHashColumn.text(session.secretHash)
        stage = session.stage.rawValue
        pendingSecondFactor = session.pendingSecondFactor?.encoded
        createdAt = Timestamp.microseconds(session.createdAt)
        lastSeenAt = Timestamp.microseconds(session.lastSeenAt)
        endedAt = session.endedAt.map(Timestamp.microseconds)
    }

    func session() throws -> WebSession {
        let table = Self.table
        return WebSession(
            id: try .stored(id, table: table, id: id, column: "id"),
            personID: try .stored(personId, table: table, id: id, column: "person_id"), prefix: prefix,
            secretHash: try SecretHashColumn.bytes(secretHash, table: table, id: id),
            stage: try .stored(stage, table: table, id: id, column: "stage"),
            pendingSecondFactor: pendingSecondFactor.flatMap(TOTP.init(encoded:)),
            createdAt: Timestamp.date(createdAt), lastSeenAt: Timestamp.date(lastSeenAt),
            endedAt: endedAt.map(Timestamp.date))
    }
}
