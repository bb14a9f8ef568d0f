public import Foundation

/// One event sent to one subscription, with every attempt made: the delivery log. A delivery that every attempt
/// failed is `dead` (the dead-letter list) until its organization asks for it again.
public struct WebhookDelivery: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<WebhookDelivery>

    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Waiting for its first or next attempt.
        case pending
        /// The receiver answered 2xx.
        case delivered
        /// Every attempt failed; it waits in the dead-letter list.
        case dead
        /// Its subscription was deleted before it was delivered.
        case cancelled
    }

    public let id: ID
    public let subscription: WebhookSubscription.ID
    public let eventType: WebhookEventType
    /// The JSON body sent, the same at every attempt.
    public let body: String
    public var state: State
    public let createdAt: Date
    /// When it was delivered, died or was cancelled.
    public var finishedAt: Date?
    /// Attempts, oldest first.
    public var attempts: [WebhookAttempt]

    public init(
        id: ID, subscription: WebhookSubscription.ID, eventType: WebhookEventType, body: String, state: State,
        createdAt: Date, finishedAt: Date?, attempts: [WebhookAttempt]
    ) {
        (self.id, self.subscription, self.eventType, self.body) = (id, subscription, eventType, body)
        (self.state, self.createdAt, self.finishedAt, self.attempts) = (state, createdAt, finishedAt, attempts)
    }
}

/// One try at a delivery: what the receiver answered, or why nothing was sent or answered.
public struct WebhookAttempt: Sendable, Hashable {
    public let number: Int
    public let at: Date
    /// The receiver's HTTP status; `nil` when it gave none (refused, timed out, an address not allowed).
    public let statusCode: Int?
    public let error: String?
    public let milliseconds: Int

    public init(number: Int, at: Date, statusCode: Int?, error: String?, milliseconds: Int) {
        (self.number, self.at, self.statusCode, self.error, self.milliseconds) =
            (number, at, statusCode, error, milliseconds)
    }

    public var succeeded: Bool { statusCode.map { (200..<300).contains($0) } ?? false }
}

/// How deliveries are retried: attempts at most, then the dead-letter list; whether targets on loopback and
/// private addresses are allowed (a lab or a test; never a public instance); and, when the instance names them,
/// the only hosts webhooks may go to.
public struct WebhookPolicy: Sendable, Hashable {
    /// Attempts before a delivery is dead: 12 with the outbox's doubling delays (1 s … 34 min) spread them over
    /// about 68 minutes.
    public var maximumAttempts = 12
    /// How long one attempt may take, connecting included.
    public var timeout: Duration = .seconds(10)
    public var allowsPrivateTargets = false
    /// The hosts webhooks may go to; empty for any public host.
    public var allowedHosts: [WebhookHost] = []

    public init() {}

    /// Checks that the instance delivers to a target's host.
    ///
    /// - Throws: `invalid_field` for `url` when the instance names the hosts it delivers to and this is not one.
    public func check(_ target: WebhookTarget) throws(ClearinghouseError) {
        guard allowedHosts.isEmpty || allowedHosts.contains(where: { $0.matches(target.host) }) else {
            throw .invalidField(
                "url",
                "This instance delivers webhooks only to \(allowedHosts.map(\.description).joined(separator: ", ")).")
        }
    }
}

/// A host an instance delivers webhooks to: a name, every name under a domain (`*.example.org`), or an address
/// or network (`192.0.2.10`, `2001:db8::/32`).
public enum WebhookHost: Sendable, Hashable, CustomStringConvertible {
    case name(HostPattern)
    case network(NetworkRange)

    /// - Throws: `invalid_field` (`host`) for text that is none of them.
    public init(parsing text: String) throws(ClearinghouseError) {
        if let network = try? NetworkRange(parsing: text) {
            self = .network(network)
        } else if let pattern = try? HostPattern(parsing: text.lowercased()) {
            self = .name(pattern)
        } else {
            throw .invalidField("host", "`\(text.prefix(64))` is not a host name, `*.domain`, an address or a network.")
        }
    }

    /// Whether a target's host (a name in lower case, or an address) is this one.
    public func matches(_ host: String) -> Bool {
        switch self {
        case .network(let network):
            (try? NetworkRange(parsing: host)).map(network.contains) ?? false
        case .name(let pattern):
            (try? HostPattern(parsing: host)).map(pattern.contains) ?? false
        }
    }

    public var description: String {
        switch self {
        case .name(let pattern): pattern.description
        case .network(let network): network.description
        }
    }
}
