public import ClearinghouseCore
public import Hummingbird
import Synchronization

/// What the server knows about a request beyond the request itself: its id and who is asking.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is asking; set by ``AuthenticationMiddleware``.
    public var party: Party = .anonymous
    /// The request id: the caller's `X-Request-Id` when it is sane, otherwise one made here.
    public var requestID: String = ""
    /// What inner middleware learns and outer middleware reports, across the copies of this context.
    let notes = RequestNotes()

    /// The client's IP address, when the connection has one (tests' connections do not).
    public let clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The member making the request.
    ///
    /// - Throws: the `unauthenticated` error when the request carries no token.
    func requireMember() throws(ClearinghouseError) -> Member {
        guard let member = party.member else { throw .unauthenticated }
        return member
    }
}

/// Facts about a request that an inner middleware learns and an outer one reports: contexts are values, copied at
/// every middleware, so these live in a shared object.
final class RequestNotes: Sendable {
    private let authenticated = Mutex<Member?>(nil)

    /// The member that the request authenticated as, once known.
    var member: Member? {
        get { authenticated.withLock { $0 } }
        set { authenticated.withLock { $0 = newValue } }
    }
}
