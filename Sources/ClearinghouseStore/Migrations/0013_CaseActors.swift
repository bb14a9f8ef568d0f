extension Migration {
    /// A case's history and messages name the person who acted through the web interface, as the audit trail does;
    /// messages also keep the channel they came by (those stored before came through the API).
    static let caseActors = Migration(name: "0013_case_actors") { _ in
        [
            "ALTER TABLE case_transitions ADD COLUMN actor_person_id TEXT",
            "ALTER TABLE case_messages ADD COLUMN person_id TEXT",
            "ALTER TABLE case_messages ADD COLUMN channel TEXT NOT NULL DEFAULT 'api'",
        ]
    }
}
