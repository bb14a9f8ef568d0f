extension Migration {
    /// Advisories: each OSV document as received, who may see it, whether it is published, and its aliases for
    /// look-ups by CVE or GHSA id.
    static let advisories = Migration(name: "0003_advisories") { _ in
        [
            """
            CREATE TABLE advisories (
                id TEXT PRIMARY KEY,
                modified BIGINT NOT NULL,
                withdrawn BIGINT,
                is_published INTEGER NOT NULL,
                label TEXT NOT NULL,
                owner_organization_id TEXT REFERENCES organizations (id),
                participants TEXT NOT NULL,
                document TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE advisory_aliases (
                advisory_id TEXT NOT NULL REFERENCES advisories (id) ON DELETE CASCADE,
                alias TEXT NOT NULL,
                PRIMARY KEY (advisory_id, alias)
            )
            """,
            "CREATE INDEX advisory_aliases_by_alias ON advisory_aliases (alias)",
        ]
    }
}
