public import Foundation

/// A pre-release access window: the developer gives named evaluator organizations access to a model for at most
/// 30 days, under confidentiality terms each evaluator accepts first. Access ends by itself when the window does; at
/// its close each evaluator attests whether it retained or destroyed what it received.
public struct AccessWindow: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<AccessWindow>

    /// The longest window: 30 days from its start.
    public static let maximumLength: TimeInterval = 30 * 86_400
    public static let maximumEvaluators = 20
    public static let maximumPurposeLength = 500

    public let id: ID
    public let model: FrontierModel.ID
    public let developer: Organization.ID
    public let evaluators: [Organization.ID]
    public let startsAt: Date
    public let endsAt: Date
    /// What the evaluators are to assess, in a line.
    public let purpose: String
    public let openedAt: Date
    /// When the developer closed it early, if it did.
    public var closedAt: Date?

    public init(
        id: ID, model: FrontierModel.ID, developer: Organization.ID, evaluators: [Organization.ID], startsAt: Date,
        endsAt: Date, purpose: String, openedAt: Date, closedAt: Date?
    ) {
        (self.id, self.model, self.developer, self.evaluators) = (id, model, developer, evaluators)
        (self.startsAt, self.endsAt, self.purpose, self.openedAt, self.closedAt) =
            (startsAt, endsAt, purpose, openedAt, closedAt)
    }

    /// Checks a window as a developer opens it.
    ///
    /// - Throws: `invalid_field` naming the field: no evaluators, too many or one named twice, the developer
    ///   itself among them (`evaluator_ids`); a start in the past (`starts_at`); an end before the start, or more
    ///   than 30 days after it (`ends_at`, saying the latest end allowed); a purpose that is not one line
    ///   (`purpose`); a withdrawn model (`model`).
    public init(
        opening model: FrontierModel, evaluators: [Organization.ID], startsAt: Date?, endsAt: Date, purpose: String,
        id: ID, now: Date
    ) throws(ClearinghouseError) {
        guard model.withdrawnAt == nil else {
            throw .invalidField("model", "The model was withdrawn from the framework; no window opens for it.")
        }
        guard (1...Self.maximumEvaluators).contains(evaluators.count), Set(evaluators).count == evaluators.count
        else {
            throw .invalidField(
                "evaluator_ids",
                "`evaluator_ids` names 1 to \(Self.maximumEvaluators) evaluator organizations, each once.")
        }
        guard !evaluators.contains(model.developer) else {
            throw .invalidField("evaluator_ids", "The developer needs no window to its own model.")
        }
        let start = startsAt ?? now
        guard start >= now.addingTimeInterval(-60) else {
            throw .invalidField("starts_at", "`starts_at` is now or later; a window cannot start in the past.")
        }
        guard endsAt > start else { throw .invalidField("ends_at", "`ends_at` is after `starts_at`.") }
        let latest = start.addingTimeInterval(Self.maximumLength)
        guard endsAt <= latest else {
            throw .invalidField(
                "ends_at",
                "A window lasts at most 30 days: this one may end at \(LogEntryDraft.timestamp(latest)) at the latest. Open another window for more time."
            )
        }
        self.init(
            id: id, model: model.id, developer: model.developer, evaluators: evaluators, startsAt: start,
            endsAt: endsAt,
            purpose: try TextRules.singleLine(purpose, field: "purpose", maximumLength: Self.maximumPurposeLength),
            openedAt: now, closedAt: nil)
    }

    /// Where a window stands at a time.
    public enum State: String, Sendable, Hashable {
        case scheduled
        case open
        /// Its end passed: access ended by itself.
        case expired
        /// The developer closed it early.
        case closed
    }

    /// The window closed early by its developer; closing again, or after its end, keeps what stands.
    public func closed(at time: Date) -> AccessWindow {
        var window = self
        if closedAt == nil, time < endsAt { window.closedAt = time }
        return window
    }

    public func state(at time: Date) -> State {
        if let closedAt, closedAt <= time { return .closed }
        if time < startsAt { return .scheduled }
        return time < endsAt ? .open : .expired
    }

    /// Who sees the window: whoever sees the model (its developer and the designation authorities), and its
    /// evaluators.
    public func visibility(authorities: Set<Organization.ID>) -> Visibility {
        Visibility(label: .red, owner: developer, participants: authorities.union(evaluators))
    }

    /// Whether an evaluator's access at a time is allowed, and if not, why: evaluators only, after they accepted
    /// the terms, while the window is open.
    public func access(
        by organization: Organization.ID, at time: Date, terms: ConfidentialityTerms?
    ) -> WindowAccess.Outcome {
        guard evaluators.contains(organization) else { return .refused(.notAnEvaluator) }
        guard terms?.evaluator == organization, terms?.window == id else { return .refused(.termsNotAccepted) }
        switch state(at: time) {
        case .scheduled: return .refused(.notYetOpen)
        case .open: return .granted
        case .expired: return .refused(.expired)
        case .closed: return .refused(.closed)
        }
    }
}

