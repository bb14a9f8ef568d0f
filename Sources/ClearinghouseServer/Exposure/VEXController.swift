import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport
import VEX

/// VEX documents: statements about whether products are affected, which exposure honours.
struct VEXController {
    let environment: APIEnvironment
    let exposure: ExposureCatalog
    var intake: ExposureIntake { ExposureIntake(environment.workflows) }
    var queries: ExposureQueries {
        ExposureQueries(environment.workflows, advisories: environment.catalogs.advisories, exposure: exposure)
    }

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/vex", use: upload)
        routes.on(.get, "/v1/vex", use: list)
        routes.on(.delete, "/v1/vex/{id}", use: delete)
    }

    /// `POST /v1/vex`: a CycloneDX VEX, OpenVEX or CSAF VEX document of the caller's organization. A verified
    /// vendor's (or coordinator's) statements apply to every organization's SBOMs; anyone else's to its own.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let requester = environment.requester(context)
        try await intake.authorizeVEX(of: member.organizationID, .vexUpload, target: nil, by: requester)
        let (stored, document) = try await request.collectStoredDocument(
            limit: environment.configuration.maximumDocumentSize, kind: "VEX document", read: VEXDocument.read)
        let record = VEXRecord(
            id: environment.dependencies.makeID(), organization: member.organizationID,
            appliesToEveryone: VEXRecord.appliesToEveryone(publishedBy: member.organization),
            document: document, uploadedAt: environment.dependencies.now())
        try await intake.publish(record, document: stored, by: requester)
        return .json(VEXBody(record: record), status: .created, headers: [.location: "/v1/vex/\(record.id)"])
    }

    /// `GET /v1/vex`: the VEX documents the caller may see.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let result = try await queries.vexDocuments(try request.pageRequest(), by: environment.requester(context))
        return .json(Page(items: result.items.map(VEXBody.init), nextCursor: result.nextCursor))
    }

    /// `DELETE /v1/vex/{id}`: withdraws a document's statements.
    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let record = try queries.vexDocument(
            context.parameters.decoded("id").flatMap(VEXRecord.ID.init), by: environment.requester(context))
        try await intake.withdraw(record, by: environment.requester(context))
        return Response(status: .noContent)
    }
}

struct VEXBody: JSONWritable {
    let record: VEXRecord

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", record.id)
            json.field("organization_id", record.organization)
            json.field("format", record.document.format.rawValue)
            json.field("statements", record.document.statements.count)
            json.field("applies_to_everyone", record.appliesToEveryone)
            json.field("uploaded_at", record.uploadedAt)
        }
    }
}
