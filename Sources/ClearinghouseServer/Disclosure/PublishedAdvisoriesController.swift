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
        routes.on(.get, "/v1/published-advisories/{id}/csaf", use: csaf)
        routes.on(.get, "/v1/published-advisories/{id}/csaf-vex", use: csafVEX)
        routes.on(.get, "/v1/published-advisories/{id}/cve", use: cve)
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
        .json(RawJSON(bytes: try await text(.osv, request, context)))
    }

    /// `GET /v1/published-advisories/{id}/stix`: a STIX 2.1 bundle holding the advisory's `vulnerability` object.
    @Sendable func stix(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/stix+json;version=2.1"],
            body: .init(byteBuffer: ByteBuffer(bytes: try await text(.stix, request, context))))
    }

    /// `GET /v1/published-advisories/{id}/csaf`: a CSAF 2.0 `csaf_security_advisory`.
    @Sendable func csaf(_ request: Request, context: AppRequestContext) async throws -> Response {
        .json(RawJSON(bytes: try await text(.csaf, request, context)))
    }

    /// `GET /v1/published-advisories/{id}/csaf-vex`: the same statuses as a CSAF 2.0 `csaf_vex`.
    @Sendable func csafVEX(_ request: Request, context: AppRequestContext) async throws -> Response {
        .json(RawJSON(bytes: try await text(.csafVEX, request, context)))
    }

    /// `GET /v1/published-advisories/{id}/cve`: the CNA container of a CVE JSON 5.1 record, for a CNA to submit.
    @Sendable func cve(_ request: Request, context: AppRequestContext) async throws -> Response {
        .json(RawJSON(bytes: try await text(.cve, request, context)))
    }

    /// The advisory the path names, in a format, as canonical JSON.
    private func text(
        _ format: AdvisoryFormat, _ request: Request, _ context: AppRequestContext
    ) async throws -> Data {
        let document = try format.document(
            of: try await find(context), base: request.publicBase,
            cveOrganization: environment.configuration.cveOrganization)
        return Data(document.canonicalText.utf8)
    }

    /// Who publishes the CSAF documents: this instance, named by the base URL its reader used.
    static func csafPublisher(base: String) -> AdvisoryDraft.CSAFPublisher {
        .init(name: "Clearinghouse", namespace: base)
    }

    /// A CSAF document's text, the same bytes here and in the CSAF provider directory.
    static func csafText(_ draft: AdvisoryDraft, _ profile: AdvisoryDraft.CSAFProfile, base: String) throws -> Data {
        let format: AdvisoryFormat = profile == .vex ? .csafVEX : .csaf
        return Data(try format.document(of: draft, base: base, cveOrganization: nil).canonicalText.utf8)
    }

    private func find(_ context: AppRequestContext) async throws -> AdvisoryDraft {
        guard let text = context.parameters.decoded("id"), let id = try? AdvisoryID(parsing: text),
            let draft = try await publication.advisory(id)
        else { throw ClearinghouseError.notFound("advisory") }
        return draft
    }
}
