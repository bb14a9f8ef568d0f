extension Migration {
    /// Organizations, API tokens, the audit trail and the bootstrap marker.
    ///
    /// Times are BIGINT microseconds since the Unix epoch, identifiers lowercase UUID text, so that the same
    /// statements hold on SQLite and PostgreSQL.
    static let foundation = Migration(name: "0001_foundation") { dialect in
        let tables = [
            """
            CREATE TABLE organizations (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                sector TEXT,
                contacts TEXT NOT NULL,
                verification_state TEXT NOT NULL,
                verified_at BIGINT,
                verified_by TEXT REFERENCES organizations (id),
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                name TEXT,
                prefix TEXT NOT NULL UNIQUE,
                secret_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                revoked_at BIGINT,
                last_used_at BIGINT,
                created_by TEXT REFERENCES api_tokens (id)
            )
            """,
            "CREATE INDEX api_tokens_by_organization ON api_tokens (organization_id, id)",
            """
            CREATE TABLE audit_events (
                id TEXT PRIMARY KEY,
                occurred_at BIGINT NOT NULL,
                actor_organization_id TEXT,
                actor_token_id TEXT,
                actor_channel TEXT NOT NULL,
                action TEXT NOT NULL,
                target_type TEXT,
                target_id TEXT,
                request_id TEXT,
                outcome TEXT NOT NULL,
                detail TEXT
            )
            """,
            "CREATE INDEX audit_events_by_actor ON audit_events (actor_organization_id, id)",
            "CREATE INDEX audit_events_by_target ON audit_events (target_id, id)",
            """
            CREATE TABLE instance (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                coordinator_organization_id TEXT NOT NULL REFERENCES organizations (id),
                bootstrapped_at BIGINT NOT NULL
            )
            """,
        ]
        let appendOnlyAudit: [String]
        switch dialect {
        case .sqlite:
            appendOnlyAudit = ["UPDATE", "DELETE"].map { operation in
                """
                CREATE TRIGGER audit_events_append_only_\(operation.lowercased()) BEFORE \(operation) ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END
                """
            }
        case .postgres:
            appendOnlyAudit = [
                """
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$
                """,
                """
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
                FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()
                """,
            ]
        }
        return tables + appendOnlyAudit
    }
}
