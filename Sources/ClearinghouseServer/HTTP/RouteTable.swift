import ClearinghouseCore
public import HTTPTypes
import Hummingbird

/// A route the API serves: its method and its path as OpenAPI writes it (`/v1/organizations/{id}`).
public struct APIRoute: Hashable, Sendable, CustomStringConvertible {
    public var method: HTTPRequest.Method
    public var path: String

    public var description: String { "\(method.rawValue) \(path)" }
}

/// Registers routes on the router and remembers them, so that the OpenAPI document can be checked against what
/// is served, and so that a known path with an unknown method answers 405 rather than 404.
///
/// Routes under `/v1/` pass through authentication; the others (`/health`, `/metrics`, tiles) do not, and so do not
/// pay for a layer of middleware that would let them through anyway.
final class RouteTable {
    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response

    let router: Router<AppRequestContext>
    private let api: RouterGroup<AppRequestContext>
    private(set) var routes: [APIRoute] = []
    /// The paths as the router matches them, for each route in `routes`.
    private var routerPaths: [String] = []

    init(router: Router<AppRequestContext>, authentication: AuthenticationMiddleware) {
        self.router = router
        self.api = router.group().add(middleware: authentication)
    }

    /// Serves a route. `documentedAs` names a path with a wildcard (`/tile/**`) as OpenAPI writes it.
    func on(
        _ method: HTTPRequest.Method, _ path: String, documentedAs documented: String? = nil,
        use handler: @escaping Handler
    ) {
        routes.append(APIRoute(method: method, path: documented ?? path))
        routerPaths.append(path)
        add(path, method, handler)
    }

    private func add(_ path: String, _ method: HTTPRequest.Method, _ handler: @escaping Handler) {
        if path.hasPrefix("/v1/") {
            api.on(RouterPath(path), method: method, use: handler)
        } else {
            router.on(RouterPath(path), method: method, use: handler)
        }
    }

    /// Answers 405, with the `Allow` header, for the methods a known path does not serve.
    func addMethodNotAllowedResponders() {
        let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        // Methods no route serves (QUERY is the IETF's safe method with a body): answered 405 too, so that a client
        // learns what the path does serve.
        let others: [HTTPRequest.Method] = [.head, .options, .trace, HTTPRequest.Method("QUERY")!]
        var byPath: [String: Set<HTTPRequest.Method>] = [:]
        for (route, path) in zip(routes, routerPaths) {
            byPath[path, default: []].insert(route.method)
        }
        for (path, served) in byPath {
            let allowed = methods.filter { served.contains($0) } + (served.contains(.get) ? [.head] : [])
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            for method in methods + others where !served.contains(method) && !allowed.contains(method) {
                add(path, method) { request, _ -> Response in
                    throw Problem(
                        .methodNotAllowed, code: .methodNotAllowed,
                        detail: "\(request.method.rawValue) is not served on \(path); use \(allow).",
                        headers: [.allow: allow])
                }
            }
        }
    }
}
