import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// The scans page: the organization's leases, with their actions (extend, complete, release), the form that claims
/// a lease, and the coverage map of a scope. It asks the same workflows as `/v1/scans` and `/v1/coverage`.
extension WebController {
    func scansPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            pages.render("scans", try await scansValues(visit, context: context, request: request))
        }
    }

    func claimScanPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await scanForm(request, context, page: "scans", values: scansValues) { visit, form in
            let scans = ScanWorkflows(environment.workflows)
            let scope = try ScanScope(line: form["scope"] ?? "", field: "scope")
            let technique = try ScanTechnique(named: form["technique"] ?? "", field: "technique")
            let hours = try Self.wholeNumber(form["hours"], field: "hours", in: 1...8_784)
            let claim = try scans.checkedClaim(
                scope: scope, technique: technique,
                agent: ScanProvenance(
                    tool: form["tool"] ?? "", model: Self.nonEmpty(form["model"]),
                    version: Self.nonEmpty(form["version"])),
                startsAt: nil, durationSeconds: hours * 3_600, allowsOverlap: form["allow_overlap"] == "on")
            switch try await scans.claim(claim, by: visit.requester(context)) {
            case .granted:
                return nil
            case .conflict(let conflicts):
                let holders = conflicts.map { conflict in
                    "\(conflict.holder?.name ?? "another participant") (\(conflict.lease.technique.rawValue) until \(Self.instant(conflict.lease.endsAt)))"
                }
                return
                    "Not claimed: leases overlap this scope: \(holders.joined(separator: "; ")). Claim a window after them, a scope beside them, or allow overlap for a package or repository."
            case .recentlyScanned(let scan, let until):
                return
                    "Not claimed: this scope was scanned to completion with \(scan.technique.rawValue) on \(Self.instant(scan.completedAt)); claims wait until \(Self.instant(until)) unless they allow overlap."
            }
        } done: {
            "/scans?notice=scan-claimed"
        }
    }

    func extendScanPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await leaseForm(request, context) { scans, lease, form, requester in
            let hours = try Self.wholeNumber(form["hours"], field: "hours", in: 1...8_784)
            _ = try await scans.extend(lease, bySeconds: hours * 3_600, by: requester)
        } done: {
            "/scans?notice=scan-extended"
        }
    }

    func completeScanPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await leaseForm(request, context) { scans, lease, form, requester in
            var counts: [String: Int] = [:]
            for name in ["findings", "targets"] where !(form[name] ?? "").isEmpty {
                counts[name] = try Self.wholeNumber(form[name], field: name, in: 0...ScanSummary.maximumCount)
            }
            _ = try await scans.complete(lease, summary: try ScanSummary(counts), by: requester)
        } done: {
            "/scans?notice=scan-completed"
        }
    }

    func releaseScanPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await leaseForm(request, context) { scans, lease, _, requester in
            _ = try await scans.release(lease, by: requester)
        } done: {
            "/scans?notice=scan-released"
        }
    }

    /// `/scans/coverage?scope=&days=`: what was scanned of a scope, as the person may know it.
    func scanCoveragePage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let parameters = request.uri.queryParameters
            var values = visit.chrome
            values["title"] = "Scan coverage"
            values["onScans"] = true
            let text = parameters["scope"].map(String.init) ?? ""
            let days = Int(parameters["days"].map(String.init) ?? "") ?? 90
            values["scope"] = text
            values["days"] = days
            guard !text.isEmpty else { return pages.render("scan_coverage", values) }
            do {
                let scope = try ScanScope(line: text, field: "scope")
                guard (1...3_660).contains(days) else {
                    throw ClearinghouseError.invalidField("days", "Look back 1 to 3,660 days.")
                }
                let since = environment.dependencies.now().addingTimeInterval(-Double(days) * 86_400)
                let (coverage, organizations) = try await ScanWorkflows(environment.workflows).coverage(
                    of: scope, since: since, by: visit.requester(context))
                values["canonical"] = scope.description
                values["hasEntries"] = !coverage.entries.isEmpty
                values["entries"] = coverage.entries.map { entry -> [String: Any] in
                    var names = entry.holders.compactMap { organizations[$0]?.name }
                    if entry.otherParticipants > 0 {
                        names.append(
                            entry.otherParticipants == 1
                                ? "another participant" : "\(entry.otherParticipants) other participants")
                    }
                    return [
                        "scope": entry.scope.description, "technique": entry.technique.rawValue,
                        "outcome": entry.outcome.rawValue.replacingOccurrences(of: "_", with: " "),
                        "scans": entry.scans, "last": Self.instant(entry.lastAt),
                        "holders": names.joined(separator: ", "),
                    ]
                }
            } catch let error as ClearinghouseError where error.code == .invalidField {
                values["error"] = error.message
                return pages.render("scan_coverage", values, status: .badRequest)
            }
            return pages.render("scan_coverage", values)
        }
    }

    // MARK: Values and forms

    private func scansValues(
        _ visit: Visit, context: AppRequestContext, request: Request
    ) async throws
        -> [String: Any]
    {
        let leases = try await ScanWorkflows(environment.workflows).leases(
            in: nil, PageRequest(limit: 100), by: visit.requester(context))
        var values = visit.chrome
        values["title"] = "Scans"
        values["onScans"] = true
        values.set("notice", nonEmpty: Self.notice(in: request))
        values["techniques"] = ScanTechnique.allCases.map { ["name": $0.rawValue] }
        values["hasLeases"] = !leases.items.isEmpty
        values["leases"] = leases.items.map { lease -> [String: Any] in
            var row: [String: Any] = [
                "id": lease.id.rawValue, "scope": lease.claim.scope.description,
                "technique": lease.claim.technique.rawValue, "state": lease.state.rawValue,
                "starts": Self.instant(lease.claim.startsAt), "ends": Self.instant(lease.claim.endsAt),
                "agent": [lease.claim.agent.tool, lease.claim.agent.model, lease.claim.agent.version].compactMap { $0 }
                    .joined(separator: " "),
                "active": lease.state == .active,
            ]
            row.set(
                "summary",
                nonEmpty: lease.summary.map {
                    $0.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                })
            return row
        }
        return values
    }

    /// A post that acts on one of the organization's leases, found first as the API finds it.
    private func leaseForm(
        _ request: Request, _ context: AppRequestContext,
        _ act: (ScanWorkflows, ScanLease, FormBody, Requester) async throws -> Void, done: () -> String
    ) async throws -> Response {
        try await scanForm(request, context, page: "scans", values: scansValues) { visit, form in
            let scans = ScanWorkflows(environment.workflows)
            let requester = visit.requester(context)
            let lease = try await scans.lease(try context.parameters.identifier("id", of: "scan lease"), by: requester)
            try await act(scans, lease, form, requester)
            return nil
        } done: {
            done()
        }
    }

    /// A post from a scan page: signed in, with the form's token. `act` answers `nil` when done, or what was wrong
    /// (nothing was changed), which is shown on the page again with the form's values; the errors a workflow
    /// explains (a missing grant, an overlapping lease, a bad field) are shown the same way.
    func scanForm(
        _ request: Request, _ context: AppRequestContext, page: String,
        values: (Visit, AppRequestContext, Request) async throws -> [String: Any],
        _ act: (Visit, FormBody) async throws -> String?, done: () -> String
    ) async throws -> Response {
        try await signedIn(request, context) { visit in
            let form = try await FormBody(request)
            guard formIsGenuine(form, request: request, visit: visit) else {
                return staleForm(back: String(done().prefix { $0 != "?" }))
            }
            let refusal: String?
            do {
                refusal = try await act(visit, form)
            } catch let error as ClearinghouseError
                where [.invalidField, .invalidRequest, .conflict, .quotaExceeded, .forbidden, .recentlyScanned]
                .contains(error.code)
            {
                refusal = error.message
            }
            guard let refusal else { return Pages.redirect(to: done()) }
            var shown = try await values(visit, context, request)
            shown["error"] = "Nothing was changed: \(refusal)"
            for name in Self.scanFormFields {
                shown.set("form_" + name, nonEmpty: form[name])
            }
            shown["techniques"] = ScanTechnique.allCases.map { technique -> [String: Any] in
                [
                    "name": technique.rawValue, "selected": form["technique"] == technique.rawValue,
                    "checked": form["technique." + technique.rawValue] == "on",
                ]
            }
            return pages.render(page, shown, status: .badRequest)
        }
    }

    /// The fields a scan page's forms give back when they are shown again.
    private static let scanFormFields = [
        "scope", "technique", "hours", "tool", "model", "version", "name", "grantee_id", "scopes", "ends_on",
        "rate", "contact",
    ]

    static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    static func wholeNumber(
        _ text: String?, field: String, in range: ClosedRange<Int>
    ) throws(ClearinghouseError)
        -> Int
    {
        guard let text, let number = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
            throw .invalidField(field, "`\(field)` is a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return number
    }
}
