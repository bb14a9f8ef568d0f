extension Migration {
    /// The TUF repository: every version of each role's signed metadata (clients of consistent snapshots fetch
    /// them by version), and the targets with their content, each published advisory's once.
    static let tuf = Migration(name: "0022_tuf") { _ in
        [
            """
            CREATE TABLE tuf_metadata (
                role TEXT NOT NULL,
                version BIGINT NOT NULL,
                body TEXT NOT NULL,
                expires_at BIGINT NOT NULL,
                signed_at BIGINT NOT NULL,
                PRIMARY KEY (role, version)
            )
            """,
            """
            CREATE TABLE tuf_targets (
                path TEXT PRIMARY KEY,
                length BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                content TEXT NOT NULL,
                advisory_id TEXT UNIQUE REFERENCES published_advisories (id),
                added_at BIGINT NOT NULL
            )
            """,
        ]
    }
}
