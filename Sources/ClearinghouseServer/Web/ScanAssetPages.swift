import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// The scan authorizations page: the networks and names the organization owns (registered, then verified by a
/// coordinator), the grants it gave or received (grant, revoke), and the findings flagged as unauthorized scans of
/// its assets (every flag, for coordinators). It asks the same workflows as `/v1/scan-assets`, `/v1/scan-grants`
/// and `/v1/unauthorized-scans`.
extension WebController {
    func scanAssetsPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            pages.render("scan_assets", try await scanAssetValues(visit, context: context, request: request))
        }
    }

    func registerScanAssetPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await scanForm(request, context, page: "scan_assets", values: scanAssetValues) { visit, form in
            let scope = try ScanScope(line: form["scope"] ?? "", field: "scope")
            _ = try await ScanGrantWorkflows(environment.workflows).register(
                scope, name: form["name"] ?? "", by: visit.requester(context))
            return nil
        } done: {
            "/scans/assets?notice=asset-registered"
        }
    }

    func verifyScanAssetPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await scanForm(request, context, page: "scan_assets", values: scanAssetValues) { visit, form in
            let grants = ScanGrantWorkflows(environment.workflows)
            let requester = visit.requester(context)
            let found = try await grants.asset(try context.parameters.identifier("id", of: "scan asset"), by: requester)
            guard let method = ScanAsset.VerificationMethod(rawValue: form["method"] ?? "") else {
                return "Choose how the ownership was established."
            }
            _ = try await grants.verify(found, method: method, note: Self.nonEmpty(form["note"]), by: requester)
            return nil
        } done: {
            "/scans/assets?notice=asset-verified"
        }
    }

    func grantScansPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await scanForm(request, context, page: "scan_assets", values: scanAssetValues) { visit, form in
            guard let grantee = Organization.ID(form["grantee_id"]?.trimmingCharacters(in: .whitespaces) ?? "") else {
                throw ClearinghouseError.invalidField(
                    "grantee_id", "Give the scanner organization's id, as it gave it to you.")
            }
            let lines = (form["scopes"] ?? "").split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard (1...ScanGrant.maximumScopes).contains(lines.count) else {
                throw ClearinghouseError.invalidField(
                    "scopes", "Give 1 to \(ScanGrant.maximumScopes) scopes, one per line.")
            }
            let scopes = try lines.enumerated().map { index, line throws(ClearinghouseError) in
                try ScanScope(line: line, field: "scopes line \(index + 1)")
            }
            let techniques = ScanTechnique.allCases.filter { form["technique." + $0.rawValue] == "on" }
            guard !techniques.isEmpty else {
                throw ClearinghouseError.invalidField("techniques", "Choose at least one technique.")
            }
            guard let day = form["ends_on"].flatMap({ try? Date.ISO8601FormatStyle().year().month().day().parse($0) })
            else {
                throw ClearinghouseError.invalidField("ends_on", "Give the day the grant ends.")
            }
            let rate = try Self.wholeNumber(form["rate"], field: "rate", in: 1...ScanGrant.maximumRate)
            _ = try await ScanGrantWorkflows(environment.workflows).grant(
                ScanGrantWorkflows.GrantRequest(
                    grantee: grantee, scopes: scopes, techniques: techniques, startsAt: nil,
                    endsAt: day.addingTimeInterval(86_400), maximumRequestsPerSecond: rate,
                    contact: form["contact"] ?? ""),
                by: visit.requester(context))
            return nil
        } done: {
            "/scans/assets?notice=scans-granted"
        }
    }

    func revokeScanGrantPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await scanForm(request, context, page: "scan_assets", values: scanAssetValues) { visit, _ in
            _ = try await ScanGrantWorkflows(environment.workflows).revoke(
                try context.parameters.identifier("id", of: "scan grant"), by: visit.requester(context))
            return nil
        } done: {
            "/scans/assets?notice=grant-revoked"
        }
    }

    private func scanAssetValues(
        _ visit: Visit, context: AppRequestContext, request: Request
    ) async throws
        -> [String: Any]
    {
        let requester = visit.requester(context)
        let grants = ScanGrantWorkflows(environment.workflows)
        let page = PageRequest(limit: 200)
        let assets = try await grants.assets(page, by: requester).items
        let given = try await grants.grants(page, by: requester).items
        let flags = try await UnauthorizedScanQueries(environment.workflows).flags(page, by: requester).items
        let own = visit.member.organizationID
        let named = Set(
            given.flatMap { [$0.granter, $0.grantee] }
                + assets.flatMap { [$0.owner, $0.verification?.by].compactMap { $0 } }
                + flags.filter(\.revealsReporter).map(\.flag.reporter))
        let organizations = try await environment.workflows.store.read { try await $0.organizations.find(named) }
        let name = { (id: Organization.ID) in id == own ? "your organization" : organizations[id]?.name ?? id.rawValue }
        let assetNames = Dictionary(assets.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let now = environment.dependencies.now()

        var values = visit.chrome
        values["title"] = "Scan authorizations"
        values["onScanAssets"] = true
        values.set("notice", nonEmpty: Self.notice(in: request))
        values["methods"] = ScanAsset.VerificationMethod.allCases.map { ["name": $0.rawValue] }
        values["techniques"] = ScanTechnique.allCases.map { ["name": $0.rawValue] }
        values["hasAssets"] = !assets.isEmpty
        values["assets"] = assets.map { asset -> [String: Any] in
            var row: [String: Any] = [
                "id": asset.id.rawValue, "name": asset.name, "scope": asset.scope.description,
                "owner": name(asset.owner), "verified": asset.isVerified,
                "mayVerify": !asset.isVerified && visit.member.isCoordinator,
            ]
            if let verification = asset.verification {
                row["verification"] =
                    "\(verification.method.rawValue) by \(name(verification.by)) on \(Self.day(verification.at))"
                    + (verification.note.map { ": " + $0 } ?? "")
            }
            return row
        }
        values["hasGrants"] = !given.isEmpty
        values["grants"] = given.map { grant -> [String: Any] in
            let state =
                grant.revokedAt != nil
                ? "revoked" : grant.endsAt <= now ? "ended" : grant.startsAt > now ? "not started" : "in force"
            return [
                "id": grant.id.rawValue, "granter": name(grant.granter), "grantee": name(grant.grantee),
                "scopes": grant.scopes.map(\.description).joined(separator: ", "),
                "techniques": grant.techniques.map(\.rawValue).sorted().joined(separator: ", "),
                "window": "\(Self.instant(grant.startsAt)) to \(Self.instant(grant.endsAt))",
                "rate": grant.maximumRequestsPerSecond, "contact": grant.contact, "state": state,
                "mayRevoke": grant.revokedAt == nil && grant.granter == own,
            ]
        }
        values["hasFlags"] = !flags.isEmpty
        values["flags"] = flags.map { seen -> [String: Any] in
            var row: [String: Any] = [
                "place": seen.flag.place.text + (seen.flag.place.port.map { ":\($0)" } ?? ""),
                "reason": seen.flag.reason.explanation, "flagged": Self.instant(seen.flag.flaggedAt),
                "asset": seen.flag.asset.flatMap { assetNames[$0] }
                    ?? (seen.flag.asset == nil ? "no verified asset" : "another organization's asset"),
            ]
            if seen.revealsReporter {
                row["reporter"] = name(seen.flag.reporter)
                row["finding"] = seen.flag.finding.rawValue
            }
            return row
        }
        values["ownID"] = own.rawValue
        return values
    }
}
