extension Migration {
    /// The change feed that in-memory catalogs follow, the scheduler's jobs and their runs, and the outbox of side
    /// effects that leave the process; when a lapsed validation claim was closed.
    ///
    /// `change_sequence` is one row that every change takes its number from under a row lock, so numbers become
    /// visible in the order they were taken: a follower that has read number n has seen everything below it.
    static let changesJobsOutbox = Migration(name: "0007_changes_jobs_outbox") { _ in
        [
            """
            CREATE TABLE change_sequence (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                last BIGINT NOT NULL,
                pruned_through BIGINT NOT NULL
            )
            """,
            "INSERT INTO change_sequence (singleton, last, pruned_through) VALUES (1, 0, 0)",
            """
            CREATE TABLE catalog_changes (
                sequence BIGINT PRIMARY KEY,
                topic TEXT NOT NULL,
                record_id TEXT NOT NULL,
                recorded_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE scheduled_jobs (
                name TEXT PRIMARY KEY,
                due_at BIGINT NOT NULL,
                claimed_by TEXT,
                claimed_until BIGINT,
                failures INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE job_runs (
                id TEXT PRIMARY KEY,
                job TEXT NOT NULL,
                node TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                finished_at BIGINT NOT NULL,
                outcome TEXT NOT NULL,
                detail TEXT
            )
            """,
            "CREATE INDEX job_runs_by_job ON job_runs (job, started_at)",
            """
            CREATE TABLE outbox (
                id TEXT PRIMARY KEY,
                topic TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                available_at BIGINT NOT NULL,
                attempts INTEGER NOT NULL,
                delivered_at BIGINT,
                last_error TEXT
            )
            """,
            "CREATE INDEX outbox_pending ON outbox (delivered_at, available_at)",
            "ALTER TABLE validation_claims ADD COLUMN expired_at BIGINT",
        ]
    }
}
