extension Migration {
    /// Developers' designation requests, authorities' determinations, and the consulted organizations' sign-offs.
    static let determinations = Migration(name: "0027_determinations") { _ in
        [
            """
            CREATE TABLE designation_requests (
                id TEXT PRIMARY KEY,
                model_id TEXT NOT NULL REFERENCES frontier_models (id),
                requested_by TEXT NOT NULL REFERENCES organizations (id),
                requested_at BIGINT NOT NULL,
                evaluation_ids TEXT NOT NULL,
                note TEXT
            )
            """,
            "CREATE INDEX designation_requests_model ON designation_requests (model_id, id)",
            """
            CREATE TABLE determinations (
                id TEXT PRIMARY KEY,
                model_id TEXT NOT NULL REFERENCES frontier_models (id),
                request_id TEXT REFERENCES designation_requests (id),
                policy_id TEXT NOT NULL REFERENCES threshold_policies (id),
                outcome TEXT NOT NULL,
                rationale TEXT NOT NULL,
                evaluation_ids TEXT NOT NULL,
                consulted TEXT NOT NULL,
                recorded_by TEXT NOT NULL REFERENCES organizations (id),
                recorded_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX determinations_model ON determinations (model_id, id)",
            """
            CREATE TABLE determination_sign_offs (
                determination_id TEXT NOT NULL REFERENCES determinations (id),
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                position TEXT NOT NULL,
                note TEXT,
                signed_at BIGINT NOT NULL,
                PRIMARY KEY (determination_id, organization_id)
            )
            """,
        ]
    }
}
