extension Migration {
    /// Each finding's aliases (a JSON array, as reported) and Package URL get columns of their own: the priority
    /// queue reads them for every open case on every request, and no longer parses each finding's whole document
    /// to do so. Findings stored before have theirs taken from their documents.
    static let findingNames = Migration(name: "0012_finding_names") { dialect in
        let backfill =
            switch dialect {
            case .sqlite:
                """
                UPDATE findings SET aliases = COALESCE(json_extract(document, '$.aliases'), '[]'),
                    purl = json_extract(document, '$.target.purl')
                """
            case .postgres:
                """
                UPDATE findings SET aliases = COALESCE((document::jsonb -> 'aliases')::text, '[]'),
                    purl = document::jsonb -> 'target' ->> 'purl'
                """
            }
        return [
            "ALTER TABLE findings ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]'",
            "ALTER TABLE findings ADD COLUMN purl TEXT",
            backfill,
        ]
    }
}
