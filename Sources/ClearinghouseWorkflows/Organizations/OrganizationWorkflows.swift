public import ClearinghouseCore
import ClearinghouseStore

/// Organizations and their API tokens: registering and verifying organizations (coordinators), minting and revoking
/// tokens (an organization's admins, or a coordinator's).
public struct OrganizationWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// The organization with an id, when the requester may see it.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    public func visibleOrganization(_ id: Organization.ID, by requester: Requester) async throws -> Organization {
        let organization = try await workflows.store.read { try await $0.organizations.find(id) }
        guard let organization, workflows.gate.mayRead(organization.visibility, by: requester) else {
            throw ClearinghouseError.notFound("organization")
        }
        return organization
    }

    /// Registers an organization, pending verification.
    public func register(_ registration: OrganizationRegistration, by requester: Requester) async throws
        -> Organization
    {
        try await workflows.gate.authorizeMutation(
            .createOrganization, auditing: .organizationCreate, target: nil, by: requester)
        let dependencies = workflows.dependencies
        let organization = try registration.validated(id: dependencies.makeID(), now: dependencies.now())
        let event = requester.event(
            .organizationCreate, target: .organization(organization.id),
            detail: "\(organization.kind.rawValue): \(organization.name)", dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.organizations.insert(organization)
            return .nothing
        }
        return organization
    }

    /// Vouches for an organization's identity, saying how, in the audit trail and the transparency log. Verifying
    /// a verified organization changes nothing.
    ///
    /// - Returns: the organization as it now is.
    public func verify(_ organization: Organization, note: String?, by requester: Requester) async throws
        -> Organization
    {
        try await workflows.gate.authorizeMutation(
            .verifyOrganization, auditing: .organizationVerify, target: .organization(organization.id),
            by: requester)
        guard !organization.isVerified else { return organization }
        let dependencies = workflows.dependencies
        var verified = organization
        verified.verification = .verified(at: dependencies.now(), by: requester.party.member?.organizationID)
        let verification = verified.verification
        let id = organization.id
        let event = requester.event(.organizationVerify, target: .organization(id), detail: note, dependencies: dependencies)
        let entry = LogEntryDraft.organizationVerified(verified, note: note, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.organizations.setVerification(verification, of: id)
            return Recorded((), log: [entry])
        }
        return verified
    }

    /// Mints a token for an organization. The answer holds the token's text, which is never shown again; only its
    /// hash is stored.
    public func mintToken(_ request: TokenRequest, for organization: Organization.ID, by requester: Requester)
        async throws -> IssuedToken
    {
        let member = try requester.member()
        try await workflows.gate.authorizeMutation(
            .manageTokens(of: organization), auditing: .tokenCreate, target: .organization(organization),
            by: requester)
        let dependencies = workflows.dependencies
        let issued = try request.issue(for: organization, createdBy: member.token?.id, dependencies: dependencies)
        let token = issued.token
        let event = requester.event(
            .tokenCreate, target: .token(token.id),
            detail: "\(token.role.rawValue) token \(token.prefix) for organization \(organization)",
            dependencies: dependencies)
        // A token minted by another organization is an access grant: logged, and revealed to the organization.
        let grant =
            member.organizationID == organization
            ? [] : [LogEntryDraft.tokenGranted(token, by: member.organizationID, dependencies: dependencies)]
        try await workflows.commits.commit(event) { repositories in
            try await repositories.tokens.insert(token)
            return Recorded((), log: grant)
        }
        return issued
    }

    /// Revokes a token at once. Revoking a revoked token changes nothing.
    ///
    /// - Returns: whether the token was revoked now.
    /// - Throws: `not_found` for tokens the requester may not see.
    @discardableResult
    public func revokeToken(_ id: APIToken.ID, by requester: Requester) async throws -> Bool {
        _ = try requester.member()
        let token = try await workflows.store.read { try await $0.tokens.find(id) }
        guard let token, workflows.gate.mayRead(token.visibility, by: requester) else {
            throw ClearinghouseError.notFound("token")
        }
        try await workflows.gate.authorizeMutation(
            .revokeToken(token.id, of: token.organizationID), auditing: .tokenRevoke, target: .token(token.id),
            by: requester)
        guard token.revokedAt == nil else { return false }
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let event = requester.event(
            .tokenRevoke, target: .token(token.id), detail: "token \(token.prefix)", dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.tokens.revoke(id, at: now)
            return .nothing
        }
        return true
    }
}

extension OrganizationWorkflows {
    /// Sets a reporter's intake policy: its daily quota and the precision below which its findings need proof.
    public func setIntakePolicy(_ policy: IntakePolicy, of organization: Organization.ID, by requester: Requester)
        async throws
    {
        try await workflows.gate.authorizeMutation(
            .setIntakePolicy, auditing: .intakePolicySet, target: .organization(organization), by: requester)
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let event = requester.event(
            .intakePolicySet, target: .organization(organization),
            detail:
                "quota \(policy.dailyQuota.map(String.init) ?? "none"), floor \(policy.precisionFloor.map { "\($0)" } ?? "none")",
            dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.reporters.setPolicy(policy, of: organization, at: now)
            return .nothing
        }
    }
}

extension OrganizationWorkflows {
    /// Sets whether every person of an organization must use a second factor; its admins (or a coordinator's)
    /// decide. Turning it on ends the sessions of those who have none, so that their next sign-in enrols one.
    public func requireSecondFactor(_ required: Bool, of organization: Organization.ID, by requester: Requester)
        async throws
    {
        try await workflows.gate.authorizeMutation(
            .managePeople(of: organization), auditing: .secondFactorPolicySet, target: .organization(organization),
            by: requester)
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let event = requester.event(
            .secondFactorPolicySet, target: .organization(organization), detail: required ? "required" : "optional",
            dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.organizations.setRequiresSecondFactor(required, of: organization)
            if required {
                for person in try await repositories.people.list(of: organization, after: nil, limit: Int.max)
                where person.secondFactor == nil {
                    try await repositories.webSessions.endAll(of: person.id, at: now)
                }
            }
            return .nothing
        }
    }
}

extension OrganizationWorkflows {
    /// Registers the products a vendor's VEX statements may speak of for other organizations' SBOMs, replacing
    /// those registered before; every node's exposure catalog applies the vendor's statements under them at once.
    ///
    /// - Throws: `invalid_field` (`organization_id`) when the organization is not a vendor.
    public func setProducts(_ scopes: [ProductScope], of organization: Organization, by requester: Requester)
        async throws -> [ProductScope]
    {
        try await workflows.gate.authorizeMutation(
            .registerProducts, auditing: .vendorProductsSet, target: .organization(organization.id), by: requester)
        guard organization.kind == .vendor else {
            throw ClearinghouseError(
                .invalidRequest, "Only vendors register products: their VEX statements speak for them.")
        }
        let scopes = Array(Set(scopes)).sorted()
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let event = requester.event(
            .vendorProductsSet, target: .organization(organization.id),
            detail: scopes.map(\.description).joined(separator: " "), dependencies: dependencies)
        let entry = LogEntryDraft.vendorProductsSet(
            scopes, of: organization, by: requester.party.member?.organizationID, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.products.replace(scopes, of: organization.id, at: now)
            return Recorded((), log: [entry])
        }
        return scopes
    }

    /// The products registered for a vendor, for the vendor itself and coordinators.
    public func products(of organization: Organization.ID, by requester: Requester) async throws -> [ProductScope] {
        try await workflows.gate.authorize(.readReporterQuality(of: organization), by: requester)
        return try await workflows.store.read { try await $0.products.scopes(of: [organization])[organization] ?? [] }
    }
}

