import ClearinghouseCore
import Hummingbird
import Logging

extension Problem {
    /// The problem that answers any error a route throws, so that no error leaves the server as an empty 500 or as
    /// framework text. Unexpected errors are logged and answered with the request id to quote.
    init(answering error: any Error, requestID: String, logger: Logger) {
        switch error {
        case let problem as Problem:
            self = problem
        case let error as ClearinghouseError:
            if Self.status(for: error.code) == .internalServerError {
                logger.error("request failed", metadata: ["error": .string("\(error)")])
            }
            self.init(error)
        case let error as HTTPError:
            switch error.status {
            case .notFound:
                self.init(.notFound, code: .routeNotFound, detail: "No route matches this path; see /openapi.json.")
            case .contentTooLarge:
                self.init(.contentTooLarge, code: .payloadTooLarge, detail: "The request body is too large.")
            default:
                self.init(
                    error.status, code: .invalidRequest, detail: error.body ?? error.status.reasonPhrase,
                    headers: error.headers)
            }
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            self.init(.contentTooLarge, code: .payloadTooLarge, detail: "The request body is too large.")
        case let error as any HTTPResponseError where error.status.code < 500:
            self.init(error.status, code: .invalidRequest, detail: error.status.reasonPhrase)
        default:
            logger.error("request failed", metadata: ["error": .string(String(reflecting: error))])
            self.init(
                .internalServerError, code: .internalError,
                detail: "An unexpected error occurred. Quote request id \(requestID) to the operators.")
        }
    }
}
