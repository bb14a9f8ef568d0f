extension Migration {
    /// People who sign in to the web interface, the invitations that bring them in, and their sessions. Secrets
    /// are kept as SHA-256 (invitations, sessions) or scrypt (passwords); audit events name the person acting.
    static let people = Migration(name: "0011_people") { _ in
        [
            """
            CREATE TABLE people (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                password_hash TEXT,
                second_factor TEXT,
                last_code_step BIGINT,
                failed_sign_ins INTEGER NOT NULL,
                locked_until BIGINT,
                created_at BIGINT NOT NULL,
                disabled_at BIGINT
            )
            """,
            "CREATE INDEX people_by_organization ON people (organization_id, id)",
            """
            CREATE TABLE invitations (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                email TEXT NOT NULL,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                prefix TEXT NOT NULL UNIQUE,
                secret_hash TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                accepted_at BIGINT,
                revoked_at BIGINT
            )
            """,
            "CREATE INDEX invitations_by_organization ON invitations (organization_id, id)",
            """
            CREATE TABLE web_sessions (
                id TEXT PRIMARY KEY,
                person_id TEXT NOT NULL REFERENCES people (id),
                prefix TEXT NOT NULL UNIQUE,
                secret_hash TEXT NOT NULL,
                stage TEXT NOT NULL,
                pending_second_factor TEXT,
                created_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL,
                ended_at BIGINT
            )
            """,
            "CREATE INDEX web_sessions_by_person ON web_sessions (person_id)",
            "ALTER TABLE audit_events ADD COLUMN actor_person_id TEXT",
        ]
    }
}
