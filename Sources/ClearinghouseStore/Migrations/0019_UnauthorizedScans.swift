extension Migration {
    /// Findings about infrastructure that rest on no lease of their reporter: the reason on the finding, and the
    /// flag with the place and its owner for coordinators and owners to list; assets found by their scope.
    static let unauthorizedScans = Migration(name: "0019_unauthorized_scans") { _ in
        [
            "ALTER TABLE findings ADD COLUMN unauthorized_scan TEXT",
            """
            CREATE TABLE unauthorized_scans (
                finding_id TEXT PRIMARY KEY REFERENCES findings (id),
                reporter_id TEXT NOT NULL REFERENCES organizations (id),
                place TEXT NOT NULL,
                reason TEXT NOT NULL,
                asset_id TEXT,
                owner_id TEXT REFERENCES organizations (id),
                flagged_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX unauthorized_scans_by_owner ON unauthorized_scans (owner_id, finding_id)",
            // The owner of a place is found by the scopes that contain it (`ScanScope.containers`).
            "CREATE INDEX scan_assets_by_scope ON scan_assets (scope)",
        ]
    }
}
