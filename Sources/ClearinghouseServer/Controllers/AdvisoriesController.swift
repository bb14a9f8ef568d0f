import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Hummingbird
import OSV

/// Importing advisories over HTTP, for coordinators: the same validation and idempotency as
/// `clearinghouse import osv`.
struct AdvisoriesController {
    let environment: APIEnvironment
    let catalog: AdvisoryCatalog

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/advisories/import", use: importAdvisories)
    }

    /// `POST /v1/advisories/import`: one OSV record (JSON or YAML), a JSON array of records, or a zip archive of
    /// records (`application/zip`, as osv.dev publishes them). Answers the import's summary.
    @Sendable func importAdvisories(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await environment.authorizeMutation(
            .importAdvisories, auditing: .advisoryImport, target: nil, context: context)
        let mediaType = request.headers[.contentType].flatMap {
            $0.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let limit = environment.configuration.maximumImportSize
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Problem(
                .contentTooLarge, code: .payloadTooLarge,
                detail: "The import is larger than this server accepts (\(limit) bytes); import it in parts.")
        }
        let data = Data(buffer: buffer)
        let importer = AdvisoryImporter(
            store: environment.store, dependencies: environment.dependencies, catalog: catalog)
        let run = importer.start(actor: .api(context.party), requestID: context.requestID)
        switch mediaType {
        case "application/zip":
            do {
                try await OSVDocuments.forEachMember(ofArchive: data, named: "body") { try await run.add($0) }
            } catch let failure as OSVDocuments.Failure {
                throw ClearinghouseError(.invalidRequest, "\(failure)")
            }
        case "application/yaml", "application/x-yaml", "text/yaml":
            try await run.add(OSVDocument(source: "body", data: data, format: .yaml))
        case "application/json", nil:
            for document in try Self.jsonDocuments(data) { try await run.add(document) }
        default:
            throw Problem(
                .unsupportedMediaType, code: .unsupportedMediaType,
                detail: "Send OSV records as application/json (a record or an array), application/yaml, or "
                    + "application/zip; got `\(mediaType ?? "")`.")
        }
        return .json(ImportSummaryBody(summary: try await run.finish()))
    }

    /// A JSON body's documents: the record itself, or each element of an array.
    static func jsonDocuments(_ data: Data) throws -> [OSVDocument] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw ClearinghouseError(.invalidRequest, "The request body is not valid JSON.")
        }
        guard let array = parsed as? [Any] else {
            return [OSVDocument(source: "body", data: data, format: .json)]
        }
        return try array.enumerated().map { index, element in
            OSVDocument(
                source: "body[\(index)]",
                data: try JSONSerialization.data(withJSONObject: element, options: [.fragmentsAllowed]),
                format: .json)
        }
    }
}

/// `{"imported", "updated", "unchanged", "invalid": [{"source", "reasons"}]}`.
struct ImportSummaryBody: JSONWritable {
    let summary: AdvisoryImportSummary

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("imported", summary.imported)
            json.field("updated", summary.updated)
            json.field("unchanged", summary.unchanged)
            json.field("invalid", summary.invalid.map(RejectionBody.init))
        }
    }
}

private struct RejectionBody: JSONWritable {
    let rejection: AdvisoryImportSummary.Rejection

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("source", rejection.source)
            json.field("reasons", rejection.reasons)
        }
    }
}
