import ClearinghouseCore
import ClearinghouseStore
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
            return try await tile(resource)
        }
    }

    /// The highest tile level served: level 8 would need more than 2^64 entries.
    private static let maximumLevel: UInt8 = 7

    private func tile(_ resource: TileResource) async throws -> Response {
        let store = environment.store
        let size = try await environment.log.checkpoint().size
        switch resource {
        case .hashes(let level, let index, let width):
            guard level <= Self.maximumLevel else { throw Self.notInTree }
            let range = try Self.range(index: index, width: width, available: size >> (8 * UInt64(level)))
            let hashes = try await store.read {
                try await $0.log.levelHashes(level: 8 * level, start: range.lowerBound, count: range.count)
            }
            guard hashes.count == range.count else {
                throw ClearinghouseError(.internalError, "The log's database lacks hashes of \(resource.path).")
            }
            return Self.immutable(hashes.flatMap(\.bytes))
        case .entries(let index, let width):
            let range = try Self.range(index: index, width: width, available: size)
            let entries = try await store.read {
                try await $0.log.entries(from: range.lowerBound, to: range.upperBound)
            }
            return Self.immutable(EntryBundle.encode(entries.map(\.data)))
        }
    }

    /// The positions a tile covers at its level, when the signed tree holds all of them.
    private static func range(index: UInt64, width: Int?, available: UInt64) throws -> Range<UInt64> {
        let full = UInt64(TileResource.fullWidth)
        guard index <= available / full else { throw notInTree }
        let start = index * full
        let end = start + UInt64(width ?? TileResource.fullWidth)
        guard end <= available else { throw notInTree }
        return start..<end
    }

    private static let notInTree = ClearinghouseError(
        .notFound, "That tile is not (or not yet) complete in the log's latest checkpoint.")

    private static func immutable(_ bytes: [UInt8]) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/octet-stream", .cacheControl: "public, max-age=31536000, immutable"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
