public import Foundation
public import JSONSupport

/// Something to tell subscribers, and whom it may be told to: the organizations on a case for what concerns the
/// case (never anyone else, so an embargoed case is not revealed), or every subscriber for what is public.
public struct WebhookEvent: Sendable, Hashable {
    public enum Audience: Sendable, Hashable {
        /// Only subscriptions of these organizations.
        case organizations(Set<Organization.ID>)
        /// Every subscription to the event (a published advisory).
        case everyone
        /// One subscription (a ping).
        case subscription(WebhookSubscription.ID)
    }

    public let type: WebhookEventType
    public let audience: Audience
    /// The event's own fields, the `data` of the body.
    public let data: [String: JSONTree]
    public let at: Date

    public init(type: WebhookEventType, audience: Audience, data: [String: JSONTree], at: Date) {
        (self.type, self.audience, self.data, self.at) = (type, audience, data, at)
    }

    /// The body one delivery sends: `{"id", "type", "created_at", "data"}`, in canonical JSON, so that what the
    /// receiver verifies is exactly what was signed.
    public func body(delivery: WebhookDelivery.ID) -> String {
        JSONTree.object([
            "id": .string(delivery.rawValue),
            "type": .string(type.rawValue),
            "created_at": .string(Self.time(at)),
            "data": .object(data),
        ]).canonicalText
    }

    static func time(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }
}

extension WebhookEvent {
    /// An organization was put on a case's list: it learns the case's id, where to read it, and nothing else.
    public static func participantAdded(_ organization: Organization.ID, to found: Case, at date: Date) -> Self {
        WebhookEvent(
            type: .caseParticipantAdded, audience: .organizations([organization]),
            data: ["case_id": .string(found.id.rawValue), "case_url": .string("/v1/cases/\(found.id)")], at: date)
    }

    /// A case's embargo changed; told to the organizations on the case.
    public static func embargoChanged(_ change: EmbargoChange, of found: Case) -> Self {
        var data: [String: JSONTree] = [
            "case_id": .string(found.id.rawValue),
            "change": .string(change.kind.rawValue),
            "public_date": .object([
                "local": .string(change.publicDate.local),
                "time_zone": .string(change.publicDate.timeZone),
                "utc": .string(time(change.publicDate.instant)),
            ]),
        ]
        if let reason = change.reason { data["reason"] = .string(reason) }
        return WebhookEvent(
            type: .embargoChanged, audience: .organizations(found.participants.union([found.owner])), data: data,
            at: change.at)
    }

    /// A case's public date is near or has come; told to the organizations on the case.
    public static func embargoReminder(_ reminder: EmbargoReminder, of found: Case, at date: Date) -> Self {
        var data: [String: JSONTree] = [
            "case_id": .string(found.id.rawValue),
            "public_date": .object([
                "local": .string(reminder.publicDate.local),
                "time_zone": .string(reminder.publicDate.timeZone),
                "utc": .string(time(reminder.publicDate.instant)),
            ]),
        ]
        data.merge(Self.fields(of: reminder.kind)) { $1 }
        return WebhookEvent(
            type: .embargoReminder, audience: .organizations(found.participants.union([found.owner])), data: data,
            at: date)
    }

    /// A vendor's deadline to fix a case is near or has come; told to that vendor alone.
    public static func remediationReminder(
        _ kind: DeadlineReminder, of deadline: RemediationDeadline, at date: Date
    ) -> Self {
        var data: [String: JSONTree] = [
            "case_id": .string(deadline.caseID.rawValue),
            "case_url": .string("/v1/cases/\(deadline.caseID)"),
            "due_at": .string(time(deadline.dueAt)),
            "level": deadline.tier.map { .string($0.name) } ?? .null,
            "due_from_kev": .bool(deadline.fromKEV),
        ]
        data.merge(Self.fields(of: kind)) { $1 }
        return WebhookEvent(
            type: .remediationReminder, audience: .organizations([deadline.organization]), data: data, at: date)
    }

    /// An evaluator's access window closes soon (`closing`), or has ended and awaits its attestation
    /// (`attestation_due`); told to that evaluator alone.
    public static func accessWindowReminder(
        _ reminder: WindowReminder, window: AccessWindow, evaluator: Organization.ID, at date: Date
    ) -> Self {
        WebhookEvent(
            type: .accessWindowReminder, audience: .organizations([evaluator]),
            data: [
                "window_id": .string(window.id.rawValue), "window_url": .string("/v1/access-windows/\(window.id)"),
                "reminder": .string(reminder.rawValue), "ends_at": .string(time(window.endsAt)),
                "closed_at": window.closedAt.map { .string(time($0)) } ?? .null,
            ], at: date)
    }

    /// `reminder` (`before` or `due`) and, before, `lead_hours`.
    private static func fields(of kind: DeadlineReminder) -> [String: JSONTree] {
        switch kind {
        case .before(let lead): ["reminder": .string("before"), "lead_hours": .integer(Int64(lead / 3_600))]
        case .due: ["reminder": .string("due")]
        }
    }

    /// A case was published: its advisory's id, aliases and summary, and where each format is.
    public static func advisoryPublished(_ draft: AdvisoryDraft) -> Self {
        let base = "/v1/published-advisories/\(draft.id)"
        return WebhookEvent(
            type: .advisoryPublished, audience: .everyone,
            data: [
                "advisory_id": .string(draft.id.description),
                "aliases": .array(draft.aliases.map(JSONTree.string)),
                "summary": .string(draft.summary),
                "links": .object([
                    "osv": .string("\(base)/osv"), "csaf": .string("\(base)/csaf"),
                    "csaf_vex": .string("\(base)/csaf-vex"), "stix": .string("\(base)/stix"),
                    "cve": .string("\(base)/cve"),
                ]),
            ],
            at: draft.published)
    }

    /// A test delivery to one subscription.
    public static func ping(_ subscription: WebhookSubscription.ID, at date: Date) -> Self {
        WebhookEvent(
            type: .ping, audience: .subscription(subscription),
            data: ["subscription_id": .string(subscription.rawValue)], at: date)
    }
}
