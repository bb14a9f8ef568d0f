public import ClearinghouseStore
public import Foundation

/// Delivers one topic of outbox messages (a webhook, a notice) to the world outside the process.
public protocol OutboxDeliverer: Sendable {
    /// The topic it takes.
    var topic: String { get }
    /// Delivers a message; throwing leaves it for a later attempt.
    func deliver(_ message: OutboxMessage) async throws
}

/// Relays the outbox: messages written in the same transaction as the change that causes them are delivered after
/// it commits, retried with a growing delay until they are, and never lost with a crash in between. It runs as
/// one scheduled job, so one node at a time delivers; a node that dies mid-delivery may deliver a message again
/// when the job's claim lapses, so deliveries must tolerate a repeat (webhooks carry the message id).
public struct OutboxRelay: Sendable {
    let deliverers: [String: any OutboxDeliverer]
    let batchSize: Int
    /// The longest wait between two attempts at one message.
    let longestDelay: TimeInterval

    public init(deliverers: [any OutboxDeliverer], batchSize: Int = 100, longestDelay: TimeInterval = 3_600) {
        self.deliverers = Dictionary(deliverers.map { ($0.topic, $0) }, uniquingKeysWith: { first, _ in first })
        self.batchSize = batchSize
        self.longestDelay = longestDelay
    }

    /// The scheduled job.
    public func job(every period: Duration = .seconds(1)) -> ScheduledJob {
        ScheduledJob(name: "outbox.relay", every: period) { context in
            let (delivered, failed) = try await relay(context: context)
            return delivered + failed == 0 ? nil : "delivered \(delivered), failed \(failed)"
        }
    }

    /// Delivers what is due, a batch at a time, until nothing due is left.
    ///
    /// - Returns: how many messages were delivered and how many attempts failed.
    public func relay(context: JobContext) async throws -> (delivered: Int, failed: Int) {
        var delivered = 0
        var failed = 0
        var attempted: Set<OutboxMessage.ID> = []
        while true {
            let now = context.dependencies.now()
            let due = try await context.store.read { try await $0.outbox.due(at: now, limit: batchSize) }
                .filter { !attempted.contains($0.id) }
            guard !due.isEmpty else { return (delivered, failed) }
            for message in due {
                attempted.insert(message.id)
                do {
                    guard let deliverer = deliverers[message.topic] else {
                        throw OutboxError(reason: "no deliverer takes the topic `\(message.topic)`")
                    }
                    try await deliverer.deliver(message)
                    let at = context.dependencies.now()
                    try await context.store.bookkeeping { try await $0.outbox.delivered(message.id, at: at) }
                    delivered += 1
                } catch {
                    let delay = min(longestDelay, pow(2, Double(min(message.attempts, 30))))
                    let retry = context.dependencies.now().addingTimeInterval(delay)
                    try await context.store.bookkeeping {
                        try await $0.outbox.failed(message.id, error: "\(error)", retryAt: retry)
                    }
                    failed += 1
                }
            }
        }
    }
}

/// Why a message could not be delivered.
struct OutboxError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
