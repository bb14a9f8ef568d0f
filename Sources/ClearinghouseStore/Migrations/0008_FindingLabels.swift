extension Migration {
    /// Each finding keeps the label its reporter chose, which no case it joins may loosen. Findings stored before
    /// take their case's label, the label they were shown under until now.
    static let findingLabels = Migration(name: "0008_finding_labels") { _ in
        [
            "ALTER TABLE findings ADD COLUMN label TEXT NOT NULL DEFAULT 'AMBER+STRICT'",
            "UPDATE findings SET label = (SELECT label FROM cases WHERE cases.id = findings.case_id)",
        ]
    }
}
