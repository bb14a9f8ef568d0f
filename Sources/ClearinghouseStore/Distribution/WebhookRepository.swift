public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var webhooks: WebhookRepository { WebhookRepository(database: database) }
}

/// Organizations' webhook subscriptions and the delivery log: each delivery with its state and every attempt.
public struct WebhookRepository: Sendable {
    let database: any SQLDatabase

    static let subscriptions = "webhook_subscriptions"
    static let subscriptionColumns = ["id", "organization_id", "url", "events", "description", "secret", "created_at"]
    static let deliveries = "webhook_deliveries"
    static let deliveryColumns = [
        "id", "subscription_id", "event_type", "body", "state", "attempts", "created_at", "finished_at",
    ]

    // MARK: Subscriptions

    public func insert(_ subscription: WebhookSubscription) async throws {
        let values: [any Encodable & Sendable] = [
            subscription.id.rawValue, subscription.organization.rawValue, subscription.target.url,
            subscription.events.sorted().map(\.rawValue).joined(separator: " "), subscription.description,
            subscription.secret, Timestamp.microseconds(subscription.createdAt),
        ]
        try await database.insert([values], into: Self.subscriptions, columns: Self.subscriptionColumns)
    }

    /// A subscription that is not deleted.
    public func find(_ id: WebhookSubscription.ID) async throws -> WebhookSubscription? {
        try await database.select().columns(Self.subscriptionColumns).from(Self.subscriptions)
            .where("id", .equal, id.rawValue).where("deleted_at", .is, SQLLiteral.null).first()
            .map(Self.subscription)
    }

    /// An organization's subscriptions that are not deleted, by id after `after`.
    public func list(
        of organization: Organization.ID, after: String?, limit: Int
    ) async throws
        -> [WebhookSubscription]
    {
        var query = database.select().columns(Self.subscriptionColumns).from(Self.subscriptions)
            .where("organization_id", .equal, organization.rawValue).where("deleted_at", .is, SQLLiteral.null)
        if let after { query = query.where("id", .greaterThan, after) }
        return try await query.orderBy("id").limit(limit).all().map(Self.subscription)
    }

    /// How many subscriptions an organization holds (deleted ones not counted).
    public func count(of organization: Organization.ID) async throws -> Int {
        try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
            .from(Self.subscriptions).where("organization_id", .equal, organization.rawValue)
            .where("deleted_at", .is, SQLLiteral.null).first()?.decode(column: "count", as: Int.self) ?? 0
    }

    /// The subscriptions an event goes to: those asking for its type, of the audience's organizations.
    public func subscribers(of event: WebhookEvent) async throws -> [WebhookSubscription] {
        var query = database.select().columns(Self.subscriptionColumns).from(Self.subscriptions)
            .where("deleted_at", .is, SQLLiteral.null)
        switch event.audience {
        case .organizations(let organizations):
            guard !organizations.isEmpty else { return [] }
            query = query.where("organization_id", .in, organizations.map(\.rawValue).sorted())
        case .everyone: break
        case .subscription(let id): query = query.where("id", .equal, id.rawValue)
        }
        return try await query.orderBy("id").all().map(Self.subscription)
            .filter { $0.events.contains(event.type) || event.type == .ping }
    }

    public func setSecret(_ secret: String, of id: WebhookSubscription.ID) async throws {
        try await database.update(Self.subscriptions).set("secret", to: SQLBind(secret))
            .where("id", .equal, id.rawValue).run()
    }

    /// Deletes a subscription; its deliveries still waiting are cancelled.
    public func delete(_ id: WebhookSubscription.ID, at date: Date) async throws {
        try await database.update(Self.subscriptions).set("deleted_at", to: SQLBind(Timestamp.microseconds(date)))
            .where("id", .equal, id.rawValue).run()
        try await database.update(Self.deliveries).set("state", to: SQLBind(WebhookDelivery.State.cancelled.rawValue))
            .set("finished_at", to: SQLBind(Timestamp.microseconds(date)))
            .where("subscription_id", .equal, id.rawValue)
            .where("state", .equal, WebhookDelivery.State.pending.rawValue).run()
    }

    private static func subscription(_ row: any SQLRow) throws -> WebhookSubscription {
        let row = try StoredRow(row, table: subscriptions)
        let id = try row.text("id")
        let url = try row.text("url")
        let events = try row.text("events").split(separator: " ").map(String.init)
        guard let target = try? WebhookTarget(parsing: url, allowsPrivate: true),
            let types = Optional(events.compactMap(WebhookEventType.init(rawValue:))), types.count == events.count
        else { throw StoreCorruption(table: subscriptions, id: id, problem: "the stored URL or events do not read") }
        return WebhookSubscription(
            id: try row.identifier("id"), organization: try row.identifier("organization_id"), target: target,
            events: Set(types), description: try row.text("description"), createdAt: try row.date("created_at"),
            secret: try row.text("secret"))
    }

