import ClearinghouseCore
import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit
import Synchronization

/// PostgreSQL through postgres-nio's connection pool. Several server nodes may share one database: anything
/// that must happen once is decided by the database (transactions, constraints, advisory locks).
final class PostgresEngine: DatabaseEngine {
    let dialect = Dialect.postgres
    private let client: PostgresClient
    /// How long a request waits for a connection before it is answered `unavailable` (the URL's
    /// `connect_timeout`). The pool itself waits for as long as the database is down; a client is better told to
    /// retry.
    private let leaseTimeout: Duration
    /// Write transactions at once from this node: half the pool. Those that append to the transparency log wait
    /// for one row lock anyway; past these, the rest wait here, in order, without holding a connection, so that
    /// reads (and the catalogs' catch-up after each commit) always find one free. Under load, finding submissions
    /// once held 18 of the 20 connections waiting for the log's lock, and reads queued behind them.
    private let writers = FairGate(permits: PostgresEngine.concurrentWriters)
    static let concurrentWriters = 10

    init(location: DatabaseURL.PostgresLocation, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: Self.tls(for: location.tlsMode))
        configuration.options.maximumConnections = 20
        leaseTimeout = .seconds(location.connectTimeoutSeconds)
        configuration.options.connectTimeout = leaseTimeout
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
        try await withConnection { connection in try await body(PostgresSession(connection)) }
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection(through: writers) { connection in
            try await PostgresSession(connection).inTransaction(begin: "BEGIN", body)
        }
    }

    /// Runs `work` on a pooled connection, reporting a database that cannot be reached (down, restarting, refusing
    /// connections, gone mid-query, or no connection free within the lease timeout) as `unavailable`, which clients
    /// see as 503 and retry, rather than as an internal error or a request that hangs. A write interrupted this way
    /// was not acknowledged: it committed whole or not at all. Only the wait for a connection is bounded; work
    /// that has a connection runs to its end, unless the connection closes under it (``PostgresSession``). With a
    /// `gate`, the wait to pass it counts in the wait for a connection.
    private func withConnection<T: Sendable>(
        through gate: FairGate? = nil, _ work: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await withoutActuallyEscaping(work) { work in
                try await withThrowingTaskGroup(of: T?.self) { group in
                    let leased = LeaseFlag()
                    group.addTask {
                        let lease = {
                            try await self.client.withConnection { connection in
                                leased.set()
                                return try await work(connection)
                            }
                        }
                        guard let gate else { return try await lease() }
                        return try await gate.pass(lease)
                    }
                    group.addTask {
                        try await Task.sleep(for: self.leaseTimeout)
                        guard leased.isSet else { throw Self.unreachable }
                        return nil
                    }
                    while let finished = try await group.next() {
                        if let result = finished {
                            group.cancelAll()
                            return result
                        }
                    }
                    throw Self.unreachable
                }
            }
        } catch let error as PSQLError where Self.meansUnreachable(error) {
            throw Self.unreachable
        }
    }

    static var unreachable: ClearinghouseError {
        ClearinghouseError(.unavailable, "The database cannot be reached; retry shortly.")
    }

    /// Connection failures, and the server's own "connection exception" (class 08), shutdown (57P01–57P03) and
    /// too-many-connections (53300) answers.
    private static func meansUnreachable(_ error: PSQLError) -> Bool {
        switch error.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return true
        case .server:
            guard let state = error.serverInfo?[.sqlState] else { return false }
            return state.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(state)
        default:
            return false
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

/// Whether a request got its connection, shared by the request and the timer that bounds its wait.
private final class LeaseFlag: Sendable {
    private let value = Atomic(false)

    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
