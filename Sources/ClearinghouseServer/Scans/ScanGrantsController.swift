import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// Owners' assets (networks and names, verified by coordinators) and their grants to scanners.
struct ScanGrantsController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/scan-assets", use: registerAsset)
        routes.on(.get, "/v1/scan-assets", use: listAssets)
        routes.on(.get, "/v1/scan-assets/{id}", use: showAsset)
        routes.on(.delete, "/v1/scan-assets/{id}", use: removeAsset)
        routes.on(.post, "/v1/scan-assets/{id}/verify", use: verifyAsset)
        routes.on(.post, "/v1/scan-grants", use: grant)
        routes.on(.get, "/v1/scan-grants", use: listGrants)
        routes.on(.get, "/v1/scan-grants/{id}", use: showGrant)
        routes.on(.post, "/v1/scan-grants/{id}/revoke", use: revoke)
    }

    private var grants: ScanGrantWorkflows { ScanGrantWorkflows(environment.workflows) }

    /// `POST /v1/scan-assets`: analysts and admins of verified organizations; 201, pending verification.
    @Sendable func registerAsset(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        try await environment.authorizeMutation(
            .registerScanAsset, auditing: .scanAssetRegister, target: nil, context: context)
        let body = try await request.decodeJSON(ScanAssetBody.self, limit: environment.configuration.maximumBodySize)
        let asset = try await grants.register(
            try ScanScope(body.scope.request), name: body.name, by: environment.requester(context))
        return .json(asset, status: .created)
    }

    /// `GET /v1/scan-assets`: the organization's assets; every organization's for coordinators.
    @Sendable func listAssets(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await grants.assets(try request.pageRequest(), by: environment.requester(context)))
    }

    @Sendable func showAsset(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await grants.asset(try assetID(context), by: environment.requester(context)))
    }

    /// `DELETE /v1/scan-assets/{id}`: the owner's analysts and admins; 204.
    @Sendable func removeAsset(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        try await grants.remove(try assetID(context), by: environment.requester(context))
        return Response(status: .noContent)
    }

    /// `POST /v1/scan-assets/{id}/verify` with `{"method", "note"}`: verified coordinators' analysts and admins.
    @Sendable func verifyAsset(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let id = try assetID(context)
        let requester = environment.requester(context)
        let found = try await grants.asset(id, by: requester)
        try await environment.authorizeMutation(
            .verifyScanAsset, auditing: .scanAssetVerify, target: .scanAsset(id), context: context)
        let body = try await request.decodeJSON(
            ScanAssetVerificationBody.self, limit: environment.configuration.maximumBodySize)
        return .json(try await grants.verify(found, method: try body.checkedMethod(), note: body.note, by: requester))
    }

    /// `POST /v1/scan-grants`: admins of verified organizations, for their verified assets; 201.
    @Sendable func grant(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        try await environment.authorizeMutation(.grantScans, auditing: .scanGrantCreate, target: nil, context: context)
        let body = try await request.decodeJSON(ScanGrantBody.self, limit: environment.configuration.maximumBodySize)
        return .json(try await grants.grant(try body.request(), by: environment.requester(context)), status: .created)
    }

    /// `GET /v1/scan-grants`: the grants the organization gave or received; every grant for coordinators.
    @Sendable func listGrants(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await grants.grants(try request.pageRequest(), by: environment.requester(context)))
    }

    @Sendable func showGrant(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await grants.grant(try grantID(context), by: environment.requester(context)))
    }

    /// `POST /v1/scan-grants/{id}/revoke`: the granter's analysts and admins; at once.
    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await grants.revoke(try grantID(context), by: environment.requester(context)))
    }

    private func assetID(_ context: AppRequestContext) throws -> ScanAsset.ID {
        try context.parameters.identifier("id", of: "scan asset")
    }

    private func grantID(_ context: AppRequestContext) throws -> ScanGrant.ID {
        try context.parameters.identifier("id", of: "scan grant")
    }
}
