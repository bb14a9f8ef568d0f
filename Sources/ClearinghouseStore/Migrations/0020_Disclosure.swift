extension Migration {
    /// Coordinated disclosure: a validated case's embargo (the date now proposed, who agreed to it) with every change
    /// in order; each participant's status on the case; the fixes vendors record; the advisories published, with
    /// the last number given in each prefix and year.
    static let disclosure = Migration(name: "0020_disclosure") { _ in
        [
            """
            CREATE TABLE case_embargoes (
                case_id TEXT PRIMARY KEY REFERENCES cases (id),
                validated_at BIGINT NOT NULL,
                state TEXT NOT NULL,
                public_local TEXT NOT NULL,
                public_zone TEXT NOT NULL,
                public_at BIGINT NOT NULL,
                agreed TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            // The scheduler finds active embargoes by their date (reminders, expiry).
            "CREATE INDEX case_embargoes_by_date ON case_embargoes (state, public_at)",
            """
            CREATE TABLE embargo_changes (
                case_id TEXT NOT NULL REFERENCES cases (id),
                position INTEGER NOT NULL,
                kind TEXT NOT NULL,
                organization_id TEXT REFERENCES organizations (id),
                public_local TEXT NOT NULL,
                public_zone TEXT NOT NULL,
                public_at BIGINT NOT NULL,
                reason TEXT,
                changed_at BIGINT NOT NULL,
                PRIMARY KEY (case_id, position)
            )
            """,
            """
            CREATE TABLE participant_statuses (
                case_id TEXT NOT NULL REFERENCES cases (id),
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                status TEXT NOT NULL,
                justification TEXT,
                statement TEXT,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (case_id, organization_id)
            )
            """,
            """
            CREATE TABLE case_fixes (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases (id),
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                target TEXT NOT NULL,
                introduced TEXT,
                patch TEXT,
                note TEXT,
                recorded_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX case_fixes_by_case ON case_fixes (case_id, id)",
            """
            CREATE TABLE advisory_numbers (
                prefix TEXT NOT NULL,
                year INTEGER NOT NULL,
                last_number INTEGER NOT NULL,
                PRIMARY KEY (prefix, year)
            )
            """,
            """
            CREATE TABLE published_advisories (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL UNIQUE REFERENCES cases (id),
                stix_id TEXT NOT NULL UNIQUE,
                draft TEXT NOT NULL,
                published_at BIGINT NOT NULL
            )
            """,
            // TAXII pages published advisories in the order they were added.
            "CREATE INDEX published_advisories_by_time ON published_advisories (published_at, id)",
        ]
    }
}
