import SQLKit

/// The repositories of one database session: a read, or a write transaction.
public struct Repositories: Sendable {
    public let organizations: OrganizationRepository
    public let tokens: TokenRepository
    public let audit: AuditRepository
    public let log: LogRepository
    public let advisories: AdvisoryRepository
    public let sboms: SBOMRepository
    public let findings: FindingRepository
    public let cases: CaseRepository
    public let artifacts: ArtifactRepository
    public let validation: ValidationRepository
    public let reporters: ReporterRepository
    public let priorities: PriorityRepository
    public let threatFeeds: ThreatFeedRepository
    public let changes: ChangeRepository
    public let jobs: JobRepository
    public let outbox: OutboxRepository
    let database: any SQLDatabase

    /// - Parameters:
    ///   - database: The session.
    ///   - nodeCache: The log's cache of upper Merkle nodes; reads pass it, write transactions do not.
    init(_ database: any SQLDatabase, nodeCache: PerfectNodeCache? = nil) {
        self.database = database
        organizations = OrganizationRepository(database: database)
        tokens = TokenRepository(database: database)
        audit = AuditRepository(database: database)
        log = LogRepository(database: database, nodeCache: nodeCache)
        advisories = AdvisoryRepository(database: database)
        sboms = SBOMRepository(database: database)
        findings = FindingRepository(database: database)
        cases = CaseRepository(database: database)
        artifacts = ArtifactRepository(database: database)
        validation = ValidationRepository(database: database)
        reporters = ReporterRepository(database: database)
        priorities = PriorityRepository(database: database)
        threatFeeds = ThreatFeedRepository(database: database)
        changes = ChangeRepository(database: database)
        jobs = JobRepository(database: database)
        outbox = OutboxRepository(database: database)
    }
}
