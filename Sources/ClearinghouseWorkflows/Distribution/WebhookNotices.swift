public import ClearinghouseCore
public import ClearinghouseStore
import Foundation

/// Turns events into deliveries inside the transaction of the change that causes them: one delivery for each
/// subscription the event may reach, and one outbox message for each, which the relay hands to
/// ``WebhookDeliverer`` once the change commits.
public enum WebhookNotices {
    /// The outbox topic of webhook deliveries.
    public static let topic = "webhook"

    /// Records a delivery of each event to each of its subscribers.
    ///
    /// - Returns: the outbox messages to commit with the change.
    public static func enqueue(
        _ events: [WebhookEvent], repositories: Repositories, dependencies: Dependencies
    ) async throws -> [OutboxMessage] {
        var messages: [OutboxMessage] = []
        for event in events {
            for subscription in try await repositories.webhooks.subscribers(of: event) {
                let id: WebhookDelivery.ID = dependencies.makeID()
                let now = dependencies.now()
                try await repositories.webhooks.insert(
                    WebhookDelivery(
                        id: id, subscription: subscription.id, eventType: event.type, body: event.body(delivery: id),
                        state: .pending, createdAt: now, finishedAt: nil, attempts: []))
                messages.append(message(for: id, dependencies: dependencies))
            }
        }
        return messages
    }

    /// An outbox message that asks for an attempt at a delivery.
    static func message(for delivery: WebhookDelivery.ID, dependencies: Dependencies) -> OutboxMessage {
        let now = dependencies.now()
        return OutboxMessage(
            id: dependencies.makeID(), topic: topic, payload: delivery.rawValue, createdAt: now, availableAt: now)
    }
}
