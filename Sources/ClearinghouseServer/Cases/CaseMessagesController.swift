import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// Messages between a case's participants.
struct CaseMessagesController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/cases/{id}/messages", use: post)
        routes.on(.get, "/v1/cases/{id}/messages", use: list)
    }

    /// `POST /v1/cases/{id}/messages` with `{"body"}`: anyone who may see the case, with an analyst or admin token.
    @Sendable func post(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let requester = environment.requester(context)
        let cases = CaseWorkflows(environment.workflows)
        try await cases.authorizeMessage(on: found, by: requester)
        let body = try await request.decodeJSON(CaseMessageBody.self, limit: environment.configuration.maximumBodySize)
        return .json(try await cases.postMessage(body.body, on: found, by: requester), status: .created)
    }

    /// `GET /v1/cases/{id}/messages`: oldest first.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let page = try request.pageRequest()
        return .json(
            try await CaseQueries(environment.workflows).messages(of: found, page, by: environment.requester(context)))
    }
}
