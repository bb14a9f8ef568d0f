import ClearinghouseCore
import ClearinghouseWorkflows
import Hummingbird
import TransparencyLog

/// The C2SP tlog-tiles read API at the root: `/checkpoint`, hash tiles `/tile/<L>/<N>[.p/<W>]` and entry
/// bundles `/tile/entries/<N>[.p/<W>]`. Tiles never change once served, so caches may keep them forever.
struct TileController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.get, "/checkpoint") { _, _ in
            .checkpoint(try await environment.log.checkpoint())
        }
        routes.on(.get, "/tile/**", documentedAs: "/tile/{path}") { _, context in
            let path = "tile/" + context.parameters.getCatchAll().joined(separator: "/")
            guard let resource = TileResource(path: path) else {
                throw ClearinghouseError(
                    .notFound, "`/\(path)` is not a tile path such as /tile/0/x001/234 or /tile/entries/000.p/7.")
            }
            return Self.immutable(try await environment.log.tile(resource))
        }
    }

    private static func immutable(_ bytes: [UInt8]) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/octet-stream", .cacheControl: "public, max-age=31536000, immutable"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
