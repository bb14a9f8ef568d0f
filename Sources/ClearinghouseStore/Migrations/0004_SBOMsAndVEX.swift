extension Migration {
    /// SBOMs of organizations' assets and VEX documents, each stored as received (JSON text).
    static let sbomsAndVEX = Migration(name: "0004_sboms_and_vex") { _ in
        [
            """
            CREATE TABLE sboms (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                asset TEXT NOT NULL,
                internet_facing INTEGER NOT NULL,
                document TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX sboms_by_organization ON sboms (organization_id, asset)",
            """
            CREATE TABLE vex_documents (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                applies_to_everyone INTEGER NOT NULL,
                document TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX vex_documents_by_organization ON vex_documents (organization_id)",
        ]
    }
}
