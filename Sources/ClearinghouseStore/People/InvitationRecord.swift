import ClearinghouseCore
import Foundation

/// A row of `invitations`. The secret is kept only as its SHA-256.
struct InvitationRecord: Codable, Sendable {
    static let table = "invitations"
    static let columns = [
        "id", "organization_id", "email", "name", "role", "prefix", "secret_hash", "created_at", "expires_at",
        "accepted_at", "revoked_at", "person_id",
    ]

    var id: String
    var organizationId: String
    var email: String
    var name: String
    var role: String
    var prefix: String
    var secretHash: String
    var createdAt: Int64
    var expiresAt: Int64
    var acceptedAt: Int64?
    var revokedAt: Int64?
    var personId: String?

    init(_ invitation: Invitation) {
        id = invitation.id.rawValue
        organizationId = invitation.organizationID.rawValue
        email = invitation.email
        name = invitation.name
        role = invitation.role.rawValue
        prefix = invitation.prefix
        secretHash = SecretHashColumn.text(invitation.secretHash)
        createdAt = Timestamp.microseconds(invitation.createdAt)
        expiresAt = Timestamp.microseconds(invitation.expiresAt)
        acceptedAt = invitation.acceptedAt.map(Timestamp.microseconds)
        revokedAt = invitation.revokedAt.map(Timestamp.microseconds)
        personId = invitation.personID?.rawValue
    }

    func invitation() throws -> Invitation {
        let table = Self.table
        return Invitation(
            id: try .stored(id, table: table, id: id, column: "id"),
            organizationID: try .stored(organizationId, table: table, id: id, column: "organization_id"),
            email: email, name: name, role: try .stored(role, table: table, id: id, column: "role"), prefix: prefix,
            secretHash: try SecretHashColumn.bytes(secretHash, table: table, id: id),
            createdAt: Timestamp.date(createdAt), expiresAt: Timestamp.date(expiresAt),
            acceptedAt: acceptedAt.map(Timestamp.date), revokedAt: revokedAt.map(Timestamp.date),
            personID: try personId.map { try .stored($0, table: table, id: id, column: "person_id") })
    }
}
