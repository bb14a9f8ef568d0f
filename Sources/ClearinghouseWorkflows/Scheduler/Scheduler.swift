public import ClearinghouseCore
public import ClearinghouseStore
public import Foundation
public import Logging
public import ServiceLifecycle

/// Runs scheduled jobs under ServiceLifecycle. Every node runs a scheduler; on each tick it offers every job to
/// the database, and only the node whose conditional update claims a due job runs it, so a due run starts once
/// across all nodes. A failed run is retried with a growing delay (1 s, 2 s, 4 s … never longer than the job's
/// period); every run is recorded in `job_runs` with its node, times, outcome and report.
public struct Scheduler: Service {
    let jobs: [ScheduledJob]
    let commits: CommitPath
    /// This node's name in claims and run records.
    public let node: String
    /// How often the scheduler offers the jobs to the database.
    let tick: Duration
    /// How long a claim holds: a node that dies mid-run lets others run the job once it lapses.
    let lease: TimeInterval
    /// Whether the node is ready for jobs (its schema migrated, its catalogs loaded); ticks before are skipped.
    let isStarted: @Sendable () -> Bool
    let logger: Logger

    public init(
        jobs: [ScheduledJob], commits: CommitPath, node: String, tick: Duration = .seconds(1),
        lease: TimeInterval = 300, startWhen isStarted: @escaping @Sendable () -> Bool = { true }, logger: Logger
    ) {
        self.isStarted = isStarted
        self.jobs = jobs
        self.commits = commits
        self.node = node
        self.tick = tick
        self.lease = lease
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if isStarted() { await runDueJobs() }
                try? await Task.sleep(for: tick)
            }
        }
    }

    /// Registers the jobs this node knows (due at once when new), then runs those that are due and that this node
    /// claims. A tick where nothing is due reads the schedule and writes nothing. Returns the names of the jobs this
    /// node ran.
    @discardableResult
    public func runDueJobs() async -> [String] {
        let now = commits.dependencies.now()
        let schedule: [String: (dueAt: Date, claimedUntil: Date?)]
        do {
            schedule = try await commits.store.read { try await $0.jobs.schedule() }
        } catch {
            logger.warning("scheduler could not reach the database", metadata: ["error": "\(error)"])
            return []
        }
        var ran: [String] = []
        for job in jobs {
            if let known = schedule[job.name] {
                guard known.dueAt <= now, (known.claimedUntil.map { $0 <= now } ?? true) else { continue }
            }
            do {
                if try await runIfDue(job, register: schedule[job.name] == nil) { ran.append(job.name) }
            } catch {
                logger.warning(
                    "scheduler could not reach the database", metadata: ["job": "\(job.name)", "error": "\(error)"])
            }
        }
        return ran
    }

    private func runIfDue(_ job: ScheduledJob, register: Bool) async throws -> Bool {
        let dependencies = commits.dependencies
        let now = dependencies.now()
        let store = commits.store
        let failures: Int? = try await store.bookkeeping { repositories in
            if register { try await repositories.jobs.register(job.name, dueAt: now) }
            return try await repositories.jobs.claim(
                job.name, node: node, now: now, until: now.addingTimeInterval(lease))
        }
        guard let failures else { return false }
        let started = dependencies.now()
        let outcome: JobRun.Outcome
        let detail: String?
        do {
            detail = try await job.run(JobContext(commits: commits, node: node))
            outcome = .succeeded
        } catch {
            detail = "\(error)"
            outcome = .failed
            logger.warning("scheduled job failed", metadata: ["job": "\(job.name)", "error": "\(error)"])
        }
        let finished = dependencies.now()
        let failed = outcome == .failed ? failures + 1 : 0
        let period = job.every.timeInterval
        let delay = outcome == .failed ? min(period, pow(2, Double(min(failed - 1, 30)))) : period
        let run = JobRun(
            id: dependencies.makeID(), job: job.name, node: node, startedAt: started, finishedAt: finished,
            outcome: outcome, detail: detail.map { String($0.prefix(1_000)) })
        try await store.bookkeeping { repositories in
            try await repositories.jobs.finish(run, nextDue: finished.addingTimeInterval(delay), failures: failed)
        }
        return true
    }
}

extension Duration {
    /// The duration in seconds.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
