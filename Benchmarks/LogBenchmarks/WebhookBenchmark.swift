import ArgumentParser
import ClearinghouseCore
import ClearinghouseServer
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import Logging
import Synchronization

/// `webhook-deliveries`: webhook deliveries per second through the outbox relay (read what is due, sign, POST to a
/// receiver on a loopback port, log the attempt and mark the message done, a durable SQLite transaction each),
/// beside the same sender POSTing the same bodies with nothing stored, in the same run.
struct WebhookBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook-deliveries",
        abstract: "Deliver N webhooks to a loopback receiver through the outbox (see scripts/bench-webhooks).")

    @Option(help: "The SQLite database file to create.") var database: String
    @Option(help: "Deliveries to make.") var deliveries: Int = 5_000

    func run() async throws {
        let received = Atomic<Int>(0)
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            received.add(1, ordering: .relaxed)
            return Response(status: .noContent)
        }
        let port = Mutex<Int?>(nil)
        var quiet = Logger(label: "bench-receiver")
        quiet.logLevel = .critical
        let receiver = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } }, logger: quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await receiver.runService(gracefulShutdownSignals: []) }
            var bound: Int?
            while bound == nil {
                try await Task.sleep(for: .milliseconds(10))
                bound = port.withLock { $0 }
            }
            let url = "http://127.0.0.1:\(bound!)/hook"
            let result = try await measure(url: url)
            group.cancelAll()
            try printJSON(result.merging(["received": received.load(ordering: .relaxed)]) { first, _ in first })
        }
    }

    private func measure(url: String) async throws -> [String: Any] {
        let dependencies = IntakeBenchmark.dependencies()
        let logger = Logger(label: "bench")
        let store = try await Store.open(.sqlite(path: database), logger: logger)
        _ = try await store.migrate(now: Date())
        var policy = WebhookPolicy()
        policy.allowsPrivateTargets = true
        let subscription = try await subscribe(url: url, store: store, policy: policy, dependencies: dependencies)

        // The deliveries wait in the outbox, written a thousand to a transaction as events would write them.
        for batch in stride(from: 0, to: deliveries, by: 1_000) {
            let count = min(1_000, deliveries - batch)
            let event = AuditEvent(
                id: dependencies.makeID(), occurredAt: Date(), actor: .scheduler, action: .webhookPing, target: nil,
                requestID: nil, outcome: .success, detail: "bench")
            try await store.write(event) { repositories in
                let events = (0..<count).map { _ in WebhookEvent.ping(subscription.id, at: Date()) }
                let messages = try await WebhookNotices.enqueue(
                    events, repositories: repositories, dependencies: dependencies)
                try await repositories.outbox.enqueue(messages)
            }
        }

        let sender = WebhookHTTPSender(allowsPrivateTargets: true)
        let relay = OutboxRelay(deliverers: [
            WebhookDeliverer(store: store, sender: sender, policy: policy, dependencies: dependencies)
        ])
        let context = JobContext(
            commits: CommitPath(store: store, dependencies: dependencies, catalogs: nil, logger: logger), node: "bench")
        let clock = ContinuousClock()
        let started = clock.now
        let (delivered, failed) = try await relay.relay(context: context)
        let relayed = seconds(clock.now - started)

        // The reference: the same sender POSTs the same body as often, storing nothing.
        let body = Array(WebhookEvent.ping(subscription.id, at: Date()).body(delivery: dependencies.makeID()).utf8)
        let bareStart = clock.now
        for _ in 0..<deliveries {
            _ = try await sender.send(
                body, to: subscription.target, headers: [("Content-Type", "application/json")],
                timeout: .seconds(10))
        }
        let bare = seconds(clock.now - bareStart)
        await store.close()
        return [
            "deliveries": deliveries, "delivered": delivered, "failed": failed, "seconds": relayed,
            "deliveries_per_second": Double(delivered) / relayed, "bare_posts_per_second": Double(deliveries) / bare,
            "ratio": (Double(delivered) / relayed) / (Double(deliveries) / bare), "rss_bytes": residentMemory(),
        ]
    }

    private func subscribe(
        url: String, store: Store, policy: WebhookPolicy, dependencies: Dependencies
    ) async throws -> WebhookSubscription {
        let organization = try OrganizationRegistration(
            name: "Bench Hospital", kind: "operator", sector: "healthcare", contacts: []
        ).validated(id: dependencies.makeID(), now: Date())
        let subscription = try WebhookSubscription(
            id: dependencies.makeID(), organization: organization.id, url: url, events: ["advisory.published"],
            description: "bench", policy: policy,
            secret: WebhookSubscription.makeSecret(randomBytes: dependencies.randomBytes(32)), now: Date())
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: Date(), actor: .scheduler, action: .webhookCreate, target: nil,
            requestID: nil, outcome: .success)
        try await store.write(event) { repositories in
            try await repositories.organizations.insert(organization)
            try await repositories.webhooks.insert(subscription)
        }
        return subscription
    }
}
