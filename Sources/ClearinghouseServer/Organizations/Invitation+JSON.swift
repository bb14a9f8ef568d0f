import ClearinghouseCore
public import JSONSupport

extension Invitation: JSONWritable {
    /// An invitation's record: never its secret or its hash.
    func write(to json: inout JSONWriter) {
        json.object { json in writeFields(to: &json) }
    }

    fileprivate func writeFields(to json: inout JSONWriter) {
        json.field("id", id)
        json.field("organization_id", organizationID)
        json.field("email", email)
        json.field("name", name)
        json.field("role", role.rawValue)
        json.field("created_at", createdAt)
        json.field("expires_at", expiresAt)
        json.field("accepted_at", acceptedAt)
        json.field("revoked_at", revokedAt)
    }
}

/// A new invitation and, this once, the link that opens it.
struct IssuedInvitation: JSONWritable {
    let invitation: Invitation
    let secret: TokenSecret

    /// The page where the person accepts, relative to the server's address.
    var link: String { "/join?invitation=" + secret.text }

    func write(to json: inout JSONWriter) {
        json.object { json in
            invitation.writeFields(to: &json)
            json.field("link", link)
        }
    }
}
