import ClearinghouseServer
import ClearinghouseStore
import Foundation
import Testing

@Suite struct OperationsTests {
    @Test(arguments: engines)
    func healthReadinessAndMetrics(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let health = try await api.send(.get, "/health")
            #expect(health.status == .ok)
            #expect(health["status"] as? String == "ok")
            #expect(health.headers[.init("X-Request-Id")!]?.isEmpty == false)

            let ready = try await api.send(.get, "/ready")
            #expect(ready.status == .ok, "\(ready.text)")
            #expect(ready["database"] as? String == engine.rawValue)

            try await api.send(.get, "/v1/me")
            let metrics = try await api.send(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(
                metrics.text.contains(
                    #"clearinghouse_http_requests_total{method="GET",route="/health",status="200"} 1"#))
            #expect(
                metrics.text.contains(#"clearinghouse_http_requests_total{method="GET",route="/v1/me",status="401"} 1"#)
            )
            #expect(metrics.text.contains("clearinghouse_http_request_duration_seconds_bucket{"))
        }
    }

    @Test func aCallersRequestIDIsKeptWhenSaneAndReplacedOtherwise() async throws {
        try await TestAPI.run(.sqlite) { api in
            let kept = try await api.send(.get, "/health", headers: [.init("X-Request-Id")!: "trace-42.a_b"])
            #expect(kept.headers[.init("X-Request-Id")!] == "trace-42.a_b")
            let replaced = try await api.send(.get, "/health", headers: [.init("X-Request-Id")!: "bad id\u{7f}"])
            #expect(replaced.headers[.init("X-Request-Id")!] != "bad id\u{7f}")
        }
    }

    @Test func headRequestsOfGetRoutesAreServed() async throws {
        try await TestAPI.run(.sqlite) { api in
            let head = try await api.send(.head, "/health")
            #expect(head.status == .ok)
            #expect(head.text.isEmpty)
        }
    }
}
