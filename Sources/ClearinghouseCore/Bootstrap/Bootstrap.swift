/// The first coordinator organization of a new instance and its first admin token.
///
/// `clearinghouse admin bootstrap` computes a `Bootstrap` and the store commits it once: a second bootstrap of
/// the same database is refused.
public struct Bootstrap: Sendable {
    /// The coordinator organization, verified from the start: nobody else could verify it.
    public var organization: Organization
    /// Its first admin token.
    public var token: IssuedToken
    /// The audit event that records the bootstrap.
    public var event: AuditEvent
    /// The transparency log's record of the bootstrap.
    public var logEntry: LogEntryDraft

    /// Plans a bootstrap.
    ///
    /// - Parameters:
    ///   - name: The coordinator organization's name.
    ///   - contacts: Its contacts.
    ///   - tokenLifetimeDays: How many days the first token lives, 1 to 366.
    ///   - dependencies: The clock and randomness.
    /// - Throws: `ClearinghouseError.invalidField` for a bad name, contact or lifetime.
    public init(
        name: String, contacts: [Contact] = [], tokenLifetimeDays: Int, dependencies: Dependencies
    ) throws(ClearinghouseError) {
        let now = dependencies.now()
        var organization = try OrganizationRegistration(
            name: name, kind: OrganizationKind.coordinator.rawValue, sector: nil, contacts: contacts
        ).validated(id: dependencies.makeID(), now: now)
        organization.verification = .verified(at: now, by: nil)
        guard (1...366).contains(tokenLifetimeDays) else {
            throw .invalidField("token-lifetime-days", "The token lifetime must be from 1 to 366 days.")
        }
        let token = try TokenRequest(
            role: TokenRole.admin.rawValue, name: "bootstrap",
            expiresAt: now.addingTimeInterval(Double(tokenLifetimeDays) * 86_400)
        ).issue(for: organization.id, createdBy: nil, dependencies: dependencies)
        self.organization = organization
        self.token = token
        self.logEntry = .instanceBootstrapped(organization, dependencies: dependencies)
        self.event = AuditEvent(
            id: dependencies.makeID(), occurredAt: now,
            actor: .commandLine, action: .instanceBootstrap,
            target: .organization(organization.id), requestID: nil, outcome: .success,
            detail: "created coordinator organization and admin token \(token.token.id)")
    }
}
