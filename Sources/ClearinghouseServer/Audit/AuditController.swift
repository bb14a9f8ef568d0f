import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// `GET /v1/audit`: the audit trail, newest first, for coordinator analysts and admins.
struct AuditController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/audit", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await environment.authorize(.readAudit, context: context)
        let query = request.uri.queryParameters
        let page = try request.pageRequest()
        let filter = try Self.filter(from: { query[Substring($0)].map(String.init) })
        return .json(
            try await OrganizationQueries(environment.workflows).audit(filter, page, by: environment.requester(context)))
    }

    /// Reads the filter parameters: `actor`, `actor_token`, `target`, `action`, `outcome`, `since`, `until`.
    static func filter(from parameter: (String) -> String?) throws(ClearinghouseError) -> AuditFilter {
        func identifier<Entity>(_ name: String) throws(ClearinghouseError) -> Identifier<Entity>? {
            guard let text = parameter(name) else { return nil }
            guard let id = Identifier<Entity>(text) else {
                throw .invalidField(name, "`\(name)` must be a UUID.")
            }
            return id
        }
        func time(_ name: String) throws(ClearinghouseError) -> Date? {
            guard let text = parameter(name) else { return nil }
            guard let date = JSONCoding.parseTimestamp(text) else {
                throw .invalidField(name, "`\(name)` must be an RFC 3339 time such as 2026-11-21T00:00:00Z.")
            }
            return date
        }
        let outcome = try parameter("outcome").map { (text) throws(ClearinghouseError) in
            try AuditOutcome.parse(text, field: "outcome")
        }
        let filter = AuditFilter(
            actorOrganization: try identifier("actor"), actorToken: try identifier("actor_token"),
            targetID: parameter("target"), action: parameter("action").map(AuditAction.init(rawValue:)),
            outcome: outcome, since: try time("since"), until: try time("until"))
        if let since = filter.since, let until = filter.until, since >= until {
            throw .invalidField("until", "`until` must be later than `since`.")
        }
        return filter
    }
}
