import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// A vendor's coordination page: the cases its organization is on, each with what the organization owes: its
/// status, its fix and the deadline for it, beside the embargo's public date and, once published, the advisory. The
/// case's own page holds the forms.
extension WebController {
    func coordinationPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let query = request.uri.queryParameters
            let show = query["show"].map(String.init) ?? "open"
            guard let states = Self.coordinationFilters[show] else {
                throw ClearinghouseError.invalidField("show", "Choose the cases to show from the list.")
            }
            let page = try PageRequest(limit: String(Self.casePageSize), cursor: query["cursor"].map(String.init))
            let found = try await ParticipationQueries(environment.workflows).cases(
                page, states: states, by: visit.requester(context))
            let now = environment.workflows.dependencies.now()

            var values = visit.chrome
            values["title"] = "Coordination"
            values["onCoordination"] = true
            values["cases"] = found.items.map { Self.coordinationRow($0, now: now) }
            values["hasCases"] = !found.items.isEmpty
            values["showAll"] = show == "all"
            if let next = found.nextCursor {
                values["next"] = "/coordination?" + Self.query(["show": show, "cursor": next])
            }
            return pages.render("coordination", values)
        }
    }

    /// The filter's choices: cases still being worked on, or every case.
    static let coordinationFilters: [String: Set<CaseState>] = [
        "open": [.reported, .triaged, .validated, .remediating, .fixed], "all": [],
    ]

    private static func coordinationRow(_ entry: ParticipationQueries.Entry, now: Date) -> [String: Any] {
        let found = entry.case
        var row: [String: Any] = [
            "id": found.id.rawValue, "title": found.title, "state": found.state.rawValue,
            "label": found.label.rawValue, "fixes": entry.fixes,
        ]
        if let status = entry.status {
            row["status"] = status.status.rawValue.replacingOccurrences(of: "_", with: " ")
        }
        if let embargo = entry.embargo {
            row["embargo"] = [
                "date": embargo.publicDate.description, "at": Self.instant(embargo.publicDate.instant),
                "holds": embargo.state == .active,
                "state": embargoStates[embargo.state] ?? embargo.state.rawValue,
            ]
        }
        if let deadline = entry.deadline {
            row["deadline"] = [
                "due": Self.day(deadline.dueAt), "overdue": deadline.dueAt < now,
                "level": deadline.tier.map { "SSVC \($0.name)" } ?? "SSVC level not decided yet",
                "fromKEV": deadline.fromKEV,
            ]
        }
        if let advisory = entry.advisory {
            row["advisory"] = advisory.description
            row["advisoryPath"] = pathSegment(advisory.osv)
        }
        return row
    }
}
