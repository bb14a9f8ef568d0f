import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport
import SBOM

/// Organizations' SBOMs: upload for a named asset, list, read, replace, delete.
struct SBOMsController {
    let environment: APIEnvironment
    let exposure: ExposureCatalog
    var intake: ExposureIntake { ExposureIntake(environment.workflows) }
    var queries: ExposureQueries {
        ExposureQueries(environment.workflows, advisories: environment.catalogs.advisories, exposure: exposure)
    }

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/sboms", use: upload)
        routes.on(.get, "/v1/sboms", use: list)
        routes.on(.get, "/v1/sboms/{id}", use: show)
        routes.on(.put, "/v1/sboms/{id}", use: replace)
        routes.on(.delete, "/v1/sboms/{id}", use: delete)
    }

    /// `POST /v1/sboms?asset=NAME[&internet_facing=true]`: a CycloneDX or SPDX JSON document for one asset of the
    /// caller's organization. Answers what was read, and which components cannot be matched and why.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.requireMember()
        try await intake.authorizeSBOMs(
            of: member.organizationID, .sbomUpload, target: nil, by: environment.requester(context))
        let asset = try SBOMRecord.validatedAsset(request.uri.queryParameters["asset"].map(String.init))
        let internetFacing = try Self.flag(request, "internet_facing") ?? false
        let (document, bill) = try await Self.bill(request, environment: environment)
        let record = SBOMRecord(
            id: environment.dependencies.makeID(), organization: member.organizationID, asset: asset,
            internetFacing: internetFacing, bill: bill, uploadedAt: environment.dependencies.now())
        let entry = try await intake.save(
            record, document: document, replacing: false, by: environment.requester(context))
        return .json(
            SBOMBody(entry: entry, detailed: true), status: .created, headers: [.location: "/v1/sboms/\(record.id)"])
    }

    /// `GET /v1/sboms`: the SBOMs the caller may see (its organization's; every one for coordinators).
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let result = try await queries.sboms(try request.pageRequest(), by: environment.requester(context))
        return .json(
            Page(items: result.items.map { SBOMBody(entry: $0, detailed: false) }, nextCursor: result.nextCursor))
    }

    /// `GET /v1/sboms/{id}`: one SBOM's summary and its unmatched components.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(SBOMBody(entry: try visibleEntry(context), detailed: true))
    }

    /// `PUT /v1/sboms/{id}[?asset=NAME&internet_facing=BOOL]`: a new document for the same asset.
    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let existing = try visibleEntry(context)
        try await intake.authorizeSBOMs(
            of: existing.organization, .sbomReplace, target: .sbom(existing.id), by: environment.requester(context))
        let asset =
            try request.uri.queryParameters["asset"].map { (text) throws(ClearinghouseError) in
                try SBOMRecord.validatedAsset(String(text))
            } ?? existing.asset
        let internetFacing = try Self.flag(request, "internet_facing") ?? existing.internetFacing
        let (document, bill) = try await Self.bill(request, environment: environment)
        let record = SBOMRecord(
            id: existing.id, organization: existing.organization, asset: asset, internetFacing: internetFacing,
            bill: bill, uploadedAt: environment.dependencies.now())
        let entry = try await intake.save(
            record, document: document, replacing: true, by: environment.requester(context))
        return .json(SBOMBody(entry: entry, detailed: true))
    }

    /// `DELETE /v1/sboms/{id}`.
    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let existing = try visibleEntry(context)
        try await intake.delete(existing, by: environment.requester(context))
        return Response(status: .noContent)
    }

    private func visibleEntry(_ context: AppRequestContext) throws -> ExposureIndex.Entry {
        try queries.sbom(context.parameters.decoded("id").flatMap(SBOMRecord.ID.init), by: environment.requester(context))
    }

    /// The body as it will be stored, and the bill read from it.
    static func bill(_ request: Request, environment: APIEnvironment) async throws -> (StoredDocument, SoftwareBill) {
        try await request.collectStoredDocument(
            limit: environment.configuration.maximumDocumentSize, kind: "SBOM", read: SoftwareBill.read)
    }

    static func flag(_ request: Request, _ name: String) throws(ClearinghouseError) -> Bool? {
        guard let text = request.uri.queryParameters[Substring(name)] else { return nil }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .invalidField(name, "must be `true` or `false`.")
        }
    }
}

/// An SBOM's summary; with `detailed`, its unmatched components too.
struct SBOMBody: JSONWritable {
    let entry: ExposureIndex.Entry
    let detailed: Bool

    func write(to json: inout JSONWriter) {
        let unmatched = entry.unmatched
        json.object { json in
            json.field("id", entry.id)
            json.field("organization_id", entry.organization)
            json.field("asset", entry.asset)
            json.field("internet_facing", entry.internetFacing)
            json.field("format", entry.format.description)
            json.field("components", entry.components.count)
            json.field("matched", entry.components.count - unmatched.count)
            json.field("uploaded_at", entry.uploadedAt)
            if detailed {
                json.field(
                    "unmatched",
                    unmatched.map { UnmatchedBody(reference: $0.0.reference, name: $0.0.name, reason: $0.1) })
            }
        }
    }
}

private struct UnmatchedBody: JSONWritable {
    let reference: String
    let name: String
    let reason: String

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("reference", reference)
            json.field("name", name)
            json.field("reason", reason)
        }
    }
}
