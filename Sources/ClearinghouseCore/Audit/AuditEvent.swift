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

    /// Audit events are for coordinators; the policy's oversight rule lets them read AMBER+STRICT.
    public var visibility: Visibility {
        Visibility(label: .amberStrict, owner: actor.organizationID, participants: [])
    }
}

/// Who caused an audit event.
public struct AuditActor: Sendable, Hashable {
    /// How the actor reached the system.
    public enum Channel: String, Sendable, Hashable, CaseIterable {
        /// Through the HTTP API, with a token.
        case api
        /// Through the `clearinghouse` command on the server's machine.
        case cli
        /// The server itself, when a scheduled job found something due (a lapsed claim, a deadline).
        case scheduler
    }

    public var organizationID: Organization.ID?
    public var tokenID: APIToken.ID?
    public var channel: Channel

    /// Creates an actor.
    public init(organizationID: Organization.ID?, tokenID: APIToken.ID?, channel: Channel) {
        self.organizationID = organizationID
        self.tokenID = tokenID
        self.channel = channel
    }

    /// The server acting on its own schedule.
    public static let scheduler = AuditActor(organizationID: nil, tokenID: nil, channel: .scheduler)

    /// The actor for a request made by a party (anonymous parties have neither organization nor token).
    public static func api(_ party: Party) -> AuditActor {
        AuditActor(organizationID: party.member?.organizationID, tokenID: party.member?.token.id, channel: .api)
    }
}

/// What was done, as `resource.verb`. The set grows with the system; a value once shipped keeps its meaning. Each
/// feature declares its own actions beside its types (`Cases/AuditAction+Cases.swift` …).
public struct AuditAction: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// The record an audit event is about.
public struct AuditTarget: Sendable, Hashable {
    /// The kind of record, for example `organization` or `token`.
    public var type: String
    public var id: String

    /// Creates a target.
    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    public static func organization(_ id: Organization.ID) -> AuditTarget {
        AuditTarget(type: "organization", id: id.rawValue)
    }

    public static func token(_ id: APIToken.ID) -> AuditTarget {
        AuditTarget(type: "token", id: id.rawValue)
    }

    public static func advisory(_ id: Advisory.ID) -> AuditTarget {
        AuditTarget(type: "advisory", id: id.rawValue)
    }

    public static func sbom(_ id: SBOMRecord.ID) -> AuditTarget {
        AuditTarget(type: "sbom", id: id.rawValue)
    }

    public static func vex(_ id: VEXRecord.ID) -> AuditTarget {
        AuditTarget(type: "vex", id: id.rawValue)
    }

    public static func finding(_ id: Finding.ID) -> AuditTarget {
        AuditTarget(type: "finding", id: id.rawValue)
    }

    public static func `case`(_ id: Case.ID) -> AuditTarget {
        AuditTarget(type: "case", id: id.rawValue)
    }

    public static func validatorKey(_ id: ValidatorKey.ID) -> AuditTarget {
        AuditTarget(type: "validator_key", id: id.rawValue)
    }

    public static func validationJob(_ id: ValidationJob.ID) -> AuditTarget {
        AuditTarget(type: "validation_job", id: id.rawValue)
    }

    public static func ssvcDecision(_ id: SSVCDecision.ID) -> AuditTarget {
        AuditTarget(type: "ssvc_decision", id: id.rawValue)
    }

    /// A public data feed (`kev`, `epss`) at a version.
    public static func feed(_ name: String, version: String) -> AuditTarget {
        AuditTarget(type: "feed", id: "\(name)@\(version)")
    }

    public static func artifact(_ digest: ArtifactDigest) -> AuditTarget {
        AuditTarget(type: "artifact", id: digest.description)
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
