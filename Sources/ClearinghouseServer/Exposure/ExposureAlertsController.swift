import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// Embargo-safe alerts: a coordinator alerts the organizations a case's package versions reach; each organization
/// reads its own alerts.
struct ExposureAlertsController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/cases/{id}/alerts", use: alert)
        routes.on(.get, "/v1/alerts", use: list)
        routes.on(.get, "/v1/alerts/{id}", use: show)
    }

    private var alerts: ExposureAlertWorkflows {
        ExposureAlertWorkflows(environment.workflows, exposure: environment.catalogs.exposure)
    }

    /// `POST /v1/cases/{id}/alerts` with `{"instructions"}`: coordinators, while the case is validated and not yet
    /// published; `{"sent", "organizations", "already_sent"}`.
    @Sendable func alert(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let requester = environment.requester(context)
        try await alerts.authorize(found, by: requester)
        let body = try await request.decodeJSON(
            ExposureAlertBody.self, limit: environment.configuration.maximumBodySize)
        return .json(try await alerts.alertUnderEmbargo(found, instructions: body.instructions, by: requester))
    }

    /// `GET /v1/alerts`: the caller's organization's alerts, newest first.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await alerts.alerts(try request.pageRequest(), by: environment.requester(context)))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let id: ExposureAlert.ID = try context.parameters.identifier("id", of: "alert")
        return .json(try await alerts.alert(id, by: environment.requester(context)))
    }
}
