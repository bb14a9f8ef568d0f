import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation
import Testing

@Suite struct TokenSecretTests {
    @Test func newTokensHaveThePublishedShapeAnd256SecretBits() throws {
        let secret = TokenSecret(randomBytes: Dependencies.test().randomBytes)
        #expect(secret.text.hasPrefix("chtok_" + secret.prefix + "_"))
        #expect(secret.prefix.count == 16)
        let encoded = secret.text.split(separator: "_").last!
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        #expect(Data(base64Encoded: base64)?.count == 32)
        let parsed = try #require(TokenSecret(presented: secret.text))
        #expect(parsed == secret)
        #expect(parsed.hash == secret.hash)
        #expect(secret.hash.count == 32)
    }

    @Test func descriptionsNeverPrintTheSecret() {
        let secret = TokenSecret(randomBytes: Dependencies.test().randomBytes)
        #expect(!String(describing: secret).contains(secret.text.suffix(20)))
    }

    @Test(arguments: [
        "", "chtok_", "Bearer chtok_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "xxtok_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "chtok_0123456789ABCDEF_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "chtok_0123456789abcdef-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "chtok_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "chtok_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "chtok_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "chtok_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u{e9}",
    ])
    func malformedTokensAreRefusedBeforeAnyLookup(text: String) {
        #expect(TokenSecret(presented: text) == nil)
    }

    @Test func constantTimeComparisonComparesWholeValues() {
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([1, 2, 3], [9, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(constantTimeEquals([], []))
    }
}

@Suite struct TokenRequestTests {
    let clock: TestClock
    let dependencies: Dependencies

    init() {
        clock = TestClock()
        dependencies = .test(clock: clock)
    }
    let organization = Fixtures.organization(.vendor).id

    @Test func defaultsToNinetyDaysAndRecordsItsMaker() throws {
        let maker = APIToken.ID(UUID())
        let issued = try TokenRequest(role: "analyst", name: " CI scanner ", expiresAt: nil)
            .issue(for: organization, createdBy: maker, dependencies: dependencies)
        #expect(issued.token.role == .analyst)
        #expect(issued.token.name == "CI scanner")
        #expect(issued.token.expiresAt == clock.now.addingTimeInterval(90 * 86_400))
        #expect(issued.token.createdBy == maker)
        #expect(issued.token.secretHash == issued.secret.hash)
        #expect(issued.token.prefix == issued.secret.prefix)
    }

    @Test(arguments: [
        (TokenRequest(role: "owner", name: nil, expiresAt: nil), "role"),
        (TokenRequest(role: "ADMIN", name: nil, expiresAt: nil), "role"),
        (TokenRequest(role: "admin", name: "", expiresAt: nil), "name"),
        (TokenRequest(role: "admin", name: "two\nlines", expiresAt: nil), "name"),
        (TokenRequest(role: "admin", name: nil, expiresAt: Date(timeIntervalSince1970: 1_700_000_000)), "expires_at"),
        (TokenRequest(role: "admin", name: nil, expiresAt: Date(timeIntervalSince1970: 1_800_000_000)), "expires_at"),
        (
            TokenRequest(
                role: "admin", name: nil, expiresAt: Date(timeIntervalSince1970: 1_800_000_000 + 367 * 86_400)),
            "expires_at"
        ),
    ])
    func badRequestsNameTheField(request: TokenRequest, field: String) {
        #expect {
            _ = try request.issue(for: organization, createdBy: nil, dependencies: dependencies)
        } throws: { error in
            (error as? ClearinghouseError)?.field == field && (error as? ClearinghouseError)?.code == .invalidField
        }
    }
}

@Suite struct TokenAuthenticatorTests {
    let clock: TestClock
    let dependencies: Dependencies
    let organization = Fixtures.organization(.operator)

    init() {
        clock = TestClock()
        dependencies = .test(clock: clock)
    }

    func issue() throws -> IssuedToken {
        try TokenRequest(role: "reader", name: nil, expiresAt: clock.now.addingTimeInterval(3_600))
            .issue(for: organization.id, createdBy: nil, dependencies: dependencies)
    }

    @Test func aMatchingLiveTokenAuthenticates() throws {
        let issued = try issue()
        let outcome = TokenAuthenticator().authenticate(
            issued.secret, against: (issued.token, organization), now: clock.now)
        #expect(outcome == .authenticated(Member(organization: organization, token: issued.token), recordUse: true))
    }

    @Test func refusalsSayWhyForTheLog() throws {
        let issued = try issue()
        let authenticator = TokenAuthenticator()
        let other = try issue()
        #expect(authenticator.authenticate(issued.secret, against: nil, now: clock.now) == .refused(.unknown))
        #expect(
            authenticator.authenticate(other.secret, against: (issued.token, organization), now: clock.now)
                == .refused(.mismatch))
        var revoked = issued.token
        revoked.revokedAt = clock.now
        #expect(
            authenticator.authenticate(issued.secret, against: (revoked, organization), now: clock.now)
                == .refused(.revoked))
        #expect(
            authenticator.authenticate(
                issued.secret, against: (issued.token, organization), now: clock.now.addingTimeInterval(3_600))
                == .refused(.expired))
    }

    @Test func lastUseIsRecordedAtMostOncePerResolution() throws {
        let secret = try issue()
        var token = secret.token
        token.lastUsedAt = clock.now
        let authenticator = TokenAuthenticator()
        let soon = authenticator.authenticate(
            secret.secret, against: (token, organization), now: clock.now.addingTimeInterval(59))
        #expect(soon == .authenticated(Member(organization: organization, token: token), recordUse: false))
        let later = authenticator.authenticate(
            secret.secret, against: (token, organization), now: clock.now.addingTimeInterval(60))
        #expect(later == .authenticated(Member(organization: organization, token: token), recordUse: true))
    }
}
