public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var jobs: JobRepository { JobRepository(database: database) }
}

/// The scheduler's table: when each job is next due, and which node holds it while it runs. Whether a node may run
/// a due job is decided by one conditional update, so that across every node each due run starts once.
public struct JobRepository: Sendable {
    let database: any SQLDatabase

    /// Adds a job that is not known yet, due at `date`; a job already known keeps its schedule.
    public func register(_ name: String, dueAt date: Date) async throws {
        try await database.insert(into: "scheduled_jobs")
            .columns("name", "due_at", "claimed_by", "claimed_until", "failures")
            .values(SQLBind(name), SQLBind(Timestamp.microseconds(date)), SQLLiteral.null, SQLLiteral.null, SQLBind(0))
            .ignoringConflicts(with: ["name"]).run()
    }

    /// Claims a job for a node when it is due and nobody holds it (or a holder's claim lapsed, as when its node
    /// died mid-run).
    ///
    /// - Returns: the job's consecutive failures before this run, or `nil` when the job is not the node's to run.
    public func claim(_ name: String, node: String, now: Date, until: Date) async throws -> Int? {
        let time = Timestamp.microseconds(now)
        return try await database.update("scheduled_jobs")
            .set("claimed_by", to: node).set("claimed_until", to: Timestamp.microseconds(until))
            .where("name", .equal, name).where("due_at", .lessThanOrEqual, time)
            .where { free in
                free.where("claimed_until", .is, SQLLiteral.null).orWhere("claimed_until", .lessThanOrEqual, time)
            }
            .returning("failures").first()
            .map { try $0.decode(column: "failures", as: Int.self) }
    }

    /// Releases a node's claim and sets when the job is next due; records the run.
    ///
    /// - Returns: `false` when the node no longer held the claim (it lapsed and another node took the job); the
    ///   run is recorded either way.
    @discardableResult
    public func finish(_ run: JobRun, nextDue: Date, failures: Int) async throws -> Bool {
        let released = try await database.update("scheduled_jobs")
            .set("claimed_by", to: SQLLiteral.null).set("claimed_until", to: SQLLiteral.null)
            .set("due_at", to: Timestamp.microseconds(nextDue)).set("failures", to: failures)
            .where("name", .equal, run.job).where("claimed_by", .equal, run.node)
            .returning("name").all()
        try await database.insert(
            [[
                run.id.rawValue, run.job, run.node, Timestamp.microseconds(run.startedAt),
                Timestamp.microseconds(run.finishedAt), run.outcome.rawValue, run.detail,
            ]], into: "job_runs", columns: ["id", "job", "node", "started_at", "finished_at", "outcome", "detail"])
        return !released.isEmpty
    }

    /// Every known job's next due time and, while a node holds it, until when: read by each scheduler tick, so that
    /// only jobs that are due cost a write.
    public func schedule() async throws -> [String: (dueAt: Date, claimedUntil: Date?)] {
        var schedule: [String: (dueAt: Date, claimedUntil: Date?)] = [:]
        for row in try await database.select().columns("name", "due_at", "claimed_until").from("scheduled_jobs").all() {
            let stored = try StoredRow(row, table: "scheduled_jobs", idColumn: "name")
            schedule[stored.id] = (try stored.date("due_at"), try stored.optionalDate("claimed_until"))
        }
        return schedule
    }

    /// When a job is next due, if it is known.
    public func dueAt(_ name: String) async throws -> Date? {
        try await database.select().column("due_at").from("scheduled_jobs").where("name", .equal, name).first()
            .map { Timestamp.date(try $0.decode(column: "due_at", as: Int64.self)) }
    }

    /// The most recent runs of a job, newest first.
    public func runs(of job: String, limit: Int) async throws -> [JobRun] {
        try await database.select()
            .columns("id", "job", "node", "started_at", "finished_at", "outcome", "detail").from("job_runs")
            .where("job", .equal, job).orderBy("started_at", .descending).orderBy("id", .descending).limit(limit)
            .all().map { row in
                let stored = try StoredRow(row, table: "job_runs")
                return JobRun(
                    id: try stored.identifier("id"), job: try stored.text("job"), node: try stored.text("node"),
                    startedAt: try stored.date("started_at"), finishedAt: try stored.date("finished_at"),
                    outcome: try stored.enumeration("outcome"), detail: try stored.optionalText("detail"))
            }
    }
}

/// One run of a scheduled job, as recorded.
public struct JobRun: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<JobRun>

    /// How a run ended.
    public enum Outcome: String, Sendable, Hashable {
        case succeeded
        case failed
    }

    public let id: ID
    public let job: String
    /// The node that ran it.
    public let node: String
    public let startedAt: Date
    public let finishedAt: Date
    public let outcome: Outcome
    /// What the job reported, or why it failed.
    public let detail: String?

    public init(
        id: ID, job: String, node: String, startedAt: Date, finishedAt: Date, outcome: Outcome, detail: String?
    ) {
        self.id = id
        self.job = job
        self.node = node
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.detail = detail
    }
}
