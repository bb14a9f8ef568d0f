import SQLKit

/// The repositories of one database session: a read, or a write transaction.
///
/// Each feature adds its repository as a property in its own folder (`extension Repositories { var cases … }`
/// beside `CaseRepository`); a repository is a thin view over the session, made when asked for.
public struct Repositories: Sendable {
    let database: any SQLDatabase
    /// The log's cache of upper Merkle nodes; reads pass it, write transactions do not.
    let nodeCache: PerfectNodeCache?

    /// - Parameters:
    ///   - database: The session.
    ///   - nodeCache: The log's cache of upper Merkle nodes; reads pass it, write transactions do not.
    init(_ database: any SQLDatabase, nodeCache: PerfectNodeCache? = nil) {
        self.database = database
        self.nodeCache = nodeCache
    }
}
