public import Foundation

/// One access, or attempt, by an evaluator to a model through a window: who, what, when, from where, and whether it
/// was allowed. Every one is logged, refused ones included.
public struct WindowAccess: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case view
        case query
        case download
        /// Taking something out of the evaluation environment: always a signal.
        case export
    }

    public enum Refusal: String, Sendable, Hashable {
        case notAnEvaluator = "not_an_evaluator"
        case termsNotAccepted = "terms_not_accepted"
        case notYetOpen = "not_yet_open"
        case expired
        case closed
    }

    public enum Outcome: Sendable, Hashable {
        case granted
        case refused(Refusal)

        public var isGranted: Bool { self == .granted }

        /// `granted`, or the refusal's name.
        public var rawValue: String {
            switch self {
            case .granted: "granted"
            case .refused(let refusal): refusal.rawValue
            }
        }

        public init?(rawValue: String) {
            if rawValue == "granted" {
                self = .granted
            } else if let refusal = Refusal(rawValue: rawValue) {
                self = .refused(refusal)
            } else {
                return nil
            }
        }
    }

    public static let maximumResourceLength = 500

    /// Checks what an evaluator names as the resource it reaches.
    ///
    /// - Throws: `invalid_field` (`resource`) for one that is not a line of at most 500 characters.
    public static func checkedResource(_ text: String) throws(ClearinghouseError) -> String {
        try TextRules.singleLine(text, field: "resource", maximumLength: maximumResourceLength)
    }

    public let window: AccessWindow.ID
    public let evaluator: Organization.ID
    /// The token or person that acted, as the audit trail names it.
    public let actor: String
    /// What was accessed: an endpoint, a file, a checkpoint.
    public let resource: String
    public let kind: Kind
    public let at: Date
    /// The address the request came from.
    public let from: String
    public let outcome: Outcome

    public init(
        window: AccessWindow.ID, evaluator: Organization.ID, actor: String, resource: String, kind: Kind, at: Date,
        from: String, outcome: Outcome
    ) {
        (self.window, self.evaluator, self.actor, self.resource) = (window, evaluator, actor, resource)
        (self.kind, self.at, self.from, self.outcome) = (kind, at, from, outcome)
    }
}

/// An access as it was recorded, with its id and the insider-risk signals it raised.
public struct WindowAccessRecord: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<WindowAccessRecord>

    public let id: ID
    public let access: WindowAccess
    public let signals: [InsiderRisk.Signal]

    public init(id: ID, access: WindowAccess, signals: [InsiderRisk.Signal]) {
        (self.id, self.access, self.signals) = (id, access, signals)
    }
}

/// Insider-risk signals on evaluators' access: anomalies for the developer and the authorities to look at, never a
/// verdict. Pure: the policy and the history are parameters.
public enum InsiderRisk {
    public enum Signal: String, Sendable, Hashable, CaseIterable {
        /// More accesses by one evaluator within an hour than the policy expects.
        case bulk
        /// An access outside the working hours the policy names.
        case offHours = "off_hours"
        /// An attempt once the window had expired or been closed.
        case afterExpiry = "after_expiry"
        /// An export.
        case export
    }

    /// What counts as anomalous.
    public struct Policy: Sendable, Hashable {
        /// The most accesses one evaluator makes within an hour before it is bulk (100).
        public var hourlyLimit = 100
        /// Working hours, `[start, end)` in hours of the day, in `timeZone` (07:00 to 19:00).
        public var workingHours = 7..<19
        public var timeZone = TimeZone(identifier: "UTC")!

        public init() {}
    }

    /// The signals an access raises, given the same evaluator's earlier accesses through the window.
    public static func signals(
        of access: WindowAccess, after history: [WindowAccess], policy: Policy = Policy()
    ) -> [Signal] {
        var signals: [Signal] = []
        let hourAgo = access.at.addingTimeInterval(-3_600)
        let recent = history.count { $0.evaluator == access.evaluator && $0.at > hourAgo && $0.at <= access.at }
        if recent + 1 > policy.hourlyLimit { signals.append(.bulk) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = policy.timeZone
        if !policy.workingHours.contains(calendar.component(.hour, from: access.at)) { signals.append(.offHours) }
        if access.outcome == .refused(.expired) || access.outcome == .refused(.closed) {
            signals.append(.afterExpiry)
        }
        if access.kind == .export { signals.append(.export) }
        return signals
    }
}
