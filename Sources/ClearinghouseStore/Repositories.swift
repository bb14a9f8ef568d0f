import SQLKit

/// The repositories of one database session: a read, or a write transaction.
///
/// Each feature adds its repository as a property in its own folder (`extension Repositories { var cases … }`
/// beside `CaseRepository`); a repository is a thin view over the session, made when asked for.
public struct Repositories: Sendable {
    let database: any SQLDatabase
    /// The log's cache of upper Merkle nodes; reads pass it, write transactions do not.
    let nodeCache: PerfectNodeCache?
    /// Noted when the transaction records a catalog change; only ``Store/writeNotingChanges(_:_:)`` passes it.
    let marks: ChangeMarks?

    /// - Parameters:
    ///   - database: The session.
    ///   - nodeCache: The log's cache of upper Merkle nodes; reads pass it, write transactions do not.
    ///   - marks: Where a write notes that it recorded catalog changes.
    init(_ database: any SQLDatabase, nodeCache: PerfectNodeCache? = nil, marks: ChangeMarks? = nil) {
        self.database = database
        self.nodeCache = nodeCache
        self.marks = marks
    }
}
