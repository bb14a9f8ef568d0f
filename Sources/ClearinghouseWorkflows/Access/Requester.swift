public import ClearinghouseCore
public import Foundation

/// Who asks a workflow to act: the party the access policy judges, how it reached the system, and the request
/// that carried the ask, for the audit trail.
public struct Requester: Sendable {
    public let party: Party
    public let actor: AuditActor
    /// The HTTP request's id, when there is one.
    public let requestID: String?

    /// A party asking through the HTTP API.
    public static func api(_ party: Party, requestID: String?) -> Requester {
        Requester(party: party, actor: .api(party), requestID: requestID)
    }

    /// The member asking.
    ///
    /// - Throws: `unauthenticated` for anonymous parties.
    public func member() throws(ClearinghouseError) -> Member {
        guard let member = party.member else { throw .unauthenticated }
        return member
    }

    /// An audit event of something this requester did or attempted.
    public func event(
        _ action: AuditAction, target: AuditTarget?, outcome: AuditOutcome = .success, detail: String? = nil,
        dependencies: Dependencies
    ) -> AuditEvent {
        AuditEvent(
            id: dependencies.makeID(), occurredAt: dependencies.now(), actor: actor, action: action, target: target,
            requestID: requestID, outcome: outcome, detail: detail)
    }
}
