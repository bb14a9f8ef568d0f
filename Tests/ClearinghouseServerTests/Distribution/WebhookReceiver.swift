import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A webhook receiver on a loopback port, as an operator would run one: it keeps every request and answers with
/// the status the test sets.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        let headers: HTTPFields
        let body: String
    }

    private let state = Mutex<(received: [Received], status: HTTPResponse.Status, delay: Duration)>(([], .ok, .zero))

    /// What it received so far, oldest first.
    var received: [Received] { state.withLock { $0.received } }

    /// Makes it answer `status` from now on.
    func answer(_ status: HTTPResponse.Status) {
        state.withLock { $0.status = status }
    }

    /// Makes it wait this long before it answers.
    func delay(_ delay: Duration) {
        state.withLock { $0.delay = delay }
    }

    /// Runs `body` with a receiver listening on `127.0.0.1`, given its URL (`http://127.0.0.1:PORT/hook`).
    static func with<T: Sendable>(_ body: @Sendable (WebhookReceiver, String) async throws -> T) async throws -> T {
        let receiver = WebhookReceiver()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let (status, delay) = receiver.state.withLock { state in
                state.received.append(Received(headers: request.headers, body: String(buffer: bytes)))
                return (state.status, state.delay)
            }
            try await Task.sleep(for: delay)
            return Response(status: status)
        }
        let port = Mutex<Int?>(nil)
        // Its shutdown at the end of each test is not news.
        var quiet = Logger(label: "webhook-receiver")
        quiet.logLevel = .critical
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } },
            logger: quiet)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.runService(gracefulShutdownSignals: []) }
            var bound: Int?
            for _ in 0..<500 where bound == nil {
                bound = port.withLock { $0 }
                if bound == nil { try await Task.sleep(for: .milliseconds(10)) }
            }
            defer { group.cancelAll() }
            guard let bound else { throw CancellationError() }
            return try await body(receiver, "http://127.0.0.1:\(bound)/hook")
        }
    }
}
