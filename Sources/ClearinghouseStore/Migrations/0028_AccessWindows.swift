extension Migration {
    /// Pre-release access windows: the window, each evaluator's terms and attestation (and when it was reminded of
    /// the close and last asked to attest), and every access attempt.
    static let accessWindows = Migration(name: "0028_access_windows") { _ in
        [
            """
            CREATE TABLE access_windows (
                id TEXT PRIMARY KEY,
                model_id TEXT NOT NULL REFERENCES frontier_models (id),
                developer_id TEXT NOT NULL REFERENCES organizations (id),
                starts_at BIGINT NOT NULL,
                ends_at BIGINT NOT NULL,
                purpose TEXT NOT NULL,
                opened_at BIGINT NOT NULL,
                closed_at BIGINT
            )
            """,
            "CREATE INDEX access_windows_model ON access_windows (model_id, id)",
            "CREATE INDEX access_windows_developer ON access_windows (developer_id, id)",
            """
            CREATE TABLE access_window_evaluators (
                window_id TEXT NOT NULL REFERENCES access_windows (id),
                evaluator_id TEXT NOT NULL REFERENCES organizations (id),
                position INTEGER NOT NULL,
                nda_scope TEXT,
                ip_categories TEXT,
                handling_level TEXT,
                accepted_at BIGINT,
                disposition TEXT,
                statement TEXT,
                attested_at BIGINT,
                reminded_at BIGINT,
                chased_at BIGINT,
                PRIMARY KEY (window_id, evaluator_id)
            )
            """,
            "CREATE INDEX access_window_evaluators_evaluator ON access_window_evaluators (evaluator_id, window_id)",
            """
            CREATE TABLE window_accesses (
                id TEXT PRIMARY KEY,
                window_id TEXT NOT NULL REFERENCES access_windows (id),
                evaluator_id TEXT NOT NULL REFERENCES organizations (id),
                actor TEXT NOT NULL,
                resource TEXT NOT NULL,
                kind TEXT NOT NULL,
                at BIGINT NOT NULL,
                from_address TEXT NOT NULL,
                outcome TEXT NOT NULL,
                signals TEXT NOT NULL
            )
            """,
            "CREATE INDEX window_accesses_window ON window_accesses (window_id, id)",
            "CREATE INDEX window_accesses_evaluator ON window_accesses (window_id, evaluator_id, at)",
        ]
    }
}
