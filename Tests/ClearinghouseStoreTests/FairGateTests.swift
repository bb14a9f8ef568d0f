import Synchronization
import Testing

@testable import ClearinghouseStore

/// The gate in front of PostgreSQL write transactions: never more tasks through than its permits, waiters let in
/// in the order they came, and a cancelled waiter leaves the queue at once without taking a permit.
@Suite struct FairGateTests {
    /// Waits, a millisecond at a time, until `condition` holds (at most 10 s), without keeping a thread busy.
    static func until(_ condition: () -> Bool) async throws {
        for _ in 0..<10_000 where !condition() {
            try await Task.sleep(for: .milliseconds(1))
        }
        try #require(condition())
    }

    /// What the tasks inside the gate record.
    final class Record: Sendable {
        let inside = Mutex((now: 0, most: 0))
        let order = Mutex<[Int]>([])

        func enter() {
            inside.withLock {
                $0.now += 1; $0.most = max($0.most, $0.now)
            }
        }
        func leave() { inside.withLock { $0.now -= 1 } }
        var now: Int { inside.withLock { $0.now } }
        var most: Int { inside.withLock { $0.most } }
    }

    @Test func neverMoreThanItsPermitsAndInOrder() async throws {
        let gate = FairGate(permits: 2)
        let record = Record()
        let (hold, holdContinuation) = AsyncStream.makeStream(of: Void.self)
        // Two tasks take both permits and wait to be released.
        let holders = (0..<2).map { _ in
            Task {
                try await gate.pass {
                    record.enter()
                    for await _ in hold { break }
                    record.leave()
                }
            }
        }
        try await Self.until { record.now == 2 }
        // Eight more queue up one after another.
        var waiters: [Task<Void, any Error>] = []
        for number in 0..<8 {
            waiters.append(
                Task {
                    try await gate.pass {
                        record.enter()
                        record.order.withLock { $0.append(number) }
                        await Task.yield()
                        record.leave()
                    }
                })
            try await Self.until { gate.waiting == number + 1 }
        }
        holdContinuation.finish()
        for task in holders + waiters { try await task.value }
        #expect(record.most == 2)
        #expect(record.order.withLock { $0 } == Array(0..<8))
        #expect(gate.waiting == 0)
    }

    @Test func aCancelledWaiterLeavesWithoutAPermit() async throws {
        let gate = FairGate(permits: 1)
        let record = Record()
        let (hold, holdContinuation) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await gate.pass {
                record.enter()
                for await _ in hold { break }
            }
        }
        try await Self.until { record.now == 1 }
        let waiter = Task { try await gate.pass { "ran" } }
        try await Self.until { gate.waiting == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(gate.waiting == 0)
        holdContinuation.finish()
        try await holder.value
        // The permit came back whole: one task passes, and the gate is free again after it.
        #expect(try await gate.pass { "passed" } == "passed")
        #expect(try await gate.pass { "again" } == "again")
    }
}
