import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
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

    var cases: CaseWorkflows { CaseWorkflows(environment.workflows) }

    /// `POST /v1/cases/{id}/participants` with `{"organization_id"}`: the organization may now see the case (a
    /// vendor to fix it, an affected operator). Logged as an access grant.
    @Sendable func addParticipant(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let requester = environment.requester(context)
        try await cases.authorizeCoordination(found, .caseParticipantAdd, by: requester)
        let body = try await request.decodeJSON(
            CaseParticipantBody.self, limit: environment.configuration.maximumBodySize)
        guard let organization = Organization.ID(body.organizationID) else {
            throw ClearinghouseError.invalidField("organization_id", "`organization_id` names no organization.")
        }
        return .json(try await cases.addParticipant(organization, to: found, by: requester))
    }

    /// `DELETE /v1/cases/{id}/participants/{organization}`.
    @Sendable func removeParticipant(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let organization = context.parameters.decoded("organization").flatMap(Organization.ID.init)
        return .json(try await cases.removeParticipant(organization, from: found, by: environment.requester(context)))
    }

    /// `POST /v1/cases/{id}/merge` with `{"case_id", "reason"}`: the other case's findings, fingerprints,
    /// validation jobs and participants move into this one; the other is marked merged and takes no more moves.
    /// First-finder credit stays with this case's first finding.
    @Sendable func merge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let target = try await environment.visibleCase(context)
        let requester = environment.requester(context)
        try await cases.authorizeCoordination(target, .caseMerge, by: requester)
        let body = try await request.decodeJSON(CaseMergeBody.self, limit: environment.configuration.maximumBodySize)
        let reason = try body.reason.map { (text) throws(ClearinghouseError) in try CaseTransition.validatedReason(text)
        }
        return .json(try await cases.merge(Case.ID(body.caseID), into: target, reason: reason, by: requester))
    }

    /// `POST /v1/cases/{id}/split` with `{"findings": [ids], "reason"}`: the findings describe another
    /// vulnerability. They open a new case, credited to the earliest of them, with the same label and participants;
    /// fingerprints that only they hold go with them. Answers the new case.
    @Sendable func split(_ request: Request, context: AppRequestContext) async throws -> Response {
        let source = try await environment.visibleCase(context)
        let requester = environment.requester(context)
        try await cases.authorizeCoordination(source, .caseSplit, by: requester)
        let body = try await request.decodeJSON(CaseSplitBody.self, limit: environment.configuration.maximumBodySize)
        let reason = try body.reason.map { (text) throws(ClearinghouseError) in try CaseTransition.validatedReason(text)
        }
        let created = try await cases.split(
            body.findings.map(Finding.ID.init), from: source, reason: reason, by: requester)
        return .json(created, status: .created, headers: [.location: "/v1/cases/\(created.id)"])
    }
}
