import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport
import Synchronization

/// The unauthenticated operational routes: liveness, readiness, metrics and the API description.
struct OperationsController {
    let environment: APIEnvironment
    let metrics: HTTPMetrics

    /// The answer of `/health`, made once.
    private static let healthy = ByteBuffer(string: #"{"status":"ok"}"#)

    func register(on routes: RouteTable) {
        routes.on(.get, "/health") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: Self.healthy))
        }
        routes.on(.get, "/ready") { _, _ in
            try await ready()
        }
        routes.on(.get, "/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
        }
        routes.on(.get, "/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }
    }

    /// 200 when the database answers within the readiness timeout and the catalogs are loaded and following the
    /// change feed; 503 otherwise, saying which.
    private func ready() async throws -> Response {
        let store = environment.store
        let timeout = environment.configuration.readinessTimeout
        let reachable = await Self.succeeds(within: timeout) { try await store.ping() }
        guard reachable else {
            throw Problem(
                .serviceUnavailable, code: .unavailable,
                detail: "The \(store.dialect.rawValue) database does not answer.")
        }
        let catalogs = environment.catalogs.follower.status
        guard catalogs.loaded else {
            throw Problem(.serviceUnavailable, code: .unavailable, detail: "The catalogs are still loading.")
        }
        let staleAfter = environment.configuration.catalogStaleAfter
        if let ago = catalogs.followedAgo, ago > staleAfter {
            throw Problem(
                .serviceUnavailable, code: .unavailable,
                detail: "The catalogs have not read the change feed for \(ago)\(catalogs.failure.map { ": \($0)" } ?? ".")")
        }
        var json = JSONWriter()
        json.object { json in
            json.field("status", "ready")
            json.field("database", store.dialect.rawValue)
            json.field("change_sequence", Int(catalogs.sequence))
            json.field("catalogs", catalogs.counts.map { CatalogBody(name: $0.0, records: $0.1) })
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: json.bytes)))
    }

    /// Whether an operation succeeds before a deadline. Returns at the deadline even when the operation ignores
    /// cancellation, so that a hung database cannot hang the readiness probe.
    static func succeeds(
        within timeout: Duration, _ operation: @escaping @Sendable () async throws -> Void
    ) async
        -> Bool
    {
        let answered = Mutex(false)
        return await withCheckedContinuation { continuation in
            let answer: @Sendable (Bool) -> Void = { value in
                let first = answered.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: value) }
            }
            let work = Task {
                do {
                    try await operation()
                    answer(true)
                } catch {
                    answer(false)
                }
            }
            Task {
                try? await Task.sleep(for: timeout)
                work.cancel()
                answer(false)
            }
        }
    }
}

/// One catalog in `/ready`'s answer.
private struct CatalogBody: JSONWritable {
    let name: String
    let records: Int

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("name", name)
            json.field("records", records)
        }
    }
}
