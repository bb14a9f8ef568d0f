import SQLKit

extension SQLDatabase {
    /// Runs `body` inside a transaction on this session: committed when it returns, rolled back when it throws.
    ///
    /// - Parameter begin: The statement that opens the transaction, which differs between engines.
    func inTransaction<T: Sendable>(
        begin: String, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await raw(SQLQueryString(stringLiteral: begin)).run()
        do {
            let result = try await body(self)
            try await raw("COMMIT").run()
            return result
        } catch {
            try? await raw("ROLLBACK").run()
            throw error
        }
    }
}
