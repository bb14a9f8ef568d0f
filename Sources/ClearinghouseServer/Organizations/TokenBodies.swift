import ClearinghouseCore
import Foundation

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
