public import ClearinghouseStore
import Foundation
import Logging
import PostgresNIO

/// A throwaway database for one test: an SQLite file in a fresh directory, or a fresh database on the PostgreSQL
/// server named by `CLEARINGHOUSE_TEST_POSTGRES_URL` (which `scripts/test` starts and sets).
public struct TestDatabase: Sendable {
    /// The environment variable naming the PostgreSQL server tests use.
    public static let postgresVariable = "CLEARINGHOUSE_TEST_POSTGRES_URL"

    /// The URL of the test's database.
    public let url: DatabaseURL
    private let cleanup: @Sendable () async throws -> Void

    /// Creates an empty database.
    ///
    /// - Throws: `TestDatabaseError.postgresNotConfigured` when PostgreSQL is asked for and
    ///   `CLEARINGHOUSE_TEST_POSTGRES_URL` is not set: run the suite with `scripts/test`.
    public static func create(_ dialect: Dialect) async throws -> TestDatabase {
        switch dialect {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("clearinghouse-test-\(UUID().uuidString.lowercased())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return TestDatabase(url: .sqlite(path: directory.appendingPathComponent("test.sqlite").path)) {
                try? FileManager.default.removeItem(at: directory)
            }
        case .postgres:
            guard let text = ProcessInfo.processInfo.environment[postgresVariable] else {
                throw TestDatabaseError.postgresNotConfigured
            }
            guard case .postgres(let server) = try DatabaseURL(parsing: text) else {
                throw TestDatabaseError.notPostgres(text)
            }
            let name = "ch_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await administer(server, "CREATE DATABASE \(name)")
            var location = server
            location.database = name
            // The suite's many stores share one cluster and its connection limit: a request may wait longer for a
            // connection than a server's would (`TwoNodesTests` sets a short wait to test outages).
            location.connectTimeoutSeconds = 60
            return TestDatabase(url: .postgres(location)) {
                try await administer(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            }
        }
    }

    /// Runs `body` with a fresh empty database, then removes it.
    public static func with<T: Sendable>(
        _ dialect: Dialect, _ body: @Sendable (TestDatabase) async throws -> T
    ) async throws -> T {
        let database = try await create(dialect)
        do {
            let result = try await body(database)
            try await database.drop()
            return result
        } catch {
            try? await database.drop()
            throw error
        }
    }

    /// Removes the database.
    public func drop() async throws {
        try await cleanup()
    }

    /// Runs one statement on the PostgreSQL server's administrative database.
    private static func administer(_ server: DatabaseURL.PostgresLocation, _ statement: String) async throws {
        let configuration = PostgresConnection.Configuration(
            host: server.host, port: server.port, username: server.username, password: server.password,
            database: server.database, tls: .disable)
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 1, logger: Logger(label: "test-database"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Logger(label: "test-database"))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// Why a test database could not be made.
public enum TestDatabaseError: Error, CustomStringConvertible {
    case postgresNotConfigured
    case notPostgres(String)

    public var description: String {
        switch self {
        case .postgresNotConfigured:
            "PostgreSQL tests need \(TestDatabase.postgresVariable); run the suite with scripts/test, which starts a throwaway PostgreSQL and sets it."
        case .notPostgres(let text):
            "\(TestDatabase.postgresVariable) must be a postgres:// URL; got \(text)."
        }
    }
}

extension Store {
    /// Runs `body` with a store on a fresh, migrated test database, then removes the database.
    public static func withTestStore<T: Sendable>(
        _ dialect: Dialect, _ body: @Sendable (Store) async throws -> T
    ) async throws -> T {
        try await TestDatabase.with(dialect) { database in
            try await Store.withStore(database.url, logger: Logger(label: "test")) { store in
                try await store.migrate(now: Date(timeIntervalSince1970: 1_800_000_000))
                return try await body(store)
            }
        }
    }
}
