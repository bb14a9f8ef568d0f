import ClearinghouseCore
import Hummingbird

extension Request {
    /// The page a list route is asked for: its `limit` and `cursor` query parameters.
    ///
    /// - Throws: `ClearinghouseError` for a limit that is not a number or a cursor this server did not write.
    func pageRequest() throws -> PageRequest {
        try PageRequest(
            limit: uri.queryParameters["limit"].map(String.init), cursor: uri.queryParameters["cursor"].map(String.init)
        )
    }
}
