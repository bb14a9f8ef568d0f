public import ClearinghouseCore
public import ClearinghouseStore
public import Foundation

/// Bringing people in: an organization's admin (or a coordinator's) invites a person with a link shown once; the
/// person opens it, sets a password, and is signed in.
public struct InvitationWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// Invites a person to an organization with a role. The answer holds the invitation's secret, which is never
    /// shown again.
    ///
    /// - Throws: `invalid_field` on `email` or `name`; `conflict` when someone already has the address.
    public func invite(
        email: String, name: String, role: TokenRole, to organization: Organization.ID, by requester: Requester
    ) async throws -> (invitation: Invitation, secret: TokenSecret) {
        try await workflows.gate.authorizeMutation(
            .managePeople(of: organization), auditing: .personInvite, target: .organization(organization),
            by: requester)
        let dependencies = workflows.dependencies
        let (invitation, secret) = try Invitation.issue(
            to: email, name: name, role: role, organization: organization, dependencies: dependencies)
        let address = invitation.email
        if try await workflows.store.read({ try await $0.people.exists(email: address) }) {
            throw ClearinghouseError(.conflict, "Someone on this instance already signs in with \(address).")
        }
        let event = requester.event(
            .personInvite, target: .invitation(invitation.id),
            detail: "\(role.rawValue) \(invitation.email) to organization \(organization)", dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.invitations.insert(invitation)
            return .nothing
        }
        return (invitation, secret)
    }

    /// A page of an organization's invitations, for its admins and coordinators.
    public func invitations(of organization: Organization.ID, _ page: PageRequest, by requester: Requester)
        async throws -> Page<Invitation>
    {
        try await workflows.gate.authorize(.managePeople(of: organization), by: requester)
        let store = workflows.store
        return try await VisiblePageCollector<Invitation>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.invitations.list(of: organization, after: after, limit: limit) }
        }
    }

    /// A page of an organization's people, for its admins and coordinators.
    public func people(of organization: Organization.ID, _ page: PageRequest, by requester: Requester) async throws
        -> Page<Person>
    {
        try await workflows.gate.authorize(.managePeople(of: organization), by: requester)
        let store = workflows.store
        return try await VisiblePageCollector<Person>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.people.list(of: organization, after: after, limit: limit) }
        }
    }

    /// Disables a person of an organization (someone who left): they no longer sign in, and every session of
    /// theirs ends at once. Their organization's admins, or a coordinator's, may; nobody disables themselves.
    ///
    /// - Throws: `not_found` for a person the requester may not see; `invalid_field` for oneself.
    public func disable(_ id: Person.ID?, of organization: Organization.ID, by requester: Requester) async throws {
        try await workflows.gate.authorizeMutation(
            .managePeople(of: organization), auditing: .personDisable, target: id.map { .person($0) }, by: requester)
        guard let id, let person = try await workflows.store.read({ try await $0.people.find([id]) })[id],
            person.organizationID == organization
        else { throw ClearinghouseError.notFound("person") }
        guard person.id != requester.party.member?.person?.id else {
            throw ClearinghouseError.invalidField("person", "You cannot disable yourself; ask another admin.")
        }
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let event = requester.event(
            .personDisable, target: .person(person.id), detail: person.email, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.people.disable(person.id, at: now)
            try await repositories.webSessions.endAll(of: person.id, at: now)
            return .nothing
        }
    }

    /// Resets the sign-in of a person who lost their password or authenticator: both are taken away, every session
    /// of theirs ends, earlier reset links are withdrawn, and the answer holds a new link (shown once) with which
    /// they choose a new password (and enrol a second factor again where one is required). Their organization's
    /// admins, or a coordinator's, may; nobody resets themselves (they change their password from the home page).
    ///
    /// - Throws: `not_found` for a person the requester may not see; `invalid_field` for oneself or a disabled
    ///   person.
    public func reset(_ id: Person.ID?, of organization: Organization.ID, by requester: Requester) async throws
        -> (invitation: Invitation, secret: TokenSecret)
    {
        try await workflows.gate.authorizeMutation(
            .managePeople(of: organization), auditing: .personReset, target: id.map { .person($0) }, by: requester)
        guard let id, let person = try await workflows.store.read({ try await $0.people.find([id]) })[id],
            person.organizationID == organization
        else { throw ClearinghouseError.notFound("person") }
        guard person.id != requester.party.member?.person?.id else {
            throw ClearinghouseError.invalidField(
                "person", "You cannot reset your own sign-in; change your password from your home page.")
        }
        guard person.disabledAt == nil else {
            throw ClearinghouseError.invalidField("person", "\(person.name) is disabled and cannot sign in again.")
        }
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let (invitation, secret) = Invitation.reset(for: person, dependencies: dependencies)
        let event = requester.event(
            .personReset, target: .person(person.id), detail: person.email, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.people.resetCredentials(of: person.id)
            try await repositories.webSessions.endAll(of: person.id, at: now)
            try await repositories.invitations.revokeResets(of: person.id, at: now)
            try await repositories.invitations.insert(invitation)
            return .nothing
        }
        return (invitation, secret)
    }

    /// The open invitation a link's secret names, or `nil` when it is unknown, used, withdrawn or expired: all
    /// alike to whoever holds the link.
    public func openInvitation(_ secret: TokenSecret) async throws -> Invitation? {
        let invitation = try await workflows.store.read { try await $0.invitations.find(prefix: secret.prefix) }
        guard let invitation, invitation.isOpened(by: secret, at: workflows.dependencies.now()) else { return nil }
        return invitation
    }

    /// Accepts an invitation: the person is created with the password they chose (or, for a reset link, given it),
    /// the invitation is used up, and the person is signed in (or, when their organization requires a second
    /// factor, asked to enrol one).
    ///
    /// - Throws: `not_found` (`invitation`) for a link that does not open; `invalid_field` on `password`.
    public func accept(_ secret: TokenSecret, password: String, requestID: String?) async throws -> SignInResult {
        guard let invitation = try await openInvitation(secret) else {
            throw ClearinghouseError.notFound("invitation")
        }
        try PasswordPolicy.check(password, context: [invitation.name, invitation.email])
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let hash = try PasswordHash(password: password, salt: dependencies.randomBytes(PasswordHash.saltLength))
        let (organization, existing) = try await workflows.store.read { repositories in
            let organization = try await repositories.organizations.find(invitation.organizationID)
            guard let id = invitation.personID else { return (organization, nil as Person?) }
            return (organization, try await repositories.people.find([id])[id])
        }
        guard let organization else { throw ClearinghouseError.notFound("invitation") }
        let person: Person
        if invitation.personID != nil {
            // A reset link: the person is already here, and must still be.
            guard var found = existing, found.disabledAt == nil, found.organizationID == organization.id else {
                throw ClearinghouseError.notFound("invitation")
            }
            found.password = hash
            found.failedSignIns = 0
            found.lockedUntil = nil
            person = found
        } else {
            person = Person(
                id: dependencies.makeID(), organizationID: invitation.organizationID, email: invitation.email,
                name: invitation.name, role: invitation.role, password: hash, createdAt: now)
        }
        let stage: WebSession.Stage =
            SessionWorkflows.requiresSecondFactor(person, in: organization) ? .enrollingSecondFactor : .signedIn
        let (session, sessionSecret) = WebSession.start(for: person.id, stage: stage, dependencies: dependencies)
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: now, actor: .web(person), action: .invitationAccept,
            target: .invitation(invitation.id), requestID: requestID, outcome: .success,
            detail: "\(invitation.personID == nil ? "" : "reset: ")\(person.role.rawValue) \(person.email)")
        let signIn = AuditEvent(
            id: dependencies.makeID(), occurredAt: now, actor: .web(person), action: .signIn,
            target: .person(person.id), requestID: requestID, outcome: .success, detail: "after accepting an invitation")
        try await workflows.commits.commit(event) { repositories in
            try await repositories.invitations.markAccepted(invitation.id, at: now)
            if invitation.personID == nil {
                try await repositories.people.insert(person)
            } else {
                try await repositories.people.saveCredentials(of: person)
            }
            try await repositories.webSessions.insert(session)
            return Recorded((), events: [signIn])
        }
        return stage == .signedIn ? .signedIn(sessionSecret) : .mustEnrolSecondFactor(sessionSecret)
    }
}
