import SQLKit

/// The repositories of one database session: a read, or a write transaction.
public struct Repositories: Sendable {
    public let organizations: OrganizationRepository
    public let tokens: TokenRepository
    public let audit: AuditRepository
    public let log: LogRepository
    let database: any SQLDatabase

    init(_ database: any SQLDatabase) {
        self.database = database
        organizations = OrganizationRepository(database: database)
        tokens = TokenRepository(database: database)
        audit = AuditRepository(database: database)
        log = LogRepository(database: database)
    }
}
