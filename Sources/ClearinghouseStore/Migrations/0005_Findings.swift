extension Migration {
    /// Findings, the cases they fold into, the fingerprints that fold them, case transitions and messages, proof
    /// artifacts, validators' keys, validation jobs, claims and attestations, and reporters' intake policies.
    static let findings = Migration(name: "0005_findings") { dialect in
        let binary = dialect == .postgres ? "BYTEA" : "BLOB"
        return [
            """
            CREATE TABLE cases (
                id TEXT PRIMARY KEY,
                state TEXT NOT NULL,
                label TEXT NOT NULL,
                owner_organization_id TEXT NOT NULL REFERENCES organizations (id),
                first_finding_id TEXT NOT NULL,
                title TEXT NOT NULL,
                merged_into TEXT REFERENCES cases (id),
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE case_participants (
                case_id TEXT NOT NULL REFERENCES cases (id),
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                added_at BIGINT NOT NULL,
                PRIMARY KEY (case_id, organization_id)
            )
            """,
            "CREATE INDEX case_participants_by_organization ON case_participants (organization_id)",
            """
            CREATE TABLE case_transitions (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases (id),
                from_state TEXT,
                to_state TEXT NOT NULL,
                actor_organization_id TEXT,
                actor_token_id TEXT,
                actor_channel TEXT NOT NULL,
                reason TEXT,
                occurred_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX case_transitions_by_case ON case_transitions (case_id, id)",
            """
            CREATE TABLE findings (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases (id),
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                reported_at BIGINT NOT NULL,
                duplicate_of TEXT,
                fingerprints TEXT NOT NULL,
                document TEXT NOT NULL
            )
            """,
            "CREATE INDEX findings_by_case ON findings (case_id, id)",
            "CREATE INDEX findings_by_organization ON findings (organization_id, id)",
            """
            CREATE TABLE fingerprints (
                key TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases (id)
            )
            """,
            "CREATE INDEX fingerprints_by_case ON fingerprints (case_id)",
            """
            CREATE TABLE artifacts (
                sha256 TEXT PRIMARY KEY,
                size BIGINT NOT NULL,
                media_type TEXT NOT NULL,
                content \(binary) NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE artifact_owners (
                sha256 TEXT NOT NULL REFERENCES artifacts (sha256),
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                uploaded_at BIGINT NOT NULL,
                PRIMARY KEY (sha256, organization_id)
            )
            """,
            """
            CREATE TABLE finding_artifacts (
                finding_id TEXT NOT NULL REFERENCES findings (id),
                sha256 TEXT NOT NULL REFERENCES artifacts (sha256),
                PRIMARY KEY (finding_id, sha256)
            )
            """,
            "CREATE INDEX finding_artifacts_by_artifact ON finding_artifacts (sha256)",
            """
            CREATE TABLE case_messages (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases (id),
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                token_id TEXT,
                body TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX case_messages_by_case ON case_messages (case_id, id)",
            """
            CREATE TABLE validator_keys (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                key_id TEXT NOT NULL UNIQUE,
                public_key \(binary) NOT NULL,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
            """
            CREATE TABLE validation_jobs (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases (id),
                kind TEXT NOT NULL,
                target TEXT,
                artifact TEXT,
                quorum INTEGER NOT NULL,
                outcome TEXT,
                created_at BIGINT NOT NULL,
                closed_at BIGINT
            )
            """,
            "CREATE INDEX validation_jobs_by_case ON validation_jobs (case_id)",
            "CREATE INDEX validation_jobs_open ON validation_jobs (closed_at, id)",
            """
            CREATE TABLE validation_claims (
                id TEXT PRIMARY KEY,
                job_id TEXT NOT NULL REFERENCES validation_jobs (id),
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                claimed_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                attestation_id TEXT,
                UNIQUE (job_id, organization_id)
            )
            """,
            """
            CREATE TABLE attestations (
                id TEXT PRIMARY KEY,
                job_id TEXT NOT NULL REFERENCES validation_jobs (id),
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                key_id TEXT NOT NULL,
                result TEXT NOT NULL,
                environment_digest TEXT NOT NULL,
                observed_signature TEXT NOT NULL,
                signature \(binary) NOT NULL,
                submitted_at BIGINT NOT NULL,
                UNIQUE (job_id, organization_id)
            )
            """,
            """
            CREATE TABLE intake_policies (
                organization_id TEXT PRIMARY KEY REFERENCES organizations (id),
                daily_quota INTEGER,
                precision_floor DOUBLE PRECISION,
                updated_at BIGINT NOT NULL
            )
            """,
        ]
    }
}
