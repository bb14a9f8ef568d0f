public import ClearinghouseCore
public import ClearinghouseStore
public import Foundation

/// What a sign-in (or an accepted invitation) comes to, for the page to act on.
public enum SignInResult: Sendable, Hashable {
    /// Signed in: the browser gets this session's secret as its cookie.
    case signedIn(TokenSecret)
    /// The password was right, but the person must enrol a second factor first; the session may do nothing else.
    case mustEnrolSecondFactor(TokenSecret)
    /// The password was right; ask for the authenticator's code.
    case needsCode
    /// Refused, for a reason the page does not tell.
    case refused
}

/// People's sessions in the web interface: sign-in with a password and a second factor, throttled per person in
/// the store (so on every node); enrolling an authenticator; signing out here or everywhere. Every attempt is
/// audited, failures with their reason.
public struct SessionWorkflows: Sendable {
    let workflows: Workflows
    public let lifetime: SessionLifetime

    public init(_ workflows: Workflows, lifetime: SessionLifetime = .standard) {
        self.workflows = workflows
        self.lifetime = lifetime
    }

    /// Whether a person must use a second factor: everyone at a coordinator organization, and at an organization
    /// that requires it.
    public static func requiresSecondFactor(_ person: Person, in organization: Organization) -> Bool {
        organization.kind == .coordinator || organization.requiresSecondFactor
    }

    /// Checks a typed address, password and (on the second step) code. A person at their fifth failure in a row is
    /// locked out for 15 minutes, doubling with each further failure.
    public func signIn(email: String, password: String, code: String?, requestID: String?) async throws
        -> SignInResult
    {
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let address = (try? Person.normalizedEmail(email)) ?? ""
        let found =
            address.isEmpty || password.utf8.count > PasswordPolicy.maximumBytes
            ? nil : try await workflows.store.read { try await $0.people.findForSignIn(email: address) }
        if found == nil {
            // The same work as for a real person, so that timing does not tell which addresses exist.
            _ = Self.decoy.verifies(String(password.utf8.prefix(PasswordPolicy.maximumBytes)) ?? "")
        }
        let outcome = SignInPolicy.decide(
            person: found?.person, password: password, code: code,
            secondFactorRequired: found.map { Self.requiresSecondFactor($0.person, in: $0.organization) } ?? false,
            now: now)
        func event(_ outcome: AuditOutcome, _ detail: String?) -> AuditEvent {
            AuditEvent(
                id: dependencies.makeID(), occurredAt: now, actor: .web(found?.person), action: .signIn,
                target: found.map { .person($0.person.id) }, requestID: requestID, outcome: outcome, detail: detail)
        }
        switch outcome {
        case .needsCode:
            guard let (person, _) = found else { return .refused }
            if person.secondFactor != nil { return .needsCode }
            // Required, and none enrolled: a session that may only enrol one.
            let (session, secret) = WebSession.start(
                for: person.id, stage: .enrollingSecondFactor, dependencies: dependencies)
            var cleared = person
            cleared.failedSignIns = 0
            cleared.lockedUntil = nil
            let updated = cleared
            try await workflows.commits.commit(event(.success, "second factor to enrol")) { repositories in
                try await repositories.people.saveCredentials(of: updated)
                try await repositories.webSessions.insert(session)
                return .nothing
            }
            return .mustEnrolSecondFactor(secret)
        case .refused(let refusal):
            guard let person = found?.person, refusal == .wrongPassword || refusal == .wrongCode else {
                try await workflows.store.record(event(.denied, refusal.rawValue))
                return .refused
            }
            // Counted in the row, so that failures on every node add up.
            let failures = try await workflows.store.bookkeeping { try await $0.people.countFailedSignIn(of: person.id) }
            let lockedUntil = SignInPolicy.lockout(afterFailures: failures).map { now.addingTimeInterval($0) }
            let detail = refusal.rawValue + (lockedUntil == nil ? "" : ", locked out")
            try await workflows.commits.commit(event(.denied, detail)) { repositories in
                if let lockedUntil { try await repositories.people.lock(person.id, until: lockedUntil) }
                return .nothing
            }
            return .refused
        case .signedIn(let codeStep, let rehash):
            guard var person = found?.person else { return .refused }
            if rehash {
                person.password = try PasswordHash(
                    password: password, salt: dependencies.randomBytes(PasswordHash.saltLength))
            }
            let updated = person
            let (session, secret) = WebSession.start(for: person.id, stage: .signedIn, dependencies: dependencies)
            do {
                try await workflows.commits.commit(event(.success, nil)) { repositories in
                    // Another sign-in may have used the same code since it was read: then this one is refused.
                    guard try await repositories.people.recordSignIn(of: updated, codeStep: codeStep) else {
                        throw CodeAlreadyUsed()
                    }
                    try await repositories.webSessions.insert(session)
                    return .nothing
                }
            } catch is CodeAlreadyUsed {
                try await workflows.store.record(event(.denied, SignInPolicy.Refusal.wrongCode.rawValue))
                return .refused
            }
            return .signedIn(secret)
        }
    }

