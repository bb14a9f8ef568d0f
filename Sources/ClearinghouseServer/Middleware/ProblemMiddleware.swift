import ClearinghouseCore
import Hummingbird
import Logging

/// Turns every error into an `application/problem+json` response, so that no error leaves the server as an
/// empty 500 or as framework text.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error, context: context)
            return problem.response(requestID: context.requestID)
        }
    }

    static func problem(for error: any Error, context: Context) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as ClearinghouseError:
            if Problem.status(for: error.code) == .internalServerError {
                context.logger.error("request failed", metadata: ["error": .string("\(error)")])
            }
            return Problem(error)
        case let error as HTTPError:
            switch error.status {
            case .notFound:
                return Problem(
                    .notFound, code: .routeNotFound, detail: "No route matches this path; see /openapi.json.")
            case .contentTooLarge:
                return Problem(.contentTooLarge, code: .payloadTooLarge, detail: "The request body is too large.")
            default:
                return Problem(
                    error.status, code: .invalidRequest, detail: error.body ?? error.status.reasonPhrase,
                    headers: error.headers)
            }
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return Problem(.contentTooLarge, code: .payloadTooLarge, detail: "The request body is too large.")
        case let error as any HTTPResponseError where error.status.code < 500:
            return Problem(error.status, code: .invalidRequest, detail: error.status.reasonPhrase)
        default:
            context.logger.error("request failed", metadata: ["error": .string(String(reflecting: error))])
            return Problem(
                .internalServerError, code: .internalError,
                detail: "An unexpected error occurred. Quote request id \(context.requestID) to the operators.")
        }
    }
}
