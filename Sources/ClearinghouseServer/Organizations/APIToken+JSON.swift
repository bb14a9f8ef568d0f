import ClearinghouseCore
public import JSONSupport

extension APIToken: JSONWritable {
    /// A token's record: never its secret or its hash.
    func write(to json: inout JSONWriter) {
        json.object { json in writeFields(to: &json) }
    }

    fileprivate func writeFields(to json: inout JSONWriter) {
        json.field("id", id)
        json.field("organization_id", organizationID)
        json.field("name", name)
        json.field("prefix", prefix)
        json.field("role", role.rawValue)
        json.field("created_at", createdAt)
        json.field("expires_at", expiresAt)
        json.field("revoked_at", revokedAt)
        json.field("last_used_at", lastUsedAt)
        json.field("created_by", createdBy)
    }
}

extension IssuedToken: JSONWritable {
    /// A new token's record and, this once, its text in `token`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            token.writeFields(to: &json)
            json.field("token", secret.text)
        }
    }
}

extension Member: JSONWritable {
    /// The answer of `GET /v1/me`: `{"organization": {...}, "token": {...}}`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("organization", organization)
            json.field("token", token)
        }
    }
}
