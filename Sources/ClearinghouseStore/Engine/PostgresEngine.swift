import ClearinghouseCore
import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through postgres-nio's connection pool. Several server nodes may share one database: anything
/// that must happen once is decided by the database (transactions, constraints, advisory locks).
final class PostgresEngine: DatabaseEngine {
    let dialect = Dialect.postgres
    private let client: PostgresClient

    init(location: DatabaseURL.PostgresLocation, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: Self.tls(for: location.tlsMode))
        configuration.options.maximumConnections = 20
        configuration.options.additionalStartupParameters = [("application_name", "clearinghouse")]
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    private static func tls(for mode: DatabaseURL.PostgresLocation.TLSMode) -> PostgresClient.Configuration.TLS {
        var unverified = TLSConfiguration.makeClientConfiguration()
        unverified.certificateVerification = .none
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(unverified)
        case .require: return .require(unverified)
        case .verifyFull: return .require(.makeClientConfiguration())
        }
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: .trace))
        }
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.sql(queryLogLevel: .trace).inTransaction(begin: "BEGIN", body)
        }
    }

    func run() async throws {
        await client.run()
    }

    func close() async {}

    func isUniqueViolation(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        return error.serverInfo?[.sqlState] == PostgresError.Code.uniqueViolation.raw
    }
}
