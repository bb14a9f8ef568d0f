public import Foundation

/// A record of one mutation, or one refused attempt at one: who, what, on which record, when, and how it ended.
///
/// The store writes an event in the same transaction as the change it describes, and never updates or deletes
/// one.
public struct AuditEvent: Sendable, Hashable, Identifiable {
    /// The identifier of an audit event; UUIDv7, so identifiers sort in time order.
    public typealias ID = Identifier<AuditEvent>

    public var id: ID
    public var occurredAt: Date
    public var actor: AuditActor
    public var action: AuditAction
    public var target: AuditTarget?
    /// The id of the HTTP request that caused the event, to find it in the server log.
    public var requestID: String?
    public var outcome: AuditOutcome
    /// A short note, for example the reason of a denial or a coordinator's verification note.
    public var detail: String?

    /// Creates an audit event.
    public init(
        id: ID, occurredAt: Date, actor: AuditActor, action: AuditAction, target: AuditTarget?,
        requestID: String?, outcome: AuditOutcome, detail: String? = nil
    ) {
        self.id = id
        self.occurredAt = occurredAt
        self.actor = actor
        self.action = action
        self.target = target
        self.requestID = requestID
        self.outcome = outcome
        self.detail = detail
    }
}

/// Who caused an audit event.
public struct AuditActor: Sendable, Hashable {
    /// How the actor reached the system.
    public enum Channel: String, Sendable, Hashable, CaseIterable {
        /// Through the HTTP API, with a token.
        case api
        /// Through the web interface, as a person (or someone trying to sign in as one).
        case web
        /// Through the `clearinghouse` command on the server's machine.
        case cli
        /// The server itself, when a scheduled job found something due (a lapsed claim, a deadline).
        case scheduler
    }

    public var organizationID: Organization.ID?
    public var tokenID: APIToken.ID?
    /// The person acting, through the web interface.
    public var personID: Person.ID?
    public var channel: Channel

    /// Creates an actor.
    public init(organizationID: Organization.ID?, tokenID: APIToken.ID?, personID: Person.ID? = nil, channel: Channel) {
        self.organizationID = organizationID
        self.tokenID = tokenID
        self.personID = personID
        self.channel = channel
    }

    /// The server acting on its own schedule.
    public static let scheduler = AuditActor(organizationID: nil, tokenID: nil, channel: .scheduler)

    /// An operator at the `clearinghouse` command on the server's machine.
    public static let commandLine = AuditActor(organizationID: nil, tokenID: nil, channel: .cli)

    /// The actor for a request made by a party (anonymous parties have neither organization nor token): through
    /// the web interface when a person acts, through the API otherwise.
    public static func api(_ party: Party) -> AuditActor {
        let member = party.member
        return AuditActor(
            organizationID: member?.organizationID, tokenID: member?.token?.id, personID: member?.person?.id,
            channel: member?.person == nil ? .api : .web)
    }
}

/// What was done, as `resource.verb`. The set grows with the system; a value once shipped keeps its meaning. Each
/// feature declares its own actions beside its types (`Cases/Audit+Cases.swift` …).
public struct AuditAction: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// The record an audit event is about. Each feature declares constructors for its records beside its audit actions.
public struct AuditTarget: Sendable, Hashable {
    /// The kind of record, for example `organization` or `token`.
    public var type: String
    public var id: String

    /// Creates a target.
    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }
}

/// How an audited attempt ended.
public enum AuditOutcome: String, Sendable, Hashable, CaseIterable {
    /// The change was committed.
    case success
    /// The access policy refused the attempt; nothing changed.
    case denied
}

/// Which audit events to list.
public struct AuditFilter: Sendable, Hashable {
    public var actorOrganization: Organization.ID?
    public var actorToken: APIToken.ID?
    public var targetID: String?
    public var action: AuditAction?
    public var outcome: AuditOutcome?
    /// Events at or after this time.
    public var since: Date?
    /// Events before this time.
    public var until: Date?

    /// Creates a filter; every criterion left `nil` matches everything.
    public init(
        actorOrganization: Organization.ID? = nil, actorToken: APIToken.ID? = nil, targetID: String? = nil,
        action: AuditAction? = nil, outcome: AuditOutcome? = nil, since: Date? = nil, until: Date? = nil
    ) {
        self.actorOrganization = actorOrganization
        self.actorToken = actorToken
        self.targetID = targetID
        self.action = action
        self.outcome = outcome
        self.since = since
        self.until = until
    }
}
