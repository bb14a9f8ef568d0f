import ClearinghouseCore
public import JSONSupport

extension AuditEvent: JSONWritable {
    /// `{"id", "occurred_at", "actor": {...}, "action", "target": {...}, "request_id", "outcome", "detail"}`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id)
            json.field("occurred_at", occurredAt)
            json.field("actor", actor)
            json.field("action", action.rawValue)
            json.field("target", target)
            json.field("request_id", requestID)
            json.field("outcome", outcome.rawValue)
            json.field("detail", detail)
        }
    }
}

extension AuditActor: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("organization_id", organizationID)
            json.field("token_id", tokenID)
            json.field("channel", channel.rawValue)
        }
    }
}

extension AuditTarget: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("type", type)
            json.field("id", id)
        }
    }
}

extension Page: JSONWritable where Item: JSONWritable {
    /// `{"items": [...], "next_cursor": "..."}`; `next_cursor` is `null` on the last page.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("items", items)
            json.nullableField("next_cursor", nextCursor)
        }
    }
}
