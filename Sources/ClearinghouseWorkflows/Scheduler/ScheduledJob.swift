public import ClearinghouseCore
public import ClearinghouseStore
public import Foundation

/// Work the server does by itself: periodically, or when something stored falls due (a lapsed claim, later an
/// embargo's end). Each due run starts on one node only; the database decides which (``JobRepository/claim``).
///
/// A job must be safe to run again: a node that dies mid-run leaves its claim to lapse, and another node runs the
/// job again. Jobs therefore act on what is due in the store ("claims that expired and are not closed"), not on
/// what they remember.
public struct ScheduledJob: Sendable {
    /// A stable name: the job's row in `scheduled_jobs`.
    public let name: String
    /// How long after a run (successful or not, once retries are spent) the job is due again.
    public let every: Duration
    /// What the job does. Returns a short report for the run's record.
    public let run: @Sendable (JobContext) async throws -> String?

    public init(name: String, every: Duration, run: @escaping @Sendable (JobContext) async throws -> String?) {
        self.name = name
        self.every = every
        self.run = run
    }
}

/// What a job runs with.
public struct JobContext: Sendable {
    /// How the job commits what it changes.
    public let commits: CommitPath
    public var store: Store { commits.store }
    public var dependencies: Dependencies { commits.dependencies }
    /// The node running the job.
    public let node: String

    public init(commits: CommitPath, node: String) {
        self.commits = commits
        self.node = node
    }
}
