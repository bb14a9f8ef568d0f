extension Migration {
    /// Imports started from the web interface, with their progress, so that any node can show how one stands.
    static let importRuns = Migration(name: "0015_import_runs") { _ in
        [
            """
            CREATE TABLE import_runs (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                filename TEXT NOT NULL,
                byte_count BIGINT NOT NULL,
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                person_id TEXT REFERENCES people (id),
                node TEXT NOT NULL,
                state TEXT NOT NULL,
                processed BIGINT NOT NULL,
                imported BIGINT NOT NULL,
                updated BIGINT NOT NULL,
                unchanged BIGINT NOT NULL,
                removed BIGINT NOT NULL,
                invalid_count BIGINT NOT NULL,
                invalid TEXT NOT NULL,
                failure TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                finished_at BIGINT
            )
            """,
            "CREATE INDEX import_runs_by_organization ON import_runs (organization_id, id)",
        ]
    }
}
