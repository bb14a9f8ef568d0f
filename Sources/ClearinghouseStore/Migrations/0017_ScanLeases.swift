extension Migration {
    /// Leases on scan scopes, and the rows claims lock so that overlapping claims, on any node, take turns.
    static let scanLeases = Migration(name: "0017_scan_leases") { _ in
        [
            """
            CREATE TABLE scan_leases (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                bucket TEXT NOT NULL,
                kind TEXT NOT NULL,
                scope TEXT NOT NULL,
                technique TEXT NOT NULL,
                agent TEXT NOT NULL,
                allows_overlap INTEGER NOT NULL,
                starts_at BIGINT NOT NULL,
                ends_at BIGINT NOT NULL,
                heartbeat_at BIGINT NOT NULL,
                state TEXT NOT NULL,
                summary TEXT,
                created_at BIGINT NOT NULL,
                finished_at BIGINT
            )
            """,
            "CREATE INDEX scan_leases_by_bucket ON scan_leases (bucket, state, ends_at)",
            "CREATE INDEX scan_leases_by_organization ON scan_leases (organization_id, id)",
            "CREATE TABLE scan_buckets (key TEXT PRIMARY KEY)",
        ]
    }
}
