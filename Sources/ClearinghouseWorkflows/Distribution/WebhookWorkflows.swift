public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// Organizations' webhook subscriptions: subscribing, replacing a secret, deleting, a test delivery, and the
/// delivery log with its dead-letter list. A subscription is seen and managed by its organization's admins
/// alone; to anyone else it does not exist.
public struct WebhookWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// A new subscription, with its secret (shown this once).
    ///
    /// - Throws: `forbidden`; `invalid_field` as ``WebhookSubscription`` refuses the request; `conflict` when the
    ///   organization holds 20 subscriptions already.
    public func subscribe(
        url: String, events: [String], description: String?, by requester: Requester
    )
        async throws -> WebhookSubscription
    {
        try await workflows.gate.authorizeMutation(
            .subscribeWebhooks, auditing: .webhookCreate, target: nil, by: requester)
        let organization = try requester.member().organizationID
        let dependencies = workflows.dependencies
        let subscription = try WebhookSubscription(
            id: dependencies.makeID(), organization: organization, url: url, events: events, description: description,
            policy: workflows.settings.webhookPolicy,
            secret: WebhookSubscription.makeSecret(randomBytes: dependencies.randomBytes(32)), now: dependencies.now())
        let event = requester.event(
            .webhookCreate, target: .webhook(subscription.id), detail: subscription.target.url,
            dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            guard try await repositories.webhooks.count(of: organization) < WebhookSubscription.maximumPerOrganization
            else {
                throw ClearinghouseError(
                    .conflict,
                    "An organization holds at most \(WebhookSubscription.maximumPerOrganization) webhook subscriptions; delete one first."
                )
            }
            try await repositories.webhooks.insert(subscription)
            return .nothing
        }
        return subscription
    }

    /// A subscription its organization's admins or analysts may see.
    ///
    /// - Throws: `not_found` when it does not exist, is deleted, or is another organization's.
    public func subscription(
        _ id: WebhookSubscription.ID, by requester: Requester
    ) async throws
        -> WebhookSubscription
    {
        let found = try await workflows.store.read { try await $0.webhooks.find(id) }
        guard let found, workflows.gate.mayRead(found.visibility, by: requester) else {
            throw ClearinghouseError.notFound("webhook")
        }
        return found
    }

    /// The requester's organization's subscriptions.
    public func subscriptions(
        _ page: PageRequest, by requester: Requester
    ) async throws
        -> Page<WebhookSubscription>
    {
        let organization = try requester.member().organizationID
        let store = workflows.store
        return try await VisiblePageCollector<WebhookSubscription>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.webhooks.list(of: organization, after: after, limit: limit) }
        }
    }

    /// Deletes a subscription; deliveries not yet made are cancelled.
    public func delete(_ id: WebhookSubscription.ID, by requester: Requester) async throws {
        let found = try await manageable(id, .webhookDelete, by: requester)
        let dependencies = workflows.dependencies
        let event = requester.event(
            .webhookDelete, target: .webhook(found.id), detail: found.target.url, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.webhooks.delete(found.id, at: dependencies.now())
            return .nothing
        }
    }

    /// Replaces a subscription's secret at once; the next attempt of every delivery is signed with the new one.
    public func rotateSecret(
        _ id: WebhookSubscription.ID, by requester: Requester
    ) async throws
        -> WebhookSubscription
    {
        var found = try await manageable(id, .webhookRotateSecret, by: requester)
        let dependencies = workflows.dependencies
        found.secret = WebhookSubscription.makeSecret(randomBytes: dependencies.randomBytes(32))
        let event = requester.event(.webhookRotateSecret, target: .webhook(found.id), dependencies: dependencies)
        let secret = found.secret
        try await workflows.commits.commit(event) { repositories in
            try await repositories.webhooks.setSecret(secret, of: id)
            return .nothing
        }
        return found
    }

    /// Sends a `ping` to a subscription through the outbox, as any event goes.
    ///
    /// - Returns: the delivery, pending.
    public func ping(_ id: WebhookSubscription.ID, by requester: Requester) async throws -> WebhookDelivery {
        let found = try await manageable(id, .webhookPing, by: requester)
        let dependencies = workflows.dependencies
        let event = requester.event(.webhookPing, target: .webhook(found.id), dependencies: dependencies)
        let deliveryID: WebhookDelivery.ID = try await workflows.commits.commit(event) { repositories in
            let messages = try await WebhookNotices.enqueue(
                [.ping(found.id, at: dependencies.now())], repositories: repositories, dependencies: dependencies)
            guard let message = messages.first, let id = WebhookDelivery.ID(message.payload) else {
                throw ClearinghouseError.notFound("webhook")
            }
            return Recorded(id, outbox: messages)
        }
        return try await delivery(deliveryID, of: found)
    }

    /// A subscription's deliveries, newest first, with every attempt; `state` narrows them (`dead` is the
    /// dead-letter list).
    public func deliveries(
        of id: WebhookSubscription.ID, state: WebhookDelivery.State?, _ page: PageRequest, by requester: Requester
    ) async throws -> Page<WebhookDelivery> {
        let found = try await subscription(id, by: requester)
        let store = workflows.store
        // A delivery is seen by whoever sees its subscription.
        return try await VisiblePageCollector<WebhookDelivery>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: { _ in found.visibility }
        ).collect(page, for: requester.party) { before, limit in
            try await store.read {
                try await $0.webhooks.deliveries(of: found.id, state: state, before: before, limit: limit)
            }
        }
    }

    /// One delivery of a subscription the requester may see.
    public func delivery(
        _ id: WebhookDelivery.ID, of subscription: WebhookSubscription
    ) async throws
        -> WebhookDelivery
    {
        let found = try await workflows.store.read { try await $0.webhooks.delivery(id) }
        guard let found, found.subscription == subscription.id else {
            throw ClearinghouseError.notFound("webhook delivery")
        }
        return found
    }

    /// Sends a delivery again: a dead one from the dead-letter list, or one already delivered that the receiver
    /// lost. Its attempts start again from the policy's first.
    ///
    /// - Throws: `conflict` while it is still pending, or when it was cancelled.
    public func redeliver(
        _ deliveryID: WebhookDelivery.ID, of id: WebhookSubscription.ID, by requester: Requester
    ) async throws -> WebhookDelivery {
        let found = try await manageable(id, .webhookRedeliver, by: requester)
        let delivery = try await delivery(deliveryID, of: found)
        guard delivery.state == .dead || delivery.state == .delivered else {
            throw ClearinghouseError(
                .conflict, "The delivery is `\(delivery.state.rawValue)`; only dead or delivered ones are sent again.",
                field: "state")
        }
        let dependencies = workflows.dependencies
        let event = requester.event(
            .webhookRedeliver, target: .webhook(found.id), detail: deliveryID.rawValue, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.webhooks.setState(.pending, of: deliveryID, at: dependencies.now())
            return Recorded((), outbox: [WebhookNotices.message(for: deliveryID, dependencies: dependencies)])
        }
        return try await self.delivery(deliveryID, of: found)
    }

    /// A subscription the requester sees and may manage (its organization's admins).
    private func manageable(
        _ id: WebhookSubscription.ID, _ attempt: AuditAction, by requester: Requester
    )
        async throws -> WebhookSubscription
    {
        let found = try await subscription(id, by: requester)
        try await workflows.gate.authorizeMutation(
            .manageWebhook(of: found.organization), auditing: attempt, target: .webhook(id), by: requester)
        return found
    }
}
