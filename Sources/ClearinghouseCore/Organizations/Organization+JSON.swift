public import JSONSupport

extension Organization: JSONWritable {
    /// `{"id", "name", "kind", "sector", "contacts", "verification": {...}, "created_at"}`.
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id)
            json.field("name", name)
            json.field("kind", kind.rawValue)
            json.field("sector", sector?.rawValue)
            json.field("contacts", contacts)
            json.field("verification", verification)
            json.field("created_at", createdAt)
        }
    }
}

extension Verification: JSONWritable {
    /// `{"state", "verified_at", "verified_by"}`.
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("state", state.rawValue)
            json.field("verified_at", verifiedAt)
            json.field("verified_by", verifiedBy)
        }
    }
}

extension Contact: JSONWritable {
    /// `{"name", "email", "phone", "role"}`.
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("name", name)
            json.field("email", email)
            json.field("phone", phone)
            json.field("role", role)
        }
    }
}
