import Foundation
import Synchronization
import Testing

/// The suite's guard against work that never ends: past its limit the wait ends, and not before.
@Suite struct BoundedWaitTests {
    @Test func aStuckOperationIsLeftBehindAtTheLimit() async throws {
        let value = try await BoundedWait.value(
            { () async throws -> String in
                try? await Task.sleep(for: .seconds(3_600))
                return "finished"
            }, within: .milliseconds(200), onTimeout: { "gave up" })
        // The operation sleeps for an hour: only the limit can have answered.
        #expect(value == "gave up")
    }

    @Test func aFinishedOperationAnswersAndTheTimeoutIsNeverWorkedOut() async throws {
        let timeouts = Mutex(0)
        let value = try await BoundedWait.value(
            { 42 }, within: .milliseconds(100),
            onTimeout: {
                timeouts.withLock { $0 += 1 }
                return 0
            })
        #expect(value == 42)
        try await Task.sleep(for: .milliseconds(300))
        #expect(timeouts.withLock { $0 } == 0)
        await #expect(throws: CancellationError.self) {
            try await BoundedWait.value({ throw CancellationError() }, within: .seconds(5), onTimeout: { 0 })
        }
    }
}
