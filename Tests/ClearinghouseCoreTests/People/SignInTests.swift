import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation
import Testing

/// People signing in: invitations, the decision for one attempt, lockouts, sessions and form tokens.
@Suite struct SignInTests {
    static let cheap = PasswordHash.Cost(logN: 10, r: 8, p: 1)
    static let password = "correct horse battery staple"

    static func person(secondFactor: TOTP? = nil, failures: Int = 0, lockedUntil: Date? = nil) throws -> Person {
        let dependencies = Dependencies.test()
        return Person(
            id: dependencies.makeID(), organizationID: dependencies.makeID(), email: "ana@valley.example",
            name: "Ana Ortiz", role: .analyst,
            password: try PasswordHash(password: password, salt: Array(repeating: 3, count: 16), cost: cheap),
            secondFactor: secondFactor, failedSignIns: failures, lockedUntil: lockedUntil, createdAt: dependencies.now())
    }

    @Test func anInvitationOpensOnceBeforeItExpires() throws {
        let clock = TestClock()
        let dependencies = Dependencies.test(clock: clock)
        let (invitation, secret) = try Invitation.issue(
            to: "  Ana@Valley.Example ", name: "Ana Ortiz", role: .analyst, organization: dependencies.makeID(),
            dependencies: dependencies)
        #expect(invitation.email == "ana@valley.example")
        #expect(secret.text.hasPrefix("chinv_"))
        #expect(invitation.isOpened(by: secret, at: clock.now))
        let presented = try #require(TokenSecret(presented: secret.text, kind: .invitation))
        #expect(invitation.isOpened(by: presented, at: clock.now))
        // Not as another kind of secret, not once used or revoked, not after a week.
        #expect(TokenSecret(presented: secret.text, kind: .apiToken) == nil)
        #expect(!invitation.isOpened(by: TokenSecret(.invitation, randomBytes: dependencies.randomBytes), at: clock.now))
        var used = invitation
        used.acceptedAt = clock.now
        #expect(!used.isOpened(by: secret, at: clock.now))
        var revoked = invitation
        revoked.revokedAt = clock.now
        #expect(!revoked.isOpened(by: secret, at: clock.now))
        #expect(!invitation.isOpened(by: secret, at: clock.now.addingTimeInterval(Invitation.lifetime)))
    }

    @Test(arguments: ["", "ana", "ana@", "@valley.example", "ana@valley", "ana@.example", "a b@valley.example",
                      "ana@valley.example\u{0}", String(repeating: "a", count: 250) + "@x.example"])
    func malformedAddressesAreRefused(email: String) {
        #expect(throws: ClearinghouseError.self) { try Person.normalizedEmail(email) }
    }

