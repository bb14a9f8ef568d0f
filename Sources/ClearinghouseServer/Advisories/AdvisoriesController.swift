import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport
import OSV

/// Importing advisories over HTTP, for coordinators: the same validation and idempotency as
/// `clearinghouse import osv`.
struct AdvisoriesController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/advisories/import", use: importAdvisories)
    }

    /// `POST /v1/advisories/import`: one OSV record (JSON or YAML), a JSON array of records, or a zip archive of
    /// records (`application/zip`, as osv.dev publishes them). Answers the import's summary.
    @Sendable func importAdvisories(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await environment.authorizeMutation(
            .importAdvisories, auditing: .advisoryImport, target: nil, context: context)
        let format: AdvisoryImporter.Run.FileFormat
        switch request.mediaType {
        case "application/zip": format = .zip
        case "application/yaml", "application/x-yaml", "text/yaml": format = .yaml
        case "application/json", nil: format = .json
        default:
            throw Problem(
                .unsupportedMediaType, code: .unsupportedMediaType,
                detail: "Send OSV records as application/json (a record or an array), application/yaml, or "
                    + "application/zip; got `\(request.mediaType ?? "")`.")
        }
        let data = try await request.collect(
            limit: environment.configuration.maximumImportSize, describing: "the import")
        let run = AdvisoryImporter(commits: environment.commits)
            .start(actor: .api(context.party), requestID: context.requestID)
        try await run.add(file: data, format: format, named: "body")
        return .json(ImportSummaryBody(summary: try await run.finish()))
    }
}

/// `{"imported", "updated", "unchanged", "invalid": [{"source", "reasons"}], "warned",
/// "warnings": [{"source", "reasons"}]}` (the first 100 documents with warnings).
struct ImportSummaryBody: JSONWritable {
    let summary: AdvisoryImportSummary

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("imported", summary.imported)
            json.field("updated", summary.updated)
            json.field("unchanged", summary.unchanged)
            json.field("invalid", summary.invalid.map(DocumentReportBody.init))
            json.field("warned", summary.warned)
            json.field("warnings", summary.warnings.map(DocumentReportBody.init))
        }
    }
}

private struct DocumentReportBody: JSONWritable {
    let report: AdvisoryImportSummary.DocumentReport

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("source", report.source)
            json.field("reasons", report.reasons)
        }
    }
}
