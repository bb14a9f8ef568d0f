public import ClearinghouseCore
public import ClearinghouseStore
import Foundation

/// Sends one signed request to a webhook's target and says what came back; the server's sender checks every
/// address it connects to.
public protocol WebhookSender: Sendable {
    /// POSTs `body` to `target` with `headers`.
    ///
    /// - Returns: the receiver's status code.
    /// - Throws: when nothing was answered: refused, timed out, an address that is not allowed.
    func send(
        _ body: [UInt8], to target: WebhookTarget, headers: [(String, String)], timeout: Duration
    ) async throws
        -> Int
}

/// Delivers the outbox's webhook messages: signs the delivery's body with its subscription's current secret,
/// sends it, and logs the attempt. A failed attempt is retried by the outbox with a doubling delay until the
/// policy's last attempt, after which the delivery is dead (the dead-letter list) and the message is done. A
/// delivery sent again comes with a new message, so it gets the policy's attempts again.
public struct WebhookDeliverer: OutboxDeliverer {
    public let topic = WebhookNotices.topic
    let store: Store
    let sender: any WebhookSender
    let policy: WebhookPolicy
    let dependencies: Dependencies

    public init(store: Store, sender: any WebhookSender, policy: WebhookPolicy, dependencies: Dependencies) {
        (self.store, self.sender, self.policy, self.dependencies) = (store, sender, policy, dependencies)
    }

    public func deliver(_ message: OutboxMessage) async throws {
        guard let id = WebhookDelivery.ID(message.payload) else { return }
        let found: (WebhookDelivery, WebhookSubscription?)? = try await store.read { repositories in
            guard let delivery = try await repositories.webhooks.delivery(id) else { return nil }
            return (delivery, try await repositories.webhooks.find(delivery.subscription))
        }
        guard let (delivery, subscription) = found, delivery.state == .pending else { return }
        guard let subscription else {
            try await store.bookkeeping { try await $0.webhooks.setState(.cancelled, of: id, at: dependencies.now()) }
            return
        }
        let started = dependencies.now()
        let body = Array(delivery.body.utf8)
        let headers = [
            ("Content-Type", "application/json"),
            ("User-Agent", "Clearinghouse-Webhooks/1"),
            ("Clearinghouse-Event", delivery.eventType.rawValue),
            ("Clearinghouse-Delivery", delivery.id.rawValue),
            (
                WebhookSignature.header,
                WebhookSignature.value(body: body, secret: Array(subscription.secret.utf8), at: started)
            ),
        ]
        var statusCode: Int?
        var failure: String?
        do {
            // The instance's hosts may have changed since the subscription was made.
            try policy.check(subscription.target)
            statusCode = try await sender.send(body, to: subscription.target, headers: headers, timeout: policy.timeout)
            if !(200..<300).contains(statusCode!) { failure = "the receiver answered \(statusCode!)" }
        } catch {
            failure = "\(error)"
        }
        let number = delivery.attempts.count + 1
        let milliseconds = Int((dependencies.now().timeIntervalSince(started) * 1_000).rounded())
        let attempt = WebhookAttempt(
            number: number, at: started, statusCode: statusCode, error: failure, milliseconds: max(0, milliseconds))
        let state: WebhookDelivery.State =
            attempt.succeeded ? .delivered : message.attempts + 1 >= policy.maximumAttempts ? .dead : .pending
        try await store.bookkeeping { try await $0.webhooks.record(attempt, of: id, state: state) }
        if state == .pending, let failure { throw WebhookFailure(reason: failure) }
    }
}

struct WebhookFailure: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
