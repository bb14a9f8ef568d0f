public import Foundation

/// What an organization receives by webhook, and where: a target URL, the kinds of events it asked for, and the
/// secret its deliveries are signed with. A subscription is its organization's alone (RED: its analysts and admins
/// see it, coordinators do not), and notices about a case reach it only where its organization is on the case.
///
/// The secret is kept as given, not hashed: the server signs each delivery with it. It is shown once, when made or
/// replaced, and never answered again.
public struct WebhookSubscription: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<WebhookSubscription>

    public static let maximumDescriptionLength = 200
    /// Subscriptions one organization may hold at once.
    public static let maximumPerOrganization = 20

    public let id: ID
    public let organization: Organization.ID
    public let target: WebhookTarget
    public let events: Set<WebhookEventType>
    public let description: String
    public let createdAt: Date
    /// The key deliveries are signed with (`whsec_` and 64 hexadecimal digits).
    public var secret: String

    public init(
        id: ID, organization: Organization.ID, target: WebhookTarget, events: Set<WebhookEventType>,
        description: String, createdAt: Date, secret: String
    ) {
        (self.id, self.organization, self.target, self.events) = (id, organization, target, events)
        (self.description, self.createdAt, self.secret) = (description, createdAt, secret)
    }

    /// Checks a subscription as an organization asks for it.
    ///
    /// - Throws: `invalid_field` for `url` (as ``WebhookTarget`` reads it, or a host the policy does not deliver
    ///   to), for `events` (none, or one not known) and for a `description` longer than 200 characters or of
    ///   several lines.
    public init(
        id: ID, organization: Organization.ID, url: String, events: [String], description: String?,
        policy: WebhookPolicy, secret: String, now: Date
    ) throws(ClearinghouseError) {
        let target = try WebhookTarget(parsing: url, allowsPrivate: policy.allowsPrivateTargets)
        try policy.check(target)
        guard !events.isEmpty, events.count <= WebhookEventType.allCases.count * 2 else {
            throw .invalidField(
                "events",
                "`events` names the events to receive: \(WebhookEventType.subscribable.joined(separator: ", ")).")
        }
        var chosen: Set<WebhookEventType> = []
        for (index, name) in events.enumerated() {
            guard let type = WebhookEventType(rawValue: name), type != .ping else {
                throw .invalidField(
                    "events[\(index)]",
                    "`\(name.prefix(64))` is not an event; the events are \(WebhookEventType.subscribable.joined(separator: ", "))."
                )
            }
            chosen.insert(type)
        }
        let description = description ?? ""
        guard description.count <= Self.maximumDescriptionLength,
            !description.contains(where: { $0.isNewline || $0 == "\0" })
        else {
            throw .invalidField(
                "description", "`description` is one line of at most \(Self.maximumDescriptionLength) characters.")
        }
        self.init(
            id: id, organization: organization, target: target, events: chosen, description: description,
            createdAt: now, secret: secret)
    }

    /// A new signing secret from 32 random bytes.
    public static func makeSecret(randomBytes: [UInt8]) -> String {
        "whsec_" + randomBytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Who may see it: its organization's analysts and admins.
    public var visibility: Visibility { Self.visibility(of: organization) }

    /// Who may see an organization's subscriptions: its analysts and admins.
    public static func visibility(of organization: Organization.ID) -> Visibility {
        Visibility(label: .red, owner: organization)
    }
}

/// The kinds of event a webhook carries.
public enum WebhookEventType: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A test delivery its organization asked for.
    case ping
    /// The organization was put on a case's need-to-know list (a vendor asked to fix, an affected operator).
    case caseParticipantAdded = "case.participant_added"
    /// The embargo of a case the organization is on changed: a date proposed, agreed, ended early, lifted.
    case embargoChanged = "embargo.changed"
    /// The public date of a case the organization is on is near, or has come.
    case embargoReminder = "embargo.reminder"
    /// The organization's deadline to fix a case it is on is near, or has come.
    case remediationReminder = "remediation.reminder"
    /// A case was published as an advisory (public: every subscriber to it receives it).
    case advisoryPublished = "advisory.published"
    /// A component of one of the organization's SBOMs is affected (``ExposureAlert``).
    case exposureAlert = "exposure.alert"
    /// An access window the organization evaluates in closes soon, or has ended and awaits its attestation.
    case accessWindowReminder = "access_window.reminder"

    /// The events a subscription may ask for (pings are sent on request, to the one subscription).
    public static var subscribable: [String] {
        allCases.filter { $0 != .ping }.map(\.rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
