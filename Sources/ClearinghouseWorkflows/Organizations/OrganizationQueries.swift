public import ClearinghouseCore
import ClearinghouseStore

/// What a requester may read of organizations, their tokens, reporters' quality, and the audit trail.
public struct OrganizationQueries: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// The organizations the requester may see, in creation order.
    public func list(_ page: PageRequest, by requester: Requester) async throws -> Page<Organization> {
        _ = try requester.member()
        let store = workflows.store
        let scope = workflows.gate.policy.scope(for: requester.party)
        return try await VisiblePageCollector<Organization>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.organizations.list(after: after, limit: limit, within: scope) }
        }
    }

    /// The names of those of these organizations whose record the requester may see (its own; all but RED for
    /// coordinators); the others are left out, for pages to call "another participant".
    public func names(of ids: Set<Organization.ID>, by requester: Requester) async throws -> [Organization.ID: String] {
        let found = try await workflows.store.read { try await $0.organizations.find(ids) }
        return found.filter { workflows.gate.mayRead($0.value.visibility, by: requester) }.mapValues(\.name)
    }

    /// The names of those of these people whose record the requester may see (their organization's people; all
    /// but RED for coordinators); the others are left out.
    public func names(ofPeople ids: Set<Person.ID>, by requester: Requester) async throws -> [Person.ID: String] {
        guard !ids.isEmpty else { return [:] }
        let found = try await workflows.store.read { try await $0.people.find(ids) }
        return found.filter { workflows.gate.mayRead($0.value.visibility, by: requester) }.mapValues(\.name)
    }

    /// The records of an organization's tokens, for its admins and coordinator admins.
    public func tokens(of organization: Organization.ID, _ page: PageRequest, by requester: Requester) async throws
        -> Page<APIToken>
    {
        try await workflows.gate.authorize(.manageTokens(of: organization), by: requester)
        let store = workflows.store
        return try await VisiblePageCollector<APIToken>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.tokens.list(of: organization, after: after, limit: limit) }
        }
    }

    /// How much an organization reports and how much of it holds up, with its intake policy; for the organization
    /// itself and coordinators.
    public func quality(of organization: Organization.ID, by requester: Requester) async throws
        -> (quality: ReporterQuality, policy: IntakePolicy)
    {
        try await workflows.gate.authorize(.readReporterQuality(of: organization), by: requester)
        let now = workflows.dependencies.now()
        return try await workflows.store.read { repositories in
            (
                try await repositories.reporters.quality(of: organization, now: now),
                try await repositories.reporters.policy(of: organization)
            )
        }
    }

    /// Audit events matching a filter, newest first, for coordinators.
    public func audit(_ filter: AuditFilter, _ page: PageRequest, by requester: Requester) async throws
        -> Page<AuditEvent>
    {
        try await workflows.gate.authorize(.readAudit, by: requester)
        let store = workflows.store
        let policy = workflows.gate.policy
        var found = try await VisiblePageCollector<AuditEvent>(
            policy: policy, key: \.id.rawValue, visibility: { policy.visibility(of: $0) }
        ).collect(page, for: requester.party) { before, limit in
            try await store.read { try await $0.audit.list(filter, before: before, limit: limit) }
        }
        // A proof's digest confirms a guess at its content: shown only to those who may read the proof.
        let digests = Set(found.items.compactMap { $0.target.flatMap(Self.artifactDigest) })
        guard !digests.isEmpty else { return found }
        let readable = try await ArtifactWorkflows(workflows).readable(digests, by: requester)
        found.items = found.items.map { event in
            guard let digest = event.target.flatMap(Self.artifactDigest), !readable.contains(digest) else {
                return event
            }
            var hidden = event
            hidden.target = AuditTarget(type: "artifact", id: AuditTarget.withheld)
            return hidden
        }
        return found
    }

    private static func artifactDigest(_ target: AuditTarget) -> ArtifactDigest? {
        target.type == "artifact" ? ArtifactDigest(target.id) : nil
    }
}
