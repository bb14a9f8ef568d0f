import ClearinghouseCore
import HTTPTypes

@testable import ClearinghouseServer

/// Webhooks: admins of verified organizations subscribe; a subscription is RED, its organization's analysts and
/// admins see it and its deliveries, its admins alone manage it; to everyone else it does not exist.
extension AuthorizationMatrix {
    /// The matrix's instance delivers webhooks to `127.0.0.1` only, and tries each delivery often enough that the
    /// world's stays pending.
    static func configure(_ configuration: inout ServerConfiguration) {
        configuration.webhookPolicy.allowsPrivateTargets = true
        configuration.webhookPolicy.allowedHosts = [try! WebhookHost(parsing: "127.0.0.1")]
        configuration.webhookPolicy.maximumAttempts = 50
    }

    static let webhooks: [MatrixEntry] = [
        MatrixEntry(
            .post, "/v1/webhooks", targets: { world in [.route("/v1/webhooks", body: world.webhookBody)] },
            expect: Expect.members(.admin, .created) { $0.organization?.isVerified == true }),
        MatrixEntry(
            .get, "/v1/webhooks", targets: { world in [world.webhookTarget { _ in "/v1/webhooks?limit=500" }] },
            expect: Expect.lists()),
        MatrixEntry(
            .get, "/v1/webhooks/{id}", targets: { world in [world.webhookTarget { "/v1/webhooks/\($0)" }] },
            expect: Expect.visible()),
        MatrixEntry(
            .get, "/v1/webhooks/{id}/deliveries",
            targets: { world in [world.webhookTarget { "/v1/webhooks/\($0)/deliveries" }] },
            expect: Expect.visible()),
        MatrixEntry(
            .post, "/v1/webhooks/{id}/secret",
            targets: { world in [world.webhookTarget { "/v1/webhooks/\($0)/secret" }] },
            expect: Expect.visible(then: managesWebhook(.ok))),
        MatrixEntry(
            .post, "/v1/webhooks/{id}/ping",
            targets: { world in [world.webhookTarget { "/v1/webhooks/\($0)/ping" }] },
            expect: Expect.visible(then: managesWebhook(.accepted))),
        // The world's delivery is still pending, so its admins are let through to a 409.
        MatrixEntry(
            .post, "/v1/webhooks/{id}/deliveries/{delivery}/redelivery",
            targets: { world in
                [world.webhookTarget { "/v1/webhooks/\($0)/deliveries/\(world.webhookDelivery)/redelivery" }]
            },
            expect: Expect.visible(then: managesWebhook(.conflict))),
        MatrixEntry(
            .delete, "/v1/webhooks/{id}", targets: { world in [world.webhookTarget { "/v1/webhooks/\($0)" }] },
            fresh: { world, target in
                var fresh = target
                fresh.path = "/v1/webhooks/\(try await world.subscribeWebhook())"
                return fresh
            }, expect: Expect.visible(then: managesWebhook(.noContent))),
    ]

    /// The subscription's organization's admins.
    static func managesWebhook(_ status: HTTPResponse.Status) -> MatrixEntry.Expectation {
        Expect.only(.admin, status) { $0.organization == .owner }
    }
}
