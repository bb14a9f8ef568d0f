public import ClearinghouseCore
import Foundation

/// What `clearinghouse admin bootstrap` prints: `{"organization": {...}, "token": "chtok_..."}`.
public struct BootstrapResource: Encodable {
    let organization: OrganizationResource
    let token: String

    /// Describes a committed bootstrap.
    public init(_ bootstrap: Bootstrap) {
        organization = OrganizationResource(bootstrap.organization)
        token = bootstrap.token.secret.text
    }

    /// The JSON text, in the API's conventions.
    public func json() throws -> String {
        String(decoding: try JSONCoding.encoder.encode(self), as: UTF8.self)
    }
}
