public import ClearinghouseCore
public import Hummingbird

/// What the server knows about a request beyond the request itself: its id and who is asking.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is asking; set by ``AuthenticationMiddleware``.
    public var party: Party = .anonymous
    /// The request id: the caller's `X-Request-Id` when it is sane, otherwise one made here.
    public var requestID: String = ""

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// The member making the request.
    ///
    /// - Throws: the `unauthenticated` error when the request carries no token.
    func requireMember() throws(ClearinghouseError) -> Member {
        guard let member = party.member else { throw .unauthenticated }
        return member
    }
}
