public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// Who holds the designation-authority role: coordinators' admins give it to verified government organizations and
/// take it back; every verified member may list the holders. Each change is audited and committed to the log.
public struct DesignationAuthorityWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// Makes a verified government organization a designation authority; making it one again changes nothing.
    ///
    /// - Throws: `invalid_field` (`organization_id`) for any other organization.
    public func add(_ organization: Organization.ID, by requester: Requester) async throws -> DesignationAuthority {
        let member = try requester.member()
        try await workflows.gate.authorizeMutation(
            .manageDesignationAuthorities, auditing: .designationAuthorityAdd,
            target: .organizationRole(organization), by: requester)
        try DesignationAuthority.check(try await workflows.store.read { try await $0.organizations.find(organization) })
        let dependencies = workflows.dependencies
        let authority = DesignationAuthority(
            organization: organization, designatedBy: member.organizationID, designatedAt: dependencies.now())
        let event = requester.event(
            .designationAuthorityAdd, target: .organizationRole(organization), dependencies: dependencies)
        let entry = LogEntryDraft.designationAuthorityChanged(
            authority, action: .designationAuthorityAdd, dependencies: dependencies)
        return try await workflows.commits.commit(event) { repositories in
            if let existing = try await repositories.designationAuthorities.find(organization) {
                return Recorded(existing)
            }
            try await repositories.designationAuthorities.insert(authority)
            return Recorded(authority, log: [entry])
        }
    }

    /// Takes the role back. The organization no longer sees registered models, nor pre-registers policies; what it
    /// registered stays.
    ///
    /// - Throws: `not_found` when the organization does not hold the role.
    public func remove(_ organization: Organization.ID, by requester: Requester) async throws {
        let member = try requester.member()
        try await workflows.gate.authorizeMutation(
            .manageDesignationAuthorities, auditing: .designationAuthorityRemove,
            target: .organizationRole(organization), by: requester)
        guard try await workflows.store.read({ try await $0.designationAuthorities.find(organization) }) != nil else {
            throw ClearinghouseError.notFound("designation authority")
        }
        let dependencies = workflows.dependencies
        let event = requester.event(
            .designationAuthorityRemove, target: .organizationRole(organization), dependencies: dependencies)
        let entry = LogEntryDraft.designationAuthorityChanged(
            DesignationAuthority(
                organization: organization, designatedBy: member.organizationID, designatedAt: dependencies.now()),
            action: .designationAuthorityRemove, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.designationAuthorities.delete(organization)
            return Recorded((), log: [entry])
        }
    }

    /// The authorities, for members who may see them (every verified member).
    public func list(by requester: Requester) async throws -> [DesignationAuthority] {
        _ = try requester.member()
        return try await workflows.store.read { try await $0.designationAuthorities.all() }
            .filter { workflows.gate.mayRead($0.visibility, by: requester) }
    }

    /// Whether an organization holds the role now.
    public static func holdsRole(_ organization: Organization.ID, in workflows: Workflows) async throws -> Bool {
        try await workflows.store.read { try await $0.designationAuthorities.find(organization) } != nil
    }
}
