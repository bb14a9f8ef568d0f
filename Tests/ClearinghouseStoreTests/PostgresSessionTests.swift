import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation
import Logging
import PostgresNIO
import SQLKit
import Testing

@testable import ClearinghouseStore

/// A query on a connection PostgreSQL has closed ends as `unavailable` instead of waiting forever (the hang a
/// PostgreSQL outage used to leave behind); a slow query on an open connection is never cut short.
@Suite struct PostgresSessionTests {
    @Test func aQueryOnAClosedConnectionIsUnavailable() async throws {
        let connection = try await Self.connect()
        try await connection.close()
        let error = await #expect(throws: ClearinghouseError.self) {
            try await PostgresSession(connection).raw("SELECT 1").run()
        }
        #expect(error?.code == .unavailable)
    }

    @Test func aQuerySlowerThanTheFirstCheckCompletes() async throws {
        let connection = try await Self.connect()
        let row = try await PostgresSession(connection).raw("SELECT pg_sleep(0.8), 42 AS answer").first()
        try await connection.close()
        #expect(try row?.decode(column: "answer", as: Int.self) == 42)
    }

    @Test func aQueryWhoseConnectionTheServerEndsFails() async throws {
        let connection = try await Self.connect()
        let administrator = try await Self.connect()
        let pid = try #require(
            try await PostgresSession(connection).raw("SELECT pg_backend_pid() AS pid").first()?
                .decode(column: "pid", as: Int.self))
        let outcome = try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                do {
                    try await PostgresSession(connection).raw("SELECT pg_sleep(30)").run()
                    return "completed"
                } catch {
                    return "failed"
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(300))
                try await PostgresSession(administrator).raw("SELECT pg_terminate_backend(\(literal: pid))").run()
                try await Task.sleep(for: .seconds(20))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        try await administrator.close()
        try? await connection.close()
        #expect(outcome == "failed", "the query's outcome, nil when it had not ended 20 s after its connection did")
    }

    private static func connect() async throws -> PostgresConnection {
        let text = try #require(
            ProcessInfo.processInfo.environment[TestDatabase.postgresVariable], "run the suite with scripts/test")
        guard case .postgres(let server) = try DatabaseURL(parsing: text) else {
            throw TestDatabaseError.notPostgres(text)
        }
        let configuration = PostgresConnection.Configuration(
            host: server.host, port: server.port, username: server.username, password: server.password,
            database: server.database, tls: .disable)
        return try await PostgresConnection.connect(
            configuration: configuration, id: 1, logger: Logger(label: "postgres-session-test"))
    }
}
