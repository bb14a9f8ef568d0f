import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport

/// The advisories this instance published, for anyone: each as its summary and in each format.
struct PublishedAdvisoriesController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/published-advisories", use: list)
        routes.on(.get, "/v1/published-advisories/{id}", use: advisory)
        routes.on(.get, "/v1/published-advisories/{id}/osv", use: osv)
        routes.on(.get, "/v1/published-advisories/{id}/stix", use: stix)
    }

    var publication: PublicationWorkflows { PublicationWorkflows(environment.workflows) }

    /// `GET /v1/published-advisories?limit=&cursor=`: newest first.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try request.pageRequest()
        let after = try page.after.map { text throws(ClearinghouseError) in
            try AdvisoryID(parsing: text)
        }
        let drafts = try await publication.advisories(before: after, limit: page.limit + 1)
        let shown = Array(drafts.prefix(page.limit))
        let next = drafts.count > page.limit ? shown.last.map { Cursor.encode($0.id.description) } : nil
        return .json(Page(items: shown.map(PublishedAdvisoryView.init), nextCursor: next))
    }

    /// `GET /v1/published-advisories/{id}`.
    @Sendable func advisory(_ request: Request, context: AppRequestContext) async throws -> Response {
        .json(PublishedAdvisoryView(draft: try await find(context)))
    }

    /// `GET /v1/published-advisories/{id}/osv`: the OSV record, as the OSV API serves it under its `x_` id.
    @Sendable func osv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let document = try await find(context).osvDocument()
        return .json(RawJSON(bytes: Data(document.canonicalText.utf8)))
    }

    /// `GET /v1/published-advisories/{id}/stix`: a STIX 2.1 bundle holding the advisory's `vulnerability` object.
    @Sendable func stix(_ request: Request, context: AppRequestContext) async throws -> Response {
        let bundle = try await find(context).stixBundle()
        return Response(
            status: .ok, headers: [.contentType: "application/stix+json;version=2.1"],
            body: .init(byteBuffer: ByteBuffer(string: bundle.canonicalText)))
    }

    private func find(_ context: AppRequestContext) async throws -> AdvisoryDraft {
        guard let text = context.parameters.decoded("id"), let id = try? AdvisoryID(parsing: text),
            let draft = try await publication.advisory(id)
        else { throw ClearinghouseError.notFound("advisory") }
        return draft
    }
}
