import Hummingbird

/// `GET /v1/me`: who the caller's token acts for.
struct MeController {
    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/me") { _, context in
            .json(try context.requireMember())
        }
    }
}
