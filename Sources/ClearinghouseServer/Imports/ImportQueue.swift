import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
public import ServiceLifecycle
import Synchronization

/// The imports this node received from the web interface and reads in the background, one at a time, in the order
/// they came. Each run's state is in the store (``ImportRuns``); the file itself waits here, so at most
/// ``capacity`` files wait at once, and a run whose node stops is shown as interrupted.
public final class ImportQueue: Service, Sendable {
    struct Job: Sendable {
        let run: ImportRun
        let data: Data
        let requester: Requester
        let runs: ImportRuns
    }

    /// Files waiting or being read, at most.
    static let capacity = 4

    private let jobs: AsyncStream<Job>
    private let continuation: AsyncStream<Job>.Continuation
    private let waiting = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)

    public init() {
        (jobs, continuation) = AsyncStream.makeStream(of: Job.self)
    }

    /// Takes a slot for a file about to be queued.
    ///
    /// - Throws: `unavailable` when ``capacity`` files already wait on this node.
    func reserve() throws {
        guard waiting.add(1, ordering: .relaxed).newValue <= Self.capacity else {
            waiting.subtract(1, ordering: .relaxed)
            throw ClearinghouseError(
                .unavailable, "This server is already reading \(Self.capacity) imports; try again when one is done.")
        }
    }

    /// Gives back a slot taken for a file that was not queued after all.
    func release() {
        waiting.subtract(1, ordering: .relaxed)
    }

    /// Hands over a queued run and its file, in a slot taken with ``reserve()``.
    func enqueue(_ job: Job) {
        continuation.yield(job)
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            for await job in jobs {
                if stopping.load(ordering: .relaxed) {
                    await job.runs.abandon(
                        job.run, because: "The server stopped before reading this file; nothing of it was imported. "
                            + "Import it again.")
                } else {
                    await job.runs.perform(job.run, data: job.data, by: job.requester)
                }
                waiting.subtract(1, ordering: .relaxed)
            }
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .relaxed)
            self.continuation.finish()
        }
    }
}
