extension Migration {
    /// Evaluations of registered models: each kept whole in the native format, with the submitted file's SHA-256.
    static let modelEvaluations = Migration(name: "0026_model_evaluations") { _ in
        [
            """
            CREATE TABLE model_evaluations (
                id TEXT PRIMARY KEY,
                model_id TEXT NOT NULL REFERENCES frontier_models (id),
                suite TEXT NOT NULL,
                submitted_by TEXT NOT NULL REFERENCES organizations (id),
                submitted_at BIGINT NOT NULL,
                digest TEXT NOT NULL,
                log TEXT NOT NULL
            )
            """,
            "CREATE INDEX model_evaluations_model ON model_evaluations (model_id, id)",
        ]
    }
}
