public import ClearinghouseCore
import ClearinghouseStore
public import Foundation
import PackageURL

/// Where the vendors and maintainers on a case stand: each says whether its products are affected, with a
/// statement; coordinators find the vendors to bring in from the products they registered.
public struct ParticipantWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// A case's participants with the status each gave, the first reporter first, each named only where the
    /// requester may see the organization's record. The caller has checked that the requester may see the case.
    public func participants(of found: Case, by requester: Requester) async throws -> [CaseParticipant] {
        let (statuses, organizations) = try await workflows.store.read { repositories in
            let statuses = try await repositories.disclosure.statuses(of: found.id)
            let organizations = try await repositories.organizations.find(found.participants.union([found.owner]))
            return (statuses, organizations)
        }
        let given = Dictionary(statuses.map { ($0.organization, $0) }, uniquingKeysWith: { first, _ in first })
        let others = found.participants.subtracting([found.owner]).sorted { $0.rawValue < $1.rawValue }
        return ([found.owner] + others).map { id in
            let shown = organizations[id].flatMap { workflows.gate.mayRead($0.visibility, by: requester) ? $0 : nil }
            return CaseParticipant(id: id, organization: shown, isReporter: id == found.owner, status: given[id])
        }
    }

    /// Checks that the requester may record `organization`'s status, before the body is read.
    public func authorizeStatus(
        of organization: Organization.ID, on found: Case, by requester: Requester
    )
        async throws
    {
        try await workflows.gate.authorizeMutation(
            .setParticipantStatus(found, of: organization), auditing: .caseParticipantStatus,
            target: .case(found.id), by: requester)
    }

    /// Records where a participant stands, replacing what it said before.
    ///
    /// - Parameter organization: the participant; `nil` when the path named none that parses.
    /// - Throws: `forbidden`; `not_found` (`participant`) when the organization is not on the case's list;
    ///   `invalid_field` as ``ParticipantStatus`` refuses the status.
    public func setStatus(
        of organization: Organization.ID?, on found: Case, status: String, justification: String?,
        statement: String?, by requester: Requester
    ) async throws -> ParticipantStatus {
        guard let organization, found.participants.contains(organization) else {
            throw ClearinghouseError.notFound("participant")
        }
        try await authorizeStatus(of: organization, on: found, by: requester)
        let dependencies = workflows.dependencies
        let given = try ParticipantStatus(
            organization: organization, status: status, justification: justification, statement: statement,
            now: dependencies.now())
        let event = requester.event(
            .caseParticipantStatus, target: .case(found.id), detail: "\(organization): \(given.status.rawValue)",
            dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            guard let current = try await repositories.cases.find(found.id),
                current.participants.contains(organization)
            else { throw ClearinghouseError.notFound("participant") }
            try await repositories.disclosure.set(given, on: found.id)
            return Recorded((), log: [.participantStatusSet(given, of: current, dependencies: dependencies)])
        }
        return given
    }

    /// The verified vendors whose registered products cover a package the case's findings name, and which are not
    /// on its list yet: whom a coordinator would bring in.
    public func suggestedVendors(for found: Case, by requester: Requester) async throws -> [SuggestedVendor] {
        try await workflows.gate.authorize(.coordinateCases, by: requester)
        return try await workflows.store.read { repositories in
            let named = try await repositories.cases.aliasesAndPackages(of: [found.id])[found.id]?.packages ?? []
            let purls = named.sorted().compactMap { try? PackageURL(parsing: $0) }
            let owners = try await repositories.products.owners(covering: purls)
                .filter { $0.key != found.owner && !found.participants.contains($0.key) }
            let organizations = try await repositories.organizations.find(Set(owners.keys))
            return owners.compactMap { id, products in
                organizations[id].flatMap {
                    $0.isVerified && $0.kind == .vendor ? SuggestedVendor(organization: $0, products: products) : nil
                }
            }.sorted { $0.organization.name < $1.organization.name }
        }
    }
}

/// An organization on a case's list, as the case's coordination shows it.
public struct CaseParticipant: Sendable, Hashable {
    public let id: Organization.ID
    /// Its record, where the requester may see it; `nil` otherwise.
    public let organization: Organization?
    /// Whether it reported the case first (and holds first-finder credit).
    public let isReporter: Bool
    /// Where it says its products stand; `nil` until it says.
    public let status: ParticipantStatus?
}

/// A vendor whose registered products a case's findings name.
public struct SuggestedVendor: Sendable, Hashable {
    public let organization: Organization
    /// Its products the case names.
    public let products: [ProductScope]
}
