import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseTestSupport
import ClearinghouseWorkflows
import Foundation
import Logging
import Testing

/// People come in by invitation, sign in with a password and (where required) an authenticator, are locked out
/// after repeated failures, and sign out here or everywhere; on both engines.
@Suite struct SessionWorkflowTests {
    static let password = "correct horse battery staple"

    /// A bootstrapped instance: its coordinator organization's admin, and the workflows over it.
    struct Instance {
        let clock: TestClock
        let store: Store
        let coordinator: Organization
        let admin: Requester
        let sessions: SessionWorkflows
        let invitations: InvitationWorkflows

        init(_ store: Store) async throws {
            clock = TestClock()
            let dependencies = Dependencies.test(clock: clock)
            let plan = try Bootstrap(name: "Coordination Center", tokenLifetimeDays: 30, dependencies: dependencies)
            try await store.bootstrap(plan)
            self.store = store
            coordinator = plan.organization
            admin = .api(.member(Member(organization: plan.organization, token: plan.token.token)), requestID: nil)
            let workflows = Workflows(
                commits: CommitPath(
                    store: store, dependencies: dependencies, catalogs: nil, logger: Logger(label: "test")),
                settings: WorkflowSettings())
            sessions = SessionWorkflows(workflows)
            invitations = InvitationWorkflows(workflows)
        }

        /// A person invited as an analyst of the coordinator organization, who accepted, and their session.
        func person(email: String = "ana@example.org") async throws -> (TokenSecret, SignedInSession) {
            let (_, link) = try await invitations.invite(
                email: email, name: "Ana Analyst", role: .analyst, to: coordinator.id, by: admin)
            let result = try await invitations.accept(link, password: SessionWorkflowTests.password, requestID: nil)
            guard case .mustEnrolSecondFactor(let secret) = result else {
                throw ClearinghouseError(.internalError, "a coordinator's person must enrol a second factor: \(result)")
            }
            return (secret, try #require(try await sessions.authenticate(secret)))
        }

        func auditActions() async throws -> [(String, String)] {
            try await store.read { try await $0.audit.list(AuditFilter(), before: nil, limit: 200) }
                .map { ($0.action.rawValue, $0.outcome.rawValue) }
        }
    }

    @Test(arguments: Dialect.allCases)
    func anInvitedPersonSetsAPasswordEnrolsAnAuthenticatorAndSignsIn(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let instance = try await Instance(store)
            let (first, enrolling) = try await instance.person()
            #expect(enrolling.session.stage == .enrollingSecondFactor)
            #expect(enrolling.person.password?.verifies(Self.password) == true)
            // The link opens once.
            let (_, link) = try await instance.invitations.invite(
                email: "bo@example.org", name: "Bo", role: .reader, to: instance.coordinator.id, by: instance.admin)
            #expect(try await instance.invitations.openInvitation(link) != nil)
            _ = try await instance.invitations.accept(link, password: Self.password + "!", requestID: nil)
            #expect(try await instance.invitations.openInvitation(link) == nil)
            await #expect(throws: ClearinghouseError.self) {
                try await instance.invitations.accept(link, password: Self.password, requestID: nil)
            }

            // Enrolment: a wrong code is refused, the right one replaces the session.
            let totp = try await instance.sessions.beginEnrolment(enrolling)
            let pending = try #require(try await instance.sessions.authenticate(first))
            await #expect(throws: ClearinghouseError.self) {
                try await instance.sessions.confirmEnrolment(pending, code: "000000", requestID: nil)
            }
            let signedIn = try await instance.sessions.confirmEnrolment(
                pending, code: totp.code(at: instance.clock.now), requestID: nil)
            #expect(try await instance.sessions.authenticate(first) == nil, "the enrolling session ended")
            let session = try #require(try await instance.sessions.authenticate(signedIn))
            #expect(session.session.stage == .signedIn)
            #expect(session.person.secondFactor == totp)

