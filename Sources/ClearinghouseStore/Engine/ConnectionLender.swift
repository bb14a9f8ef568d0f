/// Lends a fixed set of connections to one borrower at a time each; borrowers wait in order when all are out.
actor ConnectionLender<Connection: Sendable> {
    private var idle: [Connection]
    private var waiting: [CheckedContinuation<Connection, Never>] = []
    private var all: [Connection]

    init(_ connections: [Connection]) {
        precondition(!connections.isEmpty, "a lender needs at least one connection")
        self.idle = connections
        self.all = connections
    }

    private func borrow() async -> Connection {
        if let connection = idle.popLast() {
            return connection
        }
        return await withCheckedContinuation { waiting.append($0) }
    }

    private func giveBack(_ connection: Connection) {
        if waiting.isEmpty {
            idle.append(connection)
        } else {
            waiting.removeFirst().resume(returning: connection)
        }
    }

    /// Every connection, for closing them.
    var connections: [Connection] { all }

    /// Lends a connection for the duration of `body`.
    nonisolated func withConnection<T: Sendable>(_ body: @Sendable (Connection) async throws -> T) async throws -> T {
        let connection = await borrow()
        do {
            let result = try await body(connection)
            await giveBack(connection)
            return result
        } catch {
            await giveBack(connection)
            throw error
        }
    }
}
