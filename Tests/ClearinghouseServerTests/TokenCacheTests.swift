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

/// Many requests with a token whose recorded use is stale record it once: the first claims the recording, the
/// others (while it waits for the database, and after) do not queue another write; a failed recording is released.
@Suite struct TokenUseClaimTests {
    @Test func oneRequestPerResolutionRecordsAUse() throws {
        let cache = TokenCache()
        let (token, _) = try TokenCacheTests.record()
        let now = Date()
        let claims = (0..<50).map { second in
            cache.claimUse(of: token.id, at: now.addingTimeInterval(Double(second) / 10), resolution: 60)
        }
        #expect(claims.filter { $0 }.count == 1)
        #expect(claims.first == true)
        #expect(cache.claimUse(of: token.id, at: now.addingTimeInterval(60), resolution: 60))
    }

    @Test func aFailedRecordingIsReleased() throws {
        let cache = TokenCache()
        let (token, _) = try TokenCacheTests.record()
        let now = Date()
        #expect(cache.claimUse(of: token.id, at: now, resolution: 60))
        cache.releaseUse(of: token.id)
        #expect(cache.claimUse(of: token.id, at: now.addingTimeInterval(1), resolution: 60))
        #expect(!cache.claimUse(of: token.id, at: now.addingTimeInterval(2), resolution: 60))
    }
}
