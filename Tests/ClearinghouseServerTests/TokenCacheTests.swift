import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation
import Testing

@testable import ClearinghouseServer

/// A token revoked while a request is reading it from the store is not cached again by that request, and requests
/// after the revocation do not share the read that began before it.
@Suite struct TokenCacheTests {
    static func record() throws -> (token: APIToken, organization: Organization) {
        let dependencies = Dependencies.test()
        let organization = Organization(
            id: dependencies.makeID(), name: "Valley Hospital", kind: .operator, sector: .healthcare, contacts: [],
            verification: .verified(at: dependencies.now(), by: nil), createdAt: dependencies.now())
        let issued = try TokenRequest(role: "analyst", name: nil, expiresAt: nil)
            .issue(for: organization.id, createdBy: nil, dependencies: dependencies)
        return (issued.token, organization)
    }

    @Test func aReadThatBeganBeforeARevocationIsNotKept() async throws {
        let cache = TokenCache(lifetime: 60)
        let (token, organization) = try Self.record()
        let now = Date()
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
        // A request misses the cache and reads the token before it is revoked; the read is slow.
        let inFlight = Task {
            try await cache.resolve(prefix: token.prefix, now: now) {
                startedContinuation.yield()
                for await _ in release { break }
                return (token, organization)
            }
        }
        for await _ in started { break }
        cache.forget(token: token.id)
        // A request after the revocation does not join the old read: it reads again, and sees the revocation.
        let revoked = {
            var revoked = token
            revoked.revokedAt = now
            return revoked
        }()
        let fresh = try await cache.resolve(prefix: token.prefix, now: now) { (revoked, organization) }
        #expect(fresh?.token.revokedAt != nil)
        releaseContinuation.yield()
        let stale = try await inFlight.value
        #expect(stale?.token.revokedAt == nil, "the old read itself answers what it read")
        // What the old read found is not cached.
        #expect(cache.lookup(prefix: token.prefix, now: now)?.token.revokedAt != nil)
        let later = try await cache.resolve(prefix: token.prefix, now: now) { (revoked, organization) }
        #expect(later?.token.revokedAt != nil)
    }

    @Test func noteUseNeverBringsBackAForgottenToken() throws {
        let cache = TokenCache(lifetime: 60)
        let (token, _) = try Self.record()
        cache.forget(token: token.id)
        cache.noteUse(of: token.id, at: Date())
        #expect(cache.lookup(prefix: token.prefix, now: Date()) == nil)
    }
}
