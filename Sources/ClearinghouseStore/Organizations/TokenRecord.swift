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
        secretHash = token.secretHash.map { String(format: "%02x", $0) }.joined()
        role = token.role.rawValue
        createdAt = Timestamp.microseconds(token.createdAt)
        expiresAt = Timestamp.microseconds(token.expiresAt)
        revokedAt = token.revokedAt.map(Timestamp.microseconds)
        lastUsedAt = token.lastUsedAt.map(Timestamp.microseconds)
        createdBy = token.createdBy?.rawValue
    }

    func token() throws -> APIToken {
        let table = Self.table
        guard let hash = Self.bytes(fromHex: secretHash), hash.count == 32 else {
            throw StoreCorruption(table: table, id: id, problem: "secret_hash is not 32 bytes of hex")
        }
        return APIToken(
            id: try .stored(id, table: table, id: id, column: "id"),
            organizationID: try .stored(organizationId, table: table, id: id, column: "organization_id"),
            name: name,
            prefix: prefix,
            secretHash: hash,
            role: try .stored(role, table: table, id: id, column: "role"),
            createdAt: Timestamp.date(createdAt),
            expiresAt: Timestamp.date(expiresAt),
            revokedAt: revokedAt.map(Timestamp.date),
            lastUsedAt: lastUsedAt.map(Timestamp.date),
            createdBy: try createdBy.map { try .stored($0, table: table, id: id, column: "created_by") })
    }

    private static func bytes(fromHex hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case 0x30...0x39: digit - 0x30
            case 0x61...0x66: digit - 0x61 + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}
