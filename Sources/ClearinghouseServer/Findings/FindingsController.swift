import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport
import TLP

/// Finding intake, and reading findings.
struct FindingsController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/findings", use: submit)
        routes.on(.get, "/v1/findings", use: list)
        routes.on(.get, "/v1/findings/{id}", use: show)
    }

    /// `POST /v1/findings[?format=&purl=|repository=&commit=&tool=&model=...&tlp=]`: SARIF, an OSV draft or native
    /// findings. Each finding joins the case that shares a fingerprint with it, or opens one. Answers `201` with
    /// `{"findings": [{"id", "case_id", "duplicate", "duplicate_of", "unauthorized_scan"}]}`; `case_id` and
    /// `duplicate_of` are null where the submitter may not see the case it joined; `unauthorized_scan` is given for
    /// a finding about infrastructure that no lease of its reporter covers.
    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let requester = environment.requester(context)
        let submission = FindingSubmission(environment.workflows)
        try await submission.authorize(by: requester)
        let (format, drafts, label) = try await drafts(request)
        let findings = try await submission.submit(drafts, format: format.rawValue, label: label, by: requester)
        return .json(SubmissionBody(findings: findings), status: .created)
    }

    /// The drafts a submission's body holds. The body is let go on return, before the drafts are stored.
    private func drafts(_ request: Request) async throws -> (FindingFormat, [FindingDraft], TLPLabel) {
        let (named, reader, label) = try request.findingSubmissionOptions()
        let document = try await request.collectJSONDocument(
            limit: environment.configuration.maximumDocumentSize, kind: "findings")
        let (format, drafts) = try reader.read(document, named: named, mediaType: request.mediaType)
        return (format, drafts, label)
    }

    /// `GET /v1/findings`: the caller's organization's findings, oldest first.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let page = try request.pageRequest()
        return .json(try await FindingQueries(environment.workflows).own(page, by: environment.requester(context)))
    }

    /// `GET /v1/findings/{id}`: a finding, for its reporter and those who may see its case.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let id: Finding.ID = try context.parameters.identifier("id", of: "finding")
        return .json(try await FindingQueries(environment.workflows).finding(id, by: environment.requester(context)))
    }
}

/// The answer to a submission: each finding's id, whether it duplicates an existing case, and, where the submitter
/// may see that case, the case and the finding it duplicates.
private struct SubmissionBody: JSONWritable {
    let findings: [PlacedFinding]

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("findings", findings.map(Placement.init))
        }
    }

    struct Placement: JSONWritable {
        let placed: PlacedFinding

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("id", placed.finding.id)
                json.nullableField("case_id", placed.locatable ? placed.finding.caseID : nil)
                json.field("duplicate", placed.finding.duplicateOf != nil)
                json.nullableField("duplicate_of", placed.locatable ? placed.finding.duplicateOf : nil)
                json.field("unauthorized_scan", placed.finding.unauthorizedScan)
            }
        }
    }
}
