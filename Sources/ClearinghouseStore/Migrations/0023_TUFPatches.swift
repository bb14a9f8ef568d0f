extension Migration {
    /// The patches of published cases as TUF targets: each names the artifact that holds its bytes, under the
    /// advisory that published it.
    static let tufPatches = Migration(name: "0023_tuf_patches") { _ in
        [
            """
            CREATE TABLE tuf_patch_targets (
                path TEXT PRIMARY KEY,
                length BIGINT NOT NULL,
                sha256 TEXT NOT NULL REFERENCES artifacts (sha256),
                advisory_id TEXT NOT NULL REFERENCES published_advisories (id),
                added_at BIGINT NOT NULL,
                UNIQUE (advisory_id, sha256)
            )
            """
        ]
    }
}
