public import ClearinghouseStore
public import Logging

/// The catalogs a server node keeps in memory, and the follower that loads them and keeps them following the
/// change feed. A new catalog is added here.
public struct NodeCatalogs: Sendable {
    public let advisories: AdvisoryCatalog
    public let exposure: ExposureCatalog
    public let openCases: OpenCaseCatalog
    public let follower: CatalogFollower

    /// - Parameter interval: how long the follower waits between reads of the change feed.
    public init(store: Store, interval: Duration, logger: Logger) {
        advisories = AdvisoryCatalog()
        exposure = ExposureCatalog()
        openCases = OpenCaseCatalog()
        follower = CatalogFollower(
            catalogs: [advisories, exposure, openCases], store: store, interval: interval, logger: logger)
    }
}
