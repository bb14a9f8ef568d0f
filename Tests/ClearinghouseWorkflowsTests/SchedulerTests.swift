import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseTestSupport
import ClearinghouseWorkflows
import Foundation
import Logging
import Synchronization
import Testing

/// The scheduler runs a due job on one node, retries a failing one with a growing delay, and lets another node
/// take over a job whose node died mid-run; the outbox relay delivers what commits wrote, retrying failures.
@Suite struct SchedulerTests {
    static let logger = Logger(label: "test")

    static func commits(_ store: Store, clock: TestClock, seed: UInt64 = 7) -> CommitPath {
        CommitPath(store: store, dependencies: .test(clock: clock, seed: seed), catalogs: nil, logger: logger)
    }

    /// Counts runs, and fails the first `failures` of them.
    final class Counter: Sendable {
        private let state: Mutex<(runs: Int, failures: Int)>
        init(failures: Int = 0) { state = Mutex((0, failures)) }
        var runs: Int { state.withLock { $0.runs } }

        func job(every period: Duration = .seconds(60)) -> ScheduledJob {
            ScheduledJob(name: "test.counter", every: period) { _ in
                let fail = self.state.withLock { state in
                    state.runs += 1
                    return state.runs <= state.failures
                }
                if fail { throw ClearinghouseError(.unavailable, "the remote end is down") }
                return "fine"
            }
        }
    }

    @Test(arguments: Dialect.allCases)
    func aDueJobRunsOnceAcrossNodesAndAgainWhenItIsDueAgain(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let clock = TestClock()
            let counter = Counter()
            let nodes = (0..<4).map { index in
                Scheduler(
                    jobs: [counter.job()], commits: Self.commits(store, clock: clock, seed: UInt64(index)),
                    node: "node-\(index)", logger: Self.logger)
            }
            let ran = await withTaskGroup(of: [String].self) { group in
                for node in nodes { group.addTask { await node.runDueJobs() } }
                return await group.reduce(into: []) { $0 += $1 }
            }
            #expect(ran == ["test.counter"])
            #expect(counter.runs == 1)
            // Not due again before its period has passed, on any node.
            clock.advance(by: 59)
            for node in nodes { #expect(await node.runDueJobs().isEmpty) }
            clock.advance(by: 1)
            #expect(await nodes[3].runDueJobs() == ["test.counter"])
            let runs = try await store.read { try await $0.jobs.runs(of: "test.counter", limit: 10) }
            #expect(runs.map(\.outcome) == [.succeeded, .succeeded])
            #expect(runs.first?.node == "node-3")
            #expect(runs.first?.detail == "fine")
        }
    }

    @Test(arguments: Dialect.allCases)
    func aFailingJobIsRetriedWithAGrowingDelayAndEveryRunIsRecorded(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let clock = TestClock()
            let start = clock.now
            let counter = Counter(failures: 3)
            let scheduler = Scheduler(
                jobs: [counter.job()], commits: Self.commits(store, clock: clock), node: "node", logger: Self.logger)
            var dueTimes: [TimeInterval] = []
            for _ in 0..<4 {
                #expect(await scheduler.runDueJobs() == ["test.counter"])
                let due = try await store.read { try await $0.jobs.dueAt("test.counter") }
                dueTimes.append(try #require(due).timeIntervalSince(start))
                clock.advance(by: try #require(due).timeIntervalSince(clock.now))
            }
            // 1 s, 2 s, 4 s after each failure; the period after the success.
            #expect(dueTimes == [1, 3, 7, 67])
            let runs = try await store.read { try await $0.jobs.runs(of: "test.counter", limit: 10) }
            #expect(runs.map(\.outcome) == [.succeeded, .failed, .failed, .failed])
            #expect(runs.last?.detail?.contains("the remote end is down") == true)
        }
    }

    @Test(arguments: Dialect.allCases)
    func anotherNodeTakesOverWhenAHolderDiedMidRun(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let clock = TestClock()
            let now = clock.now
            // A node claimed the job and died: its claim holds for the lease, then lapses.
            let claimed = try await store.bookkeeping { repositories in
                try await repositories.jobs.register("test.counter", dueAt: now)
                return try await repositories.jobs.claim(
                    "test.counter", node: "dead", now: now, until: now.addingTimeInterval(300))
            }
            #expect(claimed == 0)
            let counter = Counter()
            let survivor = Scheduler(
                jobs: [counter.job()], commits: Self.commits(store, clock: clock), node: "alive", logger: Self.logger)
            #expect(await survivor.runDueJobs().isEmpty)
            clock.advance(by: 300)
            #expect(await survivor.runDueJobs() == ["test.counter"])
            #expect(counter.runs == 1)
        }
    }

    /// Delivers outbox messages of the topic `notice`, failing the first attempt at each.
    final class FlakyDeliverer: OutboxDeliverer {
        let topic = "notice"
        private let attempts = Mutex<[String: Int]>([:])
        private let delivered = Mutex<[String]>([])
        var payloads: [String] { delivered.withLock { $0 } }

        func deliver(_ message: OutboxMessage) async throws {
            let attempt = attempts.withLock { attempts in
                attempts[message.payload, default: 0] += 1
                return attempts[message.payload]!
            }
            if attempt == 1 { throw ClearinghouseError(.unavailable, "try again") }
            delivered.withLock { $0.append(message.payload) }
        }
    }

    @Test(arguments: Dialect.allCases)
    func theOutboxDeliversWhatACommitWroteAndRetriesFailures(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let clock = TestClock()
            let commits = Self.commits(store, clock: clock)
            let dependencies = commits.dependencies
            let messages = ["one", "two"].map { payload in
                OutboxMessage(
                    id: dependencies.makeID(), topic: "notice", payload: payload, createdAt: clock.now,
                    availableAt: clock.now)
            }
            let stray = OutboxMessage(
                id: dependencies.makeID(), topic: "unknown", payload: "{}", createdAt: clock.now,
                availableAt: clock.now)
            let event = AuditEvent(
                id: dependencies.makeID(), occurredAt: clock.now, actor: .scheduler, action: .intakePolicySet,
                target: nil, requestID: nil, outcome: .success)
            try await commits.commit(event) { _ in Recorded((), outbox: messages + [stray]) }
            // A change that fails writes no message.
            await #expect(throws: ClearinghouseError.self) {
                try await commits.commit(event) { _ -> Recorded<Void> in
                    throw ClearinghouseError(.invalidRequest, "refused")
                }
            }

            let deliverer = FlakyDeliverer()
            let relay = OutboxRelay(deliverers: [deliverer])
            let context = JobContext(commits: commits, node: "node")
            let first = try await relay.relay(context: context)
            #expect(first.delivered == 0 && first.failed == 3)
            #expect(try await relay.relay(context: context).failed == 0)
            clock.advance(by: 1)
            let second = try await relay.relay(context: context)
            #expect(second.delivered == 2 && second.failed == 1)
            #expect(deliverer.payloads == ["one", "two"])
            let state = try #require(try await store.read { try await $0.outbox.state(of: stray.id) })
            #expect(state.attempts == 2 && state.deliveredAt == nil)
            #expect(state.lastError?.contains("no deliverer takes the topic `unknown`") == true)
            let delivered = try #require(try await store.read { try await $0.outbox.state(of: messages[0].id) })
            #expect(delivered.attempts == 2 && delivered.deliveredAt == clock.now)
        }
    }
}
