import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// Coordinated disclosure of a case: its coordination at a glance, the embargo negotiated among those on it, where
/// each participant stands, the vendors a coordinator would bring in, the fixes, and publication.
struct CaseDisclosureController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/cases/{id}/coordination", use: coordination)
        routes.on(.post, "/v1/cases/{id}/embargo/proposals", use: propose)
        routes.on(.post, "/v1/cases/{id}/embargo/agreements", use: agree)
        routes.on(.post, "/v1/cases/{id}/embargo/end", use: endEarly)
        routes.on(.put, "/v1/cases/{id}/participants/{organization}/status", use: setStatus)
        routes.on(.get, "/v1/cases/{id}/participants/suggestions", use: suggestions)
        routes.on(.post, "/v1/cases/{id}/fixes", use: recordFix)
        routes.on(.post, "/v1/cases/{id}/publication", use: publish)
    }

    var embargoes: EmbargoWorkflows { EmbargoWorkflows(environment.workflows) }
    var participants: ParticipantWorkflows { ParticipantWorkflows(environment.workflows) }
    var fixes: CaseFixWorkflows { CaseFixWorkflows(environment.workflows) }
    var publication: PublicationWorkflows { PublicationWorkflows(environment.workflows) }

    /// `GET /v1/cases/{id}/coordination`: the embargo (null before validation) and the participants with their
    /// statuses, for anyone who may see the case.
    @Sendable func coordination(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        async let embargo = embargoes.embargo(of: found)
        async let listed = participants.participants(of: found, by: environment.requester(context))
        async let recorded = fixes.fixes(of: found)
        async let published = publication.advisory(of: found)
        return .json(
            CaseCoordinationView(
                found: found, embargo: try await embargo, participants: try await listed, fixes: try await recorded,
                advisory: try await published?.id))
    }

    /// `POST /v1/cases/{id}/embargo/proposals` with `{"public_date": {"local", "time_zone"}, "reason"}`: another
    /// date, for the first reporter, those on the case and coordinators; a later one says why. Everyone is asked
    /// to agree again.
    @Sendable func propose(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let requester = environment.requester(context)
        try await embargoes.authorizeNegotiation(of: found, .embargoPropose, by: requester)
        let body = try await request.decodeJSON(
            EmbargoProposalBody.self, limit: environment.configuration.maximumBodySize)
        let embargo = try await embargoes.propose(
            try body.publicDate.checked(), reason: body.reason, on: found, by: requester)
        return .json(EmbargoView(embargo, of: found))
    }

    /// `POST /v1/cases/{id}/embargo/agreements`: the caller's organization agrees to the date proposed.
    @Sendable func agree(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        return .json(EmbargoView(try await embargoes.agree(on: found, by: environment.requester(context)), of: found))
    }

    /// `POST /v1/cases/{id}/embargo/end` with `{"reason"}`: a coordinator ends the embargo because the
    /// vulnerability is being exploited; the case may be published at once.
    @Sendable func endEarly(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let requester = environment.requester(context)
        try await embargoes.authorizeEndingEarly(found, by: requester)
        let body = try await request.decodeJSON(EmbargoEndBody.self, limit: environment.configuration.maximumBodySize)
        return .json(
            EmbargoView(try await embargoes.endEarly(reason: body.reason, on: found, by: requester), of: found))
    }

    /// `PUT /v1/cases/{id}/participants/{organization}/status` with `{"status", "justification", "statement"}`:
    /// where a participant's products stand, said by the participant or recorded by a coordinator.
    @Sendable func setStatus(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let requester = environment.requester(context)
        guard let organization = context.parameters.decoded("organization").flatMap(Organization.ID.init),
            found.participants.contains(organization)
        else { throw ClearinghouseError.notFound("participant") }
        try await participants.authorizeStatus(of: organization, on: found, by: requester)
        let body = try await request.decodeJSON(
            ParticipantStatusBody.self, limit: environment.configuration.maximumBodySize)
        return .json(
            try await participants.setStatus(
                of: organization, on: found, status: body.status, justification: body.justification,
                statement: body.statement, by: requester))
    }

    /// `GET /v1/cases/{id}/participants/suggestions`: `{"vendors": [...]}`, the verified vendors whose registered
    /// products the case's findings name and who are not on the case yet (coordinators).
    @Sendable func suggestions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let vendors = try await participants.suggestedVendors(for: found, by: environment.requester(context))
        return .json(SuggestedVendors(vendors: vendors))
    }

    /// `POST /v1/cases/{id}/fixes` with `{"target", "introduced", "patch", "note"}`: a vendor on the case (or a
    /// coordinator) records the first fixed version of a package or the commit that fixes a repository. Answers
    /// 201 with the fix.
    @Sendable func recordFix(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let requester = environment.requester(context)
        try await fixes.authorize(found, by: requester)
        let body = try await request.decodeJSON(CaseFixBody.self, limit: environment.configuration.maximumBodySize)
        let fix = try await fixes.record(
            body.target, introduced: body.introduced, patch: body.patch, note: body.note, on: found, by: requester)
        return .json(fix, status: .created)
    }

    /// `POST /v1/cases/{id}/publication` with `{"summary", "details"}`: a coordinator publishes the case, once its
    /// embargo allows, as an advisory with the next id. Answers 201 with the advisory.
    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let requester = environment.requester(context)
        try await publication.authorize(found, by: requester)
        let body = try await request.decodeJSON(PublicationBody.self, limit: environment.configuration.maximumBodySize)
        let draft = try await publication.publish(found, try body.checked(), by: requester)
        return .json(
            PublishedAdvisoryView(draft: draft), status: .created,
            headers: [.location: "/v1/published-advisories/\(draft.id)"])
    }
}
