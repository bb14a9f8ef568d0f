import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// An operator's alerts and webhook subscriptions: the alerts its SBOMs drew (embargo-safe: before publication they
/// say only what is affected and what to do), and the webhooks that carry them and the other notices elsewhere,
/// which admins subscribe and delete here. A new subscription's secret is shown once, on the page that answers the
/// form.
extension WebController {
    func alertsPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            var values = try await alertValues(visit, context: context)
            values.set("notice", nonEmpty: Self.notice(in: request))
            return pages.render("alerts", values)
        }
    }

    func subscribeWebhookPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let form = try await FormBody(request)
            guard formIsGenuine(form, request: request, visit: visit) else { return staleForm(back: "/alerts") }
            let events = WebhookEventType.subscribable.filter { form["event-\($0)"] == "1" }
            do {
                let subscription = try await WebhookWorkflows(environment.workflows).subscribe(
                    url: form["url"] ?? "", events: events, description: form["description"],
                    by: visit.requester(context))
                var values = try await alertValues(visit, context: context)
                values["created"] = ["url": subscription.target.url, "secret": subscription.secret]
                return pages.render("alerts", values, status: .created)
            } catch let error as ClearinghouseError where [.invalidField, .conflict].contains(error.code) {
                var values = try await alertValues(visit, context: context)
                values["url"] = form["url"] ?? ""
                values["description"] = form["description"] ?? ""
                values["events"] = Self.eventChoices(checked: Set(events))
                values["subscribeError"] = error.message
                values["error"] = "The subscription was not made; see below."
                return pages.render("alerts", values, status: error.code == .conflict ? .conflict : .badRequest)
            }
        }
    }

    func deleteWebhookPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let form = try await FormBody(request)
            guard formIsGenuine(form, request: request, visit: visit) else { return staleForm(back: "/alerts") }
            // One the person may not see is the same "not found" page as a missing one.
            guard let id = context.parameters.get("id").flatMap(WebhookSubscription.ID.init) else {
                throw ClearinghouseError.notFound("webhook subscription")
            }
            try await WebhookWorkflows(environment.workflows).delete(id, by: visit.requester(context))
            return Pages.redirect(to: "/alerts?notice=webhook-deleted")
        }
    }

    private func alertValues(_ visit: Visit, context: AppRequestContext) async throws -> [String: Any] {
        let requester = visit.requester(context)
        let alerts = try await ExposureAlertWorkflows(environment.workflows, exposure: environment.catalogs.exposure)
            .alerts(PageRequest(limit: Self.alertPageSize), by: requester)
        let subscriptions = try await WebhookWorkflows(environment.workflows).subscriptions(
            PageRequest(limit: WebhookSubscription.maximumPerOrganization), by: requester)
        var values = visit.chrome
        values["title"] = "Alerts"
        values["onAlerts"] = true
        values["alerts"] = alerts.items.map { alert -> [String: Any] in
            var row: [String: Any] = [
                "asset": alert.asset, "component": alert.component, "instructions": alert.instructions,
                "when": Self.day(alert.createdAt), "embargoed": alert.kind == .embargoed,
            ]
            if let advisory = alert.advisory {
                row["advisory"] = advisory.description
                row["advisoryPath"] = Self.pathSegment(advisory.osv)
            }
            return row
        }
        values["hasAlerts"] = !alerts.items.isEmpty
        values["moreAlerts"] = alerts.nextCursor != nil
        values["subscriptions"] = subscriptions.items.map { subscription -> [String: Any] in
            [
                "id": subscription.id.rawValue, "url": subscription.target.url,
                "events": subscription.events.sorted().map(\.rawValue).joined(separator: ", "),
                "description": subscription.description, "created": Self.day(subscription.createdAt),
                "formToken": visit.formToken,
            ]
        }
        values["hasSubscriptions"] = !subscriptions.items.isEmpty
        let policy = environment.workflows.gate.policy
        // A reader, who may not see subscriptions, is told who may.
        values["maySeeSubscriptions"] =
            policy.read(WebhookSubscription.visibility(of: visit.member.organizationID), by: requester.party).isGranted
        values["maySubscribe"] = policy.authorize(.subscribeWebhooks, by: requester.party).isGranted
        values["mayManage"] =
            policy.authorize(
                .manageWebhook(of: visit.member.organizationID), by: requester.party
            ).isGranted
        values["events"] = Self.eventChoices(checked: [WebhookEventType.exposureAlert.rawValue])
        values["formToken"] = visit.formToken
        return values
    }

    /// The events a subscription may ask for, as the form's checkboxes.
    private static func eventChoices(checked: Set<String>) -> [[String: Any]] {
        WebhookEventType.subscribable.map { ["name": $0, "checked": checked.contains($0)] }
    }

    /// Alerts shown, newest first.
    static let alertPageSize = 100
}
