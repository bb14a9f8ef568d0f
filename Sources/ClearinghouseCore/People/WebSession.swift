import Crypto
public import Foundation

/// A person's signed-in session in the web interface. The browser holds its secret (a `chses_` ``TokenSecret``)
/// in an HttpOnly cookie; the store keeps its SHA-256 only.
public struct WebSession: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<WebSession>

    /// What a session may do.
    public enum Stage: String, Sendable, Hashable {
        /// Everything the person's role allows.
        case signedIn = "signed_in"
        /// Only enrol a second factor: the person's password was right, but their role or organization requires a
        /// second factor and they have none yet.
        case enrollingSecondFactor = "enrolling_second_factor"
    }

    public var id: ID
    public var personID: Person.ID
    public var prefix: String
    public var secretHash: [UInt8]
    public var stage: Stage
    /// An authenticator secret shown to the person and not yet confirmed with a code.
    public var pendingSecondFactor: TOTP?
    public var createdAt: Date
    /// The last request, to ``SessionLifetime/touchResolution``.
    public var lastSeenAt: Date
    /// When the person signed out, or was signed out everywhere.
    public var endedAt: Date?

    public init(
        id: ID, personID: Person.ID, prefix: String, secretHash: [UInt8], stage: Stage = .signedIn,
        pendingSecondFactor: TOTP? = nil, createdAt: Date, lastSeenAt: Date, endedAt: Date? = nil
    ) {
        self.id = id
        self.personID = personID
        self.prefix = prefix
        self.secretHash = secretHash
        self.stage = stage
        self.pendingSecondFactor = pendingSecondFactor
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.endedAt = endedAt
    }
}

extension WebSession {
    /// Starts a session for a person: a new secret, for the browser's cookie, and its record.
    public static func start(
        for person: Person.ID, stage: Stage, dependencies: Dependencies
    ) -> (session: WebSession, secret: TokenSecret) {
        let secret = TokenSecret(.session, randomBytes: dependencies.randomBytes)
        let now = dependencies.now()
        let session = WebSession(
            id: dependencies.makeID(), personID: person, prefix: secret.prefix, secretHash: secret.hash, stage: stage,
            createdAt: now, lastSeenAt: now)
        return (session, secret)
    }
}

/// How long sessions last, and whether one still does.
public struct SessionLifetime: Sendable, Hashable {
    /// A session unused this long ends.
    public var idle: TimeInterval
    /// A session ends this long after sign-in, however busy.
    public var absolute: TimeInterval

    /// 30 minutes idle, 12 hours in all: a working day, with a new sign-in after a long break.
    public static let standard = SessionLifetime(idle: 30 * 60, absolute: 12 * 3600)

    /// How stale `lastSeenAt` may get before a request records itself: a write per minute, not per request.
    public static let touchResolution: TimeInterval = 60

    public init(idle: TimeInterval, absolute: TimeInterval) {
        self.idle = idle
        self.absolute = absolute
    }

    /// What a presented session is worth now.
    public enum State: Sendable, Hashable {
        case active(touch: Bool)
        case ended
    }

    /// Checks a presented secret against the session stored under its prefix.
    public func state(of session: WebSession?, presented secret: TokenSecret, now: Date) -> State {
        guard let session, secret.kind == .session, constantTimeEquals(secret.hash, session.secretHash),
            session.endedAt == nil, now < session.createdAt.addingTimeInterval(absolute),
            now < session.lastSeenAt.addingTimeInterval(idle)
        else { return .ended }
        return .active(touch: now.timeIntervalSince(session.lastSeenAt) >= Self.touchResolution)
    }
}

/// The token every form of a session carries (the synchronizer pattern): an HMAC under a key derived from the
/// session's secret, so that it needs no storage, differs per session, and a page of one session cannot post as
/// another.
public enum FormToken {
    /// The token for forms of a session.
    public static func make(for secret: TokenSecret) -> String {
        let key = SymmetricKey(data: SHA256.hash(data: Data(("form-token:" + secret.text).utf8)))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("clearinghouse forms".utf8), using: key)
        return Data(mac).base64URLEncodedString
    }

    /// Whether a posted token is the session's, compared in constant time.
    public static func verify(_ posted: String?, for secret: TokenSecret) -> Bool {
        guard let posted, posted.utf8.count <= 64 else { return false }
        return constantTimeEquals(Array(posted.utf8), Array(make(for: secret).utf8))
    }
}
