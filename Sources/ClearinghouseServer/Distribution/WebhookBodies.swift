import ClearinghouseCore
import Foundation

/// The body of `POST /v1/webhooks`: `{"url", "events", "description"}`.
struct WebhookSubscriptionBody: JSONRequestBody {
    let url: String
    let events: [String]
    let description: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case url, events, description
    }
}
