import ClearinghouseCore

/// A row of `audit_events`.
struct AuditEventRecord: Codable, Sendable {
    static let table = "audit_events"

    var id: String
    var occurredAt: Int64
    var actorOrganizationId: String?
    var actorTokenId: String?
    var actorPersonId: String?
    var actorChannel: String
    var action: String
    var targetType: String?
    var targetId: String?
    var requestId: String?
    var outcome: String
    var detail: String?

    init(_ event: AuditEvent) {
        id = event.id.rawValue
        occurredAt = Timestamp.microseconds(event.occurredAt)
        actorOrganizationId = event.actor.organizationID?.rawValue
        actorTokenId = event.actor.tokenID?.rawValue
        actorPersonId = event.actor.personID?.rawValue
        actorChannel = event.actor.channel.rawValue
        action = event.action.rawValue
        targetType = event.target?.type
        targetId = event.target?.id
        requestId = event.requestID
        outcome = event.outcome.rawValue
        detail = event.detail
    }

    static let insert = InsertStatement(
        table: table,
        columns: [
            "id", "occurred_at", "actor_organization_id", "actor_token_id", "actor_person_id", "actor_channel",
            "action", "target_type", "target_id", "request_id", "outcome", "detail",
        ])

    /// The row's values, in ``insert``'s column order.
    var values: [any Encodable & Sendable] {
        [
            id, occurredAt, actorOrganizationId, actorTokenId, actorPersonId, actorChannel, action, targetType,
            targetId, requestId, outcome, detail,
        ]
    }

    func event() throws -> AuditEvent {
        let table = Self.table
        let target: AuditTarget? =
            switch (targetType, targetId) {
            case (let type?, let id?): AuditTarget(type: type, id: id)
            default: nil
            }
        return AuditEvent(
            id: try .stored(id, table: table, id: id, column: "id"),
            occurredAt: Timestamp.date(occurredAt),
            actor: AuditActor(
                organizationID: try actorOrganizationId.map {
                    try .stored($0, table: table, id: id, column: "actor_organization_id")
                },
                tokenID: try actorTokenId.map { try .stored($0, table: table, id: id, column: "actor_token_id") },
                personID: try actorPersonId.map { try .stored($0, table: table, id: id, column: "actor_person_id") },
                channel: try .stored(actorChannel, table: table, id: id, column: "actor_channel")),
            action: AuditAction(rawValue: action),
            target: target,
            requestID: requestId,
            outcome: try .stored(outcome, table: table, id: id, column: "outcome"),
            detail: detail)
    }
}
