import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport

/// Reporter quality: how much an organization reports and how much holds up, and the intake policy coordinators
/// set from it.
struct ReportersController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/organizations/{id}/quality", use: quality)
        routes.on(.put, "/v1/organizations/{id}/intake-policy", use: setPolicy)
    }

    /// `GET /v1/organizations/{id}/quality`: for the organization itself and coordinators.
    @Sendable func quality(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let organization = try await environment.visibleOrganization(context)
        try await environment.authorize(.readReporterQuality(of: organization.id), context: context)
        return .json(try await qualityBody(for: organization.id, context: context))
    }

    /// `PUT /v1/organizations/{id}/intake-policy` with `{"daily_quota": N|null, "precision_floor": 0…1|null}`:
    /// coordinator admins.
    @Sendable func setPolicy(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let organization = try await environment.visibleOrganization(context)
        try await environment.authorizeMutation(
            .setIntakePolicy, auditing: .intakePolicySet, target: .organization(organization.id), context: context)
        let requested = try await request.decodeJSON(
            IntakePolicyBody.self, limit: environment.configuration.maximumBodySize)
        let policy = try IntakePolicy(dailyQuota: requested.dailyQuota, precisionFloor: requested.precisionFloor)
            .validated()
        try await OrganizationWorkflows(environment.workflows).setIntakePolicy(
            policy, of: organization.id, by: environment.requester(context))
        return .json(try await qualityBody(for: organization.id, context: context))
    }

    private func qualityBody(for organization: Organization.ID, context: AppRequestContext) async throws
        -> QualityBody
    {
        let (quality, policy) = try await OrganizationQueries(environment.workflows).quality(
            of: organization, by: environment.requester(context))
        return QualityBody(organization: organization, quality: quality, policy: policy)
    }
}

/// `{"organization_id", "findings", "findings_last_24h", "cases_opened", "validated", "rejected", "precision",
/// "daily_quota", "precision_floor", "proof_required"}`.
private struct QualityBody: JSONWritable {
    let organization: Organization.ID
    let quality: ReporterQuality
    let policy: IntakePolicy

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("organization_id", organization)
            json.field("findings", quality.findings)
            json.field("findings_last_24h", quality.recentFindings)
            json.field("cases_opened", quality.casesOpened)
            json.field("validated", quality.validated)
            json.field("rejected", quality.rejected)
            json.nullableField("precision", quality.precision)
            json.nullableField("daily_quota", policy.dailyQuota)
            json.nullableField("precision_floor", policy.precisionFloor)
            json.field("proof_required", policy.requiresProof(quality))
        }
    }
}
