public import ClearinghouseCore
public import Foundation
public import Logging
import SQLKit

/// The one SQL layer: every read and write of Clearinghouse data goes through a `Store`, on SQLite or PostgreSQL.
///
/// A write is a transaction that carries its audit event: ``write(_:_:)`` commits the change and the event
/// together or neither, so no mutation escapes the audit trail.
public struct Store: Sendable {
    let engine: any DatabaseEngine
    /// The log's upper Merkle nodes, shared by every read.
    let nodeCache = PerfectNodeCache()

    /// The engine behind the store.
    public var dialect: Dialect { engine.dialect }

    /// Connects to a database. On PostgreSQL nothing is reached until the store runs (see ``StoreService``).
    ///
    /// - Throws: `ClearinghouseError.unavailable` when an SQLite file cannot be opened.
    public static func open(_ url: DatabaseURL, logger: Logger) async throws -> Store {
        switch url {
        case .sqlite(let path):
            let readers = max(2, ProcessInfo.processInfo.activeProcessorCount)
            return Store(engine: try await SQLiteEngine.open(path: path, readerCount: readers, logger: logger))
        case .postgres(let location):
            return Store(engine: PostgresEngine(location: location, logger: logger))
        }
    }

    /// Runs reads. On SQLite the session refuses writes.
    public func read<T: Sendable>(_ body: @Sendable (Repositories) async throws -> T) async throws -> T {
        let nodeCache = nodeCache
        return try await engine.read { database in try await body(Repositories(database, nodeCache: nodeCache)) }
    }

    /// Runs a change and appends its audit event, in one transaction.
    ///
    /// - Parameters:
    ///   - event: The audit event that describes the change.
    ///   - body: The change.
    /// - Returns: What `body` returns, once committed.
    /// - Throws: `ClearinghouseError.conflict` when the change violates a uniqueness rule, or whatever `body`
    ///   throws; nothing is written then.
    public func write<T: Sendable>(
        _ event: AuditEvent, _ body: @Sendable (Repositories) async throws -> T
    ) async throws -> T {
        try await writeNotingChanges(event, body).value
    }

    /// Like ``write(_:_:)``, and tells whether the change recorded catalog changes (``ChangeRepository``), which
    /// the node that committed it then applies at once.
    public func writeNotingChanges<T: Sendable>(
        _ event: AuditEvent, _ body: @Sendable (Repositories) async throws -> T
    ) async throws -> (value: T, changedCatalogs: Bool) {
        let marks = ChangeMarks()
        do {
            let value = try await engine.transaction { database in
                let repositories = Repositories(database, marks: marks)
                let result = try await body(repositories)
                try await repositories.audit.append(event)
                return result
            }
            return (value, marks.any)
        } catch let error where engine.isUniqueViolation(error) {
            throw ClearinghouseError(.conflict, "The change conflicts with an existing record.")
        }
    }

    /// Appends an audit event that records no change, such as a refused attempt.
    public func record(_ event: AuditEvent) async throws {
        try await write(event) { _ in }
    }

    /// Records that a token authenticated a request: bookkeeping of authentication, made at most once a minute per
    /// token.
    public func recordTokenUse(_ id: APIToken.ID, at date: Date) async throws {
        try await bookkeeping { try await $0.tokens.recordUse(of: id, at: date) }
    }

    /// Runs a transaction of the server's own bookkeeping, which carries no audit event because no party asked for
    /// it: token use, the scheduler's claims and run records, the outbox's delivery state. A change that a party
    /// asked for, or that a scheduled job makes to records, goes through ``write(_:_:)``.
    public func bookkeeping<T: Sendable>(_ body: @Sendable (Repositories) async throws -> T) async throws -> T {
        try await engine.transaction { database in try await body(Repositories(database)) }
    }

    /// Applies pending migrations.
    ///
    /// - Returns: The names of the migrations applied now.
    /// - Throws: `ClearinghouseError.schemaMismatch` when the database does not match this build.
    @discardableResult
    public func migrate(now: Date) async throws -> [String] {
        try await Migrator(migrations: Migrations.all).migrate(engine, now: now)
    }

    /// The names of every migration this build knows, oldest first.
    public static var migrationNames: [String] { Migrations.all.map(\.name) }

    /// Commits the first coordinator organization, its first token and the audit event, once per database.
    ///
    /// - Throws: `ClearinghouseError.alreadyBootstrapped` when the database already has organizations.
    public func bootstrap(_ plan: Bootstrap) async throws {
        let refusal = ClearinghouseError(
            .alreadyBootstrapped,
            "This database is already bootstrapped: it has organizations. Use an admin token of the coordinator organization to mint more tokens."
        )
        do {
            try await write(plan.event) { repositories in
                guard try await repositories.organizations.count() == 0 else { throw refusal }
                try await repositories.organizations.insert(plan.organization)
                try await repositories.tokens.insert(plan.token.token)
                try await repositories.markBootstrapped(by: plan.organization.id, at: plan.organization.createdAt)
                _ = try await repositories.log.append([plan.logEntry], at: plan.organization.createdAt)
            }
        } catch let error as ClearinghouseError where error.code == .conflict {
            throw refusal
        }
    }

    /// Closes the store's connections. A store that ran under ``StoreService`` is closed when the service ends.
    public func close() async {
        await engine.close()
    }

    /// Writes a consistent copy of a SQLite database to `path`, a file that must not exist yet, while servers keep
    /// using the database. PostgreSQL is backed up with its own tools (docs/operations.md).
    ///
    /// - Throws: `ClearinghouseError.invalidRequest` for a PostgreSQL store or an existing file.
    public func backUp(to path: String) async throws {
        guard let sqlite = engine as? SQLiteEngine else {
            throw ClearinghouseError(
                .invalidRequest, "Back up PostgreSQL with pg_dump, as docs/operations.md describes; `backup` copies SQLite.")
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ClearinghouseError(.invalidRequest, "\(path) exists; a backup is written to a new file.")
        }
        try await sqlite.copy(to: path)
    }

    /// Checks that the database answers.
    public func ping() async throws {
        try await engine.read { database in
            _ = try await database.raw("SELECT 1 AS one").first()
        }
    }
}

extension Repositories {
    /// Inserts the single `instance` row; a second insert violates its primary key, so two concurrent bootstraps
    /// cannot both commit.
    func markBootstrapped(by organization: Organization.ID, at date: Date) async throws {
        try await database.insert(into: "instance")
            .columns("singleton", "coordinator_organization_id", "bootstrapped_at")
            .values(SQLBind(1), SQLBind(organization.rawValue), SQLBind(Timestamp.microseconds(date)))
            .run()
    }
}