/// The confidentiality terms an evaluator accepts before any access: the NDA's scope, the categories of
/// intellectual property it covers, and the handling level, at least the model's confidentiality.
public struct ConfidentialityTerms: Sendable, Hashable {
    public static let maximumScopeLength = 500

    /// Categories of the developer's intellectual property the terms protect.
    public enum IPCategory: String, Sendable, Hashable, CaseIterable, Comparable {
        case weights
        case architecture
        case trainingData = "training-data"
        case evaluationResults = "evaluation-results"
        case systemPrompts = "system-prompts"
        case documentation

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let window: AccessWindow.ID
    public let evaluator: Organization.ID
    public let ndaScope: String
    public let ipCategories: Set<IPCategory>
    public let handlingLevel: FrontierModel.Confidentiality
    public let acceptedAt: Date

    public init(
        window: AccessWindow.ID, evaluator: Organization.ID, ndaScope: String, ipCategories: Set<IPCategory>,
        handlingLevel: FrontierModel.Confidentiality, acceptedAt: Date
    ) {
        (self.window, self.evaluator, self.ndaScope) = (window, evaluator, ndaScope)
        (self.ipCategories, self.handlingLevel, self.acceptedAt) = (ipCategories, handlingLevel, acceptedAt)
    }

    /// Checks terms as an evaluator accepts them.
    ///
    /// - Throws: `invalid_field` naming the field: a scope that is not one line (`nda_scope`), no IP category
    ///   (`ip_categories`), or a handling level below the model's confidentiality (`handling_level`).
    public init(
        accepting ndaScope: String, ipCategories: Set<IPCategory>, handlingLevel: FrontierModel.Confidentiality,
        for window: AccessWindow, of model: FrontierModel, by evaluator: Organization.ID, now: Date
    ) throws(ClearinghouseError) {
        guard !ipCategories.isEmpty else {
            throw .invalidField("ip_categories", "`ip_categories` names at least one category the terms protect.")
        }
        guard handlingLevel >= model.confidentiality else {
            throw .invalidField(
                "handling_level",
                "The model is `\(model.confidentiality.rawValue)`: the terms handle it at that level or above.")
        }
        self.init(
            window: window.id, evaluator: evaluator,
            ndaScope: try TextRules.singleLine(ndaScope, field: "nda_scope", maximumLength: Self.maximumScopeLength),
            ipCategories: ipCategories, handlingLevel: handlingLevel, acceptedAt: now)
    }
}

/// What the scheduler tells an evaluator about its window: that it closes soon, once, and that its attestation is
/// due once it has ended, again every few days until it is given.
public enum WindowReminder: String, Sendable, Hashable, CaseIterable {
    case closing
    case attestationDue = "attestation_due"

    /// How long before the end the closing reminder goes (48 hours), and how often an attestation is asked for
    /// (every 72 hours).
    public static let closingLead: TimeInterval = 48 * 3_600
    public static let chaseInterval: TimeInterval = 72 * 3_600
}

/// What an evaluator attests at a window's close: whether it retained what it received (under its terms) or
/// destroyed it.
public struct WindowAttestation: Sendable, Hashable {
    public static let maximumStatementLength = 1_000

    public enum Disposition: String, Sendable, Hashable, CaseIterable {
        case retained
        case destroyed
    }

    public let window: AccessWindow.ID
    public let evaluator: Organization.ID
    public let disposition: Disposition
    /// What was kept or destroyed, and how, in a paragraph.
    public let statement: String
    public let attestedAt: Date

    public init(
        window: AccessWindow.ID, evaluator: Organization.ID, disposition: Disposition, statement: String,
        attestedAt: Date
    ) {
        (self.window, self.evaluator, self.disposition) = (window, evaluator, disposition)
        (self.statement, self.attestedAt) = (statement, attestedAt)
    }

    /// Checks an attestation as an evaluator gives it, once the window has ended or was closed.
    ///
    /// - Throws: `conflict` while the window is still scheduled or open; `invalid_field` (`statement`) for an empty
    ///   or overlong statement.
    public init(
        attesting disposition: Disposition, statement: String, for window: AccessWindow, by evaluator: Organization.ID,
        now: Date
    ) throws(ClearinghouseError) {
        guard [.expired, .closed].contains(window.state(at: now)) else {
            throw ClearinghouseError(
                .conflict,
                "The window is still \(window.state(at: now).rawValue): attest what you retained or destroyed once it ends (\(LogEntryDraft.timestamp(window.endsAt))) or its developer closes it."
            )
        }
        let trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= Self.maximumStatementLength else {
            throw .invalidField(
                "statement",
                "`statement` says what was retained or destroyed, in 1 to \(Self.maximumStatementLength) characters.")
        }
        self.init(
            window: window.id, evaluator: evaluator, disposition: disposition, statement: trimmed, attestedAt: now)
    }
}

extension FrontierModel.Confidentiality: Comparable {
    private var rank: Int {
        switch self {
        case .confidential: 0
        case .restricted: 1
        case .critical: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
