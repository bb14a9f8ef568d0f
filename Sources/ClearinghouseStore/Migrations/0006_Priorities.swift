extension Migration {
    /// SSVC decisions, CISA's KEV catalog, FIRST's EPSS scores, and which version of each feed is held.
    static let priorities = Migration(name: "0006_priorities") { _ in
        [
            """
            CREATE TABLE ssvc_decisions (
                id TEXT PRIMARY KEY,
                subject_kind TEXT NOT NULL,
                subject_id TEXT NOT NULL,
                table_name TEXT NOT NULL,
                table_id TEXT NOT NULL,
                outcome_point TEXT NOT NULL,
                outcome TEXT NOT NULL,
                outcome_name TEXT NOT NULL,
                inputs TEXT NOT NULL,
                organization_id TEXT REFERENCES organizations (id),
                token_id TEXT,
                channel TEXT NOT NULL,
                rationale TEXT,
                decided_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX ssvc_decisions_by_subject ON ssvc_decisions (subject_kind, subject_id, decided_at)",
            """
            CREATE TABLE kev_entries (
                cve_id TEXT PRIMARY KEY,
                vendor_project TEXT NOT NULL,
                product TEXT NOT NULL,
                vulnerability_name TEXT NOT NULL,
                date_added TEXT NOT NULL,
                short_description TEXT NOT NULL,
                required_action TEXT NOT NULL,
                due_date TEXT NOT NULL,
                known_ransomware_campaign_use TEXT NOT NULL,
                notes TEXT NOT NULL,
                cwes TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE epss_scores (
                cve_id TEXT PRIMARY KEY,
                probability DOUBLE PRECISION NOT NULL,
                percentile DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE threat_feeds (
                name TEXT PRIMARY KEY,
                version TEXT NOT NULL,
                released TEXT NOT NULL,
                released_at BIGINT NOT NULL,
                entries BIGINT NOT NULL,
                imported_at BIGINT NOT NULL
            )
            """,
        ]
    }
}
