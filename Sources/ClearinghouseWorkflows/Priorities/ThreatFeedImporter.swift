public import ClearinghouseCore
public import ClearinghouseStore
public import Foundation
import ThreatFeeds

/// Imports CISA's KEV catalog and FIRST's EPSS scores: the file is checked whole first, then replaces the feed held
/// in one transaction with its audit event, so a file with a problem changes nothing. Used by the HTTP routes and by
/// `clearinghouse import kev|epss`.
public struct ThreatFeedImporter: Sendable {
    let commits: CommitPath
    var dependencies: Dependencies { commits.dependencies }

    public init(commits: CommitPath) {
        self.commits = commits
    }

    /// What is held of each feed, for any member: `nil` for a feed never imported.
    public func status(by requester: Requester) async throws -> (kev: ThreatFeedStatus?, epss: ThreatFeedStatus?) {
        _ = try requester.member()
        return try await commits.store.read { repositories in
            (try await repositories.threatFeeds.status(of: "kev"), try await repositories.threatFeeds.status(of: "epss"))
        }
    }

    /// Imports a KEV catalog (CISA's JSON).
    ///
    /// - Throws: `invalid_request` listing every problem by line; `conflict` when a newer catalog is held.
    public func importKEV(_ data: Data, actor: AuditActor, requestID: String? = nil) async throws -> ThreatFeedImport {
        let catalog: KEVCatalog
        do {
            catalog = try KEVCatalog.read(data)
        } catch {
            throw Self.refusal(error, of: "KEV catalog")
        }
        let event = auditEvent(
            .kevImport, feed: "kev", version: catalog.catalogVersion, actor: actor, requestID: requestID)
        let now = dependencies.now()
        return try await commits.commit(event) { Recorded(try await $0.threatFeeds.replace(with: catalog, at: now)) }
    }

    /// Imports a day's EPSS scores (FIRST's CSV).
    ///
    /// - Throws: `invalid_request` listing every problem by line; `conflict` when a later day's scores are held.
    public func importEPSS(_ data: Data, actor: AuditActor, requestID: String? = nil) async throws -> ThreatFeedImport {
        let snapshot: EPSSSnapshot
        do {
            snapshot = try EPSSSnapshot.read(data)
        } catch {
            throw Self.refusal(error, of: "EPSS file")
        }
        let event = auditEvent(
            .epssImport, feed: "epss", version: "\(snapshot.modelVersion)/\(snapshot.scoreDateText)", actor: actor,
            requestID: requestID)
        let now = dependencies.now()
        return try await commits.commit(event) { Recorded(try await $0.threatFeeds.replace(with: snapshot, at: now)) }
    }

    private func auditEvent(
        _ action: AuditAction, feed: String, version: String, actor: AuditActor, requestID: String?
    ) -> AuditEvent {
        AuditEvent(
            id: dependencies.makeID(), occurredAt: dependencies.now(), actor: actor, action: action,
            target: .feed(feed, version: version), requestID: requestID,
            outcome: .success)
    }

    private static func refusal(_ error: FeedError, of what: String) -> ClearinghouseError {
        let count = error.total
        return ClearinghouseError(
            .invalidRequest,
            "The \(what) has \(count == 1 ? "a problem" : "\(count) problems"); nothing was imported.\n\(error)")
    }
}
