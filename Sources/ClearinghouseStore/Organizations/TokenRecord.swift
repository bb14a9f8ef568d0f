import ClearinghouseCore
import Foundation

/// A row of `api_tokens`. The secret is kept only as its SHA-256, in hex.
struct TokenRecord: Codable, Sendable {
    static let table = "api_tokens"
    static let columns = [
        "id", "organization_id", "name", "prefix", "secret_hash", "role", "created_at", "expires_at", "revoked_at",
        "last_used_at", "created_by",
    ]

    var id: String
    var organizationId: String
    var name: String?
    var prefix: String
    var secretHash: String
    var role: String
    var createdAt: Int64
    var expiresAt: Int64
    var revokedAt: Int64?
    var lastUsedAt: Int64?
    var createdBy: String?

    init(_ token: APIToken) {
        id = token.id.rawValue
        organizationId = token.organizationID.rawValue
        name = token.name
        prefix = token.prefix
        secretHash = SecretHashColumn.text(token.secretHash)
        role = token.role.rawValue
        createdAt = Timestamp.microseconds(token.createdAt)
        expiresAt = Timestamp.microseconds(token.expiresAt)
        revokedAt = token.revokedAt.map(Timestamp.microseconds)
        lastUsedAt = token.lastUsedAt.map(Timestamp.microseconds)
        createdBy = token.createdBy?.rawValue
    }

    func token() throws -> APIToken {
        let table = Self.table
        return APIToken(
            id: try .stored(id, table: table, id: id, column: "id"),
            organizationID: try .stored(organizationId, table: table, id: id, column: "organization_id"),
            name: name,
            prefix: prefix,
            secretHash: try SecretHashColumn.bytes(secretHash, table: table, id: id),
            role: try .stored(role, table: table, id: id, column: "role"),
            createdAt: Timestamp.date(createdAt),
            expiresAt: Timestamp.date(expiresAt),
            revokedAt: revokedAt.map(Timestamp.date),
            lastUsedAt: lastUsedAt.map(Timestamp.date),
            createdBy: try createdBy.map { try .stored($0, table: table, id: id, column: "created_by") })
    }
}