            // Signing in again needs the password, then a fresh code (the one just used is spent).
            #expect(
                try await instance.sessions.signIn(
                    email: "ANA@example.org", password: Self.password, code: nil, requestID: nil) == .needsCode)
            #expect(
                try await instance.sessions.signIn(
                    email: "ana@example.org", password: Self.password, code: totp.code(at: instance.clock.now),
                    requestID: nil) == .refused)
            instance.clock.advance(by: 30)
            let again = try await instance.sessions.signIn(
                email: "ana@example.org", password: Self.password, code: totp.code(at: instance.clock.now),
                requestID: nil)
            guard case .signedIn(let secret) = again else { Issue.record("\(again)"); return }
            #expect(secret != signedIn, "each sign-in gets a new session")
            let actions = try await instance.auditActions()
            #expect(actions.contains { $0 == ("person.sign_in", "denied") })
            #expect(actions.contains { $0 == ("person.second_factor_enrol", "success") })
            #expect(actions.contains { $0 == ("invitation.accept", "success") })
        }
    }

    @Test(arguments: Dialect.allCases)
    func repeatedFailuresLockAPersonOutAndSignOutEndsSessions(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let instance = try await Instance(store)
            let (first, _) = try await instance.person()
            func attempt(_ password: String) async throws -> SignInResult {
                try await instance.sessions.signIn(
                    email: "ana@example.org", password: password, code: nil, requestID: nil)
            }
            for _ in 0..<SignInPolicy.freeFailures { #expect(try await attempt("wrong password, five times") == .refused) }
            // Locked: the right password is refused too, for 15 minutes.
            #expect(try await attempt(Self.password) == .refused)
            instance.clock.advance(by: SignInPolicy.firstLockout - 1)
            #expect(try await attempt(Self.password) == .refused)
            instance.clock.advance(by: 1)
            guard case .mustEnrolSecondFactor = try await attempt(Self.password) else {
                Issue.record("the lockout should have ended")
                return
            }
            // An address nobody has is refused alike, and audited without a person.
            #expect(
                try await instance.sessions.signIn(
                    email: "nobody@example.org", password: Self.password, code: nil, requestID: nil) == .refused)

            // Signing out ends this session; signing out everywhere ends them all.
            let second = try await instance.sessions.signIn(
                email: "ana@example.org", password: Self.password, code: nil, requestID: nil)
            guard case .mustEnrolSecondFactor(let other) = second else { Issue.record("\(second)"); return }
            let one = try #require(try await instance.sessions.authenticate(other))
            try await instance.sessions.signOut(one, everywhere: false, requestID: nil)
            #expect(try await instance.sessions.authenticate(other) == nil)
            let firstSession = try #require(try await instance.sessions.authenticate(first))
            try await instance.sessions.signOut(firstSession, everywhere: true, requestID: nil)
            #expect(try await instance.sessions.authenticate(first) == nil)
            let actions = try await instance.auditActions()
            #expect(actions.filter { $0 == ("person.sign_in", "denied") }.count == SignInPolicy.freeFailures + 3)
            #expect(actions.contains { $0 == ("person.sign_out_everywhere", "success") })
        }
    }

    @Test(arguments: Dialect.allCases)
    func sessionsEndWhenIdleOrOld(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let instance = try await Instance(store)
            let (secret, _) = try await instance.person()
            // In use every 20 minutes, it lasts until 12 hours after sign-in.
            for _ in 0..<(12 * 3) - 1 {
                instance.clock.advance(by: 20 * 60)
                #expect(try await instance.sessions.authenticate(secret) != nil)
            }
            instance.clock.advance(by: 20 * 60)
            #expect(try await instance.sessions.authenticate(secret) == nil, "12 hours after sign-in")
            let (idle, _) = try await instance.person(email: "idle@example.org")
            instance.clock.advance(by: SessionLifetime.standard.idle)
            #expect(try await instance.sessions.authenticate(idle) == nil, "30 minutes unused")
        }
    }

    @Test(arguments: Dialect.allCases)
    func thePruningJobDeletesOnlySessionsThatCanOpenNothing(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let instance = try await Instance(store)
            let (ended, endedSession) = try await instance.person(email: "ended@example.org")
            try await instance.sessions.signOut(endedSession, everywhere: false, requestID: nil)
            let (idle, _) = try await instance.person(email: "idle@example.org")
            instance.clock.advance(by: SessionLifetime.standard.idle - 60)
            let (live, _) = try await instance.person(email: "live@example.org")
            instance.clock.advance(by: 120)
            let scheduler = Scheduler(
                jobs: [SessionWorkflows.pruning(lifetime: .standard)],
                commits: CommitPath(
                    store: store, dependencies: .test(clock: instance.clock, seed: 9), catalogs: nil,
                    logger: Logger(label: "test")),
                node: "node", logger: Logger(label: "test"))
            #expect(await scheduler.runDueJobs() == ["web_sessions.prune"])
            func stored(_ secret: TokenSecret) async throws -> Bool {
                try await store.read { try await $0.webSessions.findForAuthentication(prefix: secret.prefix) } != nil
            }
            #expect(try await !stored(ended))
            #expect(try await !stored(idle))
            #expect(try await stored(live))
            #expect(try await instance.sessions.authenticate(live) != nil)
        }
    }

    /// Failures racing on several connections all count, and a code used by two sign-ins at once opens one session.
    @Test(arguments: Dialect.allCases)
    func concurrentFailuresAllCountAndACodeOpensOneSession(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let instance = try await Instance(store)
            let (enrollingSecret, _) = try await instance.person()
            let enrolling = try #require(try await instance.sessions.authenticate(enrollingSecret))
            let totp = try await instance.sessions.beginEnrolment(enrolling)
            let pending = try #require(try await instance.sessions.authenticate(enrollingSecret))
            _ = try await instance.sessions.confirmEnrolment(
                pending, code: totp.code(at: instance.clock.now), requestID: nil)
            let sessions = instance.sessions
            func signIn(_ password: String, code: String?) async throws -> SignInResult {
                try await sessions.signIn(email: "ana@example.org", password: password, code: code, requestID: nil)
            }

            let failures = try await withThrowingTaskGroup(of: SignInResult.self) { group in
                for _ in 0..<SignInPolicy.freeFailures {
                    group.addTask { try await signIn("wrong password, all at once", code: nil) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(failures == Array(repeating: .refused, count: SignInPolicy.freeFailures))
            instance.clock.advance(by: 30)
            #expect(try await signIn(Self.password, code: totp.code(at: instance.clock.now)) == .refused, "locked out")

            instance.clock.advance(by: SignInPolicy.firstLockout)
            let code = totp.code(at: instance.clock.now)
            let racing = try await withThrowingTaskGroup(of: SignInResult.self) { group in
                for _ in 0..<2 { group.addTask { try await signIn(Self.password, code: code) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(racing.filter { if case .signedIn = $0 { true } else { false } }.count == 1, "\(racing)")
            #expect(racing.contains(.refused))
        }
    }
}
