public import ClearinghouseCore
import Foundation
public import HTTPTypes
import Hummingbird
import JSONSupport

/// An error response as RFC 9457 describes it, with Clearinghouse's stable `code`.
///
/// `type` is `urn:clearinghouse:problem:<code>`; `docs/api.md` lists every code.
public struct Problem: Error, Sendable {
    public var status: HTTPResponse.Status
    public var code: ClearinghouseError.Code
    public var detail: String
    public var field: String?
    /// Headers the response must carry, such as `Allow` or `WWW-Authenticate`.
    public var headers: HTTPFields
    /// Members beside the standard ones that say more about this kind of problem (RFC 9457's extension members),
    /// such as the leases a refused scan claim conflicts with.
    var extensions: (@Sendable (inout JSONWriter) -> Void)?

    /// Creates a problem.
    public init(
        _ status: HTTPResponse.Status, code: ClearinghouseError.Code, detail: String, field: String? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.detail = detail
        self.field = field
        self.headers = headers
    }

    /// The problem that answers a domain error.
    public init(_ error: ClearinghouseError) {
        var headers: HTTPFields = [:]
        if error.code == .unauthenticated {
            headers[.wwwAuthenticate] = #"Bearer realm="clearinghouse""#
        }
        self.init(
            Self.status(for: error.code), code: error.code, detail: error.message, field: error.field, headers: headers)
    }

    static func status(for code: ClearinghouseError.Code) -> HTTPResponse.Status {
        switch code {
        case .invalidRequest, .invalidField, .invalidCursor: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound, .routeNotFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .conflict, .alreadyBootstrapped, .recentlyScanned: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .quotaExceeded: .tooManyRequests
        case .unavailable, .schemaMismatch: .serviceUnavailable
        default: .internalServerError
        }
    }

    /// Renders the problem for a request.
    func response(requestID: String) -> Response {
        var json = JSONWriter()
        json.object { json in
            json.field("type", "urn:clearinghouse:problem:\(code.rawValue)")
            json.field("title", status.reasonPhrase)
            json.field("status", status.code)
            json.field("detail", detail)
            json.field("code", code.rawValue)
            json.field("field", field)
            json.field("request_id", requestID)
            extensions?(&json)
        }
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json.bytes)))
    }
}
