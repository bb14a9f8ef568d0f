import ClearinghouseCore
import Foundation

/// An audit event as the API shows it.
struct AuditEventResource: Encodable {
    struct Actor: Encodable {
        let organizationID: String?
        let tokenID: String?
        let channel: String

        enum CodingKeys: String, CodingKey {
            case channel
            case organizationID = "organization_id"
            case tokenID = "token_id"
        }
    }

    struct Target: Encodable {
        let type: String
        let id: String
    }

    let id: String
    let occurredAt: Date
    let actor: Actor
    let action: String
    let target: Target?
    let requestID: String?
    let outcome: String
    let detail: String?

    enum CodingKeys: String, CodingKey {
        case id, actor, action, target, outcome, detail
        case occurredAt = "occurred_at"
        case requestID = "request_id"
    }

    init(_ event: AuditEvent) {
        id = event.id.rawValue
        occurredAt = event.occurredAt
        actor = Actor(
            organizationID: event.actor.organizationID?.rawValue, tokenID: event.actor.tokenID?.rawValue,
            channel: event.actor.channel.rawValue)
        action = event.action.rawValue
        target = event.target.map { Target(type: $0.type, id: $0.id) }
        requestID = event.requestID
        outcome = event.outcome.rawValue
        detail = event.detail
    }
}

/// One page of a list: `{"items": [...], "next_cursor": "..."}`.
struct ListResource<Item: Encodable>: Encodable {
    let items: [Item]
    let nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    init<Record>(_ page: Page<Record>, _ transform: (Record) -> Item) {
        items = page.items.map(transform)
        nextCursor = page.nextCursor
    }

    /// Encodes `next_cursor` as null on the last page, so that clients can test for it.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
