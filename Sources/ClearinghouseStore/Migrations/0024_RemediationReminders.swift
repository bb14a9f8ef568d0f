extension Migration {
    /// The remediation reminders sent: one for each vendor, case, kind and due date.
    static let remediationReminders = Migration(name: "0024_remediation_reminders") { _ in
        [
            """
            CREATE TABLE remediation_reminders (
                case_id TEXT NOT NULL REFERENCES cases (id),
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                reminder TEXT NOT NULL,
                due_at BIGINT NOT NULL,
                sent_at BIGINT NOT NULL,
                PRIMARY KEY (case_id, organization_id, reminder, due_at)
            )
            """
        ]
    }
}
