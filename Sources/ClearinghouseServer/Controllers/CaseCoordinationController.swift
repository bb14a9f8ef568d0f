import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Hummingbird

/// What coordinators do to cases besides moving them: who is on the need-to-know list, merging two cases that are
/// one vulnerability, splitting findings that are another.
struct CaseCoordinationController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/cases/{id}/participants", use: addParticipant)
        routes.on(.delete, "/v1/cases/{id}/participants/{organization}", use: removeParticipant)
        routes.on(.post, "/v1/cases/{id}/merge", use: merge)
        routes.on(.post, "/v1/cases/{id}/split", use: split)
    }

    /// `POST /v1/cases/{id}/participants` with `{"organization_id"}`: the organization may now see the case (a
    /// vendor to fix it, an affected operator). Logged as an access grant.
    @Sendable func addParticipant(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        try await environment.authorizeMutation(
            .coordinateCases, auditing: .caseParticipantAdd, target: .case(found.id), context: context)
        let body = try await request.decodeJSON(
            CaseParticipantBody.self, limit: environment.configuration.maximumBodySize)
        guard let organization = Organization.ID(body.organizationID),
            try await environment.store.read({ try await $0.organizations.find(organization) }) != nil
        else {
            throw ClearinghouseError.invalidField("organization_id", "`organization_id` names no organization.")
        }
        let now = environment.dependencies.now()
        var updated = found
        updated.participants.insert(organization)
        return try await changeParticipants(found, .caseParticipantAdd, organization, context: context, into: updated) {
            try await $0.cases.addParticipant(organization, to: found.id, at: now)
        }
    }

    /// `DELETE /v1/cases/{id}/participants/{organization}`.
    @Sendable func removeParticipant(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        try await environment.authorizeMutation(
            .coordinateCases, auditing: .caseParticipantRemove, target: .case(found.id), context: context)
        guard let organization = context.parameters.get("organization").flatMap(Organization.ID.init),
            found.participants.contains(organization)
        else { throw ClearinghouseError.notFound("participant") }
        var updated = found
        updated.participants.remove(organization)
        return try await changeParticipants(
            found, .caseParticipantRemove, organization, context: context, into: updated
        ) { try await $0.cases.removeParticipant(organization, from: found.id) }
    }

    /// Commits a change of a case's need-to-know list with its audit event and its log entry (an access grant or
    /// its withdrawal), and answers the case as it now is.
    private func changeParticipants(
        _ found: Case, _ action: AuditAction, _ organization: Organization.ID, context: AppRequestContext,
        into updated: Case, _ change: @Sendable (Repositories) async throws -> Void
    ) async throws -> Response {
        let entry = LogEntryDraft.caseChanged(
            action, found, details: ["organization_id": .string(organization.rawValue)],
            dependencies: environment.dependencies)
        let event = environment.auditEvent(
            action, target: .case(found.id), context: context, detail: organization.rawValue)
        try await environment.write(event, logging: [entry], change)
        return .json(updated)
    }

    /// `POST /v1/cases/{id}/merge` with `{"case_id", "reason"}`: the other case's findings, fingerprints,
    /// validation jobs and participants move into this one; the other is marked merged and takes no more moves.
    /// First-finder credit stays with this case's first finding.
    @Sendable func merge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let target = try await environment.visibleCase(context)
        try await environment.authorizeMutation(
            .coordinateCases, auditing: .caseMerge, target: .case(target.id), context: context)
        let body = try await request.decodeJSON(CaseMergeBody.self, limit: environment.configuration.maximumBodySize)
        let reason = try body.reason.map { (text) throws(ClearinghouseError) in try CaseTransition.validatedReason(text)
        }
        guard let sourceID = Case.ID(body.caseID), sourceID != target.id,
            let source = try await environment.store.read({ try await $0.cases.find(sourceID) }),
            environment.policy.read(source.visibility, by: context.party).isGranted
        else {
            throw ClearinghouseError.invalidField("case_id", "`case_id` must name another case you may see.")
        }
        guard source.mergedInto == nil, target.mergedInto == nil else {
            throw ClearinghouseError(.conflict, "A merged case cannot be merged again; merge into the case it joined.")
        }
        let now = environment.dependencies.now()
        var details: [String: JSONValue] = ["merged_case_id": .string(source.id.rawValue)]
        details["reason"] = reason.map(JSONValue.string) ?? .null
        let entry = LogEntryDraft.caseChanged(
            .caseMerge, target, details: details, dependencies: environment.dependencies)
        let event = environment.auditEvent(
            .caseMerge, target: .case(target.id), context: context, detail: "merged \(source.id)")
        try await environment.write(event, logging: [entry]) {
            try await $0.cases.merge(source.id, into: target.id, at: now)
        }
        let merged = try await environment.store.read { try await $0.cases.find(target.id) }
        return .json(merged ?? target)
    }

    /// `POST /v1/cases/{id}/split` with `{"findings": [ids], "reason"}`: the findings describe another
    /// vulnerability. They open a new case, credited to the earliest of them, with the same label and participants;
    /// fingerprints that only they hold go with them. Answers the new case.
    @Sendable func split(_ request: Request, context: AppRequestContext) async throws -> Response {
        let source = try await environment.visibleCase(context)
        try await environment.authorizeMutation(
            .coordinateCases, auditing: .caseSplit, target: .case(source.id), context: context)
        let body = try await request.decodeJSON(CaseSplitBody.self, limit: environment.configuration.maximumBodySize)
        let reason = try body.reason.map { (text) throws(ClearinghouseError) in try CaseTransition.validatedReason(text)
        }
        let ids = Set(body.findings.compactMap(Finding.ID.init))
        guard !ids.isEmpty, ids.count == body.findings.count else {
            throw ClearinghouseError.invalidField("findings", "`findings` must list finding ids of this case.")
        }
        let dependencies = environment.dependencies
        let event = environment.auditEvent(
            .caseSplit, target: .case(source.id), context: context, detail: "\(ids.count) findings")
        let created = try await environment.write(event) { repositories -> (Case, [LogEntryDraft]) in
            let findings = try await repositories.findings.list(inCase: source.id, after: nil, limit: Int.max)
            let moving = findings.filter { ids.contains($0.id) }
            guard moving.count == ids.count, moving.count < findings.count,
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
                id: dependencies.makeID(), caseID: split.id, from: nil, to: .reported, actor: .api(context.party),
                reason: reason ?? "split from case \(source.id)", occurredAt: now)
            try await repositories.cases.insert(split, opening: opening)
            try await repositories.cases.move(moving, from: source.id, to: split.id)
            var details: [String: JSONValue] = [
                "new_case_id": .string(split.id.rawValue),
                "findings": .array(moving.map { .string($0.id.rawValue) }),
            ]
            details["reason"] = reason.map(JSONValue.string) ?? .null
            return (split, [.caseChanged(.caseSplit, source, details: details, dependencies: dependencies)])
        }
        return .json(created, status: .created, headers: [.location: "/v1/cases/\(created.id)"])
    }
}
