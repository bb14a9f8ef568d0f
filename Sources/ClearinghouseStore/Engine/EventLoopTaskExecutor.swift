import NIOCore

/// Runs the jobs of the tasks that prefer it on one NIO event loop.
///
/// A PostgreSQL write transaction runs on its connection's event loop: each query's answer is read on that thread
/// and the transaction's code resumes there, with no other thread to wake. Run from the shared executor, each of a
/// finding submission's twenty queries waited for a thread of the busy pool, all while holding the log's row lock;
/// on two loaded cores a submission took half a second and every other one waited behind it. The price: while a
/// transaction's own code runs, its loop serves no other connection; in a transaction that code is brief next to
/// the queries it waits for.
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}
