/// An error that the domain reports to a caller: what went wrong, in a stable machine-readable `code`, and a
/// message that says what to fix.
///
/// The server maps codes to HTTP statuses and RFC 9457 problem documents; the CLI prints the message. Codes are
/// part of the public contract: once shipped, a code keeps its meaning.
public struct ClearinghouseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier for a kind of error, written in snake_case.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The request is malformed as a whole (not JSON, empty, wrong shape).
        public static let invalidRequest = Code(rawValue: "invalid_request")
        /// One field of the request has a missing, malformed or unacceptable value; `field` names it.
        public static let invalidField = Code(rawValue: "invalid_field")
        /// A pagination cursor was not one this server issued.
        public static let invalidCursor = Code(rawValue: "invalid_cursor")
        /// No credentials, or credentials that are malformed, unknown, expired or revoked.
        public static let unauthenticated = Code(rawValue: "unauthenticated")
        /// The caller is known but its role or organization does not allow the action.
        public static let forbidden = Code(rawValue: "forbidden")
        /// The record does not exist, or the caller may not know that it exists.
        public static let notFound = Code(rawValue: "not_found")
        /// The request conflicts with the current state of a record.
        public static let conflict = Code(rawValue: "conflict")
        /// The instance already has its first coordinator organization.
        public static let alreadyBootstrapped = Code(rawValue: "already_bootstrapped")
        /// The request body is larger than the route accepts.
        public static let payloadTooLarge = Code(rawValue: "payload_too_large")
        /// The request body is not in a media type that the route accepts.
        public static let unsupportedMediaType = Code(rawValue: "unsupported_media_type")
        /// A scan claim's scope was scanned to completion with the same technique within the cool-down.
        public static let recentlyScanned = Code(rawValue: "recently_scanned")
        /// The organization reached the intake quota a coordinator set for it.
        public static let quotaExceeded = Code(rawValue: "quota_exceeded")
        /// The route exists but not for this HTTP method.
        public static let methodNotAllowed = Code(rawValue: "method_not_allowed")
        /// No route matches the path.
        public static let routeNotFound = Code(rawValue: "route_not_found")
        /// A dependency (the database) cannot serve the request now.
        public static let unavailable = Code(rawValue: "unavailable")
        /// The database schema does not match this build (newer, or a shipped migration was edited).
        public static let schemaMismatch = Code(rawValue: "schema_mismatch")
        /// An unexpected failure; details are in the server log under the request id.
        public static let internalError = Code(rawValue: "internal_error")
    }

    /// What kind of error this is.
    public var code: Code
    /// A sentence for people: what is wrong and what to do about it.
    public var message: String
    /// The request field at fault, as its JSON name or query parameter, when one is.
    public var field: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    public var description: String { message }

    /// An `invalid_field` error for the named field.
    public static func invalidField(_ field: String, _ message: String) -> ClearinghouseError {
        ClearinghouseError(.invalidField, message, field: field)
    }

    /// The single `not_found` error used for every record the caller cannot see, so that a denied read and a
    /// missing record are indistinguishable.
    public static func notFound(_ kind: String) -> ClearinghouseError {
        ClearinghouseError(.notFound, "No \(kind) with that id exists, or you may not see it.")
    }

    /// The single `unauthenticated` error, the same for missing, malformed, unknown, expired and revoked tokens.
    public static let unauthenticated = ClearinghouseError(
        .unauthenticated,
        "This request needs a valid API token: send `Authorization: Bearer <token>` with a token that is neither expired nor revoked."
    )
}
