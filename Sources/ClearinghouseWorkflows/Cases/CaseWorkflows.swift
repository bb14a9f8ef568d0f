public import ClearinghouseCore
import ClearinghouseStore
public import JSONSupport

/// What happens to cases besides intake: moving them through their states (a triaged case opens a reproduction
/// job for validators), changing who is on their need-to-know list, merging two cases that are one vulnerability,
/// splitting findings that are another. Each change commits with its audit event and its log entry.
public struct CaseWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// Moves a case, if its state allows the move and the requester may make it.
    ///
    /// - Parameter proof: for a move to `triaged`, the artifact validators run, chosen by the coordinator among
    ///   those the case's findings cite; the first reporter's first artifact when `nil`.
    /// - Returns: the case as it now is.
    /// - Throws: `forbidden`; `conflict` when the state does not allow the move or the case was merged;
    ///   `invalid_field` (`proof`) for a proof given with another move, or one no finding of the case cites.
    public func transition(
        _ found: Case, to state: CaseState, reason: String?, proof: ArtifactDigest? = nil, by requester: Requester
    ) async throws -> Case {
        if proof != nil && state != .triaged {
            throw ClearinghouseError.invalidField("proof", "`proof` is chosen when a case is triaged.")
        }
        try await workflows.gate.authorizeMutation(
            .transitionCase(found, to: state), auditing: .caseTransition, target: .case(found.id), by: requester)
        let dependencies = workflows.dependencies
        let quorum = workflows.settings.validationQuorum
        let embargoPolicy = workflows.settings.embargoPolicy
        let transition = CaseTransition(
            id: dependencies.makeID(), caseID: found.id, from: found.state, to: state, actor: requester.actor,
            reason: reason, occurredAt: dependencies.now())
        let event = requester.event(
            .caseTransition, target: .case(found.id), detail: "\(found.state.rawValue) → \(state.rawValue)",
            dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            // Read again inside the transaction: another request may have moved the case meanwhile.
            guard let current = try await repositories.cases.find(found.id) else {
                throw ClearinghouseError.notFound("case")
            }
            if let target = current.mergedInto {
                throw ClearinghouseError(.conflict, "The case was merged into case \(target); move that one instead.")
            }
            try current.state.checkTransition(to: state)
            var applied = transition
            applied.from = current.state
            try await repositories.cases.apply(applied)
            if state == .triaged {
                if let proof, !(try await repositories.cases.cites(proof, inCase: current.id)) {
                    throw ClearinghouseError.invalidField(
                        "proof", "`proof` must be an artifact a finding of the case cites.")
                }
                try await Self.openReproduction(
                    of: current.id, proof: proof, quorum: quorum, repositories: repositories, dependencies: dependencies
                )
            }
            var log = [LogEntryDraft.caseTransitioned(applied, of: current, dependencies: dependencies)]
            if state == .validated,
                let proposal = try await EmbargoWorkflows.open(
                    for: current, at: applied.occurredAt, policy: embargoPolicy, repositories: repositories,
                    dependencies: dependencies)
            {
                log.append(proposal)
            }
            return Recorded((), log: log)
        }
        var moved = found
        moved.state = state
        moved.updatedAt = transition.occurredAt
        return moved
    }

    /// A triaged case goes to validators: a job to reproduce its proof opens, unless one is open already (a
    /// rejected case triaged again gets a new one).
    private static func openReproduction(
        of caseID: Case.ID, proof: ArtifactDigest?, quorum: Int, repositories: Repositories, dependencies: Dependencies
    ) async throws {
        let jobs = try await repositories.validation.jobs(ofCase: caseID)
        guard !jobs.contains(where: { $0.kind == .reproduce && $0.isOpen }) else { return }
        let (target, artifact) = try await repositories.cases.evidence(of: caseID, proof: proof)
        try await repositories.validation.insert(
            ValidationJob(
                id: dependencies.makeID(), caseID: caseID, kind: .reproduce, target: target, artifact: artifact,
                quorum: quorum, createdAt: dependencies.now()))
    }

    /// Checks that a coordinator may change a case's need-to-know list, merge or split it.
    public func authorizeCoordination(_ found: Case, _ attempt: AuditAction, by requester: Requester) async throws {
        try await workflows.gate.authorizeMutation(
            .coordinateCases, auditing: attempt, target: .case(found.id), by: requester)
    }

    /// Puts an organization on a case's need-to-know list (a vendor to fix it, an affected operator); logged as an
    /// access grant, and told to the organization's `case.participant_added` webhooks.
    ///
    /// - Throws: `invalid_field` when the organization does not exist.
    public func addParticipant(
        _ organization: Organization.ID, to found: Case, by requester: Requester
    ) async throws
        -> Case
    {
        try await authorizeCoordination(found, .caseParticipantAdd, by: requester)
        guard try await workflows.store.read({ try await $0.organizations.find(organization) }) != nil else {
            throw ClearinghouseError.invalidField("organization_id", "`organization_id` names no organization.")
        }
        let now = workflows.dependencies.now()
        var updated = found
        updated.participants.insert(organization)
        // Logged under the case as it will be, so that the organization granted access can reveal the grant.
        try await changeParticipants(
            updated, .caseParticipantAdd, organization,
            notifying: [.participantAdded(organization, to: found, at: now)],
            by: requester
        ) {
            try await $0.cases.addParticipant(organization, to: found.id, at: now)
        }
        return updated
    }

    /// Takes an organization off a case's need-to-know list.
    ///
    /// - Throws: `not_found` when it is not on the list.
    public func removeParticipant(
        _ organization: Organization.ID?, from found: Case, by requester: Requester
    )
        async throws -> Case
    {
        try await authorizeCoordination(found, .caseParticipantRemove, by: requester)
        guard let organization, found.participants.contains(organization) else {
            throw ClearinghouseError.notFound("participant")
        }
        let now = workflows.dependencies.now()
        var updated = found
        updated.participants.remove(organization)
        try await changeParticipants(found, .caseParticipantRemove, organization, by: requester) {
            try await $0.cases.removeParticipant(organization, from: found.id, at: now)
        }
        return updated
    }

    /// Commits a change of a case's need-to-know list with its audit event and its log entry (an access grant or
    /// its withdrawal), logged under `found`'s visibility: the list with the organization on it, either way.
    private func changeParticipants(
        _ found: Case, _ action: AuditAction, _ organization: Organization.ID, notifying notices: [WebhookEvent] = [],
        by requester: Requester, _ change: @Sendable @escaping (Repositories) async throws -> Void
    ) async throws {
        let dependencies = workflows.dependencies
        let entry = LogEntryDraft.caseChanged(
            action, found, details: ["organization_id": .string(organization.rawValue)], dependencies: dependencies)
        let event = requester.event(
            action, target: .case(found.id), detail: organization.rawValue, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await change(repositories)
            let messages = try await WebhookNotices.enqueue(
                notices, repositories: repositories, dependencies: dependencies)
            return Recorded((), log: [entry], outbox: messages)
        }
    }

    /// Merges another case into this one: its findings, fingerprints, validation jobs and participants move here;
    /// the other is marked merged and takes no more moves. First-finder credit stays with this case.
    ///
    /// - Returns: the merged case as it now is.
    /// - Throws: `invalid_field` when the other case is this one or one the requester may not see; `conflict` when
    ///   either was merged already.
    public func merge(
        _ sourceID: Case.ID?, into target: Case, reason: String?, by requester: Requester
    )
        async throws -> Case
    {
        try await authorizeCoordination(target, .caseMerge, by: requester)
        let gate = workflows.gate
        guard let sourceID, sourceID != target.id,
            let source = try await workflows.store.read({ try await $0.cases.find(sourceID) }),
            gate.mayRead(source.visibility, by: requester)
        else {
            throw ClearinghouseError.invalidField("case_id", "`case_id` must name another case you may see.")
        }
        guard source.mergedInto == nil, target.mergedInto == nil else {
            throw ClearinghouseError(.conflict, "A merged case cannot be merged again; merge into the case it joined.")
        }
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        var details: [String: JSONTree] = ["merged_case_id": .string(source.id.rawValue)]
        details["reason"] = reason.map(JSONTree.string) ?? .null
        let entry = LogEntryDraft.caseChanged(.caseMerge, target, details: details, dependencies: dependencies)
        let event = requester.event(
            .caseMerge, target: .case(target.id), detail: "merged \(source.id)", dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            // The findings keep the protection they were reported under: the merged case takes the more
            // restrictive label of the two.
            try await repositories.cases.merge(
                source.id, into: target.id, label: max(source.label, target.label), at: now)
            return Recorded((), log: [entry])
        }
        return try await workflows.store.read { try await $0.cases.find(target.id) } ?? target
    }

    /// Splits findings that describe another vulnerability into a new case, credited to the earliest of them, with
    /// the same label and participants; fingerprints only they hold go with them.
    ///
    /// - Parameter ids: the findings to move; `nil` entries are ids that did not parse.
    /// - Returns: the new case.
    /// - Throws: `invalid_field` when the list is empty, names findings of other cases, or would empty this one.
    public func split(
        _ ids: [Finding.ID?], from source: Case, reason: String?, by requester: Requester
    )
        async throws -> Case
    {
        try await authorizeCoordination(source, .caseSplit, by: requester)
        let chosen = Set(ids.compactMap { $0 })
        guard !chosen.isEmpty, chosen.count == ids.count else {
            throw ClearinghouseError.invalidField("findings", "`findings` must list finding ids of this case.")
        }
        let dependencies = workflows.dependencies
        let event = requester.event(
            .caseSplit, target: .case(source.id), detail: "\(chosen.count) findings", dependencies: dependencies)
        let actor = requester.actor
        return try await workflows.commits.commit(event) { repositories in
            let findings = try await repositories.findings.list(inCase: source.id, after: nil, limit: Int.max)
            let moving = findings.filter { chosen.contains($0.id) }
            guard moving.count == chosen.count, moving.count < findings.count,
                let first = moving.min(by: { $0.id < $1.id })
            else {
                throw ClearinghouseError.invalidField(
                    "findings", "`findings` must list findings of this case, and leave at least one behind.")
            }
            let now = dependencies.now()
            let split = Case(
                id: dependencies.makeID(), state: .reported, label: source.label, owner: first.reporter,
                firstFinding: first.id, title: first.draft.title, participants: source.participants, createdAt: now,
                updatedAt: now)
            let opening = CaseTransition(
                id: dependencies.makeID(), caseID: split.id, from: nil, to: .reported, actor: actor,
                reason: reason ?? "split from case \(source.id)", occurredAt: now)
            try await repositories.cases.insert(split, opening: opening)
            try await repositories.cases.move(moving, from: source.id, to: split.id, at: now)
            var details: [String: JSONTree] = [
                "new_case_id": .string(split.id.rawValue),
                "findings": .array(moving.map { .string($0.id.rawValue) }),
            ]
            details["reason"] = reason.map(JSONTree.string) ?? .null
            return Recorded(
                split, log: [.caseChanged(.caseSplit, source, details: details, dependencies: dependencies)])
        }
    }

    /// Checks that the requester may post a message to a case, before the body is read.
    public func authorizeMessage(on found: Case, by requester: Requester) async throws {
        try await workflows.gate.authorizeMutation(
            .postCaseMessage(found), auditing: .caseMessage, target: .case(found.id), by: requester)
    }

    /// Posts a message to a case's participants.
    ///
    /// - Throws: `forbidden` for readers; `invalid_field` for an empty or oversized body.
    public func postMessage(_ body: String, on found: Case, by requester: Requester) async throws -> CaseMessage {
        try await authorizeMessage(on: found, by: requester)
        let dependencies = workflows.dependencies
        let message = CaseMessage(
            id: dependencies.makeID(), caseID: found.id, author: requester.actor,
            body: try CaseMessage.validatedBody(body), postedAt: dependencies.now())
        let event = requester.event(.caseMessage, target: .case(found.id), dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.cases.insert(message)
            return .nothing
        }
        return message
    }
}
