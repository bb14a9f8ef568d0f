extension Migration {
    /// The frontier framework: designation authorities, registered models, pre-registered threshold policies.
    static let frontier = Migration(name: "0025_frontier") { _ in
        [
            """
            CREATE TABLE designation_authorities (
                organization_id TEXT PRIMARY KEY REFERENCES organizations (id),
                designated_by TEXT NOT NULL REFERENCES organizations (id),
                designated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE frontier_models (
                id TEXT PRIMARY KEY,
                developer_id TEXT NOT NULL REFERENCES organizations (id),
                name TEXT NOT NULL,
                version TEXT NOT NULL,
                planned_release_at BIGINT,
                confidentiality TEXT NOT NULL,
                registered_at BIGINT NOT NULL,
                released_at BIGINT,
                withdrawn_at BIGINT
            )
            """,
            "CREATE INDEX frontier_models_developer ON frontier_models (developer_id, id)",
            """
            CREATE TABLE threshold_policies (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                version INTEGER NOT NULL,
                document TEXT NOT NULL,
                digest TEXT NOT NULL,
                registered_by TEXT NOT NULL REFERENCES organizations (id),
                registered_at BIGINT NOT NULL,
                UNIQUE (name, version)
            )
            """,
        ]
    }
}
