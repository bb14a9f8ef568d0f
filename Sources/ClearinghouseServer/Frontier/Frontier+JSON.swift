import ClearinghouseCore
import Foundation
public import JSONSupport

extension DesignationAuthority: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("organization_id", organization.rawValue)
            json.field("designated_by", designatedBy.rawValue)
            json.field("designated_at", designatedAt)
        }
    }
}

extension FrontierModel: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id.rawValue)
            json.field("developer_id", developer.rawValue)
            json.field("name", name)
            json.field("version", version)
            json.nullableField("planned_release_at", plannedReleaseAt)
            json.field("confidentiality", confidentiality.rawValue)
            json.field("registered_at", registeredAt)
            json.nullableField("released_at", releasedAt)
            json.nullableField("withdrawn_at", withdrawnAt)
        }
    }
}

/// `{"id", "name", "version", "effective_from", "sha256", "policy", "registered_by", "registered_at"}`: `policy`
/// is the canonical text that was hashed, as JSON.
extension RegisteredThresholdPolicy: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id.rawValue)
            json.field("name", policy.name)
            json.field("version", policy.version)
            json.field("effective_from", policy.effectiveFrom)
            json.nullableField("effective_until", policy.effectiveUntil)
            json.field("sha256", digest)
            json.field("policy", RawJSON(bytes: Data(text.utf8)))
            json.field("registered_by", registeredBy.rawValue)
            json.field("registered_at", registeredAt)
        }
    }
}
