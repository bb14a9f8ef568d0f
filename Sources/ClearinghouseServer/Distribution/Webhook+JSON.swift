import ClearinghouseCore
import Foundation
public import JSONSupport

/// A subscription as the webhook routes answer it; the secret only where ``WebhookSubscriptionWithSecret`` shows it.
extension WebhookSubscription: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in writeFields(to: &json) }
    }

    fileprivate func writeFields(to json: inout JSONWriter) {
        json.field("id", id.rawValue)
        json.field("organization_id", organization.rawValue)
        json.field("url", target.url)
        json.field("events", events.sorted().map(\.rawValue))
        json.field("description", description)
        json.field("created_at", createdAt)
    }
}

/// A subscription just made or given a new secret: its fields and `secret`, shown this once.
struct WebhookSubscriptionWithSecret: JSONWritable {
    let subscription: WebhookSubscription

    func write(to json: inout JSONWriter) {
        json.object { json in
            subscription.writeFields(to: &json)
            json.field("secret", subscription.secret)
        }
    }
}

/// A delivery with its body and every attempt.
extension WebhookDelivery: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id.rawValue)
            json.field("subscription_id", subscription.rawValue)
            json.field("event", eventType.rawValue)
            json.field("state", state.rawValue)
            json.field("body", body)
            json.field("created_at", createdAt)
            json.nullableField("finished_at", finishedAt)
            json.field("attempts", attempts)
        }
    }
}

extension WebhookAttempt: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("number", number)
            json.field("at", at)
            json.nullableField("status_code", statusCode)
            json.nullableField("error", error)
            json.field("milliseconds", milliseconds)
        }
    }
}
