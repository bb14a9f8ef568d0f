import ClearinghouseCore
import Foundation
import SQLKit

/// Brings a database's schema up to date, once, even when several server nodes start together.
struct Migrator: Sendable {
    let migrations: [Migration]

    /// An arbitrary constant that names the migration lock among PostgreSQL advisory locks.
    private static let advisoryLockKey = 0x4348_4D49_4752_4154

    /// Applies every pending migration in one transaction.
    ///
    /// - Returns: The names of the migrations applied now, oldest first.
    /// - Throws: `ClearinghouseError.schemaMismatch` when the database holds a migration this build does not know
    ///   (it was migrated by a newer build) or a shipped migration whose text has changed.
    func migrate(_ engine: any DatabaseEngine, now: Date) async throws -> [String] {
        let dialect = engine.dialect
        let migrations = self.migrations
        return try await engine.transaction { database in
            if dialect == .postgres {
                try await database.raw("SELECT pg_advisory_xact_lock(\(unsafeRaw: String(Self.advisoryLockKey)))").run()
            }
            try await database.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)
                """
            ).run()
            let rows = try await database.select().columns("name", "checksum").from("schema_migrations").all()
            var applied: [String: String] = [:]
            for row in rows {
                applied[try row.decode(column: "name", as: String.self)] = try row.decode(
                    column: "checksum", as: String.self)
            }
            let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0) })
            for (name, checksum) in applied.sorted(by: { $0.key < $1.key }) {
                guard let migration = known[name] else {
                    throw ClearinghouseError(
                        .schemaMismatch,
                        "The database was migrated by a newer build (it has migration \(name), which this build does not know). Run a build at least as new as the one that migrated it."
                    )
                }
                guard migration.checksum(for: dialect) == checksum else {
                    throw ClearinghouseError(
                        .schemaMismatch,
                        "Migration \(name) differs from the one applied to this database. Shipped migrations must never be edited; add a new migration instead."
                    )
                }
            }
            var appliedNow: [String] = []
            for migration in migrations where applied[migration.name] == nil {
                for statement in migration.statements(dialect) {
                    try await database.raw(SQLQueryString(stringLiteral: statement)).run()
                }
                try await database.insert(into: "schema_migrations")
                    .columns("name", "checksum", "applied_at")
                    .values(
                        SQLBind(migration.name), SQLBind(migration.checksum(for: dialect)),
                        SQLBind(Timestamp.microseconds(now))
                    )
                    .run()
                appliedNow.append(migration.name)
            }
            return appliedNow
        }
    }
}