    // MARK: Deliveries

    public func insert(_ delivery: WebhookDelivery) async throws {
        let values: [any Encodable & Sendable] = [
            delivery.id.rawValue, delivery.subscription.rawValue, delivery.eventType.rawValue, delivery.body,
            delivery.state.rawValue, delivery.attempts.count, Timestamp.microseconds(delivery.createdAt),
            delivery.finishedAt.map(Timestamp.microseconds),
        ]
        try await database.insert([values], into: Self.deliveries, columns: Self.deliveryColumns)
    }

    /// A delivery with its attempts.
    public func delivery(_ id: WebhookDelivery.ID) async throws -> WebhookDelivery? {
        guard
            let found = try await database.select().columns(Self.deliveryColumns).from(Self.deliveries)
                .where("id", .equal, id.rawValue).first().map(Self.delivery)
        else { return nil }
        return try await withAttempts([found]).first
    }

    /// A subscription's deliveries, newest first, before `before`, of one state or any, with their attempts.
    public func deliveries(
        of subscription: WebhookSubscription.ID, state: WebhookDelivery.State?, before: String?, limit: Int
    ) async throws -> [WebhookDelivery] {
        var query = database.select().columns(Self.deliveryColumns).from(Self.deliveries)
            .where("subscription_id", .equal, subscription.rawValue)
        if let state { query = query.where("state", .equal, state.rawValue) }
        if let before { query = query.where("id", .lessThan, before) }
        return try await withAttempts(
            try await query.orderBy("id", .descending).limit(limit).all().map(Self.delivery))
    }

    /// Records an attempt and the state it leaves the delivery in.
    public func record(
        _ attempt: WebhookAttempt, of id: WebhookDelivery.ID, state: WebhookDelivery.State
    ) async throws {
        try await database.insert(
            [
                [
                    id.rawValue, attempt.number, Timestamp.microseconds(attempt.at), attempt.statusCode,
                    attempt.error.map { String($0.prefix(500)) }, attempt.milliseconds,
                ] as [any Encodable & Sendable]
            ],
            into: "webhook_attempts", columns: ["delivery_id", "attempt", "at", "status_code", "error", "milliseconds"])
        var update = database.update(Self.deliveries).set("state", to: SQLBind(state.rawValue))
            .set("attempts", to: SQLBind(attempt.number))
        if state != .pending { update = update.set("finished_at", to: SQLBind(Timestamp.microseconds(attempt.at))) }
        try await update.where("id", .equal, id.rawValue).run()
    }

    /// Sets a delivery's state with no attempt (cancelled, or pending again when its organization asks).
    public func setState(_ state: WebhookDelivery.State, of id: WebhookDelivery.ID, at date: Date) async throws {
        try await database.update(Self.deliveries).set("state", to: SQLBind(state.rawValue))
            .set("finished_at", to: SQLBind(state == .pending ? nil : Timestamp.microseconds(date)))
            .where("id", .equal, id.rawValue).run()
    }

    private func withAttempts(_ deliveries: [WebhookDelivery]) async throws -> [WebhookDelivery] {
        guard !deliveries.isEmpty else { return [] }
        var attempts: [String: [WebhookAttempt]] = [:]
        for chunk in deliveries.map(\.id.rawValue).inListChunks() {
            for row in try await database.select()
                .columns("delivery_id", "attempt", "at", "status_code", "error", "milliseconds")
                .from("webhook_attempts").where("delivery_id", .in, Array(chunk)).orderBy("attempt").all()
            {
                let stored = try StoredRow(row, table: "webhook_attempts", idColumn: "delivery_id")
                attempts[try stored.text("delivery_id"), default: []].append(
                    WebhookAttempt(
                        number: try stored.value("attempt"), at: try stored.date("at"),
                        statusCode: try stored.value("status_code", as: Int?.self),
                        error: try stored.optionalText("error"), milliseconds: try stored.value("milliseconds")))
            }
        }
        return deliveries.map { delivery in
            var delivery = delivery
            delivery.attempts = attempts[delivery.id.rawValue] ?? []
            return delivery
        }
    }

    private static func delivery(_ row: any SQLRow) throws -> WebhookDelivery {
        let row = try StoredRow(row, table: deliveries)
        return WebhookDelivery(
            id: try row.identifier("id"), subscription: try row.identifier("subscription_id"),
            eventType: try row.enumeration("event_type"), body: try row.text("body"),
            state: try row.enumeration("state"),
            createdAt: try row.date("created_at"), finishedAt: try row.optionalDate("finished_at"), attempts: [])
    }
}
