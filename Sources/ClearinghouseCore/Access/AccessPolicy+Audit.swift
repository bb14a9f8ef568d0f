/// The audit trail: coordinator analysts and admins read it. An event is as private as AMBER+STRICT with the acting
/// organization as owner, so the oversight rule lets coordinators read it and nobody else's listing shows it.
extension Action {
    /// Read the audit trail.
    public static let readAudit = Action("audit.read") { _, member in member.needsCoordinator(.analyst) }
}

extension AccessPolicy {
    /// An audit event's visibility: AMBER+STRICT, owned by the acting organization.
    public func visibility(of event: AuditEvent) -> Visibility {
        Visibility(label: .amberStrict, owner: event.actor.organizationID, participants: [])
    }
}