    @Test func namesAreBounded() {
        let dependencies = Dependencies.test()
        for name in ["", "   ", String(repeating: "n", count: 201), "Ana\u{7}"] {
            #expect(throws: ClearinghouseError.self) {
                try Invitation.issue(
                    to: "ana@valley.example", name: name, role: .reader, organization: dependencies.makeID(),
                    dependencies: dependencies)
            }
        }
    }

    @Test func aPasswordAloneSignsInWhereNoSecondFactorIsRequired() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let person = try Self.person()
        #expect(
            SignInPolicy.decide(person: person, password: Self.password, code: nil, secondFactorRequired: false, now: now)
                == .signedIn(codeStep: nil, rehash: true))
        #expect(
            SignInPolicy.decide(person: person, password: Self.password, code: nil, secondFactorRequired: true, now: now)
                == .needsCode)
        #expect(
            SignInPolicy.decide(person: person, password: "wrong", code: nil, secondFactorRequired: false, now: now)
                == .refused(.wrongPassword))
        #expect(
            SignInPolicy.decide(person: nil, password: Self.password, code: nil, secondFactorRequired: false, now: now)
                == .refused(.unknownPerson))
        var disabled = person
        disabled.disabledAt = now
        #expect(
            SignInPolicy.decide(person: disabled, password: Self.password, code: nil, secondFactorRequired: false, now: now)
                == .refused(.inactive))
    }

    @Test func anEnrolledSecondFactorIsAskedForAndCheckedOnce() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let totp = try TOTP(secret: Array(repeating: 9, count: 20))
        var person = try Self.person(secondFactor: totp)
        #expect(
            SignInPolicy.decide(person: person, password: Self.password, code: nil, secondFactorRequired: false, now: now)
                == .needsCode)
        let code = totp.code(at: now)
        let outcome = SignInPolicy.decide(
            person: person, password: Self.password, code: code, secondFactorRequired: false, now: now)
        #expect(outcome == .signedIn(codeStep: totp.step(at: now), rehash: true))
        person.lastCodeStep = totp.step(at: now)
        #expect(
            SignInPolicy.decide(person: person, password: Self.password, code: code, secondFactorRequired: false, now: now)
                == .refused(.wrongCode))
        // The right code with the wrong password says nothing about the code.
        #expect(
            SignInPolicy.decide(person: person, password: "wrong", code: code, secondFactorRequired: false, now: now)
                == .refused(.wrongPassword))
    }

    @Test func failuresLockThePersonOutForLongerEachTime() throws {
        #expect(SignInPolicy.lockout(afterFailures: 4) == nil)
        #expect(SignInPolicy.lockout(afterFailures: 5) == TimeInterval(15 * 60))
        #expect(SignInPolicy.lockout(afterFailures: 6) == TimeInterval(30 * 60))
        #expect(SignInPolicy.lockout(afterFailures: 100) == TimeInterval(24 * 3600))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let locked = try Self.person(failures: 5, lockedUntil: now.addingTimeInterval(60))
        #expect(
            SignInPolicy.decide(person: locked, password: Self.password, code: nil, secondFactorRequired: false, now: now)
                == .refused(.locked))
        #expect(
            SignInPolicy.decide(
                person: locked, password: Self.password, code: nil, secondFactorRequired: false,
                now: now.addingTimeInterval(61)) == .signedIn(codeStep: nil, rehash: true))
    }

    @Test func sessionsEndWhenIdleTooLongOrTooOldOrSignedOut() {
        let dependencies = Dependencies.test()
        let secret = TokenSecret(.session, randomBytes: dependencies.randomBytes)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let session = WebSession(
            id: dependencies.makeID(), personID: dependencies.makeID(), prefix: secret.prefix, secretHash: secret.hash,
            createdAt: start, lastSeenAt: start)
        let lifetime = SessionLifetime.standard
        #expect(lifetime.state(of: session, presented: secret, now: start.addingTimeInterval(10)) == .active(touch: false))
        #expect(lifetime.state(of: session, presented: secret, now: start.addingTimeInterval(61)) == .active(touch: true))
        #expect(lifetime.state(of: session, presented: secret, now: start.addingTimeInterval(30 * 60)) == .ended)
        var busy = session
        busy.lastSeenAt = start.addingTimeInterval(12 * 3600 - 10)
        #expect(lifetime.state(of: busy, presented: secret, now: start.addingTimeInterval(12 * 3600 - 5)) == .active(touch: false))
        #expect(lifetime.state(of: busy, presented: secret, now: start.addingTimeInterval(12 * 3600)) == .ended)
        var ended = session
        ended.endedAt = start
        #expect(lifetime.state(of: ended, presented: secret, now: start.addingTimeInterval(1)) == .ended)
        let stolen = TokenSecret(.session, randomBytes: dependencies.randomBytes)
        #expect(lifetime.state(of: session, presented: stolen, now: start.addingTimeInterval(1)) == .ended)
        #expect(lifetime.state(of: nil, presented: secret, now: start) == .ended)
    }

    @Test func aFormTokenBelongsToItsSession() {
        let dependencies = Dependencies.test()
        let mine = TokenSecret(.session, randomBytes: dependencies.randomBytes)
        let theirs = TokenSecret(.session, randomBytes: dependencies.randomBytes)
        let token = FormToken.make(for: mine)
        #expect(FormToken.verify(token, for: mine))
        #expect(!FormToken.verify(FormToken.make(for: theirs), for: mine))
        #expect(!FormToken.verify(nil, for: mine))
        #expect(!FormToken.verify("", for: mine))
        #expect(!FormToken.verify(token + "x", for: mine))
    }
}
