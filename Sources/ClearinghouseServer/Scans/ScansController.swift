import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport

/// Leases on scan scopes: claims decided against other participants' leases and recent scans, and what a holder
/// does with its lease.
struct ScansController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/scans", use: claim)
        routes.on(.get, "/v1/scans", use: list)
        routes.on(.get, "/v1/scans/{id}", use: show)
        routes.on(.post, "/v1/scans/{id}/heartbeat", use: heartbeat)
        routes.on(.post, "/v1/scans/{id}/extend", use: extend)
        routes.on(.post, "/v1/scans/{id}/release", use: release)
        routes.on(.post, "/v1/scans/{id}/complete", use: complete)
        routes.on(.get, "/v1/coverage", use: coverage)
        routes.on(.get, "/v1/unauthorized-scans", use: unauthorizedScans)
    }

    private var scans: ScanWorkflows { ScanWorkflows(environment.workflows) }

    /// `POST /v1/scans`: members of verified organizations, with an analyst or admin token. 201 with the lease, or
    /// 409 `conflict` listing the leases in the way, or 409 `recently_scanned`.
    @Sendable func claim(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        try await environment.authorizeMutation(.claimScan, auditing: .scanClaim, target: nil, context: context)
        let body = try await request.decodeJSON(ScanClaimBody.self, limit: environment.configuration.maximumBodySize)
        let claim = try scans.checkedClaim(
            scope: try ScanScope(body.scope.request), technique: try body.checkedTechnique(),
            agent: body.agent.provenance, startsAt: body.startsAt, durationSeconds: body.durationSeconds,
            allowsOverlap: body.allowOverlap ?? false)
        let outcome = try await scans.claim(claim, by: environment.requester(context))
        return try Self.answer(outcome, status: .created)
    }

    /// `GET /v1/scans?state=`: the caller's organization's leases, newest first.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let state = try request.uri.queryParameters["state"].map { text throws(ClearinghouseError) in
            guard let state = ScanLease.State(rawValue: String(text)) else {
                throw .invalidField("state", "`state` is `active`, `released`, `completed`, `lapsed` or `revoked`.")
            }
            return state
        }
        let page = try request.pageRequest()
        return .json(try await scans.leases(in: state, page, by: environment.requester(context)))
    }

    /// `GET /v1/scans/{id}`: its holder and coordinators.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await scans.lease(try leaseID(context), by: environment.requester(context)))
    }

    /// `POST /v1/scans/{id}/heartbeat`: the holder, while the lease is in force.
    @Sendable func heartbeat(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let requester = environment.requester(context)
        return .json(try await scans.heartbeat(try await scans.lease(try leaseID(context), by: requester), by: requester))
    }

    /// `POST /v1/scans/{id}/extend` with `{"duration_seconds"}`: the holder; 409 `conflict` when another
    /// participant's lease stands in the added time.
    @Sendable func extend(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let requester = environment.requester(context)
        let found = try await scans.lease(try leaseID(context), by: requester)
        let body = try await request.decodeJSON(ScanExtendBody.self, limit: environment.configuration.maximumBodySize)
        return try Self.answer(try await scans.extend(found, bySeconds: body.durationSeconds, by: requester), status: .ok)
    }

    /// `POST /v1/scans/{id}/release`: the holder ends the lease without a result.
    @Sendable func release(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let requester = environment.requester(context)
        return .json(try await scans.release(try await scans.lease(try leaseID(context), by: requester), by: requester))
    }

    /// `POST /v1/scans/{id}/complete` with `{"summary"}`: the holder ends the lease as scanned.
    @Sendable func complete(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let requester = environment.requester(context)
        let found = try await scans.lease(try leaseID(context), by: requester)
        let body = try await request.decodeJSON(
            ScanCompleteBody.self, limit: environment.configuration.maximumBodySize)
        let summary = try ScanSummary(body.summary ?? [:])
        return .json(try await scans.complete(found, summary: summary, by: requester))
    }

    /// `GET /v1/unauthorized-scans`: every flag for coordinators; the flags at its verified assets for an owner.
    @Sendable func unauthorizedScans(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(
            try await UnauthorizedScanQueries(environment.workflows).flags(
                try request.pageRequest(), by: environment.requester(context)))
    }

    /// How far back a coverage map looks when `since` is not given.
    static let defaultCoveragePeriod: TimeInterval = 90 * 86_400

    /// `GET /v1/coverage?scope=&since=`: members; what was scanned of a scope, as the caller may know it.
    @Sendable func coverage(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let parameters = request.uri.queryParameters
        guard let text = parameters["scope"].map(String.init) else {
            throw ClearinghouseError.invalidField(
                "scope", "`scope` is a scope in one line, such as `pkg:npm/left-pad` or `198.51.100.0/24`.")
        }
        let scope = try ScanScope(line: text, field: "scope")
        var since = environment.dependencies.now().addingTimeInterval(-Self.defaultCoveragePeriod)
        if let text = parameters["since"].map(String.init) {
            guard let date = JSONCoding.parseTimestamp(text) else {
                throw ClearinghouseError.invalidField(
                    "since", "`since` must be an RFC 3339 time such as 2026-11-21T00:00:00Z.")
            }
            since = date
        }
        let (coverage, organizations) = try await scans.coverage(of: scope, since: since, by: environment.requester(context))
        return .json(CoverageBody(scope: scope, since: since, coverage: coverage, organizations: organizations))
    }

    private func leaseID(_ context: AppRequestContext) throws -> ScanLease.ID {
        try context.parameters.identifier("id", of: "scan lease")
    }

    /// The lease, or the problem that says why there is none.
    private static func answer(_ outcome: ScanClaimOutcome, status: HTTPResponse.Status) throws -> Response {
        switch outcome {
        case .granted(let lease):
            return .json(lease, status: status)
        case .conflict(let conflicts):
            let first = conflicts[0].lease.endsAt
            var problem = Problem(
                .conflict, code: .conflict,
                detail:
                    "\(conflicts.count == 1 ? "Another participant's lease overlaps" : "\(conflicts.count) leases of other participants overlap") this claim; the first ends at \(JSONWriter.timestamp(first)). Claim a window after it, a scope beside it, or set `allow_overlap` for a package or repository.")
            let bodies = conflicts.map(ScanConflictBody.init)
            problem.extensions = { json in json.field("conflicts", bodies) }
            throw problem
        case .recentlyScanned(let scan, let until):
            var problem = Problem(
                .conflict, code: .recentlyScanned,
                detail:
                    "This scope was scanned to completion with `\(scan.technique.rawValue)` at \(JSONWriter.timestamp(scan.completedAt)); claims on it wait until \(JSONWriter.timestamp(until)), unless they set `allow_overlap`.")
            problem.extensions = { json in
                json.field("completed_at", scan.completedAt)
                json.field("cool_down_ends_at", until)
            }
            throw problem
        }
    }
}
