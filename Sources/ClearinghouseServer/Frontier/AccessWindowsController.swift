import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// Pre-release access windows: the developer opens and closes them; evaluators accept the terms, record each
/// access (refused ones too) and attest at the close.
struct AccessWindowsController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/models/{id}/access-windows", use: open)
        routes.on(.get, "/v1/models/{id}/access-windows", use: listOfModel)
        routes.on(.get, "/v1/access-windows", use: list)
        routes.on(.get, "/v1/access-windows/{id}", use: show)
        routes.on(.post, "/v1/access-windows/{id}/close", use: close)
        routes.on(.post, "/v1/access-windows/{id}/terms", use: acceptTerms)
        routes.on(.post, "/v1/access-windows/{id}/accesses", use: recordAccess)
        routes.on(.get, "/v1/access-windows/{id}/accesses", use: listAccesses)
        routes.on(.post, "/v1/access-windows/{id}/attestations", use: attest)
    }

    private var windows: AccessWindowWorkflows { AccessWindowWorkflows(environment.workflows) }

    /// `POST /v1/models/{id}/access-windows`: the developer's analysts and admins, on a covered model; 201.
    @Sendable func open(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let requester = environment.requester(context)
        let model = try context.parameters.identifier("id", of: "model") as FrontierModel.ID
        let found = try await ModelWorkflows(environment.workflows).model(model, by: requester)
        try await environment.authorizeMutation(
            .manageAccessWindow(of: found.developer), auditing: .accessWindowOpen, target: .model(model),
            context: context)
        let body = try await request.decodeJSON(AccessWindowBody.self, limit: environment.configuration.maximumBodySize)
        return .json(view(try await windows.open(model, try body.opening(), by: requester)), status: .created)
    }

    @Sendable func listOfModel(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let model = try context.parameters.identifier("id", of: "model") as FrontierModel.ID
        return .json(
            views(try await windows.windows(of: model, try request.pageRequest(), by: environment.requester(context))))
    }

    /// `GET /v1/access-windows`: the windows the caller's organization opened or evaluates in.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(views(try await windows.windows(try request.pageRequest(), by: environment.requester(context))))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(view(try await windows.window(try windowID(context), by: environment.requester(context))))
    }

    /// `POST /v1/access-windows/{id}/close`: the developer's analysts and admins; access ends at once.
    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(view(try await windows.close(try windowID(context), by: environment.requester(context))))
    }

    /// `POST /v1/access-windows/{id}/terms`: an evaluator's analysts and admins, once; 201.
    @Sendable func acceptTerms(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try await authorizeEvaluator(context, auditing: .accessWindowAcceptTerms)
        let body = try await request.decodeJSON(WindowTermsBody.self, limit: environment.configuration.maximumBodySize)
        return .json(
            try await windows.acceptTerms(id, try body.acceptance(), by: environment.requester(context)),
            status: .created)
    }

    /// `POST /v1/access-windows/{id}/accesses`: an evaluator's analysts and admins record an access; 201 when the
    /// window allows it, 403 (recorded all the same) when it does not.
    @Sendable func recordAccess(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try await authorizeEvaluator(context, auditing: .accessWindowAccess)
        let body = try await request.decodeJSON(WindowAccessBody.self, limit: environment.configuration.maximumBodySize)
        let reaching = AccessWindowWorkflows.Reaching(
            resource: body.resource, kind: try body.checkedKind(), from: context.clientAddress ?? "unknown")
        return .json(try await windows.recordAccess(id, reaching, by: environment.requester(context)), status: .created)
    }

    /// `GET /v1/access-windows/{id}/accesses`: every evaluator's for the developer and the authorities, an
    /// evaluator's own for it.
    @Sendable func listAccesses(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(
            try await windows.accesses(
                of: try windowID(context), try request.pageRequest(), by: environment.requester(context)))
    }

    /// `POST /v1/access-windows/{id}/attestations`: an evaluator's analysts and admins, once the window ended; 201.
    @Sendable func attest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try await authorizeEvaluator(context, auditing: .accessWindowAttest)
        let body = try await request.decodeJSON(
            WindowAttestationBody.self, limit: environment.configuration.maximumBodySize)
        return .json(
            try await windows.attest(
                id, disposition: try body.checkedDisposition(), statement: body.statement,
                by: environment.requester(context)),
            status: .created)
    }

    /// Settles, before the body is read, that the caller may see the window and is one of its evaluators.
    private func authorizeEvaluator(
        _ context: AppRequestContext, auditing action: AuditAction
    ) async throws
        -> AccessWindow.ID
    {
        _ = try context.requireMember()
        let id = try windowID(context)
        let found = try await windows.window(id, by: environment.requester(context))
        try await environment.authorizeMutation(
            .evaluateThroughWindow(evaluators: Set(found.window.evaluators)), auditing: action,
            target: .accessWindow(id), context: context)
        return id
    }

    private func windowID(_ context: AppRequestContext) throws -> AccessWindow.ID {
        try context.parameters.identifier("id", of: "access window")
    }

    private func view(_ shown: AccessWindowWorkflows.Shown) -> AccessWindowView {
        AccessWindowView(shown: shown, now: environment.dependencies.now())
    }

    private func views(_ page: Page<AccessWindowWorkflows.Shown>) -> Page<AccessWindowView> {
        Page(items: page.items.map(view), nextCursor: page.nextCursor)
    }
}
