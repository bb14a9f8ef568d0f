import ClearinghouseCore
import Foundation

/// A token's record as the API shows it: never its secret or hash.
struct TokenResource: Encodable {
    let id: String
    let organizationID: String
    let name: String?
    let prefix: String
    let role: String
    let createdAt: Date
    let expiresAt: Date
    let revokedAt: Date?
    let lastUsedAt: Date?
    let createdBy: String?
    /// The token text, present only in the answer that mints it.
    let token: String?

    enum CodingKeys: String, CodingKey {
        case id, name, prefix, role, token
        case organizationID = "organization_id"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case revokedAt = "revoked_at"
        case lastUsedAt = "last_used_at"
        case createdBy = "created_by"
    }

    init(_ token: APIToken, secret: TokenSecret? = nil) {
        id = token.id.rawValue
        organizationID = token.organizationID.rawValue
        name = token.name
        prefix = token.prefix
        role = token.role.rawValue
        createdAt = token.createdAt
        expiresAt = token.expiresAt
        revokedAt = token.revokedAt
        lastUsedAt = token.lastUsedAt
        createdBy = token.createdBy?.rawValue
        self.token = secret?.text
    }
}

/// The body of `POST /v1/organizations/{id}/tokens`.
struct CreateTokenBody: JSONRequestBody {
    let role: String
    let name: String?
    let expiresAt: Date?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case role, name
        case expiresAt = "expires_at"
    }

    var request: TokenRequest {
        TokenRequest(role: role, name: name, expiresAt: expiresAt)
    }
}

/// The answer of `GET /v1/me`.
struct MeResource: Encodable {
    let organization: OrganizationResource
    let token: TokenResource
}
