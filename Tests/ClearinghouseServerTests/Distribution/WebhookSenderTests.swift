import ClearinghouseCore
import Foundation
import Testing

@testable import ClearinghouseServer

/// The sender checks the address it connects to, not only the URL: a name that resolves to a loopback address is
/// refused unless the instance allows private targets.
@Suite struct WebhookSenderTests {
    @Test func aLoopbackAddressIsRefusedAtConnectTimeUnlessAllowed() async throws {
        try await WebhookReceiver.with { receiver, url in
            let port = try #require(URLComponents(string: url)?.port)
            let strict = WebhookHTTPSender(allowsPrivateTargets: false)
            for written in [url, "http://localhost:\(port)/hook"] {
                // Accepted as a target only because the URL was read for a lab; the sender still refuses it.
                let target = try WebhookTarget(parsing: written, allowsPrivate: true)
                await #expect(throws: WebhookSendError.self, "\(written)") {
                    _ = try await strict.send(Array("{}".utf8), to: target, headers: [], timeout: .seconds(60))
                }
            }
            #expect(receiver.received.isEmpty)

            let lab = WebhookHTTPSender(allowsPrivateTargets: true)
            let status = try await lab.send(
                Array(#"{"a":1}"#.utf8), to: try WebhookTarget(parsing: url, allowsPrivate: true),
                headers: [("Clearinghouse-Event", "ping")], timeout: .seconds(60))
            #expect(status == 200)
            #expect(receiver.received.map(\.body) == [#"{"a":1}"#])
            #expect(receiver.received.first?.headers[.init("Clearinghouse-Event")!] == "ping")
        }
    }

    @Test func aReceiverThatDoesNotAnswerInTimeFailsTheAttempt() async throws {
        try await WebhookReceiver.with { receiver, url in
            receiver.delay(.seconds(120))
            let sender = WebhookHTTPSender(allowsPrivateTargets: true)
            let error = await #expect(throws: WebhookSendError.self) {
                _ = try await sender.send(
                    [], to: try WebhookTarget(parsing: url, allowsPrivate: true), headers: [], timeout: .seconds(1))
            }
            // On a loaded machine the second may pass before the receiver even reads the request: only the error
            // is certain.
            #expect(error?.description == "no answer within 1 s")
        }
    }
}
