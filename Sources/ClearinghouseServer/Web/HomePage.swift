import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

extension WebController {
    /// Priority items on one page of the home page.
    static let queuePageSize = 20

    /// The home page: the organization's priority queue with each item's explanation and due date, its counts by
    /// level as a chart, the open cases' next deadlines, and the person's sign-in.
    func home(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let asked = request.uri.queryParameters["offset"].flatMap { Int($0) }.map { max(0, $0) } ?? 0
            // The whole queue is ranked once (explanations are written only for the items shown), and the page,
            // the counts and the deadlines are all taken from it.
            let queue = try await priorityWorkflows.queue(
                for: visit.requester(context), kind: nil, tier: nil, offset: 0, limit: Int.max)
            // An offset past the end shows the last page (and cannot overflow the page's arithmetic).
            let offset =
                asked < queue.total ? asked : max(0, (queue.total - 1) / Self.queuePageSize * Self.queuePageSize)
            let shown = Array(queue.items.dropFirst(offset).prefix(Self.queuePageSize))
            // One pass over the queue, copying nothing but the few deadlines shown.
            var counts: [PriorityTier?: Int] = [:]
            var openCases = 0
            var deadlines: [PriorityItem] = []
            for item in queue.items {
                counts[item.tier, default: 0] += 1
                guard item.candidate.subject.kind == .case else { continue }
                openCases += 1
                Self.keepEarliest(item, in: &deadlines, count: 5)
            }

            var values = visit.chrome
            let person = visit.signedIn.person
            values["title"] = "Home"
            values["onHome"] = true
            values["role"] = person.role.rawValue
            values["hasSecondFactor"] = person.secondFactor != nil
            values.set("notice", nonEmpty: Self.notice(in: request))
            values["total"] = queue.total
            values["items"] = shown.map(Self.queueRow)
            values["hasItems"] = !shown.isEmpty
            values["chart"] = Self.tierChart(counts)
            values["openCases"] = openCases
            values["deadlines"] = deadlines.map(Self.queueRow)
            values["hasDeadlines"] = !deadlines.isEmpty
            values["pages"] = Self.pagination(offset: offset, shown: shown.count, total: queue.total)
            return pages.render("home", values)
        }
    }

    /// Keeps the `count` items due first, earliest first; of items due at once, the higher-ranked first.
    static func keepEarliest(_ item: PriorityItem, in kept: inout [PriorityItem], count: Int) {
        guard kept.count < count || item.dueAt < kept[kept.count - 1].dueAt else { return }
        kept.insert(item, at: kept.firstIndex { item.dueAt < $0.dueAt } ?? kept.count)
        if kept.count > count { kept.removeLast() }
    }

    static func queueRow(_ item: PriorityItem) -> [String: Any] {
        let subject = item.candidate.subject
        var row: [String: Any] = [
            "rank": item.rank, "title": item.candidate.title,
            "kind": subject.kind == .case ? "Case" : "Advisory", "id": subject.id,
            "tier": item.tier?.name ?? "Unassessed", "due": Self.day(item.dueAt), "dueISO": Self.instant(item.dueAt),
            "overdue": item.isOverdue, "explanation": item.explanation,
        ]
        let path = Self.pathSegment(subject.id)
        row["href"] = subject.kind == .advisory ? "/advisories/" + path : "/cases/" + path
        // Absent, not empty: a section over an empty string still renders.
        if let state = item.candidate.state { row["state"] = state.rawValue }
        return row
    }

    /// The levels as horizontal bars, with the counts written beside them (the chart is a picture of the list
    /// that follows it, not the only place the numbers are).
    static func tierChart(_ counts: [PriorityTier?: Int]) -> [String: Any] {
        let levels: [(PriorityTier?, String)] = PriorityTier.allCases.map { ($0, $0.name) } + [(nil, "Unassessed")]
        let largest = max(1, counts.values.max() ?? 0)
        let bars = levels.enumerated().map { index, level -> [String: Any] in
            let count = counts[level.0] ?? 0
            return [
                "name": level.1, "count": count, "y": 8 + index * 28, "textY": 26 + index * 28,
                "width": count == 0 ? 0 : max(2, count * 200 / largest), "slug": level.0.map { "tier-\($0.rawValue)" } ?? "tier-none",
            ]
        }
        return ["bars": bars, "height": 8 + levels.count * 28]
    }

    /// Previous and next links of a list shown `pageSize` at a time.
    static func pagination(offset: Int, shown: Int, total: Int) -> [String: Any] {
        var links: [String: Any] = [
            "from": total == 0 ? 0 : offset + 1, "to": offset + shown, "total": total,
        ]
        if offset > 0 { links["previous"] = "/?offset=\(max(0, offset - queuePageSize))" }
        if offset + shown < total { links["next"] = "/?offset=\(offset + shown)" }
        return links
    }

    static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
    }

    static func instant(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// The notice a redirect asked the page to show (`?notice=KEY`), if it is one of ``notices``.
    static func notice(in request: Request) -> String? {
        request.uri.queryParameters["notice"].flatMap { notices[String($0)] }
    }

    /// The notices a redirect may ask a page to show, by key: a query parameter never puts its own text on a page.
    static let notices: [String: String] = [
        "signed-in": "You are signed in.",
        "second-factor": "Your authenticator app is set up: sign-in now asks for its code.",
        "signed-out": "You are signed out.",
        "password-changed": "Your password is changed; you are signed out everywhere else.",
        "signed-out-everywhere": "You are signed out on every device.",
        "sbom-uploaded": "The SBOM is uploaded; what affects it is below and in your priority queue.",
        "sbom-deleted": "The SBOM is deleted.",
        "webhook-deleted": "The webhook subscription is deleted; deliveries not yet made are cancelled.",
        "sbom-replaced": "The SBOM is replaced; what affects it is below and in your priority queue.",
        "vex-published": "The VEX document is published: components it rules out are no longer counted as affected.",
        "vex-withdrawn": "The VEX document is withdrawn; its statements no longer apply.",
        "message-posted": "Your message is posted to the case's participants.",
        "case-moved": "The case has moved; its history below says so.",
        "decision-recorded": "Your decision is recorded; the priority queue follows it.",
        "date-proposed": "Your date is proposed; the others on the case are asked to agree to it.",
        "date-agreed": "Your organization's agreement to the date is recorded.",
        "embargo-ended": "The embargo is ended: the case may be published now.",
        "status-given": "Your organization's status is recorded.",
        "fix-recorded": "The fix is recorded; ask validators to verify it.",
        "case-published": "The case is published: its advisory is public and in the OSV API.",
        "organization-registered": "The organization is registered, pending verification.",
        "organization-verified": "The organization is verified.",
        "token-revoked": "The token is revoked: it no longer opens anything.",
        "intake-policy-set": "The intake policy is set; it applies to the next submission.",
        "second-factor-required":
            "Everyone here must now use an authenticator app; those without one set it up at their next sign-in.",
        "person-disabled": "The person is disabled: they are signed out everywhere and can no longer sign in.",
        "second-factor-optional": "An authenticator app is now optional here (and still recommended).",
        "scan-claimed": "The lease is yours: scan within its window, and complete or release it when done.",
        "scan-extended": "The lease is extended.",
        "scan-completed": "The scan is recorded as completed; others' claims on the scope now wait out the cool-down.",
        "scan-released": "The lease is released; others may claim the scope.",
        "asset-registered": "The asset is registered; it counts once a coordinator has verified that you own it.",
        "asset-verified": "The asset is verified: its owner may now grant scans of it.",
        "scans-granted": "The grant is recorded and logged; the scanner may now claim leases under it.",
        "grant-revoked": "The grant is revoked, and the leases that rested on it have ended.",
    ]
}
