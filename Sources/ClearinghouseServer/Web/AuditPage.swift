import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// The audit log's page, for coordinators: every recorded action, newest first, filtered as `GET /v1/audit` filters
/// it (by action, outcome, acting organization, target, and a span of days).
extension WebController {
    func auditPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let query = request.uri.queryParameters
            /// A filter field as the form sends it: empty means not given, and a day means its start, in UTC.
            func parameter(_ name: String) -> String? {
                guard let text = query[Substring(name)].map(String.init)?.trimmingCharacters(in: .whitespaces),
                    !text.isEmpty
                else { return nil }
                return (name == "since" || name == "until") && text.utf8.count == 10 ? text + "T00:00:00Z" : text
            }
            let filter = try AuditController.filter(from: parameter)
            let page = try PageRequest(limit: "50", cursor: parameter("cursor"))
            let found = try await OrganizationQueries(environment.workflows).audit(
                filter, page, by: visit.requester(context))
            let names = try await OrganizationQueries(environment.workflows).names(
                of: Set(found.items.compactMap(\.actor.organizationID)), by: visit.requester(context))
            var values = visit.chrome
            values["title"] = "Audit log"
            values["onAudit"] = true
            values["events"] = found.items.map { event -> [String: Any] in
                var row: [String: Any] = [
                    "when": Self.instant(event.occurredAt), "action": event.action.rawValue,
                    "outcome": event.outcome.rawValue, "denied": event.outcome != .success,
                    "channel": event.actor.channel.rawValue,
                ]
                if let organization = event.actor.organizationID {
                    row["organization"] = names[organization] ?? organization.rawValue
                    row["organizationID"] = organization.rawValue
                }
                row.set("person", nonEmpty: event.actor.personID?.rawValue)
                row.set("target", nonEmpty: event.target.map { "\($0.type) \($0.id)" })
                row.set("detail", nonEmpty: event.detail)
                return row
            }
            values["hasEvents"] = !found.items.isEmpty
            let fields = ["action", "outcome", "actor", "target", "since", "until"]
            for field in fields { values[field] = query[Substring(field)].map(String.init) ?? "" }
            values["outcomes"] = AuditOutcome.allCases.map { outcome -> [String: Any] in
                ["value": outcome.rawValue, "selected": query["outcome"].map(String.init) == outcome.rawValue]
            }
            if let next = found.nextCursor {
                var parameters = Dictionary(uniqueKeysWithValues: fields.map { ($0, values[$0] as? String ?? "") })
                parameters["cursor"] = next
                values["next"] = "/audit?" + Self.query(parameters)
            }
            return pages.render("audit", values)
        }
    }
}
