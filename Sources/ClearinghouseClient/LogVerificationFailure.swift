/// Why a log did not verify. Each case names what a monitor must act on.
public enum LogVerificationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The checkpoint's signature does not verify with the given key, or it names another log.
    case badSignature(String)
    /// The log's history differs from a checkpoint it signed before: it was rewritten or forked.
    case inconsistentHistory(String)
    /// An entry is not in the signed tree as served.
    case entryNotIncluded(index: UInt64, reason: String)
    /// The log did not answer, or answered something that is not the API.
    case unusableResponse(String)
    /// The remembered checkpoint could not be read.
    case unreadableState(String)

    public var description: String {
        switch self {
        case .badSignature(let detail): "bad signature: \(detail)"
        case .inconsistentHistory(let detail): "inconsistent history: \(detail)"
        case .entryNotIncluded(let index, let reason): "entry \(index) not included: \(reason)"
        case .unusableResponse(let detail): "unusable response: \(detail)"
        case .unreadableState(let detail): "unreadable state file: \(detail)"
        }
    }
}
