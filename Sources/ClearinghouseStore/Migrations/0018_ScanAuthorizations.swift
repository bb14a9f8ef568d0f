extension Migration {
    /// The networks and names organizations own, their grants to scanners, the grant each `net` lease rests on, and
    /// maintainers' preferences for scans of their products.
    static let scanAuthorizations = Migration(name: "0018_scan_authorizations") { _ in
        [
            """
            CREATE TABLE scan_assets (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                scope TEXT NOT NULL,
                name TEXT NOT NULL,
                verification_method TEXT,
                verification_note TEXT,
                verified_by TEXT,
                verified_at BIGINT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX scan_assets_by_organization ON scan_assets (organization_id, id)",
            """
            CREATE TABLE scan_grants (
                id TEXT PRIMARY KEY,
                granter_id TEXT NOT NULL REFERENCES organizations (id),
                grantee_id TEXT NOT NULL REFERENCES organizations (id),
                scopes TEXT NOT NULL,
                techniques TEXT NOT NULL,
                starts_at BIGINT NOT NULL,
                ends_at BIGINT NOT NULL,
                max_requests_per_second INTEGER NOT NULL,
                contact TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
            "CREATE INDEX scan_grants_by_grantee ON scan_grants (grantee_id, ends_at)",
            "CREATE INDEX scan_grants_by_granter ON scan_grants (granter_id, id)",
            "ALTER TABLE scan_leases ADD COLUMN grant_id TEXT",
            "CREATE INDEX scan_leases_by_grant ON scan_leases (grant_id, state)",
            // How many leases an organization holds in force is counted at every claim.
            "CREATE INDEX scan_leases_in_force ON scan_leases (organization_id, state, ends_at)",
            """
            CREATE TABLE scan_preferences (
                organization_id TEXT PRIMARY KEY REFERENCES organizations (id),
                requires_proof INTEGER NOT NULL,
                allows_ai_agents INTEGER NOT NULL,
                contact TEXT,
                updated_at BIGINT NOT NULL
            )
            """,
        ]
    }
}
