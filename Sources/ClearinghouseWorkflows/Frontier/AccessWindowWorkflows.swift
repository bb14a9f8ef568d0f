public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// Pre-release access windows: the developer of a covered model opens one for named evaluator organizations, for
/// at most 30 days; each evaluator accepts the confidentiality terms before any access; every access and attempt is
/// recorded with who, what, when and from where, and the insider-risk signals it raised; access ends by itself with
/// the window; at its close each evaluator attests what it retained or destroyed. A window gates no release.
public struct AccessWindowWorkflows: Sendable {
    let workflows: Workflows
    let risk: InsiderRisk.Policy

    public init(_ workflows: Workflows, risk: InsiderRisk.Policy = InsiderRisk.Policy()) {
        self.workflows = workflows
        self.risk = risk
    }

    /// A window with the terms its evaluators accepted and their attestations so far.
    public struct Shown: Sendable {
        public let window: AccessWindow
        public let terms: [ConfidentialityTerms]
        public let attestations: [WindowAttestation]
    }

    /// What a developer opens, before it is checked.
    public struct Opening: Sendable {
        public var evaluators: [Organization.ID]
        public var startsAt: Date?
        public var endsAt: Date
        public var purpose: String

        public init(evaluators: [Organization.ID], startsAt: Date?, endsAt: Date, purpose: String) {
            (self.evaluators, self.startsAt, self.endsAt, self.purpose) = (evaluators, startsAt, endsAt, purpose)
        }
    }

    /// Opens a window on a covered model.
    ///
    /// - Throws: `not_found` for a model the requester cannot see; `invalid_field` for a window longer than 30 days
    ///   and the other checks of ``AccessWindow`` (recorded as a refused `access_window.open`), or an evaluator that is not a verified organization
    ///   (`evaluator_ids[i]`); `conflict` when the model's latest determination does not say it is covered.
    public func open(_ model: FrontierModel.ID, _ opening: Opening, by requester: Requester) async throws -> Shown {
        let found = try await ModelWorkflows(workflows).model(model, by: requester)
        try await workflows.gate.authorizeMutation(
            .manageAccessWindow(of: found.developer), auditing: .accessWindowOpen, target: .model(model),
            by: requester)
        let dependencies = workflows.dependencies
        let window: AccessWindow
        do {
            window = try AccessWindow(
                opening: found, evaluators: opening.evaluators, startsAt: opening.startsAt, endsAt: opening.endsAt,
                purpose: opening.purpose, id: dependencies.makeID(), now: dependencies.now())
        } catch {
            try await workflows.store.record(
                requester.event(
                    .accessWindowOpen, target: .model(model), outcome: .denied, detail: "refused: \(error.message)",
                    dependencies: dependencies))
            throw error
        }
        let event = requester.event(.accessWindowOpen, target: .accessWindow(window.id), dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            guard try await repositories.determinations.latest(of: model)?.outcome == .covered else {
                throw ClearinghouseError(
                    .conflict,
                    "Windows are for covered models: this model's latest determination does not say it is covered. Ask for a determination first (`POST /v1/models/{id}/designation-requests`)."
                )
            }
            for (index, evaluator) in window.evaluators.enumerated() {
                guard try await repositories.organizations.find(evaluator)?.isVerified == true else {
                    throw ClearinghouseError.invalidField(
                        "evaluator_ids[\(index)]", "`evaluator_ids[\(index)]` names no verified organization.")
                }
            }
            try await repositories.accessWindows.insert(window)
            let visibility = window.visibility(authorities: try await ModelWorkflows.authorities(repositories))
            return Recorded(
                (),
                log: [
                    .accessWindowChanged(
                        window, action: .accessWindowOpen, visibility: visibility, dependencies: dependencies)
                ])
        }
        return Shown(window: window, terms: [], attestations: [])
    }