    /// The live session a cookie's secret names, recording its use at most once a minute; `nil` for a secret
    /// that is unknown, ended, idle too long, too old, or whose person was disabled.
    public func authenticate(_ secret: TokenSecret) async throws -> SignedInSession? {
        let found = try await workflows.store.read { try await $0.webSessions.findForAuthentication(prefix: secret.prefix) }
        guard var found, found.person.disabledAt == nil else { return nil }
        let now = workflows.dependencies.now()
        switch lifetime.state(of: found.session, presented: secret, now: now) {
        case .ended:
            return nil
        case .active(let touch):
            if touch {
                let id = found.session.id
                try await workflows.store.bookkeeping { try await $0.webSessions.touch(id, at: now) }
                found.session.lastSeenAt = now
            }
            return found
        }
    }

    /// Starts enrolling an authenticator: a new secret, kept with the session until the person confirms it. Asking
    /// again replaces it.
    public func beginEnrolment(_ signedIn: SignedInSession) async throws -> TOTP {
        let totp = TOTP.generate(randomBytes: workflows.dependencies.randomBytes)
        let id = signedIn.session.id
        try await workflows.store.bookkeeping { try await $0.webSessions.setPendingSecondFactor(totp, of: id) }
        return totp
    }

    /// Confirms the authenticator with a code from it. The session is replaced by a new, fully signed-in one (its
    /// rights changed), and the person's other sessions end.
    ///
    /// - Returns: the new session's secret.
    /// - Throws: `invalid_field` on `code` when it does not match, or no enrolment was begun.
    public func confirmEnrolment(_ signedIn: SignedInSession, code: String, requestID: String?) async throws
        -> TokenSecret
    {
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        guard let totp = signedIn.session.pendingSecondFactor,
            let step = totp.matchingStep(of: code, at: now, after: nil)
        else {
            throw ClearinghouseError.invalidField(
                "code", "That code does not match; type the six digits your authenticator shows now.")
        }
        var person = signedIn.person
        person.secondFactor = totp
        person.lastCodeStep = step
        let updated = person
        let (session, secret) = WebSession.start(for: person.id, stage: .signedIn, dependencies: dependencies)
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: now, actor: .web(person), action: .secondFactorEnrol,
            target: .person(person.id), requestID: requestID, outcome: .success, detail: nil)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.people.saveCredentials(of: updated)
            try await repositories.webSessions.endAll(of: updated.id, at: now)
            try await repositories.webSessions.insert(session)
            return .nothing
        }
        return secret
    }

    /// Changes a signed-in person's password, given the current one: every session of theirs ends, and the new one
    /// this returns replaces it.
    ///
    /// - Throws: `invalid_field` (`current_password`) for a wrong current password, which is audited as refused;
    ///   `invalid_field` (`password`) for a new one the policy refuses.
    public func changePassword(
        of signedIn: SignedInSession, current: String, new: String, requestID: String?
    ) async throws -> TokenSecret {
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        var person = signedIn.person
        func event(_ outcome: AuditOutcome, _ detail: String?) -> AuditEvent {
            AuditEvent(
                id: dependencies.makeID(), occurredAt: now, actor: .web(person), action: .passwordChange,
                target: .person(person.id), requestID: requestID, outcome: outcome, detail: detail)
        }
        guard current.utf8.count <= PasswordPolicy.maximumBytes, person.password?.verifies(current) == true else {
            try await workflows.store.record(event(.denied, "wrong current password"))
            throw ClearinghouseError.invalidField("current_password", "That is not your current password.")
        }
        try PasswordPolicy.check(new, context: [person.name, person.email])
        person.password = try PasswordHash(password: new, salt: dependencies.randomBytes(PasswordHash.saltLength))
        let updated = person
        let (session, secret) = WebSession.start(for: person.id, stage: .signedIn, dependencies: dependencies)
        try await workflows.commits.commit(event(.success, nil)) { repositories in
            try await repositories.people.saveCredentials(of: updated)
            try await repositories.webSessions.endAll(of: updated.id, at: now)
            try await repositories.webSessions.insert(session)
            return .nothing
        }
        return secret
    }

    /// Ends this session, or (`everywhere`) every session of its person.
    public func signOut(_ signedIn: SignedInSession, everywhere: Bool, requestID: String?) async throws {
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let person = signedIn.person
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: now, actor: .web(person),
            action: everywhere ? .signOutEverywhere : .signOut, target: .person(person.id), requestID: requestID,
            outcome: .success, detail: nil)
        let session = signedIn.session.id
        try await workflows.commits.commit(event) { repositories in
            if everywhere {
                try await repositories.webSessions.endAll(of: person.id, at: now)
            } else {
                try await repositories.webSessions.end(session, at: now)
            }
            return .nothing
        }
    }

    /// The scheduled job that deletes sessions that can no longer open anything, so that the table holds live
    /// sessions only.
    public static func pruning(lifetime: SessionLifetime, every period: Duration = .seconds(3_600)) -> ScheduledJob {
        ScheduledJob(name: "web_sessions.prune", every: period) { context in
            let now = context.dependencies.now()
            let pruned = try await context.store.bookkeeping {
                try await $0.webSessions.prune(
                    lastSeenBefore: now.addingTimeInterval(-lifetime.idle),
                    createdBefore: now.addingTimeInterval(-lifetime.absolute))
            }
            return pruned == 0 ? nil : "pruned \(pruned) sessions"
        }
    }

    /// Raised inside a sign-in's transaction when its code's time step was used meanwhile, to roll it back.
    private struct CodeAlreadyUsed: Error {}

    /// A hash no password opens, checked when an address belongs to nobody.
    private static let decoy = try! PasswordHash(password: "no one signs in with this", salt: Array(repeating: 7, count: 16))
}
