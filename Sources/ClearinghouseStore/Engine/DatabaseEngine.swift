import SQLKit

/// A way to run SQL against one database: SQLite or PostgreSQL.
///
/// The store speaks SQLKit to every engine; what differs between engines (connection handling, how a write
/// transaction starts, how a constraint violation looks) stays behind this protocol.
protocol DatabaseEngine: Sendable {
    var dialect: Dialect { get }

    /// Runs a read. On SQLite the connection refuses writes.
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs a write transaction: committed when `body` returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Does the engine's background work (the PostgreSQL connection pool) until the task is cancelled or a
    /// graceful shutdown is requested.
    func run() async throws

    /// Closes every connection. The engine cannot be used afterwards.
    func close() async

    /// Whether an error reports a violated unique or primary-key constraint.
    func isUniqueViolation(_ error: any Error) -> Bool
}
