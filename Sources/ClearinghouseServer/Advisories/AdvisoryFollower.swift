public import ClearinghouseStore
public import Logging
public import ServiceLifecycle

/// Keeps a server's advisory index up to date with what other processes store: imports through the command
/// line, or through another node on the same PostgreSQL.
public struct AdvisoryFollower: Service {
    let catalog: AdvisoryCatalog
    let store: Store
    let interval: Duration
    let logger: Logger

    public init(catalog: AdvisoryCatalog, store: Store, interval: Duration, logger: Logger) {
        self.catalog = catalog
        self.store = store
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { return }
                do {
                    try await catalog.refresh(from: store)
                } catch {
                    logger.warning("could not refresh the advisory index", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
