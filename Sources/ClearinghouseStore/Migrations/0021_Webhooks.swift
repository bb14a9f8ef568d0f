extension Migration {
    /// Webhooks: organizations' subscriptions (deleted ones kept, for their delivery log), each delivery with its
    /// body and state, and every attempt at it; the embargo reminders sent, one for each lead time and date; the
    /// alerts sent to organizations a case affects, and which published advisories have had theirs.
    static let webhooks = Migration(name: "0021_webhooks") { _ in
        [
            """
            CREATE TABLE webhook_subscriptions (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                url TEXT NOT NULL,
                events TEXT NOT NULL,
                description TEXT NOT NULL,
                secret TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                deleted_at BIGINT
            )
            """,
            "CREATE INDEX webhook_subscriptions_by_organization ON webhook_subscriptions (organization_id, id)",
            """
            CREATE TABLE webhook_deliveries (
                id TEXT PRIMARY KEY,
                subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions (id),
                event_type TEXT NOT NULL,
                body TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                finished_at BIGINT
            )
            """,
            "CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, id)",
            """
            CREATE TABLE webhook_attempts (
                delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id),
                attempt INTEGER NOT NULL,
                at BIGINT NOT NULL,
                status_code INTEGER,
                error TEXT,
                milliseconds INTEGER NOT NULL,
                PRIMARY KEY (delivery_id, attempt)
            )
            """,
            """
            CREATE TABLE embargo_reminders (
                case_id TEXT NOT NULL REFERENCES cases (id),
                reminder TEXT NOT NULL,
                public_at BIGINT NOT NULL,
                sent_at BIGINT NOT NULL,
                PRIMARY KEY (case_id, reminder, public_at)
            )
            """,
            """
            CREATE TABLE exposure_alerts (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                sbom_id TEXT NOT NULL,
                asset TEXT NOT NULL,
                component TEXT NOT NULL,
                instructions TEXT NOT NULL,
                case_id TEXT NOT NULL REFERENCES cases (id),
                advisory_id TEXT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX exposure_alerts_by_organization ON exposure_alerts (organization_id, id)",
            "CREATE UNIQUE INDEX exposure_alerts_once ON exposure_alerts (case_id, kind, sbom_id, component)",
            "ALTER TABLE published_advisories ADD COLUMN alerted_at BIGINT",
        ]
    }
}
