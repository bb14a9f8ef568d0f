import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// A leased PostgreSQL connection as SQLKit sees it, with a guard postgres-nio lacks.
///
/// When PostgreSQL goes away, postgres-nio (1.33.2) can leave a query that was sent on a connection that has just
/// closed unanswered for good: the request, and every request queued behind it (a transaction's `ROLLBACK`, the
/// catalogs' next step), then waits forever, although the connection pool itself recovers. Here a query is refused
/// as `unavailable` when its connection is already closed, and failed the same way when its connection closes
/// while it waits. A query still running on an open connection is never cut short.
struct PostgresSession: SQLDatabase {
    let connection: PostgresConnection
    private let database: any SQLDatabase
    /// How often a query that has waited past ``firstCheck`` looks whether its connection closed.
    static let checkInterval = TimeAmount.milliseconds(250)
    /// Queries answered sooner (nearly all) never look.
    static let firstCheck = TimeAmount.milliseconds(500)

    init(_ connection: PostgresConnection) {
        self.connection = connection
        self.database = connection.sql(queryLogLevel: .trace)
    }

    var logger: Logger { database.logger }
    var eventLoop: any EventLoop { database.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { database.version }
    var dialect: any SQLDialect { database.dialect }
    var queryLogLevel: Logger.Level? { database.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        let connection = self.connection
        guard !connection.isClosed else { return eventLoop.makeFailedFuture(PostgresEngine.unreachable) }
        let answered = eventLoop.makePromise(of: Void.self)
        let watch = eventLoop.scheduleRepeatedTask(initialDelay: Self.firstCheck, delay: Self.checkInterval) { _ in
            if connection.isClosed { answered.fail(PostgresEngine.unreachable) }
        }
        answered.futureResult.whenComplete { _ in watch.cancel() }
        database.execute(sql: query, onRow).cascade(to: answered)
        return answered.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await execute(sql: query, onRow).get()
    }
}
