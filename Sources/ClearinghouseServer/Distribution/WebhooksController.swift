import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// Webhook subscriptions, for their organization's admins (analysts read them): subscribing, a test delivery,
/// a new secret, deleting, and the delivery log with its dead-letter list.
struct WebhooksController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/webhooks", use: subscribe)
        routes.on(.get, "/v1/webhooks", use: list)
        routes.on(.get, "/v1/webhooks/{id}", use: show)
        routes.on(.delete, "/v1/webhooks/{id}", use: delete)
        routes.on(.post, "/v1/webhooks/{id}/secret", use: rotateSecret)
        routes.on(.post, "/v1/webhooks/{id}/ping", use: ping)
        routes.on(.get, "/v1/webhooks/{id}/deliveries", use: deliveries)
        routes.on(.post, "/v1/webhooks/{id}/deliveries/{delivery}/redelivery", use: redeliver)
    }

    private var webhooks: WebhookWorkflows { WebhookWorkflows(environment.workflows) }

    /// `POST /v1/webhooks` with `{"url", "events", "description"}`: admins of verified organizations; 201 with the
    /// subscription and its `secret`, shown this once.
    @Sendable func subscribe(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        try await environment.authorizeMutation(
            .subscribeWebhooks, auditing: .webhookCreate, target: nil, context: context)
        let body = try await request.decodeJSON(
            WebhookSubscriptionBody.self, limit: environment.configuration.maximumBodySize)
        let subscription = try await webhooks.subscribe(
            url: body.url, events: body.events, description: body.description, by: environment.requester(context))
        return .json(
            WebhookSubscriptionWithSecret(subscription: subscription), status: .created,
            headers: [.location: "/v1/webhooks/\(subscription.id)"])
    }

    /// `GET /v1/webhooks`: the caller's organization's subscriptions.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await webhooks.subscriptions(try request.pageRequest(), by: environment.requester(context)))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await webhooks.subscription(try subscriptionID(context), by: environment.requester(context)))
    }

    /// `DELETE /v1/webhooks/{id}`: 204; deliveries not yet made are cancelled.
    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        try await webhooks.delete(try subscriptionID(context), by: environment.requester(context))
        return Response(status: .noContent)
    }

    /// `POST /v1/webhooks/{id}/secret`: a new secret, at once; answered this once.
    @Sendable func rotateSecret(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let subscription = try await webhooks.rotateSecret(
            try subscriptionID(context), by: environment.requester(context))
        return .json(WebhookSubscriptionWithSecret(subscription: subscription))
    }

    /// `POST /v1/webhooks/{id}/ping`: 202 with the `ping` delivery, which the outbox sends in a moment.
    @Sendable func ping(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(
            try await webhooks.ping(try subscriptionID(context), by: environment.requester(context)),
            status: .accepted)
    }

    /// `GET /v1/webhooks/{id}/deliveries?state=`: the delivery log, newest first, each delivery with its
    /// attempts; `state=dead` is the dead-letter list.
    @Sendable func deliveries(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let state = try request.uri.queryParameters["state"].map { text throws(ClearinghouseError) in
            guard let state = WebhookDelivery.State(rawValue: String(text)) else {
                throw .invalidField("state", "`state` is `pending`, `delivered`, `dead` or `cancelled`.")
            }
            return state
        }
        return .json(
            try await webhooks.deliveries(
                of: try subscriptionID(context), state: state, try request.pageRequest(),
                by: environment.requester(context)))
    }

    /// `POST /v1/webhooks/{id}/deliveries/{delivery}/redelivery`: sends a dead or delivered delivery again, with
    /// the policy's attempts; 202.
    @Sendable func redeliver(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let delivery: WebhookDelivery.ID = try context.parameters.identifier("delivery", of: "webhook delivery")
        return .json(
            try await webhooks.redeliver(delivery, of: try subscriptionID(context), by: environment.requester(context)),
            status: .accepted)
    }

    private func subscriptionID(_ context: AppRequestContext) throws -> WebhookSubscription.ID {
        try context.parameters.identifier("id", of: "webhook")
    }
}
