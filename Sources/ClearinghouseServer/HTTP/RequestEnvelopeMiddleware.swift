import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// What every request goes through, in one layer: it gets an id (in the logger's metadata and the `X-Request-Id`
/// response header), any error it throws becomes an `application/problem+json` response, it is counted and timed
/// in ``HTTPMetrics`` by route pattern, method and status, and one log line is written when it ends.
///
/// One middleware rather than one per concern: each layer copies the request and its context and adds a call to
/// every request, the cheapest ones included.
struct RequestEnvelopeMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let metrics: HTTPMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        // Hummingbird has already put an id of its own in the logger's metadata; it is replaced only when the
        // caller sent one, since every change of metadata costs the log handler work.
        if let requestID = request.headers[.requestID].flatMap(Self.acceptable) {
            context.logger[metadataKey: Self.metadataKey] = .string(requestID)
        }
        context.requestID = context.id
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = Problem(answering: error, requestID: context.requestID, logger: context.logger)
                .response(requestID: context.requestID)
        }
        response.headers[.requestID] = context.requestID
        let elapsed = ContinuousClock.now - start
        metrics.record(
            method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: response.status.code,
            duration: elapsed)
        if context.logger.logLevel <= .info {
            log(request, response, elapsed: elapsed, context: context)
        }
        return response
    }

    private func log(_ request: Request, _ response: Response, elapsed: Duration, context: Context) {
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(String(format: "%.3f", elapsed / .microseconds(1) / 1_000)),
        ]
        if let member = context.notes.member {
            metadata["organization_id"] = .string(member.organizationID.rawValue)
            switch member.credential {
            case .token(let token): metadata["token_prefix"] = .string(token.prefix)
            case .person(let person): metadata["person_id"] = .string(person.id.rawValue)
            }
        }
        context.logger.info("request", metadata: metadata)
    }

    /// The metadata key under which Hummingbird and this server keep the request id. The JSON log format writes
    /// it as `request_id`.
    static let metadataKey = "hb.request.id"

    /// A caller's request id is kept when it is short and plain, so that it cannot forge log lines.
    static func acceptable(_ text: String) -> String? {
        guard (1...128).contains(text.utf8.count),
            text.utf8.allSatisfy({ byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == 0x2D || byte == 0x5F || byte == 0x2E
            })
        else { return nil }
        return text
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`: correlates a response with the server's log lines.
    static let requestID = HTTPField.Name("X-Request-Id")!
}