    /// A window, for whoever sees its model and for its evaluators.
    ///
    /// - Throws: `not_found` otherwise.
    public func window(_ id: AccessWindow.ID, by requester: Requester) async throws -> Shown {
        try await visible(id, by: requester).shown
    }

    /// A model's windows, for whoever sees the model.
    public func windows(
        of model: FrontierModel.ID, _ page: PageRequest, by requester: Requester
    ) async throws -> Page<Shown> {
        _ = try await ModelWorkflows(workflows).model(model, by: requester)
        let batch = try await workflows.store.read { repositories in
            try await Self.shown(
                try await repositories.accessWindows.list(of: model, after: page.after, limit: page.limit + 1),
                repositories)
        }
        return Page.readAhead(batch, page) { $0.window.id.rawValue }
    }

    /// The windows the requester may see: those its organization opened or was named in as an evaluator, or every
    /// window for a designation authority.
    public func windows(_ page: PageRequest, by requester: Requester) async throws -> Page<Shown> {
        let member = try requester.member()
        let store = workflows.store
        let authorities = try await store.read { try await ModelWorkflows.authorities($0) }
        let involving = authorities.contains(member.organizationID) ? nil : member.organizationID
        let windows = try await VisiblePageCollector<AccessWindow>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: { $0.visibility(authorities: authorities) }
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.accessWindows.list(involving: involving, after: after, limit: limit) }
        }
        let shown = try await store.read { try await Self.shown(windows.items, $0) }
        return Page(items: shown, nextCursor: windows.nextCursor)
    }

    /// Closes a window early; closing it again, or once it ended, changes nothing.
    public func close(_ id: AccessWindow.ID, by requester: Requester) async throws -> Shown {
        let found = try await visible(id, by: requester)
        let window = found.shown.window
        try await workflows.gate.authorizeMutation(
            .manageAccessWindow(of: window.developer), auditing: .accessWindowClose, target: .accessWindow(id),
            by: requester)
        let dependencies = workflows.dependencies
        let closed = window.closed(at: dependencies.now())
        guard closed != window else { return found.shown }
        let event = requester.event(.accessWindowClose, target: .accessWindow(id), dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.accessWindows.update(closed)
            return Recorded(
                (),
                log: [
                    .accessWindowChanged(
                        closed, action: .accessWindowClose, visibility: found.visibility, dependencies: dependencies)
                ])
        }
        return Shown(window: closed, terms: found.shown.terms, attestations: found.shown.attestations)
    }

    /// What an evaluator accepts, before it is checked.
    public struct Acceptance: Sendable {
        public var ndaScope: String
        public var ipCategories: Set<ConfidentialityTerms.IPCategory>
        public var handlingLevel: FrontierModel.Confidentiality

        public init(
            ndaScope: String, ipCategories: Set<ConfidentialityTerms.IPCategory>,
            handlingLevel: FrontierModel.Confidentiality
        ) {
            (self.ndaScope, self.ipCategories, self.handlingLevel) = (ndaScope, ipCategories, handlingLevel)
        }
    }

    /// An evaluator accepts the window's terms, once, before the window ends.
    ///
    /// - Throws: `not_found` for a window the requester cannot see; 403 for an organization that is not one of its
    ///   evaluators; `invalid_field` for terms below the model's confidentiality; `conflict` when the window ended,
    ///   or the organization accepted already.
    public func acceptTerms(
        _ id: AccessWindow.ID, _ acceptance: Acceptance, by requester: Requester
    ) async throws -> ConfidentialityTerms {
        let (evaluator, found) = try await asEvaluator(id, auditing: .accessWindowAcceptTerms, by: requester)
        let window = found.shown.window
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        guard [.scheduled, .open].contains(window.state(at: now)) else {
            throw ClearinghouseError(
                .conflict, "The window has \(window.state(at: now).rawValue); its terms can no longer be accepted.")
        }
        let terms = try ConfidentialityTerms(
            accepting: acceptance.ndaScope, ipCategories: acceptance.ipCategories,
            handlingLevel: acceptance.handlingLevel, for: window, of: found.model, by: evaluator, now: now)
        let event = requester.event(
            .accessWindowAcceptTerms, target: .accessWindow(id), detail: terms.handlingLevel.rawValue,
            dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            guard try await repositories.accessWindows.accept(terms) else {
                throw ClearinghouseError(.conflict, "Your organization accepted this window's terms already.")
            }
            return Recorded(
                (), log: [.windowTermsAccepted(terms, visibility: found.visibility, dependencies: dependencies)])
        }
        return terms
    }

    /// What an evaluator reaches through a window.
    public struct Reaching: Sendable {
        public var resource: String
        public var kind: WindowAccess.Kind
        /// The address the request came from.
        public var from: String

        public init(resource: String, kind: WindowAccess.Kind, from: String) {
            (self.resource, self.kind, self.from) = (resource, kind, from)
        }
    }

    /// Records an evaluator's access to the model through a window, with the signals it raised, and answers whether
    /// it is allowed: only once the organization accepted the terms, and while the window is open.
    ///
    /// - Throws: `not_found` for a window the requester cannot see; 403 for an organization that is not one of its
    ///   evaluators, and for a refused access (before the terms, before the start, after the end), which is
    ///   recorded all the same; `invalid_field` (`resource`) for a resource that is not one line.
    public func recordAccess(
        _ id: AccessWindow.ID, _ reaching: Reaching, by requester: Requester
    ) async throws -> WindowAccessRecord {
        let (organization, found) = try await asEvaluator(id, auditing: .accessWindowAccess, by: requester)
        let window = found.shown.window
        let resource = try WindowAccess.checkedResource(reaching.resource)
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let terms = found.shown.terms.first { $0.evaluator == organization }
        let access = WindowAccess(
            window: id, evaluator: organization, actor: Self.actorName(requester.actor), resource: resource,
            kind: reaching.kind, at: now, from: String(reaching.from.prefix(100)),
            outcome: window.access(by: organization, at: now, terms: terms))
        let recordID: WindowAccessRecord.ID = dependencies.makeID()
        let event = requester.event(
            .accessWindowAccess, target: .accessWindow(id), outcome: access.outcome.isGranted ? .success : .denied,
            detail: "\(access.kind.rawValue) \(access.outcome.rawValue)", dependencies: dependencies)
        let risk = risk
        let record = try await workflows.commits.commit(event) { repositories in
            let history = try await repositories.accessWindows.accesses(
                of: id, by: organization, since: now.addingTimeInterval(-3_600), limit: risk.hourlyLimit)
            let record = WindowAccessRecord(
                id: recordID, access: access, signals: InsiderRisk.signals(of: access, after: history, policy: risk))
            try await repositories.accessWindows.insert(record)
            return Recorded(record)
        }
        if case .refused(let refusal) = access.outcome {
            throw ClearinghouseError(.forbidden, Self.explain(refusal, window) + " The attempt was recorded.")
        }
        return record
    }

    /// A window's accesses: every evaluator's for the developer and the authorities, an evaluator's own for it.
    public func accesses(
        of id: AccessWindow.ID, _ page: PageRequest, by requester: Requester
    ) async throws -> Page<WindowAccessRecord> {
        let member = try requester.member()
        let found = try await visible(id, by: requester)
        let seesAll = workflows.gate.mayRead(found.modelVisibility, by: requester)
        let evaluator = seesAll ? nil : member.organizationID
        let batch = try await workflows.store.read { repositories in
            try await repositories.accessWindows.accesses(
                of: id, by: evaluator, after: page.after, limit: page.limit + 1)
        }
        return Page.readAhead(batch, page) { $0.id.rawValue }
    }

    /// An evaluator attests, once the window ended or was closed, what it retained or destroyed; once.
    ///
    /// - Throws: `not_found` for a window the requester cannot see; 403 for an organization that is not one of its
    ///   evaluators; `conflict` while the window is open, or when the organization attested already.
    public func attest(
        _ id: AccessWindow.ID, disposition: WindowAttestation.Disposition, statement: String, by requester: Requester
    ) async throws -> WindowAttestation {
        let (evaluator, found) = try await asEvaluator(id, auditing: .accessWindowAttest, by: requester)
        let dependencies = workflows.dependencies
        let attestation = try WindowAttestation(
            attesting: disposition, statement: statement, for: found.shown.window, by: evaluator,
            now: dependencies.now())
        let event = requester.event(
            .accessWindowAttest, target: .accessWindow(id), detail: disposition.rawValue, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            guard try await repositories.accessWindows.attest(attestation) else {
                throw ClearinghouseError(.conflict, "Your organization attested for this window already.")
            }
            return Recorded(
                (), log: [.windowAttested(attestation, visibility: found.visibility, dependencies: dependencies)])
        }
        return attestation
    }

    // MARK: Helpers

    private struct Visible {
        let shown: Shown
        let model: FrontierModel
        /// Who sees the window: the model's viewers and the evaluators.
        let visibility: Visibility
        /// Who sees the model.
        let modelVisibility: Visibility
    }

    private func visible(_ id: AccessWindow.ID, by requester: Requester) async throws -> Visible {
        let found: Visible? = try await workflows.store.read { repositories in
            guard let window = try await repositories.accessWindows.find(id),
                let model = try await repositories.frontierModels.find(window.model)
            else { return nil }
            let authorities = try await ModelWorkflows.authorities(repositories)
            return Visible(
                shown: try await Self.shown([window], repositories)[0], model: model,
                visibility: window.visibility(authorities: authorities),
                modelVisibility: model.visibility(authorities: authorities))
        }
        guard let found, workflows.gate.mayRead(found.visibility, by: requester) else {
            throw ClearinghouseError.notFound("access window")
        }
        return found
    }

    /// A window the requester acts on as one of its evaluators: it must see the window (404 otherwise), and its
    /// organization must be named in it (403, audited as `action`).
    private func asEvaluator(
        _ id: AccessWindow.ID, auditing action: AuditAction, by requester: Requester
    ) async throws -> (Organization.ID, Visible) {
        let member = try requester.member()
        let found = try await visible(id, by: requester)
        try await workflows.gate.authorizeMutation(
            .evaluateThroughWindow(evaluators: Set(found.shown.window.evaluators)), auditing: action,
            target: .accessWindow(id), by: requester)
        return (member.organizationID, found)
    }

    private static func shown(_ windows: [AccessWindow], _ repositories: Repositories) async throws -> [Shown] {
        let ids = windows.map(\.id)
        let terms = try await repositories.accessWindows.terms(of: ids)
        let attestations = try await repositories.accessWindows.attestations(of: ids)
        return windows.map { window in
            Shown(
                window: window, terms: terms.filter { $0.window == window.id },
                attestations: attestations.filter { $0.window == window.id })
        }
    }

    private static func actorName(_ actor: AuditActor) -> String {
        if let person = actor.personID { return "person:\(person.rawValue)" }
        if let token = actor.tokenID { return "token:\(token.rawValue)" }
        return actor.channel.rawValue
    }

    private static func explain(_ refusal: WindowAccess.Refusal, _ window: AccessWindow) -> String {
        switch refusal {
        case .notAnEvaluator: "Your organization is not an evaluator of this window."
        case .termsNotAccepted:
            "Accept the window's confidentiality terms first (`POST /v1/access-windows/{id}/terms`)."
        case .notYetOpen: "The window opens at \(LogEntryDraft.timestamp(window.startsAt))."
        case .expired: "The window ended at \(LogEntryDraft.timestamp(window.endsAt)); access ended with it."
        case .closed: "The developer closed the window; access ended with it."
        }
    }
}
