public import Logging
public import ServiceLifecycle

/// Runs a store's background work under ServiceLifecycle and closes its connections at shutdown.
public struct StoreService: Service {
    let store: Store

    /// Creates the service for a store.
    public init(store: Store) {
        self.store = store
    }

    public func run() async throws {
        do {
            try await store.engine.run()
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}

extension Store {
    /// Opens a store, runs it for the duration of `body`, and closes it: for commands and tests that are not a
    /// long-running service.
    public static func withStore<T: Sendable>(
        _ url: DatabaseURL, logger: Logger, _ body: @Sendable (Store) async throws -> T
    ) async throws -> T {
        let store = try await Store.open(url, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await StoreService(store: store).run() }
            do {
                let result = try await body(store)
                group.cancelAll()
                try? await group.waitForAll()
                return result
            } catch {
                group.cancelAll()
                try? await group.waitForAll()
                throw error
            }
        }
    }
}
