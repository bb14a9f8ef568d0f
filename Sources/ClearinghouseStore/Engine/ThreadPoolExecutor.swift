import NIOPosix

/// Runs the jobs of the tasks that prefer it as work items of a thread pool.
///
/// The SQLite writer's transactions run on the writer connection's own one-thread pool, where SQLiteNIO runs each
/// statement: a statement is queued on the thread the transaction's code is leaving, and the code resumes there.
/// A transaction of six statements then wakes no other thread; run from the shared executor it woke two threads
/// per statement, which cost a claim a sixth of its time.
final class ThreadPoolExecutor: TaskExecutor {
    private let pool: NIOThreadPool

    init(_ pool: NIOThreadPool) {
        self.pool = pool
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        // A pool that is shutting down runs the item at once, here, with `.cancelled`: the job still runs, so that
        // its task ends rather than waits forever.
        pool.submit { _ in job.runSynchronously(on: executor) }
    }
}
